"""Who is coding: asked at first start (kept per machine), switchable later."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout


class CoderDialog(QDialog):
    def __init__(self, names: list[str], current: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is coding?"))
        self.combo = QComboBox(editable=True)
        self.combo.setAccessibleName(self.tr("Coder name"))
        self.combo.addItems(names)
        self.combo.setEditText(current)
        self.combo.lineEdit().setPlaceholderText(self.tr("your name"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("Your name as coder. Segments are recorded under it; in blind mode you see\n"
                             "only your own. Choose an existing coder or type a new name.")))
        box.addWidget(self.combo)
        box.addWidget(buttons)

    def name(self) -> str:
        return self.combo.currentText().strip()


def ask_coder_name(parent, names: list[str], current: str = "") -> str | None:
    dialog = CoderDialog(names, current, parent)
    try:
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if dialog.name():
                return dialog.name()
        return None
    finally:
        dialog.deleteLater()  # not kept as a hidden child of the window after each switch
