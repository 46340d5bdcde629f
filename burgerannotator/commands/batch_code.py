"""code PROJECT --from FILE.csv: many quotes coded in one process and one transaction.

Columns: doc, quote, code (required), coder, memo, occurrence (optional); ``-`` reads standard
input. Prints one line per row (coded / already coded / not found) and a summary. Exit 0 when
every row is coded or already coded; otherwise 5, after writing the rows that could be coded
-- or, with --strict, writing nothing. A file that is not such a CSV: one line, exit 2.
"""
from __future__ import annotations

import sys

from burgerannotator.core.errors import NotFoundError, UserError

from .common import coder_for, opened

SINGLE_ONLY = ("doc", "quote", "code", "memo", "occurrence")


def add_batch_args(p) -> None:
    p.add_argument("--from", dest="from_file", metavar="FILE.csv",
                   help="code every row of a CSV (columns doc, quote, code, coder, memo, occurrence; "
                        "'-' reads standard input) in one transaction, instead of --doc/--quote/--code")
    p.add_argument("--strict", action="store_true", help="with --from: write nothing unless every row can be coded")


def check_single(args) -> None:
    """A single ``code`` needs --doc, --quote and --code; --strict belongs to --from."""
    missing = [f"--{name}" for name in ("doc", "quote", "code") if getattr(args, name) is None]
    if missing:
        raise UserError(f"code needs {', '.join(missing)} (or --from FILE.csv to code many quotes).")
    if args.strict:
        raise UserError("--strict goes with --from FILE.csv.")


def run(args) -> int:
    from burgerannotator.core.batch_coding import NOT_FOUND, BatchFileError, code_rows, read_rows

    given = [f"--{name}" for name in SINGLE_ONLY if getattr(args, name) not in (None, "", 1)]
    if given:
        raise UserError(f"--from takes the quotes from the file; leave out {', '.join(given)} "
                        "(use the file's columns instead).")
    name = "standard input" if args.from_file == "-" else args.from_file
    try:
        raw = sys.stdin.buffer.read() if args.from_file == "-" else open(args.from_file, "rb").read()
    except OSError as exc:
        raise BatchFileError(f"Cannot read {name}: {exc.strerror or exc}.") from None
    rows = read_rows(raw, name)  # the whole file is checked before the project is opened
    with opened(args.project) as project:
        try:
            default = coder_for(project, args.coder)
        except UserError:
            default = None  # then every row names its coder (or is reported)
        report = code_rows(project, rows, default_coder=default, strict=args.strict)
    for r in report.rows:
        print(f"line {r.line}: {r.status}: {r.message}" + (f" ({r.segment_uuid})" if r.segment_uuid else ""))
    print(report.summary())
    failed = report.count(NOT_FOUND)
    if failed:
        raise NotFoundError(f"{failed} of {len(report.rows)} row(s) of {name} not coded (see the lines above)"
                            + ("; nothing written (--strict)." if not report.written else "; the others are saved."))
    return 0
