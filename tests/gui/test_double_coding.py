"""Issue 11: the same key twice on the same passage leaves one segment and says so; a
selection overlapping a segment of the same code extends it (when the coder agrees)."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gui_helpers import SENTENCE, live_segments, word_points
from test_coding import _drag, _key_for, _open_haarlem_page_15
from PySide6.QtCore import Qt

FIRST_PART = "Voor thema's die op stadsniveau spelen"


def _press(qtbot, w, key):
    qtbot.keyClick(w.pane.view, getattr(Qt.Key, f"Key_{key}"))


def _select(qtbot, w, quote):
    first, last, span = word_points(w, 16, quote)
    _drag(qtbot, w.pane.view, first, last)
    assert w.pane.view.selection_span() == span
    return span


def _answer_later(button_text: str, seen: list):
    """Click ``button_text`` in the extend question once it shows (it runs its own event loop)."""
    def attempt():
        boxes = [b for b in QApplication.topLevelWidgets()
                 if isinstance(b, QMessageBox) and b.objectName() == "extend-segment-question" and b.isVisible()]
        if not boxes:
            QTimer.singleShot(20, attempt)
            return
        seen.append(boxes[0].text())
        next(b for b in boxes[0].buttons() if b.text() == button_text).click()
    QTimer.singleShot(0, attempt)


def test_same_key_twice_on_the_same_passage_leaves_one_segment(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    key = _key_for(w, "MECH-BURGERBERAAD")
    _select(qtbot, w, SENTENCE)
    _press(qtbot, w, key)
    assert len(live_segments(demo_project_path, coder="Tester")) == 1
    _select(qtbot, w, SENTENCE)
    _press(qtbot, w, key)
    rows = live_segments(demo_project_path, coder="Tester")
    assert len(rows) == 1
    assert w.statusBar().currentMessage() == "Already coded: Burgerberaad on this passage; nothing added."
    assert w.coding_actions.selected_uuid == rows[0]["uuid"]
    assert len(w.workspace.history) == 1  # nothing to undo for the refused second coding


def test_overlapping_same_code_selection_extends_the_segment(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    key = _key_for(w, "MECH-BURGERBERAAD")
    _select(qtbot, w, FIRST_PART)
    _press(qtbot, w, key)
    [before] = live_segments(demo_project_path, coder="Tester")
    assert before["quote"] == FIRST_PART
    _select(qtbot, w, SENTENCE)
    seen: list = []
    _answer_later("Extend the segment", seen)
    _press(qtbot, w, key)
    assert len(seen) == 1 and "overlapping passage (p. 15)" in seen[0]
    rows = live_segments(demo_project_path, coder="Tester")
    assert [(r["uuid"], r["quote"]) for r in rows] == [(before["uuid"], SENTENCE)]
    assert w.statusBar().currentMessage() == "Extended your Burgerberaad segment; no second segment added."
    # undo brings the segment back to its first extent
    assert len(w.workspace.history) == 2
    w.activateWindow()  # the offscreen platform does not give focus back after a dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    qtbot.keyClick(w.pane.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r["quote"] for r in live_segments(demo_project_path, coder="Tester")] == [FIRST_PART]


def test_overlapping_selection_can_still_be_a_second_segment(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    key = _key_for(w, "MECH-BURGERBERAAD")
    _select(qtbot, w, FIRST_PART)
    _press(qtbot, w, key)
    _select(qtbot, w, SENTENCE)
    seen: list = []
    _answer_later("Code a second segment", seen)
    _press(qtbot, w, key)
    assert sorted(r["quote"] for r in live_segments(demo_project_path, coder="Tester")) == [FIRST_PART, SENTENCE]
