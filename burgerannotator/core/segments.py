"""Coding: make, change and delete segments (the internals of ``core.ops.coding``; write
through those operations, which add undo and report what changed).

Deletion is a tombstone (``deleted`` set), so merges carry deletions to other
copies and undo can bring a segment back with the same uuid.
"""
from __future__ import annotations

from sqlalchemy import select

from .anchoring import find_quote, quote_of
from .documents import layout
from .duplicates import check_not_coded
from .errors import NotFoundError, UserError
from .lookup import by_uuid
from .models import Code, Coder, Document, Segment, utcnow


def _anchor(project, document: Document, start: int, end: int) -> dict:
    lay = layout(project, document)
    span = lay.snap(start, end)
    if span.end <= span.start:
        raise UserError("The selection is empty.")
    first, last = lay.pages_for_span(span.start, span.end)
    rects = lay.rects_for_span(span.start, span.end)
    return {"start": span.start, "end": span.end, "page_first": first, "page_last": last,
            "rects": {str(k): v for k, v in rects.items()}, "quote": quote_of(lay.text, span.start, span.end)}


def create_segment(project, document: Document, code: Code, coder: Coder, start: int, end: int, memo: str = "",
                   status: str = "coded", origin: str = "manual", uuid: str | None = None,
                   decided_by: Coder | None = None, flush: bool = True) -> Segment:
    """Code a span. A live coding the coder already made of this code on this very span
    raises ``duplicates.AlreadyCoded`` and adds nothing. ``flush=False``: the row is written with
    the next flush of the running transaction (a caller making many, like autocode; issue 17)."""
    if code.kind == "category":
        raise UserError(f"{code.name} is a category; code with one of its codes.")
    anchor = _anchor(project, document, start, end)
    if status == "coded":
        check_not_coded(project, document, code, coder, anchor["start"], anchor["end"])
    with project.transaction() as s:
        seg = Segment(document=document, code=code, coder=coder, memo=memo, status=status, origin=origin,
                      decided_by=decided_by, **anchor,
                      **({"uuid": uuid} if uuid else {}))
        s.add(seg)
        if flush:
            s.flush()
    return seg


def code_quote(project, document: Document, quote: str, code: Code, coder: Coder, memo: str = "",
               occurrence: int = 1) -> Segment:
    """Code the place where ``quote`` stands (tolerant of line breaks and hyphenation)."""
    if not quote or not quote.strip():
        raise UserError("The quote is empty: give the words to code (--quote).")
    if occurrence < 1:
        raise UserError(f"--occurrence must be 1 or more (1 = the first place the quote stands), not {occurrence}.")
    span = find_quote(document.text, quote, occurrence)
    if span is None:
        raise NotFoundError(f"The quote was not found in {document.file_name}: \"{quote[:60]}\"")
    return create_segment(project, document, code, coder, span.start, span.end, memo)


def segments(project, document: Document | None = None, coder: Coder | None = None, code: Code | None = None,
             status: str | None = "coded", include_deleted: bool = False) -> list[Segment]:
    q = select(Segment)
    if document is not None:
        q = q.where(Segment.document_id == document.id)
    if coder is not None:
        q = q.where(Segment.coder_id == coder.id)
    if code is not None:
        q = q.where(Segment.code_pk == code.id)
    if status is not None:
        q = q.where(Segment.status == status)
    if not include_deleted:
        q = q.where(Segment.deleted.is_(None))
    return list(project.session.scalars(q.order_by(Segment.document_id, Segment.start, Segment.end, Segment.id)))


def find_segment(project, uuid: str) -> Segment:
    seg = by_uuid(project, Segment, uuid)
    if seg is None:
        raise NotFoundError(f"No segment {uuid}.")
    return seg


def recode(project, segment: Segment, code: Code) -> None:
    if code.kind == "category":
        raise UserError(f"{code.name} is a category; code with one of its codes.")
    with project.transaction():
        segment.code = code
        segment.modified = utcnow()


def set_memo(project, segment: Segment, memo: str) -> None:
    with project.transaction():
        segment.memo = memo
        segment.modified = utcnow()


def set_bounds(project, segment: Segment, start: int, end: int) -> None:
    if segment.kind == "area":
        raise UserError("An area's ends are its rectangle; draw it again to change it.")
    with project.transaction():
        for key, value in _anchor(project, segment.document, start, end).items():
            setattr(segment, key, value)
        segment.modified = utcnow()


def set_status(project, segment: Segment, status: str) -> None:
    """Accept ('coded') or reject ('rejected') a suggestion."""
    if status not in ("coded", "suggested", "rejected"):
        raise ValueError(status)
    with project.transaction():
        segment.status = status
        segment.modified = utcnow()


def delete_segment(project, segment: Segment) -> None:
    with project.transaction():
        segment.deleted = utcnow()
        segment.modified = segment.deleted


def restore_segment(project, segment: Segment) -> None:
    """Undo a deletion: the same segment (same uuid) comes back."""
    with project.transaction():
        segment.deleted = None
        segment.modified = utcnow()
