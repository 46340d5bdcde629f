"""The one set of rules that keeps user text from running as a spreadsheet formula.

Every workbook and CSV the app writes (exports, matrices, summaries, agreement tables)
follows them; see OWASP's "CSV Injection" guidance.

What can run, per format:

- **XLSX**: nothing written with ``write_string`` is ever a formula, so the text is stored
  exactly as typed. Text that *looks* like a formula (see ``looks_like_formula``) gets
  Excel's ``quote_prefix`` cell style, so editing the cell (F2, Enter) does not turn it into
  one either; the cell text stays byte-identical. Text that XlsxWriter would take for its
  own rich-string markup (``<r>...</r>``) is written as a rich string, so it is escaped.
- **CSV**: a spreadsheet parses a cell as a formula when, after any leading whitespace,
  zero-width or other invisible format characters (a byte-order mark, U+200B), it starts
  with ``=`` or with ``+``, ``-``, ``@`` -- and their full-width forms ``＝＋－＠``, which an
  East Asian Excel reads as the same. ``=`` always makes a formula; ``+``/``-``/``@`` text
  can only *do* something (call a function such as HYPERLINK or WEBSERVICE, or DDE with
  ``|``) if it contains a call ``NAME(`` or a ``|``. Only such cells get a leading apostrophe
  (``could_run``); a Dutch bullet line like ``- 30% minder`` is left as it is. ``--raw``
  writes no apostrophes at all (for pandas and R; never open such a file in a spreadsheet).
"""
from __future__ import annotations

import numbers
import re
import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
ALWAYS_FORMULA = ("=", "＝")
RICH_TEXT = ("<r>", "</r>")  # what XlsxWriter writes as raw XML
EXCEL_CELL_LIMIT = 32767  # characters an Excel cell can hold
TRUNCATED = " [...]"
# A call (NAME( , also with a full-width parenthesis) or DDE (| , full-width ｜).
_ACTIVE = re.compile(r"[^\W\d][\w.]*[(（]|[|｜]")
# Text whose first character is none of these (and that fits in a cell) needs no look at all,
# so a writer may skip the checks for it (the XLSX writer's fast path).
UNSAFE_FIRST = frozenset("".join(FORMULA_STARTS) + "<")


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def significant(text: str) -> str:
    """``text`` from its first visible character (no whitespace, BOM, zero-width or control chars)."""
    i = 0
    while i < len(text) and _invisible(text[i]):
        i += 1
    return text[i:]


def looks_like_formula(text: str) -> bool:
    """Starts (after invisible characters) like a formula: OWASP's list plus the full-width forms."""
    if not text:
        return False
    if text[0] not in UNSAFE_FIRST and not _invisible(text[0]):
        return False
    return significant(text).startswith(FORMULA_STARTS)


def could_run(text: str) -> bool:
    """Would a spreadsheet opening a CSV run this cell as a formula that does something?"""
    if not looks_like_formula(text):
        return False
    head = significant(text)
    return head.startswith(ALWAYS_FORMULA) or _ACTIVE.search(head) is not None


def is_rich_markup(text: str) -> bool:
    """Text XlsxWriter would copy into the sheet XML unescaped (taking it for a rich string)."""
    return text.startswith(RICH_TEXT[0]) and text.endswith(RICH_TEXT[1])


def neutralise(value, raw: bool = False) -> str:
    """The text to write in a CSV cell: an apostrophe before text that could run (unless ``raw``)."""
    text = "" if value is None else str(value)
    if not raw and could_run(text):
        text = "'" + text
    return text


def fit_cell(text: str) -> str:
    """Text an Excel cell can hold (32,767 characters); longer text is cut with a mark."""
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(TRUNCATED)] + TRUNCATED
    return text


def is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


__all__ = ["neutralise", "could_run", "looks_like_formula", "significant", "is_rich_markup", "fit_cell",
           "is_number", "FORMULA_STARTS", "RICH_TEXT", "EXCEL_CELL_LIMIT", "UNSAFE_FIRST"]
