"""Exact interval and bootstrap results, to kill the mutants of core/agreement/variance.py and
bootstrap.py that ``bench/mutation.py variance`` showed surviving: every field of every
:class:`Interval` and :class:`BootstrapResult` (method text, n, seed, draws), the undefined paths,
Student's t against SciPy, the clipping of the intervals, and bootstrap data whose samples are
deterministic (every drawn pair disagrees), so the exact value of alpha* is known.

Bug found by a survivor (cohen_interval 81-85, the ``var < 0`` branch): for perfect agreement the
ASE variance can round to -1e-17 (e.g. the diagonal table 1, 4, 2), and the interval was reported as
missing instead of se 0 and [1, 1]; fixed in cohen_interval (tiny negative variances count as 0).

Survivors judged equivalent (mutmut 3.8.1 names, x_<function>__mutmut_N):
* variance._none 1 (its default n: every caller passes n);
* variance._betacf 19-104 (guards against 1e-300 denominators, the iteration cap and the stopping
  test: the continued fraction has converged to 1e-15 long before), _betainc 22-28 (which of the two
  equivalent continued fractions is used near the switch point), t_cdf 21 (t = 0 gives 1/2 either
  way), t_quantile 8, 9, 11, 20, 24 (bisection bounds, cap and stopping test);
* ``np.errstate`` arguments and the ``dtype`` of count arrays (integers either way);
* variance._gwet_parts 38/39 (the stand-in denominator of units rated once divides a 0 numerator);
* ``>`` for ``>=`` at 1 - 1e-12 and 1e-15 (never hit exactly); cohen_interval 30 (``shape[1]`` of a
  square table); cohen_interval 79-86 (after the fix, a variance below -1e-12 does not occur);
* bootstrap: ``(o * n)``/``p * p.sum()`` (p is normalised anyway), ``np.clip(p, None, None)``
  (o >= 0), ``/`` for ``//`` on an even product, cluster_bootstrap ``draws / 2`` is killed only for
  odd draws (tested with 11).
Full run: before these tests 925 mutants, 697 killed (75.4%); after (931 with the fix) 863 killed,
68 survived (92.7%).
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from burgerannotator.core.agreement import krippendorff_alpha
from burgerannotator.core.agreement.bootstrap import DRAWS, MINIMA, SEED, alpha_bootstrap, cluster_bootstrap
from burgerannotator.core.agreement.variance import (_betainc, cohen_interval, gwet_interval,
                                                      krippendorff_interval, t_cdf, t_quantile)

GWET = "Gwet (2014) linearisation variance, t interval"
COHEN = "Fleiss, Cohen & Everitt (1969) ASE, normal interval"
HAYES = "Hayes & Krippendorff (2007) bootstrap of pairable values"
CLUSTER = "bootstrap over documents (percentile interval)"


def none(method, n):
    return {"se": None, "low": None, "high": None, "method": method, "n": n}


# ----------------------------------------------------------------- Student's t


def test_t_distribution_matches_scipy():
    stats = pytest.importorskip("scipy.stats")
    special = pytest.importorskip("scipy.special")
    for df in (1, 2, 3, 5, 10, 29, 200):
        for p in (0.025, 0.1, 0.6, 0.9, 0.975, 0.995):  # (at p = 0.5 the bisection is only good to 1e-8)
            assert t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-10, abs=1e-12)
        for t in (-3.5, -1.0, -0.2, 0.2, 1.0, 2.5, 40.0):
            assert t_cdf(t, df) == pytest.approx(stats.t.cdf(t, df), rel=1e-11)
    assert t_cdf(0.0, 7) == 0.5
    for a, b, x in ((2.5, 0.5, 0.3), (2.5, 0.5, 0.9), (0.5, 4.0, 0.05), (0.5, 4.0, 0.6), (15.0, 0.5, 0.97)):
        assert _betainc(a, b, x) == pytest.approx(special.betainc(a, b, x), rel=1e-11)
    assert (_betainc(2.0, 0.5, 0.0), _betainc(2.0, 0.5, -0.5), _betainc(2.0, 0.5, 1.0)) == (0.0, 0.0, 1.0)
    for df in (0, -1):
        with pytest.raises(ValueError, match="^degrees of freedom must be positive$"):
            t_quantile(0.975, df)


# ----------------------------------------------------------------- Gwet, Krippendorff, Cohen intervals


COUNTS = np.array([[3, 0, 0], [2, 1, 0], [0, 2, 1], [1, 1, 1], [0, 0, 3], [0, 3, 0], [1, 0, 0], [0, 0, 0]])


@pytest.mark.parametrize("coefficient", ["percent_agreement", "brennan_prediger", "gwet_ac1", "fleiss_kappa"])
def test_gwet_interval_fields(coefficient):
    r = gwet_interval(COUNTS, coefficient, 0.3)
    d = r.as_dict()
    assert list(d) == ["se", "low", "high", "method", "n"]
    assert (d["method"], d["n"]) == (GWET, 7)  # the all-zero unit is left out, the once-rated one counts
    half = d["se"] * t_quantile(0.975, 6)
    floor = 0.0 if coefficient == "percent_agreement" else -1.0
    assert d["low"] == pytest.approx(max(floor, 0.3 - half), rel=1e-12)
    assert d["high"] == pytest.approx(min(1.0, 0.3 + half), rel=1e-12)
    assert d["se"] > 0 and math.isfinite(d["se"])


def test_gwet_interval_undefined_paths():
    assert gwet_interval([[2, 0], [1, 0], [0, 1]], "gwet_ac1", 0.5).as_dict() == none(GWET, 3)  # one unit rated twice
    assert gwet_interval([[2, 0]], "gwet_ac1", 0.5).as_dict() == none(GWET, 1)
    assert gwet_interval([[2, 0], [1, 1], [0, 0]], "fleiss_kappa", None).as_dict() == none(GWET, 2)
    # one category only: pe = 1, the variance is not finite
    assert gwet_interval([[2, 0], [3, 0], [2, 0]], "fleiss_kappa", 0.0).as_dict() == none(GWET, 3)
    with pytest.raises(ValueError, match="^no Gwet variance for 'scott_pi'$"):
        gwet_interval([[2, 0], [1, 1]], "scott_pi", 0.5)
    # exactly two units suffice
    # every unit agrees perfectly: variance exactly 0 is an interval [1, 1], not "no interval"
    assert gwet_interval([[2, 0], [0, 2], [2, 0]], "percent_agreement", 1.0).as_dict() == {
        "se": 0.0, "low": 1.0, "high": 1.0, "method": GWET, "n": 3}
    two = gwet_interval([[2, 0], [1, 1]], "percent_agreement", 0.5)
    assert (two.method, two.n) == (GWET, 2) and two.se == pytest.approx(0.5, rel=1e-12)
    # pa_i = 1 and 0, mean 1/2: var = (1/4 + 1/4)/(2*1) = 1/4 -> se 1/2; t(0.975, 1) = 12.7062...
    assert (two.low, two.high) == (0.0, 1.0)


def test_krippendorff_interval_fields_and_undefined_paths():
    counts = np.array([[2, 0], [1, 1], [0, 2], [2, 1], [0, 3], [1, 0]])
    value = krippendorff_alpha([[0, 0, None], [0, 1, None], [1, 1, None], [0, 0, 1], [1, 1, 1], [0, None, None]]).value
    r = krippendorff_interval(counts, value).as_dict()
    assert (r["method"], r["n"]) == (GWET, 5)
    half = r["se"] * t_quantile(0.975, 4)
    assert (r["low"], r["high"]) == (pytest.approx(max(-1.0, value - half), rel=1e-12),
                                     pytest.approx(min(1.0, value + half), rel=1e-12))
    assert krippendorff_interval(np.array([[1, 1], [0, 1]]), 0.0).as_dict() == none(GWET, 1)
    assert krippendorff_interval(np.array([[2, 0], [3, 0], [0, 0]]), 0.5).as_dict() == none(GWET, 2)
    two = krippendorff_interval(np.array([[2, 0], [1, 1]]), -0.2)
    assert (two.method, two.n) == (GWET, 2) and two.se is not None


def test_cohen_interval_fields_clipping_and_undefined_paths():
    r = cohen_interval([[20, 5], [10, 15]]).as_dict()
    # kappa = 0.4, SAS-style ASE of Fleiss, Cohen & Everitt
    z = 1.959963984540054
    assert (r["method"], r["n"]) == (COHEN, 50)
    assert (r["low"], r["high"]) == (pytest.approx(0.4 - z * r["se"], rel=1e-12), pytest.approx(0.4 + z * r["se"], rel=1e-12))
    perfect = cohen_interval([[5, 0], [0, 5]]).as_dict()
    assert perfect == {"se": 0.0, "low": 1.0, "high": 1.0, "method": COHEN, "n": 10}
    assert cohen_interval([[3, 1], [0, 1]]).high == 1.0           # clipped at 1
    assert cohen_interval([[0, 2], [1, 0]]).low == -1.0           # clipped at -1
    assert cohen_interval([[1, 0], [0, 0]]).as_dict() == none(COHEN, 1)
    assert cohen_interval([[0, 0], [0, 0]]).as_dict() == none(COHEN, 0)
    assert cohen_interval([[5, 0], [0, 0]]).as_dict() == none(COHEN, 5)   # pe = 1
    assert cohen_interval([[3, 0], [0, 0]], weights="linear").as_dict() == none(COHEN, 3)
    # perfect agreement where the variance rounds to -1e-17: still se 0 and the interval [1, 1]
    # (was "no interval" before the fix in cohen_interval)
    for table in (np.diag([1, 4, 2]), np.diag([3, 4, 2]), np.diag([2, 2, 2])):
        assert cohen_interval(table).as_dict() == {"se": 0.0, "low": 1.0, "high": 1.0, "method": COHEN,
                                                   "n": int(table.sum())}
    two = cohen_interval([[1, 0], [0, 1]])
    assert (two.method, two.n, two.high) == (COHEN, 2, 1.0)


# ----------------------------------------------------------------- bootstrap


def test_alpha_bootstrap_with_deterministic_samples():
    # Every unit has two different values: every drawn pair disagrees, so each sample is exactly
    # alpha = 1 - D_o/D_e with D_o = 1, D_e = n n_1 n_2 * 2/(n (n-1)) ... : 6 units, n = 12, n_1 = n_2 = 6:
    # D_e = 2*36/(12*11) = 6/11 -> alpha* = 1 - 11/6 = -5/6.
    counts = np.array([[1, 1]] * 6)
    r = alpha_bootstrap(counts, draws=50, keep_samples=True)
    assert r.samples.shape == (50,)
    np.testing.assert_allclose(r.samples, -5 / 6, rtol=1e-12)
    assert (r.low, r.high) == (pytest.approx(-5 / 6, rel=1e-12), pytest.approx(-5 / 6, rel=1e-12))
    assert r.as_dict() == {"low": r.low, "high": r.high, "draws": 50, "seed": SEED, "method": HAYES,
                           "q_below": {"0.667": 1.0, "0.8": 1.0}}
    assert krippendorff_alpha([[0, 1]] * 6).value == pytest.approx(-5 / 6, rel=1e-12)
    # one unit: n = 2, D_e = 1, alpha* = 0
    one = alpha_bootstrap(np.array([[1, 1], [1, 0]]), "interval", [3.0, 7.0])
    assert (one.low, one.high, one.draws, one.seed, one.samples) == (0.0, 0.0, DRAWS, SEED, None)
    assert one.q_below == {0.667: 1.0, 0.8: 1.0} and tuple(one.q_below) == MINIMA
    # q counts samples strictly below: a minimum equal to every sample gives 0
    v = float(r.samples[0])
    assert alpha_bootstrap(counts, draws=20, minima=(v, v + 1e-9)).q_below == {v: 0.0, v + 1e-9: 1.0}
    assert alpha_bootstrap(np.array([[1, 0], [0, 1]])) is None   # no pairable values
    assert alpha_bootstrap(np.array([[2, 0], [3, 0]])) is None   # no variation


def test_alpha_bootstrap_units_of_three_values_weigh_two_over_two():
    # Units (a, a, b): o_aa = 1, o_ab = o_ba = 1 per unit -> p = (1/3, 1/3, 1/3, 0); random samples,
    # but the mean of alpha* is alpha (each draw's expected distance is D_o).
    counts = np.array([[2, 1]] * 8 + [[1, 1]] * 4)
    r = alpha_bootstrap(counts, draws=400, keep_samples=True, seed=3)
    alpha = krippendorff_alpha([[0, 0, 1]] * 8 + [[0, 1, None]] * 4).value
    assert abs(r.samples.mean() - alpha) < 4 * r.samples.std() / math.sqrt(400)
    assert r.seed == 3 and r.draws == 400
    again = alpha_bootstrap(counts, draws=400, keep_samples=True, seed=3)
    np.testing.assert_array_equal(again.samples, r.samples)
    assert (r.low, r.high) == (float(np.percentile(r.samples, 2.5)), float(np.percentile(r.samples, 97.5)))
    wider = alpha_bootstrap(counts, draws=400, keep_samples=True, seed=3, confidence=0.5)
    assert (wider.low, wider.high) == (float(np.percentile(r.samples, 25)), float(np.percentile(r.samples, 75)))


def test_cluster_bootstrap_fields_and_thresholds():
    tables = np.array([[1.0, 3.0], [2.0, 2.0], [0.0, 4.0]])

    def share(s):
        return s[:, 0] / s.sum(axis=1)

    r = cluster_bootstrap(tables, share, draws=200, minima=(0.25,), keep_samples=True)
    assert (r.draws, r.seed, r.method) == (200, SEED, CLUSTER)
    assert r.samples.shape == (200,)
    assert r.q_below == {0.25: float((r.samples < 0.25).mean())}
    assert (r.low, r.high) == (float(np.percentile(r.samples, 2.5)), float(np.percentile(r.samples, 97.5)))
    again = cluster_bootstrap(tables, share, draws=200, minima=(0.25,), keep_samples=True)
    np.testing.assert_array_equal(again.samples, r.samples)
    assert cluster_bootstrap(tables, share, draws=200).samples is None
    assert cluster_bootstrap(tables, share, draws=200).as_dict()["q_below"] == {}
    # every sample equals 1/4 when all documents hold the same share: q(< 1/4) = 0
    same = cluster_bootstrap(np.array([[1.0, 3.0], [2.0, 6.0]]), share, draws=30, minima=(0.25,))
    assert (same.low, same.high, same.q_below, same.draws) == (0.25, 0.25, {0.25: 0.0}, 30)
    assert cluster_bootstrap(tables[:1], share) is None
    # NaN samples are left out; fewer than half finite -> None
    def half_nan(k):
        return lambda s: np.where(np.arange(len(s)) < k, np.nan, 0.5)
    five = cluster_bootstrap(tables, half_nan(5), draws=10)
    assert (five.draws, five.low, five.high) == (5, 0.5, 0.5)
    assert cluster_bootstrap(tables, half_nan(6), draws=10) is None
    assert cluster_bootstrap(tables, half_nan(8), draws=12) is None   # 4 of 12 finite (fewer than 6)
    assert cluster_bootstrap(tables, half_nan(6), draws=11).draws == 5   # 5 of 11: at least 11 // 2 finite


def test_ratio_bootstrap_uses_the_given_category_values():
    # values 1, 2, 5 (ratio): the mean of alpha* is alpha for these values, not for the positions 0, 1, 2
    from burgerannotator.core.agreement import count_matrix

    units = [[1, 2, None], [1, 1, 2], [2, 5, 5], [5, 5, 1], [1, 2, 2], [2, 2, 5], [1, 1, 1], [5, 1, None]] * 3
    cm = count_matrix(units)
    r = alpha_bootstrap(cm.counts, "ratio", [1.0, 2.0, 5.0], keep_samples=True)
    se = r.samples.std() / math.sqrt(DRAWS)
    alpha = krippendorff_alpha(units, "ratio").value
    positions = krippendorff_alpha([[None if v is None else {1: 0, 2: 1, 5: 2}[v] for v in u] for u in units],
                                   "ratio").value
    assert abs(r.samples.mean() - alpha) < 4 * se
    assert abs(alpha - positions) > 8 * se
