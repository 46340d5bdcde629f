"""A plain-text source (a TXT file, or a PDF's text representation) as a document the viewer
can show: the text is laid out on A4 pages and drawn with PyMuPDF, and the document's text
is the source text itself, character for character, so REFI-QDA PlainTextSelection offsets
are the segment offsets one to one. Word boxes come from the layout, not from re-reading
the drawn PDF (whose text would be joined differently).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import pymupdf
from sqlalchemy import func, select

from .. import search_index
from ..anchoring import pack_words
from ..models import Coder, Document, Page, PdfBlob

EXTRACTOR = "refi-text-layout"
EXTRACTOR_VERSION = "1"
WIDTH, HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 56.0
FONT_SIZE = 10.0
LEADING = 13.0
_WORD = re.compile(r"\S+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


@dataclass
class LaidPage:
    start: int
    end: int
    lines: list[tuple[float, str]] = field(default_factory=list)  # baseline y, text drawn
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def layout(text: str, font: pymupdf.Font) -> list[LaidPage]:
    """Words of ``text`` placed on pages: one drawn line per source line, wrapped at the margin."""
    advance: dict[str, float] = {}

    def width_of(word: str) -> float:  # sum of glyph advances (what TextWriter draws), cached per character
        total = 0.0
        for ch in word:
            a = advance.get(ch)
            if a is None:
                a = advance[ch] = font.text_length(ch, FONT_SIZE)
            total += a
        return total

    space = width_of(" ")
    ascent, descent = font.ascender * FONT_SIZE, -font.descender * FONT_SIZE
    right = WIDTH - MARGIN
    pages = [LaidPage(0, 0)]
    y = MARGIN + FONT_SIZE

    def new_line():
        nonlocal y
        y += LEADING
        if y > HEIGHT - MARGIN:
            pages.append(LaidPage(0, 0))
            y = MARGIN + FONT_SIZE

    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        x, drawn = MARGIN, []
        for w in _WORD.finditer(m.group()):
            word = w.group()
            width = width_of(word)
            if drawn and x + width > right:
                pages[-1].lines.append((y, " ".join(drawn)))
                drawn, x = [], MARGIN
                new_line()
            page = pages[-1]
            if not page.spans:
                page.start = m.start() + w.start()
            page.boxes.append((x, y - ascent, x + width, y + descent))
            page.spans.append((m.start() + w.start(), m.start() + w.end()))
            drawn.append(word)
            x += width + space
        if drawn:
            pages[-1].lines.append((y, " ".join(drawn)))
        new_line()
    # pages cover the text without gaps: each ends where the next begins
    for i, page in enumerate(pages):
        if i == 0:
            page.start = 0
        page.end = pages[i + 1].start if i + 1 < len(pages) and pages[i + 1].spans else len(text)
    while len(pages) > 1 and not pages[-1].spans:
        pages.pop()
    pages[-1].end = len(text)
    return pages


def render(pages: list[LaidPage], font: pymupdf.Font, title: str) -> bytes:
    """The pages as PDF: each page's lines in one ``insert_text`` (fixed leading, so the words land
    where ``layout`` put them), with the font embedded (full Unicode, not the Base-14 encoding)."""
    doc = pymupdf.open()
    highest = max((ord(ch) for laid in pages for _, line in laid.lines for ch in line), default=255)
    primed = False
    for laid in pages:
        page = doc.new_page(width=WIDTH, height=HEIGHT)
        if not laid.lines:
            continue
        xref = page.insert_font(fontname="F0", fontbuffer=font.buffer)  # the same stream on every page: stored once
        if not primed:  # PyMuPDF measures glyphs up to the highest character seen; once for all pages, not per page
            doc.get_char_widths(xref, limit=highest + 1)
            primed = True
        first = laid.lines[0][0]
        slots = {round((y - first) / LEADING): line for y, line in laid.lines}
        text = "\n".join(slots.get(i, "") for i in range(max(slots) + 1))
        page.insert_text((MARGIN, first), text, fontsize=FONT_SIZE, fontname="F0", lineheight=LEADING / FONT_SIZE)
    doc.set_metadata({"title": title, "producer": "BurgerAnnotator", "creator": "BurgerAnnotator",
                      "creationDate": "", "modDate": ""})
    return doc.tobytes(garbage=3, deflate=True, no_new_id=True)


def text_document(project, name: str, text: str, coder: Coder | None, attributes: dict | None = None) -> Document:
    """Add a document made from ``text`` (inside the caller's transaction)."""
    font = pymupdf.Font("helv")
    laid = layout(text, font)
    data = render(laid, font, name)
    digest = hashlib.sha256(data).hexdigest()
    s = project.session
    existing = s.scalars(select(Document).where(Document.sha256 == digest)).first()
    if existing is not None:
        return existing
    if s.get(PdfBlob, digest) is None:
        s.add(PdfBlob(sha256=digest, data=data, size=len(data)))
    position = (s.scalar(select(func.max(Document.position))) or 0) + 1
    file_name = name if name.lower().endswith(".pdf") else f"{name}.pdf"
    document = Document(sha256=digest, file_name=file_name[:400], title=name, author="", page_count=len(laid),
                        text=text, extractor=EXTRACTOR, extractor_version=EXTRACTOR_VERSION, imported_by=coder,
                        attributes=dict(attributes or {}), position=position)
    for i, p in enumerate(laid):
        boxes, spans = pack_words(p.boxes, p.spans)
        document.pages.append(Page(index=i, label=str(i + 1), width=WIDTH, height=HEIGHT, rotation=0,
                                   has_text=bool(p.spans), text_start=p.start, text_end=p.end,
                                   word_boxes=boxes, word_offsets=spans))
    s.add(document)
    s.flush()
    search_index.index_document(project, document)
    return document
