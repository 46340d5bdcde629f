"""Double codings: the same code on the same passage by the same coder, counted once.

A coder who applies a code to a passage they already coded with it is told so and
nothing is added (``AlreadyCoded``); a passage that overlaps their segment of that code
can extend the segment instead of stacking a second one (``overlapping_codings``).
Projects made before this check may hold exact duplicates: ``exact_duplicates`` finds
them and ``remove_exact_duplicates`` tombstones all but the oldest of each group, with a
log entry. Only live text codings count ("suggested"/"rejected", deleted ones and area
segments, which are compared by their rectangles, do not).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

from .documents import layout
from .errors import UserError
from .models import Code, Coder, Document, Segment, live_coding, utcnow


class AlreadyCoded(UserError):
    """The coder already coded exactly this passage with this code; nothing was added."""

    def __init__(self, segment: Segment):
        self.segment = segment
        super().__init__(f"Already coded: {segment.code.name} ({segment.code.code_id}) on this passage "
                         f"by {segment.coder.name}; nothing added.")


def _live(document: Document, code: Code, coder: Coder):
    return and_(Segment.document_id == document.id, Segment.code_pk == code.id, Segment.coder_id == coder.id,
                live_coding(), Segment.kind == "text")


def snapped(project, document: Document, start: int, end: int) -> tuple[int, int]:
    """The span a selection becomes once stored (snapped to whole words)."""
    span = layout(project, document).snap(start, end)
    return span.start, span.end


def existing_coding(project, document: Document, code: Code, coder: Coder, start: int, end: int,
                    snap: bool = True) -> Segment | None:
    """The coder's live segment of ``code`` on exactly this span (after snapping), if any."""
    if snap:
        start, end = snapped(project, document, start, end)
    return project.session.scalar(
        select(Segment).where(_live(document, code, coder), Segment.start == start, Segment.end == end)
        .order_by(Segment.created, Segment.id).limit(1))


def overlapping_codings(project, document: Document, code: Code, coder: Coder, start: int, end: int,
                        snap: bool = True) -> list[Segment]:
    """The coder's live segments of ``code`` that share text with the span, in text order."""
    if snap:
        start, end = snapped(project, document, start, end)
    return list(project.session.scalars(
        select(Segment).where(_live(document, code, coder), Segment.start < end, Segment.end > start)
        .order_by(Segment.start, Segment.id)))


def extended_span(segment: Segment, start: int, end: int) -> tuple[int, int]:
    """The span covering both the segment and the new selection."""
    return min(segment.start, start), max(segment.end, end)


def check_not_coded(project, document: Document, code: Code, coder: Coder, start: int, end: int) -> None:
    """Raise ``AlreadyCoded`` when the span is coded with the code by the coder already."""
    seg = existing_coding(project, document, code, coder, start, end, snap=False)
    if seg is not None:
        raise AlreadyCoded(seg)


# ---- existing projects ---------------------------------------------------------------------
@dataclass
class DuplicateGroup:
    keep: Segment             # the oldest
    extra: list[Segment]      # the later copies


def exact_duplicates(project) -> list[DuplicateGroup]:
    """Groups of live codings with the same document, code, coder and span (more than one each)."""
    key = (Segment.document_id, Segment.code_pk, Segment.coder_id, Segment.start, Segment.end)
    live = and_(live_coding(), Segment.kind == "text")
    doubled = (select(*key).where(live).group_by(*key).having(func.count() > 1)).subquery()
    rows = project.session.scalars(
        select(Segment).join(doubled, and_(*(k == doubled.c[k.key] for k in key))).where(live)
        .order_by(*key, Segment.created, Segment.id)).all()
    groups: list[DuplicateGroup] = []
    last = None
    for seg in rows:
        k = (seg.document_id, seg.code_pk, seg.coder_id, seg.start, seg.end)
        if k != last:
            groups.append(DuplicateGroup(seg, []))
            last = k
        else:
            groups[-1].extra.append(seg)
    return groups


def duplicate_count(project) -> int:
    """How many codings are exact copies of an older one (what ``remove_exact_duplicates`` removes)."""
    return sum(len(g.extra) for g in exact_duplicates(project))


def remove_exact_duplicates(project, coder: Coder | None = None) -> int:
    """Delete (tombstone) every exact duplicate, keeping the oldest of each group; logged."""
    groups = exact_duplicates(project)
    removed = [seg for g in groups for seg in g.extra]
    if not removed:
        return 0
    with project.transaction():
        now = utcnow()
        for seg in removed:
            seg.deleted = now
            seg.modified = now
        project.log("dedupe", f"Removed {len(removed)} exact duplicate coding(s), kept the oldest of each.",
                    coder, removed=[seg.uuid for seg in removed], kept=[g.keep.uuid for g in groups])
    return len(removed)
