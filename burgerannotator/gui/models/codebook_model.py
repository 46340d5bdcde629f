"""The codebook as a tree: categories, codes, colour swatch, shortcut key, segment count."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = [QT_TRANSLATE_NOOP("Columns", "Code"), QT_TRANSLATE_NOOP("Columns", "Key"), "#"]  # '#': this coder's segments (narrow, so code names keep the room)


def swatch(colour: str, size: int = 14) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setBrush(QColor(colour))
    p.setPen(QColor(60, 60, 60))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    p.end()
    return QIcon(pm)


class CodebookModel(QStandardItemModel):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setHorizontalHeaderLabels([QCoreApplication.translate("Columns", c) for c in COLUMNS])
        self._rows: dict[str, list[QStandardItem]] = {}
        self.refresh()

    def refresh(self) -> None:
        self.removeRows(0, self.rowCount())
        self._rows = {}
        if self.workspace is None:
            return
        pins = {c.uuid: k for k, c in self.workspace.pinned_codes().items()}
        parents: dict[int, QStandardItem] = {}
        for code in self.workspace.codes():
            name = QStandardItem(swatch(code.color), code.name)
            name.setData(code.uuid, UUID_ROLE)
            name.setToolTip(f"{code.code_id}\n{code.definition}".strip())
            name.setEditable(False)
            key = QStandardItem(str(pins.get(code.uuid, "")))
            key.setEditable(False)
            key.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            count = QStandardItem("")
            count.setEditable(False)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row = [name, key, count]
            if code.kind == "category":
                font = name.font()
                font.setBold(True)
                name.setFont(font)
            parent = parents.get(code.parent_id)
            (parent or self.invisibleRootItem()).appendRow(row)
            parents[code.id] = name
            self._rows[code.code_id] = row
        self.update_counts()

    def update_counts(self) -> None:
        counts = self.workspace.code_counts if self.workspace else {}
        for code_id, row in self._rows.items():
            n = counts.get(code_id, 0)
            text = str(n) if n else ""
            if row[2].text() != text:
                row[2].setText(text)

    def item_for(self, code_id: str) -> QStandardItem | None:
        row = self._rows.get(code_id)
        return row[0] if row else None


def codebook_filter(model) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(0)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
