"""The project's documents as a table: city, title, pages, the current coder's segments."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSortFilterProxyModel, Qt

from .table_base import RowTableModel

COLUMNS = [QT_TRANSLATE_NOOP("Columns", "City"), QT_TRANSLATE_NOOP("Columns", "Title"),
           QT_TRANSLATE_NOOP("Columns", "Pages"), QT_TRANSLATE_NOOP("Columns", "Coded")]
UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class DocumentModel(RowTableModel):
    COLUMNS = COLUMNS

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.documents = []
        self._common = 0
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.documents = self.workspace.documents() if self.workspace else []
        self._common = common_words([self._without_city(d) for d in self.documents])
        self.endResetModel()

    @staticmethod
    def _without_city(d) -> str:
        """The title without its first words up to and including the city's name."""
        title, city = (d.title or "").strip(), (d.city or "").strip()
        at = title.lower().find(city.lower()) if city else -1
        if 0 <= at <= 40:
            return title[at + len(city):].lstrip(" :-–—,")
        return title

    def short_title(self, d) -> str:
        """The part of the title that tells it from the others: without the city (the City
        column shows it), the words before it and the words every title then starts with
        ("Coalitieakkoord Amsterdam 2022-2026: Een nieuwe lente" -> "Een nieuwe lente")."""
        title = (d.title or "").strip()
        if not title:
            return d.file_name
        rest = self._without_city(d)
        rest = rest[self._common:].lstrip(" :-–—,") if self._common else rest
        return rest or title

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
                return self.short_title(d)
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


def common_words(titles: list[str]) -> int:
    """Length of the whole words all titles start with (0 with fewer than two titles)."""
    titles = [t for t in titles if t]
    if len(titles) < 2:
        return 0
    first = titles[0]
    n = 0
    while n < len(first) and all(len(t) > n and t[n] == first[n] for t in titles):
        n += 1
    cut = first.rfind(" ", 0, n + 1) if n < len(first) else n
    return max(cut, 0)


def document_filter(model) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(0)  # the tooltip holds title, file name and every attribute (city, ...)
    proxy.setFilterRole(Qt.ItemDataRole.ToolTipRole)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortRole(Qt.ItemDataRole.DisplayRole)
    return proxy
