"""One place that makes text safe for spreadsheets (CSV/formula injection, OWASP).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
may be run as a formula by Excel or LibreOffice. Such text gets a leading apostrophe
(OWASP's advice) and the XLSX writer stores it as a string, never as a formula, so a
memo like ``=HYPERLINK("http://x","y")`` stays the text the coder typed (plus ').

XlsxWriter copies text that starts with ``<r>`` and ends with ``</r>`` into the sheet
XML unescaped (it takes it for its own rich-string markup), so such a memo could close
its cell and add a formula cell of its own; that text gets the apostrophe too.
"""
from __future__ import annotations

import numbers

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
RICH_TEXT = ("<r>", "</r>")  # what XlsxWriter writes as raw XML
EXCEL_CELL_LIMIT = 32767  # characters an Excel cell can hold
TRUNCATED = " [...]"
# Text whose first character is not one of these (and that fits in a cell) is left as it is,
# so a writer may skip ``neutralise`` for it (the XLSX writer's fast path).
UNSAFE_FIRST = frozenset(s[0] for s in FORMULA_STARTS + RICH_TEXT)


def neutralise(value) -> str:
    """The text to write for a text cell: never starts like a formula, fits in a cell."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or (text.startswith(RICH_TEXT[0]) and text.endswith(RICH_TEXT[1])):
        text = "'" + text
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(TRUNCATED)] + TRUNCATED
    return text


def is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


__all__ = ["neutralise", "is_number", "FORMULA_STARTS", "RICH_TEXT", "EXCEL_CELL_LIMIT", "UNSAFE_FIRST"]
