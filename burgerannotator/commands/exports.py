"""matrix, summary, export: the comparative matrix, per-city summaries, CSV and Excel files."""
from __future__ import annotations

from pathlib import Path

from burgerannotator.core.errors import UserError

from .choices import LANGUAGES, MEASURES, SEPARATORS
from .common import add_coder_args, add_project_arg, coder_selection, opened


def _add_csv_args(p) -> None:
    p.add_argument("--raw", action="store_true",
                   help="CSV: write text exactly as stored, no apostrophe before formula-like text (for pandas/R "
                        "scripts; do not open such a file in a spreadsheet program)")
    p.add_argument("--no-bom", action="store_true",
                   help="CSV: no UTF-8 byte-order mark (Excel needs it for accents; LibreOffice and scripts do not)")


def _add_matrix_args(p) -> None:
    p.add_argument("--ids", action="store_true", help="code ids instead of code names as matrix column headers")
    p.add_argument("--totals", action="store_true",
                   help="add a Total column and row (CSV: the last row; Excel: a styled row below the data)")


def register(sub) -> None:
    p = sub.add_parser("matrix", help="the city x code matrix as CSV or Excel")
    add_project_arg(p)
    add_coder_args(p)
    p.add_argument("--measure", choices=MEASURES, default="presence",
                   help="presence (0/1), count (segments) or coverage (share of the text); default presence")
    p.add_argument("--by", default="city", metavar="ATTRIBUTE", help="document attribute naming the rows (city)")
    p.add_argument("--hide-empty", action="store_true", help="leave out codes without segments")
    p.add_argument("--sep", choices=SEPARATORS, default=",", help="CSV separator: ',' or ';' (decimal comma)")
    _add_matrix_args(p)
    _add_csv_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.csv or FILE.xlsx")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="CSV column headers: en (default, stable) or nl")
    p.set_defaults(func=cmd_matrix)

    p = sub.add_parser("summary", help="per-document summary: quotes per code with printed pages")
    add_project_arg(p)
    p.add_argument("--doc", metavar="DOC", help="one document (file name, city or uuid); default all")
    p.add_argument("--format", choices=("md", "html", "csv"), help="default: from the file's extension, else md")
    p.add_argument("--coder", metavar="NAME", help="only this coder's codings (default: every coder)")
    p.add_argument("--sep", choices=SEPARATORS, default=",", help="CSV separator")
    _add_csv_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="CSV column headers: en (default, stable) or nl")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("export", help="everything in one Excel workbook")
    add_project_arg(p)
    add_coder_args(p)
    p.add_argument("--by", default="city", metavar="ATTRIBUTE", help="document attribute naming the matrix rows")
    p.add_argument("--hide-empty", action="store_true", help="leave codes without segments out of the matrices")
    _add_matrix_args(p)
    p.add_argument("-o", "--output", metavar="FILE.xlsx",
                   help="FILE.xlsx, or FILE.qdc (REFI-QDA codebook) / FILE.qdpx (REFI-QDA project); "
                        "required unless --charts")
    p.add_argument("--charts", metavar="DIR", help="also write heatmap.svg/.png and codes-per-city.svg/.png to DIR")
    p.set_defaults(func=cmd_export)


def _suffix(path: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise UserError(f"{path}: the output must end in {' or '.join('.' + a for a in allowed)}.")
    return suffix


def cmd_matrix(args) -> int:
    from burgerannotator.core.exports.dutch import localise
    from burgerannotator.core.exports.csv_writer import write_csv
    from burgerannotator.core.exports.tables import matrix_table
    from burgerannotator.core.matrix import build_matrix, format_value

    kind = _suffix(args.output, ("csv", "xlsx"))
    with opened(args.project, readonly=True) as project:
        matrix = build_matrix(project, args.measure, coder_selection(project, args), args.by, args.hide_empty)
        if kind == "csv":
            write_csv(localise(matrix_table(matrix, ids=args.ids, totals=args.totals), args.lang), args.output,
                      args.sep, raw=args.raw, bom=not args.no_bom)
        else:
            from burgerannotator.core.exports.xlsx_writer import write_matrix_workbook  # only for .xlsx

            write_matrix_workbook(matrix, args.output, ids=args.ids, totals=args.totals)
    rows, cols = matrix.shape
    print(f"Wrote the {args.measure} matrix ({rows} documents x {cols} columns, {matrix.selection.description}; "
          f"total {format_value(args.measure, matrix.grand_total)}) to {args.output}.")
    return 0


def cmd_summary(args) -> int:
    from burgerannotator.core.documents import find_document
    from burgerannotator.core.exports.dutch import localise
    from burgerannotator.core.exports.csv_writer import write_csv
    from burgerannotator.core.exports.report import write_report
    from burgerannotator.core.exports.tables import quotes_table
    from burgerannotator.core.matrix import select_coders
    from burgerannotator.core.summary import summarise

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower()
        fmt = {".html": "html", ".htm": "html", ".csv": "csv"}.get(suffix, "md")
    with opened(args.project, readonly=True) as project:
        docs = [find_document(project, args.doc)] if args.doc is not None else None
        selection = select_coders(project, "coder", args.coder) if args.coder else None
        summaries = summarise(project, docs, selection)
        if not summaries:
            raise UserError("This project has no documents yet.")
        title = f"{project.info.name}: summary per document"
        if fmt == "csv":
            write_csv(localise(quotes_table(summaries), args.lang), args.output, args.sep, raw=args.raw,
                      bom=not args.no_bom)
        else:
            write_report(summaries, args.output, fmt, title)
    quotes = sum(s.quote_count for s in summaries)
    print(f"Wrote the summary of {len(summaries)} document(s), {quotes} quote(s), to {args.output}.")
    return 0


def cmd_export(args) -> int:
    from burgerannotator.core.exports.xlsx_writer import write_workbook

    if not args.output and not args.charts:
        raise UserError("Say where to write: -o FILE.xlsx and/or --charts DIR.")
    if args.output and Path(args.output).suffix.lower() in (".qdc", ".qdpx"):
        from .refi_cli import export_file

        code = export_file(args)
        return _export_charts(args) if args.charts and not code else code
    if args.output:
        _suffix(args.output, ("xlsx", "qdc", "qdpx"))
        with opened(args.project, readonly=True) as project:
            selection = coder_selection(project, args)
            write_workbook(project, args.output, selection, args.by, args.hide_empty, ids=args.ids,
                           totals=args.totals)
        print(f"Wrote {args.output} (matrices, heat map, codes per city, segments, codebook, summary, documents; "
              f"{selection.description}).")
    return _export_charts(args) if args.charts else 0


def _export_charts(args) -> int:
    from burgerannotator.core.charts import write_charts

    with opened(args.project, readonly=True) as project:
        selection = coder_selection(project, args)
        charts = write_charts(project, args.charts, selection, args.by)
    print(f"Wrote {len(charts)} chart file(s) to {args.charts}: {', '.join(p.name for p in charts)}.")
    return 0
