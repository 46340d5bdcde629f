"""Standard errors and confidence intervals of the agreement coefficients (analytic).

* Percent agreement, Brennan-Prediger, Gwet's AC1, Fleiss' kappa and Krippendorff's
  alpha (nominal): Gwet's linearisation variances as in his R package irrCAC
  (``pa.coeff.raw``, ``bp.coeff.raw``, ``gwet.ac1.raw``, ``fleiss.kappa.raw``,
  ``krippen.alpha.raw``; Gwet 2014, *Handbook of Inter-Rater Reliability*, ch. 5),
  units as a sample from an infinite population (finite-population correction 0).
  The interval is value +/- t(0.975, n - 1) * SE, capped at 1 as irrCAC prints it (and, unlike
  irrCAC, at 0 below for percent agreement and -1 for the chance-corrected coefficients).
* Cohen's kappa (unweighted, linear, quadratic): the large-sample variance of
  Fleiss, Cohen & Everitt (1969), as SAS PROC FREQ prints it (ASE); the interval
  is value +/- z(0.975) * ASE, clipped to [-1, 1].

Every function takes a units x categories count matrix (``count_matrix(...).counts``)
or a two-coder contingency table and returns an :class:`Interval`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Interval:
    se: float | None
    low: float | None
    high: float | None
    method: str
    n: int = 0  # units the standard error rests on

    def as_dict(self) -> dict:
        return {"se": self.se, "low": self.low, "high": self.high, "method": self.method, "n": self.n}


def _none(method: str, n: int = 0) -> Interval:
    return Interval(None, None, None, method, n)


# --------------------------------------------------------------------------- Student's t quantile


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the regularised incomplete beta function (Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    x = df / (df + t * t)
    tail = 0.5 * _betainc(df / 2.0, 0.5, x)
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """Quantile of Student's t with ``df`` degrees of freedom (bisection on the CDF)."""
    if df <= 0:
        raise ValueError("degrees of freedom must be positive")
    lo, hi = -1e3, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-13:
            break
    return (lo + hi) / 2


# --------------------------------------------------------------------------- Gwet (irrCAC)


def _t_interval(value: float, var: float, n: int, method: str, floor: float = -1.0) -> Interval:
    """value -/+ t * SE; the upper bound capped at 1 (as irrCAC) and the lower at the coefficient's
    floor (0 for percent agreement, -1 for the chance-corrected ones)."""
    if n < 2 or not math.isfinite(var) or var < 0:
        return _none(method, n)
    se = math.sqrt(var)
    half = se * t_quantile(1 - (1 - CONFIDENCE) / 2, n - 1)
    return Interval(se, max(floor, value - half), min(1.0, value + half), method, n)


def _gwet_parts(counts: np.ndarray):
    c = np.asarray(counts, dtype=float)
    r = c.sum(axis=1)
    c, r = c[r > 0], r[r > 0]
    n = len(r)
    n2 = int((r >= 2).sum())
    sum_q = (c * (c - 1)).sum(axis=1)
    den = r * (r - 1)
    den = np.where(den == 0, -1.0, den)  # irrCAC: units rated once add 0
    pa_i = sum_q / den
    pi = (c / r[:, None]).mean(axis=0)
    return c, r, n, n2, pa_i, pi


def gwet_interval(counts: np.ndarray, coefficient: str, value: float, q: int | None = None) -> Interval:
    """SE and CI of 'percent_agreement', 'brennan_prediger', 'gwet_ac1' or 'fleiss_kappa'."""
    method = "Gwet (2014) linearisation variance, t interval"
    c, r, n, n2, pa_i, pi = _gwet_parts(counts)
    if n2 < 2 or n < 2:
        return _none(method, n)
    qq = q or c.shape[1]
    scale = n / n2
    if value is None:
        return _none(method, n)
    with np.errstate(divide="ignore", invalid="ignore"):  # pe = 1: undefined, the interval says so
        if coefficient == "percent_agreement":
            v_i = scale * pa_i
        elif coefficient == "brennan_prediger":
            pe = 1.0 / qq
            v_i = scale * (pa_i - pe * (r >= 2)) / (1 - pe)
        elif coefficient == "gwet_ac1":
            pe = float((pi * (1 - pi)).sum() / (qq - 1))
            pe_i = (c @ (1 - pi)) / r / (qq - 1)
            v_i = scale * (pa_i - pe * (r >= 2)) / (1 - pe) - 2 * (1 - value) * (pe_i - pe) / (1 - pe)
        elif coefficient == "fleiss_kappa":
            pe = float((pi ** 2).sum())
            pe_i = (c @ pi) / r
            v_i = scale * (pa_i - pe * (r >= 2)) / (1 - pe) - 2 * (1 - value) * (pe_i - pe) / (1 - pe)
        else:
            raise ValueError(f"no Gwet variance for {coefficient!r}")
        var = float(((v_i - value) ** 2).sum() / (n * (n - 1)))
    return _t_interval(value, var, n, method, 0.0 if coefficient == "percent_agreement" else -1.0)


def krippendorff_interval(counts: np.ndarray, value: float) -> Interval:
    """Gwet's variance of Krippendorff's alpha (nominal), as irrCAC 1.0 ``krippen.alpha.raw``
    (reproduces its published SE 0.14557 on cac.raw4raters). Units with < 2 values are left out;
    pa' is the observed agreement before the small-sample term 1/n.., alpha' = (pa' - pe)/(1 - pe)."""
    method = "Gwet (2014) linearisation variance, t interval"
    c = np.asarray(counts, dtype=float)
    r = c.sum(axis=1)
    c, r = c[r >= 2], r[r >= 2]
    n = len(r)
    if n < 2:
        return _none(method, n)
    rbar = r.mean()
    eps = 1.0 / r.sum()
    sum_q = (c * (c - 1)).sum(axis=1)
    pa_prime = float((sum_q / (rbar * (r - 1))).mean())
    pa = (1 - eps) * pa_prime + eps
    pi = (c / rbar).mean(axis=0)
    pe = float((pi ** 2).sum())
    if pe >= 1 - 1e-12:
        return _none(method, n)
    alpha_prime = (pa_prime - pe) / (1 - pe)
    pa_i = sum_q / (rbar * (r - 1)) - pa * (r - rbar) / rbar
    k_i = (pa_i - pe) / (1 - pe)
    pe_i = (c @ pi) / rbar - pe * (r - rbar) / rbar
    k_x = k_i - 2 * (1 - alpha_prime) * (pe_i - pe) / (1 - pe)
    var = float(((k_x - alpha_prime) ** 2).sum() / (n * (n - 1)))
    return _t_interval(value, var, n, method)


# --------------------------------------------------------------------------- Cohen (Fleiss, Cohen & Everitt 1969)


def cohen_interval(table, weights: str | None = None) -> Interval:
    """Asymptotic SE (ASE) of Cohen's kappa, unweighted or weighted, and its z interval."""
    from .nominal import _agreement_weights

    method = "Fleiss, Cohen & Everitt (1969) ASE, normal interval"
    t = np.asarray(table, dtype=float)
    n = t.sum()
    if n < 2:
        return _none(method, int(n))
    p = t / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    w = _agreement_weights(t.shape[0], weights)
    po, pe = float((w * p).sum()), float((w * np.outer(rows, cols)).sum())
    if pe >= 1 - 1e-12:
        return _none(method, int(n))
    kappa = (po - pe) / (1 - pe)
    w_row = w @ cols  # w-bar_i. = sum_j p_.j w_ij
    w_col = rows @ w  # w-bar_.j = sum_i p_i. w_ij
    inner = (p * (w - (w_row[:, None] + w_col[None, :]) * (1 - kappa)) ** 2).sum()
    var = (inner - (kappa - pe * (1 - kappa)) ** 2) / ((1 - pe) ** 2 * n)
    if var < -1e-12:
        return _none(method, int(n))
    se = math.sqrt(max(var, 0.0))  # perfect agreement: 0 up to rounding (e.g. -1e-17), not "no interval"
    z = NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / 2)
    return Interval(se, max(-1.0, kappa - z * se), min(1.0, kappa + z * se), method, int(n))


__all__ = ["CONFIDENCE", "Interval", "cohen_interval", "gwet_interval", "krippendorff_interval",
           "t_cdf", "t_quantile"]
