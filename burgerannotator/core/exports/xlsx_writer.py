"""Excel workbooks (XlsxWriter): the matrices and the tables of ``tables``.

Every sheet has ONE header row (frozen, filtered, repeated on printed pages), column widths from its
content, landscape fit-to-width page setup and row heights for wrapped text; numbers are written as
numbers, dates as dates (date-formatted day numbers), and text always with ``write_string`` exactly as
stored -- never as a formula, whatever it starts with; text that looks like one gets Excel's quote
prefix style (``write_text``, see ``sanitize``). Every workbook the app writes (the agreement tables
too) goes through ``write_text``/``write_value``/``write_table_sheet``.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from itertools import chain, islice
from datetime import datetime, timedelta, timezone
from pathlib import Path

import xlsxwriter

from ..documents import list_documents
from ..matrix import MEASURES, CoderSelection, Matrix, build_matrices, select_coders
from ..models import utcnow
from ..summary import digests
from .atomic import replacing
from .area_pictures import insert_area_pictures
from .sanitize import EXCEL_CELL_LIMIT, UNSAFE_FIRST, fit_cell, is_number, is_rich_markup, looks_like_formula
from .tables import Table, codebook_table, documents_table, matrix_table, segments_table, summary_digest_table
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


COVERAGE_FORMAT = '[=0]0.00%;[<0.0001]"<0.01%";0.00%'  # a coded cell never shows as 0.00%
STAT_FORMAT = "0.000"
LINE_POINTS = 15.0  # the height of one line of 11-point text
MAX_ROW_POINTS = 409.0  # Excel's highest row


class Formats:
    """The formats of one workbook, each made once (Excel limits distinct formats); ``guarded`` gives
    the same format with Excel's quote prefix, for text that looks like a formula."""

    def __init__(self, book):
        self.book = book
        self._made: dict[tuple, object] = {}
        self._props: dict[int, dict] = {}
        self._guarded: dict[int, object] = {}
        self.header = self.make(bold=True, bg_color="#DDDDDD", bottom=1, text_wrap=True, valign="top")
        self.total = self.make(bold=True, top=1, bg_color="#F2F2F2")
        self.coverage = self.make(num_format=COVERAGE_FORMAT)
        self.total_coverage = self.make(bold=True, top=1, bg_color="#F2F2F2", num_format=COVERAGE_FORMAT)
        self.stat = self.make(num_format=STAT_FORMAT)
        self.datetime = self.make(num_format="yyyy-mm-dd hh:mm:ss")
        self.wrap = self.make(text_wrap=True, valign="top")
        self.bold = self.make(bold=True)
        self.by_kind = {"percent": self.coverage, "coverage": self.coverage, "datetime": self.datetime,
                        "wrap": self.wrap, "stat": self.stat}

    def make(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self._made:
            made = self._made[key] = self.book.add_format(dict(props))
            self._props[id(made)] = props
        return self._made[key]

    def guarded(self, base=None):
        found = self._guarded.get(id(base))
        if found is None:
            found = self._guarded[id(base)] = self.make(**(self._props.get(id(base), {}) if base else {}),
                                                        quote_prefix=True)
        return found

    def top(self, base=None):
        """``base`` aligned to the top of the cell."""
        return self.make(**{**(self._props.get(id(base), {}) if base else {}), "valign": "top"})

    def coloured(self, colour: str, **extra):
        return self.make(bg_color=colour, font_color=_text_colour(colour), border=1, **extra)


_Formats = Formats  # the old name


def write_text(ws, fmt: Formats, row: int, col: int, value, cell_format=None) -> None:
    """The one way text goes into a cell: as a string (never a formula), exactly as given (cut only past
    Excel's 32,767 characters); quote-prefixed if it looks like a formula; XlsxWriter's rich-string
    look-alikes (``<r>...</r>``) as a rich string of plain parts, so they are escaped."""
    text = fit_cell("" if value is None else str(value))
    if not text:
        return
    if is_rich_markup(text):
        ws.write_rich_string(row, col, text[:1], text[1:2], text[2:], *([cell_format] if cell_format else []))
    elif looks_like_formula(text):
        ws.write_string(row, col, text, fmt.guarded(cell_format))
    else:
        ws.write_string(row, col, text, cell_format)


def write_value(ws, fmt: Formats, row: int, col: int, value, cell_format=None) -> None:
    """A typed cell: numbers as numbers, datetimes as dates, None as an empty cell, the rest as text."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            ws.write_boolean(row, col, value, cell_format)
        return
    if is_number(value):
        ws.write_number(row, col, value, cell_format)
    elif isinstance(value, datetime):
        serial = excel_serial(value)
        if serial is None:
            ws.write_datetime(row, col, value.replace(tzinfo=None), cell_format or fmt.datetime)
        else:
            ws.write_number(row, col, serial, cell_format or fmt.datetime)
    else:
        write_text(ws, fmt, row, col, value, cell_format)


def _lines(text: str, width: float, chars_per_width: float = 1.25) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (a close estimate,
    on the generous side: a cut-off quote is worse than some white space)."""
    per_line = max(1, int(width * chars_per_width))
    return sum(len(part) // per_line + 1 for part in text.split("\n"))


def _row_points(lines: int) -> float:
    return min(MAX_ROW_POINTS, LINE_POINTS * lines)


def page_setup(ws, repeat_columns: int = 1, header_rows: int = 1) -> None:
    """Print landscape on A4, fit to the page width, header row(s) and row labels on every page."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    if header_rows:
        ws.repeat_rows(0, header_rows - 1)
    if repeat_columns:
        ws.repeat_columns(0, repeat_columns - 1)
    ws.set_footer("&L&A&RPage &P of &N")


def _sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in name)[:31] or "Sheet"
    out, n = clean, 2
    while out.lower() in taken:
        out = f"{clean[:28]} {n}"
        n += 1
    taken.add(out.lower())
    return out


def _widths(table: Table, sample: list[list]) -> list[float]:
    widths = []
    for j, h in enumerate(table.header):
        if j in table.widths:
            widths.append(table.widths[j])
            continue
        longest = max([min(len(str(h)), 24)] + [len(str(row[j])) for row in sample
                                                if j < len(row) and row[j] is not None
                                                and not isinstance(row[j], datetime)])
        if any(isinstance(row[j], datetime) for row in sample[:5] if j < len(row)):
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
                   hide_empty: bool = False, measures: tuple[str, ...] = MEASURES, ids: bool = False,
                   totals: bool = False) -> Path:
    """The full export: a matrix sheet per measure, Segments, Codebook, Summary, Documents, About."""
    selection = selection or select_coders(project, "all")
    path = Path(path)
    with _gc_paused():
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
