"""Exact agreement numbers, to kill the mutants of core/agreement/krippendorff.py and nominal.py
that ``bench/mutation.py agreement`` showed surviving: every field of every result (name, value,
observed/expected (dis)agreement, n units, n coders, n pairable values, categories, details),
the undefined cases with their exact reasons, the exact messages for bad input, and the values
on small data computed by hand (Fractions in the comments) and by an independent brute-force
oracle over ordered pairs of judgements (not the coincidence-matrix algorithm the code uses),
cross-checked with the ``krippendorff`` package and scikit-learn.

Survivors left (mutmut 3.8.1 names, x_<function>__mutmut_N), judged equivalent:
* krippendorff.coincidence_matrix 5 (``astype(None)`` is ``astype(float64)``);
* krippendorff.metric_matrix 56-59 (``np.errstate`` arguments: the masked division never divides
  by 0), 65 (the outer ``np.where`` dropped: differs only when c + k == 0 with c != 0, i.e. negative
  values, outside the ratio metric's domain), 75, 82, 83 (the inner ``np.where``'s stand-in
  denominator is masked out by the outer one);
* krippendorff.krippendorff_alpha 98 (``d_e < 1e-15``: D_e is never exactly 1e-15);
* nominal._observed_agreement 11, _prepare 22/33 (the unit count returned beside an undefined
  result is never read);
* nominal._chance_corrected 28, cohen_kappa_from_table 75/119, scott_pi 53 (``>`` for ``>=`` at
  1 - 1e-12: an expected agreement is never exactly that number);
* nominal.fleiss_kappa 44 (``<`` for ``<=``: the denominator is exactly 0 or far above 1e-12);
* nominal._q 9, brennan_prediger 37/48, gwet_ac1 47/58 (the reason given for pe = 1 is never
  used: pe <= 1/q <= 1/2 for both coefficients);
* nominal._two_coder_table 30/32 (``np.zeros`` is float64 without ``dtype``);
* nominal.cohen_kappa_from_table 9/11 (without ``dtype=float`` a table of numbers gives the same
  proportions), 33 and 61 (``shape[1]`` of a table already checked to be square).
Full run before these tests: 908 mutants, 638 killed (70.3%); after: 879 killed, 29 survived (96.8%),
every survivor listed above.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from fractions import Fraction as F
from itertools import permutations

import numpy as np
import pytest

from burgerannotator.core.agreement import (
    AgreementResult,
    brennan_prediger,
    coincidence_matrix,
    cohen_kappa,
    cohen_kappa_from_table,
    count_matrix,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)
from burgerannotator.core.agreement.krippendorff import METRICS, metric_matrix

METRIC_NAMES = ("nominal", "ordinal", "interval", "ratio")

# Three coders, strings, missing judgements; unit 4 has one value only (not pairable).
D1 = [["a", "a", None], ["a", "b", "b"], ["b", "b", "b"], [None, "b", None], ["c", "a", "c"]]
# Four coders, numbers incl. 0 and 1 (the ratio metric's special cases), an empty unit,
# a one-value unit, units with 2, 3 and 4 values.
D2 = [[0, 0, None, 1], [1, 2, 2, None], [3, 3, 3, 3], [None, 5, None, None], [2, 5, 3, None],
      [None, None, None, None], [None, None, 1, 0], [5, 5, 4, 5], [0, 1, None, None]]


def near(x):
    return pytest.approx(float(x), rel=1e-12, abs=1e-15)


def check(r: AgreementResult, *, details=None, **expected) -> None:
    """Every field of ``r``: the ones not in ``expected`` must hold their defaults."""
    want = dict(reason="", observed_agreement=None, expected_agreement=None, observed_disagreement=None,
                expected_disagreement=None, n_units=0, n_coders=0, n_values=0, categories=())
    want.update(expected)
    assert isinstance(r, AgreementResult)
    assert set(want) | {"details"} == set(AgreementResult.__dataclass_fields__)
    for name, exp in want.items():
        got = getattr(r, name)
        if isinstance(exp, (float, F)) and not isinstance(exp, bool):
            assert got == near(exp), name
        else:
            assert got == exp and type(got) is type(exp), (name, got, exp)
    check_details(r.details, details or {})


def check_details(got, exp) -> None:
    assert list(got) == list(exp)
    for key, e in exp.items():
        g = got[key]
        if isinstance(e, dict):
            assert list(g) == list(e), key
            for k, v in e.items():
                assert (g[k] is None) if v is None else (g[k] == near(v)), (key, k)
        elif isinstance(e, np.ndarray):
            assert g.shape == e.shape, key
            np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-15)
        elif isinstance(e, (float, F)):
            assert g == near(e), key
        else:
            assert g == e and type(g) is type(e), key


# ----------------------------------------------------------------- independent oracles


def missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def alpha_oracle(units, metric, order):
    """Krippendorff's alpha by brute force over ordered pairs of judgements (Fractions)."""
    values = [[v for v in u if not missing(v)] for u in units]
    pairable = [v for v in values if len(v) >= 2]
    allv = [x for v in pairable for x in v]
    n = len(allv)
    marg = Counter(allv)

    def delta(c, k):
        if metric == "nominal":
            return F(int(c != k))
        if metric == "interval":
            return F(c - k) ** 2
        if metric == "ratio":
            return F(0) if c + k == 0 else (F(c - k) / (c + k)) ** 2
        i, j = sorted((order.index(c), order.index(k)))
        return (sum(marg[g] for g in order[i:j + 1]) - F(marg[c] + marg[k], 2)) ** 2

    o = {(c, k): F(0) for c in order for k in order}
    d_o = F(0)
    for v in pairable:
        for a, b in permutations(range(len(v)), 2):
            o[v[a], v[b]] += F(1, len(v) - 1)
            d_o += delta(v[a], v[b]) / (len(v) - 1)
    d_o /= n
    d_e = sum(delta(allv[a], allv[b]) for a, b in permutations(range(n), 2)) / (n * (n - 1))
    coinc = np.array([[float(o[c, k]) for k in order] for c in order])
    return 1 - d_o / d_e, d_o, d_e, coinc, {c: marg[c] for c in order}, len(pairable), n


def kappa_oracle(units, order, q=None):
    """percent agreement, Fleiss' pi_k/pe and per-category kappa, AC1 and BP pe (Fractions)."""
    rated = [[v for v in u if not missing(v)] for u in units]
    rated = [r for r in rated if r]
    two = [r for r in rated if len(r) >= 2]
    pa = sum(F(sum(r[a] == r[b] for a, b in permutations(range(len(r)), 2)), len(r) * (len(r) - 1))
             for r in two) / len(two)
    pi = {k: sum(F(r.count(k), len(r)) for r in rated) / len(rated) for k in order}
    q = q or len(order)
    dis = {k: sum(F(r.count(k) * (len(r) - r.count(k)), len(r) * (len(r) - 1)) for r in two) for k in order}
    cat = {k: None if pi[k] in (0, 1) else 1 - dis[k] / (len(two) * pi[k] * (1 - pi[k])) for k in order}
    return dict(pa=pa, pi=pi, pe_fleiss=sum(p * p for p in pi.values()),
                pe_ac1=sum(p * (1 - p) for p in pi.values()) / (q - 1), pe_bp=F(1, q), cat=cat,
                n_units=len(two), n_values=sum(map(len, two)))


def cohen_oracle(units, order, weights=None):
    pairs = [(a, b) for a, b in units if not missing(a) and not missing(b)]
    n, k = len(pairs), len(order)
    p = {"None": 1, "linear": 1, "quadratic": 2}[str(weights)]

    def w(a, b):
        if weights is None:
            return F(int(a == b))
        return 1 - (F(abs(order.index(a) - order.index(b)), max(k - 1, 1))) ** p
    po = sum(w(a, b) for a, b in pairs) / n
    pe = sum(w(a, b) for a, _ in pairs for _, b in pairs) / (n * n)
    pooled = {c: F(sum(a == c for a, _ in pairs) + sum(b == c for _, b in pairs), 2 * n) for c in order}
    pe_scott = sum(v * v for v in pooled.values())
    kmax = (sum(min(sum(a == c for a, _ in pairs), sum(b == c for _, b in pairs)) for c in order) / F(n) - pe) / (1 - pe)
    return dict(po=po, pe=pe, kappa=(po - pe) / (1 - pe), n=n, pe_scott=pe_scott, kappa_max=kmax)


# ----------------------------------------------------------------- Krippendorff's alpha by hand


def test_nominal_alpha_by_hand():
    # Pairable units 1, 2, 3, 5 (unit 4 has one value): n = 2 + 3 + 3 + 3 = 11 values.
    # o_aa = 2 (unit 1), unit 2 adds 1/2 per ordered pair: o_ab = o_ba = 1, o_bb = 1; unit 3 o_bb += 3;
    # unit 5: o_ac = o_ca = 1, o_cc = 1.  n_a = 4, n_b = 5, n_c = 2.
    # D_o = 4/11, D_e = 2(20 + 8 + 10)/110 = 38/55, alpha = 1 - (4/11)/(38/55) = 9/19.
    # Gwet: pe = (16 + 25 + 4)/121 = 45/121, pa = 1 - (10/19)(76/121) = 81/121.
    r = krippendorff_alpha(D1)
    check(r, coefficient="krippendorff_alpha_nominal", value=F(9, 19), defined=True,
          observed_disagreement=F(4, 11), expected_disagreement=F(38, 55),
          n_units=4, n_coders=3, n_values=11, categories=("a", "b", "c"),
          details={"coincidences": np.array([[2.0, 1, 1], [1, 4, 0], [1, 0, 1]]),
                   "marginals": {"a": 4.0, "b": 5.0, "c": 2.0},
                   "irrcac_pe": F(45, 121), "irrcac_pa": F(81, 121)})
    assert coincidence_matrix(count_matrix(D1).counts) == pytest.approx(np.array([[2.0, 1, 1], [1, 4, 0], [1, 0, 1]]))


def test_exactly_two_pairable_values_is_defined():
    # One unit with two different values, other units single: n = 2, o_12 = o_21 = 1,
    # D_o = 2/2 = 1, D_e = 2*1*1/(2*1) = 1 -> alpha = 0 (not undefined).
    units = [[1, None, 2], [3, None, None], [None, 4, None]]
    for metric in METRIC_NAMES:
        r = krippendorff_alpha(units, metric)
        d = F(1) if metric in ("nominal", "interval") else (F(1, 9) if metric == "ratio" else F(1))
        details = {"coincidences": np.array([[0.0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]),
                   "marginals": {1: 1.0, 2: 1.0, 3: 0.0, 4: 0.0}}
        if metric == "nominal":
            details.update(irrcac_pe=F(1, 2), irrcac_pa=F(1, 2))
        # ordinal: delta_12 = (n_1 + n_2 - (n_1 + n_2)/2)^2 = 1; ratio: ((1-2)/3)^2 = 1/9.
        check(r, coefficient=f"krippendorff_alpha_{metric}", value=0.0, defined=True,
              observed_disagreement=d, expected_disagreement=d, n_units=1, n_coders=3, n_values=2,
              categories=(1, 2, 3, 4), details=details)


def test_two_pairable_equal_values_are_undefined_with_exact_fields():
    r = krippendorff_alpha([[7, 7], [8, None]], "interval")
    check(r, coefficient="krippendorff_alpha_interval", value=None, defined=False,
          reason="no variation in the pairable values (expected disagreement 0): alpha is 0/0",
          observed_disagreement=0.0, expected_disagreement=0.0, n_units=1, n_coders=2, n_values=2,
          categories=(7, 8),
          details={"coincidences": np.array([[2.0, 0], [0, 0]]), "marginals": {7: 2.0, 8: 0.0}})


def test_alpha_one_coder_and_no_pairable_values():
    check(krippendorff_alpha([[1], [2]], "ordinal"), coefficient="krippendorff_alpha_ordinal", value=None,
          defined=False, reason="fewer than 2 coders", n_coders=1, categories=(1, 2))
    check(krippendorff_alpha([[1, None], [None, 2], [None, None]], "ratio"), coefficient="krippendorff_alpha_ratio",
          value=None, defined=False,
          reason="fewer than 2 pairable values (no unit coded by 2 or more coders)",
          n_units=0, n_coders=2, n_values=0, categories=(1, 2))
    check(krippendorff_alpha([]), coefficient="krippendorff_alpha_nominal", value=None, defined=False,
          reason="fewer than 2 coders")


def test_alpha_default_metric_is_nominal():
    assert krippendorff_alpha(D1).coefficient == "krippendorff_alpha_nominal"
    assert krippendorff_alpha(D1).value == near(F(9, 19))


@pytest.mark.parametrize("metric", METRIC_NAMES)
def test_alpha_matches_brute_force_oracle_and_package(metric):
    order = [0, 1, 2, 3, 4, 5]
    alpha, d_o, d_e, coinc, marg, n_units, n = alpha_oracle(D2, metric, order)
    r = krippendorff_alpha(D2, metric)
    details = {"coincidences": coinc, "marginals": {k: float(v) for k, v in marg.items()}}
    if metric == "nominal":
        pe = sum(F(v, n) ** 2 for v in marg.values())
        details.update(irrcac_pe=pe, irrcac_pa=1 - (1 - alpha) * (1 - pe))
    check(r, coefficient=f"krippendorff_alpha_{metric}", value=alpha, defined=True,
          observed_disagreement=d_o, expected_disagreement=d_e, n_units=n_units, n_coders=4, n_values=n,
          categories=tuple(order), details=details)
    assert (n_units, n) == (7, 21)
    krippendorff = pytest.importorskip("krippendorff")
    data = np.array([[np.nan if v is None else v for v in u] for u in D2], dtype=float).T
    assert r.value == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement=metric),
                                    rel=1e-9)


def test_ordinal_uses_the_given_order_not_the_alphabet():
    names = {0: "none", 1: "low", 2: "mid", 3: "high", 4: "very", 5: "max"}
    order = ["none", "low", "mid", "high", "very", "max", "unused"]
    labelled = [[None if v is None else names[v] for v in u] for u in D2]
    alpha, d_o, d_e, coinc, marg, _, _ = alpha_oracle(labelled, "ordinal", order)
    r = krippendorff_alpha(labelled, "ordinal", categories=order)
    assert r.categories == tuple(order)
    assert r.value == near(alpha)
    assert r.value == near(krippendorff_alpha(D2, "ordinal").value)
    assert (r.observed_disagreement, r.expected_disagreement) == (near(d_o), near(d_e))
    check_details(r.details, {"coincidences": coinc, "marginals": {k: float(v) for k, v in marg.items()}})
    # alphabetical order gives another number
    assert krippendorff_alpha(labelled, "ordinal").value != near(alpha)


def test_ratio_metric_with_zero_and_one():
    # values 0 and 1: delta(0, 1) = 1 and delta(0, 0) = 0 (c + k = 0), delta(1, 3) = (2/4)^2 = 1/4
    delta = metric_matrix("ratio", [0, 1, 3], np.array([1.0, 1.0, 1.0]))
    np.testing.assert_array_equal(delta, np.array([[0, 1, 1], [1, 0, 0.25], [1, 0.25, 0]]))
    # Units (0,0), (0,1), (1,3): n = 6, n_0 = 3, n_1 = 2, n_3 = 1.
    # D_o = (2*1 + 2*1/4)/6 = 5/12; D_e = 2(3*2*1 + 3*1*1 + 2*1*1/4)/30 = 19/30; alpha = 1 - 25/38 = 13/38.
    r = krippendorff_alpha([[0, 0], [0, 1], [1, 3]], "ratio")
    assert (r.value, r.observed_disagreement, r.expected_disagreement) == (near(F(13, 38)), near(F(5, 12)), near(F(19, 30)))


def test_metric_matrices_exactly():
    np.testing.assert_array_equal(metric_matrix("nominal", ["x", "y", "z"], np.zeros(3)), 1 - np.eye(3))
    np.testing.assert_array_equal(metric_matrix("interval", [1, 2, 4], np.zeros(3)),
                                  np.array([[0, 1, 9], [1, 0, 4], [9, 4, 0]]))
    # ordinal, marginals 2, 3, 5: delta_12 = (2+3 - 2.5)^2 = 6.25, delta_13 = (10 - 3.5)^2 = 42.25,
    # delta_23 = (8 - 4)^2 = 16, diagonal 0
    np.testing.assert_array_equal(metric_matrix("ordinal", ["p", "q", "r"], np.array([2.0, 3.0, 5.0])),
                                  np.array([[0, 6.25, 42.25], [6.25, 0, 16], [42.25, 16, 0]]))
    assert METRICS == ("nominal", "ordinal", "interval", "ratio")


def test_bad_metrics_have_exact_messages():
    msg = "unknown metric 'cosine'; use one of ('nominal', 'ordinal', 'interval', 'ratio')"
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        krippendorff_alpha(D1, "cosine")
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        metric_matrix("cosine", [1, 2], np.ones(2))
    with pytest.raises(ValueError, match="^interval metric needs numeric values$"):
        krippendorff_alpha(D1, "interval")
    with pytest.raises(ValueError, match="^ratio metric needs numeric values$"):
        metric_matrix("ratio", ["a", None], np.ones(2))


def test_explicit_categories_keep_an_unused_category():
    r = krippendorff_alpha(D1, categories=["c", "b", "a", "z"])
    assert r.categories == ("c", "b", "a", "z")
    assert r.value == near(F(9, 19))
    check_details(r.details, {"coincidences": np.array([[1.0, 0, 1, 0], [0, 4, 1, 0], [1, 1, 2, 0], [0, 0, 0, 0]]),
                              "marginals": {"c": 2.0, "b": 5.0, "a": 4.0, "z": 0.0},
                              "irrcac_pe": F(45, 121), "irrcac_pa": F(81, 121)})


# ----------------------------------------------------------------- kappa family by hand


def test_percent_agreement_by_hand():
    # Units with >= 2 ratings: (a,a) 1, (a,b,b) 2/6, (b,b,b) 1, (c,a,c) 2/6 -> pa = (8/3)/4 = 2/3.
    check(percent_agreement(D1), coefficient="percent_agreement", value=F(2, 3), defined=True,
          observed_agreement=F(2, 3), n_units=4, n_coders=3, n_values=11, categories=("a", "b", "c"))
    check(percent_agreement(D1, categories=["c", "a", "b", "z"]), coefficient="percent_agreement", value=F(2, 3),
          defined=True, observed_agreement=F(2, 3), n_units=4, n_coders=3, n_values=11,
          categories=("c", "a", "b", "z"))


def test_fleiss_kappa_by_hand():
    # pi_a = (1 + 1/3 + 1/3)/5 = 1/3, pi_b = (2/3 + 1 + 1)/5 = 8/15, pi_c = (2/3)/5 = 2/15;
    # pe = (25 + 64 + 4)/225 = 31/75, kappa = (2/3 - 31/75)/(44/75) = 19/44.
    # per category (disagreements a 2/3, b 1/3, c 1/3 over 4 units):
    # a: 1 - (2/3)/(4 * 1/3 * 2/3) = 1/4, b: 1 - (1/3)/(4 * 8/15 * 7/15) = 149/224,
    # c: 1 - (1/3)/(4 * 2/15 * 13/15) = 29/104.
    check(fleiss_kappa(D1), coefficient="fleiss_kappa", value=F(19, 44), defined=True,
          observed_agreement=F(2, 3), expected_agreement=F(31, 75), n_units=4, n_coders=3, n_values=11,
          categories=("a", "b", "c"),
          details={"pi": {"a": F(1, 3), "b": F(8, 15), "c": F(2, 15)},
                   "category_kappa": {"a": F(1, 4), "b": F(149, 224), "c": F(29, 104)}})
    o = kappa_oracle(D1, ["a", "b", "c"])
    assert (o["pa"], o["pe_fleiss"], o["cat"]["b"]) == (F(2, 3), F(31, 75), F(149, 224))


def test_fleiss_unused_category_has_no_category_kappa():
    r = fleiss_kappa(D1, categories=["a", "b", "c", "d"])
    check(r, coefficient="fleiss_kappa", value=F(19, 44), defined=True,
          observed_agreement=F(2, 3), expected_agreement=F(31, 75), n_units=4, n_coders=3, n_values=11,
          categories=("a", "b", "c", "d"),
          details={"pi": {"a": F(1, 3), "b": F(8, 15), "c": F(2, 15), "d": 0.0},
                   "category_kappa": {"a": F(1, 4), "b": F(149, 224), "c": F(29, 104), "d": None}})


def test_gwet_ac1_and_brennan_prediger_by_hand():
    # AC1: pe = (1/3*2/3 + 8/15*7/15 + 2/15*13/15)/2 = 22/75, AC1 = (2/3 - 22/75)/(53/75) = 28/53.
    pi = {"a": F(1, 3), "b": F(8, 15), "c": F(2, 15)}
    common = dict(defined=True, observed_agreement=F(2, 3), n_units=4, n_coders=3, n_values=11,
                  categories=("a", "b", "c"))
    check(gwet_ac1(D1), coefficient="gwet_ac1", value=F(28, 53), expected_agreement=F(22, 75),
          details={"q": 3, "pi": pi}, **common)
    # q = 4: pe = (132/225)/3 = 44/225, AC1 = (150/225 - 44/225)/(181/225) = 106/181
    check(gwet_ac1(D1, q=4), coefficient="gwet_ac1", value=F(106, 181), expected_agreement=F(44, 225),
          details={"q": 4, "pi": pi}, **common)
    # BP: pe = 1/q; q = 3 -> (2/3 - 1/3)/(2/3) = 1/2; q = 4 -> (5/12)/(3/4) = 5/9; q = 3 = categories present
    check(brennan_prediger(D1), coefficient="brennan_prediger", value=F(1, 2), expected_agreement=F(1, 3),
          details={"q": 3}, **common)
    check(brennan_prediger(D1, q=3), coefficient="brennan_prediger", value=F(1, 2), expected_agreement=F(1, 3),
          details={"q": 3}, **common)
    check(brennan_prediger(D1, q=4), coefficient="brennan_prediger", value=F(5, 9), expected_agreement=F(1, 4),
          details={"q": 4}, **common)
    four = dict(common, categories=("a", "b", "c", "d"))
    check(brennan_prediger(D1, categories="abcd"), coefficient="brennan_prediger", value=F(5, 9),
          expected_agreement=F(1, 4), details={"q": 4}, **four)
    check(gwet_ac1(D1, categories="abcd"), coefficient="gwet_ac1", value=F(106, 181), expected_agreement=F(44, 225),
          details={"q": 4, "pi": dict(pi, d=0.0)}, **four)


def test_q_smaller_than_categories_present_is_refused_with_exact_message():
    with pytest.raises(ValueError, match=r"^brennan_prediger: q=2 is smaller than the 3 categories present$"):
        brennan_prediger(D1, q=2)
    with pytest.raises(ValueError, match=r"^gwet_ac1: q=2 is smaller than the 3 categories present$"):
        gwet_ac1(D1, q=2)


def test_one_category_without_q_is_undefined_with_exact_fields():
    units = [["yes", "yes", None], ["yes", "yes", "yes"], [None, "yes", None]]
    why = "fewer than 2 categories (q < 2): chance agreement is undefined; pass q or categories explicitly"
    for fn, name in ((brennan_prediger, "brennan_prediger"), (gwet_ac1, "gwet_ac1")):
        check(fn(units), coefficient=name, value=None, defined=False, reason=why, observed_agreement=1.0,
              n_units=2, n_coders=3, categories=("yes",))
    check(fleiss_kappa(units), coefficient="fleiss_kappa", value=None, defined=False,
          reason="only one category was used (expected agreement 1, no variation): kappa is 0/0",
          observed_agreement=1.0, expected_agreement=1.0, n_units=2, n_coders=3, n_values=5, categories=("yes",),
          details={"pi": {"yes": 1.0}, "category_kappa": {"yes": None}})
    check(percent_agreement(units), coefficient="percent_agreement", value=1.0, defined=True,
          observed_agreement=1.0, n_units=2, n_coders=3, n_values=5, categories=("yes",))


@pytest.mark.parametrize("fn,name", [(percent_agreement, "percent_agreement"), (fleiss_kappa, "fleiss_kappa"),
                                     (gwet_ac1, "gwet_ac1"), (brennan_prediger, "brennan_prediger")])
def test_kappa_undefined_cases_have_exact_fields(fn, name):
    check(fn([[1], [2]]), coefficient=name, value=None, defined=False, reason="fewer than 2 coders",
          n_coders=1, categories=(1, 2))
    check(fn([[1, None], [None, 2]]), coefficient=name, value=None, defined=False,
          reason="no unit was rated by at least 2 coders (fewer than 2 pairable values)",
          n_coders=2, categories=(1, 2))


@pytest.mark.parametrize("q", [None, 5])
def test_kappa_family_matches_oracle_on_numbers(q):
    order = [0, 1, 2, 3, 4, 5]
    o = kappa_oracle(D2, order, q=q or 6)
    common = dict(defined=True, observed_agreement=o["pa"], n_units=7, n_coders=4, n_values=21,
                  categories=tuple(order))
    assert (o["n_units"], o["n_values"]) == (7, 21)
    check(percent_agreement(D2), coefficient="percent_agreement", value=o["pa"], **common)
    check(fleiss_kappa(D2), coefficient="fleiss_kappa", value=(o["pa"] - o["pe_fleiss"]) / (1 - o["pe_fleiss"]),
          expected_agreement=o["pe_fleiss"], details={"pi": o["pi"], "category_kappa": o["cat"]}, **common)
    if q is None:
        check(gwet_ac1(D2), coefficient="gwet_ac1", value=(o["pa"] - o["pe_ac1"]) / (1 - o["pe_ac1"]),
              expected_agreement=o["pe_ac1"], details={"q": 6, "pi": o["pi"]}, **common)
        check(brennan_prediger(D2), coefficient="brennan_prediger", value=(o["pa"] - o["pe_bp"]) / (1 - o["pe_bp"]),
              expected_agreement=o["pe_bp"], details={"q": 6}, **common)
    else:
        with pytest.raises(ValueError):
            gwet_ac1(D2, q=q)
        with pytest.raises(ValueError):
            brennan_prediger(D2, q=q)


def test_units_rated_by_exactly_two_count_for_the_category_kappa():
    # Three units rated by two coders only, one by three; categories x, y.
    units = [["x", "y", None], ["x", "x", None], ["y", None, "y"], ["x", "y", "y"]]
    o = kappa_oracle(units, ["x", "y"])
    r = fleiss_kappa(units)
    check_details(r.details, {"pi": o["pi"], "category_kappa": o["cat"]})
    assert r.n_values == 9 and r.n_units == 4
    # pi_x = (1/2 + 1 + 0 + 1/3)/4 = 11/24; pa = (0 + 1 + 1 + 1/3)/4 = 7/12
    assert o["pi"]["x"] == F(11, 24) and o["pa"] == F(7, 12)


# ----------------------------------------------------------------- two coders


PAIRS = [[None, "p"], ["p", "p"], ["p", "q"], ["q", "q"], ["r", None], ["q", "r"], ["r", "r"], ["p", "p"],
         ["q", "p"], ["r", "r"]]


def test_cohen_and_scott_by_hand_with_missing_first():
    # 8 complete units (the first, with coder 1 missing, must not stop the count):
    # table rows p q r: p: p2 q1, q: p1 q1 r1, r: r2.  po = 5/8; rows 3,3,2; cols 3,2,3;
    # pe = (9 + 6 + 6)/64 = 21/64; kappa = (40/64 - 21/64)/(43/64) = 19/43.
    # kappa_max = (min sums 3+2+2 = 7/8 - 21/64)/(43/64) = 35/43.
    # Scott: pooled p 6/16, q 5/16, r 5/16 -> pe = 86/256 = 43/128; pi = (80/128 - 43/128)/(85/128) = 37/85.
    check(cohen_kappa(PAIRS), coefficient="cohen_kappa", value=F(19, 43), defined=True,
          observed_agreement=F(5, 8), expected_agreement=F(21, 64), n_units=8, n_coders=2, n_values=16,
          categories=("p", "q", "r"), details={"kappa_max": F(35, 43)})
    check(scott_pi(PAIRS), coefficient="scott_pi", value=F(37, 85), defined=True,
          observed_agreement=F(5, 8), expected_agreement=F(43, 128), n_units=8, n_coders=2, n_values=16,
          categories=("p", "q", "r"))
    o = cohen_oracle(PAIRS, ["p", "q", "r"])
    assert (o["kappa"], o["kappa_max"], o["pe_scott"]) == (F(19, 43), F(35, 43), F(43, 128))


@pytest.mark.parametrize("weights", ["linear", "quadratic"])
def test_weighted_cohen_by_oracle_and_scikit_learn(weights):
    order = ["p", "q", "r", "s"]
    o = cohen_oracle(PAIRS, order, weights)
    r = cohen_kappa(PAIRS, categories=order, weights=weights)
    check(r, coefficient=f"cohen_kappa_{weights}", value=o["kappa"], defined=True, observed_agreement=o["po"],
          expected_agreement=o["pe"], n_units=8, n_coders=2, n_values=16, categories=tuple(order), details={})
    sklearn = pytest.importorskip("sklearn.metrics")
    complete = [u for u in PAIRS if None not in u]
    assert r.value == pytest.approx(sklearn.cohen_kappa_score([a for a, _ in complete], [b for _, b in complete],
                                                              labels=order, weights=weights), rel=1e-10)
    # by hand for the linear case over p q r s (distances /3): agreement weights 1, 2/3, 1/3, 0
    if weights == "linear":
        # po = (5 + 3 * 2/3)/8 = 7/8
        assert o["po"] == F(7, 8)


def test_weights_on_two_categories_and_on_one():
    # 2x2: linear and quadratic weights are the identity (distance 1 / (2-1))
    table = [[3, 1], [2, 4]]
    for weights in (None, "linear", "quadratic"):
        r = cohen_kappa_from_table(table, weights=weights)
        # po = 7/10, pe = (4*5 + 6*5)/100 = 1/2, kappa = 2/5
        assert (r.value, r.observed_agreement, r.expected_agreement) == (near(F(2, 5)), near(F(7, 10)), near(F(1, 2)))
        assert r.categories == (1, 2) and r.n_units == 10 and r.n_values == 20
    check(cohen_kappa_from_table([[5]], weights="linear"), coefficient="cohen_kappa_linear", value=None,
          defined=False,
          reason="both coders used one and the same category only (expected agreement 1): kappa is 0/0",
          observed_agreement=1.0, expected_agreement=1.0, n_units=5, n_coders=2, n_values=10, categories=(1,),
          details={})
    check(cohen_kappa_from_table([[5, 0], [0, 0]], categories=["y", "n"]), coefficient="cohen_kappa", value=None,
          defined=False,
          reason="both coders used one and the same category only (expected agreement 1): kappa is 0/0",
          observed_agreement=1.0, expected_agreement=1.0, n_units=5, n_coders=2, n_values=10,
          categories=("y", "n"), details={})


def test_quadratic_weights_on_three_categories_by_hand():
    # weights 1, 3/4, 0; table diag 1,1,1 plus (1,3) and (3,1): n = 5
    # po = 3/5; rows = cols = (2,1,2)/5; pe = sum r_i c_j w_ij = (4 + 1 + 4)/25 + 2*(2*1*3/4 + 1*2*3/4)/25 = 15/25
    r = cohen_kappa_from_table([[1, 0, 1], [0, 1, 0], [1, 0, 1]], weights="quadratic")
    check(r, coefficient="cohen_kappa_quadratic", value=0.0, defined=True, observed_agreement=F(3, 5),
          expected_agreement=F(3, 5), n_units=5, n_coders=2, n_values=10, categories=(1, 2, 3), details={})
    lin = cohen_kappa_from_table([[1, 0, 1], [0, 1, 0], [1, 0, 1]], weights="linear")
    # linear weights 1, 1/2, 0: po = 3/5, pe = 9/25 + 2*(2*1/2 + 2*1/2)/25 = 13/25 -> kappa = (2/25)/(12/25) = 1/6
    assert (lin.value, lin.expected_agreement) == (near(F(1, 6)), near(F(13, 25)))


def test_single_disagreeing_unit_is_defined():
    # one unit, coders disagree: po = 0, pe = 0 -> kappa 0, kappa_max = (0 - 0)/1 = 0
    check(cohen_kappa_from_table([[0, 1], [0, 0]]), coefficient="cohen_kappa", value=0.0, defined=True,
          observed_agreement=0.0, expected_agreement=0.0, n_units=1, n_coders=2, n_values=2, categories=(1, 2),
          details={"kappa_max": 0.0})


def test_cohen_and_scott_undefined_cases_have_exact_fields():
    for fn, name in ((cohen_kappa, "cohen_kappa"), (scott_pi, "scott_pi")):
        check(fn([[1], [2]]), coefficient=name, value=None, defined=False, reason="fewer than 2 coders", n_coders=1)
        check(fn([[1, None], [None, 2]]), coefficient=name, value=None, defined=False,
              reason="no unit was rated by both coders", n_coders=2, categories=(1, 2))
        check(fn([]), coefficient=name, value=None, defined=False, reason="no unit was rated by both coders",
              n_coders=2)
        with pytest.raises(ValueError, match=f"^{name} needs exactly two coders per unit$"):
            fn([[1, 2], [1]])
        with pytest.raises(ValueError, match=f"^{name} needs exactly two coders per unit$"):
            fn([[1, 2, 3]])
    check(cohen_kappa([[1, None]], weights="linear"), coefficient="cohen_kappa_linear", value=None, defined=False,
          reason="no unit was rated by both coders", n_coders=2, categories=(1,))
    check(scott_pi([["s", "s"], ["s", "s"]]), coefficient="scott_pi", value=None, defined=False,
          reason="only one category was used (expected agreement 1): pi is 0/0", observed_agreement=1.0,
          expected_agreement=1.0, n_units=2, n_coders=2, n_values=4, categories=("s",))
    check(scott_pi([[1, 2]], categories=[2, 1]), coefficient="scott_pi", value=F(-1), defined=True,
          observed_agreement=0.0, expected_agreement=F(1, 2), n_units=1, n_coders=2, n_values=2, categories=(2, 1))


def test_contingency_table_input_errors_and_zero_table():
    for bad in ([[1, 2, 3], [4, 5, 6]], [1, 2], [[[1]]]):
        with pytest.raises(ValueError, match="^contingency table must be square$"):
            cohen_kappa_from_table(bad)
    with pytest.raises(ValueError, match=r"^weights must be None, 'linear' or 'quadratic'$"):
        cohen_kappa_from_table([[1, 0], [0, 1]], weights="cubic")
    check(cohen_kappa_from_table([[0, 0], [0, 0]]), coefficient="cohen_kappa", value=None, defined=False,
          reason="no unit was rated by both coders", n_coders=2, categories=(1, 2))
    check(cohen_kappa_from_table([[0, 0], [0, 0]], weights="quadratic", categories="ab"),
          coefficient="cohen_kappa_quadratic", value=None, defined=False,
          reason="no unit was rated by both coders", n_coders=2, categories=("a", "b"))
