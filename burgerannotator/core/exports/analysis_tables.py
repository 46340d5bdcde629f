"""Co-occurrence and coding-query results as plain tables (for CSV, the workbook and the package)."""
from __future__ import annotations

from .tables import Table


def cooccurrence_tables(result) -> list[Table]:
    """The code x code matrix and the list of co-occurring pairs with their documents."""
    what = "segments" if result.unit == "segment" else "documents"
    name = f"Co-occurrence {what}"
    ids = result.code_ids
    matrix = Table(name, ["code", *ids], [[a, *[int(v) for v in row]] for a, row in zip(ids, result.counts)])
    pairs = Table(f"Co-occurring pairs ({what})", ["code a", "code b", "count", "documents"],
                  [[a, b, n, "; ".join(docs)] for a, b, n, docs in result.pairs()])
    return [matrix, pairs]


def query_table(result) -> Table:
    return Table("Query", ["city", "file", "printed page", "code", "coder", "quote", "start", "end", "segment uuid"],
                 [[h.document, h.file_name, h.pages, h.code_id, h.coder, h.quote, h.start, h.end, h.segment_uuid]
                  for h in result.hits], formats={5: "wrap"}, widths={5: 80})


__all__ = ["cooccurrence_tables", "query_table"]
