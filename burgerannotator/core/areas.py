"""Area segments: a code on a rectangle of one page (a figure, a table, a signature, a scan).

An area segment (``Segment.kind == 'area'``) keeps its rectangle [x0, y0, x1, y1] in
displayed page space (points, as word boxes) in ``rects`` = {page: [rect]}; its start/end
cover the words whose centre lies inside the rectangle (its quote is their text), or are an
empty span at the page's start where there is no text. It counts like a passage in the
matrix and document-level agreement; coverage is its share of the page's area, and
segment-level agreement pairs areas by intersection over union (``iou``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .documents import layout
from .errors import UserError
from .models import Code, Coder, Document, Page, Segment

if TYPE_CHECKING:
    from .anchoring import DocumentLayout

# NumPy (through anchoring) is imported where an area is anchored, not with the module: the
# matrix and the exports import this module, and a CSV matrix needs no NumPy (issue 17: start-up)

MIN_SIDE = 4.0  # points: a smaller rectangle is a slip of the mouse, not an area
LABEL = "[area, p. {page}]"


def normalise(rect, width: float, height: float) -> list[float]:
    """[x0, y0, x1, y1] ordered and clipped to the page, rounded to 0.01 pt."""
    try:
        x0, y0, x1, y1 = (float(v) for v in rect)
    except (TypeError, ValueError):
        raise UserError("An area needs four numbers: x0, y0, x1, y1 (points).") from None
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    x0, x1 = max(0.0, x0), min(float(width), x1)
    y0, y1 = max(0.0, y0), min(float(height), y1)
    if x1 - x0 < MIN_SIDE or y1 - y0 < MIN_SIDE:
        raise UserError(f"The area is too small (less than {MIN_SIDE:g} points on a side, or off the page).")
    return [round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)]


def covered_span(lay: DocumentLayout, page_index: int, rect) -> tuple[int, int]:
    """The text span of the words whose centre lies in ``rect`` on the page; empty if none."""
    import numpy as np

    lo, hi = lay.page_word_range(page_index)
    start = lay.page_bounds.get(page_index, (0, 0))[0]
    if lo == hi or rect is None:
        return start, start
    b = lay.boxes[lo:hi]
    cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    inside = np.nonzero((cx >= rect[0]) & (cx <= rect[2]) & (cy >= rect[1]) & (cy <= rect[3]))[0]
    if not len(inside):
        return start, start
    return int(lay.spans[lo + inside[0], 0]), int(lay.spans[lo + inside[-1], 1])


def _page(document: Document, page_index: int) -> Page:
    for p in document.pages:
        if p.index == page_index:
            return p
    raise UserError(f"{document.label} has no page {page_index + 1}.")


def anchor_area(project, document: Document, page_index: int, rect) -> dict:
    """The stored fields of an area segment on a page."""
    from .anchoring import quote_of

    page = _page(document, page_index)
    box = normalise(rect, page.width, page.height)
    lay = layout(project, document)
    start, end = covered_span(lay, page_index, box)
    return {"kind": "area", "start": start, "end": end, "page_first": page_index, "page_last": page_index,
            "rects": {str(page_index): [box]}, "quote": quote_of(document.text, start, end)}


def create_area(project, document: Document, page_index: int, rect, code: Code, coder: Coder, memo: str = "",
                status: str = "coded", origin: str = "manual", uuid: str | None = None) -> Segment:
    """Code a rectangle of a page (one committed action)."""
    if code.kind == "category":
        raise UserError(f"{code.name} is a category; code with one of its codes.")
    with project.transaction() as s:
        seg = Segment(document=document, code=code, coder=coder, memo=memo, status=status, origin=origin,
                      **anchor_area(project, document, page_index, rect), **({"uuid": uuid} if uuid else {}))
        s.add(seg)
        s.flush()
    return seg


def area_share(rect, page_width: float, page_height: float) -> float:
    """The share (0..1) of its page an area [x0, y0, x1, y1] covers."""
    r = rect
    if not r or page_width <= 0 or page_height <= 0:
        return 0.0
    return max(0.0, r[2] - r[0]) * max(0.0, r[3] - r[1]) / (page_width * page_height)


def add_area_coverage(project, selection, row_of: dict, col_of: dict, covered, row_union) -> None:
    """Add the live area segments of the selection to the matrix's covered characters (in place).

    An area stands for its share of its page times the document's characters per page (an
    average page), so a half-page table counts like half a page of text; sums are capped at the
    document's length. Areas on a document without any text add nothing (there is nothing to share).
    """
    from sqlalchemy import and_, func, select

    from .models import Code

    ids = list(selection.coder_ids)
    if not ids:
        return
    rows = project.session.execute(
        select(Segment.document_id, Segment.code_pk, Segment.coder_id, Segment.page_first, Segment.rects,
               Segment.kind, Page.width, Page.height, Document.page_count, func.length(Document.text))
        .join(Code, Code.id == Segment.code_pk).join(Document, Document.id == Segment.document_id)
        .join(Page, and_(Page.document_id == Segment.document_id, Page.index == Segment.page_first))
        .where(Segment.kind == "area", Segment.deleted.is_(None), Segment.status == "coded",
               Code.deleted.is_(None), Segment.coder_id.in_(ids))).all()
    by_coder = selection.mode == "by-coder"
    for d, c, k, page, rects, kind, width, height, pages, chars in rows:
        i = row_of.get(d)
        if i is None or not chars or not pages:
            continue
        rect = ((rects or {}).get(str(page)) or [None])[0]
        equivalent = int(round(area_share(rect, width, height) * chars / pages))
        j = col_of.get((c, k if by_coder else 0))
        if j is not None:
            covered[i][j] = min(chars, covered[i][j] + equivalent)  # lists of rows (or an array)
        row_union[i] = min(chars, row_union[i] + equivalent)


def iou(a, b) -> float:
    """Intersection over union of two rectangles [x0, y0, x1, y1]."""
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def area_text(page_label: str, quote: str = "") -> str:
    """What stands for an area where a quote would: "[area, p. 13]", then the text inside it, if any."""
    head = LABEL.format(page=page_label)
    return f"{head} {quote}" if quote else head


def picture(pdf_data: bytes, segment: Segment, zoom: float = 2.0, max_side: int = 800) -> bytes:
    """The area as a PNG (rendered from the stored PDF; no Qt), at most ``max_side`` pixels a side."""
    import pymupdf

    r = segment.area
    with pymupdf.open(stream=pdf_data, filetype="pdf") as pdf:
        page = pdf.load_page(segment.page_first)
        clip = pymupdf.Rect(r)
        if page.rotation:
            clip = (clip * page.derotation_matrix).normalize()
        longest = max(clip.width, clip.height, 1.0)
        z = min(zoom, max_side / longest)
        return page.get_pixmap(matrix=pymupdf.Matrix(z, z), clip=clip, alpha=False).tobytes("png")
