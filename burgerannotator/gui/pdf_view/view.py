"""The centre of the window: every page of a document in one continuous vertical scroll.

Zoom by fit width, fit page, a percentage (50-400 %) or Ctrl+wheel; go to a page by its
printed label; ``show_span`` scrolls to a passage. Pages are painted from the renderer's
cache. A visible page without its image is rendered in the paint that shows it, on the GUI
thread (``render_in_paint``: one page per paint, the next visible one in the next paint), so
it appears in one paint without a hop to the worker and back; PyMuPDF keeps the GIL while it
draws, so the worker would hold the window up as long. Only when PyMuPDF is busy elsewhere (an
import) does the worker render a visible page; blank paper (or the page's image at the previous
zoom) shows until it arrives and that page alone is redrawn. When all visible pages are on
screen and the view has been still for ``PREFETCH_IDLE_MS``, the worker renders the page below.
``pagePainted(index)`` tells when a newly rendered page image has been painted.
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView

from .area_tool import AreaMixin
from .overlay import PageOverlay, SegmentMark, gutter_width
from .page_item import PageItem
from .render import PageRenderer, scale_key
from .selection import SelectionMixin

MIN_ZOOM, MAX_ZOOM = 0.5, 4.0
PAGE_GAP = 14.0
MARGIN = 12.0
BACKGROUND = QColor(0x5c, 0x60, 0x66)
PREFETCH_IDLE_MS = 250  # the page below is asked for this long after the last paint or scroll (its render
# holds the GIL: not while the coder is still clicking and scrolling)


class PdfView(SelectionMixin, AreaMixin, QGraphicsView):
    zoomChanged = Signal(float)
    currentPageChanged = Signal(int)           # page index at the top of the view
    selectionChanged = Signal(object)          # anchoring.Span | None
    segmentClicked = Signal(object)            # segment uuid | None
    boundsChanged = Signal(str, int, int)      # segment uuid, new start, new end (a handle was dragged)
    contextRequested = Signal(object, object)  # global QPoint, segment uuid | None
    firstPagePainted = Signal()
    pagePainted = Signal(int)                  # page index: its new image is on the viewport
    areaChanged = Signal(object)               # (page index, [x0, y0, x1, y1]) drawn | None

    def __init__(self, renderer: PageRenderer | None = None, parent=None):
        super().__init__(parent)
        self.renderer = renderer or PageRenderer(parent=self)
        self.renderer.pageReady.connect(self._on_page_ready)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(BACKGROUND)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.zoom = 1.0
        self.zoom_mode: str | None = "width"   # 'width' | 'page' | None (a fixed percentage)
        self.sha: str = ""
        self.layout_ = None
        self.items: list[PageItem] = []
        self.overlay = PageOverlay()
        self._painted_first = False
        self._drawn: list[int] | None = None   # pages newly drawn with their image during a paint
        self._render_budget = 0                # pages a paint may still render itself
        self._render_elsewhere: set[tuple[int, int]] = set()  # (page, scale key) the paint could not render
        self._shown: dict[int, int] = {}       # page index -> cacheKey of the image on screen
        self._tops: list[float] = []           # scene y of each page's top, in order
        self._hold_requests = False
        self._missing_painted = False
        self._next_request = QTimer(self, singleShot=True, interval=0)
        self._next_request.timeout.connect(self._request_visible)
        self._prefetch = QTimer(self, singleShot=True, interval=PREFETCH_IDLE_MS)
        self._prefetch.timeout.connect(self._request_below)
        self._flash_timer = QTimer(self, interval=180)
        self._flash_timer.timeout.connect(self._flash_step)
        self._flash_left = 0
        self.verticalScrollBar().valueChanged.connect(self._request_visible)  # first: the render starts
        self.verticalScrollBar().valueChanged.connect(self._emit_current_page)
        self.horizontalScrollBar().valueChanged.connect(self._request_visible)
        self._last_page = -1
        self.init_selection()
        self.init_area()

    # ---- document ----------------------------------------------------------------------
    def set_document(self, sha: str, data: bytes, pages, layout) -> None:
        """``pages``: (index, width, height, label) per page, in order."""
        self._hold_requests = True
        self.scene().clear()
        self.items = []
        self.overlay = PageOverlay()
        self.clear_selection(emit=False)
        self.sha, self.layout_ = sha, layout
        self._painted_first = False
        self._shown.clear()
        self._render_elsewhere.clear()
        if data:
            self.renderer.add_document(sha, data)
        for index, width, height, label in pages:
            item = PageItem(self, index, width, height, label)
            self.scene().addItem(item)
            self.items.append(item)
        self._apply_zoom_mode()
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self._hold_requests = False
        self._request_visible()

    def clear_document(self) -> None:
        self.set_document("", b"", [], None)

    def device_ratio(self) -> float:
        return float(self.devicePixelRatioF() or 1.0)

    # ---- rendering ------------------------------------------------------------------------
    def _request_visible(self, *_args) -> None:
        """Ask the renderer for the next page due: the first visible one without an image,
        else the page below the visible ones; queued requests for other pages are dropped."""
        if self._hold_requests or not self.items or not self.sha:
            return
        visible = self.visible_pages()
        if not visible:
            return
        scale, renderer = self._scale(), self.renderer
        images = [renderer.image(self.sha, i, scale) for i in visible]
        if any(im is not None and self._shown.get(i) != im.cacheKey() for i, im in zip(visible, images)):
            return  # a page is in but not painted yet: its paint comes first, then the next request
        due = next((i for i, im in zip(visible, images) if im is None), None)
        if due is not None and (due, scale_key(scale)) not in self._render_elsewhere \
                and not renderer.is_pending(self.sha, due, scale):
            self.items[due].update()  # the paint that shows it renders it (render_in_paint)
            return
        if due is None and visible[-1] + 1 < len(self.items):
            below = visible[-1] + 1
            if renderer.image(self.sha, below, scale) is None and not renderer.is_pending(self.sha, below, scale):
                self._prefetch.start()  # once things are still: the worker's render holds the GIL up
            return
        if due is not None:
            renderer.request_pages(self.sha, [due], scale)

    def _request_below(self) -> None:
        """The page below the visible ones, rendered on the worker while the view is idle."""
        if self._hold_requests or not self.items or not self.sha:
            return
        visible = self.visible_pages()
        scale = self._scale()
        if not visible or any(self.renderer.image(self.sha, i, scale) is None for i in visible):
            return  # something on screen still to come: that first
        below = visible[-1] + 1
        if below < len(self.items) and self.renderer.image(self.sha, below, scale) is None:
            self.renderer.request_pages(self.sha, [below], scale)

    def _scale(self) -> float:
        return self.zoom * self.device_ratio()

    def page_drawn(self, index: int, image_key: int) -> None:
        """A page item drew its rendered image (called during the viewport's paint)."""
        if self._shown.get(index) != image_key:
            self._shown[index] = image_key
            if self._drawn is not None:
                self._drawn.append(index)

    def page_missing(self, index: int) -> None:
        """A page item drew blank paper or a stand-in: its image is still to come."""
        self._shown.pop(index, None)
        self._missing_painted = True

    def render_in_paint(self, index: int, scale: float):
        """A page being painted without its image: the first one of this paint is drawn here
        and now (``PageRenderer.render_here``), unless PyMuPDF is busy elsewhere; the others
        (and this one then) come from the worker, each in a paint of its own."""
        if not self._render_budget or self._drawn is None or (index, scale_key(scale)) in self._render_elsewhere:
            return None
        self._render_budget -= 1
        image = self.renderer.render_here(self.sha, index, scale)
        if image is None:
            self._render_elsewhere.add((index, scale_key(scale)))  # busy: the worker renders it
        return image

    def paintEvent(self, event) -> None:
        self._render_budget = 1
        self._drawn = []
        try:
            super().paintEvent(event)
        finally:
            drawn, self._drawn = self._drawn, None
        if not drawn:
            if self._missing_painted:
                self._missing_painted = False
                self._next_request.start()
            return
        if not self._painted_first:
            self._painted_first = True
            QTimer.singleShot(0, self.firstPagePainted.emit)
        for index in drawn:
            self.pagePainted.emit(index)
        # the next page due, once this paint is on screen (a render started now would hold
        # the GIL, and so the rest of this paint, up)
        self._next_request.start()

    def _on_page_ready(self, sha: str, index: int, scale: int) -> None:
        if sha != self.sha or not 0 <= index < len(self.items) or scale != scale_key(self._scale()):
            return
        self._render_elsewhere.discard((index, scale))
        image = self.renderer.image(sha, index, self._scale())
        if image is not None and self._shown.get(index) != image.cacheKey():
            self.items[index].update()  # that page alone is repainted

    # ---- overlay -------------------------------------------------------------------------
    def set_marks(self, marks: list[SegmentMark]) -> None:
        self.overlay.set_marks(marks)
        self._overlay_changed()

    def update_marks(self, marks: list[SegmentMark], removed: list[str]) -> None:
        for sid in removed:
            self.overlay.remove_mark(sid)
        for m in marks:
            self.overlay.set_mark(m)
        self._overlay_changed()

    def _overlay_changed(self) -> None:
        gutter = gutter_width(self.overlay.lane_count())
        if self.items and gutter != self.items[0]._gutter:
            for item in self.items:
                item.set_gutter(gutter)
            self._relayout()
        self.viewport().update()

    def set_selected_segment(self, uuid: str | None) -> None:
        self.overlay.selected = uuid
        self.viewport().update()

    def set_find_hits(self, spans, current: int | None = None) -> None:
        """Highlight find hits (text spans); ``current`` is the index of the hit in focus."""
        lay = self.layout_
        hits: dict[int, list[QRectF]] = {}
        cur: dict[int, list[QRectF]] = {}
        for i, (start, end) in enumerate(spans):
            target = cur if i == current else hits
            for page, rects in (lay.rects_for_span(start, end) if lay else {}).items():
                target.setdefault(page, []).extend(QRectF(r[0], r[1], r[2] - r[0], r[3] - r[1]) for r in rects)
        self.overlay.find_hits, self.overlay.find_current = hits, cur
        self.viewport().update()

    def flash(self, uuid: str) -> None:
        self.overlay.flash = uuid
        self._flash_left = 6
        self.overlay.flash_on = True
        self._flash_timer.start()
        self.viewport().update()

    def _flash_step(self) -> None:
        self._flash_left -= 1
        self.overlay.flash_on = self._flash_left > 0 and self._flash_left % 2 == 0
        if self._flash_left <= 0:
            self._flash_timer.stop()
            self.overlay.flash = None
        self.viewport().update()

    # ---- zoom --------------------------------------------------------------------------------
    def set_zoom(self, zoom: float, anchor: QPointF | None = None, mode: str | None = None) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.zoom_mode = mode
        if abs(zoom - self.zoom) < 1e-4:
            return
        view_point = anchor if anchor is not None else QPointF(self.viewport().width() / 2, 0)
        keep = self.page_at(self.mapToScene(view_point.toPoint()))
        self.zoom = zoom
        self.renderer.forget_scale_requests(zoom * self.device_ratio())
        held, self._hold_requests = self._hold_requests, True
        self._relayout()
        if keep is not None:
            index, x, y = keep
            target = self.items[index].pos() + QPointF(x * zoom, y * zoom)
            delta = self.mapFromScene(target) - view_point.toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        self._hold_requests = held
        self._request_visible()
        self.zoomChanged.emit(self.zoom)

    def fit_width(self) -> None:
        self.zoom_mode = "width"
        self._apply_zoom_mode()

    def fit_page(self) -> None:
        self.zoom_mode = "page"
        self._apply_zoom_mode()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom * factor, anchor)

    def _apply_zoom_mode(self) -> None:
        if not self.items or self.zoom_mode is None:
            return
        widest = max(i.width_pt for i in self.items)
        tallest = max(i.height_pt for i in self.items)
        gutter = gutter_width(self.overlay.lane_count())
        width = max(50.0, self.viewport().width() - 2 * MARGIN - gutter - 8)
        zoom = width / widest
        if self.zoom_mode == "page":
            zoom = min(zoom, max(50.0, self.viewport().height() - 2 * PAGE_GAP) / tallest)
        mode = self.zoom_mode
        self.set_zoom(zoom, mode=mode)
        self.zoom_mode = mode

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_zoom_mode()
        self._request_visible()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_by(1.1 ** steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def _relayout(self) -> None:
        y = PAGE_GAP
        width = max((i.boundingRect().width() for i in self.items), default=0.0)
        for item in self.items:
            item.prepareGeometryChange()
            # whole pixels, so page images are blitted rather than resampled
            item.setPos(round(MARGIN + (width - item.boundingRect().width()) / 2), round(y))
            y += item.page_rect().height() + PAGE_GAP
        self._tops = [item.pos().y() for item in self.items]
        self.scene().setSceneRect(QRectF(0, 0, round(width + 2 * MARGIN), round(y)))
        self.viewport().update()
        self._request_visible()

    # ---- pages and places ----------------------------------------------------------------------
    def page_at(self, scene_pos: QPointF) -> tuple[int, float, float] | None:
        """The page nearest a scene point and the point in that page's coordinates (points)."""
        if not self.items:
            return None
        best = None
        for item in self.items:
            top = item.pos().y()
            bottom = top + item.page_rect().height()
            dist = 0.0 if top <= scene_pos.y() <= bottom else min(abs(scene_pos.y() - top), abs(scene_pos.y() - bottom))
            if best is None or dist < best[0]:
                best = (dist, item)
            if dist == 0:
                break
        item = best[1]
        local = scene_pos - item.pos()
        return item.index, local.x() / self.zoom, local.y() / self.zoom

    def current_page(self) -> int:
        hit = self.page_at(self.mapToScene(self.viewport().width() // 2, self.viewport().height() // 3))
        return hit[0] if hit else 0

    def page_index(self, label: str) -> int | None:
        """The index of the page printed with ``label`` (case-insensitive), else None."""
        needle = label.strip().casefold()
        for item in self.items:
            if item.label.casefold() == needle:
                return item.index
        return None

    def go_to_page(self, index: int) -> None:
        if 0 <= index < len(self.items):
            self.verticalScrollBar().setValue(int(self.items[index].pos().y() - PAGE_GAP / 2))

    def scroll_to_page_rect(self, page: int, rect: QRectF) -> None:
        """Bring a rectangle (page points) into the middle of the view."""
        if not 0 <= page < len(self.items):
            return
        item = self.items[page]
        z = self.zoom
        self.centerOn(item.pos() + QPointF(rect.center().x() * z, rect.center().y() * z))

    def show_span(self, start: int, end: int, select: bool = False) -> None:
        """Scroll to the text span [start, end); optionally select it."""
        if self.layout_ is None:
            return
        rects = self.layout_.rects_for_span(start, end)
        if rects:
            page = min(rects)
            r = rects[page][0]
            self.scroll_to_page_rect(page, QRectF(r[0], r[1], r[2] - r[0], r[3] - r[1]))
        if select:
            self.select_span(start, end)

    def visible_pages(self) -> list[int]:
        """Pages with some of their paper on screen, top to bottom."""
        area = self.mapToScene(self.viewport().rect()).boundingRect()
        if len(self._tops) != len(self.items):
            self._tops = [item.pos().y() for item in self.items]
        first = max(0, bisect.bisect_right(self._tops, area.top()) - 1)
        out = []
        for item in self.items[first:]:
            rect = item.page_rect().translated(item.pos())
            if rect.top() >= area.bottom():
                break
            if rect.bottom() > area.top() and rect.right() > area.left() and rect.left() < area.right():
                out.append(item.index)
        return out

    def page_to_viewport(self, page: int, x: float, y: float):
        """Where a point of a page (points) is on the viewport (for tests and tooltips)."""
        item = self.items[page]
        return self.mapFromScene(item.pos() + QPointF(x * self.zoom, y * self.zoom))

    def _emit_current_page(self) -> None:
        page = self.current_page()
        if page != self._last_page:
            self._last_page = page
            self.currentPageChanged.emit(page)
