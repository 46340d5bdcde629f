"""open: the desktop app (also what ``burgerannotator`` with no arguments starts)."""
from __future__ import annotations

from pathlib import Path

from burgerannotator.core.errors import ProjectFileError


def register(sub) -> None:
    p = sub.add_parser("open", help="open a project in the desktop app (no PROJECT: the last one, or a start page)")
    p.add_argument("project", metavar="PROJECT", nargs="?", help="the project file (.bap)")
    p.add_argument("--coder", metavar="NAME", help="code as NAME (default: the name kept on this machine; "
                                                   "asked at first start)")
    p.set_defaults(func=cmd_open)


def cmd_open(args) -> int:
    return launch(args.project, args.coder)


def launch(path: str | None, coder: str | None = None) -> int:
    """Start the app with ``path`` open (None: the last project, or the start page)."""
    if path is not None and not Path(path).exists():
        raise ProjectFileError(f"{path} does not exist.")
    try:
        from burgerannotator.gui.app import run
    except ImportError as exc:  # e.g. a server without the Qt libraries
        raise ProjectFileError(f"The desktop app cannot start here: {exc}.") from None
    return run(path, coder)
