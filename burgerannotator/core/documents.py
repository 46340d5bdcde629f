"""Looking up and describing the project's documents."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from .errors import NotFoundError, UserError
from .models import Document, Page

if TYPE_CHECKING:
    from .anchoring import DocumentLayout


def list_documents(project) -> list[Document]:
    return list(project.session.scalars(select(Document).order_by(Document.position, Document.id)))


def find_document(project, ref: str) -> Document:
    """A document by uuid, file name, city (or other attribute value) or title; case-insensitive."""
    if not ref or not ref.strip():
        raise UserError("No document given: name one by file name, city or uuid.")
    docs = list_documents(project)
    needle = ref.strip().casefold()
    for test in (
        lambda d: d.uuid == ref,
        lambda d: d.file_name.casefold() == needle,
        lambda d: d.city.casefold() == needle,
        lambda d: d.title.casefold() == needle,
        lambda d: d.file_name.casefold().rsplit(".", 1)[0] == needle,
        # other text attributes (not numbers: '--doc 1' must not mean "rank 1")
        lambda d: any(isinstance(v, str) and v.casefold() == needle for v in (d.attributes or {}).values()),
    ):
        hits = [d for d in docs if test(d)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(d.file_name for d in hits[:5])
            raise NotFoundError(f"'{ref}' matches several documents ({names}); use the file name or uuid.")
    raise NotFoundError(f"No document '{ref}' in this project (give a file name, city or uuid).")


@dataclass(frozen=True, slots=True)
class _PageWords:
    """The columns of a page a layout is built from."""

    index: int
    text_start: int
    text_end: int
    word_boxes: bytes | None
    word_offsets: bytes | None


def layout(project, document: Document) -> DocumentLayout:
    """The word layout of a document, built once per open project."""
    key = ("layout", document.id)
    cached = project.cache.get(key)
    if cached is None:
        from .anchoring import DocumentLayout  # NumPy: only when a layout is needed, not for listing documents

        # the five columns as plain rows, not Page objects (issue 17: ORM rows for 2,700 pages cost
        # more than the layout itself); the text from the search cache when a search has read it
        rows = project.session.execute(
            select(Page.index, Page.text_start, Page.text_end, Page.word_boxes, Page.word_offsets)
            .where(Page.document_id == document.id)).all()
        pages = [_PageWords(*r) for r in rows]
        from .search_index import cached_text

        text = cached_text(project, document.id)
        cached = DocumentLayout(document.text if text is None else text, pages)
        project.cache[key] = cached
    return cached


def page_label(document: Document, page_index: int) -> str:
    """The printed label of a page (what a citation gives as the page number)."""
    for p in document.pages:
        if p.index == page_index:
            return p.label
    return str(page_index + 1)


def set_attribute(project, document: Document, name: str, value) -> None:
    with project.transaction():
        attrs = dict(document.attributes or {})
        if value in (None, ""):
            attrs.pop(name, None)
        else:
            attrs[name] = value
        document.attributes = attrs


def pdf_bytes(project, document: Document) -> bytes:
    from .models import PdfBlob

    blob = project.session.get(PdfBlob, document.sha256)
    return blob.data if blob is not None else b""
