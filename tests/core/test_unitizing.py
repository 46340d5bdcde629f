"""Unitizing agreement: reference values and a per-character brute force cross-check."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reference import check_all, load  # noqa: E402

from burgerannotator.core.agreement import (  # noqa: E402
    character_agreement,
    krippendorff_unitizing_alpha_2004,
    unitizing_alpha,
    unitizing_alpha_per_code,
)


def _assert_undefined(r):
    assert r.defined is False and r.value is None and r.reason


# ----------------------------------------------------------------- Krippendorff 2019, Fig. 12.11


def _fig12_11():
    data = load("unitizing_krippendorff2019_fig12_11.json")
    # File: 1-based inclusive [start, end]; ours: 0-based half-open [start, end).
    segs = [[(s - 1, e, v) for s, e, v in data["observers"][o]] for o in ("Alex", "Paul", "Suzan")]
    return data, segs


def test_fig12_11_reference_values():
    data, segs = _fig12_11()
    r = unitizing_alpha(data["L"], segs)
    computed = {
        "book_3dp/u_alpha_nominal": r.u_alpha.value,
        "book_3dp/binary_u_alpha": r.binary_u_alpha.value,
        "book_3dp/cu_alpha_nominal": r.cu_alpha.value,
        "exact_own_implementation/u_alpha_nominal": r.u_alpha.value,
        "exact_own_implementation/binary_u_alpha": r.binary_u_alpha.value,
        "exact_own_implementation/cu_alpha_nominal": r.cu_alpha.value,
    }
    skip = {
        "cu_alpha_alternative_reading_union_overlap": "quallmer's alternative cuα reading, not implemented",
        "book_3dp/binary_u_alpha": "checked below with a wider tolerance",
    }
    checked = check_all(data["expected"], computed, skip, "fig12_11")
    assert len(checked) == 5
    # The book prints |uα = .413 while the exact value 0.41360 rounds to .414: the
    # book truncates or rounds intermediate results.  quallmer's test suite also
    # accepts 0.413 ± 0.002; we allow one unit of the 3rd decimal.
    assert abs(r.binary_u_alpha.value - data["expected"]["book_3dp"]["binary_u_alpha"]) <= 1e-3


def test_fig12_11_observed_coincidences():
    data, segs = _fig12_11()
    r = unitizing_alpha(data["L"], segs)
    order = data["observed_coincidence_matrix"]["value_order"]
    assert [("phi" if v is None else v) for v in r.values] == order
    np.testing.assert_allclose(r.observed_coincidences, np.array(data["observed_coincidence_matrix"]["l"]), atol=1e-9)
    assert r.observed_coincidences.sum() == pytest.approx(3 * data["L"])


def test_fig12_11_is_invariant_to_segment_order_and_shift():
    data, segs = _fig12_11()
    ref = unitizing_alpha(data["L"], segs)
    shuffled = [list(reversed(s)) for s in segs][::-1]
    r = unitizing_alpha(data["L"], shuffled)
    assert r.u_alpha.value == pytest.approx(ref.u_alpha.value, abs=1e-12)
    assert r.cu_alpha.value == pytest.approx(ref.cu_alpha.value, abs=1e-12)
    # Appending a stretch that nobody coded changes the continuum, so the value changes; it must stay defined.
    longer = unitizing_alpha(data["L"] + 10, segs)
    assert longer.u_alpha.defined and longer.u_alpha.value != ref.u_alpha.value


def test_overlapping_segments_of_one_coder_are_rejected():
    with pytest.raises(ValueError):
        unitizing_alpha(20, [[(0, 10, "a"), (5, 12, "b")], [(0, 10, "a")]])
    with pytest.raises(ValueError):
        unitizing_alpha(20, [[(0, 30, "a")], [(0, 10, "a")]])


# ----------------------------------------------------------------- Krippendorff 2004, p. 254


def _p254():
    data = load("unitizing_krippendorff2004_p254.json")
    by_coder = [[], []]
    for begin, length, coder, cat in data["units"]:
        by_coder[coder].append((begin, begin + length, cat))
    return data, by_coder


def test_krippendorff2004_reference_values():
    data, by_coder = _p254()
    r = krippendorff_unitizing_alpha_2004(data["continuum"]["begin"], data["continuum"]["length"], by_coder)
    computed = {}
    for cat in ("c", "k"):
        res = r.per_category[cat]
        computed[f"book_as_transcribed_by_DKPro/{cat}/D_o"] = res.observed_disagreement
        computed[f"book_as_transcribed_by_DKPro/{cat}/D_e"] = res.expected_disagreement
        computed[f"book_as_transcribed_by_DKPro/{cat}/alpha"] = res.value
    key = next(k for k in data["expected"] if k.startswith("DKPro_overall"))
    computed[key] = r.overall_dkpro.value
    skip = {"DKPro_distance_function_checks": "checked in test_krippendorff2004_distances"}
    checked = check_all(data["expected"], computed, skip, "p254")
    assert len(checked) == 7


@pytest.mark.parametrize("key, begin, length, units0, units1", [
    ("d(225,70,c ; 220,80,c)", 220, 80, [(225, 295, "c")], [(220, 300, "c")]),
    ("d(370,30,c ; 355,20,c)", 355, 45, [(370, 400, "c")], [(355, 375, "c")]),
    ("d(400,50,gap ; 400,20,c)", 400, 50, [], [(400, 420, "c")]),
])
def test_krippendorff2004_distances(key, begin, length, units0, units1):
    # In these two-coder mini studies every other segment pair has distance 0,
    # so D_o * L^2 equals the single distance the file lists.
    data, _ = _p254()
    expected = data["expected"]["DKPro_distance_function_checks"][key]
    r = krippendorff_unitizing_alpha_2004(begin, length, [units0, units1], categories=["c"])
    assert r.per_category["c"].observed_disagreement * length ** 2 == pytest.approx(expected)


def test_krippendorff2004_category_without_units_is_undefined():
    r = krippendorff_unitizing_alpha_2004(0, 100, [[(0, 10, "a")], [(0, 10, "a")]], categories=["a", "b"])
    assert r.per_category["a"].value == pytest.approx(1.0)
    _assert_undefined(r.per_category["b"])


# ----------------------------------------------------------------- NVivo character agreement


def test_nvivo_vendor_example_and_derived_kappas():
    data = load("nvivo_character_kappa_example.json")
    v = data["vendor_example"]
    for split, exp in data["derived_not_vendor"].items():
        a_only = int(split.split("_")[2])
        b_only = int(split.split("_")[5])
        both = v["coded_by_both"]
        assert a_only + b_only == v["coded_by_one_user_only"]
        # A codes [0, both + a_only); B codes [0, both) and [both + a_only, both + a_only + b_only).
        seg_a = [(0, both + a_only, "x")]
        seg_b = [(0, both, "x"), (both + a_only, both + a_only + b_only, "x")]
        r = character_agreement(v["total_chars"], seg_a, seg_b)
        t = r.per_code["x"]
        assert (t.both, t.a_only, t.b_only, t.neither) == (both, a_only, b_only, v["coded_by_neither"])
        computed = {
            "percent_agreement": t.percent_agreement,
            "sum_EF": t.kappa.expected_agreement * t.total,
            "kappa": t.kappa.value,
            "statsmodels_kappa": t.kappa.value,
        }
        check_all(exp, computed, {}, split)
        assert t.percent_agreement == pytest.approx(v["percent_agreement"], abs=0.005)  # vendor: 85%


def test_character_agreement_excluding_uncoded_text():
    # 1000 chars; coders only ever coded [0, 200); the other 800 chars nobody coded.
    seg_a = [(0, 150, "x"), (150, 200, "y")]
    seg_b = [(0, 50, "x"), (150, 200, "y"), (160, 170, "x")]
    full = character_agreement(1000, seg_a, seg_b)
    restricted = character_agreement(1000, seg_a, seg_b, exclude_uncoded=True)
    assert restricted.total_characters == 200
    x = restricted.per_code["x"]
    assert (x.both, x.a_only, x.b_only, x.neither) == (50, 100, 10, 40)
    assert x.percent_agreement == pytest.approx(90 / 200)
    assert full.per_code["x"].neither == 840
    assert full.per_code["x"].kappa.value > x.kappa.value  # uncoded text inflates kappa here
    y = restricted.per_code["y"]
    assert y.kappa.value == pytest.approx(1.0)
    assert restricted.pooled.both == 100 and restricted.pooled.total == 400


def test_character_kappa_undefined_without_variation():
    r = character_agreement(100, [], [], codes=["x"])
    _assert_undefined(r.per_code["x"].kappa)
    assert r.per_code["x"].percent_agreement == 1.0
    r = character_agreement(100, [(0, 100, "x")], [(0, 100, "x")])
    _assert_undefined(r.per_code["x"].kappa)


# ----------------------------------------------------------------- undefined uα


def test_unitizing_alpha_undefined_cases():
    nobody = unitizing_alpha(50, [[], [], []])
    _assert_undefined(nobody.u_alpha)
    _assert_undefined(nobody.binary_u_alpha)
    _assert_undefined(nobody.cu_alpha)
    everything = unitizing_alpha(50, [[(0, 50, "a")], [(0, 50, "a")]])
    _assert_undefined(everything.u_alpha)
    _assert_undefined(everything.cu_alpha)
    _assert_undefined(unitizing_alpha(50, [[(0, 10, "a")]]).u_alpha)  # one coder
    # Same segments, single value: binary and u alpha defined (=1), cu undefined (no value variation).
    same = unitizing_alpha(50, [[(0, 10, "a"), (20, 30, "a")], [(0, 10, "a"), (20, 30, "a")]])
    assert same.u_alpha.value == pytest.approx(1.0) and same.binary_u_alpha.value == pytest.approx(1.0)
    _assert_undefined(same.cu_alpha)


# ----------------------------------------------------------------- brute-force cross-check


def _random_partition(rng, length, values, n_max):
    cuts = sorted(rng.sample(range(1, length), min(2 * n_max, length - 1)))
    segs = []
    for s, e in zip(cuts[::2], cuts[1::2]):
        if rng.random() < 0.8:
            segs.append((s, e, rng.choice(values)))
    # Split some segments into touching pieces of the same value.
    out = []
    for s, e, v in segs:
        if e - s > 2 and rng.random() < 0.3:
            mid = rng.randrange(s + 1, e)
            out += [(s, mid, v), (mid, e, v)]
        else:
            out.append((s, e, v))
    return out


def _brute_u_alpha(length, segs_by_coder, values):
    """Per-character implementation of the 2016/2019 formulas (slow, obvious)."""
    m = len(segs_by_coder)
    idx = {None: 0, **{v: i + 1 for i, v in enumerate(values)}}
    k = len(idx)
    lab = np.zeros((m, length), dtype=int)      # value per character
    segid = -np.ones((m, length), dtype=int)    # segment id per character (-1 = gap)
    for i, segs in enumerate(segs_by_coder):
        for g, (s, e, v) in enumerate(segs):
            lab[i, s:e] = idx[v]
            segid[i, s:e] = g
    l = np.zeros((k, k))
    for x in range(length):
        for i in range(m):
            for j in range(m):
                if i != j:
                    l[lab[i, x], lab[j, x]] += 1.0 / (m - 1)
    w = np.zeros(k)
    wc = np.zeros(k)
    for i, segs in enumerate(segs_by_coder):
        w[0] += (lab[i] == 0).sum()
        for g, (s, e, v) in enumerate(segs):
            w[idx[v]] += (e - s) ** 2
            pair = sum(((lab[j, s:e] > 0).sum() for j in range(m) if j != i)) / (m - 1)
            wc[idx[v]] += pair ** 2

    def alpha(lm, wv):
        t = lm.sum()
        mg = lm.sum(axis=1)
        e = t * (np.outer(mg, mg) - np.diag(wv)) / (t * t - wv.sum())
        return 1 - (t - np.trace(lm)) / (e.sum() - np.trace(e))

    lb = np.array([[l[0, 0], l[0, 1:].sum()], [l[1:, 0].sum(), l[1:, 1:].sum()]])
    return l, alpha(l, w), alpha(lb, np.array([w[0], w[1:].sum()])), alpha(l[1:, 1:], wc[1:])


@pytest.mark.parametrize("seed", range(6))
def test_unitizing_alpha_matches_per_character_brute_force(seed):
    rng = random.Random(seed)
    length, values = 120, ["a", "b", "c"]
    segs = [_random_partition(rng, length, values, 8) for _ in range(3 if seed % 2 else 2)]
    r = unitizing_alpha(length, segs, values=values)
    l, ua, ba, ca = _brute_u_alpha(length, segs, values)
    np.testing.assert_allclose(r.observed_coincidences, l, atol=1e-9)
    assert r.u_alpha.value == pytest.approx(ua, abs=1e-9)
    assert r.binary_u_alpha.value == pytest.approx(ba, abs=1e-9)
    assert r.cu_alpha.value == pytest.approx(ca, abs=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_character_agreement_matches_per_character_count(seed):
    rng = random.Random(100 + seed)
    length, codes = 300, ["x", "y", "z"]

    def segs():
        out = []
        for _ in range(15):
            s = rng.randrange(length - 1)
            out.append((s, rng.randrange(s + 1, min(length, s + 60) + 1), rng.choice(codes)))
        return out

    a, b = segs(), segs()
    for exclude in (False, True):
        r = character_agreement(length, a, b, codes=codes, exclude_uncoded=exclude)
        cover = lambda ss, c: {x for s, e, v in ss if c is None or v == c for x in range(s, e)}  # noqa: E731
        universe = cover(a + b, None) if exclude else set(range(length))
        for c in codes:
            ca, cb = cover(a, c), cover(b, c)
            t = r.per_code[c]
            assert (t.both, t.a_only, t.b_only, t.neither) == (
                len(ca & cb), len(ca - cb), len(cb - ca), len(universe - ca - cb))


def test_per_code_binary_alpha_merges_overlaps_and_equals_single_value_u_alpha():
    segs = [[(0, 10, "a"), (5, 20, "a"), (30, 40, "b")], [(0, 20, "a"), (32, 40, "b"), (35, 38, "a")]]
    per_code = unitizing_alpha_per_code(60, segs)
    direct = unitizing_alpha(60, [[(0, 20, "a")], [(0, 20, "a"), (35, 38, "a")]])
    assert per_code["a"].value == pytest.approx(direct.u_alpha.value, abs=1e-12)
    assert per_code["a"].value == pytest.approx(direct.binary_u_alpha.value, abs=1e-12)
    assert per_code["b"].defined


# The speed of per-code alpha and character agreement is measured in bench/unitizing_bench.py.
