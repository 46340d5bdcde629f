"""Helpers the command modules share: opening the project, printing, JSON."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

from burgerannotator.core.errors import UserError


@contextmanager
def opened(path: str, readonly: bool = False):
    from burgerannotator.core.store import Project

    project = Project.open(Path(path), readonly=readonly, make_backup=not readonly)
    for note in project.notes:  # e.g. a read-only folder: one line, then the command's output
        print(f"burgerannotator: note: {note}", file=sys.stderr)
    try:
        yield project
    finally:
        project.close()


def coder_for(project, name: str | None, create: bool = True):
    """The coder a command acts as: --coder NAME, else the only human coder there is."""
    from burgerannotator.core.coders import find_coder, list_coders

    if name:
        return ensure_coder(project, name) if create else find_coder(project, name)
    humans = list_coders(project, include_consensus=False)
    if len(humans) == 1:
        return humans[0]
    if not humans:
        raise UserError("This project has no coder yet: give --coder NAME.")
    raise UserError("Several coders code this project: say which with --coder NAME.")


def ensure_coder(project, name: str):
    """The coder of this name, made (through the operation) if there is none yet."""
    from burgerannotator.core.coders import find_coder
    from burgerannotator.core.ops import EnsureCoder, run

    return find_coder(project, run(project, EnsureCoder(name)).value)


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_project_arg(p) -> None:
    p.add_argument("project", metavar="PROJECT", help="the project file (.bap)")
    p.add_argument("--wait", type=_seconds, default=0.0, metavar="SECONDS",
                   help="if another window or command is writing the project, wait up to SECONDS for it")


def _seconds(text: str) -> float:
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds (0 or more)")
    return value


def add_coder_args(p, by_coder: bool = True) -> None:
    """Whose codings a command reads: one coder, all pooled, side by side (where it makes sense), consensus."""
    who = p.add_mutually_exclusive_group()
    who.add_argument("--coder", metavar="NAME", help="one coder's codings")
    who.add_argument("--all", action="store_true", help="all coders pooled (default)")
    if by_coder:
        who.add_argument("--by-coder", action="store_true", help="coders side by side")
    who.add_argument("--consensus", action="store_true", help="the consensus coding")


def coder_selection(project, args):
    """The core's coder selection for the flags ``add_coder_args`` added."""
    from burgerannotator.core.matrix import select_coders

    if args.coder:
        return select_coders(project, "coder", args.coder)
    if getattr(args, "by_coder", False):
        return select_coders(project, "by-coder")
    if args.consensus:
        return select_coders(project, "consensus")
    return select_coders(project, "all")
