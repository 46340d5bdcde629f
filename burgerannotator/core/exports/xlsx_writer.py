"""Excel workbooks (XlsxWriter, constant memory): the matrices and the tables of ``tables``.

Every sheet has a frozen header, an autofilter and column widths from its content;
numbers are written as numbers, dates as dates, and text always with ``write_string``
after ``neutralise`` -- never as a formula, whatever it starts with.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter

from ..matrix import MEASURES, CoderSelection, Matrix, build_matrices, select_coders
from ..models import utcnow
from ..summary import summarise
from .atomic import replacing
from .sanitize import is_number, neutralise
from .tables import Table, codebook_table, documents_table, segments_table, summary_table

WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                    "strings_to_urls": False, "default_date_format": "yyyy-mm-dd hh:mm:ss"}
MAX_WIDTH = 50
SAMPLE_ROWS = 300


def _text_colour(hex_colour: str) -> str:
    try:
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#000000"
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#FFFFFF"


class _Formats:
    """Formats are made once per workbook (Excel has a limit on distinct formats)."""

    def __init__(self, book):
        self.book = book
        self.header = book.add_format({"bold": True, "bg_color": "#DDDDDD", "bottom": 1, "text_wrap": True,
                                       "valign": "top"})
        self.total = book.add_format({"bold": True, "top": 1})
        self.total_percent = book.add_format({"bold": True, "top": 1, "num_format": "0.0%"})
        self.percent = book.add_format({"num_format": "0.0%"})
        self.datetime = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.bold = book.add_format({"bold": True})
        self._colours: dict[tuple, object] = {}

    def coloured(self, colour: str, **extra):
        key = (colour, tuple(sorted(extra.items())))
        if key not in self._colours:
            self._colours[key] = self.book.add_format({"bg_color": colour, "font_color": _text_colour(colour),
                                                       "border": 1, **extra})
        return self._colours[key]


def _sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in name)[:31] or "Sheet"
    out, n = clean, 2
    while out.lower() in taken:
        out = f"{clean[:28]} {n}"
        n += 1
    taken.add(out.lower())
    return out


def _widths(table: Table) -> list[float]:
    widths = []
    for j, h in enumerate(table.header):
        if j in table.widths:
            widths.append(table.widths[j])
            continue
        longest = max([len(str(h))] + [len(str(row[j])) for row in table.rows[:SAMPLE_ROWS]
                                        if j < len(row) and row[j] is not None and not isinstance(row[j], datetime)])
        if any(isinstance(row[j], datetime) for row in table.rows[:5] if j < len(row)):
            longest = max(longest, 19)
        widths.append(min(MAX_WIDTH, longest + 2))
    return widths


def write_table_sheet(book, fmt: _Formats, table: Table, taken: set[str]):
    ws = book.add_worksheet(_sheet_name(table.name, taken))
    for j, w in enumerate(_widths(table)):
        ws.set_column(j, j, w)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(table.rows), 1), max(len(table.header) - 1, 0))
    for j, h in enumerate(table.header):
        ws.write_string(0, j, neutralise(h), fmt.header)
    col_formats = [{"percent": fmt.percent, "datetime": fmt.datetime, "wrap": fmt.wrap}.get(table.formats.get(j))
                   for j in range(len(table.header))]
    colour_cols = {j for j, kind in table.formats.items() if kind == "colour"}
    write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
    for i, row in enumerate(table.rows, start=1):
        for j, value in enumerate(row):
            kind = type(value)
            if kind is str:
                if not value:
                    continue  # an empty cell is a blank cell
                f = col_formats[j]
                if colour_cols and j in colour_cols and value.startswith("#"):
                    f = fmt.coloured(value)
                write_string(i, j, neutralise(value), f)
            elif kind is int or kind is float:
                write_number(i, j, value, col_formats[j])
            elif value is None:
                continue
            elif kind is datetime:
                write_datetime(i, j, value, col_formats[j])
            elif is_number(value):
                write_number(i, j, value, col_formats[j])
            else:
                write_string(i, j, neutralise(value), col_formats[j])
    return ws


def write_matrix_sheet(book, fmt: _Formats, matrix: Matrix, taken: set[str], name: str | None = None):
    """Categories (merged) over code names in the code colours (over coders if side by side)."""
    ws = book.add_worksheet(_sheet_name(name or f"Matrix {matrix.measure}", taken))
    by_coder = matrix.selection.mode == "by-coder"
    head = 3 if by_coder else 2
    n_cols = len(matrix.columns)
    total_col = n_cols + 1
    width0 = max([len(matrix.by or "document"), 8] + [len(r.label) for r in matrix.rows])
    ws.set_column(0, 0, min(MAX_WIDTH, width0 + 2))
    if n_cols:
        ws.set_column(1, n_cols, 12)
    ws.set_column(total_col, total_col, 10)
    ws.set_row(1, 48)
    ws.freeze_panes(head, 1)
    # row 0: categories
    ws.write_string(0, 0, neutralise(matrix.selection.description), fmt.bold)
    col = 1
    for cat, colour, span in matrix.categories:
        f = fmt.coloured(colour, bold=True, align="center")
        if span > 1:
            ws.merge_range(0, col, 0, col + span - 1, neutralise(cat), f)
        else:
            ws.write_string(0, col, neutralise(cat), f)
        col += span
    # row 1: codes (row 2: coders)
    ws.write_string(head - 1, 0, neutralise(matrix.by or "document"), fmt.header)
    if by_coder:
        ws.write_string(1, 0, "", fmt.header)
    for j, c in enumerate(matrix.columns, start=1):
        ws.write_string(1, j, neutralise(c.name), fmt.coloured(c.color, bold=True, text_wrap=True, valign="top"))
        if by_coder:
            ws.write_string(2, j, neutralise(c.coder_name or ""), fmt.header)
    ws.write_string(head - 1, total_col, "Total", fmt.header)
    if by_coder:
        ws.write_string(1, total_col, "", fmt.header)
    coverage = matrix.measure == "coverage"
    cell_fmt = fmt.percent if coverage else None
    number = float if coverage else int
    values = matrix.values.tolist()
    for i, r in enumerate(matrix.rows):
        row = head + i
        ws.write_string(row, 0, neutralise(r.label))
        for j, v in enumerate(values[i], start=1):
            ws.write_number(row, j, number(v), cell_fmt)
        ws.write_number(row, total_col, number(matrix.row_totals[i]), fmt.total_percent if coverage else fmt.bold)
    last = head + len(matrix.rows)
    ws.write_string(last, 0, "Total", fmt.total)
    for j, v in enumerate(matrix.column_totals.tolist(), start=1):
        ws.write_number(last, j, number(v), fmt.total_percent if coverage else fmt.total)
    ws.write_number(last, total_col, number(matrix.grand_total), fmt.total_percent if coverage else fmt.total)
    ws.autofilter(head - 1, 0, max(last - 1, head), total_col)
    if n_cols and matrix.rows:
        ws.conditional_format(head, 1, last - 1, n_cols, {"type": "2_color_scale", "min_color": "#FFFFFF",
                                                          "max_color": "#F8696B"})
    return ws


def _about(book, fmt: _Formats, project, selection: CoderSelection, taken: set[str]) -> None:
    ws = book.add_worksheet(_sheet_name("About", taken))
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 100)
    lines = [("Project", project.info.name), ("File", str(project.path)),
             ("Exported (UTC)", utcnow().strftime("%Y-%m-%d %H:%M")),
             ("Coders", selection.description),
             ("Counted", "live codings only (not deleted, status 'coded')"),
             ("presence", "1 if the code was applied in the document at least once, else 0"),
             ("count", "number of segments"),
             ("coverage", "share of the document's text characters covered by the code's segments (overlaps once)")]
    for i, (k, v) in enumerate(lines):
        ws.write_string(i, 0, k, fmt.bold)
        ws.write_string(i, 1, neutralise(v))


def write_workbook(project, path: str | Path, selection: CoderSelection | None = None, by: str = "city",
                   hide_empty: bool = False, measures: tuple[str, ...] = MEASURES) -> Path:
    """The full export: a matrix sheet per measure, Segments, Codebook, Summary, Documents, About."""
    selection = selection or select_coders(project, "all")
    matrices = list(build_matrices(project, measures, selection, by, hide_empty).values())
    tables = [segments_table(project, selection), codebook_table(project, selection),
              summary_table(summarise(project, selection=selection)),
              documents_table(project, selection)]
    path = Path(path)
    with replacing(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        fmt, taken = _Formats(book), set()
        for m in matrices:
            write_matrix_sheet(book, fmt, m, taken)
        for t in tables:
            write_table_sheet(book, fmt, t, taken)
        _about(book, fmt, project, selection, taken)
        book.close()
    return path


def write_matrix_workbook(matrix: Matrix, path: str | Path) -> Path:
    path = Path(path)
    with replacing(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        write_matrix_sheet(book, _Formats(book), matrix, set())
        book.close()
    return path


def write_tables_workbook(tables: list[Table], path: str | Path) -> Path:
    path = Path(path)
    with replacing(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        fmt, taken = _Formats(book), set()
        for t in tables:
            write_table_sheet(book, fmt, t, taken)
        book.close()
    return path


__all__ = ["write_workbook", "write_matrix_workbook", "write_tables_workbook", "write_matrix_sheet",
           "write_table_sheet"]
