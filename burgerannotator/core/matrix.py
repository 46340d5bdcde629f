"""The comparative matrix: documents (rows) by codes (columns, grouped by category).

A cell holds one measure of the live codings (``deleted IS NULL AND status == 'coded'``)
of a code in a document:

- ``presence``: 1 if the code was applied at least once, else 0;
- ``count``: the number of segments;
- ``coverage``: the share (0..1) of the document's text characters covered by the
  union of the code's segments (overlaps counted once); an area segment adds its share
  of its page times the document's characters per page (``areas.add_area_coverage``).

Whose codings count is a ``CoderSelection``: one coder, all human coders pooled,
the human coders side by side (one column per code and coder), or the consensus
coder. The whole matrix comes from one SQL aggregate query (a window function
computes the union lengths), so it stays fast on tens of thousands of segments.

Totals: for presence the row total is the number of codes present and the column
total the number of documents carrying the code; for count, sums; for coverage the
row total is the share of the document covered by any shown column, the column
total the code's share of all the rows' text, the grand total the share of all
text covered by any coding.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from .areas import add_area_coverage
from .codebook import all_codes
from .coders import find_coder, list_coders
from .documents import list_documents
from .errors import UserError
from .models import Coder, Document, Segment, live_coding, live_coding_sql

if TYPE_CHECKING:
    import numpy as np

MEASURES = ("presence", "count", "coverage")
MODES = ("coder", "all", "by-coder", "consensus")


@dataclass(frozen=True)
class CoderSelection:
    """Whose codings a matrix (or an export) counts."""

    mode: str  # coder | all | by-coder | consensus
    coders: tuple[Coder, ...]

    @property
    def coder_ids(self) -> tuple[int, ...]:
        return tuple(c.id for c in self.coders)

    @property
    def description(self) -> str:
        if self.mode == "all":
            return "all coders pooled" if self.coders else "all coders (none yet)"
        if self.mode == "by-coder":
            return "coders side by side"
        return ", ".join(c.name for c in self.coders)


def select_coders(project, mode: str = "all", name: str | None = None) -> CoderSelection:
    """Resolve ``--coder NAME`` / ``--all`` / ``--by-coder`` / ``--consensus`` to coders."""
    if mode not in MODES:
        raise UserError(f"Unknown coder choice '{mode}' (use one of {', '.join(MODES)}).")
    if mode == "coder":
        if not name:
            raise UserError("Say which coder with --coder NAME.")
        return CoderSelection("coder", (find_coder(project, name),))
    if mode == "consensus":
        found = [c for c in list_coders(project) if c.is_consensus]
        if not found:
            raise UserError("This project has no consensus coding yet; merge the coders' work first.")
        return CoderSelection("consensus", tuple(found[:1]))
    return CoderSelection(mode, tuple(list_coders(project, include_consensus=False)))


@dataclass
class MatrixRow:
    document_id: int
    document_uuid: str
    label: str
    file_name: str
    characters: int


@dataclass
class MatrixColumn:
    code_db_id: int
    code_uuid: str
    code_id: str  # e.g. MECH-UITDAAGRECHT
    name: str
    color: str
    category: str  # the top-level category's name ("" if the code is top-level)
    category_id: str
    category_color: str
    coder_id: int | None = None  # set when coders are side by side
    coder_uuid: str | None = None
    coder_name: str | None = None

    @property
    def header(self) -> str:
        """A unique, stable column name for plain tables (CSV)."""
        return f"{self.code_id} ({self.coder_name})" if self.coder_name else self.code_id


@dataclass
class Matrix:
    """The cells are plain Python numbers (``cells``, ``row_sums``, ``column_sums``); ``values``,
    ``row_totals`` and ``column_totals`` are the same as NumPy arrays, made when first asked for:
    writing a matrix to CSV imports no NumPy (issue 17: start-up of the ``matrix`` command)."""

    measure: str
    selection: CoderSelection
    by: str
    rows: list[MatrixRow]
    columns: list[MatrixColumn]
    cells: list[list]  # rows x columns; int for presence/count, float for coverage
    row_sums: list
    column_sums: list
    grand_total: float
    segment_total: int = 0
    categories: list[tuple[str, str, int]] = field(default_factory=list)  # (name, colour, span)
    _arrays: dict = field(default_factory=dict, repr=False, compare=False)

    def _array(self, name: str, data, shape) -> "np.ndarray":
        if name not in self._arrays:
            import numpy as np

            dtype = np.float64 if self.measure == "coverage" else np.int64
            self._arrays[name] = np.array(data, dtype=dtype).reshape(shape)
        return self._arrays[name]

    @property
    def values(self) -> "np.ndarray":  # rows x columns; int64 for presence/count, float64 for coverage
        return self._array("values", self.cells, (len(self.rows), len(self.columns)))

    @property
    def row_totals(self) -> "np.ndarray":
        return self._array("row_totals", self.row_sums, (len(self.rows),))

    @property
    def column_totals(self) -> "np.ndarray":
        return self._array("column_totals", self.column_sums, (len(self.columns),))

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.columns)

    def value(self, row: int, column: int):
        v = self.cells[row][column]
        return float(v) if self.measure == "coverage" else int(v)


# One query for the whole matrix. For each segment the window gives the furthest end of the
# segments before it in the same cell (prev_cell) and in the same row (prev_row); what a segment
# adds to the union is max(0, end - max(start, prev)). Summed per cell, these are the union lengths.
_AGGREGATE = """
WITH live AS (
    SELECT s.document_id AS d, s.code_id AS c, {coder_key} AS k, s.start AS a, {end} AS b,
        MAX({end}) OVER (PARTITION BY s.document_id, s.code_id, {coder_key} ORDER BY s.start, s."end", s.id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_cell,
        MAX({end}) OVER (PARTITION BY s.document_id ORDER BY s.start, s."end", s.id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_row
    FROM segment AS s JOIN code AS cd ON cd.id = s.code_id
    WHERE """ + live_coding_sql("s") + """ AND cd.deleted IS NULL AND {coder_filter}
)
SELECT d, c, k, COUNT(*),
       SUM(MAX(0, b - MAX(a, COALESCE(prev_cell, a)))),
       SUM(MAX(0, b - MAX(a, COALESCE(prev_row, a))))
FROM live GROUP BY d, c, k
"""
# Area segments cover no characters here (their page share is added by areas.area_coverage).
_TEXT_END = '(CASE WHEN s.kind = \'area\' THEN s.start ELSE s."end" END)'



# Presence and count need no union lengths: a plain GROUP BY.
_COUNTS = """
SELECT s.document_id, s.code_id, {coder_key}, COUNT(*), 0, 0
FROM segment AS s JOIN code AS cd ON cd.id = s.code_id
WHERE """ + live_coding_sql("s") + """ AND cd.deleted IS NULL AND {coder_filter}
GROUP BY 1, 2, 3
"""


def _aggregate(project, selection: CoderSelection, coverage: bool = True) -> list[tuple]:
    ids = selection.coder_ids
    if not ids:
        return []
    coder_key = "s.coder_id" if selection.mode == "by-coder" else "0"
    coder_filter = f"s.coder_id IN ({', '.join(str(int(i)) for i in ids)})"
    sql = (_AGGREGATE if coverage else _COUNTS).format(coder_key=coder_key, coder_filter=coder_filter,
                                                       end=_TEXT_END)
    return project.session.execute(text(sql)).all()


def row_label(document: Document, by: str) -> str:
    value = (document.attributes or {}).get(by)
    return str(value) if value not in (None, "") else document.label


def document_attributes(documents: list[Document]) -> list[str]:
    """Attribute names across documents, in first-seen order (city first when present)."""
    names: list[str] = []
    for d in documents:
        for key in (d.attributes or {}):
            if key not in names:
                names.append(key)
    if "city" in names:
        names.remove("city")
        names.insert(0, "city")
    return names


def matrix_columns(project, selection: CoderSelection) -> list[MatrixColumn]:
    """Leaf codes in codebook order, each under its top-level category; per coder if side by side."""
    columns = []
    per_coder = selection.coders if selection.mode == "by-coder" else (None,)
    for code in all_codes(project, include_categories=False):
        top = code
        while top.parent is not None:
            top = top.parent
        cat = top if top is not code else None
        for coder in per_coder:
            columns.append(MatrixColumn(
                code.id, code.uuid, code.code_id, code.name, code.color,
                cat.name if cat else "", cat.code_id if cat else "", cat.color if cat else code.color,
                coder.id if coder else None, coder.uuid if coder else None, coder.name if coder else None))
    return columns


def build_matrix(project, measure: str = "presence", selection: CoderSelection | None = None, by: str = "city",
                 hide_empty: bool = False, documents: list[Document] | None = None) -> Matrix:
    return build_matrices(project, (measure,), selection, by, hide_empty, documents)[measure]


def build_matrices(project, measures=MEASURES, selection: CoderSelection | None = None, by: str = "city",
                   hide_empty: bool = False, documents: list[Document] | None = None) -> dict[str, Matrix]:
    """Several measures from the same single query: {measure: Matrix}."""
    for measure in measures:
        if measure not in MEASURES:
            raise UserError(f"Unknown measure '{measure}' (use presence, count or coverage).")
    selection = selection or select_coders(project, "all")
    docs = list_documents(project) if documents is None else documents
    if by and docs and not any(by in (d.attributes or {}) for d in docs):
        known = ", ".join(document_attributes(docs)) or "none"
        raise UserError(f"No document has the attribute '{by}' (attributes: {known}).")
    lengths = dict(project.session.execute(
        text("SELECT id, length(text) FROM document")).all())
    rows = [MatrixRow(d.id, d.uuid, row_label(d, by), d.file_name, int(lengths.get(d.id) or 0)) for d in docs]
    columns = matrix_columns(project, selection)
    row_of = {r.document_id: i for i, r in enumerate(rows)}
    col_of = {(c.code_db_id, c.coder_id if selection.mode == "by-coder" else 0): j for j, c in enumerate(columns)}

    counts = [[0] * len(columns) for _ in rows]
    covered = [[0] * len(columns) for _ in rows]
    row_union = [0] * len(rows)
    for d, c, k, n, cell_chars, row_chars in _aggregate(project, selection, "coverage" in measures):
        i = row_of.get(d)
        if i is None:
            continue
        row_union[i] += int(row_chars or 0)
        j = col_of.get((c, k))
        if j is None:
            continue
        counts[i][j] = int(n)
        covered[i][j] = int(cell_chars or 0)
    if "coverage" in measures:
        add_area_coverage(project, selection, row_of, col_of, covered, row_union)

    if hide_empty and columns:
        used = [j for j in range(len(columns)) if any(row[j] for row in counts)]
        if selection.mode == "by-coder":
            used_codes = {columns[j].code_db_id for j in used}
            keep = [j for j, c in enumerate(columns) if c.code_db_id in used_codes]
        else:
            keep = used
        columns = [columns[j] for j in keep]
        counts = [[row[j] for j in keep] for row in counts]
        covered = [[row[j] for j in keep] for row in covered]

    chars = [float(r.characters) for r in rows]
    return {m: _measure(m, selection, by, rows, columns, counts, covered, row_union, chars) for m in measures}


def _column_sums(cells: list[list], width: int) -> list:
    return [sum(row[j] for row in cells) for j in range(width)]


def _measure(measure, selection, by, rows, columns, counts, covered, row_union, chars) -> Matrix:
    """The cells of one measure, in plain Python (the same numbers NumPy gave: integer sums, and
    IEEE divisions of the integer character counts, rounded once)."""
    width = len(columns)
    if measure == "presence":
        values = [[1 if n > 0 else 0 for n in row] for row in counts]
    elif measure == "count":
        values = [list(row) for row in counts]
    if measure in ("presence", "count"):
        row_totals, column_totals = [sum(row) for row in values], _column_sums(values, width)
        grand = float(sum(row_totals))
    else:
        values = [[cell / n for cell in row] if n > 0 else [0.0] * width for row, n in zip(covered, chars)]
        row_totals = [u / n if n > 0 else 0.0 for u, n in zip(row_union, chars)]
        total_chars = float(sum(chars))
        column_totals = ([s / total_chars for s in _column_sums(covered, width)] if total_chars
                         else [0.0] * width)
        grand = float(sum(row_union) / total_chars) if total_chars else 0.0
    return Matrix(measure, selection, by, rows, columns, values, row_totals, column_totals, grand,
                  sum(sum(row) for row in counts), _category_spans(columns))


def _category_spans(columns: list[MatrixColumn]) -> list[tuple[str, str, int]]:
    spans: list[tuple[str, str, int]] = []
    for c in columns:
        if spans and spans[-1][0] == c.category:
            spans[-1] = (c.category, c.category_color, spans[-1][2] + 1)
        else:
            spans.append((c.category, c.category_color, 1))
    return spans


def cell_segments(project, matrix: Matrix, row: int, column: int) -> list[Segment]:
    """The live segments behind one cell, in document order (for listing and jumping)."""
    r, c = matrix.rows[row], matrix.columns[column]
    ids = [c.coder_id] if c.coder_id is not None else list(matrix.selection.coder_ids)
    if not ids:
        return []
    q = (select(Segment).where(Segment.document_id == r.document_id, Segment.code_pk == c.code_db_id,
                               Segment.coder_id.in_(ids), live_coding())
         .order_by(Segment.start, Segment.end, Segment.id))
    return list(project.session.scalars(q))


def format_value(measure: str, value) -> str:
    if measure == "coverage":
        pct = float(value) * 100
        return "0%" if not pct else f"{pct:.1f}%" if pct >= 0.1 else f"{pct:.2g}%"
    return str(int(value))


__all__ = ["MEASURES", "MODES", "CoderSelection", "select_coders", "Matrix", "MatrixRow", "MatrixColumn",
           "build_matrix", "build_matrices", "cell_segments", "matrix_columns", "document_attributes", "row_label", "format_value"]
