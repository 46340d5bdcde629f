"""Page rendering off the GUI thread, with an LRU cache of page images.

PyMuPDF is not thread-safe, so every PyMuPDF call made here runs on one worker
thread (a QThreadPool of one) under ``PDF_LOCK``; each document is opened on that
thread from the bytes stored in the project. A page is drawn once, into an RGB pixmap
(``raster.render_page``), and shown through a QImage laid over the pixmap's samples
(Format_RGB32 as MuPDF wrote it: no copy, and no conversion at paint); the cache entry keeps the pixmap alive, and an
evicted pixmap is drawn into again rather than freed. A finished page is put in an inbox
(under a lock) and announced to the GUI thread by a queued signal; a paint that comes first
(PyMuPDF keeps the GIL while it draws, so the GUI's paint often waits for the render)
already finds it there, and the page is painted once. The view asks for the pages it shows (``request_pages``: the visible
ones first, then the next one); queued requests for pages scrolled away or for a zoom no
longer shown are dropped before they are rendered.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import pymupdf
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from .raster import SparePixmaps, pixmap_bytes, qimage_format, render_page

from burgerannotator.core.pdf_lock import PDF_LOCK  # noqa: E402  (the one lock, kept in the core)
CACHE_BYTES = 384 * 1024 * 1024
_OPEN_DOCS_KEPT = 6


def scale_key(scale: float) -> int:
    return int(round(scale * 1000))


class PageImage:
    """A rendered page: ``image`` (QImage over ``pixmap``'s samples) and the pixmap that owns them."""

    __slots__ = ("image", "pixmap", "nbytes")

    def __init__(self, image: QImage, pixmap: pymupdf.Pixmap | None):
        self.image, self.pixmap = image, pixmap
        self.nbytes = pixmap_bytes(pixmap) if pixmap is not None else 0


class _Relay(QObject):
    done = Signal()  # something is in the inbox


class _RenderTask(QRunnable):
    def __init__(self, renderer: "PageRenderer", key: tuple, generation: int):
        super().__init__()
        self.renderer, self.key, self.generation = renderer, key, generation
        self.setAutoDelete(True)

    def run(self) -> None:
        renderer = self.renderer
        if not renderer._claim(self.key):
            return
        sha, index, skey = self.key
        pix = None
        try:
            with PDF_LOCK:
                renderer._spares.trim()
                page = renderer._open(sha).load_page(index)
                pix = render_page(page, skey / 1000, renderer._spares)
            image = QImage(pix.samples_mv, pix.width, pix.height, pix.stride, qimage_format())
        except Exception:  # a page that cannot be drawn shows blank; the text still codes
            image = QImage()
        renderer._deliver(self.key, PageImage(image, pix), self.generation)


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
        self._docs: OrderedDict[str, pymupdf.Document] = OrderedDict()  # used under PDF_LOCK only
        self._cache: OrderedDict[tuple, PageImage] = OrderedDict()
        self._cache_bytes = 0
        self._limit = cache_bytes
        self._spares = SparePixmaps()
        self._pending: set[tuple] = set()   # wanted and not delivered yet
        self._claimed: set[tuple] = set()   # being (or been) rendered, not delivered yet
        self._inbox: dict[tuple, PageImage] = {}  # rendered, not in the cache yet
        self._lock = threading.Lock()
        self._generation = 0
        self._announce: list[tuple] = []    # collected, pageReady not emitted yet
        self.rendered = 0                   # pages rendered so far (for tests and benches)

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
        if self._inbox:
            self._collect()
        entry = self._cache.get(key)
        if entry is None:
            return None
        self._cache.move_to_end(key)
        return entry.image

    def any_image(self, sha: str, index: int) -> QImage | None:
        """Some cached image of the page at another scale (drawn stretched until the new one is in)."""
        if self._inbox:
            self._collect()
        for (s, i, _k), entry in reversed(self._cache.items()):
            if s == sha and i == index:
                return entry.image
        return None

    def request(self, sha: str, index: int, scale: float, priority: int = 0) -> None:
        """Render the page at ``scale`` unless it is cached or on its way."""
        key = (sha, index, scale_key(scale))
        with self._lock:
            if key in self._pending or key in self._cache or sha not in self._bytes:
                return
            self._pending.add(key)
        self._pool.start(_RenderTask(self, key, self._generation), priority)

    def request_pages(self, sha: str, indices: list[int], scale: float, prefetch: list[int] = ()) -> None:
        """The pages the view shows now (in order) and those it will show next: render what is
        missing, visible pages first; forget queued pages that are no longer among them."""
        skey = scale_key(scale)
        wanted = {(sha, i, skey) for i in (*indices, *prefetch)}
        with self._lock:
            self._pending = {k for k in self._pending if k in wanted or k in self._claimed}
        for n, index in enumerate(indices):
            self.request(sha, index, scale, priority=len(indices) - n + 1)
        for index in prefetch:
            self.request(sha, index, scale, priority=0)

    def is_pending(self, sha: str, index: int, scale: float) -> bool:
        with self._lock:
            return (sha, index, scale_key(scale)) in self._pending

    def render_here(self, sha: str, index: int, scale: float) -> QImage | None:
        """Render the page on this (the GUI) thread into the cache, if nothing else holds
        PyMuPDF (the worker, an import) and the worker has not started on it; None otherwise.

        A page the view shows now is drawn in the paint that shows it: no hop to the worker
        and back, no blank paint first. PyMuPDF keeps the GIL while it draws, so the worker
        would hold the GUI up as long; it is kept for the pages not on screen yet."""
        key = (sha, index, scale_key(scale))
        with self._lock:
            if key in self._claimed or sha not in self._bytes:
                return None
        if not PDF_LOCK.acquire(blocking=False):
            return None
        try:
            with self._lock:
                if key in self._claimed:
                    return None
                self._pending.discard(key)  # a queued request for it is dropped by the worker
            self._spares.trim()
            try:
                pix = render_page(self._open(sha).load_page(index), key[2] / 1000, self._spares)
                image = QImage(pix.samples_mv, pix.width, pix.height, pix.stride, qimage_format())
            except Exception:  # a page that cannot be drawn shows blank; the text still codes
                pix, image = None, QImage()
        finally:
            PDF_LOCK.release()
        entry = PageImage(image, pix)
        self._keep(key, entry)
        self._evict()
        return entry.image

    def _keep(self, key, entry: PageImage) -> None:
        """Put a rendered page in the cache (GUI thread), handing the buffer of the one it replaces back."""
        self.rendered += 1
        old = self._cache.pop(key, None)
        if old is not None:
            self._cache_bytes -= old.nbytes
            self._spares.give(old.pixmap)
        self._cache[key] = entry
        self._cache_bytes += entry.nbytes

    def _evict(self) -> None:
        while self._cache_bytes > self._limit and len(self._cache) > 1:
            _k, old = self._cache.popitem(last=False)
            self._cache_bytes -= old.nbytes
            self._spares.give(old.pixmap)

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
            self._pending = {k for k in self._pending if k[2] == keep or k in self._claimed}

    def clear(self) -> None:
        """Empty the cache (its buffers are kept for reuse) and drop queued requests."""
        with self._lock:
            self._pending.clear()
            self._claimed.clear()
            self._generation += 1
            inbox, self._inbox = self._inbox, {}
        self._announce.clear()
        for entry in inbox.values():
            self._spares.give(entry.pixmap)
        for entry in self._cache.values():
            self._spares.give(entry.pixmap)
        self._cache.clear()
        self._cache_bytes = 0

    def set_spare_limit(self, nbytes: int) -> None:
        """How many bytes of evicted page buffers to keep for reuse (0: free them all)."""
        self._spares.limit = nbytes

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    def _claim(self, key: tuple) -> bool:
        """Worker: may this key be rendered now (still wanted, not rendered by an earlier task)?"""
        with self._lock:
            if key not in self._pending or key in self._claimed:
                return False
            self._claimed.add(key)
            return True

    def _deliver(self, key: tuple, entry: PageImage, generation: int) -> None:
        """Worker: hand a finished page to the GUI thread."""
        with self._lock:
            stale = generation != self._generation  # cleared meanwhile
            if not stale:
                self._inbox[key] = entry
        if stale:
            self._spares.give(entry.pixmap)
        else:
            self._relay.done.emit()

    def _collect(self) -> list[tuple]:
        """GUI thread: move delivered pages into the cache; returns their keys."""
        with self._lock:
            inbox, self._inbox = self._inbox, {}
            for key in inbox:
                self._pending.discard(key)
                self._claimed.discard(key)
        for key, entry in inbox.items():
            self._keep(key, entry)
        self._evict()
        self._announce.extend(inbox)
        return list(inbox)

    def _on_done(self) -> None:
        self._collect()
        announce, self._announce = self._announce, []
        for key in announce:
            if key in self._cache:
                self.pageReady.emit(key[0], key[1], key[2])
