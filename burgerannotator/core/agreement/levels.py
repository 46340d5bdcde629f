"""Agreement on a project at four levels, per code, per document and overall.

``agreement(project, coders=None, codes=None, levels=LEVELS, overlap=0.9)``
returns an :class:`AgreementReport`. Coders default to every human coder who
has coded something (at least two), codes to every leaf code.

* document: the matrix question, is code X present in document Y? Each
  (document, code) is a unit with one 0/1 judgement per coder. Per code the
  units are the documents, per document the codes, overall every pair.
  Percent agreement, Cohen's kappa (exactly two coders; each pair is listed
  otherwise), Fleiss' kappa, Brennan-Prediger (q = 2), Gwet's AC1 and
  Krippendorff's alpha (nominal). With ``uncoded_documents='missing'`` a
  document a coder coded nothing in counts as not judged by that coder
  (missing) instead of "nothing present".
* segment: see :mod:`.segment_level` (overlap share = intersection / union).
* text: see :mod:`.text_level`.
* scale: Krippendorff's alpha on each document scale (DIEPGANG: ordinal),
  documents as units, missing values allowed; plus percent agreement.
"""
from __future__ import annotations

import time
from itertools import combinations

import numpy as np
from sqlalchemy import select

from ..codebook import scales
from ..errors import UserError
from ..models import ScaleValue
from .coding_data import CodingData, load_coding
from .coefficients import (brennan_prediger, cohen_kappa, fleiss_kappa, gwet_ac1, krippendorff_alpha,
                           percent_agreement)
from .krippendorff import METRICS
from .level_report import LEVELS, AgreementReport, AgreementRow, Stat
from .segment_level import DEFAULT_OVERLAP, check_overlap, segment_level
from .text_level import text_level

PRESENCE = (0, 1)
_COHEN_TWO = "Cohen's kappa is defined for exactly two coders (see the coder pairs, Fleiss or Krippendorff)"


def _presence_stats(units: list[list], n_coders: int) -> dict[str, Stat]:
    return {
        "percent_agreement": Stat.of(percent_agreement(units, categories=PRESENCE)),
        "cohen_kappa": Stat.of(cohen_kappa(units, categories=PRESENCE)) if n_coders == 2 else Stat(None, _COHEN_TWO),
        "fleiss_kappa": Stat.of(fleiss_kappa(units, categories=PRESENCE)),
        "brennan_prediger": Stat.of(brennan_prediger(units, q=2, categories=PRESENCE)),
        "gwet_ac1": Stat.of(gwet_ac1(units, categories=PRESENCE)),
        "krippendorff_alpha": Stat.of(krippendorff_alpha(units, "nominal", categories=PRESENCE)),
    }


def _presence_counts(values: np.ndarray) -> dict[str, int]:
    """values: coders x units, 1 present, 0 absent, -1 missing."""
    judged = (values >= 0).sum(axis=0)
    pairable = judged >= 2
    present = (values == 1).any(axis=0)
    ones, zeros = (values == 1).sum(axis=0), (values == 0).sum(axis=0)
    unanimous = pairable & ((ones == judged) | (zeros == judged))
    return {"units": int(pairable.sum()), "present": int(present.sum()), "unanimous": int(unanimous.sum())}


def _units(values: np.ndarray) -> list[list]:
    """coders x units int array -> units x coders lists with None for missing."""
    return [[None if v < 0 else int(v) for v in unit] for unit in values.T.tolist()]


def presence_array(data: CodingData, uncoded_documents: str = "absent") -> np.ndarray:
    """coders x documents x codes: 1 present, 0 absent, -1 missing (see module doc)."""
    values = np.zeros((len(data.coders), len(data.documents), len(data.codes)), dtype=np.int8)
    values[data.coder, data.document, data.code] = 1
    if uncoded_documents == "missing":
        seen = values.any(axis=2)
        values[~seen] = -1
    elif uncoded_documents != "absent":
        raise UserError(f"uncoded_documents must be 'absent' or 'missing', not '{uncoded_documents}'.")
    return values


def document_level(data: CodingData, uncoded_documents: str = "absent") -> list[AgreementRow]:
    values = presence_array(data, uncoded_documents)
    n_coders = len(data.coders)
    names = [c.name for c in data.coders]
    pairs = list(combinations(range(n_coders), 2))

    def row(vals: np.ndarray, with_pairs: bool, **ident) -> AgreementRow:
        units = _units(vals)
        r = AgreementRow(level="document", stats=_presence_stats(units, n_coders), counts=_presence_counts(vals),
                         **ident)
        if with_pairs and len(pairs) > 1:
            for a, b in pairs:
                sub = [[u[a], u[b]] for u in units]
                r.pairs[f"{names[a]} | {names[b]}"] = {
                    "percent_agreement": Stat.of(percent_agreement(sub, categories=PRESENCE)),
                    "cohen_kappa": Stat.of(cohen_kappa(sub, categories=PRESENCE))}
        return r

    rows = [row(values[:, :, k], True, scope="code", code_id=c.code_id, code_name=c.name)
            for k, c in enumerate(data.codes)]
    rows += [row(values[:, d, :], False, scope="document", document=doc.label, document_uuid=doc.uuid)
             for d, doc in enumerate(data.documents)]
    rows.append(row(values.reshape(n_coders, -1), True, scope="overall"))
    return rows


def scale_level(project, data: CodingData) -> list[AgreementRow]:
    coder_ix = {c.id: i for i, c in enumerate(data.coders)}
    doc_ix = {d.id: i for i, d in enumerate(data.documents)}
    rows = []
    for scale in scales(project):
        grid = [[None] * len(data.coders) for _ in data.documents]
        for v in project.session.scalars(select(ScaleValue).where(ScaleValue.scale_pk == scale.id)):
            if v.coder_id in coder_ix and v.document_id in doc_ix and v.value is not None:
                grid[doc_ix[v.document_id]][coder_ix[v.coder_id]] = v.value
        metric = scale.level if scale.level in METRICS else "ordinal"
        categories = sorted({v["value"] for v in scale.values} | {x for u in grid for x in u if x is not None})
        units = [u for u in grid if any(x is not None for x in u)]
        r = AgreementRow(level="scale", scope="scale", code_id=scale.scale_id, code_name=scale.name)
        if units:
            alpha = krippendorff_alpha(units, metric, categories=categories)
            r.stats = {"krippendorff_alpha": Stat.of(alpha),
                       "percent_agreement": Stat.of(percent_agreement(units, categories=categories))}
        else:
            none = Stat(None, f"no document has a {scale.scale_id} value by these coders")
            r.stats = {"krippendorff_alpha": none, "percent_agreement": none}
        r.counts = {"units": len(units), "pairable": sum(1 for u in units if sum(x is not None for x in u) >= 2)}
        r.pairs = {}
        rows.append(r)
    return rows


def agreement(project, coders=None, codes=None, levels=LEVELS, overlap: float = DEFAULT_OVERLAP,
              uncoded_documents: str = "absent") -> AgreementReport:
    """Agreement of the chosen coders on the chosen codes at the chosen levels."""
    if isinstance(levels, str):
        levels = (levels,)
    unknown = [lvl for lvl in levels if lvl not in LEVELS]
    if unknown:
        raise UserError(f"Unknown agreement level '{unknown[0]}'; use {', '.join(LEVELS)}.")
    overlap = check_overlap(overlap)
    t0 = time.perf_counter()
    data = load_coding(project, coders, codes)
    report = AgreementReport(coders=[c.name for c in data.coders], codes=[c.code_id for c in data.codes],
                             documents=len(data.documents), overlap=overlap)
    report.seconds["load"] = time.perf_counter() - t0
    compute = {"document": lambda: document_level(data, uncoded_documents),
               "segment": lambda: segment_level(data, overlap),
               "text": lambda: text_level(data),
               "scale": lambda: scale_level(project, data)}
    for level in LEVELS:
        if level in levels:
            t = time.perf_counter()
            report.rows[level] = compute[level]()
            report.seconds[level] = time.perf_counter() - t
    if len(data) == 0:
        report.notes.append("These coders have no live segments of these codes.")
    return report


__all__ = ["agreement", "document_level", "segment_level", "text_level", "scale_level", "presence_array",
           "LEVELS", "DEFAULT_OVERLAP"]
