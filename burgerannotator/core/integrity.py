"""Check what the app reads from a project file before anything reads it.

A project file that passes SQLite's ``quick_check`` can still hold values the app
cannot read: a file from another machine is hostile (crafted or damaged by another
tool). ``findings`` lists every such value with its table and row; each either has a
safe repair (a neutral value, or the row moved into the project log so nothing is
lost) or makes the project refuse to open, in one line naming the table and row.

Runs on a plain ``sqlite3`` connection (no ORM), so it sees the raw values.
"""
from __future__ import annotations

import json
import math
import operator
import sqlite3
import sys
from dataclasses import dataclass

from .errors import ProjectFileError

EPOCH = "1970-01-01 00:00:00.000000"  # a repaired date: older than any real edit, so merges prefer others
_RAW_SHOWN = 200  # characters of a bad value kept in the repair log


@dataclass
class Finding:
    table: str
    row: int
    column: str
    problem: str
    repair_sql: str | None = None  # None: cannot be repaired, the project is refused
    repair_text: str = ""
    raw: str = ""

    def describe(self) -> str:
        return f"{self.table} row {self.row}: {self.column} {self.problem}"


# ---- what is checked ----------------------------------------------------------------------------
def _bad_date(col: str, nullable: bool) -> str:
    null = "" if nullable else f"{col} IS NULL OR "
    return (f"{null}({col} IS NOT NULL AND (typeof({col}) != 'text' "
            f"OR {col} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
            f"OR datetime({col}) IS NULL OR substr({col}, 1, 4) < '0001' "
            # SQLite's datetime() is lenient ('2026-02-30', '2026-02-0110:00'): the date part must be
            # the real day it names and a time must stand after ' ' or 'T', as Python reads it back
            f"OR substr({col}, 1, 10) != date(julianday({col})) "
            f"OR (length({col}) > 10 AND substr({col}, 11, 1) NOT IN (' ', 'T'))))")


def _bad_int(col: str, nullable: bool = False) -> str:
    null = f"{col} IS NULL OR " if not nullable else ""
    return f"({null}({col} IS NOT NULL AND typeof({col}) != 'integer'))"


def _bad_text(col: str) -> str:
    return f"({col} IS NULL OR typeof({col}) != 'text')"


def _bad_json(col: str, kind: str) -> str:
    return f"({col} IS NULL OR typeof({col}) != 'text' OR json_valid({col}) = 0 OR json_type({col}) != '{kind}')"


_BAD_VALUES = _bad_json('"values"', "array")

# (table, column, condition that is true for a bad row, problem, repair expression or None)
CHECKS: list[tuple[str, str, str, str, str | None]] = [
    ("project", "name", _bad_text("name"), "is not text", "'Project'"),
    ("coder", "name", _bad_text("name"), "is missing or not text", "'coder ' || id"),
    ("coder", "uuid", _bad_text("uuid"), "is missing", None),
    ("coder", "created", _bad_date("created", False), "is not a date", f"'{EPOCH}'"),
    ("coder", "modified", _bad_date("modified", False), "is not a date", f"'{EPOCH}'"),
    ("document", "text", _bad_text("text"), "is missing or not text", None),
    ("document", "file_name", _bad_text("file_name"), "is missing or not text", "'document-' || id || '.pdf'"),
    ("document", "title", _bad_text("title"), "is not text", "''"),
    ("document", "author", _bad_text("author"), "is not text", "''"),
    ("document", "sha256", _bad_text("sha256"), "is missing", None),
    ("document", "attributes", _bad_json("attributes", "object"), "is not a JSON object", "'{}'"),
    ("document", "page_count", _bad_int("page_count"), "is not a whole number", None),
    ("document", "position", _bad_int("position"), "is not a whole number", "id"),
    ("document", "imported", _bad_date("imported", False), "is not a date", f"'{EPOCH}'"),
    ("page", "index", _bad_int('"index"'), "is not a whole number", None),
    ("page", "text_start", _bad_int("text_start"), "is not a whole number", None),
    ("page", "text_end", _bad_int("text_end"), "is not a whole number", None),
    ("page", "label", _bad_text("label"), "is not text", 'CAST("index" + 1 AS TEXT)'),
    ("page", "width", "(typeof(width) NOT IN ('real', 'integer'))", "is not a number", "595.0"),
    ("page", "height", "(typeof(height) NOT IN ('real', 'integer'))", "is not a number", "842.0"),
    ("page", "rotation", _bad_int("rotation"), "is not a whole number", "0"),
    ("page", "word_boxes",
     "(typeof(word_boxes) NOT IN ('blob', 'null') OR typeof(word_offsets) NOT IN ('blob', 'null') "
     "OR length(word_boxes) % 16 != 0 OR length(word_offsets) % 8 != 0 "
     "OR length(word_boxes) / 16 != length(word_offsets) / 8)",
     "are damaged (word boxes and offsets do not match)", "x''"),
    ("code", "code_id", _bad_text("code_id"), "is missing or not text", "'CODE-' || id"),
    ("code", "name", _bad_text("name"), "is missing or not text", "code_id"),
    ("code", "kind", "(kind IS NULL OR kind NOT IN ('code', 'category'))", "is not 'code' or 'category'",
     "CASE WHEN parent_id IS NULL THEN 'category' ELSE 'code' END"),
    ("code", "color", _bad_text("color"), "is not text", "'#888888'"),
    ("code", "definition", _bad_text("definition"), "is not text", "''"),
    ("code", "include", _bad_text('"include"'), "is not text", "''"),
    ("code", "exclude", _bad_text('"exclude"'), "is not text", "''"),
    ("code", "terms", f"({_bad_json('terms', 'array')} OR EXISTS (SELECT 1 FROM json_each(code.terms) "
     "WHERE json_each.type != 'text'))", "is not a list of terms",
     "(SELECT CASE WHEN json_valid(code.terms) AND json_type(code.terms) = 'array' THEN "
     "(SELECT json_group_array(value) FROM json_each(code.terms) WHERE type = 'text') ELSE '[]' END)"),
    ("code", "position", _bad_int("position"), "is not a whole number", "0"),
    ("code", "pinned_key", _bad_int("pinned_key", nullable=True), "is not a whole number", "NULL"),
    ("code", "parent_id", _bad_int("parent_id", nullable=True), "is not a whole number", "NULL"),
    ("code", "deleted", _bad_date("deleted", True), "is not a date", f"'{EPOCH}'"),
    ("code", "modified", _bad_date("modified", False), "is not a date", f"'{EPOCH}'"),
    ("segment", "start", _bad_int("start"), "is not a whole number", None),
    ("segment", "end", _bad_int('"end"'), "is not a whole number", None),
    ("segment", "start", '(start < 0 OR "end" < start)', "and end are not a span", None),
    ("segment", "page_first", _bad_int("page_first"), "is not a whole number", None),
    ("segment", "page_last", _bad_int("page_last"), "is not a whole number", None),
    ("segment", "rects", _bad_json("rects", "object"), "is not a JSON object", "'{}'"),
    ("segment", "quote", _bad_text("quote"), "is not text", "''"),
    ("segment", "memo", _bad_text("memo"), "is not text", "''"),
    ("segment", "status", "(status IS NULL OR status NOT IN ('coded', 'suggested', 'rejected'))",
     "is not coded/suggested/rejected", "'suggested'"),
    ("segment", "origin", _bad_text("origin"), "is not text", "'manual'"),
    ("segment", "created", _bad_date("created", False), "is not a date", f"'{EPOCH}'"),
    ("segment", "modified", _bad_date("modified", False), "is not a date", f"'{EPOCH}'"),
    ("segment", "deleted", _bad_date("deleted", True), "is not a date", f"'{EPOCH}'"),
    ("memo", "text", _bad_text("text"), "is not text", "''"),
    ("memo", "modified", _bad_date("modified", False), "is not a date", f"'{EPOCH}'"),
    ("scale", "values", f"({_BAD_VALUES} OR EXISTS (SELECT 1 FROM json_each(scale.\"values\") "
     "WHERE json_each.type != 'object' OR json_type(json_each.value, '$.value') != 'integer'))",
     "is not a list of values", "(SELECT CASE WHEN json_valid(scale.\"values\") AND json_type(scale.\"values\") = "
     "'array' THEN (SELECT json_group_array(json(value)) FROM json_each(scale.\"values\") WHERE type = 'object' "
     "AND json_type(value, '$.value') = 'integer') ELSE '[]' END)"),
    ("scale", "name", _bad_text("name"), "is not text", "scale_id"),
    ("scale_value", "value", _bad_int("value", nullable=True), "is not a whole number", "NULL"),
    ("scale_value", "modified", _bad_date("modified", False), "is not a date", f"'{EPOCH}'"),
    ("log", "details", _bad_json("details", "object"), "is not a JSON object", "'{}'"),
    ("log", "when", _bad_date('"when"', False), "is not a date", f"'{EPOCH}'"),
    ("log", "coder_name", _bad_text("coder_name"), "is not text", "''"),
    ("log", "summary", _bad_text("summary"), "is not text", "''"),
]

# rows that point at a row that is not there: moved into the log (kept, not lost)
ORPHANS: list[tuple[str, str, str]] = [
    ("segment", "document_id", "document"),
    ("segment", "code_id", "code"),
    ("segment", "coder_id", "coder"),
    ("segment", "decided_by_id", "coder"),
    ("page", "document_id", "document"),
    ("scale_value", "document_id", "document"),
    ("scale_value", "scale_id", "scale"),
    ("scale_value", "coder_id", "coder"),
    ("memo", "coder_id", "coder"),
    ("code", "parent_id", "code"),
]
# a dangling pointer that can be cleared instead of moving the row out
CLEARABLE = {("segment", "decided_by_id"): "NULL", ("code", "parent_id"): "NULL",
             ("document", "imported_by_id"): "NULL"}
ORPHANS.append(("document", "imported_by_id", "coder"))


def _columns(con, table: str) -> set[str]:
    return {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}


def _clean_tables(con, tables: set[str], cols: dict[str, set[str]]) -> set[str]:
    """Tables where no row fails any check, found with one scan per table (all conditions at once)
    instead of one scan per check: opening a project of 500,000 segments reads them once (issue 17).
    Only a table with a bad row is then checked condition by condition, for the findings."""
    conditions: dict[str, list[str]] = {}
    for table, column, bad, _problem, _repair in CHECKS:
        if table in tables and column.strip('"') in cols[table]:
            conditions.setdefault(table, []).append(f"({bad})")
    return {table for table, conds in conditions.items()
            if con.execute(f'SELECT 1 FROM "{table}" WHERE {" OR ".join(conds)} LIMIT 1').fetchone() is None}


def findings(con: sqlite3.Connection) -> list[Finding]:
    """Every value the app could not read, with its repair (or None: refuse)."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    cols = {t: _columns(con, t) for t in tables}
    out: list[Finding] = []
    clean = _clean_tables(con, tables, cols)
    for table, column, bad, problem, repair in CHECKS:
        if table not in tables or column.strip('"') not in cols[table] or table in clean:
            continue
        for row, raw in con.execute(f'SELECT id, "{column}" FROM "{table}" WHERE {bad} ORDER BY id'):
            out.append(Finding(table, row, column, problem,
                               None if repair is None else f'UPDATE "{table}" SET "{column}" = {repair} WHERE id = ?',
                               f"set to {repair}" if repair is not None else "", _short(raw)))
    for table, column, target in ORPHANS:
        if table not in tables or target not in tables or column not in cols[table]:
            continue
        sql = (f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND "{column}" NOT IN '
               f'(SELECT id FROM "{target}") ORDER BY id')
        for row, ref in con.execute(sql):
            clear = CLEARABLE.get((table, column))
            if clear is not None:
                out.append(Finding(table, row, column, f"points to {target} {ref}, which does not exist",
                                   f'UPDATE "{table}" SET "{column}" = {clear} WHERE id = ?', "cleared"))
            else:
                out.append(Finding(table, row, column, f"points to {target} {ref}, which does not exist",
                                   f"MOVE {table}", "row moved into the project log"))
    if "page" in tables:
        out.extend(_word_findings(con))
    return out


# Up to this many bytes of word offsets in a project the check runs in plain Python (no NumPy
# import: a tenth of a second of every command's start-up); above it NumPy is faster.
PLAIN_CHECK_BYTES = 4_000_000


def _words_ok_plain(start: int, end: int, boxes_b: bytes, spans_b: bytes) -> bool:
    spans = memoryview(spans_b).cast("i")  # native int32 = the stored little-endian "<i4" here
    if min(spans) < start or max(spans) > end or any(map(operator.lt, spans[1::2], spans[0::2])):
        return False
    return all(map(math.isfinite, memoryview(boxes_b).cast("f")))


def _words_ok_numpy(start: int, end: int, boxes_b: bytes, spans_b: bytes) -> bool:
    import numpy as np

    spans = np.frombuffer(spans_b, dtype="<i4").reshape(-1, 2)
    boxes = np.frombuffer(boxes_b, dtype="<f4")
    return not (spans.min() < start or spans.max() > end or bool(np.any(spans[:, 1] < spans[:, 0]))
                or not bool(np.all(np.isfinite(boxes))))


def _word_findings(con, plain: bool | None = None) -> list[Finding]:
    """Word offsets must fall inside their page's text, boxes must be finite numbers."""
    if plain is None:
        total = con.execute("SELECT coalesce(sum(length(word_offsets)), 0) FROM page").fetchone()[0] or 0
        plain = sys.byteorder == "little" and total <= PLAIN_CHECK_BYTES
    words_ok = _words_ok_plain if plain else _words_ok_numpy
    out = []
    sql = ("SELECT id, text_start, text_end, word_boxes, word_offsets FROM page WHERE typeof(word_offsets) = 'blob' "
           "AND length(word_offsets) % 8 = 0 AND length(word_boxes) = 2 * length(word_offsets) "
           "AND typeof(text_start) = 'integer' AND typeof(text_end) = 'integer'")
    for row, start, end, boxes_b, spans_b in con.execute(sql):
        if not spans_b:
            continue
        if not words_ok(start, end, boxes_b, spans_b):
            out.append(Finding("page", row, "word_boxes", "are damaged (offsets outside the page's text)",
                               'UPDATE "page" SET "word_boxes" = x\'\' WHERE id = ?', "cleared"))
    return out


def _short(value) -> str:
    text = value.hex() if isinstance(value, bytes) else repr(value)
    return text[:_RAW_SHOWN]


def refusal(found: list[Finding], name: str) -> ProjectFileError | None:
    fatal = [f for f in found if f.repair_sql is None]
    if not fatal:
        return None
    more = f" (and {len(fatal) - 1} more)" if len(fatal) > 1 else ""
    return ProjectFileError(f"{name} cannot be read: {fatal[0].describe()}{more}; restore it from a backup.")


def repair(con: sqlite3.Connection, found: list[Finding], when: str) -> int:
    """Apply every repair in one transaction and record it in the project log. Returns how many."""
    fixable = [f for f in found if f.repair_sql is not None]
    if not fixable:
        return 0
    with con:
        moved = []
        for f in fixable:
            if f.repair_sql.startswith("MOVE "):
                row = con.execute(f'SELECT * FROM "{f.table}" WHERE id = ?', (f.row,)).fetchone()
                if row is None:
                    continue
                names = [d[1] for d in con.execute(f'PRAGMA table_info("{f.table}")')]
                moved.append({"table": f.table, "row": dict(zip(names, (_jsonable(v) for v in row)))})
                con.execute(f'DELETE FROM "{f.table}" WHERE id = ?', (f.row,))
            else:
                con.execute(f.repair_sql, (f.row,))
                if f.table == "page" and f.column == "word_boxes":
                    con.execute("UPDATE page SET word_offsets = x'' WHERE id = ?", (f.row,))
        details = {"repairs": [{"table": f.table, "row": f.row, "column": f.column, "problem": f.problem,
                                "repair": f.repair_text, "was": f.raw} for f in fixable],
                   "moved_rows": moved}
        summary = f"Repaired {len(fixable)} unreadable value(s) on opening: " + "; ".join(
            f.describe() for f in fixable[:5]) + (" ..." if len(fixable) > 5 else "")
        if "log" in {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}:
            con.execute('INSERT INTO log ("when", coder_name, action, summary, details) VALUES (?, ?, ?, ?, ?)',
                        (when, "", "repair", summary, json.dumps(details, ensure_ascii=False)))
    return len(fixable)


def _jsonable(v):
    if isinstance(v, bytes):
        return v.hex()
    return v


__all__ = ["Finding", "findings", "repair", "refusal"]
