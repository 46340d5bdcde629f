"""The memo editor: a wrapping text box; Ctrl+Enter saves, Tab moves on to the buttons (so
the keyboard alone gets in and out), Escape cancels."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout


class MemoDialog(QDialog):
    def __init__(self, parent, label: str, text: str):
        super().__init__(parent)
        self.setObjectName("memoDialog")
        self.setWindowTitle(self.tr("Memo"))
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.editor = QPlainTextEdit(text)
        self.editor.setAccessibleName(self.tr("Memo text"))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.editor.setTabChangesFocus(True)
        self.label.setBuddy(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Ctrl+Enter saves, Escape cancels."))
        hint.setStyleSheet("color: gray")
        box = QVBoxLayout(self)
        box.addWidget(self.label)
        box.addWidget(self.editor, 1)
        box.addWidget(hint)
        box.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.resize(520, 300)
        self.editor.setFocus()
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)


def edit_memo(parent, label: str, text: str) -> tuple[str, bool]:
    """Ask for a memo; returns (text, True) when saved, (old text, False) when cancelled."""
    dialog = MemoDialog(parent, label, text)
    try:
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.editor.toPlainText() if ok else text), ok
    finally:
        dialog.deleteLater()
