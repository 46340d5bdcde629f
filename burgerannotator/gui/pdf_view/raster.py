"""Rasterising one page with PyMuPDF into a reusable pixmap laid out as Qt draws it (no Qt here).

``render_page`` does what ``page.get_pixmap(matrix=Matrix(s, s), alpha=False)`` does
(display list, white page, draw device: the same pixel values) but into a B,G,R,A pixmap
(alpha 255): in memory that is Qt's 32-bit RGB image on a little-endian machine, which Qt
blits onto the window as it is, where a 24-bit RGB image is converted pixel by pixel at
every paint (three times the cost of drawing a page on screen). It can draw into a spare
pixmap of the right size handed back by the page cache: a page image of 1190 x 1684 pixels
at 200 % is 8 MB, and taking it from fresh memory costs the kernel about as much again as
drawing the page, so the cache recycles the buffers it evicts.

Call everything here with ``render.PDF_LOCK`` held.
"""
from __future__ import annotations

import sys
import threading

import pymupdf

try:  # the MuPDF bindings PyMuPDF itself is built on
    from pymupdf import mupdf
except ImportError:  # pragma: no cover - every PyMuPDF 1.2x ships them
    mupdf = None

SPARE_BYTES = 48 * 1024 * 1024  # spare buffers kept for reuse (a handful of pages)


def qimage_format():
    """The QImage format of ``render_page``'s pixmaps (imported here lazily: this module has no Qt)."""
    from PySide6.QtGui import QImage

    return QImage.Format.Format_RGB32 if QT_LAYOUT else QImage.Format.Format_RGB888


def pixmap_bytes(pix: pymupdf.Pixmap) -> int:
    return pix.stride * pix.height


class SparePixmaps:
    """Evicted page pixmaps waiting to be drawn into again, by size. Filled from the GUI
    thread (``give``), used and trimmed on the render thread (``take``, ``trim``)."""

    def __init__(self, limit: int = SPARE_BYTES):
        self.limit = limit
        self._items: list[pymupdf.Pixmap] = []
        self._lock = threading.Lock()

    def give(self, pix: pymupdf.Pixmap | None) -> None:
        """Hand back a pixmap nobody draws from any more (kept alive: freed on the render thread)."""
        if pix is not None:
            with self._lock:
                self._items.append(pix)

    def take(self, width: int, height: int) -> pymupdf.Pixmap | None:
        with self._lock:
            for i in range(len(self._items) - 1, -1, -1):
                pix = self._items[i]
                if pix.width == width and pix.height == height:
                    return self._items.pop(i)
        return None

    def trim(self) -> None:
        """Free the oldest spares beyond the limit (render thread, under PDF_LOCK)."""
        with self._lock:
            total, cut = 0, 0
            for i in range(len(self._items) - 1, -1, -1):
                total += pixmap_bytes(self._items[i])
                if total > self.limit:
                    cut = i + 1
                    break
            dropped, self._items[:] = self._items[:cut], self._items[cut:]
        del dropped  # released here, on the render thread

    def __len__(self) -> int:
        return len(self._items)


QT_LAYOUT = mupdf is not None and sys.byteorder == "little"  # B,G,R,A bytes = Qt's Format_RGB32


def render_page(page: pymupdf.Page, scale: float, spares: SparePixmaps | None = None) -> pymupdf.Pixmap:
    """The page at ``scale`` on white paper: a B,G,R,A pixmap (``QT_LAYOUT``; else RGB, as
    get_pixmap), drawn into a spare pixmap of the same size when there is one."""
    if not QT_LAYOUT:
        return page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    ctm = mupdf.FzMatrix(scale, 0, 0, scale, 0, 0)
    display_list = page.get_displaylist(annots=True)
    box = mupdf.fz_round_rect(mupdf.fz_transform_rect(mupdf.fz_bound_display_list(display_list.this), ctm))
    width, height = box.x1 - box.x0, box.y1 - box.y0
    pix = spares.take(width, height) if spares is not None else None
    if pix is None:
        pix = pymupdf.Pixmap("raw", mupdf.fz_new_pixmap_with_bbox(mupdf.fz_device_bgr(), box,
                                                                  mupdf.FzSeparations(), 1))
    else:
        pix.set_origin(box.x0, box.y0)
    mupdf.fz_clear_pixmap_with_value(pix.this, 0xFF)  # white, opaque (alpha 255 too)
    device = mupdf.fz_new_draw_device(ctm, pix.this)
    try:
        mupdf.fz_run_display_list(display_list.this, device, mupdf.FzMatrix(),
                                  mupdf.FzRect(mupdf.FzRect.Fixed_INFINITE), mupdf.FzCookie())
    finally:
        mupdf.fz_close_device(device)
    return pix
