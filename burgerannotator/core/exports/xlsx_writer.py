"""Excel workbooks (XlsxWriter): the matrices and the tables of ``tables``.

Every sheet has a frozen header, an autofilter and column widths from its content;
numbers are written as numbers, dates as dates (date-formatted day numbers), and text always
with ``write_string`` after ``neutralise`` (skipped only for text whose first character shows it
would come back unchanged) -- never as a formula, whatever it starts with.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import xlsxwriter

from ..matrix import MEASURES, CoderSelection, Matrix, build_matrices, select_coders
from ..models import utcnow
from ..summary import summarise
from .atomic import replacing
from .area_pictures import area_rows, insert_area_pictures
from .sanitize import EXCEL_CELL_LIMIT, UNSAFE_FIRST, is_number, neutralise
from .tables import Table, codebook_table, documents_table, segments_table, summary_table
from .xlsx_charts import write_chart_sheets

WORKBOOK_OPTIONS = {"constant_memory": False, "strings_to_numbers": False, "strings_to_formulas": False,
                    "strings_to_urls": False, "default_date_format": "yyyy-mm-dd hh:mm:ss"}
# Up to this many segments the full export keeps the workbook in memory and stores each distinct
# text once (Excel's shared strings): about 15% faster on the 60,000-segment bench and a smaller
# file, for about 3.4 kB of memory per segment (1.2 kB in XlsxWriter's constant-memory mode, which
# bigger projects get). See bench/export_bench.py.
SHARED_STRINGS_MAX_SEGMENTS = 100_000
MAX_WIDTH = 50
SAMPLE_ROWS = 300
EXCEL_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system (day 60 is its 1900-02-29)
EXCEL_LEAP_BUG_END = datetime(1900, 3, 1)
ONE_DAY = timedelta(days=1)


def _options(rows: int) -> dict:
    """Shared strings (kept in memory, faster) up to SHARED_STRINGS_MAX_SEGMENTS rows, else constant memory."""
    return dict(WORKBOOK_OPTIONS, constant_memory=rows > SHARED_STRINGS_MAX_SEGMENTS)


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


def _cell_writers(ws):
    """``ws.write_string``/``write_number``/``write_datetime`` without XlsxWriter's A1-notation decorator.

    The decorator (``functools.wraps``, so the method itself is its ``__wrapped__``) only turns "B3"
    into (row, column); skipping it keeps every check and the output the same and saves about a
    tenth of XlsxWriter's time per cell on the big Segments sheet. Falls back to the public methods.
    """
    cls = type(ws)

    def bound(name):
        method = getattr(cls, name)
        return getattr(method, "__wrapped__", method).__get__(ws, cls)

    return bound("write_string"), bound("write_number"), bound("write_datetime")


def excel_serial(value: datetime) -> float | None:
    """A datetime as Excel's day number (1900 date system), or None before March 1900 (Excel's
    leap-year bug) where XlsxWriter's own conversion is used."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return (value - EXCEL_EPOCH) / ONE_DAY if value >= EXCEL_LEAP_BUG_END else None


def write_table_sheet(book, fmt: _Formats, table: Table, taken: set[str], release_rows: bool = False):
    """A plain table: typed cells (numbers, dates as date-formatted numbers, neutralised text),
    nothing written for None and empty text. The inner loop is what a big export spends its time in.
    ``release_rows``: empty ``table.rows`` while writing (the caller is done with the table)."""
    ws = book.add_worksheet(_sheet_name(table.name, taken))
    for j, w in enumerate(_widths(table)):
        ws.set_column(j, j, w)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(table.rows), 1), max(len(table.header) - 1, 0))
    for j, h in enumerate(table.header):
        ws.write_string(0, j, neutralise(h), fmt.header)
    col_formats = [{"percent": fmt.percent, "datetime": fmt.datetime, "wrap": fmt.wrap}.get(table.formats.get(j))
                   for j in range(len(table.header))]
    date_formats = [f or fmt.datetime for f in col_formats]
    colour_cols = {j for j, kind in table.formats.items() if kind == "colour"}
    write_string, write_number, write_datetime = _cell_writers(ws)
    unsafe, limit = UNSAFE_FIRST, EXCEL_CELL_LIMIT
    rows = table.rows
    for i, row in enumerate(rows, start=1):
        if release_rows:
            rows[i - 1] = None
        for j, value in enumerate(row):
            kind = type(value)
            if kind is str:
                if not value:
                    continue  # an empty cell is a blank cell
                if value[0] in unsafe or len(value) > limit:
                    value = neutralise(value)
                if colour_cols and j in colour_cols and value.startswith("#"):
                    write_string(i, j, value, fmt.coloured(value))
                else:
                    write_string(i, j, value, col_formats[j])
            elif kind is int or kind is float:
                write_number(i, j, value, col_formats[j])
            elif value is None:
                continue
            elif kind is datetime:
                serial = excel_serial(value)
                if serial is None:
                    write_datetime(i, j, value, date_formats[j])
                else:
                    write_number(i, j, serial, date_formats[j])
            elif is_number(value):
                write_number(i, j, value, col_formats[j])
            else:
                write_string(i, j, neutralise(value), col_formats[j])
    if release_rows:
        rows.clear()
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


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while the export builds and writes its tables.

    They are hundreds of thousands of small acyclic objects (rows, cells) that stay alive until the
    end, so every full collection would walk them all again for nothing (about 0.5 s on the bench
    project). Reference counting still frees everything; the collector is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_workbook(project, path: str | Path, selection: CoderSelection | None = None, by: str = "city",
                   hide_empty: bool = False, measures: tuple[str, ...] = MEASURES) -> Path:
    """The full export: a matrix sheet per measure, Segments, Codebook, Summary, Documents, About."""
    selection = selection or select_coders(project, "all")
    path = Path(path)
    with _gc_paused():
        matrices = build_matrices(project, measures, selection, by, hide_empty)
        counts = matrices.get("count")  # the Codebook and Documents counts, without another query
        tables = (lambda: segments_table(project, selection),
                  lambda: codebook_table(project, selection, counts),
                  lambda: summary_table(summarise(project, selection=selection)),
                  lambda: documents_table(project, selection, counts))
        n_segments = next(iter(matrices.values())).segment_total if matrices else 0
        with replacing(path) as tmp:
            book = xlsxwriter.Workbook(str(tmp), _options(n_segments))
            fmt, taken = _Formats(book), set()
            for m in matrices.values():
                write_matrix_sheet(book, fmt, m, taken)
            for build in tables:  # one table in memory at a time, its rows let go as they are written
                table = build()
                areas = area_rows(table) if table.name == "Segments" else []
                ws = write_table_sheet(book, fmt, table, taken, release_rows=True)
                insert_area_pictures(project, ws, areas, table.header.index("Quote") if areas else 0)
            write_chart_sheets(book, fmt, matrices, taken, _sheet_name)  # issue 13: heat map, codes per city
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
        book = xlsxwriter.Workbook(str(tmp), _options(sum(len(t.rows) for t in tables)))
        fmt, taken = _Formats(book), set()
        for t in tables:
            write_table_sheet(book, fmt, t, taken)
        book.close()
    return path


__all__ = ["write_workbook", "write_matrix_workbook", "write_tables_workbook", "write_matrix_sheet",
           "write_table_sheet"]
