"""Standard errors, confidence intervals and bootstrap distributions of the agreement
coefficients, checked against published outputs and independent computations."""
from __future__ import annotations

import numpy as np
import pytest
from _reference import load

from burgerannotator.core.agreement._base import count_matrix, units_from_table
from burgerannotator.core.agreement.bootstrap import alpha_bootstrap, cluster_bootstrap
from burgerannotator.core.agreement.coefficients import (brennan_prediger, cohen_kappa, fleiss_kappa, gwet_ac1,
                                                         krippendorff_alpha, percent_agreement)
from burgerannotator.core.agreement.krippendorff import coincidence_matrix, metric_matrix
from burgerannotator.core.agreement.variance import (cohen_interval, gwet_interval, krippendorff_interval,
                                                     t_quantile)

HALF_5DP = 0.5e-5 + 1e-12


def test_t_quantiles_match_printed_tables():
    # Student's t table (two-sided 95 %): df 1, 5, 11, 30
    for df, t in ((1, 12.7062), (5, 2.5706), (11, 2.2010), (30, 2.0423)):
        assert t_quantile(0.975, df) == pytest.approx(t, abs=0.5e-4)


def test_gwet_standard_errors_reproduce_the_irrcac_vignette():
    ref = load("gwet_cac_raw4raters.json")
    units = ref["data"]
    published = ref["expected"]["published_irrCAC_R_vignette"]
    counts = count_matrix(units).counts
    q = counts.shape[1]
    for key, fn in (("gwet_ac1", gwet_ac1), ("fleiss_kappa", fleiss_kappa), ("brennan_prediger", brennan_prediger)):
        value = fn(units).value
        assert value == pytest.approx(published[key]["value"], abs=HALF_5DP)
        interval = gwet_interval(counts, key, value, q=q)
        assert interval.se == pytest.approx(published[key]["se"], abs=HALF_5DP), key
        # irrCAC: value -/+ t(0.975, n - 1) * se over the 12 rated units, upper bound capped at 1
        assert interval.low == pytest.approx(value - 2.200985160 * interval.se, abs=1e-8)
        assert interval.high == 1.0 and interval.n == 12
    alpha = krippendorff_alpha(units).value
    k = krippendorff_interval(counts, alpha)
    assert k.se == pytest.approx(published["krippendorff_alpha"]["se"], abs=HALF_5DP)
    assert k.n == 11  # units with two or more values


def test_percent_agreement_se_by_hand():
    # 4 units, 2 coders: agree, agree, disagree, agree -> pa 3/4; per-unit values 1,1,0,1
    units = [[1, 1], [0, 0], [1, 0], [0, 0]]
    value = percent_agreement(units).value
    interval = gwet_interval(count_matrix(units).counts, "percent_agreement", value)
    var = sum((x - 0.75) ** 2 for x in (1, 1, 0, 1)) / (4 * 3)
    assert value == 0.75 and interval.se == pytest.approx(var ** 0.5, abs=1e-15)


def test_cohen_ase_reproduces_sas():
    ref = load("cohen_sas_3x3_statsmodels.json")
    table = ref["data"]
    simple = ref["expected"]["simple_kappa"]
    weighted = ref["expected"]["weighted_kappa_linear_(Cicchetti-Allison weights from scores 0,1,2)"]
    s = cohen_interval(table)
    assert s.se == pytest.approx(simple["ASE"], abs=0.5e-4)
    assert (s.low, s.high) == pytest.approx(tuple(simple["ci95"]), abs=0.5e-4)
    w = cohen_interval(table, "linear")
    assert w.se == pytest.approx(weighted["ASE"], abs=0.5e-4)
    assert (w.low, w.high) == pytest.approx(tuple(weighted["ci95"]), abs=0.5e-4)


def test_weighted_cohen_kappa_matches_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(3)
    for _ in range(20):
        a = rng.integers(1, 4, size=40)
        b = np.clip(a + rng.integers(-1, 2, size=40), 1, 3)
        units = [[int(x), int(y)] for x, y in zip(a, b)]
        for weights in ("linear", "quadratic"):
            ours = cohen_kappa(units, categories=[1, 2, 3], weights=weights).value
            theirs = metrics.cohen_kappa_score(a, b, labels=[1, 2, 3], weights=weights)
            assert ours == pytest.approx(theirs, abs=1e-12)


# --------------------------------------------------------------------------- Hayes & Krippendorff bootstrap


def _hayes():
    ref = load("hayes_krippendorff2007_table1.json")
    units = ref["data"]
    cm = count_matrix(units)
    return ref, units, cm


def test_hayes_krippendorff_example_alpha():
    ref, units, _ = _hayes()
    alpha = krippendorff_alpha(units, "ordinal").value
    assert alpha == pytest.approx(ref["expected"]["paper"]["krippendorff_alpha_ordinal"], abs=0.5e-4)
    kd = pytest.importorskip("krippendorff")
    data = np.array([[np.nan if v is None else v for v in u] for u in units], dtype=float).T
    assert alpha == pytest.approx(kd.alpha(reliability_data=data, level_of_measurement="ordinal"), abs=1e-12)


def _naive_bootstrap(counts, categories, metric, draws, seed):
    """Krippendorff (2006) step by step: per unit, m(m-1)/2 pairs drawn one at a time."""
    o = coincidence_matrix(counts)
    marg = o.sum(axis=1)
    n = marg.sum()
    delta = metric_matrix(metric, categories, marg)
    d_e = (np.outer(marg, marg) * delta).sum() / (n * (n - 1))
    p = (o / n).ravel()
    cum = np.cumsum(p / p.sum())
    m_u = [int(x) for x in counts.sum(axis=1) if x >= 2]
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(draws):
        total = 0.0
        for m in m_u:
            for _pair in range(m * (m - 1) // 2):
                cell = int(np.searchsorted(cum, rng.random(), side="right"))
                total += 2.0 / (m - 1) * delta.ravel()[min(cell, len(cum) - 1)]
        out.append(1 - total / (n * d_e))
    return np.array(out)


def test_alpha_bootstrap_agrees_with_a_step_by_step_implementation():
    _, units, cm = _hayes()
    alpha = krippendorff_alpha(units, "ordinal").value
    ours = alpha_bootstrap(cm.counts, "ordinal", cm.categories, draws=4000, keep_samples=True,
                           minima=(0.667, 0.7, 0.8))
    naive = _naive_bootstrap(cm.counts, cm.categories, "ordinal", 1500, seed=11)
    # the two streams of random numbers differ: compare within Monte Carlo error
    assert ours.low == pytest.approx(np.percentile(naive, 2.5), abs=0.012)
    assert ours.high == pytest.approx(np.percentile(naive, 97.5), abs=0.012)
    assert ours.q_below[0.8] == pytest.approx((naive < 0.8).mean(), abs=0.04)
    # E[alpha*] = alpha exactly (each draw's expected distance is D_o): the means sit within 4 SE
    se = ours.samples.std() / np.sqrt(len(ours.samples))
    assert abs(ours.samples.mean() - alpha) < 4 * se
    assert ours.low < alpha < ours.high
    assert ours.q_below[0.667] <= ours.q_below[0.7] <= ours.q_below[0.8]


def test_alpha_bootstrap_is_reproducible_and_seeded():
    _, _, cm = _hayes()
    a = alpha_bootstrap(cm.counts, "ordinal", cm.categories)
    b = alpha_bootstrap(cm.counts, "ordinal", cm.categories)
    c = alpha_bootstrap(cm.counts, "ordinal", cm.categories, seed=1)
    assert (a.low, a.high, a.q_below) == (b.low, b.high, b.q_below)
    assert a.draws == 1000 and (c.low, c.high) != (a.low, a.high)
    assert alpha_bootstrap(np.array([[2, 0], [2, 0]]), "nominal") is None  # no variation: alpha undefined


def test_cluster_bootstrap_of_a_ratio_by_hand():
    tables = np.array([[3.0, 1.0], [2.0, 2.0], [4.0, 0.0], [1.0, 3.0]])
    result = cluster_bootstrap(tables, lambda t: t[:, 0] / t.sum(axis=1), draws=2000, keep_samples=True)
    # every resample is a mean of 4 per-document shares with equal totals (4): shares in {k/16}
    assert set(np.round(result.samples * 16, 9)) <= set(float(k) for k in range(17))
    assert result.samples.mean() == pytest.approx(10 / 16, abs=0.02)
    assert result.low >= 4 / 16 and result.high <= 1.0


def test_units_from_table_roundtrip_for_cohen_ci():
    units = units_from_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]], [1, 2, 3])
    assert cohen_kappa(units, categories=[1, 2, 3]).value == pytest.approx(0.4841628959, abs=1e-9)


def test_intervals_stay_within_the_coefficient_range():
    # 3 units, one rated once: a wide t interval (df 2) is cut at 0 for percent agreement
    units = [[1, 1], [2, 2], [1, None]]
    counts = count_matrix(units).counts
    pa = percent_agreement(units).value
    interval = gwet_interval(counts, "percent_agreement", pa)
    assert pa == 1.0 and interval.low == 0.0 and interval.high == 1.0 and interval.se > 0
    ac1 = gwet_ac1([[1, 2], [2, 1], [1, 2], [2, 2]]).value
    wide = gwet_interval(count_matrix([[1, 2], [2, 1], [1, 2], [2, 2]]).counts, "gwet_ac1", ac1)
    assert wide.low == -1.0 and wide.high == 1.0  # unclipped: -0.412 -/+ 3.18 x 0.637
