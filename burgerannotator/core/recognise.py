"""Recognising the text of a document already in the project ("Recognise text", ``ocr`` command).

The recognised pages replace their (empty or poor) text, so the document's text changes and
every offset after the first recognised page moves. Segments keep their place:
* a segment wholly on pages that were not recognised moves with its page (exact);
* a segment on a recognised page is found again by its quote, the occurrence nearest
  its old place (as merge re-anchors);
* one whose quote is no longer there stays where the coder put it on the page: it becomes an
  area segment over the rectangle it covered, and is reported;
* area segments keep their rectangle and take the newly recognised text inside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pymupdf
from sqlalchemy import select, text

from . import ocr, pdftext
from .anchoring import pack_words, quote_of, quote_pattern, unpack_words
from .areas import covered_span
from .documents import layout, pdf_bytes
from .errors import UserError
from .models import Coder, Document, Page, Segment, utcnow
from .search_index import FTS_TABLE, STATE_TABLE


@dataclass
class RecogniseReport:
    document: str
    pages: list[str] = field(default_factory=list)  # labels of the pages recognised
    segments_moved: int = 0
    segments_reanchored: int = 0
    areas_updated: int = 0
    unplaced: list[str] = field(default_factory=list)  # "CODE p. 13 "quote"" kept as areas
    failed: list[str] = field(default_factory=list)  # pages Tesseract could not read

    def lines(self) -> list[str]:
        if self.failed and not self.pages:
            return [f"{self.document}: text could not be recognised on page(s) {'; '.join(self.failed)}."]
        if not self.pages:
            return [f"{self.document}: no page needed recognising (use --force to recognise every page)."]
        out = [f"{self.document}: text recognised on {len(self.pages)} page(s): {', '.join(self.pages[:20])}.",
               f"  segments moved with their page: {self.segments_moved}; found again by quote: "
               f"{self.segments_reanchored}; areas given their new text: {self.areas_updated}"]
        if self.failed:
            out.append(f"  not recognised (damaged picture?): page(s) {'; '.join(self.failed)}")
        if self.unplaced:
            out.append(f"  {len(self.unplaced)} segment(s) whose quote is gone, kept as areas where they were:")
            out += [f"    {u}" for u in self.unplaced]
        return out


def recognised_pages(project) -> dict[int, str]:
    """{document id: "p. 26, 27: <engine and data versions>"} for the documents with OCR'd pages
    (what the exports say about where a text came from)."""
    per_doc: dict[int, dict[str, list[str]]] = {}
    for doc_id, label, engine in project.session.execute(
            select(Page.document_id, Page.label, Page.ocr).where(Page.ocr != "").order_by(Page.document_id,
                                                                                         Page.index)):
        per_doc.setdefault(doc_id, {}).setdefault(engine, []).append(label)
    return {d: "; ".join(f"p. {', '.join(labels)}: {engine}" for engine, labels in engines.items())
            for d, engines in per_doc.items()}


def pages_to_recognise(pages: list[Page], force: bool) -> list[Page]:
    """Pages without a text layer (or recognised with another engine version); every page with force."""
    if force:
        return list(pages)
    version = ocr.engine_version()
    return [p for p in pages if (not p.has_text and not p.ocr) or (p.ocr and p.ocr != version)]


def recognise_document(project, document: Document, force: bool = False, coder: Coder | None = None,
                       progress=None) -> RecogniseReport:
    """Recognise the text of a document's scanned pages (every page with ``force``) and keep its segments."""
    ocr.require()
    report = RecogniseReport(document.file_name)
    pages = sorted(document.pages, key=lambda p: p.index)
    todo = {p.index for p in pages_to_recognise(pages, force)}
    if not todo:
        return report
    data = pdf_bytes(project, document)
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        raise UserError(f"The PDF of {document.file_name} in this project cannot be opened.") from None
    recognised: dict[int, pdftext.PageText] = {}
    for n, index in enumerate(sorted(todo)):
        if progress is not None and progress(n, len(todo), document.label) is False:
            break
        try:
            recognised[index] = ocr.recognise_page(pdf.load_page(index))
        except ocr.OcrUnavailable:
            raise
        except Exception as exc:  # a damaged picture: that page keeps its text, the others go on
            report.failed.append(f"{index + 1}: {type(exc).__name__}")
    if not recognised:
        return report
    old_text = document.text
    old_layout = layout(project, document)
    old_bounds = {p.index: (p.text_start, p.text_end) for p in pages}
    shift: dict[int, int] = {}
    parts: list[str] = []
    offset = 0
    new_rows = []
    for p in pages:
        if parts:
            parts.append(pdftext.PAGE_SEPARATOR)
            offset += len(pdftext.PAGE_SEPARATOR)
        if p.index in recognised:
            pt = recognised[p.index]
            body, spans, boxes, version = pt.text, pt.spans, pt.boxes, pt.ocr
        else:
            body = old_text[p.text_start:p.text_end]
            b, s = unpack_words(p.word_boxes, p.word_offsets)
            boxes, spans, version = b.tolist(), (s - p.text_start).tolist(), p.ocr
            shift[p.index] = offset - p.text_start
        abs_spans = [(a + offset, e + offset) for a, e in spans]
        new_rows.append((p, offset, offset + len(body), bool(spans), abs_spans, boxes, version))
        parts.append(body)
        offset += len(body)
    new_text = "".join(parts)
    report.pages = [p.label for p in pages if p.index in recognised]
    with project.transaction() as s:
        for p, start, end, has_text, spans, boxes, version in new_rows:
            p.text_start, p.text_end, p.has_text, p.ocr = start, end, has_text, version
            p.word_boxes, p.word_offsets = pack_words(boxes, spans) if spans else (b"", b"")
        _reindex(s, document, old_text, new_text)
        document.text = new_text
        project.cache.pop(("layout", document.id), None)
        s.flush()
        new_layout = layout(project, document)
        for seg in s.scalars(select(Segment).where(Segment.document_id == document.id)):
            _replace(seg, old_layout, old_bounds, shift, recognised, new_layout, new_text, report)
        project.log("ocr", f"Recognised text on {len(report.pages)} page(s) of {document.label}", coder,
                    document=document.uuid, pages=report.pages, engine=ocr.engine_version(),
                    unplaced=len(report.unplaced))
        project.changed("segments")
    return report


def _reindex(s, document: Document, old_text: str, new_text: str) -> None:
    """Keep the full-text index (external content: the old row must be removed by its old text)."""
    try:
        s.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', :id, :t)"),
                  {"id": document.id, "t": old_text})
        s.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (:id, :t)"), {"id": document.id, "t": new_text})
        s.execute(text(f"INSERT OR REPLACE INTO {STATE_TABLE}(document_id, length) VALUES (:id, :n)"),
                  {"id": document.id, "n": len(new_text)})
    except Exception:  # no index tables: search rebuilds or scans
        pass


def _replace(seg: Segment, old_layout, old_bounds, shift, recognised, new_layout, new_text, report) -> None:
    pages = range(seg.page_first, seg.page_last + 1)
    if seg.kind == "area":
        span = covered_span(new_layout, seg.page_first, seg.area)
        seg.start, seg.end = span
        seg.quote = quote_of(new_text, *span)
        report.areas_updated += 1
        return
    if all(p in shift for p in pages):
        delta = shift[seg.page_first]
        if all(shift[p] == delta for p in pages):
            seg.start, seg.end = seg.start + delta, seg.end + delta
            report.segments_moved += 1
            return
    expected = seg.start + shift.get(seg.page_first, 0)
    matches = list(quote_pattern(seg.quote).finditer(new_text)) if seg.quote.strip() else []
    if not matches and seg.quote.strip():
        matches = list(quote_pattern(seg.quote, re.IGNORECASE).finditer(new_text))
    if matches:
        m = min(matches, key=lambda m: abs(m.start() - expected))
        seg.start, seg.end = m.start(), m.end()
        first, last = new_layout.pages_for_span(m.start(), m.end())
        seg.page_first, seg.page_last = first, last
        seg.rects = {str(k): v for k, v in new_layout.rects_for_span(m.start(), m.end()).items()}
        seg.quote = quote_of(new_text, m.start(), m.end())
        seg.modified = utcnow()
        report.segments_reanchored += 1
        return
    # the quote is gone: keep the place on the page as an area
    rects = (seg.rects or {}).get(str(seg.page_first)) or []
    if rects:
        box = [min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects)]
    else:
        box = [0.0, 0.0, 0.0, 0.0]
    report.unplaced.append(f"{seg.code.code_id} p. {seg.page_first + 1} \"{seg.quote[:50]}\" ({seg.uuid})")
    span = covered_span(new_layout, seg.page_first, box)
    seg.kind = "area"
    seg.page_last = seg.page_first
    seg.rects = {str(seg.page_first): [box]}
    seg.start, seg.end = span
    seg.quote = quote_of(new_text, *span)
    seg.modified = utcnow()
