"""Krippendorff's (1995, 2004) per-category unitizing alpha (_c u-alpha).

Each category c is a separate binary study: a coder's units of category c
(which must not overlap each other) and the gaps between them partition the
continuum ``[begin, begin + length)``.  Units of different categories may
overlap.  Formulas as in Krippendorff (2004), *Content Analysis*, 2nd ed., §11.6
(also implemented by DKPro Statistics' KrippendorffAlphaUnitizingAgreement):

* distance of two intersecting segments g (coder i) and h (coder j),
  b = start_g - start_h, d = length_g - length_h:
  both units -> b^2 + (b + d)^2; unit inside a gap -> unit length^2; else 0;
* D_o = 2 sum_{i<j} sum_{g,h} delta^2 / (m (m-1) L^2);
* D_e = (2/L) sum_{units u} [ (N_c - 1)(2 l^3 - 3 l^2 + l)/3
  + l^2 sum_{gaps G, |G| >= l} (|G| - l + 1) ] / (mL(mL - 1) - sum_u l(l - 1)),
  N_c = number of units of c over all coders, gaps of all coders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Iterable, Mapping, Sequence

import numpy as np

from ._base import AgreementResult, ordered_categories, undefined


@dataclass(frozen=True)
class Unitizing2004Result:
    per_category: Mapping  # category -> AgreementResult
    overall_dkpro: AgreementResult  # 1 - mean D_o / mean D_e (DKPro's aggregation, not a book formula)
    details: Mapping = field(default_factory=dict)


def _category_partition(s: np.ndarray, e: np.ndarray, begin: int, end: int):
    order = np.argsort(s, kind="stable")
    s, e = s[order], e[order]
    if len(s) > 1 and np.any(s[1:] < e[:-1]):
        raise ValueError("units of the same category by the same coder overlap")
    prev_end = np.concatenate([[begin], e])
    next_start = np.concatenate([s, [end]])
    gap = next_start > prev_end
    ps = np.concatenate([s, prev_end[gap]])
    pe = np.concatenate([e, next_start[gap]])
    unit = np.concatenate([np.ones(len(s), bool), np.zeros(int(gap.sum()), bool)])
    order = np.argsort(ps, kind="stable")
    return ps[order], pe[order], unit[order]


def _observed_pair(p1, p2, end: int) -> float:
    bounds = np.unique(np.concatenate([p1[0], p2[0], [end]]))
    el = bounds[:-1]
    i1 = np.searchsorted(p1[0], el, side="right") - 1
    i2 = np.searchsorted(p2[0], el, side="right") - 1
    pairs = np.unique(i1 * (len(p2[0]) + 1) + i2)
    g, h = pairs // (len(p2[0]) + 1), pairs % (len(p2[0]) + 1)
    s1, e1, u1 = p1[0][g].astype(float), p1[1][g].astype(float), p1[2][g]
    s2, e2, u2 = p2[0][h].astype(float), p2[1][h].astype(float), p2[2][h]
    both = u1 & u2
    d = np.where(both, (s1 - s2) ** 2 + (e1 - e2) ** 2, 0.0)
    in_gap1 = u1 & ~u2 & (s2 <= s1) & (e1 <= e2)
    in_gap2 = ~u1 & u2 & (s1 <= s2) & (e2 <= e1)
    d += np.where(in_gap1, (e1 - s1) ** 2, 0.0) + np.where(in_gap2, (e2 - s2) ** 2, 0.0)
    return float(d.sum())


def krippendorff_unitizing_alpha_2004(begin: int, length: int,
                                      segments_by_coder: Sequence[Iterable[tuple[int, int, Hashable]]],
                                      categories: Sequence[Hashable] | None = None) -> Unitizing2004Result:
    """Per-category uα of Krippendorff (1995/2004); segments are ``(start, end, category)``.

    Returns one :class:`AgreementResult` per category (observed/expected
    disagreement filled) and DKPro's overall aggregation.
    """
    end = begin + length
    m = len(segments_by_coder)
    coders = []
    for segs in segments_by_coder:
        segs = list(segs)
        for s, e, _ in segs:
            if not (begin <= s < e <= end):
                raise ValueError(f"segment ({s}, {e}) outside the continuum [{begin}, {end})")
        coders.append(segs)
    if categories is None:
        categories = ordered_categories(c for segs in coders for _, _, c in segs)
    per_cat = {}
    dos, des = [], []
    for cat in categories:
        name = f"unitizing_alpha_2004[{cat}]"
        if m < 2 or length <= 0:
            per_cat[cat] = undefined(name, "fewer than 2 coders" if m < 2 else "empty continuum", n_coders=m)
            continue
        parts = []
        for segs in coders:
            s = np.array([x[0] for x in segs if x[2] == cat], dtype=np.int64)
            e = np.array([x[1] for x in segs if x[2] == cat], dtype=np.int64)
            parts.append(_category_partition(s, e, begin, end))
        total = sum(_observed_pair(parts[i], parts[j], end) for i in range(m) for j in range(i + 1, m))
        d_o = 2.0 * total / (m * (m - 1) * float(length) ** 2)
        unit_len = np.concatenate([(p[1] - p[0])[p[2]] for p in parts]).astype(float)
        gaps = np.sort(np.concatenate([(p[1] - p[0])[~p[2]] for p in parts]).astype(float))
        n_c = len(unit_len)
        # For each unit length l: count and sum of gaps with |G| >= l.
        pos = np.searchsorted(gaps, unit_len, side="left")
        suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
        n_ge, s_ge = len(gaps) - pos, suffix[pos]
        l = unit_len
        num = ((n_c - 1) * (2 * l ** 3 - 3 * l ** 2 + l) / 3.0 + l ** 2 * (s_ge - n_ge * (l - 1))).sum()
        denom = m * length * (m * length - 1.0) - (l * (l - 1)).sum()
        d_e = float(2.0 / length * num / denom)
        dos.append(d_o)
        des.append(d_e)
        common = dict(observed_disagreement=d_o, expected_disagreement=d_e, n_units=n_c, n_coders=m,
                      categories=(cat,))
        if d_e <= 1e-15:
            per_cat[cat] = undefined(name, "no units of this category (expected disagreement 0)", **common)
        else:
            per_cat[cat] = AgreementResult(coefficient=name, value=1.0 - d_o / d_e, defined=True, **common)
    if des and np.mean(des) > 1e-15:
        mo, me = float(np.mean(dos)), float(np.mean(des))
        overall = AgreementResult("unitizing_alpha_2004_overall_dkpro", 1.0 - mo / me, True,
                                  observed_disagreement=mo, expected_disagreement=me, n_coders=m,
                                  categories=tuple(categories))
    else:
        overall = undefined("unitizing_alpha_2004_overall_dkpro", "no category with expected disagreement > 0",
                            n_coders=m, categories=tuple(categories))
    return Unitizing2004Result(per_category=per_cat, overall_dkpro=overall)
