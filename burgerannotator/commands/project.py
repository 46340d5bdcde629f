"""new, import, code, info, demo: making and filling a project."""
from __future__ import annotations

from pathlib import Path

from burgerannotator.core.errors import UserError

from . import batch_code
from .common import add_project_arg, coder_for, ensure_coder, opened, print_json


def register(sub) -> None:
    p = sub.add_parser("new", help="create an empty project with the default (or a given) codebook")
    add_project_arg(p)
    p.add_argument("--codebook", metavar="FILE", help="codebook JSON (default: the bundled research codebook)")
    p.add_argument("--coder", metavar="NAME", help="the first coder")
    p.add_argument("--from", dest="from_file", metavar="FILE.qdpx",
                   help="make it from a REFI-QDA project (MAXQDA, ATLAS.ti, NVivo) instead of a codebook")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import", help="import PDFs, or a REFI-QDA codebook (.qdc) or project (.qdpx), into a project")
    add_project_arg(p)
    p.add_argument("pdfs", nargs="+", metavar="PDF", help="PDF files, or one FILE.qdc / FILE.qdpx")
    p.add_argument("--attributes", metavar="CSV", help="document attributes keyed by file name (column 'file')")
    p.add_argument("--password", metavar="PW", help="password of encrypted PDFs")
    p.add_argument("--coder", metavar="NAME", help="who imports (recorded)")
    p.add_argument("--ocr", choices=("auto", "never", "force"), default="auto",
                   help="recognise text (Tesseract): auto = pages without a text layer when Tesseract is "
                        "installed (default), force = every page, never = none")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("code", help="code a passage found by its quote")
    add_project_arg(p)
    p.add_argument("--doc", metavar="DOC", help="file name, city or uuid (required without --from)")
    p.add_argument("--quote", metavar="TEXT", help="(required without --from)")
    p.add_argument("--code", metavar="CODE", help="code id or name (required without --from)")
    p.add_argument("--coder", metavar="NAME")
    p.add_argument("--memo", default="", metavar="TEXT")
    p.add_argument("--occurrence", type=int, default=1, metavar="N", help="which occurrence of the quote (default 1)")
    batch_code.add_batch_args(p)
    p.set_defaults(func=cmd_code)

    p = sub.add_parser("info", help="documents, page labels and segment counts")
    add_project_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("dedupe", help="remove exact double codings (same code, span and coder), keeping the oldest")
    add_project_arg(p)
    p.add_argument("--coder", metavar="NAME", help="who cleans up (recorded in the log)")
    p.set_defaults(func=cmd_dedupe)

    p = sub.add_parser("demo", help="build the 14-city demo project")
    add_project_arg(p)
    p.add_argument("--open", action="store_true", help="then open it in the app (an existing demo is just opened)")
    p.set_defaults(func=cmd_demo)


def cmd_new(args) -> int:
    from burgerannotator.core import codebook
    from burgerannotator.core.ops import ImportCodebook, run
    from burgerannotator.core.store import Project

    if args.from_file:
        from . import refi_cli

        return refi_cli.new_from(args)
    data = codebook.load_codebook_file(args.codebook)  # read first: a bad codebook makes no file
    project = Project.create(Path(args.project))
    try:
        run(project, ImportCodebook(data))
        if args.coder:
            ensure_coder(project, args.coder)
    except BaseException:
        project.close()
        Path(args.project).unlink(missing_ok=True)  # no half-made project file
        raise
    project.close()
    print(f"Created {args.project} with codebook '{data.get('name', '')}'.")
    return 0


def cmd_import(args) -> int:
    from burgerannotator.core.ops import ImportPdfs, run

    from . import refi_cli

    if refi_cli.is_exchange_import(args.pdfs):
        return refi_cli.import_file(args)
    from burgerannotator.core import ocr

    mode = ocr.resolve_mode(args.ocr)  # force without Tesseract: one line, nothing imported
    with opened(args.project) as project:
        coder = ensure_coder(project, args.coder) if args.coder else None
        results = run(project, ImportPdfs(args.pdfs, password=args.password, attributes_csv=args.attributes,
                                          coder=coder.uuid if coder else None, ocr=mode)).value
    failed = 0
    for r in results:
        if r.failed:
            failed += 1
            hint = " Give it with --password PW." if r.password_required else ""
            print(f"burgerannotator: {r.message}{hint}", file=__import__("sys").stderr)
        else:
            print(r.message)
        for w in r.warnings:
            print(f"  note: {w}")
    if args.ocr == "auto" and mode == "never" and any("without a text layer" in w for r in results for w in r.warnings):
        print(f"  note: {ocr.INSTALL_HELP}")
    return 4 if failed else 0


def cmd_code(args) -> int:
    from burgerannotator.core import codebook
    from burgerannotator.core.documents import find_document, page_label
    from burgerannotator.core.duplicates import AlreadyCoded
    from burgerannotator.core.ops import CodeQuote, run
    from burgerannotator.core.segments import find_segment

    if args.from_file is not None:
        return batch_code.run(args)
    batch_code.check_single(args)
    with opened(args.project) as project:
        document = find_document(project, args.doc)
        code = codebook.find_code(project, args.code)
        coder = coder_for(project, args.coder)
        try:
            seg = find_segment(project, run(project, CodeQuote(document.uuid, args.quote, code.uuid, coder.uuid,
                                                               args.memo, args.occurrence)).value)
        except AlreadyCoded as exc:  # not an error: the wish is already fulfilled, nothing is added
            print(f"{exc.message[0].lower()}{exc.message[1:]} ({exc.segment.uuid})")
            return 0
        print(f"Coded {code.code_id} on {document.label}, p. {page_label(document, seg.page_first)} "
              f"({seg.uuid}) by {coder.name}.")
    return 0


def cmd_info(args) -> int:
    from burgerannotator.core.info import format_info, project_info

    with opened(args.project, readonly=True) as project:
        data = project_info(project)
    if args.json:
        print_json(data)
    else:
        print(format_info(data))
    return 0


def cmd_dedupe(args) -> int:
    from burgerannotator.core.ops import RemoveDuplicates, run

    with opened(args.project) as project:
        coder = ensure_coder(project, args.coder) if args.coder else None
        removed = run(project, RemoveDuplicates(coder.uuid if coder else None)).value
    print(f"Removed {removed} exact duplicate coding(s); the oldest of each was kept." if removed
          else "No exact duplicate codings.")
    return 0


def cmd_demo(args) -> int:
    from burgerannotator.core.demo import build_demo

    path = Path(args.project)
    if path.exists():
        if not args.open:
            raise UserError(f"{path} already exists; choose another name (or add --open to open it).")
    else:
        build_demo(path).close()
        print(f"Built the demo project {path}: 14 agreements, the research codebook, two demo coders.")
    if args.open:
        from burgerannotator.commands.app import launch

        return launch(str(path))
    return 0
