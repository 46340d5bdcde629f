"""Between what a coder selects on a page and what is stored: offsets, rectangles, quotes.

A segment is a span [start, end) of its document's text. ``DocumentLayout`` knows
every word's box and span, so it turns a selection (two points, or a word range,
across lines, columns and pages) into a span snapped to whole words, and a span
back into the rectangles to draw on each page (one per run of words on a line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

BOX_DTYPE = np.dtype("<f4")
SPAN_DTYPE = np.dtype("<i4")


def pack_words(boxes, spans) -> tuple[bytes, bytes]:
    """Word boxes and spans as the bytes stored on a Page row (little-endian, portable)."""
    return (np.asarray(boxes, dtype=BOX_DTYPE).reshape(-1, 4).tobytes(),
            np.asarray(spans, dtype=SPAN_DTYPE).reshape(-1, 2).tobytes())


def unpack_words(box_bytes: bytes, span_bytes: bytes) -> tuple[np.ndarray, np.ndarray]:
    boxes = np.frombuffer(box_bytes or b"", dtype=BOX_DTYPE).reshape(-1, 4)
    spans = np.frombuffer(span_bytes or b"", dtype=SPAN_DTYPE).reshape(-1, 2)
    return boxes, spans


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("span end before start")


class DocumentLayout:
    """All words of one document, in text order, with the page each sits on."""

    def __init__(self, text: str, pages):
        """``pages``: Page rows (or objects with index, text_start, word_boxes, word_offsets)."""
        self.text = text
        pages = sorted(pages, key=lambda p: p.index)
        box_parts = [p.word_boxes or b"" for p in pages]
        span_parts = [p.word_offsets or b"" for p in pages]
        if pages and all(len(b) % (BOX_DTYPE.itemsize * 4) == 0 for b in box_parts) \
                and all(len(s) % (SPAN_DTYPE.itemsize * 2) == 0 for s in span_parts):
            # all pages at once (issue 17: a page at a time cost ~40 µs each, 0.1 s for 2,700 pages);
            # the same arrays as the page-by-page loop below, which reports a damaged page's bytes
            self.page_bounds = {p.index: (p.text_start, p.text_end) for p in pages}
            # joined into a bytearray: one writeable buffer the arrays use as they are (no copy)
            self.boxes = np.frombuffer(bytearray().join(box_parts), dtype=BOX_DTYPE).reshape(-1, 4)
            self.spans = np.frombuffer(bytearray().join(span_parts), dtype=SPAN_DTYPE).reshape(-1, 2)
            counts = [len(s) // (SPAN_DTYPE.itemsize * 2) for s in span_parts]
            self.page_of = np.repeat(np.array([p.index for p in pages], dtype=np.int32), counts)
            return
        boxes, spans, page_of = [], [], []
        self.page_bounds: dict[int, tuple[int, int]] = {}
        for p in pages:
            b, s = unpack_words(p.word_boxes, p.word_offsets)
            boxes.append(b)
            spans.append(s)
            page_of.append(np.full(len(s), p.index, dtype=np.int32))
            self.page_bounds[p.index] = (p.text_start, p.text_end)
        self.boxes = np.concatenate(boxes) if boxes else np.zeros((0, 4), BOX_DTYPE)
        self.spans = np.concatenate(spans) if spans else np.zeros((0, 2), SPAN_DTYPE)
        self.page_of = np.concatenate(page_of) if page_of else np.zeros(0, np.int32)

    def __len__(self) -> int:
        return len(self.spans)

    # ---- words -------------------------------------------------------------------
    def page_word_range(self, page_index: int) -> tuple[int, int]:
        """Indexes [first, last+1) of the words on a page."""
        lo = int(np.searchsorted(self.page_of, page_index, side="left"))
        hi = int(np.searchsorted(self.page_of, page_index, side="right"))
        return lo, hi

    def word_at(self, page_index: int, x: float, y: float, nearest: bool = True) -> int | None:
        """The word under (x, y) on a page, or the nearest one (for drags that end in a margin)."""
        lo, hi = self.page_word_range(page_index)
        if lo == hi:
            return None
        b = self.boxes[lo:hi]
        dx = np.maximum(np.maximum(b[:, 0] - x, 0), x - b[:, 2])
        dy = np.maximum(np.maximum(b[:, 1] - y, 0), y - b[:, 3])
        inside = (dx == 0) & (dy == 0)
        if inside.any():
            return lo + int(np.argmax(inside))
        if not nearest:
            return None
        # prefer words on the same line (vertical distance weighs more)
        return lo + int(np.argmin(dx + 4 * dy))

    def _span_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """The words' starts and ends as contiguous arrays, made once: ``searchsorted`` on a column
        of ``spans`` copies it first, every call (issue 17: 0.15 ms a call at 90k words)."""
        cols = getattr(self, "_columns", None)
        if cols is None or cols[0] is not self.spans:
            cols = self._columns = (self.spans, np.ascontiguousarray(self.spans[:, 0]),
                                    np.ascontiguousarray(self.spans[:, 1]))
        return cols[1], cols[2]

    def words_in_span(self, start: int, end: int) -> tuple[int, int]:
        """Indexes [first, last+1) of the words that overlap text [start, end)."""
        starts, ends = self._span_columns()
        first = int(np.searchsorted(ends, start, side="right"))
        last = int(np.searchsorted(starts, end, side="left"))
        return first, max(first, last)

    def span_of_words(self, first: int, last: int) -> Span:
        """The text span from word ``first`` to word ``last`` inclusive (either order)."""
        if first > last:
            first, last = last, first
        return Span(int(self.spans[first, 0]), int(self.spans[last, 1]))

    def span_from_points(self, page_a: int, xa: float, ya: float, page_b: int, xb: float, yb: float) -> Span | None:
        """A drag from one point to another, snapped to whole words (either direction)."""
        wa = self.word_at(page_a, xa, ya)
        wb = self.word_at(page_b, xb, yb)
        if wa is None or wb is None:
            return None
        return self.span_of_words(wa, wb)

    def snap(self, start: int, end: int) -> Span:
        """Widen a span to whole words."""
        first, last = self.words_in_span(start, end)
        if first >= last:
            return Span(start, end)
        return Span(min(start, int(self.spans[first, 0])), max(end, int(self.spans[last - 1, 1])))

    # ---- drawing -------------------------------------------------------------------
    def rects_for_span(self, start: int, end: int) -> dict[int, list[list[float]]]:
        """Rectangles to draw per page index: one per run of words on one line."""
        first, last = self.words_in_span(start, end)
        out: dict[int, list[list[float]]] = {}
        current: list[float] | None = None
        current_page = None
        # .tolist(): the same Python floats and ints as float()/int() per item, without a NumPy scalar per word
        for (x0, y0, x1, y1), page in zip(self.boxes[first:last].tolist(), self.page_of[first:last].tolist()):
            if current is not None and page == current_page:
                mid = (y0 + y1) / 2
                if current[1] - 1 <= mid <= current[3] + 1 and x0 >= current[2] - 1:
                    current[2] = max(current[2], x1)
                    current[1] = min(current[1], y0)
                    current[3] = max(current[3], y1)
                    continue
            current = [x0, y0, x1, y1]
            current_page = page
            out.setdefault(page, []).append(current)
        return {p: [[round(v, 2) for v in r] for r in rs] for p, rs in out.items()}

    def pages_for_span(self, start: int, end: int) -> tuple[int, int]:
        first, last = self.words_in_span(start, end)
        if first < last:
            return int(self.page_of[first]), int(self.page_of[last - 1])
        return self.page_at_offset(start), self.page_at_offset(max(start, end - 1))

    def page_at_offset(self, offset: int) -> int:
        for index, (s, e) in self.page_bounds.items():
            if s <= offset < e or (offset == e and s == e):
                return index
        return max(self.page_bounds) if self.page_bounds else 0


# ---- finding quotes -------------------------------------------------------------------
_HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad]\s+(?=[a-z\u00e0-\u00ff])")
_WS = re.compile(r"\s+")
_INNER_HYPHEN = re.compile(r"\\-(?=.)")  # an escaped hyphen inside a quoted word, not at its end


def quote_pattern(quote: str, flags: int = 0) -> re.Pattern:
    """A pattern that finds ``quote`` whatever its line breaks and hyphenation."""
    q = _HYPHEN_BREAK.sub(r"\1", quote.strip())
    # a hyphen in the quote may stand at a line end in the text (Noord-Brabant / "Noord-\nBrabant")
    tokens = [_INNER_HYPHEN.sub(r"-\\s*", re.escape(t)) for t in _WS.split(q) if t]
    if not tokens:
        raise ValueError("empty quote")
    return re.compile(r"\s+".join(tokens), flags)


def find_quote(text: str, quote: str, occurrence: int = 1) -> Span | None:
    """The ``occurrence``-th place ``quote`` stands in ``text`` (exact case first, then any case).
    None for a blank quote or an occurrence below 1 (there is no such place)."""
    if occurrence < 1 or not quote.strip():
        return None
    for flags in (0, re.IGNORECASE):
        matches = list(quote_pattern(quote, flags).finditer(text))
        if len(matches) >= occurrence:
            m = matches[occurrence - 1]
            return Span(m.start(), m.end())
    return None


def quote_of(text: str, start: int, end: int) -> str:
    """The quote as a reader would copy it: line breaks become spaces."""
    return _WS.sub(" ", text[start:end]).strip()
