"""A searchable list of codes (for the context menu: code or recode with any code)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from .models.codebook_model import swatch

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class CodePicker(QDialog):
    def __init__(self, codes, title: str = "Choose a code", parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(420, 460)
        self.search = QLineEdit(placeholderText=self.tr("Type to search codes"))
        self.search.setAccessibleName(self.tr("Search codes"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Codes"))
        for code in codes:
            item = QListWidgetItem(swatch(code.color), f"{code.path}   ({code.code_id})")
            item.setData(UUID_ROLE, code.uuid)
            self.list.addItem(item)
        self.list.itemActivated.connect(lambda _i: self.accept())
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.accept)
        self.search.installEventFilter(self)  # arrow keys in the search box move in the list
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.search)
        box.addWidget(self.list, 1)
        box.addWidget(buttons)
        self._filter("")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress and event.key() in LIST_KEYS:
            self.list.event(event)  # the list skips hidden (filtered out) rows
            return True
        return super().eventFilter(obj, event)

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def chosen_uuid(self) -> str | None:
        item = self.list.currentItem()
        return item.data(UUID_ROLE) if item is not None and not item.isHidden() else None


def pick_code(parent, codes, title: str = "Choose a code") -> str | None:
    dialog = CodePicker(codes, title, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen_uuid()
        return None
    finally:
        dialog.deleteLater()  # not kept as a hidden child of the window after each pick
