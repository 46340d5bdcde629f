"""CSV: one table per file, UTF-8 with a byte-order mark (so Excel reads the accents).

Two dialects: ``,`` (decimal point) and ``;`` (decimal comma), the one Dutch Excel, R's
``read.csv2`` and ``pandas.read_csv(sep=';', decimal=',')`` expect. Text that could run as a
formula gets a leading apostrophe (``sanitize.could_run``); ``raw`` writes every text exactly as
stored (for scripts). ``bom=False`` leaves the byte-order mark out (LibreOffice without its
import dialog, tools that do not expect one). Numbers are written in full (fixed point, never
``1e-05``), so a coverage of a coded cell is never written as 0.
"""
from __future__ import annotations

import csv
import numbers
from datetime import datetime
from pathlib import Path

from ..errors import UserError
from .atomic import replacing
from .sanitize import is_number, neutralise
from .tables import Table

SEPARATORS = (",", ";")


def check_separator(sep: str) -> str:
    if sep not in SEPARATORS:
        raise UserError(f"The CSV separator must be ',' or ';' (not {sep!r}).")
    return sep


def _float_text(value, decimal: str) -> str:
    # the shortest digits that read back exactly, never an exponent, always a decimal part (0.0, 1.0):
    # so a column of floats reads back as floats even when every value is whole
    import numpy as np  # here, not with the module: a CSV without floats (a presence matrix) needs no NumPy

    text = np.format_float_positional(float(value), trim="0")
    return (text if text != "-0.0" else "0.0").replace(".", decimal)


def cell_text(value, decimal: str = ".", raw: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value, raw) if value else ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if is_number(value):  # float, numpy numbers and the like
        return _float_text(value, decimal)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return neutralise(value, raw)


def write_csv(table: Table, path: str | Path, sep: str = ",", raw: bool = False, bom: bool = True) -> Path:
    """Write ``table`` to ``path``; ``;`` files use a decimal comma. A Total row (``table.totals``) comes last."""
    check_separator(sep)
    decimal = "," if sep == ";" else "."
    path = Path(path)
    with replacing(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow([cell_text(h, decimal, raw) for h in table.header])
            for row in table.rows:
                writer.writerow([cell_text(v, decimal, raw) for v in row])
            if table.totals is not None:
                writer.writerow([cell_text(v, decimal, raw) for v in table.totals])
    return path


__all__ = ["write_csv", "cell_text", "check_separator", "SEPARATORS"]
