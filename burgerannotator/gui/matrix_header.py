"""The matrix's column header: full code names written upwards (narrow columns, so all of
the codebook fits beside the 14 cities on a laptop), a colour swatch per code, and a band
across the top naming each category over its codes."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHeaderView

CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 10   # header data: the column's category name ('' for Total)
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 11     # header data: the code's colour ('' for Total)
BAND_SHADES = ("#dfe6ee", "#eef1f5")


class CodeHeader(QHeaderView):
    BAND = 20      # the category band
    SWATCH = 16    # room for the colour swatch at the bottom
    PAD = 6

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter)

    # ---- what to write -------------------------------------------------------------------
    def label(self, logical: int) -> str:
        model = self.model()
        text = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) if model else ""
        return " · ".join(str(text or "").split("\n"))

    def _data(self, logical: int, role) -> str:
        model = self.model()
        return str(model.headerData(logical, Qt.Orientation.Horizontal, role) or "") if model else ""

    def text_room(self) -> int:
        """How long a name may be (pixels) before it is elided."""
        return self.height() - self.BAND - self.SWATCH - 2 * self.PAD

    def label_fits(self, logical: int) -> bool:
        return self.fontMetrics().horizontalAdvance(self.label(logical)) <= self.text_room()

    def sizeHint(self):
        hint = super().sizeHint()
        fm = self.fontMetrics()
        longest = max((fm.horizontalAdvance(self.label(i)) for i in range(self.count())), default=60)
        hint.setHeight(self.BAND + self.SWATCH + 2 * self.PAD + min(longest, 320))
        return hint

    def column_width(self) -> int:
        return self.fontMetrics().height() + 12

    # ---- painting --------------------------------------------------------------------------
    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not rect.isValid():
            return
        painter.save()
        pal = self.palette()
        painter.fillRect(rect, pal.button())
        painter.setPen(pal.mid().color())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        colour = self._data(logical, COLOUR_ROLE)
        if colour and QColor.isValidColorName(colour):
            painter.fillRect(QRect(rect.center().x() - 5, rect.bottom() - self.SWATCH + 2, 10, 10), QColor(colour))
        fm = self.fontMetrics()
        room = rect.height() - self.BAND - self.SWATCH - 2 * self.PAD
        text = fm.elidedText(self.label(logical), Qt.TextElideMode.ElideRight, max(room, 0))
        painter.setPen(pal.buttonText().color())
        baseline_x = rect.left() + (rect.width() + fm.ascent() - fm.descent()) / 2
        painter.translate(baseline_x, rect.bottom() - self.SWATCH - self.PAD)
        painter.rotate(-90)
        painter.drawText(0, 0, text)
        painter.restore()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        fm = self.fontMetrics()
        groups: list[tuple[str, int, int]] = []  # category, first, last logical index
        for visual in range(self.count()):
            logical = self.logicalIndex(visual)
            category = self._data(logical, CATEGORY_ROLE)
            if groups and groups[-1][0] == category:
                groups[-1] = (category, groups[-1][1], logical)
            else:
                groups.append((category, logical, logical))
        shade = 0
        for category, first, last in groups:
            left = self.sectionViewportPosition(first)
            right = self.sectionViewportPosition(last) + self.sectionSize(last)
            band = QRect(left, 0, right - left, self.BAND)
            if not category:
                painter.fillRect(band, self.palette().button())
                continue
            painter.fillRect(band, QColor(BAND_SHADES[shade % 2]))
            shade += 1
            painter.setPen(self.palette().mid().color())
            painter.drawLine(band.topRight(), band.bottomRight())
            painter.setPen(QColor("#222222"))
            painter.drawText(band.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             fm.elidedText(category, Qt.TextElideMode.ElideRight, band.width() - 8))
        painter.end()
