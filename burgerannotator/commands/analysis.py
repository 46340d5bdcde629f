"""cooccurrence, query, package: what a methods reviewer asks for beyond the matrix (issue 13)."""
from __future__ import annotations

from pathlib import Path

from burgerannotator.core.errors import UserError

from .common import add_coder_args, add_project_arg, coder_selection, opened, print_json




def register(sub) -> None:
    p = sub.add_parser("cooccurrence", help="code x code: in how many documents, or how many nearby segments")
    add_project_arg(p)
    add_coder_args(p, by_coder=False)
    p.add_argument("--segments", action="store_true",
                   help="count pairs of one coder's segments that overlap or lie within --distance characters "
                        "(default: count documents that have both codes)")
    near = p.add_mutually_exclusive_group()
    near.add_argument("--distance", type=int, default=0, metavar="N", help="characters between segments (default 0)")
    near.add_argument("--paragraph", action="store_true",
                      help="with --segments: segments that touch a common paragraph instead of a distance")
    p.add_argument("--codes", metavar="C,D,...", help="codes or categories (default: all codes)")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.csv or FILE.xlsx (the matrix and the pairs)")
    p.set_defaults(func=cmd_cooccurrence)

    p = sub.add_parser("query", help="documents and segments matching a code expression (AND, OR, NOT, NEAR/N)")
    add_project_arg(p)
    p.add_argument("expression", metavar="EXPR",
                   help='e.g. "MECH-BURGERBERAAD AND NOT TERM-DEMOCRATISCHE-VERNIEUWING", "A NEAR/200 B"')
    p.add_argument("--attr", action="append", default=[], metavar="NAME<=VALUE",
                   help="keep documents whose attribute compares true (rank<=4, period=2022-2026); repeatable")
    add_coder_args(p, by_coder=False)
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.csv or FILE.xlsx with one row per segment")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("package", help="a replication package (zip): codebook, segments, documents, matrices, "
                                       "agreement with CIs, log, README")
    add_project_arg(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    p.add_argument("--coders", metavar="A,B,...", help="coders for the agreement report (default: all human coders)")
    p.add_argument("--draws", type=int, default=None, metavar="N", help="bootstrap samples for the CIs (default 1000)")
    p.set_defaults(func=cmd_package)


def _suffix(path: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise UserError(f"{path}: the output must end in {' or '.join('.' + a for a in allowed)}.")
    return suffix


def cmd_cooccurrence(args) -> int:
    from burgerannotator.core.cooccurrence import cooccurrence
    from burgerannotator.core.exports.analysis_tables import cooccurrence_tables
    from burgerannotator.core.exports.csv_writer import write_csv
    from burgerannotator.core.exports.xlsx_writer import write_tables_workbook

    kind = _suffix(args.output, ("csv", "xlsx")) if args.output else None
    with opened(args.project, readonly=True) as project:
        if args.paragraph and not args.segments:
            raise UserError("--paragraph counts segments: add --segments.")
        result = cooccurrence(project, coder_selection(project, args), "segment" if args.segments else "document",
                              "paragraph" if args.paragraph else args.distance, args.codes)
    if kind == "csv":
        write_csv(cooccurrence_tables(result)[0], args.output)
    elif kind == "xlsx":
        write_tables_workbook(cooccurrence_tables(result), args.output)
    if args.json:
        print_json(result.as_dict())
        return 0
    what = ("documents with both codes" if result.unit == "document" else
            "segments in a common paragraph (same coder)" if result.distance == "paragraph" else
            f"segments within {result.distance} characters (same coder)")
    print(f"Co-occurrence: {what}; {result.selection}")
    pairs = result.pairs()
    for a, b, n, docs in pairs[:40]:
        shown = ", ".join(docs[:6]) + (", ..." if len(docs) > 6 else "")
        print(f"  {n:5d}  {a} + {b}  ({shown})")
    if len(pairs) > 40:
        print(f"  ... {len(pairs) - 40} more pair(s); use --json or -o for all")
    if not pairs:
        print("  no two codes co-occur")
    if args.output:
        print(f"Wrote {args.output}.")
    return 0


def cmd_query(args) -> int:
    from burgerannotator.core.exports.csv_writer import write_csv
    from burgerannotator.core.exports.xlsx_writer import write_tables_workbook
    from burgerannotator.core.query import run_query
    from burgerannotator.core.exports.analysis_tables import query_table

    kind = _suffix(args.output, ("csv", "xlsx")) if args.output else None
    with opened(args.project, readonly=True) as project:
        result = run_query(project, args.expression, coder_selection(project, args), args.attr)
    if kind == "csv":
        write_csv(query_table(result), args.output)
    elif kind == "xlsx":
        write_tables_workbook([query_table(result)], args.output)
    if args.json:
        print_json(result.as_dict())
        return 0
    filters = f" with {', '.join(result.filters)}" if result.filters else ""
    print(f"{len(result.documents)} of {result.searched} document(s){filters} match {result.expression}: "
          f"{', '.join(result.documents) or '-'}")
    for h in result.hits:
        quote = " ".join(h.quote.split())
        quote = quote if len(quote) <= 100 else quote[:97] + "..."
        print(f"  {h.document}, p. {h.pages} [{h.code_id}, {h.coder}]: {quote}")
    if args.output:
        print(f"Wrote {args.output}.")
    return 0


def cmd_package(args) -> int:
    from burgerannotator.core.replication import write_package

    _suffix(args.output, ("zip",))
    with opened(args.project, readonly=True) as project:
        summary = write_package(project, args.output, coders=args.coders, draws=args.draws)
    print(f"Wrote the replication package {args.output}: {summary}.")
    return 0
