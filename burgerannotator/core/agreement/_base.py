"""Shared result type and input helpers for the agreement statistics.

A *reliability matrix* is a sequence of units; each unit is a sequence with one
entry per coder holding a category value, or ``None`` (or a float NaN) for a
missing judgement.  Every coder must have the same position in every unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable, Mapping, Sequence

import numpy as np

Units = Sequence[Sequence[Hashable | None]]


@dataclass(frozen=True)
class AgreementResult:
    """Outcome of one agreement coefficient.

    ``value`` is ``None`` whenever ``defined`` is False; ``reason`` then says why
    (it is empty for defined results).  Kappa-type coefficients fill the
    ``observed_agreement``/``expected_agreement`` fields, alpha-type ones the
    ``*_disagreement`` fields; the others stay ``None``.
    """

    coefficient: str
    value: float | None
    defined: bool
    reason: str = ""
    observed_agreement: float | None = None
    expected_agreement: float | None = None
    observed_disagreement: float | None = None
    expected_disagreement: float | None = None
    n_units: int = 0  # units actually used (e.g. rated by >= 2 coders)
    n_coders: int = 0
    n_values: int = 0  # pairable values (judgements) used
    categories: tuple = ()
    details: Mapping[str, Any] = field(default_factory=dict)


def undefined(coefficient: str, reason: str, **kwargs: Any) -> AgreementResult:
    return AgreementResult(coefficient=coefficient, value=None, defined=False, reason=reason, **kwargs)


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _sort_key(value: Any) -> tuple:
    # Numbers sort numerically, everything else by its string form after numbers.
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def ordered_categories(values: Iterable[Hashable]) -> list:
    return sorted(set(values), key=_sort_key)


@dataclass(frozen=True)
class CountMatrix:
    counts: np.ndarray  # units x categories, number of coders choosing each category
    categories: tuple
    n_coders: int


def count_matrix(units: Units, categories: Sequence[Hashable] | None = None) -> CountMatrix:
    """Turn a reliability matrix into per-unit category counts.

    Units without any judgement are dropped.  ``categories`` fixes the category
    set and its order (values outside it raise ``ValueError``); by default the
    categories are those observed, numbers sorted numerically.
    """
    rows = [list(u) for u in units]
    n_coders = max((len(r) for r in rows), default=0)
    if any(len(r) != n_coders for r in rows):
        raise ValueError("every unit must have one entry per coder (use None for missing)")
    observed = [v for r in rows for v in r if not is_missing(v)]
    if categories is None:
        cats = ordered_categories(observed)
    else:
        cats = list(categories)
        if len(set(cats)) != len(cats):
            raise ValueError("categories contain duplicates")
        unknown = set(observed) - set(cats)
        if unknown:
            raise ValueError(f"values not among the given categories: {sorted(map(str, unknown))}")
    index = {c: i for i, c in enumerate(cats)}
    counts = np.zeros((len(rows), len(cats)), dtype=np.int64)
    for u, r in enumerate(rows):
        for v in r:
            if not is_missing(v):
                counts[u, index[v]] += 1
    counts = counts[counts.sum(axis=1) > 0]
    return CountMatrix(counts=counts, categories=tuple(cats), n_coders=n_coders)


def units_from_table(table: Sequence[Sequence[int]], categories: Sequence[Hashable] | None = None) -> list[list]:
    """Expand a two-coder contingency table (rows coder 1, columns coder 2) into units."""
    k = len(table)
    if any(len(row) != k for row in table):
        raise ValueError("contingency table must be square")
    cats = list(categories) if categories is not None else list(range(1, k + 1))
    units: list[list] = []
    for i, row in enumerate(table):
        for j, n in enumerate(row):
            units.extend([[cats[i], cats[j]] for _ in range(int(n))])
    return units


def units_from_counts(counts: Sequence[Sequence[int]], categories: Sequence[Hashable] | None = None) -> list[list]:
    """Expand a unit-by-category count table into a reliability matrix.

    Rows with fewer ratings than the largest row are padded with ``None``.
    The assignment of ratings to coder columns is arbitrary, so only use this
    for coefficients that do not depend on coder identity.
    """
    k = len(counts[0]) if counts else 0
    cats = list(categories) if categories is not None else list(range(1, k + 1))
    width = max((sum(int(n) for n in row) for row in counts), default=0)
    units = []
    for row in counts:
        unit = [cats[j] for j, n in enumerate(row) for _ in range(int(n))]
        units.append(unit + [None] * (width - len(unit)))
    return units
