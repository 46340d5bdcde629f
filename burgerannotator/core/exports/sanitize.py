"""One place that makes text safe for spreadsheets (CSV/formula injection, OWASP).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
may be run as a formula by Excel or LibreOffice. Such text gets a leading apostrophe
(OWASP's advice) and the XLSX writer stores it as a string, never as a formula, so a
memo like ``=HYPERLINK("http://x","y")`` stays the text the coder typed (plus ').
"""
from __future__ import annotations

import numbers

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32767  # characters an Excel cell can hold
TRUNCATED = " [...]"


def neutralise(value) -> str:
    """The text to write for a text cell: never starts like a formula, fits in a cell."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(TRUNCATED)] + TRUNCATED
    return text


def is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


__all__ = ["neutralise", "is_number", "FORMULA_STARTS", "EXCEL_CELL_LIMIT"]
