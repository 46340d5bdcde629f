"""The segments of the current document this coder may see: code, page, quote, coder, memo."""
from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPixmap

from burgerannotator.core.areas import area_text
from burgerannotator.core.documents import page_label

from .table_base import RowTableModel


def _key(seg):
    return (seg.start, seg.end, seg.uuid)


COLUMNS = [QT_TRANSLATE_NOOP("Columns", "Code"), QT_TRANSLATE_NOOP("Columns", "Page"), QT_TRANSLATE_NOOP("Columns", "Quote"),
           QT_TRANSLATE_NOOP("Columns", "Coder"), QT_TRANSLATE_NOOP("Columns", "Memo")]
MEMO = 4
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB_PX = 20  # an area's thumbnail fits the row (22 px)


class SegmentModel(RowTableModel):
    COLUMNS = COLUMNS

    def __init__(self, workspace, edit_memo: Callable | None = None, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.edit_memo = edit_memo
        self.rows = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self.workspace.visible_segments() if self.workspace else []
        self.endResetModel()

    def apply_changes(self, changes) -> None:
        """Update just the changed segments (insert, update or drop their rows)."""
        s = self.workspace
        if s is None or s.document is None:
            return
        if changes.is_bulk("segments") or changes.touches("codebook"):
            self.refresh()
            return
        for uuid in changes.segments:
            seg = s.segment(uuid)
            row = next((i for i, r in enumerate(self.rows) if r.uuid == uuid), -1)
            visible = seg is not None and s.is_visible(seg)
            if row >= 0 and not visible:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()
            elif row >= 0:
                self.rows.pop(row)
                new = bisect.bisect(self._keys(), _key(seg))
                if new != row:
                    self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), new + (new > row))
                self.rows.insert(new, seg)
                if new != row:
                    self.endMoveRows()
                self.dataChanged.emit(self.index(new, 0), self.index(new, len(COLUMNS) - 1))
            elif visible:
                new = bisect.bisect(self._keys(), _key(seg))
                self.beginInsertRows(QModelIndex(), new, new)
                self.rows.insert(new, seg)
                self.endInsertRows()

    def _keys(self) -> list:
        return [_key(r) for r in self.rows]

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() == MEMO and self.workspace.is_own(self.rows[index.row()]):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        seg = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:
                return seg.code.name  # as the codebook names it (the id is in the tooltip)
            if col == 1:
                return page_label(seg.document, seg.page_first)
            if col == 2:
                quote = seg.quote if len(seg.quote) < 300 else seg.quote[:297] + "..."
                return area_text(page_label(seg.document, seg.page_first), quote) if seg.kind == "area" else quote
            if col == 3:
                return seg.coder.name
            return seg.memo
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{seg.code.path} ({seg.code.code_id})\n\n{seg.quote}" + (f"\n\nMemo: {seg.memo}" if seg.memo else "")
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return QColor(seg.code.color)
        if role == Qt.ItemDataRole.DecorationRole and col == 2 and seg.kind == "area":
            return self.thumbnail(seg)
        if role == Qt.ItemDataRole.ForegroundRole and not self.workspace.is_own(seg):
            return QBrush(QColor(110, 110, 110))
        if role == Qt.ItemDataRole.FontRole and not self.workspace.is_own(seg):
            f = QFont()
            f.setItalic(True)
            return f
        if role == UUID_ROLE:
            return seg.uuid
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != MEMO or role != Qt.ItemDataRole.EditRole or self.edit_memo is None:
            return False
        self.edit_memo(self.rows[index.row()], str(value))
        return True

    def thumbnail(self, seg):
        """A small picture of an area segment (rendered once per area and rectangle)."""
        key = (seg.uuid, tuple(seg.area or ()))
        cache = self.__dict__.setdefault("_thumbs", {})
        if key not in cache:
            from burgerannotator.core.areas import picture
            from burgerannotator.core.documents import pdf_bytes
            from burgerannotator.core.pdf_lock import PDF_LOCK

            try:
                with PDF_LOCK:
                    png = picture(pdf_bytes(self.workspace.project, seg.document), seg, max_side=2 * THUMB_PX)
                pix = QPixmap()
                pix.loadFromData(png, "PNG")
                cache[key] = pix.scaled(THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation)
            except Exception:  # a damaged PDF: no picture, the "[area, p. N]" text stays
                cache[key] = None
        return cache[key]

    def row_of(self, uuid: str) -> int:
        for i, seg in enumerate(self.rows):
            if seg.uuid == uuid:
                return i
        return -1
