"""One page in the continuous scroll: its rendered image plus the overlay drawn on it."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

from .overlay import gutter_width, paint_overlay

PAPER = QColor(255, 255, 255)
EDGE = QColor(150, 150, 150)


class PageItem(QGraphicsItem):
    """A page, ``width`` x ``height`` points, shown at the view's zoom."""

    def __init__(self, view, index: int, width: float, height: float, label: str):
        super().__init__()
        self.view, self.index, self.width_pt, self.height_pt, self.label = view, index, width, height, label
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, False)
        self._gutter = gutter_width(0)

    def set_gutter(self, gutter: float) -> None:
        if gutter != self._gutter:
            self.prepareGeometryChange()
            self._gutter = gutter

    def page_rect(self) -> QRectF:
        z = self.view.zoom
        return QRectF(0, 0, self.width_pt * z, self.height_pt * z)

    def boundingRect(self) -> QRectF:
        r = self.page_rect()
        return QRectF(-2, -2, r.width() + self._gutter + 4, r.height() + 4)

    def paint(self, painter, option, widget=None) -> None:
        view = self.view
        z = view.zoom
        page = self.page_rect()
        ratio = view.device_ratio()
        image = view.renderer.image(view.sha, self.index, z * ratio)
        if image is None:
            image = view.render_in_paint(self.index, z * ratio)
        painter.setPen(QPen(EDGE, 1))
        if image is not None and not image.isNull():
            painter.setBrush(Qt.BrushStyle.NoBrush)  # the image is the paper
            painter.drawRect(page.adjusted(-0.5, -0.5, 0.5, 0.5))
            # drawn pixel for pixel (the item sits on whole pixels): a blit, no resampling
            painter.drawImage(QRectF(0, 0, image.width() / ratio, image.height() / ratio), image)
        else:
            painter.setBrush(PAPER)
            painter.drawRect(page.adjusted(-0.5, -0.5, 0.5, 0.5))
        if image is not None:  # (a null image: the page could not be drawn; blank paper stays)
            view.page_drawn(self.index, image.cacheKey())
        else:  # the view has asked for it; meanwhile the image at another zoom, or the label
            view.page_missing(self.index)
            stand_in = view.renderer.any_image(view.sha, self.index)
            if stand_in is not None and not stand_in.isNull():
                painter.drawImage(page, stand_in)
            else:
                painter.setPen(QColor(170, 170, 170))
                painter.drawText(page, Qt.AlignmentFlag.AlignCenter, f"p. {self.label}")
        paint_overlay(painter, view.overlay, self.index, z, page.width())
