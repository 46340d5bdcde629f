"""What is drawn over the page images: segment highlights, coding stripes, selection, find hits.

Rectangles are in displayed page space (points); painting multiplies by the zoom.
Overlapping segments stay distinguishable: each gets its own lane of coding stripes in
the gutter beside the page (as MAXQDA and NVivo show them), and highlights are
translucent so overlaps mix. Other coders' segments (blind mode off) are drawn with a
dashed outline and a faint fill; dictionary suggestions awaiting review with a dotted
outline over a hatched fill, so they never pass for codings.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

STRIPE_WIDTH = 4.0   # pixels
STRIPE_GAP = 2.0
GUTTER = 8.0         # pixels between page edge and the first stripe
SELECTION = QColor(0, 120, 215, 80)
FIND_HIT = QColor(255, 230, 0, 110)
FIND_CURRENT = QColor(255, 140, 0, 150)
HANDLE = 5.0


@dataclass
class SegmentMark:
    """One segment as drawn."""

    uuid: str      # the segment's uuid (what every widget knows a segment by)
    code_id: str
    colour: QColor
    own: bool
    rects: dict[int, list[QRectF]]
    tooltip: str
    start: int = 0
    end: int = 0
    suggested: bool = False
    area: bool = False  # an area segment: its one rectangle is the area (no boundary handles)

    def contains(self, page: int, x: float, y: float) -> bool:
        return any(r.contains(QPointF(x, y)) for r in self.rects.get(page, ()))


@dataclass
class PageOverlay:
    marks: dict[int, SegmentMark] = field(default_factory=dict)
    selection: dict[int, list[QRectF]] = field(default_factory=dict)
    find_hits: dict[int, list[QRectF]] = field(default_factory=dict)
    find_current: dict[int, list[QRectF]] = field(default_factory=dict)
    area: dict[int, QRectF] = field(default_factory=dict)  # an area being drawn or waiting for a code
    selected: str | None = None   # segment uuid
    flash: str | None = None   # segment uuid
    flash_on: bool = False
    # lanes per page, worked out when a page is painted; a mark set or removed makes only its
    # pages (old and new) due again, so coding one passage does not re-lay every page's stripes
    _lanes: dict[int, list[tuple[SegmentMark, int]]] = field(default_factory=dict)
    _due: set[int] | None = None  # pages whose lanes are stale; None: all of them
    _lane_counts: dict[int, int] = field(default_factory=dict)

    def set_mark(self, mark: SegmentMark) -> None:
        old = self.marks.get(mark.uuid)
        self.marks[mark.uuid] = mark
        self._stale(mark, old)

    def remove_mark(self, uuid: str) -> None:
        old = self.marks.pop(uuid, None)
        if old is not None:
            self._stale(old)

    def set_marks(self, marks: list[SegmentMark]) -> None:
        self.marks = {m.uuid: m for m in marks}
        self._lanes, self._lane_counts, self._due = {}, {}, None

    def _stale(self, *marks: SegmentMark | None) -> None:
        if self._due is not None:
            for m in marks:
                if m is not None:
                    self._due.update(m.rects)

    def marks_at(self, page: int, x: float, y: float) -> list[SegmentMark]:
        return [m for m in self.marks.values() if m.contains(page, x, y)]

    def lanes(self, page: int) -> list[tuple[SegmentMark, int]]:
        """(mark, lane) for the marks on a page: overlapping vertical extents get different lanes."""
        self._refresh_lanes()
        return self._lanes.get(page, [])

    def lane_count(self) -> int:
        self._refresh_lanes()
        return max(self._lane_counts.values(), default=0)

    def _refresh_lanes(self) -> None:
        if self._due is None:
            self._lanes = _assign_lanes(self.marks.values())
        elif self._due:
            pages = self._due
            fresh = _assign_lanes(self.marks.values(), pages)
            for page in pages:
                self._lanes.pop(page, None)
                self._lane_counts.pop(page, None)
            self._lanes.update(fresh)
        else:
            return
        if self._due is None:
            self._lane_counts = {}
            pages = self._lanes
        for page in pages:
            placed = self._lanes.get(page)
            if placed:
                self._lane_counts[page] = max(lane for _m, lane in placed) + 1
        self._due = set()


def _assign_lanes(marks, pages: set[int] | None = None) -> dict[int, list[tuple[SegmentMark, int]]]:
    """Lanes of every page (or of ``pages`` only), marks taken in their order in ``marks``."""
    per_page: dict[int, list[tuple[float, float, SegmentMark]]] = {}
    for m in marks:
        for page, rects in m.rects.items():
            if rects and (pages is None or page in pages):
                per_page.setdefault(page, []).append(
                    (min(r.top() for r in rects), max(r.bottom() for r in rects), m))
    out: dict[int, list[tuple[SegmentMark, int]]] = {}
    for page, items in per_page.items():
        items.sort(key=lambda t: (t[0], -t[1]))  # stable: ties keep the segments' text order
        lane_ends: list[float] = []
        placed = []
        for top, bottom, m in items:
            for lane, end in enumerate(lane_ends):
                if end < top:
                    lane_ends[lane] = bottom
                    break
            else:
                lane = len(lane_ends)
                lane_ends.append(bottom)
            placed.append((m, lane))
        out[page] = placed
    return out


def gutter_width(lanes: int) -> float:
    return GUTTER + max(lanes, 3) * (STRIPE_WIDTH + STRIPE_GAP)


def _scaled(r: QRectF, z: float) -> QRectF:
    return QRectF(r.left() * z, r.top() * z, r.width() * z, r.height() * z)


def paint_overlay(p: QPainter, overlay: PageOverlay, page: int, z: float, page_width_px: float) -> None:
    """Draw everything that lies over page ``page`` (page origin at 0,0, zoom ``z``)."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    lanes = overlay.lanes(page)
    for m, _lane in lanes:
        fill = QColor(m.colour)
        if m.suggested:
            fill.setAlpha(140)
            p.setPen(QPen(m.colour, 1.5, Qt.PenStyle.DotLine))
            p.setBrush(QBrush(fill, Qt.BrushStyle.BDiagPattern))
        elif m.own:
            fill.setAlpha(85)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
        else:
            fill.setAlpha(30)
            pen = QPen(m.colour, 1.2, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(fill)
        for r in m.rects.get(page, ()):
            p.drawRect(_scaled(r, z))
    # coding stripes in the gutter right of the page
    for m, lane in lanes:
        rects = m.rects.get(page, ())
        x = page_width_px + GUTTER + lane * (STRIPE_WIDTH + STRIPE_GAP)
        top, bottom = min(r.top() for r in rects) * z, max(r.bottom() for r in rects) * z
        colour = QColor(m.colour)
        if m.own:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRect(QRectF(x, top, STRIPE_WIDTH, bottom - top))
        else:
            style = Qt.PenStyle.DotLine if m.suggested else Qt.PenStyle.DashLine
            p.setPen(QPen(colour, 1.5, style))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(x, top, STRIPE_WIDTH, bottom - top))
    p.setPen(Qt.PenStyle.NoPen)
    for rects, colour in ((overlay.find_hits, FIND_HIT), (overlay.find_current, FIND_CURRENT),
                          (overlay.selection, SELECTION)):
        p.setBrush(colour)
        for r in rects.get(page, ()):
            p.drawRect(_scaled(r, z))
    drawn = overlay.area.get(page)
    if drawn is not None:
        p.setBrush(QColor(0, 120, 215, 40))
        p.setPen(QPen(QColor(0, 90, 200), 1.5, Qt.PenStyle.DashLine))
        p.drawRect(_scaled(drawn, z))
    _paint_selected(p, overlay, page, z)


def _paint_selected(p: QPainter, overlay: PageOverlay, page: int, z: float) -> None:
    for sid, width, colour in ((overlay.selected, 2.0, QColor(20, 20, 20)),
                               (overlay.flash if overlay.flash_on else None, 3.0, QColor(255, 60, 0))):
        m = overlay.marks.get(sid) if sid is not None else None
        if m is None or page not in m.rects:
            continue
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(colour, width))
        rects = m.rects[page]
        for r in rects:
            p.drawRect(_scaled(r, z).adjusted(-1, -1, 1, 1))
        if sid == overlay.selected and m.own and not m.area:
            p.setBrush(colour)
            first_page, last_page = min(m.rects), max(m.rects)
            if page == first_page:
                r = _scaled(rects[0], z)
                p.drawRect(QRectF(r.left() - HANDLE / 2 - 1, r.top() - HANDLE, HANDLE, r.height() + HANDLE))
            if page == last_page:
                r = _scaled(rects[-1], z)
                p.drawRect(QRectF(r.right() - HANDLE / 2 + 1, r.top(), HANDLE, r.height() + HANDLE))


def handle_at(overlay: PageOverlay, page: int, x: float, y: float, z: float) -> str | None:
    """'start' or 'end' when (x, y) (page points) is on a handle of the selected own segment."""
    m = overlay.marks.get(overlay.selected) if overlay.selected is not None else None
    if m is None or not m.own or m.area or page not in m.rects:
        return None
    tol = (HANDLE + 3) / z
    rects = m.rects[page]
    if page == min(m.rects):
        r = rects[0]
        if abs(x - r.left()) <= tol and r.top() - tol <= y <= r.bottom() + tol:
            return "start"
    if page == max(m.rects):
        r = rects[-1]
        if abs(x - r.right()) <= tol and r.top() - tol <= y <= r.bottom() + tol:
            return "end"
    return None
