"""Agreement on a project at four levels, per code, per document and overall.

``agreement(project, coders=None, codes=None, levels=LEVELS, overlap=0.9)``
returns an :class:`AgreementReport`. Coders default to every human coder who
has coded something (at least two), codes to every leaf code.

* document: the matrix question, is code X present in document Y? Each
  (document, code) is a unit with one 0/1 judgement per coder. Per code the
  units are the documents, per document the codes, overall every pair.
  Percent agreement, Cohen's kappa (exactly two coders; each pair is listed
  otherwise), Fleiss' kappa, Brennan-Prediger (q = 2), Gwet's AC1 and
  Krippendorff's alpha (nominal). With ``uncoded_documents='missing'`` (the
  default) a document a coder coded nothing in - no live segment of ANY code,
  not only the chosen ones - counts as not judged by that coder (missing);
  with ``'absent'`` as "nothing present".
* Pooled rows (per document, overall) of the document and text levels count the
  codes used by at least one chosen coder; the codes nobody used are listed in
  ``report.excluded_codes`` and an extra overall row (``all_codes=True``) keeps
  the figure over every chosen code. (Unanimous zeros of unused codes would
  raise percent agreement, Brennan-Prediger and AC1.)
* ``ci=True`` adds 95 % intervals (``Stat.ci``): Gwet's variances for percent
  agreement, Fleiss, Brennan-Prediger, AC1 (:mod:`.variance`), the Fleiss-Cohen-
  Everitt ASE for Cohen's kappa, the Hayes & Krippendorff bootstrap for alpha
  with q(alpha < minimum) (:mod:`.bootstrap`); at the segment and text levels a
  bootstrap over documents (per code and overall rows). Fixed seed.
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
from ..models import ScaleValue, Segment, live_coding
from ._base import count_matrix
from .bootstrap import DRAWS, MINIMA, SEED, alpha_bootstrap
from .coding_data import CodingData, load_coding
from .coefficients import (brennan_prediger, cohen_kappa, fleiss_kappa, gwet_ac1, krippendorff_alpha,
                           percent_agreement)
from .krippendorff import METRICS
from .variance import cohen_interval, gwet_interval
from .level_report import LEVELS, AgreementReport, AgreementRow, Stat
from .segment_level import DEFAULT_OVERLAP, check_overlap, segment_level
from .text_level import text_level

PRESENCE = (0, 1)
UNCODED = ("missing", "absent")
_COHEN_TWO = "Cohen's kappa is defined for exactly two coders (see the coder pairs, Fleiss or Krippendorff)"


def _presence_stats(units: list[list], n_coders: int, ci: dict | None = None) -> dict[str, Stat]:
    stats = {
        "percent_agreement": Stat.of(percent_agreement(units, categories=PRESENCE)),
        "cohen_kappa": Stat.of(cohen_kappa(units, categories=PRESENCE)) if n_coders == 2 else Stat(None, _COHEN_TWO),
        "fleiss_kappa": Stat.of(fleiss_kappa(units, categories=PRESENCE)),
        "brennan_prediger": Stat.of(brennan_prediger(units, q=2, categories=PRESENCE)),
        "gwet_ac1": Stat.of(gwet_ac1(units, categories=PRESENCE)),
        "krippendorff_alpha": Stat.of(krippendorff_alpha(units, "nominal", categories=PRESENCE)),
    }
    if ci is None:
        return stats
    counts = count_matrix(units, PRESENCE).counts
    intervals = {}
    for key in ("percent_agreement", "fleiss_kappa", "brennan_prediger", "gwet_ac1"):
        if stats[key].defined:
            intervals[key] = gwet_interval(counts, key, stats[key].value, q=2)
    if stats["cohen_kappa"].defined:
        table = np.zeros((2, 2))
        for a, b in units:
            if a is not None and b is not None:
                table[a, b] += 1
        intervals["cohen_kappa"] = cohen_interval(table)
    if stats["krippendorff_alpha"].defined:
        intervals["krippendorff_alpha"] = alpha_bootstrap(counts, "nominal", PRESENCE, **ci)
    return {k: Stat(v.value, v.reason, intervals.get(k)) for k, v in stats.items()}


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


def check_uncoded(uncoded_documents: str) -> str:
    if uncoded_documents not in UNCODED:
        raise UserError(f"uncoded_documents must be 'absent' or 'missing', not '{uncoded_documents}'.")
    return uncoded_documents


def coded_documents(project, data: CodingData) -> np.ndarray:
    """coders x documents: the coder has at least one live segment of ANY code in the document."""
    coder_ix = {c.id: i for i, c in enumerate(data.coders)}
    doc_ix = {d.id: i for i, d in enumerate(data.documents)}
    seen = np.zeros((len(data.coders), len(data.documents)), dtype=bool)
    rows = project.session.execute(
        select(Segment.coder_id, Segment.document_id).where(
            live_coding(), Segment.coder_id.in_(list(coder_ix))).distinct())
    for coder_id, doc_id in rows:
        if doc_id in doc_ix:
            seen[coder_ix[coder_id], doc_ix[doc_id]] = True
    return seen


def used_codes(data: CodingData) -> np.ndarray:
    """Per chosen code: at least one chosen coder has a live segment of it."""
    used = np.zeros(len(data.codes), dtype=bool)
    used[np.unique(data.code)] = True
    return used


def presence_array(data: CodingData, uncoded_documents: str = "missing", seen: np.ndarray | None = None) -> np.ndarray:
    """coders x documents x codes: 1 present, 0 absent, -1 missing (see module doc).

    ``seen`` (coders x documents, from :func:`coded_documents`) says who coded anything in a
    document; without it only the chosen codes are looked at."""
    check_uncoded(uncoded_documents)
    values = np.zeros((len(data.coders), len(data.documents), len(data.codes)), dtype=np.int8)
    values[data.coder, data.document, data.code] = 1
    if uncoded_documents == "missing":
        if seen is None:
            seen = values.any(axis=2)
        values[~seen] = -1
    return values


def document_level(data: CodingData, uncoded_documents: str = "missing", seen: np.ndarray | None = None,
                   used: np.ndarray | None = None, ci: dict | None = None) -> list[AgreementRow]:
    values = presence_array(data, uncoded_documents, seen)
    used = np.ones(len(data.codes), bool) if used is None else used
    n_coders = len(data.coders)
    names = [c.name for c in data.coders]
    pairs = list(combinations(range(n_coders), 2))

    def row(vals: np.ndarray, with_pairs: bool, **ident) -> AgreementRow:
        units = _units(vals)
        r = AgreementRow(level="document", stats=_presence_stats(units, n_coders, ci), counts=_presence_counts(vals),
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
    rows += [row(values[:, d, used], False, scope="document", document=doc.label, document_uuid=doc.uuid)
             for d, doc in enumerate(data.documents)]
    rows.append(row(values[:, :, used].reshape(n_coders, -1), True, scope="overall"))
    if not used.all():
        rows.append(row(values.reshape(n_coders, -1), True, scope="overall", all_codes=True))
    return rows


def _weighted_kappas(units: list[list], categories: list, metric: str, with_ci: bool) -> dict[str, Stat]:
    """Linear and quadratic weighted Cohen's kappa over the scale's values in order (two coders)."""
    if metric == "nominal":
        return {}
    if len(units[0]) != 2:
        why = Stat(None, "weighted Cohen's kappa is defined for exactly two coders")
        return {"cohen_kappa_linear": why, "cohen_kappa_quadratic": why}
    out = {}
    for weights in ("linear", "quadratic"):
        result = cohen_kappa(units, categories=categories, weights=weights)
        stat = Stat.of(result)
        if with_ci and stat.defined:
            index = {c: i for i, c in enumerate(categories)}
            table = np.zeros((len(categories), len(categories)))
            for a, b in units:
                if a is not None and b is not None:
                    table[index[a], index[b]] += 1
            stat = Stat(stat.value, "", cohen_interval(table, weights))
        out[f"cohen_kappa_{weights}"] = stat
    return out


def scale_level(project, data: CodingData, ci: dict | None = None) -> list[AgreementRow]:
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
            pa = percent_agreement(units, categories=categories)
            r.stats = {"krippendorff_alpha": Stat.of(alpha), "percent_agreement": Stat.of(pa)}
            if ci is not None:
                counts = count_matrix(units, categories).counts
                r.stats = {
                    "krippendorff_alpha": Stat(r.stats["krippendorff_alpha"].value, r.stats["krippendorff_alpha"].reason,
                                               alpha_bootstrap(counts, metric, categories, **ci) if alpha.defined
                                               else None),
                    "percent_agreement": Stat(pa.value if pa.defined else None, "" if pa.defined else pa.reason,
                                              gwet_interval(counts, "percent_agreement", pa.value) if pa.defined
                                              else None)}
            r.stats.update(_weighted_kappas(units, categories, metric, ci is not None))
        else:
            none = Stat(None, f"no document has a {scale.scale_id} value by these coders")
            r.stats = {"krippendorff_alpha": none, "percent_agreement": none}
            if metric != "nominal":
                r.stats.update({"cohen_kappa_linear": none, "cohen_kappa_quadratic": none})
        r.counts = {"units": len(units), "pairable": sum(1 for u in units if sum(x is not None for x in u) >= 2)}
        r.pairs = {}
        rows.append(r)
    return rows


def agreement(project, coders=None, codes=None, levels=LEVELS, overlap: float = DEFAULT_OVERLAP,
              uncoded_documents: str = "missing", ci: bool = False, draws: int = DRAWS, seed: int = SEED,
              minima=MINIMA) -> AgreementReport:
    """Agreement of the chosen coders on the chosen codes at the chosen levels (see the module doc)."""
    if isinstance(levels, str):
        levels = (levels,)
    unknown = [lvl for lvl in levels if lvl not in LEVELS]
    if unknown:
        raise UserError(f"Unknown agreement level '{unknown[0]}'; use {', '.join(LEVELS)}.")
    overlap = check_overlap(overlap)
    check_uncoded(uncoded_documents)
    if ci and not 100 <= int(draws) <= 100_000:
        raise UserError(f"The bootstrap takes 100 to 100,000 draws, not {draws}.")
    if ci and int(seed) < 0:
        raise UserError(f"The bootstrap seed is a whole number 0 or more, not {seed}.")
    if ci and (not minima or any(not -1 <= float(a) <= 1 for a in minima)):
        raise UserError("Give minimum alphas between -1 and 1 (e.g. 0.667,0.8).")
    boot = {"draws": int(draws), "seed": int(seed), "minima": tuple(float(a) for a in minima)} if ci else None
    t0 = time.perf_counter()
    data = load_coding(project, coders, codes)
    used = used_codes(data)
    if not used.any():
        used[:] = True
    seen = coded_documents(project, data) if "document" in levels and uncoded_documents == "missing" else None
    report = AgreementReport(coders=[c.name for c in data.coders], codes=[c.code_id for c in data.codes],
                             documents=len(data.documents), overlap=overlap, uncoded_documents=uncoded_documents,
                             excluded_codes=[c.code_id for c, u in zip(data.codes, used) if not u])
    if boot:
        report.ci = dict(boot, minima=list(boot["minima"]), confidence=0.95)
    report.seconds["load"] = time.perf_counter() - t0
    compute = {"document": lambda: document_level(data, uncoded_documents, seen, used, boot),
               "segment": lambda: segment_level(data, overlap, ci=bool(boot)),
               "text": lambda: text_level(data, used, ci=bool(boot)),
               "scale": lambda: scale_level(project, data, boot)}
    for level in LEVELS:
        if level in levels:
            t = time.perf_counter()
            report.rows[level] = compute[level]()
            report.seconds[level] = time.perf_counter() - t
    if len(data) == 0:
        report.notes.append("These coders have no live segments of these codes.")
    if "document" in levels:
        if uncoded_documents == "missing":
            n_missing = int((~seen).sum()) if seen is not None else 0
            report.notes.append(f"Document level: a document a coder coded nothing in (no segment of any code) "
                                f"counts as missing for that coder, not as 'absent' ({n_missing} coder-document "
                                f"pair(s)); --uncoded absent counts it as absent.")
        else:
            report.notes.append("Document level: a document a coder coded nothing in counts as 'absent' for every "
                                "code (--uncoded absent).")
    if uncoded_documents == "missing" and ("segment" in levels or "text" in levels):
        report.notes.append("Segment and text levels: every document's text counts for every coder, also a "
                            "document a coder coded nothing in (--uncoded applies to the document level).")
    if report.excluded_codes and ("document" in levels or "text" in levels):
        report.notes.append(f"Pooled rows (per document, overall) leave out {len(report.excluded_codes)} code(s) "
                            f"nobody used: {', '.join(report.excluded_codes)}; 'Overall (all codes)' includes them.")
    return report


__all__ = ["agreement", "document_level", "segment_level", "text_level", "scale_level", "presence_array",
           "coded_documents", "used_codes", "check_uncoded", "LEVELS", "DEFAULT_OVERLAP", "UNCODED"]
