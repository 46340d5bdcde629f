#!/usr/bin/env python3
"""Issue 17 follow-up: ``Project.open`` + close, first open (full row check) vs second open (file
unchanged since this app saw it clean: row check skipped, core.integrity_memo), each beside opening
the demo project in the same run (ratio; target <= 1.5x).

    .venv/bin/python bench/open_bench.py [PROJECT.bap ...] [--runs 3]

Each project is copied to a temporary folder first (the original is never opened for writing) and a
fresh user data folder is used, so the first open always checks. Writable opens, no backup (as
the GUI's open minus the backup copy, which is I/O-bound and the same for both)."""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULTS = [HERE / "cache" / "seg-100000.bap", HERE / "cache" / "seg-500000.bap"]


def _open_close(path: Path) -> float:
    from burgerannotator.core.store import Project

    t = time.perf_counter()
    Project.open(path, make_backup=False).close()
    return time.perf_counter() - t


def _fresh_memo() -> None:
    os.environ["BURGERANNOTATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="open-bench-data-")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("projects", nargs="*", type=Path)
    ap.add_argument("--demo", type=Path, default=HERE / "cache" / "demo.bap")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="open-bench-"))
    try:
        demo = work / "demo.bap"
        if args.demo.exists():
            shutil.copy2(args.demo, demo)
        else:
            from burgerannotator.core.demo import build_demo

            build_demo(demo).close()
        for src in args.projects or DEFAULTS:
            if not src.exists():
                print(f"{src.name}: missing, skipped")
                continue
            firsts, seconds, demos1, demos2 = [], [], [], []
            for _ in range(args.runs):  # paired: each figure beside a demo open measured right before it
                dst = work / src.name
                shutil.copy2(src, dst)
                _fresh_memo()
                demos1.append(_open_close(demo))
                firsts.append(_open_close(dst))
                demos2.append(_open_close(demo))  # demo now remembered too: its second open
                seconds.append(_open_close(dst))
                dst.unlink()
            f, s = statistics.median(firsts), statistics.median(seconds)
            d1, d2 = statistics.median(demos1), statistics.median(demos2)
            print(f"{src.name}: first open {f * 1000:.0f} ms ({f / d1:.2f}x demo first {d1 * 1000:.0f} ms), "
                  f"second open {s * 1000:.0f} ms ({s / d2:.2f}x demo second {d2 * 1000:.0f} ms; "
                  f"{s / d1:.2f}x demo first)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
