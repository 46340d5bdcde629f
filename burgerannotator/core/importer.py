"""Import PDFs into a project: bytes (content-addressed), pages, words, text, attributes.

An import is one transaction: a PDF that fails leaves the project as it was.
"""
from __future__ import annotations

import re

import csv
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import numpy as np
import pymupdf
from sqlalchemy import func, select

from . import ocr as ocr_engine
from . import pdftext, search_index
from .anchoring import pack_words
from .errors import PasswordRequired, PdfImportError, UserError
from .models import Coder, Document, Page, PdfBlob
from .pdf_lock import PDF_LOCK

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

PAGES_PER_FLUSH = 64  # pages written to the database at a time during an import (bounds its memory)
INTRINSIC_COLUMNS = {"file", "file_name", "filename", "sha256", "pages"}


class ImportStatus(str, Enum):
    """How the import of one file ended (callers test this, never the message)."""

    IMPORTED = "imported"
    DUPLICATE = "duplicate"            # the same bytes are already in the project
    NEEDS_PASSWORD = "needs-password"  # encrypted, and no or a wrong password given
    REFUSED = "refused"                # not a PDF, damaged beyond repair, unreadable

    def __str__(self) -> str:
        return self.value


@dataclass
class ImportResult:
    path: str
    status: ImportStatus
    message: str = ""
    document: Document | None = None
    warnings: list[str] = field(default_factory=list)
    @property
    def password_required(self) -> bool:
        """It failed because it is encrypted (the app asks; the CLI: --password)."""
        return self.status == ImportStatus.NEEDS_PASSWORD

    @property
    def failed(self) -> bool:
        return self.status in (ImportStatus.NEEDS_PASSWORD, ImportStatus.REFUSED)


def read_attributes(csv_path: str | Path) -> dict[str, dict]:
    """Document attributes keyed by file name, from a CSV with a ``file`` column."""
    path = Path(csv_path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            sample = fh.read(4096)
            fh.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            reader = csv.reader(fh, dialect=dialect)
            try:
                table = list(reader)
            except csv.Error as exc:
                raise UserError(f"{path.name}, line {reader.line_num}: {exc}.") from None
    except OSError as exc:
        raise UserError(f"Cannot read attributes file {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise UserError(f"{path.name} is not UTF-8 text; save it as CSV UTF-8.") from None
    if not table:
        return {}
    header = [h.strip() for h in table[0]]
    seen_headers = set()
    for h in header:
        if h and h.casefold() in seen_headers:
            raise UserError(f"{path.name}: the column '{h}' is there twice; keep one.")
        seen_headers.add(h.casefold())
    rows = [dict(zip(header, r)) for r in table[1:] if any(c.strip() for c in r)]
    if not rows:
        return {}
    key = next((k for k in header if k and k.strip().lower() in ("file", "file_name", "filename")), None)
    if key is None:
        raise UserError(f"{path.name} has no 'file' column to match documents by file name.")
    out = {}
    for row in rows:
        name = (row.get(key) or "").strip()
        if name in out:
            raise UserError(f"{path.name}: {name} is there twice; keep one row per file.")
        if name:
            out[name] = {k.strip(): _value(v) for k, v in row.items()
                         if k and k.strip().lower() not in INTRINSIC_COLUMNS and v not in (None, "")}
    return out


def _value(v: str):
    v = v.strip()
    return int(v) if v.isdigit() and len(v) < 10 else v


def _open(data: bytes, name: str, password: str | None) -> tuple[pymupdf.Document, bool]:
    """The opened document, and whether it needed a password to open."""
    not_pdf = _not_a_pdf(data)
    if not_pdf:
        raise PdfImportError(f"{name} is not a PDF: {not_pdf}.")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises FileDataError, RuntimeError, ValueError ...
        raise PdfImportError(f"{name} is not a PDF or is damaged beyond repair ({_short(exc)}).") from None
    # Read needs_pass once, before authenticating: reading it after a successful
    # authenticate() drops the key (pages then render blank).
    needs_pass = bool(doc.needs_pass)
    if needs_pass:
        if not password:
            raise PasswordRequired(f"{name} is encrypted: it opens only with its password.")
        if not doc.authenticate(password):
            raise PasswordRequired(f"{name}: the password is wrong.")
    return doc, needs_pass


def _not_a_pdf(data: bytes) -> str | None:
    """What the file is instead, when it is plainly not a PDF (no %PDF header, and text or markup)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return None
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start or b"<body" in start:
        return "it is an HTML web page (perhaps a download that failed)"
    if start.startswith(b"<"):
        return "it is XML or other markup"
    if not data:
        return "the file is empty"
    if start.startswith((b"pk\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "it is an Office document or other archive"
    return None


def _short(exc: Exception) -> str:
    """PyMuPDF's reason in words, without its internal code ("code=7: cycle in page tree")."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return re.sub(r"^code=\d+:\s*", "", text)[:160]


def page_count(doc: pymupdf.Document, name: str) -> int:
    try:
        count = doc.page_count
    except Exception as exc:
        raise PdfImportError(f"{name} is damaged: its page count cannot be read ({_short(exc)}).") from None
    if count == 0:
        raise PdfImportError(f"{name} has no readable pages (damaged, or an empty document).")
    return count


def iter_pages(doc: pymupdf.Document, name: str, ocr: str = "never",
               ocr_failed: list[str] | None = None) -> Iterator[pdftext.PageText]:
    """Each page's words and text in turn (recognised by OCR when ``ocr`` asks for it), so that
    an import holds one page's words at a time, not the whole document's (issue 17). A page
    Tesseract fails on keeps its text and is listed in ``ocr_failed`` ("label: reason")."""
    for i in range(page_count(doc, name)):
        with PDF_LOCK:  # taken page by page: the window can render between two pages
            try:
                page = doc.load_page(i)
                pt = pdftext.extract_page(page)
            except Exception as exc:
                raise PdfImportError(f"{name}: page {i + 1} cannot be read ({_short(exc)}).") from None
            if ocr != "never" and ocr_engine.wanted(ocr, pt):
                try:
                    pt = ocr_engine.recognise_page(page)
                except ocr_engine.OcrUnavailable:
                    raise
                except Exception as exc:  # MuPDF/Tesseract errors on a damaged picture (as recognise_pages)
                    if ocr_failed is not None:
                        ocr_failed.append(f"{pt.label}: {ocr_engine._reason(exc)}")
        yield pt


def extract_document(doc: pymupdf.Document, name: str) -> list[pdftext.PageText]:
    return list(iter_pages(doc, name))


def _stored_bytes(doc: pymupdf.Document, data: bytes, needed_password: bool) -> bytes:
    """What is kept in the project: the file as it came, or, if it needed a password, a
    decrypted copy (so the project opens without the password; never the password)."""
    if not needed_password:
        return data
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_NONE, garbage=0)


def import_pdf(project, path: str | Path | None = None, data: bytes | None = None, file_name: str | None = None,
               password: str | None = None, attributes: dict | None = None, coder: Coder | None = None,
               ocr: str = "never") -> ImportResult:
    """Import one PDF. Returns its result; raises PdfImportError when it cannot be imported.

    ``ocr``: 'auto' recognises pages without a text layer, 'force' every page, 'never' none
    (callers pass ``ocr.resolve_mode(...)``, which turns 'auto' into 'never' without Tesseract)."""
    if data is None:
        if path is None:
            raise ValueError("path or data")
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise PdfImportError(f"Cannot read {path}: {exc.strerror}.") from None
    name = file_name or Path(path).name
    digest = hashlib.sha256(data).hexdigest()
    existing = project.session.scalars(select(Document).where(Document.sha256 == digest)).first()
    if existing is not None:
        return ImportResult(str(path or name), ImportStatus.DUPLICATE,
                            f"{name} is already in the project as {existing.file_name}; not imported again.",
                            existing)
    with PDF_LOCK:  # PyMuPDF is not thread-safe: the window may be rendering pages meanwhile
        doc, needed_password = _open(data, name, password)
        count = page_count(doc, name)
        meta = doc.metadata or {}
        stored = _stored_bytes(doc, data, needed_password)
    result = ImportResult(str(path or name), ImportStatus.IMPORTED)
    no_text: list[str] = []
    recognised: list[str] = []
    ocr_failed: list[str] = []
    # Pages are read one at a time inside the transaction: each page's words are packed into its
    # row at once and let go (a failing page still leaves the project as it was: rollback).
    with project.transaction() as s:
        if s.get(PdfBlob, digest) is None:
            s.add(PdfBlob(sha256=digest, data=stored, size=len(data)))
        position = (s.scalar(select(func.max(Document.position))) or 0) + 1
        texts, offset = [], 0
        document = Document(sha256=digest, file_name=name, title=(meta.get("title") or "").strip(),
                            author=(meta.get("author") or "").strip(), page_count=count,
                            extractor=pdftext.EXTRACTOR, extractor_version=pdftext.extractor_version(),
                            imported_by=coder, attributes=dict(attributes or {}), position=position)
        s.add(document)
        s.flush()  # the document's id first, so its pages can go to the database in batches
        for pt in iter_pages(doc, name, ocr, ocr_failed):
            if pt.ocr:
                recognised.append(pt.label)
            if not pt.has_text:
                no_text.append(pt.label)
            if texts:
                texts.append(pdftext.PAGE_SEPARATOR)
                offset += len(pdftext.PAGE_SEPARATOR)
            spans = np.asarray(pt.spans, dtype=np.int64).reshape(-1, 2) + offset  # same values as before
            boxes_b, spans_b = pack_words(pt.boxes, spans)
            document.pages.append(Page(index=pt.index, label=pt.label, width=pt.width, height=pt.height,
                                       rotation=pt.rotation, has_text=pt.has_text, text_start=offset,
                                       text_end=offset + len(pt.text), word_boxes=boxes_b, word_offsets=spans_b,
                                       ocr=pt.ocr))
            texts.append(pt.text)
            offset += len(pt.text)
            if len(document.pages) % PAGES_PER_FLUSH == 0:
                s.flush()
            del pt
        document.text = "".join(texts)
        del texts
        s.flush()
        search_index.index_document(project, document)
        project.log("import", f"Imported {name} ({count} pages)", coder, sha256=digest)
    with PDF_LOCK:
        repaired = doc.is_repaired
    if repaired:
        result.warnings.append(f"{name} was damaged and has been repaired while reading.")
    if no_text:
        result.warnings.append(f"{name}: {len(no_text)} page(s) without a text layer (scanned?): "
                               + ", ".join(no_text[:10]))
    if recognised:
        result.warnings.append(f"{name}: text recognised (OCR) on {len(recognised)} page(s): "
                               + ", ".join(recognised[:10]))
    if ocr_failed:
        result.warnings.append(f"{name}: text could not be recognised on p. " + "; ".join(ocr_failed[:5]))
    result.document = document
    result.message = f"{name}: {count} pages imported."
    return result


def import_many(project, paths: Iterable[str | Path], password: str | None = None,
                attributes_csv: str | Path | None = None, coder: Coder | None = None,
                progress: Callable[[int, int, str], bool] | None = None, ocr: str = "never") -> list[ImportResult]:
    """Import several PDFs, each in its own transaction; one failure does not stop the rest.

    ``progress(done, total, name)`` may return False to cancel before the next file.
    """
    attrs = read_attributes(attributes_csv) if attributes_csv else {}
    paths = list(paths)
    results = []
    for i, path in enumerate(paths):
        name = Path(path).name
        if progress is not None and progress(i, len(paths), name) is False:
            break
        try:
            results.append(import_pdf(project, path, password=password, attributes=attrs.get(name), coder=coder,
                                      ocr=ocr))
        except PasswordRequired as exc:
            results.append(ImportResult(str(path), ImportStatus.NEEDS_PASSWORD, str(exc)))
        except PdfImportError as exc:
            results.append(ImportResult(str(path), ImportStatus.REFUSED, str(exc)))
    if progress is not None:
        progress(len(results), len(paths), "")
    return results
