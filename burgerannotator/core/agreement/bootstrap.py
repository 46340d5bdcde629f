"""Bootstrap distributions of agreement coefficients, with a fixed seed (reproducible).

* :func:`alpha_bootstrap` - Krippendorff's alpha by the algorithm of Hayes &
  Krippendorff (2007) and Krippendorff (2006, *Bootstrapping distributions for
  Krippendorff's alpha*): the expected disagreement D_e stays fixed; each
  bootstrap sample draws, for every unit u with m_u pairable values,
  m_u (m_u - 1) / 2 pairs of values c-k with probability o_ck / n.. (the observed
  coincidences), each weighted 2 / (m_u - 1), so that
  alpha* = 1 - sum(weight * delta2_ck) / (n.. D_e). Reported: the 95 % interval
  (2.5th and 97.5th percentiles) and q(alpha < alpha_min), the share of samples
  below each minimum (by default 0.667 and 0.8). Vectorised: units with the same
  m_u are pooled into one multinomial draw per sample, so 1,000 samples cost
  milliseconds whatever the number of units.
* :func:`cluster_bootstrap` - a unit (cluster) bootstrap for statistics that are
  a ratio of sums over documents (text and segment level): documents are drawn
  with replacement and the statistic recomputed from the summed per-document
  tables, by one matrix product.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from .krippendorff import coincidence_matrix, metric_matrix

DRAWS = 1000
SEED = 20070101  # fixed: the same data give the same interval on every run and machine
MINIMA = (0.667, 0.8)


@dataclass(frozen=True)
class BootstrapResult:
    low: float | None
    high: float | None
    draws: int
    seed: int
    method: str
    q_below: dict = field(default_factory=dict)  # alpha_min -> share of samples below it
    samples: np.ndarray | None = None

    def as_dict(self) -> dict:
        return {"low": self.low, "high": self.high, "draws": self.draws, "seed": self.seed, "method": self.method,
                "q_below": {f"{k:g}": v for k, v in self.q_below.items()}}


def _percentiles(samples: np.ndarray, confidence: float) -> tuple[float, float]:
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return float(low), float(high)


def alpha_bootstrap(counts: np.ndarray, metric: str = "nominal", categories: Sequence | None = None,
                    draws: int = DRAWS, seed: int = SEED, minima: Sequence[float] = MINIMA,
                    confidence: float = 0.95, keep_samples: bool = False) -> BootstrapResult | None:
    """Hayes & Krippendorff bootstrap of alpha from a units x categories count matrix.

    ``categories`` (in their rank order) is needed for the ordinal, interval and ratio
    metrics. Returns ``None`` when alpha is undefined (no pairable values or no variation).
    """
    method = "Hayes & Krippendorff (2007) bootstrap of pairable values"
    counts = np.asarray(counts, dtype=np.int64)
    m = counts.sum(axis=1)
    m = m[m >= 2]
    o = coincidence_matrix(counts)
    marg = o.sum(axis=1)
    n = float(marg.sum())
    if n < 2:
        return None
    cats = list(categories) if categories is not None else list(range(counts.shape[1]))
    delta = metric_matrix(metric, cats, marg)
    d_e = float((np.outer(marg, marg) * delta).sum() / (n * (n - 1)))
    if d_e <= 1e-15:
        return None
    p = (o / n).ravel()
    p = np.clip(p, 0, None)
    p = p / p.sum()
    d_flat = delta.ravel()
    rng = np.random.default_rng(seed)
    total = np.zeros(draws)
    for mu in np.unique(m):
        pairs = int((m == mu).sum()) * int(mu * (mu - 1) // 2)
        sample = rng.multinomial(pairs, p, size=draws)  # draws x categories^2
        total += (2.0 / (mu - 1)) * (sample @ d_flat)
    samples = 1.0 - total / (n * d_e)
    low, high = _percentiles(samples, confidence)
    q = {float(a): float((samples < a).mean()) for a in minima}
    return BootstrapResult(low, high, draws, seed, method, q, samples if keep_samples else None)


def cluster_bootstrap(tables: np.ndarray, statistic: Callable[[np.ndarray], np.ndarray], draws: int = DRAWS,
                      seed: int = SEED, confidence: float = 0.95, minima: Sequence[float] = (),
                      keep_samples: bool = False) -> BootstrapResult | None:
    """Percentile interval of ``statistic(summed tables)`` with documents drawn with replacement.

    ``tables``: documents x k additive sufficient statistics (e.g. the four cells of a
    character table); ``statistic`` maps a draws x k array of summed tables to draws
    values (NaN where undefined; such samples are left out).
    """
    method = "bootstrap over documents (percentile interval)"
    tables = np.asarray(tables, dtype=float)
    n_docs = len(tables)
    if n_docs < 2:
        return None
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=draws)  # draws x documents
    with np.errstate(divide="ignore", invalid="ignore"):
        samples = np.asarray(statistic(weights @ tables), dtype=float)
    samples = samples[np.isfinite(samples)]
    if len(samples) < draws // 2:
        return None
    low, high = _percentiles(samples, confidence)
    q = {float(a): float((samples < a).mean()) for a in minima}
    return BootstrapResult(low, high, len(samples), seed, method, q, samples if keep_samples else None)


__all__ = ["BootstrapResult", "DRAWS", "MINIMA", "SEED", "alpha_bootstrap", "cluster_bootstrap"]
