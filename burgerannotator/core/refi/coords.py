"""Between this app's page rectangles and REFI-QDA's PDF selection coordinates.

REFI-QDA 1.5, section 10.3: a PDF selection is "X-Y selections of PDF points, starting from
the bottom-left of the PDF media box" (integers, page numbers from 0). ATLAS.ti's export agrees:
a selection that runs on to the next page lies at y 45-234 on its first page, the bottom.
So: unrotated PDF user space (y up), relative to the MediaBox's lower-left corner.

This app stores rectangles in the *displayed* page space of PyMuPDF: the page's /Rotate
applied, y down, origin at the top-left of the CropBox. So an export un-rotates
(``derotation_matrix``), moves from the CropBox to the MediaBox and flips y; an import
does the reverse. first = lower-left corner, second = upper-right.
"""
from __future__ import annotations

import math

import pymupdf


def to_refi(page: pymupdf.Page, rect) -> tuple[int, int, int, int]:
    """Displayed rect (x0, y0, x1, y1) -> (firstX, firstY, secondX, secondY), widened to whole points."""
    r = (pymupdf.Rect(rect) * page.derotation_matrix).normalize()  # unrotated, CropBox-relative, y down
    crop, media = page.cropbox, page.mediabox  # cropbox: x in PDF space, y down from the MediaBox top
    x0 = r.x0 + crop.x0 - media.x0
    x1 = r.x1 + crop.x0 - media.x0
    top = media.height - (r.y0 + crop.y0)
    bottom = media.height - (r.y1 + crop.y0)
    return math.floor(x0), math.floor(bottom), math.ceil(x1), math.ceil(top)


def from_refi(page: pymupdf.Page, first_x: float, first_y: float, second_x: float, second_y: float) -> pymupdf.Rect:
    """(firstX, firstY, secondX, secondY) -> the displayed rect, either corner order accepted."""
    crop, media = page.cropbox, page.mediabox
    xs = sorted((first_x, second_x))
    ys = sorted((first_y, second_y))
    r = pymupdf.Rect(xs[0] - crop.x0 + media.x0, media.height - ys[1] - crop.y0,
                     xs[1] - crop.x0 + media.x0, media.height - ys[0] - crop.y0)
    return (r * page.rotation_matrix).normalize()


def union(rects) -> list[float]:
    xs0, ys0, xs1, ys1 = zip(*rects)
    return [min(xs0), min(ys0), max(xs1), max(ys1)]
