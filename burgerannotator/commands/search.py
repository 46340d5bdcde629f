"""search, autocode: find words in the agreements; suggest codings from the codebook's dictionary."""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

from burgerannotator.core.errors import ProjectFileError

from .choices import UNITS
from .common import add_project_arg, coder_for, opened, print_json


def register(sub) -> None:
    p = sub.add_parser("search", help="search the documents (words, \"phrases\", prefixes like burgerbera*)")
    add_project_arg(p)
    p.add_argument("query", metavar="QUERY",
                   help='words (all must occur), "a phrase", prefix*, alternatives with OR')
    p.add_argument("--json", action="store_true", help="hits as JSON")
    p.add_argument("--doc", metavar="DOC", help="only this document (file name, city or uuid)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("autocode", help="suggest codings from the codebook's dictionary terms")
    add_project_arg(p)
    p.add_argument("--coder", required=True, metavar="NAME", help="the coder the suggestions are for")
    p.add_argument("--codes", metavar="CODE,...", help="only these codes (ids or names, comma-separated)")
    p.add_argument("--unit", choices=UNITS, default="hit",
                   help="suggest the matched words (hit, default) or the sentence around them")
    p.add_argument("--accept-all", action="store_true", help="make the suggestions codings at once")
    p.set_defaults(func=cmd_autocode)


@contextmanager
def _opened_for_reading(path: str):
    """Read-only (the app may have the project open); an older project is opened once for writing
    so that it is upgraded (and indexed)."""
    try:
        ctx = opened(path, readonly=True)
        project = ctx.__enter__()
    except ProjectFileError as exc:
        if "older schema" not in exc.message:
            raise
        ctx = opened(path)
        project = ctx.__enter__()
    try:
        yield project
    finally:
        ctx.__exit__(None, None, None)


def cmd_search(args) -> int:
    from burgerannotator.core.documents import find_document
    from burgerannotator.core.search import search

    with _opened_for_reading(args.project) as project:
        documents = [find_document(project, args.doc)] if args.doc else None
        result = search(project, args.query, documents)
    if args.json:
        print_json(result.to_dict())
        return 0
    for doc in result.documents:
        print(f"{doc.label} ({doc.file_name}): {doc.count} hit{'s' if doc.count != 1 else ''}")
        for hit in doc.hits:
            print(f"  p. {hit.page_label:>4}  {hit.kwic}")
    print(f"{result.total} hit{'s' if result.total != 1 else ''} in {len(result.documents)} "
          f"document{'s' if len(result.documents) != 1 else ''} for {args.query}")
    return 0


def cmd_autocode(args) -> int:
    from burgerannotator.core import codebook
    from burgerannotator.core.ops import Autocode, run

    with opened(args.project) as project:
        coder = coder_for(project, args.coder)
        codes = None
        if args.codes:
            codes = [codebook.find_code(project, ref) for ref in args.codes.split(",") if ref.strip()]
        result = run(project, Autocode(coder.uuid, None if codes is None else [c.uuid for c in codes],
                                       unit=args.unit, accept_all=args.accept_all)).value
    rows = result.created + result.accepted
    verb = "coded" if args.accept_all else "suggested"
    width = max([len(c) for c, _ in rows] + [4])
    for (code_id, label), n in sorted(rows.items()):
        print(f"{code_id:<{width}}  {label:<14} {n:>4}")
    per_code = Counter(code_id for code_id, _label in rows)
    print(f"{result.total} segment(s) {verb} for {result.coder} ({args.unit}): {len(per_code)} code(s) in "
          f"{len({label for _c, label in rows})} document(s); skipped {result.skipped_rejected} rejected, "
          f"{result.skipped_existing} already there; {result.excluded} false friend(s) left alone.")
    return 0
