"""The project's documents as a table: city, title, pages, the current coder's segments."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from .table_base import RowTableModel

COLUMNS = ["City", "Title", "Pages", "Coded"]
UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class DocumentModel(RowTableModel):
    COLUMNS = COLUMNS

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.documents = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.documents = self.workspace.documents() if self.workspace else []
        self.endResetModel()

    def counts_changed(self) -> None:
        if self.documents:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self.documents) - 1, 3))

    @property
    def rows(self) -> list:
        return self.documents

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        d = self.documents[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return d.city or d.file_name
            if col == 1:
                return d.title or d.file_name
            if col == 2:
                return d.page_count
            return self.workspace.document_counts.get(d.uuid, 0)
        if role == Qt.ItemDataRole.ToolTipRole:
            attrs = "\n".join(f"{k}: {v}" for k, v in (d.attributes or {}).items())
            return f"{d.title}\n{d.file_name}, {d.page_count} pages\n{attrs}".strip()
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == UUID_ROLE:
            return d.uuid
        return None

    def row_of(self, uuid: str) -> int:
        for i, d in enumerate(self.documents):
            if d.uuid == uuid:
                return i
        return -1


def document_filter(model) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(0)  # the tooltip holds title, file name and every attribute (city, ...)
    proxy.setFilterRole(Qt.ItemDataRole.ToolTipRole)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortRole(Qt.ItemDataRole.DisplayRole)
    return proxy
