"""The Matrix and Summary views, driven with the mouse on the demo project."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.segments import code_quote
from burgerannotator.gui import matrix_view, summary_view
from burgerannotator.gui.matrix_view import MatrixView
from burgerannotator.gui.summary_view import SummaryView
from burgerannotator.gui.workspace import Workspace

QUOTE_1 = "Nijmegenaren krijgen het Uitdaagrecht"
QUOTE_2 = "De Stadsgesprekken zetten wij voort"


@pytest.fixture
def tester_segments(demo_project):
    p = demo_project
    tester = get_or_create_coder(p, "Tester")
    doc = find_document(p, "Nijmegen")
    code = find_code(p, "MECH-UITDAAGRECHT")
    later = code_quote(p, doc, QUOTE_1, code, tester)  # further into the document
    first = code_quote(p, doc, QUOTE_2, code, tester)
    assert first.start < later.start
    return p, first, later


def _cell(view, city, code_name):
    m = view.model.matrix
    row = [r.label for r in m.rows].index(city)
    col = [c.name for c in m.columns].index(code_name)
    return view.model.index(row, col)


def _click(qtbot, view, index):
    view.table.scrollTo(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center())


def test_click_a_cell_lists_segments_and_jumps(qtbot, tester_segments):
    p, first, later = tester_segments
    view = MatrixView(p)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.set_coders("coder", "Tester")
    view.set_measure("count")
    index = _cell(view, "Nijmegen", "Uitdaagrecht")
    assert index.data() == "2"
    with qtbot.waitSignal(view.segment_activated) as sig:
        _click(qtbot, view, index)
    assert sig.args == [first.document.uuid, first.start, first.end]
    assert view.segment_list.count() == 2
    with qtbot.waitSignal(view.segment_activated) as sig:
        item = view.segment_list.item(1)
        qtbot.mouseClick(view.segment_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.segment_list.visualItemRect(item).center())
    assert sig.args == [later.document.uuid, later.start, later.end]
    # an empty cell lists nothing and emits nothing
    with qtbot.assertNotEmitted(view.segment_activated):
        _click(qtbot, view, _cell(view, "Breda", "Uitdaagrecht"))
    assert view.segment_list.count() == 0


def test_selectors_and_live_refresh(qtbot, tester_segments):
    p, first, _ = tester_segments
    view = MatrixView(p)
    qtbot.addWidget(view)
    view.set_coders("coder", "Tester")
    view.hide_empty.setChecked(True)
    assert [c.code_id for c in view.model.matrix.columns] == ["MECH-UITDAAGRECHT"]
    view.set_measure("coverage")
    assert _cell(view, "Nijmegen", "Uitdaagrecht").data().endswith("%")
    heat = _cell(view, "Nijmegen", "Uitdaagrecht").data(Qt.ItemDataRole.BackgroundRole)
    assert heat is not None and heat.color().name() != "#ffffff"
    view.set_coders("by-coder")
    assert {c.coder_name for c in view.model.matrix.columns} >= {"Tester", "Demo coder A"}
    # coding elsewhere shows up without reopening the view (which follows the workspace's changes)
    workspace = Workspace(p, first.coder)
    workspace.listen(view, view.KINDS, view.on_changes)
    view.set_coders("coder", "Tester")
    view.set_measure("count")
    code_quote(p, find_document(p, "Amsterdam"), "Buurtrechten en buurtbudgetten", find_code(p, "MECH-BUURTRECHTEN"),
               first.coder)
    qtbot.waitUntil(lambda: "Buurtrechten" in [c.name for c in view.model.matrix.columns], timeout=2000)
    workspace.close()


def test_summary_view_link_jumps(qtbot, tester_segments):
    p, first, _ = tester_segments
    view = SummaryView(p)
    qtbot.addWidget(view)
    view.resize(800, 900)
    view.show()
    view.show_document(first.document.uuid)
    text = view.browser.toPlainText()
    assert "Uitdaagrecht" in text and "Tester" in text and "Scales" in text
    cursor = view.browser.document().find("Stadsgesprekken zetten", 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull()
    view.browser.setTextCursor(cursor)
    view.browser.ensureCursorVisible()
    pos = view.browser.cursorRect(cursor).center()
    pos.setX(pos.x() - 20)
    with qtbot.waitSignal(view.segment_activated) as sig:
        qtbot.mouseClick(view.browser.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert sig.args[0] == first.document.uuid and sig.args[1] <= first.start < sig.args[2]


def test_installed_in_the_main_window_with_export_actions(qtbot, open_window):
    window = open_window("Tester")
    mv = window.findChild(matrix_view.MatrixView)
    sv = window.findChild(summary_view.SummaryView)
    assert mv.project is window.workspace.project and sv.project is window.workspace.project
    export = window.menus["File/Export"]
    texts = [a.text() for a in export.actions()]
    assert texts == ["Matrix (CSV or Excel)...", "Everything (Excel workbook)...",
                     "Summary per document (HTML, Markdown, CSV)..."]
    haarlem = next(d for d in window.workspace.documents() if d.city == "Haarlem")
    with qtbot.waitSignal(window.spanShown, timeout=3000) as shown:
        mv.segment_activated.emit(haarlem.uuid, 10, 20)
    assert shown.args == [haarlem.uuid, 10, 20]
    assert window.workspace.document is haarlem
