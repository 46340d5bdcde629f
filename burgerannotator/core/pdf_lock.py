"""The one lock around PyMuPDF, which is not thread-safe.

Hold ``PDF_LOCK`` for any PyMuPDF call that may run while another thread uses PyMuPDF:
the window renders pages on a worker thread (``gui/pdf_view/render.py``) while the core
imports PDFs (``core/importer.py``) or reads a document's bytes. It is re-entrant, so a
caller that already holds it may call code that takes it again.
"""
from __future__ import annotations

import threading

PDF_LOCK = threading.RLock()

__all__ = ["PDF_LOCK"]
