"""REFI-QDA exchange on the command line: ``export -o FILE.qdc|FILE.qdpx``,
``import PROJECT FILE.qdc|FILE.qdpx`` and ``new PROJECT --from FILE.qdpx``.

A refused exchange file (unreadable, unsafe, not REFI-QDA) exits 7 with one line on stderr.
"""
from __future__ import annotations

from pathlib import Path

from burgerannotator.core.errors import UserError

from .common import ensure_coder, opened

SUFFIXES = (".qdc", ".qdpx", ".qde")


def is_exchange_import(files: list[str]) -> bool:
    exchange = [f for f in files if Path(f).suffix.lower() in SUFFIXES]
    if exchange and len(files) > 1:
        raise UserError("Import one .qdc or .qdpx file at a time, without PDFs beside it.")
    return bool(exchange)


def _print(report) -> None:
    print(report.text())


def import_file(args) -> int:
    from burgerannotator.core import refi
    from burgerannotator.core.ops import ImportQdc, ImportQdpx, run

    path = args.pdfs[0]
    if getattr(args, "attributes", None) or getattr(args, "password", None):
        raise UserError("--attributes and --password are for PDFs; a REFI-QDA file brings its own variables.")
    if not Path(path).is_file():
        raise refi.ExchangeFileError(f"{path} does not exist or is not a file.")
    with opened(args.project) as project:
        if Path(path).suffix.lower() == ".qdc":
            report = run(project, ImportQdc(str(path))).value
        else:
            report = run(project, ImportQdpx(str(path), args.coder)).value
    _print(report)
    return 0


def new_from(args) -> int:
    from burgerannotator.core import refi

    if args.codebook:
        raise UserError("Give --codebook or --from, not both: a REFI-QDA project brings its own codebook.")
    if not Path(args.from_file).is_file():
        raise refi.ExchangeFileError(f"{args.from_file} does not exist or is not a file.")
    project, report = refi.new_from_qdpx(args.project, args.from_file, args.coder)
    try:
        if args.coder:
            ensure_coder(project, args.coder)
    finally:
        project.close()
    print(f"Created {args.project} from {Path(args.from_file).name}.")
    _print(report)
    return 0


def export_file(args) -> int:
    from burgerannotator.core import refi
    from burgerannotator.core.coders import find_coder, list_coders

    if getattr(args, "by_coder", False) or getattr(args, "consensus", False):
        raise UserError("A REFI-QDA export takes --coder NAME or --all (the default), not --by-coder/--consensus.")
    with opened(args.project, readonly=True) as project:
        if args.output.lower().endswith(".qdc"):
            n = refi.write_qdc(project, args.output)
            print(f"Wrote the codebook ({n} codes and categories) to {args.output}.")
            return 0
        coders = [find_coder(project, args.coder)] if args.coder else list_coders(project)
        counts = refi.write_qdpx(project, args.output, coders)
    print(f"Wrote {args.output}: {counts['documents']} documents, {counts['codes']} codes, "
          f"{counts['segments']} segments by {counts['coders']} coder(s), {counts.get('memos', 0)} memos.")
    return 0
