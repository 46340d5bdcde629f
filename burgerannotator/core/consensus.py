"""Resolving disagreements into the codings of the Consensus coder.

Every decision on a passage (see ``core.disagreements``) makes segments of the
consensus coder (``coders.consensus_coder``) with ``origin='consensus'``,
``decided_by`` = the coder who decided and ``created`` = when:

- ``accept_coder``: that coder's segment(s) of the passage become consensus;
- ``accept_all``: every coder's segment (identical spans once) — "accept both";
- ``accept_span``: an edited span (snapped to words) becomes consensus;
- ``reject``: a consensus segment with status 'rejected' records that the code
  does not apply here (it is not a live coding, so the matrix ignores it).

``accept_agreed`` takes over every agreed passage at once. ``undo_decision``
tombstones a passage's consensus segments. The matrix and the exports read the
consensus coder like any coder (``matrix.select_coders(project, 'consensus')``).
"""
from __future__ import annotations

from sqlalchemy import select

from .agreement.segment_level import DEFAULT_OVERLAP
from .coders import consensus_coder, find_coder
from .disagreements import Passage, passages
from .documents import find_document
from .errors import UserError
from .models import Code, Coder, Segment, utcnow
from .segments import create_segment


def _decider(project, decider) -> Coder:
    coder = decider if isinstance(decider, Coder) else find_coder(project, decider)
    if coder.is_consensus:
        raise UserError("A decision is made by a person: give the deciding coder, not the consensus.")
    return coder


def _code(project, passage: Passage) -> Code:
    code = project.session.scalar(select(Code).where(Code.uuid == passage.code_uuid))
    if code is None:
        raise UserError(f"The code {passage.code_id} no longer exists.")
    return code


def _copy(project, source: Segment, consensus: Coder, decider: Coder, now) -> Segment:
    seg = Segment(document_id=source.document_id, code_pk=source.code_pk, coder=consensus, start=source.start,
                  end=source.end, page_first=source.page_first, page_last=source.page_last,
                  rects=dict(source.rects or {}), quote=source.quote, memo="", status="coded", origin="consensus",
                  decided_by=decider, created=now, modified=now, kind=source.kind)
    project.session.add(seg)
    return seg


def _sources(project, passage: Passage, coder_names: list[str] | None) -> list[Segment]:
    uuids = [s.uuid for name, segs in passage.by_coder.items() if coder_names is None or name in coder_names
             for s in segs]
    if not uuids:
        raise UserError(f"{' and '.join(coder_names or [])} did not code this passage; accept another coder "
                        "or reject it.")
    rows = project.session.scalars(select(Segment).where(Segment.uuid.in_(uuids))).all()
    seen, out = set(), []
    for seg in sorted(rows, key=lambda s: (s.start, s.end, s.id)):
        if (seg.start, seg.end) not in seen:  # identical spans once
            seen.add((seg.start, seg.end))
            out.append(seg)
    return out


def _accept(project, passage: Passage, decider, coder_names: list[str] | None) -> list[Segment]:
    decider = _decider(project, decider)
    with project.transaction() as s:
        consensus = consensus_coder(project)
        now = utcnow()
        made = [_copy(project, src, consensus, decider, now) for src in _sources(project, passage, coder_names)]
        s.flush()
    return made


def accept_coder(project, passage: Passage, coder, decider) -> list[Segment]:
    """Take one coder's segment(s) of the passage as the consensus."""
    name = coder.name if isinstance(coder, Coder) else find_coder(project, coder).name
    if name not in passage.by_coder:
        raise UserError(f"{name} is not one of the coders compared here.")
    return _accept(project, passage, decider, [name])


def accept_all(project, passage: Passage, decider) -> list[Segment]:
    """Take every coder's segment of the passage (accept both)."""
    return _accept(project, passage, decider, None)


def accept_span(project, passage: Passage, start: int, end: int, decider) -> Segment:
    """Take an edited span (snapped to whole words) as the consensus for the passage's code."""
    decider = _decider(project, decider)
    with project.transaction():
        document = find_document(project, passage.document_uuid)
        return create_segment(project, document, _code(project, passage), consensus_coder(project), start, end,
                              origin="consensus", decided_by=decider)


def reject(project, passage: Passage, decider) -> Segment:
    """Record that the code does not apply to the passage."""
    decider = _decider(project, decider)
    with project.transaction() as s:
        document = find_document(project, passage.document_uuid)
        now = utcnow()
        first = _sources(project, passage, None)[0]
        seg = Segment(document=document, code=_code(project, passage), coder=consensus_coder(project),
                      start=passage.start, end=passage.end, page_first=first.page_first,
                      page_last=max(x.page_last for x in _sources(project, passage, None)), rects={},
                      quote=document.text[passage.start:passage.end], status="rejected", origin="consensus",
                      decided_by=decider, created=now, modified=now)
        s.add(seg)
        s.flush()
    return seg


def undo_decision(project, passage: Passage) -> int:
    """Withdraw the consensus segments that decided this passage (tombstoned). Returns how many."""
    with project.transaction() as s:
        now = utcnow()
        rows = s.scalars(select(Segment).join(Coder, Segment.coder_id == Coder.id).join(
            Code, Segment.code_pk == Code.id).where(
            Coder.is_consensus.is_(True), Segment.deleted.is_(None), Code.uuid == passage.code_uuid,
            Segment.start < passage.end, Segment.end > passage.start)).all()
        rows = [r for r in rows if r.document.uuid == passage.document_uuid]
        for r in rows:
            r.deleted = r.modified = now
    return len(rows)


def accept_agreed(project, decider, coders=None, codes=None, overlap: float = DEFAULT_OVERLAP) -> int:
    """Every passage all coders agree on (and not yet decided) becomes consensus, in one
    transaction: the first coder's segment is taken. Returns the number of segments made."""
    decider = _decider(project, decider)
    agreed = passages(project, coders, codes, overlap, which="agreed")
    if not agreed:
        return 0
    first_coder = next(iter(agreed[0].by_coder))
    with project.transaction() as s:
        consensus = consensus_coder(project)
        now = utcnow()
        uuids = [p.by_coder[first_coder][0].uuid for p in agreed]
        made = 0
        for lo in range(0, len(uuids), 5000):
            for src in s.scalars(select(Segment).where(Segment.uuid.in_(uuids[lo:lo + 5000]))):
                _copy(project, src, consensus, decider, now)
                made += 1
        s.flush()
        project.log("consensus", f"Accepted {made} agreed passages as consensus", decider, overlap=overlap)
    return made


def decision_counts(project, coders=None, codes=None, overlap: float = DEFAULT_OVERLAP) -> dict[str, int]:
    """How many passages are agreed, disagreed, and of each, already decided."""
    everything = passages(project, coders, codes, overlap, which="all", include_decided=True)
    return {"agreed": sum(p.agreed for p in everything),
            "agreed_open": sum(p.agreed and not p.decided for p in everything),
            "disagreements": sum(not p.agreed for p in everything),
            "disagreements_open": sum(not p.agreed and not p.decided for p in everything)}


__all__ = ["accept_coder", "accept_all", "accept_span", "reject", "undo_decision", "accept_agreed",
           "decision_counts"]
