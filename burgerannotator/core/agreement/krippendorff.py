"""Krippendorff's alpha for a reliability matrix (units x coders, None = missing).

Standard coincidence-matrix algorithm (Krippendorff 2011, *Computing
Krippendorff's Alpha-Reliability*):

* only units with at least two values are pairable; in unit u with m_u values
  every ordered pair of values from different coders adds 1/(m_u - 1) to the
  coincidence o_ck;
* n_c = sum_k o_ck, n = sum_c n_c (number of pairable values);
* D_o = sum_ck o_ck delta2_ck / n,  D_e = sum_ck n_c n_k delta2_ck / (n (n - 1));
* alpha = 1 - D_o / D_e.

Metrics: nominal, ordinal (rank-based over the values present),
interval ((c-k)^2) and ratio (((c-k)/(c+k))^2).
"""

from __future__ import annotations

from typing import Hashable, Sequence

import numpy as np

from ._base import AgreementResult, Units, count_matrix, undefined

METRICS = ("nominal", "ordinal", "interval", "ratio")


def coincidence_matrix(counts: np.ndarray) -> np.ndarray:
    """Coincidence matrix from per-unit category counts (units with < 2 values ignored)."""
    m = counts.sum(axis=1)
    c = counts[m >= 2].astype(float)
    w = 1.0 / (m[m >= 2] - 1.0)
    weighted = c * w[:, None]
    return weighted.T @ c - np.diag(weighted.sum(axis=0))


def metric_matrix(metric: str, categories: Sequence, marginals: np.ndarray) -> np.ndarray:
    """Squared distances delta2_ck for the given categories (in ordinal order)."""
    k = len(categories)
    if metric == "nominal":
        return 1.0 - np.eye(k)
    if metric == "ordinal":
        # delta_ck = sum_{g=c..k} n_g - (n_c + n_k)/2, for c <= k in category order.
        cum = np.concatenate([[0.0], np.cumsum(marginals)])
        lo = np.minimum.outer(np.arange(k), np.arange(k))
        hi = np.maximum.outer(np.arange(k), np.arange(k))
        between = cum[hi + 1] - cum[lo]
        d = between - (marginals[:, None] + marginals[None, :]) / 2.0
        return d ** 2
    try:
        v = np.asarray([float(x) for x in categories])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{metric} metric needs numeric values") from exc
    diff = v[:, None] - v[None, :]
    if metric == "interval":
        return diff ** 2
    if metric == "ratio":
        total = v[:, None] + v[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(total == 0, 0.0, diff / np.where(total == 0, 1.0, total))
        return r ** 2
    raise ValueError(f"unknown metric {metric!r}; use one of {METRICS}")


def krippendorff_alpha(units: Units, metric: str = "nominal",
                       categories: Sequence[Hashable] | None = None) -> AgreementResult:
    """Krippendorff's alpha for any number of coders with missing values.

    ``categories`` optionally fixes the value set; for the ordinal metric its
    order is the rank order (by default values are sorted, numbers numerically).

    ``details``: ``coincidences`` (numpy array, rows/cols in ``categories``
    order), ``marginals``, and for the nominal metric Gwet's irrCAC
    presentation ``irrcac_pa``/``irrcac_pe`` (alpha = (pa - pe)/(1 - pe)).
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; use one of {METRICS}")
    name = f"krippendorff_alpha_{metric}"
    cm = count_matrix(units, categories)
    common = dict(n_coders=cm.n_coders, categories=cm.categories)
    if cm.n_coders < 2:
        return undefined(name, "fewer than 2 coders", **common)
    pairable = cm.counts.sum(axis=1) >= 2
    n_units = int(pairable.sum())
    o = coincidence_matrix(cm.counts)
    marg = o.sum(axis=1)
    n = float(marg.sum())
    common.update(n_units=n_units, n_values=int(round(n)))
    if n < 2:
        return undefined(name, "fewer than 2 pairable values (no unit coded by 2 or more coders)", **common)
    delta = metric_matrix(metric, cm.categories, marg)
    d_o = float((o * delta).sum() / n)
    d_e = float((np.outer(marg, marg) * delta).sum() / (n * (n - 1)))
    details = {"coincidences": o, "marginals": dict(zip(cm.categories, map(float, marg)))}
    common.update(observed_disagreement=d_o, expected_disagreement=d_e, details=details)
    if d_e <= 1e-15:
        return undefined(name, "no variation in the pairable values (expected disagreement 0): alpha is 0/0", **common)
    alpha = 1.0 - d_o / d_e
    if metric == "nominal":
        pe = float(((marg / n) ** 2).sum())
        details["irrcac_pe"] = pe
        details["irrcac_pa"] = 1.0 - (1.0 - alpha) * (1.0 - pe)
    return AgreementResult(coefficient=name, value=alpha, defined=True, **common)
