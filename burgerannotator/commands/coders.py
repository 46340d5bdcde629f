"""copy, merge, agreement, consensus: several coders on one project."""
from __future__ import annotations

from pathlib import Path

from burgerannotator.core.errors import UserError

from .choices import CONFLICT_CHOICES, DEFAULT_OVERLAP, DRAWS, LEVELS, MINIMA, SEED, UNCODED
from .common import add_project_arg, ensure_coder, opened, print_json


def register(sub) -> None:
    p = sub.add_parser("copy", help="make a coder's own copy of a project (to code on another computer)")
    add_project_arg(p)
    p.add_argument("newfile", metavar="NEWFILE")
    p.add_argument("--coder", metavar="NAME", help="add this coder to the copy")
    p.set_defaults(func=cmd_copy)

    p = sub.add_parser("merge", help="bring other copies' coders, segments, memos and scale values in")
    add_project_arg(p)
    p.add_argument("others", nargs="+", metavar="OTHER")
    p.add_argument("--on-conflict", choices=CONFLICT_CHOICES, default="ask",
                   help="a codebook changed differently in a copy: ask (report, change nothing, exit non-zero), "
                        "keep-mine or take-theirs")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("agreement", help="inter-coder agreement per code, per document and overall")
    add_project_arg(p)
    p.add_argument("--coders", metavar="A,B,...", help="coders to compare (default: all human coders)")
    p.add_argument("--codes", metavar="C,D,...", help="code ids, names or categories (default: all codes)")
    p.add_argument("--level", choices=LEVELS, help="only this level (default: all)")
    p.add_argument("--overlap", type=float, default=DEFAULT_OVERLAP, metavar="SHARE",
                   help="segment level: share (intersection/union) two segments must overlap (default 0.9)")
    p.add_argument("--uncoded", choices=UNCODED, default="missing",
                   help="document level: a document a coder coded nothing in (no segment of any code) counts as "
                        "missing for that coder (default) or as absent for every code")
    p.add_argument("--ci", action="store_true",
                   help="95%% intervals: Gwet's SEs, Cohen's ASE, Hayes-Krippendorff bootstrap for alpha, "
                        "bootstrap over documents at the segment and text levels (fixed seed)")
    p.add_argument("--draws", type=int, default=DRAWS, metavar="N", help=f"bootstrap samples (default {DRAWS})")
    p.add_argument("--seed", type=int, default=SEED, metavar="N", help="bootstrap seed (default fixed)")
    p.add_argument("--alpha-min", default=",".join(f"{a:g}" for a in MINIMA), metavar="A,B",
                   help="minimum alphas for q(alpha < min) (default 0.667,0.8)")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help="also write the tables to an Excel file")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("consensus", help="list disagreements; accept what all coders agree on as consensus")
    add_project_arg(p)
    p.add_argument("--decider", required=True, metavar="NAME", help="who decides (recorded on each decision)")
    p.add_argument("--accept-agreed", action="store_true", help="make consensus of every passage all coders agree on")
    p.add_argument("--list", action="store_true", help="list the open disagreements")
    p.add_argument("--coders", metavar="A,B,...", help="coders to compare (default: all human coders)")
    p.add_argument("--overlap", type=float, default=DEFAULT_OVERLAP, metavar="SHARE")
    p.set_defaults(func=cmd_consensus)


def cmd_copy(args) -> int:
    from burgerannotator.core.store import copy_project

    copy_project(Path(args.project), Path(args.newfile))
    if args.coder:
        with opened(args.newfile) as project:
            coder = ensure_coder(project, args.coder)
            project_name = coder.name
        print(f"Copied {args.project} to {args.newfile} for {project_name}.")
    else:
        print(f"Copied {args.project} to {args.newfile}.")
    return 0


def cmd_merge(args) -> int:
    from burgerannotator.core.merge import MergeConflictError
    from burgerannotator.core.ops import MergeProjects, run

    with opened(args.project) as project:
        try:  # all copies or none
            reports = run(project, MergeProjects(args.others, conflicts=args.on_conflict)).value
        except MergeConflictError as exc:
            for c in exc.conflicts:
                print(f"conflict: {c.describe()}")
            raise
    for report in reports:
        print("\n".join(report.lines()))
    return 0


def _minima(text: str) -> tuple[float, ...]:
    try:
        return tuple(float(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise UserError(f"--alpha-min takes numbers separated by commas (e.g. 0.667,0.8), not '{text}'.") from None


def _cell(stat) -> str:
    return f"{stat.text()} {stat.ci_text()}" if stat.ci_text() else stat.text()


def cmd_agreement(args) -> int:
    from burgerannotator.core.agreement.level_report import COUNT_LABELS, STAT_LABELS
    from burgerannotator.core.agreement.levels import agreement
    from burgerannotator.core.agreement.xlsx_export import write_agreement_xlsx

    with opened(args.project, readonly=True) as project:
        report = agreement(project, coders=args.coders, codes=args.codes,
                           levels=(args.level,) if args.level else LEVELS, overlap=args.overlap,
                           uncoded_documents=args.uncoded, ci=args.ci, draws=args.draws, seed=args.seed,
                           minima=_minima(args.alpha_min))
    if args.output:
        write_agreement_xlsx(report, args.output)
    if args.json:
        print_json(report.as_dict())
        return 0
    print(f"Coders: {', '.join(report.coders)}; {len(report.codes)} codes; {report.documents} documents; "
          f"uncoded documents: {report.uncoded_documents}")
    if report.ci:
        print(f"95% intervals in [ ]; bootstrap {report.ci['draws']} draws, seed {report.ci['seed']}")
    for level, rows in report.rows.items():
        stats, counts = list(STAT_LABELS[level]), list(COUNT_LABELS[level])
        print(f"\n== {level} level" + (f" (overlap share >= {report.overlap:g}, intersection/union)"
                                      if level == "segment" else ""))
        header = ["", *[STAT_LABELS[level][k] for k in stats], *[COUNT_LABELS[level][k] for k in counts]]
        table = [header] + [[row.label, *[_cell(row.stats[k]) if k in row.stats else "" for k in stats],
                             *[str(row.counts.get(k, "")) for k in counts]] for row in rows]
        widths = [max(len(r[i]) for r in table) for i in range(len(header))]
        for r in table:
            print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))))
        for row in rows:
            for key, stat in row.stats.items():
                q = getattr(stat.ci, "q_below", None)
                if q and key == "krippendorff_alpha":
                    shown = ", ".join(f"q(alpha < {a:g}) = {v:.3f}" for a, v in q.items())
                    print(f"  {row.label}: {shown}")
    for note in report.notes:
        print(f"note: {note}")
    if args.output:
        print(f"\nWrote {args.output}.")
    return 0


def cmd_consensus(args) -> int:
    from burgerannotator.core.consensus import decision_counts
    from burgerannotator.core.disagreements import disagreements
    from burgerannotator.core.ops import AcceptAgreed, run

    if not args.decider.strip():
        raise UserError("Give the deciding coder with --decider NAME.")
    with opened(args.project, readonly=not args.accept_agreed) as project:
        if args.accept_agreed:
            decider = ensure_coder(project, args.decider)
            made = run(project, AcceptAgreed(decider.uuid, coders=args.coders, overlap=args.overlap)).value
            print(f"{made} agreed passage(s) accepted as consensus by {decider.name}.")
        if args.list:
            found = disagreements(project, coders=args.coders, overlap=args.overlap)
            for p in found:
                print(p.describe())
            print(f"{len(found)} open disagreement(s).")
        else:
            counts = decision_counts(project, coders=args.coders, overlap=args.overlap)
            print(f"agreed passages: {counts['agreed']} ({counts['agreed_open']} not yet consensus); "
                  f"disagreements: {counts['disagreements']} ({counts['disagreements_open']} open)")
    return 0
