"""Reviewing the dictionary's suggestions: the queue of a coder's pending suggestions, accept, reject.

An accepted suggestion becomes an ordinary coding (status ``coded``); a rejected one keeps
status ``rejected`` so the dictionary does not suggest that code on that span again.
Each decision is one committed action and records who decided (``decided_by``).
"""
from __future__ import annotations

from sqlalchemy import select

from .models import Code, Coder, Document, Segment, utcnow

DECISIONS = ("coded", "rejected", "suggested")


def pending(project, coder: Coder, code: Code | None = None, document: Document | None = None) -> list[Segment]:
    """The coder's suggestions awaiting a decision, in document order, then text order."""
    q = (select(Segment).join(Document, Document.id == Segment.document_id)
         .where(Segment.coder_id == coder.id, Segment.status == "suggested", Segment.deleted.is_(None)))
    if code is not None:
        q = q.where(Segment.code_pk == code.id)
    if document is not None:
        q = q.where(Segment.document_id == document.id)
    q = q.order_by(Document.position, Document.id, Segment.start, Segment.end, Segment.id)
    return list(project.session.scalars(q))


def decide(project, segment: Segment, status: str, coder: Coder | None = None) -> None:
    """Accept (``coded``), reject (``rejected``) or reopen (``suggested``) a suggestion."""
    if status not in DECISIONS:
        raise ValueError(status)
    with project.transaction():
        segment.status = status
        segment.decided_by = coder if status != "suggested" else None
        segment.modified = utcnow()


def accept(project, segment: Segment, coder: Coder | None = None) -> None:
    decide(project, segment, "coded", coder or segment.coder)


def reject(project, segment: Segment, coder: Coder | None = None) -> None:
    decide(project, segment, "rejected", coder or segment.coder)


def reopen(project, segment: Segment) -> None:
    """Undo a decision: the suggestion waits again."""
    decide(project, segment, "suggested")


def accept_all(project, coder: Coder, code: Code | None = None) -> int:
    """Accept every pending suggestion of the coder (of one code); returns how many."""
    todo = pending(project, coder, code)
    with project.transaction():
        for seg in todo:
            decide(project, seg, "coded", coder)
    return len(todo)


__all__ = ["pending", "decide", "accept", "reject", "reopen", "accept_all"]
