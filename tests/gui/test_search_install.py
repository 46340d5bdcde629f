"""The search panel and the review queue installed in the main window: hits open on their page."""
from __future__ import annotations

from PySide6.QtCore import Qt

from burgerannotator.core.codebook import find_code
from burgerannotator.core.dictionary import autocode
from burgerannotator.core.segments import segments
from burgerannotator.gui import search_panel, suggestion_review


def menu_action(window, menu, text):
    return next(a for a in window.menus[menu].actions() if a.text() == text)


def test_installed_search_opens_and_codes_hits(qtbot, open_window):
    window = open_window("Searcher")
    panel = window.findChild(search_panel.SearchPanel)  # installed by the window
    assert panel.workspace is window.workspace
    menu_action(window, "Edit", "Search documents…").trigger()
    assert panel.isVisible() and panel.query.hasFocus()
    qtbot.keyClicks(panel.query, "burgerbera*")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    item = panel.tree.topLevelItem(1).child(0)  # Haarlem
    panel.tree.setCurrentItem(item)
    with qtbot.waitSignal(window.spanShown) as blocker:
        panel.tree.itemActivated.emit(item, 0)
    assert window.workspace.document.label == "Haarlem"
    uuid, start, end = blocker.args
    assert window.workspace.document.text[start:end] == "burgerberaad"
    window.codebook.select_code(find_code(window.workspace.project, "MECH-BURGERBERAAD").uuid)
    panel.code_current_hit()
    assert [s.quote for s in segments(window.workspace.project, coder=window.workspace.coder)] == ["burgerberaad"]
    window.workspace.undo()  # coded through the window's undo stack
    assert segments(window.workspace.project, coder=window.workspace.coder) == []


def test_installed_review_jumps_to_suggestions(qtbot, open_window):
    window = open_window("Reviewer")
    project = window.workspace.project
    autocode(project, window.workspace.coder, [find_code(project, "MECH-DIGITAAL")])
    review = window.findChild(suggestion_review.SuggestionReview)  # installed by the window
    menu_action(window, "Code", "Review dictionary suggestions…").trigger()  # shows the panel, focus in the queue
    assert review.isVisible() and review.count() == 1
    review.list.setCurrentRow(-1)
    review._announced = None
    with qtbot.waitSignal(window.spanShown):
        review.list.setCurrentRow(0)
    assert window.workspace.document.label == "Nijmegen"
    qtbot.keyClick(review.list, Qt.Key.Key_A)
    assert [s.quote for s in segments(project, coder=window.workspace.coder)] == ["MijnWijkplan"]
    window.workspace.undo()
    assert review.count() == 1 and segments(project, coder=window.workspace.coder) == []
