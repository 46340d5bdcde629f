"""The command line: ``burgerannotator COMMAND PROJECT ...`` over the core services.

Every command exits 0 on success; a user error gives one line on stderr and a
non-zero exit code, never a traceback. The commands and flags are a contract
(researchers script them); they are documented in the README.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
import traceback

from burgerannotator import __version__
from burgerannotator.core.errors import UserError
from burgerannotator.core.paths import user_data_dir

# Each module registers its sub-commands: register(subparsers). A module that is
# not there (yet) is skipped, so the command groups can be developed separately.
COMMAND_MODULES = [
    "burgerannotator.commands.project",
    "burgerannotator.commands.exports",
    "burgerannotator.commands.coders",
    "burgerannotator.commands.search",
    "burgerannotator.commands.analysis",
    "burgerannotator.commands.ocr",
    "burgerannotator.commands.app",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="burgerannotator",
        description="Code coalition agreements (PDF) for citizen participation. "
                    "Without a command the desktop app starts.")
    parser.add_argument("--version", action="version", version=f"BurgerAnnotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


# Start-up builds hundreds of thousands of long-lived objects (SQLAlchemy, the models) and no
# garbage cycles: the default collector thresholds (700, 10, 10) spend a fifth of it scanning
# them again and again. Rarer collections keep memory bounded all the same.
GC_THRESHOLDS = (20_000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv:
        argv = ["open"]
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed its one-line usage error
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        from burgerannotator.core.store import set_lock_wait

        set_lock_wait(getattr(args, "wait", 0.0) or 0.0)  # --wait SECONDS for scripted writers
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"burgerannotator: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("burgerannotator: interrupted; the last completed action is saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        log = _log_internal_error()
        print(f"burgerannotator: internal error ({type(exc).__name__}: {exc}); details in {log}", file=sys.stderr)
        return 70


def _log_internal_error() -> str:
    path = user_data_dir() / "error.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc() + "\n")
    except OSError:
        logging.exception("internal error")
        return "(log unavailable)"
    return str(path)


if __name__ == "__main__":
    sys.exit(main())
