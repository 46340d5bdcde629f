"""A page's words and text in reading order, from PyMuPDF, in one pass per page.

The text built here *is* the coordinate system of every segment: offsets point
into it. So it must be deterministic (same PDF and same PyMuPDF version give the
same text, on any machine), and every word keeps its box so that a span of text
maps back to rectangles on the page.

Rules:
* words come from ``page.get_text("words")`` with ligatures expanded;
* blocks are put in reading order by a recursive XY cut, so a two-column page
  reads column by column and running headers come first, footers last;
* within a block, words on one visual line are joined by a space, lines by a
  newline; blocks by a blank line; pages (in the document) by a form feed;
* a word ending in a hyphen at the end of a line, followed by a word starting
  with a lower-case letter, is joined to it (``burger-`` + ``beraad`` gives
  ``burgerberaad``); each part keeps its own box;
* boxes are given in the displayed page space (the page's /Rotate applied).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pymupdf

EXTRACTOR = "pymupdf-words-xycut"
EXTRACTOR_REVISION = "1"  # bump when the text these rules produce changes
FLAGS = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
BIG_GAP = 18.0  # points: a gap this tall separates header, body and footer
COLUMN_GAP = 6.0  # points: a vertical gap at least this wide separates columns
HYPHENS = ("-", "\u00ad", "\u2010")
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                           "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
PAGE_SEPARATOR = "\f"
BLOCK_SEPARATOR = "\n\n"
LINE_SEPARATOR = "\n"


def extractor_version() -> str:
    return f"{EXTRACTOR_REVISION}/PyMuPDF {pymupdf.VersionBind}"


@dataclass
class PageText:
    """One page: its text and, per word, a box and the word's [start, end) in that text."""

    index: int
    label: str
    width: float
    height: float
    rotation: int
    text: str = ""
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    ocr: str = ""  # the OCR engine and language data that recognised this page ("" = text layer)

    @property
    def has_text(self) -> bool:
        return bool(self.spans)


def _clean(word: str) -> str:
    if word.isascii():  # most words: no ligature to expand, already NFC
        return word
    return unicodedata.normalize("NFC", word.translate(LIGATURES))


def _block_order(w: tuple) -> tuple:
    return w[6], w[7]  # (line number, word number) within the block


def _reading_order(boxes: list[tuple[float, float, float, float]]) -> list[int]:
    """Indexes of ``boxes`` (x0, y0, x1, y1) in reading order, by a recursive XY cut."""
    order: list[int] = []

    def gaps(items: list[int], lo: int, hi: int) -> tuple[float, float]:
        """Largest empty band along an axis: (width, cut position)."""
        spans = sorted((boxes[i][lo], boxes[i][hi]) for i in items)
        best, cut, reach = 0.0, 0.0, spans[0][1]
        for a, b in spans[1:]:
            if a - reach > best:
                best, cut = a - reach, (a + reach) / 2
            reach = max(reach, b)
        return best, cut

    def cut(items: list[int]) -> None:
        if len(items) <= 1:
            order.extend(items)
            return
        gy, cy = gaps(items, 1, 3)
        gx, cx = gaps(items, 0, 2)
        if gy >= BIG_GAP:
            axis, at = 1, cy
        elif gx >= COLUMN_GAP:
            axis, at = 0, cx
        elif gy > 0:
            axis, at = 1, cy
        else:
            order.extend(sorted(items, key=lambda i: (boxes[i][1], boxes[i][0])))
            return
        first = [i for i in items if (boxes[i][axis] + boxes[i][axis + 2]) / 2 < at]
        second = [i for i in items if (boxes[i][axis] + boxes[i][axis + 2]) / 2 >= at]
        if not first or not second:  # cannot happen for a real gap; guard against loops
            order.extend(sorted(items, key=lambda i: (boxes[i][1], boxes[i][0])))
            return
        cut(first)
        cut(second)

    cut(list(range(len(boxes))))
    return order


def _visual_lines(words: list[tuple]) -> list[list[tuple]]:
    """Split a block's words (in PyMuPDF order) into lines as a reader sees them.

    Justified text often comes as several PyMuPDF lines on one baseline; they are one line.
    """
    lines: list[list[tuple]] = []
    for w in words:
        if lines:
            last = lines[-1][-1]
            mid = (w[1] + w[3]) / 2
            same_row = last[1] - 1 <= mid <= last[3] + 1
            if same_row and w[0] >= last[0]:
                lines[-1].append(w)
                continue
        lines.append([w])
    return lines


def extract_page(page: pymupdf.Page, textpage: pymupdf.TextPage | None = None) -> PageText:
    """Words and text of one page (see the module's rules); ``textpage``: an OCR'd one (core.ocr)."""
    rect = page.rect
    label = page.get_label() or str(page.number + 1)
    result = PageText(index=page.number, label=label, width=float(rect.width), height=float(rect.height),
                      rotation=int(page.rotation))
    raw = page.get_text("words", flags=FLAGS, sort=False, textpage=textpage)
    if not raw:
        return result
    blocks: dict[int, list[tuple]] = {}
    for w in raw:
        if w[4].strip():
            blocks.setdefault(w[5], []).append(w)
    keys = list(blocks)
    bboxes = []
    for k in keys:
        ws = blocks[k]
        bboxes.append((min(w[0] for w in ws), min(w[1] for w in ws), max(w[2] for w in ws), max(w[3] for w in ws)))
    rotate = bool(page.rotation)
    matrix = page.rotation_matrix if rotate else None
    boxes, spans = result.boxes, result.spans
    parts: list[str] = []
    pos = 0
    hyphen_open = False  # the previous word ended a line with a hyphen we took off
    for b in _reading_order(bboxes):
        words = sorted(blocks[keys[b]], key=_block_order)
        for li, line in enumerate(_visual_lines(words)):
            for wi, w in enumerate(line):
                text = _clean(w[4])
                sep = " " if wi else (LINE_SEPARATOR if li else BLOCK_SEPARATOR)
                if hyphen_open:
                    if text[:1].islower():
                        sep = ""  # burger- / beraad: the parts join
                    else:  # Noord- / Brabant: the hyphen belongs to the word after all
                        parts[-1] += "-"
                        s0, e0 = result.spans[-1]
                        result.spans[-1] = (s0, e0 + 1)
                        pos += 1
                    hyphen_open = False
                if not parts:
                    sep = ""
                if wi == len(line) - 1 and len(text) > 1 and text.endswith(HYPHENS) and text[-2].isalpha():
                    text = text[:-1]
                    hyphen_open = True
                parts.append(sep)
                pos += len(sep)
                if rotate:  # displayed page space; an unrotated page needs no Rect per word (issue 17)
                    box = (pymupdf.Rect(w[:4]) * matrix).normalize()
                    boxes.append((float(box.x0), float(box.y0), float(box.x1), float(box.y1)))
                else:
                    boxes.append((float(w[0]), float(w[1]), float(w[2]), float(w[3])))
                spans.append((pos, pos + len(text)))
                parts.append(text)
                pos += len(text)
    if hyphen_open:  # a page that ends on a hyphen keeps it
        parts[-1] += "-"
        s0, e0 = result.spans[-1]
        result.spans[-1] = (s0, e0 + 1)
    result.text = "".join(parts)
    return result


def open_pdf(data: bytes, password: str | None = None) -> pymupdf.Document:
    """Open PDF bytes; errors are left to the caller (importer) to phrase."""
    return pymupdf.open(stream=data, filetype="pdf")
