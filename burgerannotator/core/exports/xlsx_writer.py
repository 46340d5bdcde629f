"""Excel workbooks (XlsxWriter): the matrices and the tables of ``tables`` (cells: ``xlsx_cells``).

Every sheet has ONE header row (frozen, filtered, repeated on printed pages), column widths from its
content, landscape fit-to-width page setup and row heights for wrapped text; numbers are written as
numbers, dates as dates (date-formatted day numbers), and text always with ``write_string`` exactly as
stored -- never as a formula, whatever it starts with; text that looks like one gets Excel's quote
prefix style (``write_text``, see ``sanitize``). Every workbook the app writes (the agreement tables
too) goes through ``write_text``/``write_value``/``write_table_sheet``.
"""
from __future__ import annotations

from itertools import chain, islice
from datetime import datetime
from pathlib import Path

import xlsxwriter

from ..collector import collector_paused
from ..documents import list_documents
from ..matrix import MEASURES, CoderSelection, Matrix, build_matrices, select_coders
from ..models import utcnow
from ..summary import digests
from .atomic import replacing
from .area_pictures import insert_area_pictures
from .sanitize import EXCEL_CELL_LIMIT, UNSAFE_FIRST
from .tables import Table, codebook_table, documents_table, matrix_table, segments_table, summary_digest_table
from .xlsx_cells import (  # noqa: F401  (COVERAGE_FORMAT, write_value, excel_serial: re-exported)
    COVERAGE_FORMAT,
    Formats,
    _cell_writers,
    _lines,
    _row_points,
    _sheet_name,
    _widths,
    excel_serial,
    page_setup,
    write_text,
    write_value,
)
from .xlsx_charts import write_chart_sheets

WORKBOOK_OPTIONS = {"constant_memory": False, "strings_to_numbers": False, "strings_to_formulas": False,
                    "strings_to_urls": False, "default_date_format": "yyyy-mm-dd hh:mm:ss"}
# Up to this many segments the full export keeps the workbook in memory and stores each distinct
# text once (Excel's shared strings): about 15% faster on the 60,000-segment bench and a smaller
# file, for about 3.4 kB of memory per segment (1.2 kB in XlsxWriter's constant-memory mode, which
# bigger projects get). See bench/export_bench.py.
SHARED_STRINGS_MAX_SEGMENTS = 100_000
SAMPLE_ROWS = 300  # rows read ahead to size the columns
def _options(rows: int) -> dict:
    """Shared strings (kept in memory, faster) up to SHARED_STRINGS_MAX_SEGMENTS rows, else constant memory."""
    return dict(WORKBOOK_OPTIONS, constant_memory=rows > SHARED_STRINGS_MAX_SEGMENTS)


FORGET_EVERY = 4096


def _area_watcher(table: Table, found: list[tuple[int, str]]):
    """An ``on_row`` that notes (sheet row, segment uuid) of area segments ("[area, p. N]" quotes)."""
    try:
        quote, uuid = table.header.index("Quote"), table.header.index("Segment uuid")
    except ValueError:
        return None

    def watch(i: int, row: list) -> None:
        text = row[quote]
        if type(text) is str and text.startswith("[area, p. "):
            found.append((i, row[uuid]))

    return watch


def _row_forgetter(ws):
    """In constant-memory mode XlsxWriter writes each row out when the next one starts, but keeps every
    ``set_row`` height (``row_info``, ``row_sizes``) to the end: memory that grows with the rows. This
    returns a function that drops the entries of rows already written (below a row number); None when
    the workbook is in memory (it needs them at close) or XlsxWriter keeps them differently."""
    if not getattr(ws, "constant_memory", False):
        return None
    kept = [d for d in (getattr(ws, "row_info", None), getattr(ws, "row_sizes", None)) if isinstance(d, dict)]
    if len(kept) != 2:
        return None

    def forget(below: int) -> None:
        for d in kept:
            for row in [r for r in d if r < below]:
                del d[row]

    return forget


def write_table_sheet(book, fmt: Formats, table: Table, taken: set[str], release_rows: bool = False,
                      name: str | None = None, on_row=None):
    """A table on its own sheet: one header row (frozen, filtered, repeated on printed pages), typed cells
    (numbers, dates as date-formatted numbers, text as strings), nothing written for None and empty text,
    wrapped columns with row heights set (LibreOffice does not fit them on opening), a Total row (if any)
    styled below the data after an empty row. ``table.rows`` may be an iterator: it is read once.
    ``release_rows``: let go of each row of a list as it is written (the caller is done with the table).
    ``on_row(sheet_row, row)``: called for each row before it is written (rows may stream past once).
    The inner loop is what a big export spends its time in."""
    ws = book.add_worksheet(_sheet_name(name or table.name, taken))
    rows_in = iter(table.rows)
    sample = list(islice(rows_in, SAMPLE_ROWS))
    widths = _widths(table, sample)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    n_cols = len(table.header)
    ws.freeze_panes(1, table.repeat_columns)
    page_setup(ws, table.repeat_columns)
    header_lines = 1
    for j, h in enumerate(table.header):
        colour = table.header_colours.get(j)
        f = fmt.coloured(colour, bold=True, text_wrap=True, valign="top") if colour else fmt.header
        write_text(ws, fmt, 0, j, h, f)
        header_lines = max(header_lines, _lines(str(h), widths[j], 0.8))  # bold, broken at words
    if header_lines > 1:
        ws.set_row(0, _row_points(min(header_lines, 6)))
    wrap_cols = [(j, widths[j]) for j, kind in sorted(table.formats.items()) if kind == "wrap"]
    col_formats = [fmt.by_kind.get(table.formats.get(j)) for j in range(n_cols)]
    if wrap_cols:  # rows grow with wrapped text: every cell at the top of its row, next to its text
        col_formats = [fmt.top(f) for f in col_formats]
    any_date = fmt.top(fmt.datetime) if wrap_cols else fmt.datetime
    date_formats = [col_formats[j] if table.formats.get(j) == "datetime" else any_date for j in range(n_cols)]
    colour_cols = {j for j, kind in table.formats.items() if kind == "colour"}
    write_string, write_number, write_datetime = _cell_writers(ws)
    set_row = ws.set_row
    unsafe, limit = UNSAFE_FIRST, EXCEL_CELL_LIMIT
    rows = table.rows if release_rows and isinstance(table.rows, list) else None
    forget = _row_forgetter(ws) if wrap_cols else None
    i = 0
    for i, row in enumerate(chain(sample, rows_in), start=1):
        if rows is not None and i <= len(rows):
            rows[i - 1] = None
        if forget is not None and not i % FORGET_EVERY:
            forget(i - 1)
        if on_row is not None:
            on_row(i, row)
        if wrap_cols:
            lines = 1
            for j, w in wrap_cols:
                v = row[j]
                if type(v) is str and (len(v) > w or "\n" in v):
                    lines = max(lines, _lines(v, w))
            if lines > 1:
                set_row(i, _row_points(lines))
        for j, value in enumerate(row):
            kind = type(value)
            if kind is str:
                if not value:
                    continue  # an empty cell is a blank cell
                c = value[0]
                if c in unsafe or c < "!" or c > "~" or len(value) > limit:
                    write_text(ws, fmt, i, j, value, col_formats[j])  # the careful path
                elif colour_cols and j in colour_cols and c == "#":
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
            else:
                write_value(ws, fmt, i, j, value, col_formats[j])
    last = i
    ws.autofilter(0, 0, max(last, 1), max(n_cols - 1, 0))
    if table.print_columns:
        ws.print_area(0, 0, max(last, 1) + (2 if table.totals is not None else 0), table.print_columns - 1)
    if table.totals is not None:  # outside the data range: an empty row, then the styled Total row
        total_row = last + 2
        for j, value in enumerate(table.totals):
            percent = table.formats.get(j) in ("percent", "coverage")
            cell = fmt.total_coverage if percent else fmt.total
            if value is None or value == "":
                ws.write_blank(total_row, j, None, cell)
            else:
                write_value(ws, fmt, total_row, j, value, cell)
    if rows is not None:
        rows.clear()
    return ws


def write_matrix_sheet(book, fmt: Formats, matrix: Matrix, taken: set[str], name: str | None = None,
                       ids: bool = False, totals: bool = False):
    """The matrix as a table: one header row of code names in the code colours (pandas reads it with
    ``read_excel(path, sheet_name=...)``, no ``header=``), row labels frozen and printed on every page,
    a colour scale over the values; totals (asked for) outside the data. Categories: the Codebook sheet."""
    table = matrix_table(matrix, ids=ids, totals=totals)
    ws = write_table_sheet(book, fmt, table, taken, name=name)
    lead, n = table.repeat_columns, len(matrix.columns)
    if n and matrix.rows:
        ws.conditional_format(1, lead, len(matrix.rows), lead + n - 1,
                              {"type": "2_color_scale", "min_color": "#FFFFFF", "max_color": "#F8696B"})
    return ws


MEASURE_NOTES = (("presence", "1 if the code was applied in the document at least once, else 0"),
                 ("count", "number of segments"),
                 ("coverage", "share of the document's text characters covered by the code's segments "
                              "(overlaps once); shown as <0.01% when above 0 but below 0.01%"))


def write_about_sheet(book, fmt: Formats, lines: list[tuple[str, object]], taken: set[str]) -> None:
    """Key/value lines; values keep their type (the export time is a real date-time)."""
    ws = book.add_worksheet(_sheet_name("About", taken))
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 100)
    page_setup(ws, repeat_columns=0, header_rows=0)
    for i, (k, v) in enumerate(lines):
        write_text(ws, fmt, i, 0, k, fmt.bold)
        write_value(ws, fmt, i, 1, v.replace(tzinfo=None) if isinstance(v, datetime) else v)


def _about(book, fmt: Formats, project, selection: CoderSelection, taken: set[str], totals: bool) -> None:
    write_about_sheet(book, fmt, [
        ("Project", project.info.name), ("File", str(project.path)), ("Exported (UTC)", utcnow()),
        ("Coders", selection.description), ("Counted", "live codings only (not deleted, status 'coded')"),
        *MEASURE_NOTES,
        ("Matrix sheets", "one header row of code names; categories and code ids are on the Codebook sheet"
                          + ("; totals below the data, after an empty row" if totals else "")),
        ("Segments sheet", "prints the columns up to Memo; code ids, page indexes, offsets and uuids follow "
                           "for scripts"),
        ("pandas", "pandas.read_excel(path, sheet_name='Matrix count', index_col=0)")], taken)


def write_workbook(project, path: str | Path, selection: CoderSelection | None = None, by: str = "city",
                   hide_empty: bool = False, measures: tuple[str, ...] = MEASURES, ids: bool = False,
                   totals: bool = False) -> Path:
    """The full export: a matrix sheet per measure, Segments, Codebook, Summary, Documents, About."""
    selection = selection or select_coders(project, "all")
    path = Path(path)
    with collector_paused():
        matrices = build_matrices(project, measures, selection, by, hide_empty)
        counts = matrices.get("count")  # the Codebook and Documents counts, without another query
        docs = list_documents(project)
        tables = (lambda: segments_table(project, selection),
                  lambda: codebook_table(project, selection, counts),
                  lambda: summary_digest_table(digests(project, docs, selection)),
                  lambda: documents_table(project, selection, counts))
        n_segments = next(iter(matrices.values())).segment_total if matrices else 0
        with replacing(path) as tmp:
            book = xlsxwriter.Workbook(str(tmp), _options(n_segments))
            fmt, taken = Formats(book), set()
            for m in matrices.values():
                write_matrix_sheet(book, fmt, m, taken, ids=ids, totals=totals)
            for build in tables:  # one table at a time; Segments and Summary stream their rows
                table = build()
                areas: list[tuple[int, str]] = []  # issue 15: area segments get their picture
                watch = _area_watcher(table, areas) if table.name == "Segments" else None
                ws = write_table_sheet(book, fmt, table, taken, release_rows=True, on_row=watch)
                insert_area_pictures(project, ws, areas, table.header.index("Quote") if areas else 0)
            write_chart_sheets(book, fmt, matrices, taken, _sheet_name)  # issue 13: heat map, codes per city
            _about(book, fmt, project, selection, taken, totals)
            book.close()
    return path


def write_matrix_workbook(matrix: Matrix, path: str | Path, ids: bool = False, totals: bool = False) -> Path:
    path = Path(path)
    with replacing(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        fmt, taken = Formats(book), set()
        write_matrix_sheet(book, fmt, matrix, taken, ids=ids, totals=totals)
        write_about_sheet(book, fmt, [("Measure", matrix.measure), ("Rows", matrix.by or "document"),
                                      ("Coders", matrix.selection.description), ("Exported (UTC)", utcnow()),
                                      *(n for n in MEASURE_NOTES if n[0] == matrix.measure)], taken)
        book.close()
    return path


def write_tables_workbook(tables: list[Table], path: str | Path, about: list[tuple[str, object]] | None = None) -> Path:
    """Tables on sheets of one workbook (plus an About sheet of ``about`` lines), written atomically."""
    path = Path(path)
    with replacing(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        fmt, taken = Formats(book), set()
        if about:
            write_about_sheet(book, fmt, about, taken)
        for t in tables:
            write_table_sheet(book, fmt, t, taken)
        book.close()
    return path


__all__ = ["write_workbook", "write_matrix_workbook", "write_tables_workbook", "write_matrix_sheet",
           "write_table_sheet", "write_text", "write_value", "write_about_sheet", "page_setup", "Formats",
           "COVERAGE_FORMAT"]
