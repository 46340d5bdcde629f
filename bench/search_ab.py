#!/usr/bin/env python3
"""Search and autocode on a big project, this checkout against another (A/B), paired.

Each round runs, in a shuffled order, one fresh process per checkout on its own scratch copy of
the project: search ``burgerberaad`` once (texts loaded and folded, as an open window has them),
``wijk*`` five times (median), then one autocode run of all codes for a new coder. Prints the
medians over the rounds, wall and CPU, and this checkout's ratio to the other. The figures of
issue 17 (10x corpus: search < 100 ms, autocode < 2 s) are what ``bench/scale.py --only search``
prints; this script says how much a change moved them, measured side by side on a busy machine.

    .venv/bin/python bench/search_ab.py --against DIR [--project bench/cache/pages-10x.bap] [--rounds 4]

DIR is another checkout (e.g. ``git worktree add /tmp/before <commit>``); both must open the project
(the same schema). Build the project with ``bench/scale.py --only search --pages 10``.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

ONE_RUN = r"""
import json, statistics, sys, time
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.dictionary import autocode
from burgerannotator.core.search import search
from burgerannotator.core.store import Project
with Project.open(sys.argv[1], make_backup=False) as p:
    search(p, "burgerberaad")
    wall, cpu = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time()
        result = search(p, "wijk*")
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    coder = get_or_create_coder(p, "A/B bench")
    t, c = time.perf_counter(), time.process_time()
    made = autocode(p, coder)
    print(json.dumps({"search wall": statistics.median(wall), "search CPU": statistics.median(cpu),
                      "autocode wall": time.perf_counter() - t, "autocode CPU": time.process_time() - c,
                      "hits": result.total, "suggestions": made.total}))
"""


def one(checkout: Path, project: Path, tmp: Path) -> dict:
    scratch = tmp / f"{checkout.name}-{project.name}"
    shutil.copyfile(project, scratch)  # autocode writes: every run starts from the project as built
    env = dict(os.environ, PYTHONPATH=str(checkout), BURGERANNOTATOR_DATA_DIR=str(tmp / "userdata"))
    out = subprocess.run([sys.executable, "-c", ONE_RUN, str(scratch)], env=env, cwd=checkout,
                         capture_output=True, text=True)
    scratch.unlink()
    if out.returncode != 0:
        raise SystemExit(f"failed in {checkout}: {out.stderr[-400:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", type=Path, required=True, help="the other checkout")
    ap.add_argument("--project", type=Path, default=HERE / "cache" / "pages-10x.bap")
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    if not args.project.is_file():
        raise SystemExit(f"{args.project} is missing: build it with bench/scale.py --only search --pages 10")
    checkouts = {"this": ROOT, "against": args.against.resolve()}
    tmp = Path(tempfile.mkdtemp(prefix="ba-search-ab-"))
    runs: dict[str, list[dict]] = {k: [] for k in checkouts}
    try:
        for _ in range(args.rounds):
            order = list(checkouts)
            random.shuffle(order)
            for label in order:
                runs[label].append(one(checkouts[label], args.project, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    first = runs["this"][0]
    print(f"{args.rounds} paired rounds on {args.project.name}: wijk* {first['hits']} hits, "
          f"autocode {first['suggestions']} suggestions (against: {runs['against'][0]['hits']} hits, "
          f"{runs['against'][0]['suggestions']} suggestions)")
    for key in ("search wall", "search CPU", "autocode wall", "autocode CPU"):
        this = statistics.median(r[key] for r in runs["this"]) * 1000
        other = statistics.median(r[key] for r in runs["against"]) * 1000
        print(f"  {key:<14} this {this:8.1f} ms   against {other:8.1f} ms   ratio {this / other:5.2f}x")


if __name__ == "__main__":
    main()
