"""The search panel, driven like a user: type a query, read the hits, open one, code one."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.segments import segments
from burgerannotator.gui.search_panel import HIT_ROLE, SearchPanel
from burgerannotator.gui.workspace import Workspace


@pytest.fixture
def panel(qtbot, demo_project):
    coder = get_or_create_coder(demo_project, "Searcher")
    workspace = Workspace(demo_project, coder)
    widget = SearchPanel()
    widget.set_workspace(workspace)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    workspace.close()


def search_for(qtbot, panel, query):
    panel.query.clear()
    qtbot.keyClicks(panel.query, query)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)


def tops(panel):
    return [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]


def test_typing_a_query_lists_hits_per_document(qtbot, panel):
    search_for(qtbot, panel, "burgerbera*")
    assert tops(panel) == ["Eindhoven  (1)", "Haarlem  (1)"]
    assert panel.summary.text() == "2 hits in 2 documents"
    hit = panel.tree.topLevelItem(1).child(0)
    assert hit.text(0).startswith("p. 15") and "burgerberaad in; ten minste" in hit.text(0)
    search_for(qtbot, panel, '"lokale democratie" OR cooperaties')
    assert tops(panel) == ["Haarlem  (1)", "Amersfoort  (1)"]


def test_double_click_on_a_hit_jumps_to_it(qtbot, panel, demo_project):
    search_for(qtbot, panel, "uitdaagrecht")
    item = panel.tree.topLevelItem(0).child(0)  # Nijmegen, the hyphenated Uit-/daagrecht
    rect = panel.tree.visualItemRect(item)
    with qtbot.waitSignal(panel.hit_activated) as blocker:
        # a real double click: press, release, double-click press, release
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    uuid, start, end = blocker.args
    doc = find_document(demo_project, uuid)
    assert doc.label == "Nijmegen" and doc.text[start:end] == "Uitdaagrecht"


def test_enter_on_a_hit_jumps_and_ctrl_return_codes_it(qtbot, panel, demo_project):
    code = find_code(demo_project, "MECH-BURGERBERAAD")
    search_for(qtbot, panel, "gelote")
    panel.tree.setFocus()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    with qtbot.waitSignal(panel.hit_activated):
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    # no current code yet: a clear message, nothing coded
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Choose a code" in panel.summary.text()
    assert segments(demo_project, coder=panel.workspace.coder) == []
    panel.set_code_provider(lambda: code.uuid)
    with qtbot.waitSignal(panel.hit_coded):
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    coded = segments(demo_project, coder=panel.workspace.coder)
    assert [(s.code.code_id, s.document.label, s.quote) for s in coded] == [("MECH-BURGERBERAAD", "Haarlem", "gelote")]
    assert panel.tree.currentItem().text(0).startswith("✓ MECH-BURGERBERAAD")
    # the button does the same, on the other hit
    panel.tree.setCurrentItem(panel.tree.topLevelItem(1).child(0))
    qtbot.mouseClick(panel.code_button, Qt.MouseButton.LeftButton)
    assert sorted(s.document.label for s in segments(demo_project, coder=panel.workspace.coder)) == \
        ["Amersfoort", "Haarlem"]


def test_a_bad_query_says_why(qtbot, panel):
    search_for(qtbot, panel, "bur*ger")
    assert "may only end a word" in panel.summary.text()
    assert panel.tree.topLevelItemCount() == 0
    assert not panel.code_button.isEnabled()
    search_for(qtbot, panel, "zzzzqq")
    assert panel.summary.text() == "0 hits in 0 documents"
    assert all(panel.tree.topLevelItem(i).child(0).data(0, HIT_ROLE) for i in range(panel.tree.topLevelItemCount()))
