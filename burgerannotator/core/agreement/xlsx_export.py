"""Write an agreement report to an Excel workbook: an About sheet, one sheet per level with one
row per code, document and overall, and coder pairs (three or more coders) on a last sheet.

The workbook goes through the export writer's rules (``core.exports.xlsx_writer``): user text
(coder names, code ids and names, document labels) is written as strings, never formulas; an
undefined statistic is an EMPTY cell (so the column stays numeric for pandas and R) and the
"why undefined" column says why; every sheet has one frozen, filtered header row, widths and a
landscape fit-to-width page setup."""
from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..exports.tables import Table
from ..exports.xlsx_writer import write_tables_workbook
from .level_report import COUNT_LABELS, STAT_LABELS, AgreementReport

SCOPE_NAMES = {"code": "code", "document": "document", "overall": "overall", "scale": "scale"}
WHY = "why undefined"


def _why(labelled: list[tuple[str, object]]) -> str:
    """'label: reason' for each undefined statistic, joined (empty when all are defined)."""
    return "; ".join(f"{label}: {stat.reason or 'undefined'}" for label, stat in labelled
                     if stat is not None and not stat.defined)


def level_table(level: str, rows) -> Table:
    stats, counts = list(STAT_LABELS[level]), list(COUNT_LABELS[level])
    header = (["scope", "code", "name", "document"] + [STAT_LABELS[level][k] for k in stats]
              + [COUNT_LABELS[level][k] for k in counts] + [WHY])
    out = []
    for row in rows:
        scope = "overall (all codes)" if getattr(row, "all_codes", False) else SCOPE_NAMES[row.scope]  # issue 13
        cells = [scope, row.code_id, row.code_name, row.document]
        found = [row.stats.get(k) for k in stats]
        cells += [s.value if s is not None and s.defined else None for s in found]
        cells += [row.counts.get(k) for k in counts]
        cells.append(_why([(STAT_LABELS[level][k], s) for k, s in zip(stats, found)]))
        out.append(cells)
    formats = {4 + j: "stat" for j in range(len(stats))}
    formats[len(header) - 1] = "wrap"
    widths = {0: 10, len(header) - 1: 50}  # code, name, document: as wide as their text (up to 50)
    widths.update({4 + j: 14 for j in range(len(stats) + len(counts))})
    return Table(level.capitalize(), header, out, formats, widths, repeat_columns=2)


def pairs_table(report: AgreementReport) -> Table | None:
    rows = []
    for level, level_rows in report.rows.items():
        for row in level_rows:
            for pair, pstats in row.pairs.items():
                for key, stat in pstats.items():
                    rows.append([level, row.scope, row.code_id or row.document or "Overall", pair,
                                 STAT_LABELS[level].get(key, key), stat.value if stat.defined else None,
                                 "" if stat.defined else (stat.reason or "undefined")])
    if not rows:
        return None
    header = ["level", "scope", "code / document", "coders", "statistic", "value", WHY]
    return Table("Coder pairs", header, rows, {5: "stat", 6: "wrap"},
                 {0: 10, 1: 10, 4: 26, 5: 10, 6: 50}, repeat_columns=3)


def intervals_table(report: AgreementReport) -> Table | None:
    """Issue 13: one row per statistic with a 95 % interval (agreement --ci)."""
    found = [(level, row, key, stat) for level, level_rows in report.rows.items() for row in level_rows
             for key, stat in row.stats.items() if stat.ci is not None and stat.ci.low is not None]
    if not found:
        return None
    minima = [float(a) for a in report.ci.get("minima", [])]
    header = ["level", "row", "statistic", "value", "SE", "95% low", "95% high", "method", "draws", "seed"] + \
        [f"q(alpha < {a:g})" for a in minima]
    rows = []
    for level, row, key, stat in found:
        ci = stat.ci
        rows.append([level, row.label, STAT_LABELS[level].get(key, key), stat.value, getattr(ci, "se", None),
                     ci.low, ci.high, ci.method, getattr(ci, "draws", None) or None,
                     ci.seed if getattr(ci, "draws", None) else None]
                    + [getattr(ci, "q_below", {}).get(a) for a in minima])
    formats = {c: "stat" for c in (3, 4, 5, 6, *range(10, 10 + len(minima)))}
    return Table("Intervals", header, rows, formats, {0: 10, 1: 22, 2: 22, 7: 48}, repeat_columns=2)


def write_agreement_xlsx(report: AgreementReport, path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"{path.name}: the agreement table is written as .xlsx; give a name ending in .xlsx.")
    about = [("Coders", ", ".join(report.coders)), ("Codes", len(report.codes)), ("Documents", report.documents),
             ("Segment overlap share (intersection / union)", report.overlap),
             ("Uncoded documents (document level)", report.uncoded_documents),
             ("Undefined statistics", f"empty cells; the '{WHY}' column says why")]
    about += [("Note", note) for note in report.notes]
    tables = [level_table(level, rows) for level, rows in report.rows.items()]
    extra = [t for t in (intervals_table(report), pairs_table(report)) if t is not None]
    return write_tables_workbook(tables + extra, path, about)


__all__ = ["write_agreement_xlsx", "level_table", "pairs_table", "intervals_table"]
