"""The page renderer: the same pixels as PyMuPDF's get_pixmap, evicted buffers drawn into
again, and pages asked for only when seen."""
from __future__ import annotations

import pymupdf
from PySide6.QtCore import QCoreApplication

from burgerannotator.gui.pdf_view.raster import SparePixmaps, render_page


def _demo_pdf():
    from pathlib import Path
    return sorted((Path(__file__).resolve().parents[2] / "resources" / "demo").glob("*.pdf"))[0]


def _as_bgra(rgb: pymupdf.Pixmap) -> bytes:
    import numpy as np

    pixels = np.frombuffer(rgb.samples, np.uint8).reshape(rgb.height, rgb.width, 3)
    out = np.full((rgb.height, rgb.width, 4), 255, np.uint8)
    out[:, :, :3] = pixels[:, :, ::-1]
    return out.tobytes()


def test_the_image_qt_draws_is_the_page_get_pixmap_draws():
    from PySide6.QtGui import QImage

    from burgerannotator.gui.pdf_view.raster import qimage_format

    page = pymupdf.open(_demo_pdf()).load_page(1)
    ours = render_page(page, 1.5)
    image = QImage(ours.samples_mv, ours.width, ours.height, ours.stride, qimage_format())
    bare = page.get_pixmap(matrix=pymupdf.Matrix(1.5, 1.5), alpha=False)
    expected = QImage(bare.samples, bare.width, bare.height, bare.stride, QImage.Format.Format_RGB888)
    assert image.convertToFormat(QImage.Format.Format_RGB888) == expected


def test_render_page_matches_get_pixmap_and_reuses_spares():
    doc = pymupdf.open(_demo_pdf())
    spares = SparePixmaps()
    for scale in (1.0, 2.0):
        for index in (0, 1, 2):
            page = doc.load_page(index)
            ours = render_page(page, scale, spares)
            bare = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
            # the same pixels, laid out B,G,R,A (alpha 255) as Qt's Format_RGB32 holds them in memory
            assert (ours.width, ours.height, ours.n, ours.alpha) == (bare.width, bare.height, 4, 1)
            assert _as_bgra(bare) == bytes(ours.samples)
            spares.give(ours)
            assert len(spares) == 1
            again = render_page(page, scale, spares)  # drawn into the spare buffer
            assert again is ours and len(spares) == 0 and bytes(again.samples) == _as_bgra(bare)
    spares.limit = 0
    spares.give(again)
    spares.trim()
    assert len(spares) == 0


def test_only_visible_pages_are_rendered(qtbot, open_window):
    window = open_window("Viewer")
    view = window.pane.view
    qtbot.waitUntil(lambda: view.renderer.image(view.sha, 0, view.zoom * view.device_ratio()) is not None,
                    timeout=5000)
    def settled():  # the visible pages are cached and no render job is running or queued
        QCoreApplication.processEvents()
        cached = {k[1] for k in view.renderer._cache if k[0] == view.sha}
        return set(view.visible_pages()) <= cached and view.renderer._pool.activeThreadCount() == 0

    qtbot.waitUntil(settled, timeout=5000)
    seen = set(view.visible_pages())
    cached = {k[1] for k in view.renderer._cache if k[0] == view.sha}
    assert seen <= cached and len(cached) <= len(seen) + 1  # the visible pages and the next one down
    with qtbot.waitSignal(view.pagePainted, timeout=5000) as painted:
        view.go_to_page(len(view.items) - 1)
    assert painted.args[0] in view.visible_pages()
