"""ocr, area: scanned pages and pictures (issue 15). ``ocr`` recognises the text of a document's
scanned pages (Tesseract), keeping its segments; ``area`` codes a rectangle of a page."""
from __future__ import annotations

from burgerannotator.core.errors import NotFoundError, UserError

from .common import add_project_arg, coder_for, ensure_coder, opened


def register(sub) -> None:
    p = sub.add_parser("ocr", help="recognise the text of a document's pages without a text layer (Tesseract)")
    add_project_arg(p)
    p.add_argument("--doc", required=True, metavar="DOC", help="file name, city or uuid")
    p.add_argument("--force", action="store_true", help="recognise every page, also those with a text layer")
    p.add_argument("--coder", metavar="NAME", help="who asked for it (recorded in the log)")
    p.set_defaults(func=cmd_ocr)

    p = sub.add_parser("area", help="code a rectangle of a page (a figure, table, signature or scan)")
    add_project_arg(p)
    p.add_argument("--doc", required=True, metavar="DOC", help="file name, city or uuid")
    p.add_argument("--page", required=True, metavar="PAGE", help="printed page label (as cited), e.g. 13 or ii")
    p.add_argument("--rect", required=True, metavar="X0,Y0,X1,Y1",
                   help="the rectangle in points from the page's top left corner")
    p.add_argument("--code", required=True, metavar="CODE", help="code id or name")
    p.add_argument("--coder", metavar="NAME")
    p.add_argument("--memo", default="", metavar="TEXT")
    p.set_defaults(func=cmd_area)


def cmd_ocr(args) -> int:
    from burgerannotator.core import ocr
    from burgerannotator.core.documents import find_document
    from burgerannotator.core.ops import RecogniseDocument, run

    ocr.require()  # one line with how to install Tesseract, before the project is touched
    with opened(args.project) as project:
        document = find_document(project, args.doc)
        coder = ensure_coder(project, args.coder) if args.coder else None
        report = run(project, RecogniseDocument(document.uuid, force=args.force,
                                                coder=coder.uuid if coder else None)).value
    print("\n".join(report.lines()))
    return 0


def page_index(document, label: str) -> int:
    """A page by its printed label, else by its 1-based number."""
    for p in document.pages:
        if p.label == label:
            return p.index
    if label.isdigit() and 1 <= int(label) <= document.page_count:
        return int(label) - 1
    raise NotFoundError(f"{document.file_name} has no page '{label}'.")


def cmd_area(args) -> int:
    from burgerannotator.core import codebook
    from burgerannotator.core.documents import find_document
    from burgerannotator.core.ops import CodeArea, run
    from burgerannotator.core.segments import find_segment

    try:
        rect = [float(v) for v in args.rect.split(",")]
    except ValueError:
        rect = []
    if len(rect) != 4:
        raise UserError("--rect takes four numbers, x0,y0,x1,y1 (points from the top left corner).")
    with opened(args.project) as project:
        document = find_document(project, args.doc)
        index = page_index(document, args.page)
        code = codebook.find_code(project, args.code)
        coder = coder_for(project, args.coder)
        seg = find_segment(project, run(project, CodeArea(document.uuid, code.uuid, coder.uuid, index, tuple(rect),
                                                          args.memo)).value)
        covered = f': "{seg.quote[:60]}"' if seg.quote else ""
        print(f"Coded {code.code_id} on an area of {document.label}, p. {args.page} ({seg.uuid}) "
              f"by {coder.name}{covered}.")
    return 0
