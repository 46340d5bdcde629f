"""Exact unitizing numbers, to kill the mutants of core/agreement/unitizing.py and unitizing_2004.py
that ``bench/mutation.py unitizing`` showed surviving: every field of the uα/|uα/cuα results, of the
NVivo character tables and of the 2004 per-category alpha, the exact reasons and messages, checked
against hand-computed Fractions and a per-character brute force in Fractions.

Survivors judged equivalent (mutmut 3.8.1 names, x_<function>__mutmut_N):
* dtype/count/kind arguments that change nothing for the values used: ``np.fromiter``/``np.zeros``/
  ``np.ones``/``np.asarray``/``astype``/``np.array`` without dtype or ``count`` (integers stay integers,
  booleans are only masks), ``argsort`` without ``kind="stable"`` (equal starts: the running maximum
  of the ends and a partition of disjoint segments do not depend on their order), ``searchsorted``
  without ``side="left"`` (the default);
* _alpha_from 38, 40-46: the "expected coincidences undefined" branch is unreachable: l.. = mL > 0
  and sum w <= mL^2 < l..^2 (uα, |uα); for cuα l.. is the sum of the pairable lengths P_s and
  sum w = sum P_s^2 < (sum P_s)^2 because pairable length always comes in >= 2 segments;
* unitizing_alpha 243, 251, 258, 273 (gap elements only reach gap partition entries, which the
  ``pv > 0`` filter drops, and contribute 0; every partition entry covers an elementary interval);
* _partition 10, _category_partition 10 (one segment cannot overlap), _merge_overlapping 2 (one
  interval comes back as is either way), character_agreement 45/54 (comparing an empty object array
  gives the same empty mask);
* _observed_pair 4/5 (the starts and the ends of a partition give the same boundaries with
  begin/end added), krippendorff_unitizing_alpha_2004 78 (the distance is symmetric and a partition's
  distance to itself is 0: the same sum), unitizing_alpha_per_code 37/40 (the values of a per-code
  run are that code);
* thresholds never hit exactly (``>``/``<`` for ``>=``/``<=`` at 1 - 1e-12 and 1e-15).
Full run: before these tests 1237 mutants, 916 killed (74.1%); after 1164 killed, 73 survived (94.1%).
"""
from __future__ import annotations

import re
from fractions import Fraction as F

import numpy as np
import pytest

from burgerannotator.core.agreement import (
    AgreementResult,
    character_agreement,
    krippendorff_unitizing_alpha_2004,
    merge_intervals,
    unitizing_alpha,
    unitizing_alpha_per_code,
)


def near(x):
    return pytest.approx(float(x), rel=1e-12, abs=1e-15)


def check(r: AgreementResult, *, details=None, **expected) -> None:
    """Every field of ``r``: the ones not in ``expected`` must hold their defaults."""
    want = dict(reason="", observed_agreement=None, expected_agreement=None, observed_disagreement=None,
                expected_disagreement=None, n_units=0, n_coders=0, n_values=0, categories=())
    want.update(expected)
    assert set(want) | {"details"} == set(AgreementResult.__dataclass_fields__)
    for name, exp in want.items():
        got = getattr(r, name)
        if isinstance(exp, (float, F)):
            assert got == near(exp), name
        else:
            assert got == exp and type(got) is type(exp), (name, got, exp)
    exp_details = details or {}
    assert list(r.details) == list(exp_details)
    for key, e in exp_details.items():
        assert r.details[key].shape == np.shape(e), key
        np.testing.assert_allclose(r.details[key], np.array(e, dtype=float), rtol=1e-12, atol=1e-13)


# ----------------------------------------------------------------- uα, |uα, cuα


def u_oracle(length, segs_by_coder, values):
    """Per-character brute force of the 2016/2019 coincidences and alphas, in Fractions."""
    m = len(segs_by_coder)
    idx = {None: 0, **{v: i + 1 for i, v in enumerate(values)}}
    k = len(idx)
    lab = [[0] * length for _ in range(m)]
    for i, segs in enumerate(segs_by_coder):
        for s, e, v in segs:
            for x in range(s, e):
                lab[i][x] = idx[v]
    l = [[F(0)] * k for _ in range(k)]
    for x in range(length):
        for i in range(m):
            for j in range(m):
                if i != j:
                    l[lab[i][x]][lab[j][x]] += F(1, m - 1)
    w, wc = [F(0)] * k, [F(0)] * k
    n_seg = 0
    for i, segs in enumerate(segs_by_coder):
        w[0] += sum(1 for x in range(length) if lab[i][x] == 0)
        for s, e, v in segs:
            n_seg += 1
            w[idx[v]] += (e - s) ** 2
            pairable = F(sum(1 for j in range(m) if j != i for x in range(s, e) if lab[j][x] > 0), m - 1)
            wc[idx[v]] += pairable ** 2

    def parts(lm, wv):
        n = len(lm)
        t = sum(map(sum, lm))
        if t == 0:
            return None
        marg = [sum(row) for row in lm]
        denom = t * t - sum(wv)
        e = [[t * (marg[c] * marg[d] - (wv[c] if c == d else 0)) / denom for d in range(n)] for c in range(n)]
        obs = (t - sum(lm[c][c] for c in range(n))) / t
        exp = (sum(map(sum, e)) - sum(e[c][c] for c in range(n))) / t
        return dict(t=t, e=e, obs=obs, exp=exp, alpha=1 - obs / exp if exp else None)

    lb = [[l[0][0], sum(l[0][1:])], [sum(r[0] for r in l[1:]), sum(sum(r[1:]) for r in l[1:])]]
    return dict(l=l, w=w, wc=wc, n_seg=n_seg, u=parts(l, w), b=parts(lb, [w[0], sum(w[1:])]),
                cu=parts([r[1:] for r in l[1:]], wc[1:]))


def fl(matrix):
    return np.array([[float(x) for x in row] for row in matrix])


def check_u(res, o, m, values):
    all_values = (None,) + tuple(values)
    for r, name, p, lm, cats in (
            (res.u_alpha, "u_alpha", o["u"], o["l"], all_values),
            (res.binary_u_alpha, "binary_u_alpha", o["b"], None, (None, "relevant")),
            (res.cu_alpha, "cu_alpha", o["cu"], [row[1:] for row in o["l"][1:]], tuple(values))):
        if lm is None:
            l = o["l"]
            lm = [[l[0][0], sum(l[0][1:])], [sum(r[0] for r in l[1:]), sum(sum(r[1:]) for r in l[1:])]]
        check(r, coefficient=name, value=p["alpha"], defined=True, observed_disagreement=p["obs"],
              expected_disagreement=p["exp"], n_units=o["n_seg"], n_coders=m, n_values=int(round(p["t"])),
              categories=cats, details={"coincidences": fl(lm), "expected_coincidences": fl(p["e"])})
    assert res.values == all_values
    np.testing.assert_allclose(res.observed_coincidences, fl(o["l"]), rtol=1e-12, atol=1e-13)
    assert list(res.details) == ["w", "w_cu"]
    np.testing.assert_allclose(res.details["w"], [float(x) for x in o["w"]], rtol=1e-12)
    np.testing.assert_allclose(res.details["w_cu"], [float(x) for x in o["wc"]], rtol=1e-12)


TWO = [[(6, 9, "b"), (0, 4, "a"), (4, 5, "a")], [(1, 4, "a"), (5, 9, "b"), (10, 12, "a")]]
THREE = TWO + [[(0, 3, "b"), (3, 6, "a"), (8, 12, "b")]]


@pytest.mark.parametrize("segs", [TWO, THREE], ids=["two coders", "three coders"])
def test_u_alpha_every_field_against_per_character_fractions(segs):
    o = u_oracle(12, segs, ["a", "b"])
    check_u(unitizing_alpha(12, segs), o, len(segs), ["a", "b"])
    # values given in another order, with one nobody used
    o2 = u_oracle(12, segs, ["b", "z", "a"])
    check_u(unitizing_alpha(12, segs, values=["b", "z", "a"]), o2, len(segs), ["b", "z", "a"])


def test_u_alpha_two_coders_by_hand():
    # L = 4; A codes [0,2) a, B codes [1,3) a.  Per character (A, B): (a,0) (a,a) (0,a) (0,0).
    # l_00 = 2 (char 3), l_0a = l_a0 = 2, l_aa = 2; l.. = 8.  w_0 = 2 + 2 gap chars = 4, w_a = 4 + 4 = 8.
    # e = 8 (marg marg^T - diag w)/(64 - 12): marg = (4, 4): e_00 = 8*12/52, e_0a = 8*16/52, e_aa = 8*8/52;
    # D_o = 4/8, D_e = 2 * (128/52) / 8 = 32/52 = 8/13 -> uα = 1 - (1/2)/(8/13) = 3/16.
    r = unitizing_alpha(4, [[(0, 2, "a")], [(1, 3, "a")]])
    check(r.u_alpha, coefficient="u_alpha", value=F(3, 16), defined=True, observed_disagreement=F(1, 2),
          expected_disagreement=F(8, 13), n_units=2, n_coders=2, n_values=8, categories=(None, "a"),
          details={"coincidences": [[2, 2], [2, 2]],
                   "expected_coincidences": [[F(96, 52), F(128, 52)], [F(128, 52), F(64, 52)]]})
    # cuα: l_aa = 2, pairable lengths 1 and 1 -> w = 2, l..^2 - w = 2, e_aa = 2 (4 - 2)/2 = 2: no variation
    check(r.cu_alpha, coefficient="cu_alpha", value=None, defined=False,
          reason="no variation (expected disagreement 0): alpha is 0/0", observed_disagreement=0.0,
          expected_disagreement=0.0, n_units=2, n_coders=2, n_values=2, categories=("a",),
          details={"coincidences": [[2]], "expected_coincidences": [[2]]})


def test_u_alpha_undefined_cases_have_exact_fields():
    for length, segs, why in ((50, [[(0, 10, "a")]], "fewer than 2 coders"), (0, [[], []], "empty continuum"),
                              (0, [[]], "fewer than 2 coders")):
        r = unitizing_alpha(length, segs)
        m = len(segs)
        for got, name in ((r.u_alpha, "u_alpha"), (r.binary_u_alpha, "binary_u_alpha"), (r.cu_alpha, "cu_alpha")):
            check(got, coefficient=name, value=None, defined=False, reason=why, n_coders=m)
        vals = (None, "a") if segs[0] else (None,)
        assert r.values == vals
        assert r.observed_coincidences.shape == (len(vals), len(vals)) and not r.observed_coincidences.any()
        assert r.details == {}
    # one coder codes, the other not: cuα has no pairable valued stretch
    r = unitizing_alpha(10, [[(0, 5, "a")], []])
    check(r.cu_alpha, coefficient="cu_alpha", value=None, defined=False, reason="no pairable stretches",
          n_units=1, n_coders=2, n_values=0, categories=("a",), details={"coincidences": [[0]]})
    o = u_oracle(10, [[(0, 5, "a")], []], ["a"])
    assert r.u_alpha.value == near(o["u"]["alpha"]) and r.binary_u_alpha.value == near(o["b"]["alpha"])


def test_u_alpha_bad_input_messages():
    with pytest.raises(ValueError, match=r"^value 'z' not among the given values$"):
        unitizing_alpha(10, [[(0, 2, "a")], [(0, 2, "z")]], values=["a"])
    msg = ("segments of one coder overlap within a variable; the 2016/2019 uα needs each coder's segments "
           "to be disjoint (use different variables or unitizing_alpha_per_code)")
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        unitizing_alpha(10, [[(0, 5, "a"), (4, 6, "b")], [(0, 2, "a")]])
    # touching segments are fine, and a coder's single segment never overlaps
    assert unitizing_alpha(10, [[(0, 5, "a"), (5, 6, "b")], [(0, 2, "a")]]).u_alpha.defined
    for bad in ([(3, 3, "a")], [(-1, 2, "a")], [(5, 11, "a")], [(4, 2, "a")]):
        with pytest.raises(ValueError, match=r"^segments must satisfy 0 <= start < end <= length \(10\)$"):
            unitizing_alpha(10, [bad, []])
        with pytest.raises(ValueError, match=r"^segments must satisfy 0 <= start < end <= length \(10\)$"):
            character_agreement(10, [], bad)


def test_per_code_alpha_keeps_touching_segments_apart_and_merges_overlaps():
    segs = [[(0, 4, "a"), (4, 8, "a"), (2, 6, "b")], [(0, 8, "a"), (1, 3, "b"), (3, 6, "b")]]
    per = unitizing_alpha_per_code(10, segs)
    assert list(per) == ["a", "b"]
    a = unitizing_alpha(10, [[(0, 4, "a"), (4, 8, "a")], [(0, 8, "a")]])
    b = unitizing_alpha(10, [[(2, 6, "b")], [(1, 3, "b"), (3, 6, "b")]])
    for got, ref in ((per["a"], a.binary_u_alpha), (per["b"], b.binary_u_alpha)):
        assert (got.value, got.n_units, got.observed_disagreement) == (near(ref.value), ref.n_units,
                                                                       near(ref.observed_disagreement))
    assert (per["a"].n_units, per["b"].n_units) == (3, 3)
    merged = unitizing_alpha_per_code(10, [[(0, 4, "a"), (2, 6, "a")], [(0, 6, "a")]], codes=["a"])
    ref = unitizing_alpha(10, [[(0, 6, "a")], [(0, 6, "a")]]).binary_u_alpha
    assert merged["a"].n_units == 2 and merged["a"].value == near(ref.value)


def test_merge_intervals_exactly():
    s, e = merge_intervals(np.array([5, 0, 3, 9]), np.array([8, 3, 4, 10]))
    assert s.tolist() == [0, 5, 9] and e.tolist() == [4, 8, 10]  # touching [0,3) [3,4) merge; [5,8) apart
    s, e = merge_intervals(np.array([5, 0, 3, 9]), np.array([8, 3, 5, 10]))
    assert s.tolist() == [0, 9] and e.tolist() == [8, 10]
    s, e = merge_intervals(np.array([5, 0]), np.array([8, 4]))
    assert s.tolist() == [0, 5] and e.tolist() == [4, 8]
    s, e = merge_intervals(np.zeros(0, np.int64), np.zeros(0, np.int64))
    assert (s.dtype, e.dtype, s.shape, e.shape) == (np.dtype(np.int64), np.dtype(np.int64), (0,), (0,))


# ----------------------------------------------------------------- NVivo character tables


def check_table(t, code, both, a_only, b_only, neither):
    total = both + a_only + b_only + neither
    assert (t.code, t.both, t.a_only, t.b_only, t.neither, t.total) == (code, both, a_only, b_only, neither, total)
    assert all(type(x) is int for x in (t.both, t.a_only, t.b_only, t.neither))
    po = F(both + neither, total)
    a, b = both + a_only, both + b_only
    pe = F(a * b + (total - a) * (total - b), total ** 2)
    assert t.percent_agreement == near(po)
    common = dict(observed_agreement=po, expected_agreement=pe, n_units=total, n_coders=2, n_values=2 * total)
    if pe == 1:
        check(t.kappa, coefficient="character_kappa", value=None, defined=False,
              reason="no variation: both coders coded all or none of the characters (expected agreement 1)", **common)
    else:
        check(t.kappa, coefficient="character_kappa", value=(po - pe) / (1 - pe), defined=True, **common)


def test_character_tables_every_field():
    a = [(0, 4, "x"), (6, 9, "y"), (2, 5, "x")]
    b = [(1, 3, "x"), (8, 10, "y")]
    r = character_agreement(12, a, b)
    assert list(r.per_code) == ["x", "y"] and (r.total_characters, r.exclude_uncoded) == (12, False)
    check_table(r.per_code["x"], "x", 2, 3, 0, 7)   # A [0,5), B [1,3)
    check_table(r.per_code["y"], "y", 1, 2, 1, 8)   # A [6,9), B [8,10)
    check_table(r.pooled, None, 3, 5, 1, 15)
    r = character_agreement(12, a, b, codes=["y", "z"], exclude_uncoded=True)
    # coded by anyone: [0,5) and [6,10) = 9 characters
    assert list(r.per_code) == ["y", "z"] and (r.total_characters, r.exclude_uncoded) == (9, True)
    check_table(r.per_code["y"], "y", 1, 2, 1, 5)
    check_table(r.per_code["z"], "z", 0, 0, 0, 9)
    check_table(r.pooled, None, 1, 2, 1, 14)
    # one coder without segments
    r = character_agreement(5, [(1, 3, "x")], [])
    check_table(r.per_code["x"], "x", 0, 2, 0, 3)
    r = character_agreement(5, [], [(1, 3, "x")])
    check_table(r.per_code["x"], "x", 0, 0, 2, 3)


def test_character_table_without_characters():
    r = character_agreement(0, [], [], codes=["x"])
    for t, code in ((r.per_code["x"], "x"), (r.pooled, None)):
        assert (t.code, t.both, t.a_only, t.b_only, t.neither, t.percent_agreement) == (code, 0, 0, 0, 0, None)
        check(t.kappa, coefficient="character_kappa", value=None, defined=False, reason="no characters to compare")
    r = character_agreement(1, [(0, 1, "x")], [], codes=["x"])
    check_table(r.per_code["x"], "x", 0, 1, 0, 0)


# ----------------------------------------------------------------- Krippendorff 2004


def d_o_oracle(begin, length, segs_by_coder, cat):
    """D_o by brute force over every pair of segments of the two partitions (Fractions)."""
    end = begin + length

    def partition(segs):
        units = sorted((s, e) for s, e, c in segs if c == cat)
        out, pos = [], begin
        for s, e in units:
            if s > pos:
                out.append((pos, s, False))
            out.append((s, e, True))
            pos = e
        if pos < end:
            out.append((pos, end, False))
        return out

    parts = [partition(s) for s in segs_by_coder]
    m = len(parts)
    total = F(0)
    for i in range(m):
        for j in range(i + 1, m):
            for s1, e1, u1 in parts[i]:
                for s2, e2, u2 in parts[j]:
                    if max(s1, s2) >= min(e1, e2):
                        continue
                    if u1 and u2:
                        total += (s1 - s2) ** 2 + (e1 - e2) ** 2
                    elif u1 and s2 <= s1 and e1 <= e2:
                        total += (e1 - s1) ** 2
                    elif u2 and s1 <= s2 and e2 <= e1:
                        total += (e2 - s2) ** 2
    return 2 * total / (m * (m - 1) * length ** 2)


def test_unitizing_2004_by_hand_both_coder_orders():
    # L = 10, A: unit [1,4); B: units [2,4) and [6,7).  Pairs: units [1,4)/[2,4): 1 + 0 = 1; B's [6,7) inside
    # A's gap [4,10): 1.  D_o = 2 * 2/(2 * 1 * 100) = 1/50.  Units 3, 2, 1 (N_c = 3), gaps 1, 6, 2, 2, 3:
    # l=3: 2*30/3 + 9*(1 + 4) = 65; l=2: 2*6/3 + 4*(1+1+2+5) = 40; l=1: 0 + 14 = 14 -> 119;
    # denominator 20*19 - (6 + 2 + 0) = 372; D_e = (2/10)(119/372) = 119/1860; alpha = 1 - 186/595 = 409/595.
    a, b = [(1, 4, "c")], [(2, 4, "c"), (6, 7, "c")]
    for segs in ([a, b], [b, a]):
        r = krippendorff_unitizing_alpha_2004(0, 10, segs)
        check(r.per_category["c"], coefficient="unitizing_alpha_2004[c]", value=F(409, 595), defined=True,
              observed_disagreement=F(1, 50), expected_disagreement=F(119, 1860), n_units=3, n_coders=2,
              categories=("c",))
        check(r.overall_dkpro, coefficient="unitizing_alpha_2004_overall_dkpro", value=F(409, 595), defined=True,
              observed_disagreement=F(1, 50), expected_disagreement=F(119, 1860), n_coders=2, categories=("c",))
        assert list(r.per_category) == ["c"] and r.details == {}
        assert d_o_oracle(0, 10, segs, "c") == F(1, 50)


@pytest.mark.parametrize("segs", [
    [[(10, 14, "c"), (14, 15, "c")], [(10, 12, "c"), (17, 20, "c")]],       # unit at a gap's start and end
    [[(12, 15, "c"), (16, 20, "c")], [(12, 15, "c"), (10, 11, "c")]],
    [[(10, 20, "c")], [(11, 13, "c"), (13, 19, "c")], [(15, 20, "c")]],       # three coders
    [[(13, 16, "c")], [(10, 13, "c"), (16, 20, "c")]],                        # unit filling a gap exactly
])
def test_unitizing_2004_observed_disagreement_by_brute_force(segs):
    for order in (segs, segs[::-1]):
        r = krippendorff_unitizing_alpha_2004(10, 10, order).per_category["c"]
        assert r.observed_disagreement == near(d_o_oracle(10, 10, order, "c"))
        assert r.n_units == sum(len(s) for s in segs) and r.n_coders == len(segs)


def test_unitizing_2004_undefined_and_errors():
    r = krippendorff_unitizing_alpha_2004(0, 10, [[(0, 2, "a")]], categories=["a", "b"])
    for cat in ("a", "b"):
        check(r.per_category[cat], coefficient=f"unitizing_alpha_2004[{cat}]", value=None, defined=False,
              reason="fewer than 2 coders", n_coders=1)
    check(r.overall_dkpro, coefficient="unitizing_alpha_2004_overall_dkpro", value=None, defined=False,
          reason="no category with expected disagreement > 0", n_coders=1, categories=("a", "b"))
    r = krippendorff_unitizing_alpha_2004(5, 0, [[], []], categories=["a"])
    check(r.per_category["a"], coefficient="unitizing_alpha_2004[a]", value=None, defined=False,
          reason="empty continuum", n_coders=2)
    r = krippendorff_unitizing_alpha_2004(0, 10, [[(0, 2, "a")], [(0, 2, "a")]], categories=["b", "a"])
    assert list(r.per_category) == ["b", "a"]
    check(r.per_category["b"], coefficient="unitizing_alpha_2004[b]", value=None, defined=False,
          reason="no units of this category (expected disagreement 0)", observed_disagreement=0.0,
          expected_disagreement=0.0, n_units=0, n_coders=2, categories=("b",))
    assert r.per_category["a"].value == 1.0 and r.overall_dkpro.categories == ("b", "a")
    # overall: mean D_o / mean D_e over both categories (0 and a's)
    a = r.per_category["a"]
    assert r.overall_dkpro.expected_disagreement == near(F(a.expected_disagreement) / 2)
    with pytest.raises(ValueError, match=r"^segment \(3, 3\) outside the continuum \[0, 10\)$"):
        krippendorff_unitizing_alpha_2004(0, 10, [[(3, 3, "a")], []])
    with pytest.raises(ValueError, match=r"^segment \(8, 11\) outside the continuum \[0, 10\)$"):
        krippendorff_unitizing_alpha_2004(0, 10, [[(8, 11, "a")], []])
    with pytest.raises(ValueError, match=r"^units of the same category by the same coder overlap$"):
        krippendorff_unitizing_alpha_2004(0, 10, [[(0, 5, "a"), (4, 6, "a")], []])
    with pytest.raises(ValueError, match=r"^units of the same category by the same coder overlap$"):
        krippendorff_unitizing_alpha_2004(0, 10, [[(6, 8, "a"), (0, 2, "a"), (1, 3, "a")], []])
    # touching units of one coder are allowed; units of different categories may overlap
    ok = krippendorff_unitizing_alpha_2004(0, 10, [[(0, 5, "a"), (5, 6, "a"), (2, 4, "b")], [(0, 6, "a")]])
    assert ok.per_category["a"].n_units == 3 and ok.per_category["b"].n_units == 1


def test_overlap_checks_compare_every_neighbour_not_only_the_first():
    # only the 2nd and 3rd segments overlap
    with pytest.raises(ValueError, match="^segments of one coder overlap"):
        unitizing_alpha(10, [[(0, 2, "a"), (3, 5, "b"), (4, 6, "a")], []])
    with pytest.raises(ValueError, match="^units of the same category by the same coder overlap$"):
        krippendorff_unitizing_alpha_2004(0, 10, [[(0, 2, "a"), (3, 5, "a"), (4, 6, "a")], []])
    # per code: [0,2) [1,5) [4,6) chain into one unit [0,6) (the running end, not the first end, decides)
    per = unitizing_alpha_per_code(10, [[(0, 2, "a"), (1, 5, "a"), (4, 6, "a")], [(0, 6, "a")]])
    assert (per["a"].n_units, per["a"].value, per["a"].observed_disagreement) == (2, 1.0, 0.0)


def test_one_shared_character_among_three_coders():
    # A [0,3), B [2,5), C nothing: l_aa = 2 ordered pairs * 1/2 = 1; pairable lengths 1/2 and 1/2 ->
    # w = 1/2, l..^2 - w = 1/2, e_aa = 1 (1 - 1/2)/(1/2) = 1: no variation (not "no pairable stretches")
    r = unitizing_alpha(6, [[(0, 3, "a")], [(2, 5, "a")], []])
    check(r.cu_alpha, coefficient="cu_alpha", value=None, defined=False,
          reason="no variation (expected disagreement 0): alpha is 0/0", observed_disagreement=0.0,
          expected_disagreement=0.0, n_units=2, n_coders=3, n_values=1, categories=("a",),
          details={"coincidences": [[1]], "expected_coincidences": [[1]]})


def test_continuum_of_one_character():
    # A codes the only character, B not: l_0a = l_a0 = 1, w = (1, 1), e = [[0, 1], [1, 0]] -> uα = 0
    r = unitizing_alpha(1, [[(0, 1, "a")], []])
    check(r.u_alpha, coefficient="u_alpha", value=0.0, defined=True, observed_disagreement=1.0,
          expected_disagreement=1.0, n_units=1, n_coders=2, n_values=2, categories=(None, "a"),
          details={"coincidences": [[0, 1], [1, 0]], "expected_coincidences": [[0, 1], [1, 0]]})
    # 2004: the unit lies in B's gap: D_o = 2 * 1/(2 * 1 * 1) = 1; D_e = (2/1) * 1/(2 * 1 - 0) = 1
    r4 = krippendorff_unitizing_alpha_2004(0, 1, [[(0, 1, "a")], []]).per_category["a"]
    check(r4, coefficient="unitizing_alpha_2004[a]", value=0.0, defined=True, observed_disagreement=1.0,
          expected_disagreement=1.0, n_units=1, n_coders=2, categories=("a",))


def test_2004_overall_undefined_when_no_category_varies():
    r = krippendorff_unitizing_alpha_2004(0, 10, [[], []], categories=["b"])
    check(r.overall_dkpro, coefficient="unitizing_alpha_2004_overall_dkpro", value=None, defined=False,
          reason="no category with expected disagreement > 0", n_coders=2, categories=("b",))
