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
from .agreement.segment_level import DEFAULT_OVERLAP, check_overlap, groups, overlap_share
from .models import Coder, Page, Segment


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
    """Yield (document index, code index, segment indexes, agreed) per passage."""
    n_coders = len(data.coders)
    for d, k, idx in groups(data):
        idx = idx[np.argsort(data.start[idx], kind="stable")]
        s, e = data.start[idx], data.end[idx]
        run_end = np.maximum.accumulate(e)
        new = np.ones(len(idx), dtype=bool)
        new[1:] = s[1:] >= run_end[:-1]
        for part in np.split(idx, np.flatnonzero(new)[1:]):
            who = data.coder[part]
            agreed = len(part) == n_coders and len(set(who.tolist())) == n_coders
            if agreed:
                ps, pe = data.start[part], data.end[part]
                share = overlap_share(ps[:, None], pe[:, None], ps[None, :], pe[None, :])
                agreed = bool((share >= overlap - 1e-12).all())
            yield d, k, part, agreed


def passages(project, coders=None, codes=None, overlap: float = DEFAULT_OVERLAP, which: str = "disagreements",
             include_decided: bool = False) -> list[Passage]:
    """Passages in document order. ``which``: 'disagreements', 'agreed' or 'all'."""
    overlap = check_overlap(overlap)
    data = load_coding(project, coders, codes)
    found = [(d, k, part, agreed) for d, k, part, agreed in _clusters(data, overlap)
             if which == "all" or agreed == (which == "agreed")]
    decided = _decided_spans(project, data)
    ids = [int(data.segment_id[i]) for _, _, part, _ in found for i in part]
    rows = _segments_by_id(project, ids)
    labels = _page_labels(project)
    out = []
    for d, k, part, agreed in found:
        doc, code = data.documents[d], data.codes[k]
        start, end = int(data.start[part].min()), int(data.end[part].max())
        is_decided = any(s < end and start < e for s, e in decided.get((doc.id, code.id), ()))
        if is_decided and not include_decided:
            continue
        by_coder: dict[str, list[CoderSegment]] = {c.name: [] for c in data.coders}
        for i in part:
            seg = rows[int(data.segment_id[i])]
            name = data.coders[int(data.coder[i])].name
            by_coder[name].append(CoderSegment(seg.uuid, name, seg.start, seg.end, seg.quote,
                                               labels.get((doc.id, seg.page_first), str(seg.page_first + 1))))
        first = rows[int(data.segment_id[part[np.argmin(data.start[part])]])]
        out.append(Passage(key=f"{doc.uuid}:{code.uuid}:{start}-{end}", document_uuid=doc.uuid, document=doc.label,
                           code_uuid=code.uuid, code_id=code.code_id, code_name=code.name, start=start, end=end,
                           page=labels.get((doc.id, first.page_first), str(first.page_first + 1)), agreed=agreed,
                           by_coder=by_coder, decided=is_decided))
    return out


def disagreements(project, coders=None, codes=None, overlap: float = DEFAULT_OVERLAP,
                  include_decided: bool = False) -> list[Passage]:
    """Every open disagreement (decided ones too with ``include_decided``)."""
    return passages(project, coders, codes, overlap, "disagreements", include_decided)


def _decided_spans(project, data: CodingData) -> dict[tuple[int, int], list[tuple[int, int]]]:
    rows = project.session.execute(
        select(Segment.document_id, Segment.code_pk, Segment.start, Segment.end)
        .join(Coder, Segment.coder_id == Coder.id)
        .where(Coder.is_consensus.is_(True), Segment.deleted.is_(None),
               Segment.status.in_(("coded", "rejected")))).all()
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for doc_id, code_id, s, e in rows:
        out.setdefault((doc_id, code_id), []).append((s, e))
    return out


def _segments_by_id(project, ids: list[int]) -> dict[int, Segment]:
    out = {}
    for lo in range(0, len(ids), 5000):
        chunk = ids[lo:lo + 5000]
        out.update({s.id: s for s in project.session.scalars(select(Segment).where(Segment.id.in_(chunk)))})
    return out


def _page_labels(project) -> dict[tuple[int, int], str]:
    return {(d, i): label for d, i, label in project.session.execute(
        select(Page.document_id, Page.index, Page.label))}


__all__ = ["CoderSegment", "Passage", "passages", "disagreements"]
