"""CSV: one table per file, UTF-8 with a byte-order mark (so Excel reads the accents).

Two dialects: ``,`` (decimal point) and ``;`` (decimal comma), the one Dutch Excel and
R's ``read.csv2`` expect. Text cells are neutralised (see ``sanitize``).
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
    text = f"{float(value):.10f}".rstrip("0").rstrip(".")  # fixed point: no 1e-05
    return (text if text not in ("", "-0") else "0").replace(".", decimal)


_BY_TYPE = {
    str: lambda v, d: neutralise(v) if v else "",
    int: lambda v, d: str(v),
    float: _float_text,
    datetime: lambda v, d: v.strftime("%Y-%m-%d %H:%M:%S"),
    type(None): lambda v, d: "",
}


def cell_text(value, decimal: str = ".") -> str:
    convert = _BY_TYPE.get(type(value))
    if convert is not None:
        return convert(value, decimal)
    if is_number(value):  # numpy numbers and the like
        return _float_text(value, decimal) if isinstance(value, numbers.Real) and not isinstance(
            value, numbers.Integral) else str(int(value))
    return neutralise(value)


def write_csv(table: Table, path: str | Path, sep: str = ",") -> Path:
    """Write ``table`` to ``path``; ``;`` files use a decimal comma."""
    check_separator(sep)
    decimal = "," if sep == ";" else "."
    path = Path(path)
    with replacing(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow([neutralise(h) for h in table.header])
            for row in table.rows:
                writer.writerow([cell_text(v, decimal) for v in row])
    return path


__all__ = ["write_csv", "cell_text", "check_separator", "SEPARATORS"]
