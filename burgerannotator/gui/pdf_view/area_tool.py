"""Drawing an area (a rectangle of one page) to code it: Ctrl+drag, or a plain drag while the
Area tool is on. The drawn area stays selected (a dashed box) until it is coded with a code
like selected text, or cleared (Esc, a click elsewhere). Mixed into ``PdfView``; rectangles
are in displayed page space (points), as word boxes and segment rectangles are."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

MIN_SIDE_PX = 6  # a smaller drag is a click


class AreaMixin:
    def init_area(self) -> None:
        self.area_tool = False           # the Area tool: a plain drag draws an area
        self._area_press: tuple | None = None  # (page, x, y) where an area drag began
        self._area: tuple[int, list[float]] | None = None  # (page, [x0, y0, x1, y1]) drawn, not yet coded

    def set_area_tool(self, on: bool) -> None:
        self.area_tool = bool(on)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)

    def wants_area(self, event) -> bool:
        return self.area_tool or bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)

    def selection_area(self) -> tuple[int, list[float]] | None:
        """The drawn area waiting for a code: (page index, [x0, y0, x1, y1]) or None."""
        return self._area

    def clear_area(self) -> None:
        if self._area is not None or self.overlay.area:
            self._area = None
            self.overlay.area = {}
            self.viewport().update()

    def set_area(self, page: int, rect: list[float] | None, emit: bool = True) -> None:
        """Select an area (also what tests and the keyboard use); None clears it."""
        if rect is None:
            self.clear_area()
        else:
            x0, y0, x1, y1 = rect
            self._area = (page, [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)])
            r = self._area[1]
            self.overlay.area = {page: QRectF(r[0], r[1], r[2] - r[0], r[3] - r[1])}
            self.viewport().update()
        if emit:
            self.areaChanged.emit(self._area)

    # ---- the drag (called from SelectionMixin's mouse handlers) ------------------------------
    def area_press(self, page: int, x: float, y: float) -> None:
        self.clear_selection()
        self.clear_area()
        self._area_press = (page, x, y)

    def area_move(self, pos) -> None:
        hit = self._hit(pos)
        if hit is None or self._area_press is None:
            return
        page, x0, y0 = self._area_press
        _p, x1, y1 = hit if hit[0] == page else (page, *self._clamp(page, pos))
        self.overlay.area = {page: QRectF(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))}
        self.viewport().update()

    def area_release(self, pos) -> None:
        press, self._area_press = self._area_press, None
        if press is None:
            return
        page, x0, y0 = press
        hit = self._hit(pos)
        x1, y1 = (hit[1], hit[2]) if hit is not None and hit[0] == page else self._clamp(page, pos)
        if abs(x1 - x0) * self.zoom < MIN_SIDE_PX or abs(y1 - y0) * self.zoom < MIN_SIDE_PX:
            self.clear_area()
            self.areaChanged.emit(None)
            return
        self.set_area(page, [x0, y0, x1, y1])

    def _clamp(self, page: int, pos) -> tuple[float, float]:
        """A point dragged off the page, as the nearest point of that page (in points)."""
        item = self.items[page]
        local = self.mapToScene(pos) - item.pos()
        rect = item.page_rect()
        x = min(max(local.x(), 0.0), rect.width()) / self.zoom
        y = min(max(local.y(), 0.0), rect.height()) / self.zoom
        return x, y

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self._area is not None:
            self.set_area(0, None)
            return
        super().keyPressEvent(event)
