"""The PDF as printed: pages rendered off the GUI thread, highlights, selection, zoom."""
from .view import PdfView

__all__ = ["PdfView"]
