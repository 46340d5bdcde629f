"""What is selected in the window: one ``Selection`` (document, text span, segment) with one signal.

The PDF view, the segment table, the codebook and the coding actions all read and write this
one object instead of keeping their own copies: a click on a segment, a drag over words, a row
chosen in the table each set it, and each of them redraws from ``changed``. A coder switch and
a new document clear it, so nothing one coder selected stays selected for the next.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    changed = Signal(object)  # this Selection

    def __init__(self, parent=None):
        super().__init__(parent)
        self.document: str | None = None        # document uuid
        self.span: tuple[int, int] | None = None  # selected text (start, end), not yet coded
        self.segment: str | None = None          # selected segment uuid
        self.area: tuple[int, tuple] | None = None  # a drawn rectangle (page, (x0, y0, x1, y1)), not yet coded

    def _set(self, document, span, segment, area=None) -> None:
        if (document, span, segment, area) == (self.document, self.span, self.segment, self.area):
            return
        self.document, self.span, self.segment, self.area = document, span, segment, area
        self.changed.emit(self)

    def select_area(self, document: str, page: int, rect) -> None:
        """A rectangle of a page is drawn, to be coded as an area (issue 15)."""
        self._set(document, None, None, (int(page), tuple(float(v) for v in rect)))

    def select_span(self, document: str, start: int, end: int) -> None:
        """Text is selected (a segment is not, any more)."""
        self._set(document, (start, end), None)

    def select_segment(self, document: str | None, uuid: str | None) -> None:
        """A segment is selected (``uuid`` None: none; the text selection goes)."""
        self._set(document if uuid else self.document, None, uuid)

    def clear(self) -> None:
        self._set(self.document, None, None)

    def reset(self, document: str | None = None) -> None:
        """Nothing selected, in ``document`` (a new document, another coder)."""
        self._set(document, None, None)

    def is_empty(self) -> bool:
        return self.span is None and self.segment is None and self.area is None

    def __repr__(self) -> str:
        return (f"Selection(document={self.document!r}, span={self.span!r}, segment={self.segment!r}, "
                f"area={self.area!r})")
