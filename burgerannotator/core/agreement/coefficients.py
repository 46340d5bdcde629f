"""Inter-coder agreement coefficients on a reliability matrix (pure Python/numpy).

Input: a sequence of units, each a sequence with one entry per coder holding a
category value or ``None`` for a missing judgement.  Every function returns an
:class:`AgreementResult`; undefined cases (no variation, fewer than two
pairable values, fewer than two coders) give ``defined=False, value=None`` and
a ``reason``.
"""

from ._base import AgreementResult, count_matrix, units_from_counts, units_from_table
from .krippendorff import coincidence_matrix, krippendorff_alpha
from .nominal import (
    brennan_prediger,
    cohen_kappa,
    cohen_kappa_from_table,
    fleiss_kappa,
    gwet_ac1,
    percent_agreement,
    scott_pi,
)

__all__ = [
    "AgreementResult",
    "brennan_prediger",
    "coincidence_matrix",
    "cohen_kappa",
    "cohen_kappa_from_table",
    "count_matrix",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "percent_agreement",
    "scott_pi",
    "units_from_counts",
    "units_from_table",
]
