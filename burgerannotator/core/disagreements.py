"""Where coders disagree: every place one coder coded and another did not, or did differently.

Within one document and code, the segments of the chosen coders that overlap
(share at least one character, directly or through a chain) form a **passage**.
A passage is *agreed* when every chosen coder has exactly one segment in it and
every two of those segments overlap by at least the threshold share
(intersection / union, default 0.9, as at the segment level of agreement);
otherwise it is a **disagreement**: a coder is absent, or the spans differ.
A passage is *decided* once the consensus coder has a segment (kept or
rejected) of that code overlapping it; see ``core.consensus``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from .agreement.coding_data import CodingData, load_coding
from .agreement.segment_level import DEFAULT_OVERLAP, check_overlap, overlap_share
from .collector import collector_paused
from .models import Coder, Page, Segment, live_coding


@dataclass(frozen=True)
class CoderSegment:
    """One coder's segment in a passage, as a reviewer reads it."""

    uuid: str
    coder: str
    start: int
    end: int
    quote: str
    page: str  # printed page label of its first page


@dataclass
class Passage:
    key: str  # "<document uuid>:<code uuid>:<start>-<end>"
    document_uuid: str
    document: str  # label (city)
    code_uuid: str
    code_id: str
    code_name: str
    start: int
    end: int
    page: str  # printed page label where it begins
    agreed: bool
    by_coder: dict[str, list[CoderSegment]] = field(default_factory=dict)  # every chosen coder, [] = absent
    decided: bool = False

    @property
    def kind(self) -> str:
        """'agreed', 'absent' (some coder did not code it) or 'boundaries' (all did, spans differ)."""
        if self.agreed:
            return "agreed"
        return "absent" if any(not segs for segs in self.by_coder.values()) else "boundaries"

    @property
    def absent_coders(self) -> list[str]:
        return [name for name, segs in self.by_coder.items() if not segs]

    def describe(self) -> str:
        parts = [f"{self.code_id} in {self.document}, p. {self.page} ({self.kind})"]
        for name, segs in self.by_coder.items():
            shown = " / ".join(f'"{s.quote[:70]}"' for s in segs) if segs else "(not coded)"
            parts.append(f"  {name}: {shown}")
        return "\n".join(parts)


def _clusters(data: CodingData, overlap: float):
    """Every passage at once, by a sweep over the sorted intervals (linear after the sort; issue 17).

    Returns (order, bounds, agreed): ``order`` the segment indexes sorted by document, code, start,
    coder (then load order); passage p is ``order[bounds[p]:bounds[p + 1]]``; ``agreed[p]`` as in the
    module text. Passages come in the order of ``groups()`` and, within a document and code, by start.
    """
    n = len(data)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64), np.zeros(0, dtype=bool)
    order = np.lexsort((data.coder, data.start, data.code, data.document))
    key = data.document[order].astype(np.int64) * len(data.codes) + data.code[order]
    s, e = data.start[order].astype(np.int64), data.end[order].astype(np.int64)
    # running maximum of the ends within each (document, code): lift each group above the ones before
    lift = key * (int(max(e.max(), 0)) + 1)
    run_end = np.maximum.accumulate(e + lift) - lift
    new = np.ones(n, dtype=bool)
    new[1:] = (key[1:] != key[:-1]) | (s[1:] >= run_end[:-1])
    first = np.flatnonzero(new)
    bounds = np.append(first, n).astype(np.int64)
    sizes = np.diff(bounds)
    n_coders = len(data.coders)
    agreed = np.zeros(len(first), dtype=bool)
    full = np.flatnonzero(sizes == n_coders)
    if len(full):
        members = order[first[full][:, None] + np.arange(n_coders)[None, :]]  # (passages, coders)
        who = np.sort(data.coder[members], axis=1)
        ok = (np.diff(who, axis=1) > 0).all(axis=1) if n_coders > 1 else np.ones(len(full), dtype=bool)
        ps, pe = data.start[members], data.end[members]
        share = overlap_share(ps[:, :, None], pe[:, :, None], ps[:, None, :], pe[:, None, :])
        ok &= (share >= overlap - 1e-12).all(axis=(1, 2))
        agreed[full] = ok
    return order, bounds, agreed


def passages(project, coders=None, codes=None, overlap: float = DEFAULT_OVERLAP, which: str = "disagreements",
             include_decided: bool = False) -> list[Passage]:
    """Passages in document order. ``which``: 'disagreements', 'agreed' or 'all'."""
    overlap = check_overlap(overlap)
    data = load_coding(project, coders, codes)
    order, bounds, agreed = _clusters(data, overlap)
    keep = np.ones(len(agreed), dtype=bool) if which == "all" else agreed == (which == "agreed")
    lo, hi = bounds[:-1], bounds[1:]
    starts = data.start[order[lo]].astype(np.int64)  # sorted by start: the first is the smallest
    ends = np.maximum.reduceat(data.end[order].astype(np.int64), lo) if len(lo) else np.zeros(0, np.int64)
    docs_of, codes_of = data.document[order[lo]], data.code[order[lo]]
    decided = _decided_mask(project, data, docs_of, codes_of, starts, ends)
    if not include_decided:
        keep &= ~decided
    chosen = np.flatnonzero(keep)
    members = order[np.repeat(keep, hi - lo)]  # the segments of the listed passages, passage by passage
    rows = _segments_by_id(project, data.segment_id[members].tolist())
    labels = _page_labels(project)
    names = [c.name for c in data.coders]
    doc_ids = np.array([d.id for d in data.documents] + [0], dtype=np.int64)[data.document[members]].tolist()
    out = []
    with collector_paused():
        # every listed segment as the reviewer reads it, in one pass; its page label as printed (else the number)
        segs = [CoderSegment(uuid, names[c], seg_start, seg_end, quote,
                             lab[page] if page in lab else str(page + 1))
                for (uuid, seg_start, seg_end, quote, page), c, lab in zip(
                    map(rows.__getitem__, data.segment_id[members].tolist()), data.coder[members].tolist(),
                    map(lambda d: labels.get(d, {}), doc_ids))]
        cuts = np.concatenate([[0], np.cumsum((hi - lo)[chosen])]).tolist()
        for a, b, start, end, d, k, agree, is_decided in zip(
                cuts[:-1], cuts[1:], starts[chosen].tolist(), ends[chosen].tolist(),
                docs_of[chosen].tolist(), codes_of[chosen].tolist(), agreed[chosen].tolist(),
                decided[chosen].tolist()):
            doc, code = data.documents[d], data.codes[k]
            by_coder: dict[str, list[CoderSegment]] = {name: [] for name in names}
            for seg in segs[a:b]:
                by_coder[seg.coder].append(seg)
            out.append(Passage(key=f"{doc.uuid}:{code.uuid}:{start}-{end}", document_uuid=doc.uuid,
                               document=doc.label, code_uuid=code.uuid, code_id=code.code_id, code_name=code.name,
                               start=start, end=end, page=segs[a].page,  # where its first segment begins
                               agreed=agree, by_coder=by_coder, decided=is_decided))
    return out


def disagreements(project, coders=None, codes=None, overlap: float = DEFAULT_OVERLAP,
                  include_decided: bool = False) -> list[Passage]:
    """Every open disagreement (decided ones too with ``include_decided``)."""
    return passages(project, coders, codes, overlap, "disagreements", include_decided)


def _decided_mask(project, data: CodingData, docs_of, codes_of, starts, ends) -> np.ndarray:
    """Per passage: the consensus coder has a coded or rejected segment of its code overlapping it."""
    rows = project.session.execute(
        select(Segment.document_id, Segment.code_pk, Segment.start, Segment.end)
        .join(Coder, Segment.coder_id == Coder.id)
        .where(Coder.is_consensus.is_(True), Segment.deleted.is_(None),
               Segment.status.in_(("coded", "rejected")))).all()
    decided = np.zeros(len(starts), dtype=bool)
    if not rows or not len(starts):
        return decided
    doc_index = {d.id: i for i, d in enumerate(data.documents)}
    code_index = {c.id: i for i, c in enumerate(data.codes)}
    spans = [(doc_index[d] * len(data.codes) + code_index[k], s, e) for d, k, s, e in rows
             if d in doc_index and k in code_index]
    if not spans:
        return decided
    # sweep: decided spans sorted by (group, start) with the running maximum end per group; a passage
    # [start, end) is decided when some decided span of its group starts before its end and ends after its start
    arr = np.array(sorted(spans), dtype=np.int64)
    g, ds, de = arr[:, 0], arr[:, 1], arr[:, 2]
    big = int(max(de.max(), ends.max(), 0)) + 2
    lift = g * big
    run_end = np.maximum.accumulate(de + 1 + lift) - lift  # +1 keeps every value above the groups before
    group = docs_of.astype(np.int64) * len(data.codes) + codes_of
    # last decided span of the group starting before the passage's end
    j = np.searchsorted(g * big + ds, group * big + ends, side="left") - 1
    has = j >= 0
    has[has] &= g[j[has]] == group[has]
    decided[has] = run_end[j[has]] - 1 > starts[has]
    return decided


def _segments_by_id(project, ids: list[int]) -> dict[int, tuple]:
    """(uuid, start, end, quote, page_first) per segment id: plain columns, no ORM objects.

    One scan of the live codings through the database cursor (issue 17): 500k segments in
    about 1-2 s, against 8 s in chunks of ``id IN (...)`` through the ORM session."""
    if not ids:
        return {}
    wanted = set(ids)
    stmt = select(Segment.id, Segment.uuid, Segment.start, Segment.end, Segment.quote, Segment.page_first) \
        .where(live_coding())
    project.session.flush()  # the cursor reads past the session: write pending rows first
    connection = project.session.connection()
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        rows = cursor.execute(str(stmt.compile(connection, compile_kwargs={"literal_binds": True}))).fetchall()
    finally:
        cursor.close()
    return {row[0]: row[1:] for row in rows if row[0] in wanted}


def _page_labels(project) -> dict[int, dict[int, str]]:
    """Printed page label per document id and page index."""
    out: dict[int, dict[int, str]] = {}
    for d, i, label in project.session.execute(select(Page.document_id, Page.index, Page.label)):
        out.setdefault(d, {})[i] = label
    return out


__all__ = ["CoderSegment", "Passage", "passages", "disagreements"]
