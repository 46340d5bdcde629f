"""Segment-level agreement: do two coders' segments of the same code coincide?

Two segments match when they belong to the same document and code, come from
different coders, and their **overlap share** reaches the threshold (default
0.9, as in MAXQDA). Area segments match areas on the same page whose rectangles'
intersection over union reaches the same threshold. The overlap share of spans A and B is

    |A ∩ B| / |A ∪ B|   (characters in both / characters in either; Jaccard)

so 1.0 means identical spans, and a span inside one twice its length shares 0.5.
For a pair of coders every segment of either coder counts once: it *agrees*
when the other coder has a matching segment, else it *disagrees*; percent
agreement = agree / (agree + disagree). With more than two coders the counts
are summed over all coder pairs (each pair also reported on its own).
"""
from __future__ import annotations

from itertools import combinations

import numpy as np

from ..errors import UserError
from .bootstrap import cluster_bootstrap
from .coding_data import CodingData
from .level_report import AgreementRow, Stat

DEFAULT_OVERLAP = 0.9
_CHUNK = 2_000_000  # pairwise cells per block when a (document, code) group is large


def check_overlap(overlap: float) -> float:
    try:
        value = float(overlap)
    except (TypeError, ValueError):
        raise UserError(f"The overlap share must be a number between 0 and 1, not '{overlap}'.") from None
    if not 0 < value <= 1:
        raise UserError(f"The overlap share must be above 0 and at most 1 (0.9 = 90 %), not {overlap}.")
    return value


def overlap_share(s1, e1, s2, e2):
    """|A ∩ B| / |A ∪ B| for spans [s1, e1) and [s2, e2) (numpy broadcasting)."""
    inter = np.maximum(0, np.minimum(e1, e2) - np.maximum(s1, s2))
    union = (e1 - s1) + (e2 - s2) - inter
    return np.where(union > 0, inter / np.maximum(union, 1), 0.0)


def rect_iou(a, b):
    """Intersection over union of rectangles [..., 4] (x0, y0, x1, y1), numpy broadcasting."""
    ix = np.maximum(0.0, np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]))
    iy = np.maximum(0.0, np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]))
    inter = ix * iy
    union = ((a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1]) + (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])
             - inter)
    return np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)


def groups(data: CodingData):
    """Yield (document index, code index, segment indexes) per (document, code) with segments."""
    if len(data) == 0:
        return
    order = np.lexsort((data.start, data.coder, data.code, data.document))
    key = data.document[order] * len(data.codes) + data.code[order]
    cuts = np.flatnonzero(np.diff(key)) + 1
    for idx in np.split(order, cuts):
        yield int(data.document[idx[0]]), int(data.code[idx[0]]), idx


def match_matrix(data: CodingData, overlap: float) -> np.ndarray:
    """matched[i, c]: segment i has a segment of coder c (another coder) overlapping >= ``overlap``."""
    areas = data.is_area
    if not areas.any():
        return _match_spans(data, overlap)
    matched = np.zeros((len(data), len(data.coders)), dtype=bool)
    matched[np.flatnonzero(~areas)] = _match_spans(data.text_only(), overlap)
    _match_areas(data, overlap, matched)
    return matched


def _match_areas(data: CodingData, overlap: float, matched: np.ndarray) -> None:
    """Areas of the same document, code and page match when their rectangles' IoU >= ``overlap``."""
    idx = np.flatnonzero(data.is_area)
    key = (data.document[idx] * len(data.codes) + data.code[idx]) * (int(data.area_page.max()) + 1) \
        + data.area_page[idx]
    for k in np.unique(key):
        group = idx[key == k]
        r, who = data.area_rect[group], data.coder[group]
        ok = (rect_iou(r[:, None, :], r[None, :, :]) >= overlap - 1e-12) & (who[:, None] != who[None, :])
        for c in range(len(data.coders)):
            matched[group, c] |= (ok & (who[None, :] == c)).any(axis=1)


def _match_spans(data: CodingData, overlap: float) -> np.ndarray:
    """``match_matrix`` for text segments: matched by the overlap share of their spans.

    Text segments overlap by their spans; area segments (issue 15) by the intersection over union
    of their rectangles on the same page (``_match_areas``); a text segment never matches an area.
    Vectorised (issue 17): for overlapping spans union - intersection = |s_i - s_j| + |e_i - e_j|,
    and share >= t needs union <= len_i / t, so |s_i - s_j| <= (1 - t) / t * len_i;
    candidates are found by binary search in segments sorted by (document, code, coder,
    start), expanded into flat pair arrays and checked exactly - no Python per segment and
    no all-pairs matrix per (document, code)."""
    n_coders = len(data.coders)
    n = len(data)
    matched = np.zeros((n, n_coders), dtype=bool)
    if n == 0:
        return matched
    key = (data.document * len(data.codes) + data.code) * n_coders + data.coder
    span = int(data.lengths.max(initial=0)) + 1
    off = int(np.ceil(span / overlap)) + 2  # keeps every window bound non-negative
    base = 2 * off + span
    comp = key * base + off + data.start
    order = np.argsort(comp, kind="stable")
    comp_sorted = comp[order]
    length = (data.end - data.start).astype(float)
    group = key - data.coder  # (document, code) * n_coders
    reach = (1 - overlap) / overlap * length
    low_edge = np.floor(data.start - reach - 1e-9).astype(np.int64)
    high_edge = np.ceil(data.start + reach + 1e-9).astype(np.int64)
    for c in range(n_coders):
        mine = np.flatnonzero(data.coder != c)
        target = (group[mine] + c) * base + off
        lo = np.searchsorted(comp_sorted, target + low_edge[mine], side="left")
        hi = np.searchsorted(comp_sorted, target + high_edge[mine], side="right")
        counts = hi - lo
        for part in _chunks(counts):
            who, cnt, first = mine[part], counts[part], lo[part]
            total = int(cnt.sum())
            if total == 0:
                continue
            i_rep = np.repeat(who, cnt)
            starts = np.repeat(np.cumsum(cnt) - cnt, cnt)
            j = order[np.repeat(first, cnt) + (np.arange(total) - starts)]
            ok = overlap_share(data.start[i_rep], data.end[i_rep], data.start[j], data.end[j]) >= overlap - 1e-12
            matched[i_rep[ok], c] = True
    return matched


def _chunks(counts: np.ndarray, limit: int = _CHUNK):
    """Slices of the segments whose candidate pairs add up to about ``limit``."""
    cum = np.cumsum(counts)
    start = 0
    while start < len(counts):
        done = cum[start - 1] if start else 0
        stop = int(np.searchsorted(cum, done + limit, side="right"))
        stop = max(stop, start + 1)
        yield slice(start, stop)
        start = stop


def _counts(data: CodingData, matched: np.ndarray, a: int, b: int, by: np.ndarray, size: int):
    """(agree, disagree) per bin of ``by`` for the coder pair (a, b)."""
    ma, mb = data.coder == a, data.coder == b
    agree = np.bincount(by[ma], weights=matched[ma, b], minlength=size) + \
        np.bincount(by[mb], weights=matched[mb, a], minlength=size)
    total = np.bincount(by[ma | mb], minlength=size)
    return agree.astype(np.int64), (total - agree).astype(np.int64)


def _stat(agree: int, disagree: int) -> Stat:
    if agree + disagree == 0:
        return Stat(None, "no segments by these coders: nothing to agree on")
    return Stat(agree / (agree + disagree))


def _share(tables: np.ndarray) -> np.ndarray:
    return tables[:, 0] / (tables[:, 0] + tables[:, 1])


def _segment_cis(data: CodingData, matched: np.ndarray, pairs) -> tuple[list, object]:
    """Bootstrap over documents of percent agreement: per code and overall."""
    n_docs, n_codes = len(data.documents), len(data.codes)
    by = data.document * n_codes + data.code
    agree = np.zeros(n_docs * n_codes)
    disagree = np.zeros(n_docs * n_codes)
    for a, b in pairs:
        ag, dis = _counts(data, matched, a, b, by, n_docs * n_codes)
        agree += ag
        disagree += dis
    tables = np.stack([agree.reshape(n_docs, n_codes), disagree.reshape(n_docs, n_codes)], axis=-1)  # D x K x 2
    per_code = [cluster_bootstrap(tables[:, k], _share) for k in range(n_codes)]
    return per_code, cluster_bootstrap(tables.sum(axis=1), _share)


def segment_level(data: CodingData, overlap: float = DEFAULT_OVERLAP, ci: bool = False) -> list[AgreementRow]:
    overlap = check_overlap(overlap)
    matched = match_matrix(data, overlap)
    names = [c.name for c in data.coders]
    pairs = list(combinations(range(len(data.coders)), 2))
    n_codes, n_docs = len(data.codes), len(data.documents)
    overall_bin = np.zeros(len(data), dtype=np.int64)
    tallies = {"code": (data.code, n_codes), "document": (data.document, n_docs), "overall": (overall_bin, 1)}
    results = {}
    for scope, (by, size) in tallies.items():
        per_pair = {(a, b): _counts(data, matched, a, b, by, size) for a, b in pairs}
        agree = sum(v[0] for v in per_pair.values())
        disagree = sum(v[1] for v in per_pair.values())
        results[scope] = (per_pair, agree, disagree)

    def row(scope: str, i: int, **ident) -> AgreementRow:
        per_pair, agree, disagree = results[scope]
        r = AgreementRow(level="segment", scope=scope, **ident)
        r.stats["percent_agreement"] = _stat(int(agree[i]), int(disagree[i]))
        r.counts.update(segments=int(agree[i] + disagree[i]), agree=int(agree[i]), disagree=int(disagree[i]))
        if len(pairs) > 1:
            r.pairs = {f"{names[a]} | {names[b]}": {"percent_agreement": _stat(int(v[0][i]), int(v[1][i]))}
                       for (a, b), v in per_pair.items()}
        return r

    rows = [row("code", k, code_id=c.code_id, code_name=c.name) for k, c in enumerate(data.codes)]
    rows += [row("document", d, document=doc.label, document_uuid=doc.uuid) for d, doc in enumerate(data.documents)]
    rows.append(row("overall", 0))
    if ci:
        per_code, overall = _segment_cis(data, matched, pairs)
        for r, interval in zip(rows[:len(data.codes)] + rows[-1:], per_code + [overall]):
            stat = r.stats["percent_agreement"]
            if stat.defined and interval is not None:
                r.stats["percent_agreement"] = Stat(stat.value, stat.reason, interval)
    return rows


__all__ = ["DEFAULT_OVERLAP", "check_overlap", "overlap_share", "groups", "match_matrix", "segment_level"]
