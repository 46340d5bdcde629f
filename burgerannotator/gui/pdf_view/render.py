"""Page rendering off the GUI thread, with an LRU cache of page images.

PyMuPDF is not thread-safe, so every PyMuPDF call made here runs on one worker
thread (a QThreadPool of one) under ``PDF_LOCK``; each document is opened on that
thread from the bytes stored in the project. Finished images reach the GUI thread
by a queued signal. Only pages that are painted (visible) are ever requested, and
a request for a zoom that is no longer shown is dropped before it is rendered.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import pymupdf
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

PDF_LOCK = threading.RLock()  # hold it for any other PyMuPDF use while the app runs
CACHE_BYTES = 384 * 1024 * 1024
_OPEN_DOCS_KEPT = 6


def scale_key(scale: float) -> int:
    return int(round(scale * 1000))


class _Relay(QObject):
    done = Signal(object, object)  # key, QImage


class _RenderTask(QRunnable):
    def __init__(self, renderer: "PageRenderer", key: tuple):
        super().__init__()
        self.renderer, self.key = renderer, key
        self.setAutoDelete(True)

    def run(self) -> None:
        renderer = self.renderer
        if not renderer._wanted(self.key):
            return
        sha, index, skey = self.key
        try:
            with PDF_LOCK:
                doc = renderer._open(sha)
                page = doc.load_page(index)
                scale = skey / 1000
                pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
                # converted here, off the GUI thread, to the format painting blits fastest
                image = QImage(pix.samples_mv, pix.width, pix.height, pix.stride,
                               QImage.Format.Format_RGB888).convertToFormat(QImage.Format.Format_RGB32)
        except Exception:  # a page that cannot be drawn shows blank; the text still codes
            image = QImage()
        renderer._relay.done.emit(self.key, image)


class PageRenderer(QObject):
    """Asynchronous page images keyed by (document sha256, page index, scale)."""

    pageReady = Signal(str, int, int)  # sha256, page index, scale key

    def __init__(self, cache_bytes: int = CACHE_BYTES, parent=None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._bytes: dict[str, bytes] = {}
        self._docs: OrderedDict[str, pymupdf.Document] = OrderedDict()  # worker thread only
        self._cache: OrderedDict[tuple, QImage] = OrderedDict()
        self._cache_bytes = 0
        self._limit = cache_bytes
        self._pending: set[tuple] = set()
        self._lock = threading.Lock()
        self._current_scale: int | None = None

    # ---- documents -------------------------------------------------------------------
    def add_document(self, sha: str, data: bytes) -> None:
        self._bytes.setdefault(sha, data)

    def has_document(self, sha: str) -> bool:
        return sha in self._bytes

    def _open(self, sha: str) -> pymupdf.Document:
        doc = self._docs.get(sha)
        if doc is None:
            doc = pymupdf.open(stream=self._bytes[sha], filetype="pdf")
            self._docs[sha] = doc
            while len(self._docs) > _OPEN_DOCS_KEPT:
                self._docs.popitem(last=False)[1].close()
        self._docs.move_to_end(sha)
        return doc

    # ---- images ------------------------------------------------------------------------
    def image(self, sha: str, index: int, scale: float) -> QImage | None:
        key = (sha, index, scale_key(scale))
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
        return image

    def any_image(self, sha: str, index: int) -> QImage | None:
        """Some cached image of the page at another scale (drawn stretched until the new one is in)."""
        for (s, i, _k), image in reversed(self._cache.items()):
            if s == sha and i == index:
                return image
        return None

    def request(self, sha: str, index: int, scale: float) -> None:
        key = (sha, index, scale_key(scale))
        self._current_scale = key[2]
        with self._lock:
            if key in self._pending or key in self._cache or sha not in self._bytes:
                return
            self._pending.add(key)
        self._pool.start(_RenderTask(self, key))

    def render_now(self, sha: str, index: int, scale: float) -> QImage:
        """Synchronous render (benchmarks, printing); bypasses and does not fill the cache."""
        with PDF_LOCK:
            doc = pymupdf.open(stream=self._bytes[sha], filetype="pdf")
            pix = doc.load_page(index).get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
            return QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()

    def forget_scale_requests(self, keep_scale: float) -> None:
        """Drop queued requests for other zoom levels (the user zoomed on)."""
        keep = scale_key(keep_scale)
        with self._lock:
            self._pending = {k for k in self._pending if k[2] == keep}

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()
        self._cache.clear()
        self._cache_bytes = 0

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    def _wanted(self, key: tuple) -> bool:
        with self._lock:
            return key in self._pending

    def _on_done(self, key: tuple, image: QImage) -> None:
        with self._lock:
            if key not in self._pending:
                return
            self._pending.discard(key)
        self._cache[key] = image
        self._cache_bytes += image.sizeInBytes()
        while self._cache_bytes > self._limit and len(self._cache) > 1:
            _k, old = self._cache.popitem(last=False)
            self._cache_bytes -= old.sizeInBytes()
        self.pageReady.emit(key[0], key[1], key[2])
