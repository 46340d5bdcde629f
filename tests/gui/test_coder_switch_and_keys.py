"""Switching coder from the status bar (the name dialog answered by typing), and moving around
the window from the keyboard: Alt+1..4 focus the panels, arrow keys walk the document list."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QToolButton

from burgerannotator.gui import settings
from burgerannotator.gui.coder_dialog import CoderDialog

from gui_helpers import SENTENCE, live_segments


def _answer_coder_dialog(qtbot, window, name: str | None, seen: dict):
    """When the coder dialog opens: type ``name`` and press Return (None: press Escape)."""
    def answer():
        try:
            dialog = next(d for d in window.findChildren(CoderDialog) if d.isVisible())
            seen["names"] = [dialog.combo.itemText(i) for i in range(dialog.combo.count())]
            seen["current"] = dialog.combo.currentText()
            edit = dialog.combo.lineEdit()
            if name is None:
                qtbot.keyClick(edit, Qt.Key.Key_Escape)
                return
            edit.selectAll()
            qtbot.keyClicks(edit, name)
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        except Exception as exc:  # never leave the modal dialog open: the test would hang
            seen["error"] = exc
            for d in window.findChildren(CoderDialog):
                d.reject()
    QTimer.singleShot(0, answer)


def _switch_button(window) -> QToolButton:
    return next(b for b in window.statusBar().findChildren(QToolButton) if b.text() == "Switch coder")


def _reactivate(qtbot, window):
    window.activateWindow()  # the window manager's part when a dialog closes (offscreen has none)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def test_switch_coder_from_the_status_bar(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    haarlem = next(d for d in w.workspace.documents() if d.city == "Haarlem")
    from burgerannotator.core.anchoring import find_quote
    span = find_quote(haarlem.text, SENTENCE)
    w.show_span(haarlem.uuid, span.start, span.end)
    qtbot.keyClick(w.pane.view, Qt.Key.Key_1)
    [mine] = live_segments(demo_project_path, coder="Tester")
    assert len(w.workspace.history) == 1
    qtbot.waitUntil(lambda: w.workspace.document_counts[haarlem.uuid] == 1, timeout=2000)

    seen = {}
    _answer_coder_dialog(qtbot, w, None, seen)  # Cancel: nothing changes
    qtbot.mouseClick(_switch_button(w), Qt.MouseButton.LeftButton)
    assert "error" not in seen and seen["current"] == "Tester"
    assert {"Demo coder A", "Demo coder B", "Tester"} <= set(seen["names"])
    assert w.workspace.coder.name == "Tester" and len(w.workspace.history) == 1

    seen = {}
    _answer_coder_dialog(qtbot, w, "Second coder", seen)
    qtbot.mouseClick(_switch_button(w), Qt.MouseButton.LeftButton)
    assert "error" not in seen
    assert w.workspace.coder.name == "Second coder" and settings.coder_name() == "Second coder"
    assert "Second coder" in w.coder_label.text() and "blind" in w.coder_label.text()
    assert len(w.workspace.history) == 0 and not w.undo_action.isEnabled()
    assert w.coding_actions.selected_uuid is None
    assert not any(m.uuid == mine["uuid"] for m in w.pane.view.overlay.marks.values())
    assert w.segments.model_.rowCount() == 0
    assert w.workspace.document_counts[haarlem.uuid] == 0  # the document list counts this coder's
    assert w.documents.proxy.index(w.documents.table.currentIndex().row(), 3).data() == 0
    _reactivate(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # cannot undo Tester's coding
    assert [s["uuid"] for s in live_segments(demo_project_path, coder="Tester")] == [mine["uuid"]]
    qtbot.waitUntil(lambda: not w.findChildren(CoderDialog), timeout=2000)  # no dialog kept after use

    w.switch_coder("Tester")  # back: one's own segment is there again
    assert any(m.uuid == mine["uuid"] and m.own for m in w.pane.view.overlay.marks.values())


def test_alt_keys_focus_the_panels_even_a_hidden_one(qtbot, open_window):
    w = open_window("Tester")
    targets = {Qt.Key.Key_1: w.documents.table, Qt.Key.Key_2: w.pane.view,
               Qt.Key.Key_3: w.codebook.tree, Qt.Key.Key_4: w.segments}
    for key, widget in targets.items():
        qtbot.keyClick(w, key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is widget, key
    codebook_dock = w.findChild(QDockWidget, "dock-codebook")
    codebook_dock.hide()
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert codebook_dock.isVisible() and QApplication.focusWidget() is w.codebook.tree


def test_arrow_keys_in_the_document_list_change_the_document(qtbot, open_window):
    w = open_window("Tester")
    table, proxy = w.documents.table, w.documents.proxy
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    first = w.workspace.document
    assert proxy.index(table.currentIndex().row(), 0).data() == first.label
    qtbot.keyClick(table, Qt.Key.Key_Down)
    second = w.workspace.document
    assert second is not first and second.label == proxy.index(1, 0).data()
    assert w.pane.view.layout_ is w.workspace.layout(second)  # the page view shows it
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert w.workspace.document.label == proxy.index(proxy.rowCount() - 1, 0).data()
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert w.workspace.document.label == proxy.index(proxy.rowCount() - 2, 0).data()
    # sorted by city, the arrows follow the order shown
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionPosition(0) + 10, header.height() // 2))
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert w.workspace.document.label == "Almere"
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert w.workspace.document.label == "Amersfoort"
