"""Issue 11: reading a code does not apply it. A click shows the definition; applying is a
double-click, Enter, the Apply button, the context menu or the code's key."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui_helpers import SENTENCE, live_segments, word_points
from test_coding import _drag, _open_haarlem_page_15


def _select_sentence(qtbot, w):
    first, last, span = word_points(w, 16, SENTENCE)
    _drag(qtbot, w.pane.view, first, last)
    assert w.pane.view.selection_span() == span


def _code_rect(w, code_id):
    tree = w.codebook.tree
    index = w.codebook.index_of(code_id)
    tree.scrollTo(index)
    return tree.visualRect(index).center()


def test_a_click_on_a_code_with_text_selected_shows_the_definition_and_does_not_code(
        qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    _select_sentence(qtbot, w)
    tree = w.codebook.tree
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=_code_rect(w, "MECH-BURGERBERAAD"))
    assert live_segments(demo_project_path, coder="Tester") == []
    assert w.pane.view.selection_span() is not None  # the selection is kept for the explicit act
    text = w.codebook.details.toPlainText()
    assert text.startswith("Burgerberaad MECH-BURGERBERAAD") and "Definition:" in text and "Include:" in text
    assert w.codebook.apply_button.isEnabled()
    # the Apply button codes it
    qtbot.mouseClick(w.codebook.apply_button, Qt.MouseButton.LeftButton)
    rows = live_segments(demo_project_path, coder="Tester")
    assert [(r["code"], r["quote"]) for r in rows] == [("MECH-BURGERBERAAD", SENTENCE)]


def test_enter_on_a_code_applies_it(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    _select_sentence(qtbot, w)
    tree = w.codebook.tree
    tree.setFocus()
    tree.setCurrentIndex(w.codebook.index_of("THEMA-WIJK"))
    assert live_segments(demo_project_path, coder="Tester") == []
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert [r["code"] for r in live_segments(demo_project_path, coder="Tester")] == ["THEMA-WIJK"]


def test_a_category_cannot_be_applied(qtbot, open_window):
    w = open_window("Tester")
    cat = next(c for c in w.workspace.codes() if c.kind == "category")
    w.codebook.select_code(cat.uuid)
    assert w.codebook.apply_button.isEnabled() is False
