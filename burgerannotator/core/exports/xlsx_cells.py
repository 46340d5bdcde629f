"""The cells of an Excel workbook (XlsxWriter): the one way text and values go into a cell
(``write_text``/``write_value``: strings never as formulas, numbers as numbers, dates as day
numbers), the workbook's formats made once (``Formats``), column widths, row heights for wrapped
text and the printed page set-up. ``xlsx_writer`` builds the sheets from these."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .sanitize import fit_cell, is_number, is_rich_markup, looks_like_formula
from .tables import Table

MAX_WIDTH = 50
EXCEL_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system (day 60 is its 1900-02-29)
EXCEL_LEAP_BUG_END = datetime(1900, 3, 1)
ONE_DAY = timedelta(days=1)


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
