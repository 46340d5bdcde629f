"""Write an agreement report to an Excel workbook: one sheet per level, one row per
code, document and overall; an undefined value is the word 'undefined' with its
reason as a cell comment; coder pairs (three or more coders) on a last sheet."""
from __future__ import annotations

from pathlib import Path

import xlsxwriter

from ..errors import UserError
from .level_report import COUNT_LABELS, STAT_LABELS, AgreementReport

SCOPE_NAMES = {"code": "code", "document": "document", "overall": "overall", "scale": "scale"}


def write_agreement_xlsx(report: AgreementReport, path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"{path.name}: the agreement table is written as .xlsx; give a name ending in .xlsx.")
    try:
        book = xlsxwriter.Workbook(str(path))
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    bold = book.add_format({"bold": True})
    number = book.add_format({"num_format": "0.000"})
    grey = book.add_format({"font_color": "#888888", "italic": True})
    about = book.add_worksheet("About")
    about.write_row(0, 0, ["Coders", ", ".join(report.coders)])
    about.write_row(1, 0, ["Codes", len(report.codes)])
    about.write_row(2, 0, ["Documents", report.documents])
    about.write_row(3, 0, ["Segment overlap share (intersection / union)", report.overlap])
    about.write_row(4, 0, ["Uncoded documents (document level)", report.uncoded_documents])
    for i, note in enumerate(report.notes):
        about.write(5 + i, 0, note)
    about.set_column(0, 0, 44)
    pair_rows = []
    for level, rows in report.rows.items():
        sheet = book.add_worksheet(level.capitalize())
        stats, counts = list(STAT_LABELS[level]), list(COUNT_LABELS[level])
        header = ["scope", "code", "name", "document"] + [STAT_LABELS[level][k] for k in stats] + \
            [COUNT_LABELS[level][k] for k in counts]
        sheet.write_row(0, 0, header, bold)
        for r, row in enumerate(rows, start=1):
            scope = "overall (all codes)" if row.all_codes else SCOPE_NAMES[row.scope]  # issue 13
            sheet.write_row(r, 0, [scope, row.code_id, row.code_name, row.document])
            for c, key in enumerate(stats, start=4):
                stat = row.stats.get(key)
                if stat is None:
                    continue
                if stat.defined:
                    sheet.write_number(r, c, stat.value, number)
                else:
                    sheet.write_string(r, c, "undefined", grey)
                    sheet.write_comment(r, c, stat.reason)
            for c, key in enumerate(counts, start=4 + len(stats)):
                if key in row.counts:
                    sheet.write_number(r, c, row.counts[key])
            for pair, pstats in row.pairs.items():
                for key, stat in pstats.items():
                    pair_rows.append((level, row.scope, row.code_id or row.document or "Overall", pair,
                                      STAT_LABELS[level].get(key, key), stat))
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 3, 22)
        sheet.set_column(4, len(header), 14)
        sheet.freeze_panes(1, 1)
    _write_intervals(book, report, bold, number)
    if pair_rows:
        sheet = book.add_worksheet("Coder pairs")
        sheet.write_row(0, 0, ["level", "scope", "code / document", "coders", "statistic", "value"], bold)
        for r, (level, scope, what, pair, label, stat) in enumerate(pair_rows, start=1):
            sheet.write_row(r, 0, [level, scope, what, pair, label])
            if stat.defined:
                sheet.write_number(r, 5, stat.value, number)
            else:
                sheet.write_string(r, 5, "undefined", grey)
                sheet.write_comment(r, 5, stat.reason)
    try:
        book.close()
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    return path


def _write_intervals(book, report: AgreementReport, bold, number) -> None:
    """Issue 13: one row per statistic with a 95 % interval (agreement --ci)."""
    rows = [(level, row, key, stat) for level, level_rows in report.rows.items() for row in level_rows
            for key, stat in row.stats.items() if stat.ci is not None and stat.ci.low is not None]
    if not rows:
        return
    minima = [float(a) for a in report.ci.get("minima", [])]
    sheet = book.add_worksheet("Intervals")
    sheet.write_row(0, 0, ["level", "row", "statistic", "value", "SE", "95% low", "95% high", "method", "draws",
                           "seed"] + [f"q(alpha < {a:g})" for a in minima], bold)
    for r, (level, row, key, stat) in enumerate(rows, start=1):
        ci = stat.ci
        sheet.write_row(r, 0, [level, row.label, STAT_LABELS[level].get(key, key)])
        for c, v in ((3, stat.value), (4, getattr(ci, "se", None)), (5, ci.low), (6, ci.high)):
            if v is not None:
                sheet.write_number(r, c, v, number)
        sheet.write_string(r, 7, ci.method)
        if getattr(ci, "draws", None):
            sheet.write_row(r, 8, [ci.draws, ci.seed])
        for c, a in enumerate(minima, start=10):
            if a in getattr(ci, "q_below", {}):
                sheet.write_number(r, c, ci.q_below[a], number)
    sheet.set_column(0, 2, 22)
    sheet.set_column(7, 7, 48)


__all__ = ["write_agreement_xlsx"]
