"""Under the document list: the DIEPGANG combo (chosen from the keyboard, stored for the
current coder only, undoable) and the document attributes dialog (edited by typing)."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QPushButton

from burgerannotator.core.coders import find_coder
from burgerannotator.core.scales import find_scale, scale_value
from burgerannotator.core.store import Project
from burgerannotator.gui.document_details import AttributesDialog


def _show(window, city):
    doc = next(d for d in window.workspace.documents() if d.city == city)
    window.show_document(doc.uuid)
    return doc


def _stored_scale(path, city, coder):
    project = Project.open(path, readonly=True)
    try:
        from burgerannotator.core.documents import find_document
        return scale_value(project, find_document(project, city), find_scale(project, "DIEPGANG"),
                           find_coder(project, coder))
    finally:
        project.close()


def test_diepgang_combo_sets_the_value_for_this_coder_only_and_undoes(qtbot, open_window, demo_project_path):
    window = open_window("Tester")
    _show(window, "Haarlem")
    combo = window.details.combos["DIEPGANG"]
    assert combo.currentText() == "—"
    combo.setFocus()
    for _ in range(3):
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # each step is a choice (activated), like a user's
    assert combo.currentData() == 3 and combo.currentText().startswith("3 Gedelegeerde")
    assert _stored_scale(demo_project_path, "Haarlem", "Tester") == 3
    assert _stored_scale(demo_project_path, "Haarlem", "Demo coder A") is None
    assert len(window.workspace.history) == 3

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored_scale(demo_project_path, "Haarlem", "Tester") == 2
    assert combo.currentData() == 2
    for _ in range(2):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored_scale(demo_project_path, "Haarlem", "Tester") is None and combo.currentText() == "—"

    # another document shows its own value; another coder sees their own judgement, not Tester's
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert combo.currentData() == 1
    _show(window, "Nijmegen")
    assert combo.currentText() == "—"
    window.switch_coder("Demo coder A")
    assert combo.currentData() == 3  # Demo coder A judged Nijmegen 3
    _show(window, "Haarlem")
    assert combo.currentText() == "—"
    assert _stored_scale(demo_project_path, "Haarlem", "Tester") == 1


def _edit_cell(qtbot, table, row, col, text):
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = next(e for e in table.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: table.item(row, col).text() == text, timeout=2000)


def test_attributes_dialog_edits_adds_and_undo_restores(qtbot, open_window):
    window = open_window("Tester")
    doc = _show(window, "Haarlem")
    before = dict(doc.attributes)
    assert before["period"] == "2022-2026"
    seen = {}

    def fill():
        dialog = window.details.findChild(AttributesDialog)
        seen["open"] = dialog is not None and dialog.isVisible()
        table = dialog.table
        keys = [table.item(r, 0).text() for r in range(table.rowCount())]
        _edit_cell(qtbot, table, keys.index("period"), 1, "2022-2027")
        qtbot.mouseClick(next(b for b in dialog.findChildren(QPushButton) if b.text() == "Add attribute"),
                         Qt.MouseButton.LeftButton)
        new = table.rowCount() - 1
        _edit_cell(qtbot, table, new, 0, "province")
        _edit_cell(qtbot, table, new, 1, "Noord-Holland")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(window.details.attributes_button, Qt.MouseButton.LeftButton)  # modal: fill() answers it
    assert seen["open"]
    window.activateWindow()  # the window manager's part when a dialog closes (offscreen has none)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    assert doc.attributes == {**before, "period": "2022-2027", "province": "Noord-Holland"}
    assert isinstance(doc.attributes["rank"], int)
    # the document list finds it by the new attribute
    qtbot.keyClicks(window.documents.filter, "noord-holland")
    proxy = window.documents.proxy
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Haarlem"
    window.documents.filter.clear()

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.attributes == before
    window.documents.filter.setText("noord-holland")
    assert proxy.rowCount() == 0
