"""Code co-occurrence: which codes go together, in a city's agreement or in one passage.

``cooccurrence(project, selection, unit='document'|'segment', distance=0, codes=None)``
returns a symmetric code x code :class:`Cooccurrence`:

* ``unit='document'``: cell (a, b) = number of documents (cities) in which both
  code a and code b were applied (by the selected coders; pooled coders count a
  code as present when any of them applied it); the diagonal is the number of
  documents with code a. ``documents[(a, b)]`` lists those documents' labels.
* ``unit='segment'``: cell (a, b), a != b = number of pairs of segments, one of
  code a and one of code b, by the SAME coder in the same document, that overlap
  or lie at most ``distance`` characters apart (gap = later start - earlier end;
  0 = overlapping or touching). ``distance='paragraph'``: that touch a common
  paragraph instead (blocks of the document text, separated by a blank line or a
  page break). Pairs across coders are not counted: two coders'
  segments on one passage measure agreement, not co-occurrence. The diagonal is
  the number of segments of the code. ``documents[(a, b)]`` lists the documents.

Whose codings count is a :class:`~core.matrix.CoderSelection` (one coder, all
pooled, consensus). The pair search is vectorised (sorted spans, binary search).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from .agreement.coding_data import document_refs, resolve_codes
from .errors import UserError
from .matrix import CoderSelection
from .models import Segment, live_coding

UNITS = ("document", "segment")
PARAGRAPH = "paragraph"


@dataclass
class Cooccurrence:
    unit: str
    distance: int
    codes: list  # Code objects, in codebook order
    counts: np.ndarray  # codes x codes, symmetric
    documents: dict = field(default_factory=dict)  # (i, j) with i <= j -> [document labels]
    selection: str = ""

    @property
    def code_ids(self) -> list[str]:
        return [c.code_id for c in self.codes]

    def pairs(self) -> list[tuple[str, str, int, list[str]]]:
        """(code a, code b, count, documents) for every pair a < b that co-occurs, most first."""
        out = []
        for i in range(len(self.codes)):
            for j in range(i + 1, len(self.codes)):
                if self.counts[i, j]:
                    out.append((self.codes[i].code_id, self.codes[j].code_id, int(self.counts[i, j]),
                                self.documents.get((i, j), [])))
        return sorted(out, key=lambda p: (-p[2], p[0], p[1]))

    def as_dict(self) -> dict:
        return {"unit": self.unit, "distance": self.distance, "selection": self.selection, "codes": self.code_ids,
                "counts": self.counts.tolist(),
                "pairs": [{"a": a, "b": b, "count": n, "documents": docs} for a, b, n, docs in self.pairs()]}


def _load(project, selection: CoderSelection, codes):
    code_ix = {c.id: i for i, c in enumerate(codes)}
    docs = document_refs(project)
    doc_ix = {d.id: i for i, d in enumerate(docs)}
    coder_ids = list(selection.coder_ids)
    rows = project.session.execute(
        select(Segment.coder_id, Segment.code_pk, Segment.document_id, Segment.start, Segment.end).where(
            live_coding(), Segment.coder_id.in_(coder_ids))).all()
    rows = [r for r in rows if r[1] in code_ix and r[2] in doc_ix]
    a = np.array([(r[0], code_ix[r[1]], doc_ix[r[2]], r[3], r[4]) for r in rows], dtype=np.int64).reshape(-1, 5)
    return docs, a


def cooccurrence(project, selection: CoderSelection, unit: str = "document", distance: int = 0,
                 codes=None) -> Cooccurrence:
    if unit not in UNITS:
        raise UserError(f"Co-occurrence is counted per 'document' or per 'segment', not '{unit}'.")
    by_paragraph = distance == PARAGRAPH
    if not by_paragraph:
        try:
            distance = int(distance)
        except (TypeError, ValueError):
            raise UserError(f"The distance is a whole number of characters or 'paragraph', not '{distance}'.") \
                from None
        if distance < 0:
            raise UserError(f"The distance is a number of characters, 0 or more, not {distance}.")
    if not selection.coders:
        raise UserError("There is no coder to count co-occurrences for.")
    codes = resolve_codes(project, codes)
    docs, a = _load(project, selection, codes)
    k = len(codes)
    counts = np.zeros((k, k), dtype=np.int64)
    documents: dict = {}
    if unit == "document":
        present = np.zeros((len(docs), k), dtype=np.int64)
        if len(a):
            present[a[:, 2], a[:, 1]] = 1
        counts = present.T @ present
        for i in range(k):
            for j in range(i, k):
                if counts[i, j]:
                    documents[(i, j)] = [docs[d].label for d in np.flatnonzero(present[:, i] & present[:, j])]
    else:
        if len(a):
            if by_paragraph:  # paragraph index space: [first, last + 1); shared paragraph = overlap
                spans = _paragraph_spans(project, docs, a)
                i_idx, j_idx = _near_pairs(np.column_stack([a[:, :3], spans]), -1)
            else:
                i_idx, j_idx = _near_pairs(a, distance)
            ci, cj, dd = a[i_idx, 1], a[j_idx, 1], a[i_idx, 2]
            keep = ci != cj
            ci, cj, dd = ci[keep], cj[keep], dd[keep]
            np.add.at(counts, (ci, cj), 1)
            np.add.at(counts, (cj, ci), 1)
            counts[np.diag_indices(k)] = np.bincount(a[:, 1], minlength=k)
            lo, hi = np.minimum(ci, cj), np.maximum(ci, cj)
            for key in sorted(set(zip(lo.tolist(), hi.tolist()))):
                mask = (lo == key[0]) & (hi == key[1])
                documents[key] = [docs[d].label for d in sorted(set(dd[mask].tolist()))]
            for i in range(k):
                if counts[i, i]:
                    documents[(i, i)] = [docs[d].label for d in sorted(set(a[a[:, 1] == i, 2].tolist()))]
    return Cooccurrence(unit, distance if unit == "segment" else 0, codes, counts, documents, selection.description)


def _paragraph_spans(project, docs, a: np.ndarray) -> np.ndarray:
    """Per segment (first paragraph, last paragraph + 1) of its document."""
    from .models import Document
    from .pdftext import BLOCK_SEPARATOR, PAGE_SEPARATOR

    out = np.zeros((len(a), 2), dtype=np.int64)
    for d in np.unique(a[:, 2]):
        text = project.session.get(Document, docs[int(d)].id).text or ""
        marks = np.array(sorted({m for sep in (BLOCK_SEPARATOR, PAGE_SEPARATOR) for m in _find_all(text, sep)}),
                         dtype=np.int64)
        rows = a[:, 2] == d
        out[rows, 0] = np.searchsorted(marks, a[rows, 3], side="right")
        out[rows, 1] = np.searchsorted(marks, np.maximum(a[rows, 4] - 1, a[rows, 3]), side="right") + 1
    return out


def _find_all(text: str, sep: str) -> list[int]:
    found, at = [], text.find(sep)
    while at >= 0:
        found.append(at)
        at = text.find(sep, at + 1)
    return found


def _near_pairs(a: np.ndarray, distance: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j), i before j in start order, same coder and document, s_j <= e_i + distance."""
    coder, doc, start, end = a[:, 0], a[:, 2], a[:, 3], a[:, 4]
    span = int(end.max(initial=0)) + distance + 2
    group = doc * (int(coder.max(initial=0)) + 1) + coder
    comp = group * span + start
    order = np.lexsort((end, start, group))
    comp_sorted = comp[order]
    pos = np.arange(len(order))
    hi = np.searchsorted(comp_sorted, group[order] * span + end[order] + distance, side="right")
    counts = np.maximum(hi - pos - 1, 0)
    total = int(counts.sum())
    first = np.repeat(pos + 1, counts)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    j_sorted = first + (np.arange(total) - offsets)
    i_sorted = np.repeat(pos, counts)
    return order[i_sorted], order[j_sorted]


__all__ = ["Cooccurrence", "UNITS", "cooccurrence"]
