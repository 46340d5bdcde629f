"""The project as plain tables (a header and rows of str/int/float/datetime/None).

The CSV and Excel writers share these, so both give the same content. Cells keep
their Python type: numbers stay numbers, text is neutralised by the writer.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ..areas import area_text
from ..codebook import all_codes
from ..documents import list_documents
from ..matrix import CoderSelection, Matrix, document_attributes
from ..memos import memos_for
from ..models import Code, Coder, ScaleValue, Segment, live_coding
from ..summary import DocumentDigest, DocumentSummary, page_labels, printed_pages

_INTEGER = re.compile(r"^(0|[1-9][0-9]{0,14})$")
_DECIMAL = re.compile(r"^[0-9]+\.[0-9]+$")


@dataclass
class Table:
    name: str  # sheet name / what the file holds
    header: list[str]
    rows: Iterable[list]  # a list, or an iterator that streams the rows once (the Segments table)
    formats: dict[int, str] = field(default_factory=dict)  # column -> percent | coverage | datetime | wrap | colour
    widths: dict[int, float] = field(default_factory=dict)  # column -> fixed width (characters)
    header_colours: dict[int, str] = field(default_factory=dict)  # column -> header fill (code colours)
    totals: list | None = None  # a Total row, never inside the data: CSV writes it last (asked for with
    #                             --totals), XLSX styled below the data after an empty row
    repeat_columns: int = 1  # row-label columns printed on every page
    print_columns: int | None = None  # print only the first N columns (the rest are ids for scripts)


def as_cell(value):
    """Attribute values and page labels that are plain numbers become numbers."""
    if isinstance(value, str):
        if _INTEGER.match(value):
            return int(value)
        if _DECIMAL.match(value):
            return float(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return str(value)
    return value


def _top(code: Code) -> Code:
    while code.parent is not None:
        code = code.parent
    return code


# ---- matrix -------------------------------------------------------------------------------------
def matrix_headers(matrix: Matrix, ids: bool = False) -> list[str]:
    """One header per column: the code name (``ids``: the code id), with the coder when side by side.
    A name two codes share gets its code id, so every header is unique (pandas needs that)."""
    names = [c.code_id if ids else c.name for c in matrix.columns]
    seen: dict[tuple[str, str | None], int] = {}
    for c, name in zip(matrix.columns, names):
        seen[(name, c.coder_name)] = seen.get((name, c.coder_name), 0) + 1
    out = []
    for c, name in zip(matrix.columns, names):
        if not ids and seen[(name, c.coder_name)] > 1:
            name = f"{name} [{c.code_id}]"
        out.append(f"{name} ({c.coder_name})" if c.coder_name else name)
    return out


def matrix_table(matrix: Matrix, ids: bool = False, totals: bool = False) -> Table:
    """Rows of documents, one header row of codes; ``totals``: a Total column and a Total row (kept out
    of ``rows``, see ``Table.totals``)."""
    labels = [r.label for r in matrix.rows]
    with_file = len(set(labels)) < len(labels)  # ambiguous labels: add the file to tell rows apart
    lead = [matrix.by or "document"] + (["file"] if with_file else [])
    header = lead + matrix_headers(matrix, ids) + (["Total"] if totals else [])
    number = float if matrix.measure == "coverage" else int
    values = matrix.cells
    row_totals = matrix.row_sums
    rows = []
    for i, r in enumerate(matrix.rows):
        rows.append([r.label] + ([r.file_name] if with_file else []) + [number(v) for v in values[i]]
                    + ([number(row_totals[i])] if totals else []))
    total_row = None
    if totals:
        total_row = (["Total"] + ([""] if with_file else []) + [number(v) for v in matrix.column_sums]
                     + [number(matrix.grand_total)])
    formats = {j: "coverage" for j in range(len(lead), len(header))} if matrix.measure == "coverage" else {}
    colours = {len(lead) + j: c.color for j, c in enumerate(matrix.columns)}
    return Table(f"Matrix {matrix.measure}", header, rows, formats, {j: 12 for j in colours}, colours, total_row,
                 repeat_columns=len(lead))


# ---- segments ------------------------------------------------------------------------------------
def segments_table(project, selection: CoderSelection | None = None) -> Table:
    """One row per live segment: document attributes, code, printed page, quote, coder, memo, ids."""
    docs = list_documents(project)
    attrs = document_attributes(docs)
    doc_cells = {d.id: [as_cell((d.attributes or {}).get(a)) for a in attrs] + [d.file_name] for d in docs}
    doc_uuid = {d.id: d.uuid for d in docs}
    labels = page_labels(project)
    codes = {c.id: c for c in all_codes(project)}
    # No Category column: the code path ("Mechanismen > Participatiekader") starts with it.
    code_cells = {cid: [c.code_id, c.path] for cid, c in codes.items()}
    q = (select(Segment.document_id, Segment.code_pk, Segment.page_first, Segment.page_last, Segment.start,
                Segment.end, Segment.quote, Coder.name, Segment.memo, Segment.origin, Segment.created,
                Segment.modified, Segment.uuid, Segment.kind)
         .join(Coder, Coder.id == Segment.coder_id)
         .where(live_coding())
         .order_by(Segment.start, Segment.end, Coder.name, Segment.id))
    if selection is not None:
        q = q.where(Segment.coder_id.in_(selection.coder_ids))

    def rows() -> Iterator[list]:
        """Streamed document by document (memory does not grow with the number of segments)."""
        for doc in docs:
            printed_cells: dict[tuple[int, int], object] = {}  # (first, last) -> printed page cell
            lab, cells, duuid = labels.get(doc.id, {}), doc_cells[doc.id], doc_uuid[doc.id]
            result = project.session.execute(q.where(Segment.document_id == doc.id),
                                              execution_options={"yield_per": 2000})
            for _, c, first, last, start, end, quote, coder, memo, origin, created, modified, suuid, kind in result:
                if c not in code_cells:
                    continue
                printed = printed_cells.get((first, last))
                if printed is None:
                    printed = printed_cells[(first, last)] = as_cell(printed_pages(lab, first, last))
                if kind == "area":  # "[area, p. 13]"; the xlsx export embeds its picture (exports.area_pictures)
                    quote = area_text(str(printed), quote)
                code_id, path = code_cells[c]
                yield [*cells, path, printed, quote, coder, memo, code_id, first, last, start, end,
                       origin, created, modified, suuid, duuid]

    # what a reader needs first (and what is printed), the ids and offsets for scripts after it
    header = [*attrs, "File", "Code", "Printed page", "Quote", "Coder", "Memo", "Code ID", "Page index",
              "Last page index", "Start", "End", "Origin", "Created (UTC)", "Modified (UTC)", "Segment uuid",
              "Document uuid"]
    at = {name: j for j, name in enumerate(header)}  # the fixed columns come after the attributes
    formats = {at["Quote"]: "wrap", at["Memo"]: "wrap", at["Created (UTC)"]: "datetime",
               at["Modified (UTC)"]: "datetime"}
    widths = {at["Quote"]: 60, at["Memo"]: 40}
    return Table("Segments", header, rows(), formats, widths, repeat_columns=1 if attrs else 0,
                 print_columns=at["Memo"] + 1)


# ---- codebook ------------------------------------------------------------------------------------
def code_counts(matrix: Matrix) -> dict[int, tuple[int, int]]:
    """{code db id: (segments, documents)} from a ``count`` matrix of all documents (no extra query)."""
    import numpy as np  # here: the matrix CSV imports this module and needs no NumPy

    per_code: dict[int, np.ndarray] = {}
    for j, column in enumerate(matrix.columns):  # side by side: one column per coder, summed
        values, before = matrix.values[:, j], per_code.get(column.code_db_id)
        per_code[column.code_db_id] = values if before is None else before + values
    return {c: (int(v.sum()), int(np.count_nonzero(v))) for c, v in per_code.items()}


def document_counts(matrix: Matrix) -> dict[int, int]:
    """{document db id: live segments} from a ``count`` matrix."""
    return {r.document_id: int(n) for r, n in zip(matrix.rows, matrix.values.sum(axis=1).tolist())}


def _check_counts(counts: Matrix | None, selection: CoderSelection | None) -> Matrix | None:
    if counts is None:
        return None
    if counts.measure != "count" or (selection is not None and counts.selection.coder_ids != selection.coder_ids):
        raise ValueError("the counts must be a count matrix of the same coders")
    return counts


def codebook_table(project, selection: CoderSelection | None = None, counts: Matrix | None = None) -> Table:
    """Codes with definitions and counts; ``counts``: the count matrix of the same selection, if at hand
    (saves a query over all segments)."""
    if _check_counts(counts, selection) is not None:
        counts = code_counts(counts)
    else:
        q = (select(Segment.code_pk, func.count(), func.count(func.distinct(Segment.document_id)))
             .where(live_coding()).group_by(Segment.code_pk))
        if selection is not None:
            q = q.where(Segment.coder_id.in_(selection.coder_ids))
        counts = {c: (n, nd) for c, n, nd in project.session.execute(q)}
    rows = []
    for c in all_codes(project):
        top = _top(c)
        n, nd = counts.get(c.id, (0, 0))
        rows.append([top.name if top is not c else c.name, c.code_id, c.name, c.path, c.kind, c.color,
                     c.definition, c.include, c.exclude, "; ".join(c.terms or []),
                     None if c.kind == "category" else n, None if c.kind == "category" else nd, c.uuid])
    header = ["Category", "Code ID", "Name", "Path", "Kind", "Colour", "Definition", "Include", "Exclude",
              "Terms", "Segments", "Documents", "Uuid"]
    return Table("Codebook", header, rows, {5: "colour", 6: "wrap"}, {6: 60, 7: 30, 8: 30, 9: 30})


# ---- documents -----------------------------------------------------------------------------------
def documents_table(project, selection: CoderSelection | None = None, counts: Matrix | None = None) -> Table:
    """Documents with attributes, pages, segment counts, scale values and memos; ``counts`` as for
    ``codebook_table``."""
    docs = list_documents(project)
    attrs = document_attributes(docs)
    coder_ids = list(selection.coder_ids) if selection is not None else None
    sv = select(ScaleValue)
    if coder_ids is not None:
        sv = sv.where(ScaleValue.coder_id.in_(coder_ids))
    if _check_counts(counts, selection) is not None:
        counts = document_counts(counts)
    else:
        q = (select(Segment.document_id, func.count()).where(live_coding())
             .group_by(Segment.document_id))
        if coder_ids is not None:
            q = q.where(Segment.coder_id.in_(coder_ids))
        counts = dict(project.session.execute(q).all())
    values = project.session.scalars(sv.order_by(ScaleValue.scale_pk, ScaleValue.coder_id)).all()
    scale_cols: list[tuple[int, int]] = []
    names: dict[tuple[int, int], str] = {}
    cells: dict[tuple[int, int, int], str] = {}
    for v in values:
        key = (v.scale_pk, v.coder_id)
        if key not in names:
            scale_cols.append(key)
            names[key] = f"{v.scale.scale_id} ({v.coder.name})"
        cells[(v.document_id, *key)] = v.value
    labels = page_labels(project)
    taken = {a.lower() for a in attrs}
    fixed_meta = [k for k in ("title", "author") if k not in taken]  # one Title column, not "title" and "Title"
    from ..recognise import recognised_pages  # here: recognise imports PyMuPDF, which matrix/summary need not

    recognised = recognised_pages(project)  # issue 15: which pages' text is OCR, and by what
    rows = []
    for d in docs:
        lab = labels.get(d.id, {})
        printed = f"{lab[min(lab)]}-{lab[max(lab)]}" if lab else ""
        memo = "\n".join(f"{m.coder.name}: {m.text}" for m in memos_for(project, "document", d.uuid)
                         if coder_ids is None or m.coder_id in coder_ids)
        meta = {"title": d.title, "author": d.author}
        attr_cells = [as_cell((d.attributes or {}).get(a)) for a in attrs]
        for j, a in enumerate(attrs):  # an attribute "title" is the Title column; the PDF's fills it if empty
            if a.lower() in meta and attr_cells[j] in (None, ""):
                attr_cells[j] = meta[a.lower()]
        rows.append([*attr_cells, d.file_name, *(meta[k] for k in fixed_meta), d.page_count, printed,
                     len(d.text or ""), counts.get(d.id, 0), *(cells.get((d.id, *k)) for k in scale_cols), memo,
                     d.uuid, d.sha256, recognised.get(d.id, "")])
    header = [*attrs, "File", *(k.capitalize() for k in fixed_meta), "Pages", "Printed pages", "Characters",
              "Segments", *(names[k] for k in scale_cols), "Memos", "Uuid", "SHA-256", "Text recognised (OCR)"]
    return Table("Documents", header, rows, {len(header) - 4: "wrap"}, {len(header) - 4: 40})


# ---- per-city summary ---------------------------------------------------------------------------------
def summary_table(summaries: Iterable[DocumentSummary], max_quote: int = 300, max_quotes: int = 25) -> Table:
    """One row per document and code: how often, by whom, on which printed pages, and the first quotes
    (all of them are on the Segments sheet). ``summaries`` may be a generator: the rows follow it."""

    def rows() -> Iterator[list]:
        for s in summaries:
            for cat in s.categories:
                for code in cat.codes:
                    coders = sorted({q.coder for q in code.quotes})
                    pages = list(dict.fromkeys(q.page for q in code.quotes))
                    yield [s.label, cat.name, code.code_id, code.name, len(code.quotes), ", ".join(coders),
                           ", ".join(pages), _quotes_cell(code.quotes, len(code.quotes), max_quote, max_quotes)]
            yield from _scale_and_memo_rows(s.label, s.scales, s.memos)

    return Table("Summary", SUMMARY_HEADER, rows(), {7: "wrap"}, {7: 80})


SUMMARY_HEADER = ["Document", "Category", "Code ID", "Code", "Segments", "Coders", "Printed pages", "Quotes"]


def _quotes_cell(quotes, count: int, max_quote: int, max_quotes: int) -> str:
    """The Quotes cell of a Summary row: the first ``max_quotes`` quotes of ``count``, each cut at ``max_quote``."""
    text = "\n".join(f"p. {q.page} ({q.coder}): {_clip(q.text, max_quote)}" for q in quotes[:max_quotes])
    if count > max_quotes:
        text += f"\n... and {count - max_quotes} more (see Segments)"
    return text


def _scale_and_memo_rows(label: str, scales, memos) -> Iterator[list]:
    for sc in scales:
        yield [label, "Scale", sc.scale_id, sc.scale, None, sc.coder, "", sc.label]
    for m in memos:
        yield [label, "Memo", "", "", None, m.coder, "", m.text]


def summary_digest_table(digests: Iterable[DocumentDigest], max_quote: int = 300, max_quotes: int = 25) -> Table:
    """``summary_table``'s rows, cell for cell, from ``summary.digests`` (each code's first ``max_quotes``
    quotes only): what the full Excel export writes, in memory flat in the number of codings."""

    def rows() -> Iterator[list]:
        for d in digests:
            for code in d.codes:
                yield [d.label, code.category, code.code_id, code.name, code.count, ", ".join(sorted(code.coders)),
                       ", ".join(code.pages), _quotes_cell(code.quotes, code.count, max_quote, max_quotes)]
            yield from _scale_and_memo_rows(d.label, d.scales, d.memos)

    return Table("Summary", SUMMARY_HEADER, rows(), {7: "wrap"}, {7: 80})


def quotes_table(summaries: list[DocumentSummary]) -> Table:
    """The summary as one row per quote (for ``summary --format csv``)."""
    rows = []
    for s in summaries:
        for cat in s.categories:
            for code in cat.codes:
                for q in code.quotes:
                    rows.append([s.label, s.file_name, cat.name, code.code_id, code.name, as_cell(q.page),
                                 q.page_index, q.coder, q.text, q.memo, q.segment_uuid])
    header = ["Document", "File", "Category", "Code ID", "Code", "Printed page", "Page index", "Coder",
              "Quote", "Memo", "Segment uuid"]
    return Table("Quotes", header, rows, {8: "wrap", 9: "wrap"}, {8: 60, 9: 40})


def _clip(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


__all__ = ["Table", "as_cell", "matrix_headers", "matrix_table", "segments_table", "codebook_table", "documents_table",
           "summary_table", "summary_digest_table", "quotes_table", "code_counts", "document_counts"]
