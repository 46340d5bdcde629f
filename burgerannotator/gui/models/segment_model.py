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
        self._reindex()
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self.workspace.visible_segments() if self.workspace else []
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        """Plain lists beside ``rows`` (sort keys, uuids) and an empty cache of shown values:
        a change then looks rows up without reading every row's ORM attributes."""
        self._keys_ = [_key(r) for r in self.rows]
        self._uuids = [r.uuid for r in self.rows]
        self._shown: dict[str, tuple] = {}

    def apply_changes(self, changes) -> None:
        """Update just the changed segments (insert, update or drop their rows)."""
        s = self.workspace
        if s is None or s.document is None:
            return
        if changes.is_bulk("segments") or changes.touches("codebook", "coders") \
                or s.document.uuid in changes.documents:  # names, colours or page labels shown may have changed
            self.refresh()
            return
        for uuid in changes.segments:
            seg = s.segment(uuid)
            self._shown.pop(uuid, None)
            row = self.row_of(uuid)
            visible = seg is not None and s.is_visible(seg)
            if row >= 0 and not visible:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._take(row)
                self.endRemoveRows()
            elif row >= 0:
                self._take(row)
                new = bisect.bisect(self._keys_, _key(seg))
                if new != row:
                    self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), new + (new > row))
                self._put(new, seg)
                if new != row:
                    self.endMoveRows()
                self.dataChanged.emit(self.index(new, 0), self.index(new, len(COLUMNS) - 1))
            elif visible:
                new = bisect.bisect(self._keys_, _key(seg))
                self.beginInsertRows(QModelIndex(), new, new)
                self._put(new, seg)
                self.endInsertRows()

    def _take(self, row: int) -> None:
        del self.rows[row], self._keys_[row], self._uuids[row]

    def _put(self, row: int, seg) -> None:
        self.rows.insert(row, seg)
        self._keys_.insert(row, _key(seg))
        self._uuids.insert(row, seg.uuid)

    def _keys(self) -> list:
        return list(self._keys_)

    def _values(self, seg) -> tuple:
        """What a row shows (read from the segment once, kept until it or the codebook changes)."""
        shown = self._shown.get(seg.uuid)
        if shown is None:
            code, label = seg.code, page_label(seg.document, seg.page_first)
            quote = seg.quote if len(seg.quote) < 300 else seg.quote[:297] + "..."
            own = self.workspace.is_own(seg)
            shown = self._shown[seg.uuid] = (
                code.name, label, area_text(label, quote) if seg.kind == "area" else quote, seg.coder.name,
                seg.memo, f"{code.path} ({code.code_id})\n\n{seg.quote}" + (f"\n\nMemo: {seg.memo}" if seg.memo else ""),
                QColor(code.color), own)
        return shown

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() == MEMO and self._values(self.rows[index.row()])[7]:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        seg = self.rows[index.row()]
        col = index.column()
        if role == UUID_ROLE:
            return seg.uuid
        shown = self._values(seg)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return shown[col] if col < 4 else shown[4]
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown[5]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return shown[6]
        if role == Qt.ItemDataRole.DecorationRole and col == 2 and seg.kind == "area":
            return self.thumbnail(seg)
        if role == Qt.ItemDataRole.ForegroundRole and not shown[7]:
            return QBrush(QColor(110, 110, 110))
        if role == Qt.ItemDataRole.FontRole and not shown[7]:
            f = QFont()
            f.setItalic(True)
            return f
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
        try:
            return self._uuids.index(uuid)
        except ValueError:
            return -1
