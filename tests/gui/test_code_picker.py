"""The searchable code list, driven from the keyboard: "Code with..." from the page's context
menu, and Ctrl+R to recode the selected segment. Typing filters, arrow keys in the search box
move through what is left, Return applies the highlighted code."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from burgerannotator.core import codebook
from burgerannotator.core.anchoring import find_quote
from burgerannotator.gui.code_picker import UUID_ROLE, CodePicker

from gui_helpers import SENTENCE, live_segments


def _answer(qtbot, window, typed: str, downs: int = 0, seen: dict | None = None):
    """When the picker opens: type ``typed``, press Down ``downs`` times, then Return."""
    seen = {} if seen is None else seen

    def answer():
        try:
            type_and_choose()
        except Exception as exc:  # never leave the modal dialog open: the test would hang
            seen["error"] = exc
            for d in window.findChildren(CodePicker):
                d.reject()

    def type_and_choose():
        dialog = next(d for d in window.findChildren(CodePicker) if d.isVisible())
        seen["title"] = dialog.windowTitle()
        qtbot.keyClicks(dialog.search, typed)
        items = [dialog.list.item(i) for i in range(dialog.list.count())]
        seen["shown"] = [i.text() for i in items if not i.isHidden()]
        seen["all"] = len(items)
        for _ in range(downs):
            qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
        current = dialog.list.currentItem()
        seen["chosen"] = current.data(UUID_ROLE) if current is not None and not current.isHidden() else None
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    return seen


def _reactivate(qtbot, window):
    window.activateWindow()  # the window manager's part when a dialog closes (offscreen has none)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def _select_sentence(w):
    haarlem = next(d for d in w.workspace.documents() if d.city == "Haarlem")
    span = find_quote(haarlem.text, SENTENCE)
    w.show_span(haarlem.uuid, span.start, span.end)
    assert w.pane.view.selection_span() == span


def test_code_with_from_the_context_menu_filters_and_applies(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _select_sentence(w)
    menu = w.coding_actions.context_menu(None)
    action = next(a for a in menu.actions() if a.text().startswith("Code with"))
    seen = _answer(qtbot, w, "burger", downs=1)
    action.trigger()
    assert "error" not in seen
    assert seen["title"] == "Code with"
    assert 1 < len(seen["shown"]) < seen["all"]
    assert all("burger" in text.casefold() for text in seen["shown"])
    second = seen["shown"][1]
    [seg] = live_segments(demo_project_path, coder="Tester")
    assert seg["quote"] == SENTENCE and f"({seg['code']})" in second  # the second match was applied
    assert codebook.find_code(w.workspace.project, seg["code"]).uuid == seen["chosen"]


def test_ctrl_r_recodes_with_the_typed_code_and_a_miss_changes_nothing(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _select_sentence(w)
    qtbot.keyClick(w.pane.view, Qt.Key.Key_1)
    [seg] = live_segments(demo_project_path, coder="Tester")
    first_code = seg["code"]
    assert w.coding_actions.selected_uuid == seg["uuid"]

    seen = _answer(qtbot, w, "no such code")
    qtbot.keyClick(w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "error" not in seen
    assert seen["title"] == "Recode as" and seen["shown"] == [] and seen["chosen"] is None
    assert live_segments(demo_project_path, coder="Tester")[0]["code"] == first_code

    _reactivate(qtbot, w)
    seen = _answer(qtbot, w, "GROEN")
    qtbot.keyClick(w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "error" not in seen and len(seen["shown"]) == 1
    assert live_segments(demo_project_path, coder="Tester")[0]["code"] == "THEMA-GROEN"
    qtbot.waitUntil(lambda: not w.findChildren(CodePicker), timeout=2000)  # no picker kept after use
    _reactivate(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert live_segments(demo_project_path, coder="Tester")[0]["code"] == first_code
