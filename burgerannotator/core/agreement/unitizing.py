"""Agreement for unitized continuous text (coders mark segments [start, end)).

Positions are integer character offsets (Python ``str`` indices) on a continuum ``[0, length)``; a
segment is ``(start, end, value)`` with ``start < end``, half-open.  All work
is done with interval arithmetic in numpy (cost grows with the number of
segments, not with the number of characters).

Two families:

* :func:`character_agreement` - every character is a unit (NVivo coding
  comparison): per code a 2x2 character table of two coders, percent agreement
  and Cohen's kappa, optionally restricted to text that at least one of the
  two coders coded with any code ("excluding uncoded text").
* :func:`unitizing_alpha` - Krippendorff's uα, binary |uα and cuα
  (Krippendorff, Mathet, Bouvry & Widlöcher 2016; Krippendorff 2019 §12.6).
  The older per-category uα of Krippendorff (1995/2004) is in
  :mod:`.unitizing_2004`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Iterable, Mapping, Sequence

import numpy as np

from ._base import AgreementResult, ordered_categories, undefined
from .unitizing_2004 import Unitizing2004Result, krippendorff_unitizing_alpha_2004

Segment = tuple[int, int, Hashable]

__all__ = [
    "CharacterAgreement",
    "CharacterTable",
    "Unitizing2004Result",
    "UnitizingAlphaResult",
    "character_agreement",
    "krippendorff_unitizing_alpha_2004",
    "merge_intervals",
    "unitizing_alpha",
    "unitizing_alpha_per_code",
]


# --------------------------------------------------------------------------- interval helpers


def _as_arrays(segments: Iterable[Segment], length: int) -> tuple[np.ndarray, np.ndarray, list]:
    segs = list(segments)
    starts = np.fromiter((s[0] for s in segs), dtype=np.int64, count=len(segs))
    ends = np.fromiter((s[1] for s in segs), dtype=np.int64, count=len(segs))
    if len(segs) and (np.any(starts >= ends) or starts.min() < 0 or ends.max() > length):
        raise ValueError(f"segments must satisfy 0 <= start < end <= length ({length})")
    return starts, ends, [s[2] for s in segs]


def merge_intervals(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Union of half-open intervals as sorted, disjoint, non-touching intervals."""
    if len(starts) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.argsort(starts, kind="stable")
    s, e = np.asarray(starts)[order], np.asarray(ends)[order]
    run_end = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] > run_end[:-1]
    idx = np.flatnonzero(new)
    last = np.append(idx[1:] - 1, len(s) - 1)
    return s[idx], run_end[last]


def _union_length(starts: np.ndarray, ends: np.ndarray) -> int:
    s, e = merge_intervals(starts, ends)
    return int((e - s).sum())


# --------------------------------------------------------------------------- character based


@dataclass(frozen=True)
class CharacterTable:
    """2x2 character table of one code for coders A and B, with its statistics."""

    code: Hashable
    both: int
    a_only: int
    b_only: int
    neither: int
    percent_agreement: float | None
    kappa: AgreementResult

    @property
    def total(self) -> int:
        return self.both + self.a_only + self.b_only + self.neither


@dataclass(frozen=True)
class CharacterAgreement:
    per_code: dict  # code -> CharacterTable
    pooled: CharacterTable  # tables summed over codes
    total_characters: int  # characters in the comparison (length, or coded text only)
    exclude_uncoded: bool


def _table(code, both: int, a_only: int, b_only: int, neither: int) -> CharacterTable:
    total = both + a_only + b_only + neither
    name = "character_kappa"
    if total == 0:
        k = undefined(name, "no characters to compare")
        return CharacterTable(code, both, a_only, b_only, neither, None, k)
    po = (both + neither) / total
    a, b = both + a_only, both + b_only
    pe = (a * b + (total - a) * (total - b)) / total ** 2
    common = dict(observed_agreement=po, expected_agreement=pe, n_units=total, n_coders=2, n_values=2 * total)
    if pe >= 1 - 1e-12:
        k = undefined(name, "no variation: both coders coded all or none of the characters (expected agreement 1)", **common)
    else:
        k = AgreementResult(coefficient=name, value=(po - pe) / (1 - pe), defined=True, **common)
    return CharacterTable(code, both, a_only, b_only, neither, po, k)


def character_agreement(length: int, segments_a: Iterable[Segment], segments_b: Iterable[Segment],
                        codes: Sequence[Hashable] | None = None, exclude_uncoded: bool = False) -> CharacterAgreement:
    """NVivo-style character agreement per code between two coders.

    Overlapping segments of one coder at the same code are merged (union).
    With ``exclude_uncoded=True`` the continuum is reduced to the characters
    that at least one of the two coders coded with any code (of any code, not
    only those in ``codes``), so text nobody coded does not inflate agreement.
    ``codes`` defaults to every code used by either coder.
    """
    sa, ea, va = _as_arrays(segments_a, length)
    sb, eb, vb = _as_arrays(segments_b, length)
    if codes is None:
        codes = ordered_categories(list(va) + list(vb))
    va_arr, vb_arr = np.asarray(va, dtype=object), np.asarray(vb, dtype=object)
    if exclude_uncoded:
        total = _union_length(np.concatenate([sa, sb]), np.concatenate([ea, eb]))
    else:
        total = int(length)
    per_code = {}
    sums = np.zeros(4, dtype=np.int64)
    for code in codes:
        ma = va_arr == code if len(va) else np.zeros(0, bool)
        mb = vb_arr == code if len(vb) else np.zeros(0, bool)
        a = _union_length(sa[ma], ea[ma])
        b = _union_length(sb[mb], eb[mb])
        union = _union_length(np.concatenate([sa[ma], sb[mb]]), np.concatenate([ea[ma], eb[mb]]))
        both = a + b - union
        cells = np.array([both, a - both, b - both, total - union])
        sums += cells
        per_code[code] = _table(code, *map(int, cells))
    return CharacterAgreement(per_code=per_code, pooled=_table(None, *map(int, sums)),
                              total_characters=total, exclude_uncoded=exclude_uncoded)


# --------------------------------------------------------------------------- Krippendorff 2016/2019


@dataclass(frozen=True)
class UnitizingAlphaResult:
    """uα, |uα and cuα of one variable.

    ``values`` lists the value order of ``observed_coincidences``; index 0 is
    the gap value phi (``None``).
    """

    u_alpha: AgreementResult
    binary_u_alpha: AgreementResult
    cu_alpha: AgreementResult
    values: tuple
    observed_coincidences: np.ndarray
    details: Mapping = field(default_factory=dict)


def _partition(starts, ends, vals, length):
    """Sorted partition of [0, length): valued segments plus gaps (value 0)."""
    order = np.argsort(starts, kind="stable")
    s, e, v = starts[order], ends[order], vals[order]
    if len(s) > 1 and np.any(s[1:] < e[:-1]):
        raise ValueError("segments of one coder overlap within a variable; the 2016/2019 uα needs "
                         "each coder's segments to be disjoint (use different variables or unitizing_alpha_per_code)")
    prev_end = np.concatenate([[0], e])
    next_start = np.concatenate([s, [length]])
    gap = next_start > prev_end
    ps = np.concatenate([s, prev_end[gap]])
    pe = np.concatenate([e, next_start[gap]])
    pv = np.concatenate([v, np.zeros(int(gap.sum()), dtype=np.int64)])
    order = np.argsort(ps, kind="stable")
    return ps[order], pe[order], pv[order]


def _alpha_from(l: np.ndarray, w: np.ndarray, name: str, n_coders: int, n_units: int, values: tuple) -> AgreementResult:
    """1 - sum_{c!=k} l_ck / sum_{c!=k} e_ck with e_ck = l..(l_c. l_.k - [c=k] w_c)/(l..^2 - sum w)."""
    total = l.sum()
    common = dict(n_coders=n_coders, n_units=n_units, n_values=int(round(total)), categories=values,
                  details={"coincidences": l})
    if total <= 0:
        return undefined(name, "no pairable stretches", **common)
    marg = l.sum(axis=1)
    denom = total ** 2 - w.sum()
    if denom <= 0:
        return undefined(name, "expected coincidences undefined (a single unit covers everything)", **common)
    e = total * (np.outer(marg, marg) - np.diag(w)) / denom
    obs_d = float((total - np.trace(l)) / total)
    exp_d = float((e.sum() - np.trace(e)) / total)
    common.update(observed_disagreement=obs_d, expected_disagreement=exp_d)
    common["details"] = {"coincidences": l, "expected_coincidences": e}
    if exp_d <= 1e-15:
        return undefined(name, "no variation (expected disagreement 0): alpha is 0/0", **common)
    return AgreementResult(coefficient=name, value=1.0 - obs_d / exp_d, defined=True, **common)


def unitizing_alpha(length: int, segments_by_coder: Sequence[Iterable[Segment]],
                    values: Sequence[Hashable] | None = None) -> UnitizingAlphaResult:
    """Krippendorff's uα, binary |uα and cuα (nominal) for one variable.

    ``segments_by_coder``: one list of ``(start, end, value)`` per coder; the
    segments of one coder must not overlap (uncoded stretches become the gap
    value phi).  Adjacent segments with the same value stay separate units.

    Coincidences are character-based: l_ck = 1/(m-1) sum_{i != j} |c by i ∩ k by j|,
    l.. = m*L.  Expected: e_ck = l..(l_c. l_.k - [c=k] w_c)/(l..^2 - sum w) with
    w_c = sum of squared lengths of value-c segments and, for phi, the summed gap
    length (gap characters are exchangeable one by one).  |uα collapses all
    values into "relevant".  cuα uses only the valued submatrix, with each
    segment's w = (its pairable length)^2, pairable length = sum over other
    coders j of |segment ∩ valued segments of j| / (m-1); this reading
    reproduces Krippendorff's (2019) Fig. 12.11 value .724.
    """
    m = len(segments_by_coder)
    arrays = [_as_arrays(segs, length) for segs in segments_by_coder]
    vals = tuple(values) if values is not None else tuple(ordered_categories(v for a in arrays for v in a[2]))
    index = {v: i + 1 for i, v in enumerate(vals)}
    all_values = (None,) + vals
    k = len(all_values)
    empty = np.zeros((k, k))
    if m < 2 or length <= 0:
        why = "fewer than 2 coders" if m < 2 else "empty continuum"
        r = undefined("u_alpha", why, n_coders=m)
        return UnitizingAlphaResult(r, undefined("binary_u_alpha", why, n_coders=m),
                                    undefined("cu_alpha", why, n_coders=m), all_values, empty)
    parts = []
    for s, e, v in arrays:
        try:
            codes = np.fromiter((index[x] for x in v), dtype=np.int64, count=len(v))
        except KeyError as exc:
            raise ValueError(f"value {exc.args[0]!r} not among the given values") from None
        parts.append(_partition(s, e, codes, length))
    # Overlay of all coders' partitions: elementary intervals with one segment per coder.
    bounds = np.unique(np.concatenate([p[0] for p in parts] + [np.array([length])]))
    el_start, el_len = bounds[:-1], np.diff(bounds).astype(float)
    seg_idx = [np.searchsorted(p[0], el_start, side="right") - 1 for p in parts]
    el_val = [p[2][ix] for p, ix in zip(parts, seg_idx)]
    l = np.zeros(k * k)
    for i in range(m):
        for j in range(m):
            if i != j:
                l += np.bincount(el_val[i] * k + el_val[j], weights=el_len, minlength=k * k)
    l = l.reshape(k, k) / (m - 1)
    # w per value: squared lengths of valued segments, plain lengths of gaps.
    w = np.zeros(k)
    n_seg = 0
    valued_count = np.zeros(len(el_start))
    for ps, pe, pv in parts:
        seg_len = (pe - ps).astype(float)
        w += np.bincount(pv, weights=np.where(pv > 0, seg_len ** 2, seg_len), minlength=k)
        n_seg += int((pv > 0).sum())
    for ev in el_val:
        valued_count += ev > 0
    u = _alpha_from(l, w, "u_alpha", m, n_seg, all_values)
    # Binary |uα: phi vs relevant.
    lb = np.array([[l[0, 0], l[0, 1:].sum()], [l[1:, 0].sum(), l[1:, 1:].sum()]])
    wb = np.array([w[0], w[1:].sum()])
    bu = _alpha_from(lb, wb, "binary_u_alpha", m, n_seg, (None, "relevant"))
    # cuα: valued submatrix with pairable lengths.
    wc = np.zeros(k)
    for (ps, pe, pv), ix, ev in zip(parts, seg_idx, el_val):
        contrib = np.where(ev > 0, el_len * (valued_count - 1) / (m - 1), 0.0)
        pairable = np.bincount(ix, weights=contrib, minlength=len(ps))
        wc += np.bincount(pv, weights=np.where(pv > 0, pairable ** 2, 0.0), minlength=k)
    cu = _alpha_from(l[1:, 1:], wc[1:], "cu_alpha", m, n_seg, vals)
    return UnitizingAlphaResult(u, bu, cu, all_values, l, {"w": w, "w_cu": wc})


def unitizing_alpha_per_code(length: int, segments_by_coder: Sequence[Iterable[Segment]],
                             codes: Sequence[Hashable] | None = None) -> dict:
    """Binary |uα for each code separately (code present vs absent).

    Codes may overlap each other; overlapping segments of one coder at the same
    code are merged into one unit (touching ones stay separate units).
    Returns ``{code: AgreementResult}``.
    """
    arrays = [_as_arrays(segs, length) for segs in segments_by_coder]
    if codes is None:
        codes = ordered_categories(v for a in arrays for v in a[2])
    out = {}
    for code in codes:
        per_coder = []
        for s, e, v in arrays:
            mask = np.fromiter((x == code for x in v), dtype=bool, count=len(v))
            ms, me = _merge_overlapping(s[mask], e[mask])
            per_coder.append(list(zip(ms.tolist(), me.tolist(), [code] * len(ms))))
        out[code] = unitizing_alpha(length, per_coder, values=[code]).binary_u_alpha
    return out


def _merge_overlapping(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge strictly overlapping intervals, keep merely touching ones apart."""
    if len(starts) == 0:
        return starts, ends
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], ends[order]
    run_end = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] >= run_end[:-1]
    idx = np.flatnonzero(new)
    last = np.append(idx[1:] - 1, len(s) - 1)
    return s[idx], run_end[last]
