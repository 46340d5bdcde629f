"""Kappa-type coefficients for nominal data on a reliability matrix.

Definitions follow Gwet (2014), *Handbook of Inter-Rater Reliability*, 4th ed.,
and his R package irrCAC for more than two coders and missing judgements:

* ``r_ik`` = number of coders who put unit i in category k, ``r_i = sum_k r_ik``.
* observed agreement ``p_a`` = mean over units with ``r_i >= 2`` of
  ``sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))``.
* ``pi_k`` = mean over units with ``r_i >= 1`` of ``r_ik / r_i``.

Cohen's kappa and Scott's pi are two-coder coefficients: units that either
coder left missing are dropped.
"""

from __future__ import annotations

from typing import Hashable, Sequence

import numpy as np

from ._base import AgreementResult, CountMatrix, Units, count_matrix, is_missing, undefined

_EPS = 1e-12


def _observed_agreement(counts: np.ndarray) -> tuple[float | None, int]:
    r = counts.sum(axis=1)
    keep = r >= 2
    n2 = int(keep.sum())
    if n2 == 0:
        return None, 0
    c, rr = counts[keep], r[keep]
    per_unit = (c * (c - 1)).sum(axis=1) / (rr * (rr - 1))
    return float(per_unit.mean()), n2


def _category_shares(counts: np.ndarray) -> np.ndarray:
    r = counts.sum(axis=1)
    return (counts / r[:, None]).mean(axis=0)


def _prepare(name: str, units: Units, categories) -> tuple[CountMatrix, AgreementResult | None, float | None, int]:
    cm = count_matrix(units, categories)
    common = dict(n_coders=cm.n_coders, categories=cm.categories)
    if cm.n_coders < 2:
        return cm, undefined(name, "fewer than 2 coders", **common), None, 0
    pa, n2 = _observed_agreement(cm.counts)
    if pa is None:
        return cm, undefined(name, "no unit was rated by at least 2 coders (fewer than 2 pairable values)", **common), None, 0
    return cm, None, pa, n2


def _chance_corrected(name: str, pa: float, pe: float, cm: CountMatrix, n2: int, reason_if_pe1: str, **details) -> AgreementResult:
    common = dict(
        observed_agreement=pa,
        expected_agreement=pe,
        n_units=n2,
        n_coders=cm.n_coders,
        n_values=int(cm.counts[cm.counts.sum(axis=1) >= 2].sum()),
        categories=cm.categories,
        details=details,
    )
    if pe >= 1.0 - _EPS:
        return undefined(name, reason_if_pe1, **common)
    return AgreementResult(coefficient=name, value=(pa - pe) / (1.0 - pe), defined=True, **common)


def percent_agreement(units: Units, categories: Sequence[Hashable] | None = None) -> AgreementResult:
    """Pairwise percent agreement (Gwet/irrCAC ``pa``), missing judgements allowed."""
    name = "percent_agreement"
    cm, bad, pa, n2 = _prepare(name, units, categories)
    if bad is not None:
        return bad
    return AgreementResult(
        coefficient=name, value=pa, defined=True, observed_agreement=pa, n_units=n2,
        n_coders=cm.n_coders, n_values=int(cm.counts[cm.counts.sum(axis=1) >= 2].sum()),
        categories=cm.categories,
    )


def fleiss_kappa(units: Units, categories: Sequence[Hashable] | None = None) -> AgreementResult:
    """Fleiss' kappa (irrCAC ``fleiss.kappa.raw`` treatment of missing data).

    ``details``: ``pi`` (category shares) and ``category_kappa`` (Fleiss 1971
    per-category kappa, ``None`` for a category nobody or everybody used).
    """
    name = "fleiss_kappa"
    cm, bad, pa, n2 = _prepare(name, units, categories)
    if bad is not None:
        return bad
    pi = _category_shares(cm.counts)
    pe = float((pi ** 2).sum())
    r = cm.counts.sum(axis=1)
    keep = r >= 2
    c, rr = cm.counts[keep], r[keep]
    disagree = (c * (rr[:, None] - c) / (rr * (rr - 1))[:, None]).sum(axis=0)
    cat_kappa = []
    for k in range(len(cm.categories)):
        denom = n2 * pi[k] * (1 - pi[k])
        cat_kappa.append(None if denom <= _EPS else float(1 - disagree[k] / denom))
    return _chance_corrected(
        name, pa, pe, cm, n2,
        "only one category was used (expected agreement 1, no variation): kappa is 0/0",
        pi=dict(zip(cm.categories, map(float, pi))),
        category_kappa=dict(zip(cm.categories, cat_kappa)),
    )


def _q(name: str, cm: CountMatrix, q: int | None) -> tuple[int | None, str]:
    if q is None:
        q = len(cm.categories)
    elif q < len(cm.categories):
        raise ValueError(f"{name}: q={q} is smaller than the {len(cm.categories)} categories present")
    if q < 2:
        return None, "fewer than 2 categories (q < 2): chance agreement is undefined; pass q or categories explicitly"
    return q, ""


def brennan_prediger(units: Units, q: int | None = None, categories: Sequence[Hashable] | None = None) -> AgreementResult:
    """Brennan-Prediger kappa_n (free-marginal kappa, Bennett's S, Randolph's kappa).

    ``q`` is the number of categories available; by default the number of
    ``categories`` given, else the number observed.  Pass ``q=2`` for
    presence/absence coding.
    """
    name = "brennan_prediger"
    cm, bad, pa, n2 = _prepare(name, units, categories)
    if bad is not None:
        return bad
    qq, why = _q(name, cm, q)
    if qq is None:
        return undefined(name, why, observed_agreement=pa, n_units=n2, n_coders=cm.n_coders, categories=cm.categories)
    return _chance_corrected(name, pa, 1.0 / qq, cm, n2, "", q=qq)


def gwet_ac1(units: Units, categories: Sequence[Hashable] | None = None, q: int | None = None) -> AgreementResult:
    """Gwet's AC1 (irrCAC ``gwet.ac1.raw``): pe = sum_k pi_k (1 - pi_k) / (q - 1)."""
    name = "gwet_ac1"
    cm, bad, pa, n2 = _prepare(name, units, categories)
    if bad is not None:
        return bad
    qq, why = _q(name, cm, q)
    if qq is None:
        return undefined(name, why, observed_agreement=pa, n_units=n2, n_coders=cm.n_coders, categories=cm.categories)
    pi = _category_shares(cm.counts)
    pe = float((pi * (1 - pi)).sum() / (qq - 1))
    return _chance_corrected(name, pa, pe, cm, n2, "", q=qq, pi=dict(zip(cm.categories, map(float, pi))))


# --------------------------------------------------------------------------- two coders


def _two_coder_table(name: str, units: Units, categories) -> tuple[np.ndarray | None, tuple, AgreementResult | None]:
    rows = [list(u) for u in units]
    width = {len(r) for r in rows}
    if width and width != {2}:
        if max(width) < 2:
            return None, (), undefined(name, "fewer than 2 coders", n_coders=max(width))
        raise ValueError(f"{name} needs exactly two coders per unit")
    cm = count_matrix(rows, categories)  # fixes the category set and order
    index = {c: i for i, c in enumerate(cm.categories)}
    k = len(cm.categories)
    table = np.zeros((k, k), dtype=float)
    for a, b in rows:
        if is_missing(a) or is_missing(b):
            continue  # missing (None or NaN) on either side: unit dropped
        table[index[a], index[b]] += 1
    if table.sum() == 0:
        return None, cm.categories, undefined(name, "no unit was rated by both coders", n_coders=2, categories=cm.categories)
    return table, cm.categories, None


def _agreement_weights(k: int, weights: str | None) -> np.ndarray:
    if weights is None:
        return np.eye(k)
    idx = np.arange(k)
    dist = np.abs(idx[:, None] - idx[None, :]) / max(k - 1, 1)
    if weights == "linear":
        return 1.0 - dist
    if weights == "quadratic":
        return 1.0 - dist ** 2
    raise ValueError("weights must be None, 'linear' or 'quadratic'")


def cohen_kappa_from_table(table: Sequence[Sequence[float]], weights: str | None = None,
                           categories: Sequence[Hashable] | None = None) -> AgreementResult:
    """Cohen's kappa from a square contingency table (rows coder 1, columns coder 2).

    ``weights``: None (unweighted), ``'linear'`` or ``'quadratic'`` agreement
    weights over the category positions 0..q-1 (Cicchetti-Allison / Fleiss-Cohen).
    ``details['kappa_max']`` is the largest kappa the marginals allow (unweighted only).
    """
    name = "cohen_kappa" if weights is None else f"cohen_kappa_{weights}"
    t = np.asarray(table, dtype=float)
    if t.ndim != 2 or t.shape[0] != t.shape[1]:
        raise ValueError("contingency table must be square")
    cats = tuple(categories) if categories is not None else tuple(range(1, t.shape[0] + 1))
    n = t.sum()
    if n <= 0:
        return undefined(name, "no unit was rated by both coders", n_coders=2, categories=cats)
    p = t / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    w = _agreement_weights(t.shape[0], weights)
    po = float((w * p).sum())
    pe = float((w * np.outer(rows, cols)).sum())
    details = {}
    if weights is None and pe < 1 - _EPS:
        details["kappa_max"] = float((np.minimum(rows, cols).sum() - pe) / (1 - pe))
    common = dict(observed_agreement=po, expected_agreement=pe, n_units=int(round(n)), n_coders=2,
                  n_values=int(round(2 * n)), categories=cats, details=details)
    if pe >= 1 - _EPS:
        return undefined(name, "both coders used one and the same category only (expected agreement 1): kappa is 0/0", **common)
    return AgreementResult(coefficient=name, value=(po - pe) / (1 - pe), defined=True, **common)


def cohen_kappa(units: Units, categories: Sequence[Hashable] | None = None, weights: str | None = None) -> AgreementResult:
    """Cohen's kappa for exactly two coders; units missing for either coder are dropped."""
    name = "cohen_kappa" if weights is None else f"cohen_kappa_{weights}"
    table, cats, bad = _two_coder_table(name, units, categories)
    if bad is not None:
        return bad
    return cohen_kappa_from_table(table, weights=weights, categories=cats)


def scott_pi(units: Units, categories: Sequence[Hashable] | None = None) -> AgreementResult:
    """Scott's pi for exactly two coders (pooled marginals); incomplete units dropped."""
    name = "scott_pi"
    table, cats, bad = _two_coder_table(name, units, categories)
    if bad is not None:
        return bad
    n = table.sum()
    p = table / n
    pooled = (p.sum(axis=0) + p.sum(axis=1)) / 2
    po, pe = float(np.trace(p)), float((pooled ** 2).sum())
    common = dict(observed_agreement=po, expected_agreement=pe, n_units=int(n), n_coders=2,
                  n_values=int(2 * n), categories=cats)
    if pe >= 1 - _EPS:
        return undefined(name, "only one category was used (expected agreement 1): pi is 0/0", **common)
    return AgreementResult(coefficient=name, value=(po - pe) / (1 - pe), defined=True, **common)
