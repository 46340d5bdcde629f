"""ocr: recognise the text of a document's scanned pages (Tesseract), keeping its segments."""
from __future__ import annotations

from burgerannotator.core import ocr
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.recognise import recognise_document

from .common import add_project_arg, opened


def register(sub) -> None:
    p = sub.add_parser("ocr", help="recognise the text of a document's pages without a text layer (Tesseract)")
    add_project_arg(p)
    p.add_argument("--doc", required=True, metavar="DOC", help="file name, city or uuid")
    p.add_argument("--force", action="store_true", help="recognise every page, also those with a text layer")
    p.add_argument("--coder", metavar="NAME", help="who asked for it (recorded in the log)")
    p.set_defaults(func=cmd_ocr)


def cmd_ocr(args) -> int:
    ocr.require()  # one line with how to install Tesseract, before the project is touched
    with opened(args.project) as project:
        document = find_document(project, args.doc)
        coder = get_or_create_coder(project, args.coder) if args.coder else None
        report = recognise_document(project, document, force=args.force, coder=coder)
    print("\n".join(report.lines()))
    return 0
