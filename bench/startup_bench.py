#!/usr/bin/env python3
"""CLI start-up: whole-process runs of ``burgerannotator`` beside a bare interpreter, paired A/B.

Each round runs, back to back and in a shuffled order, the baseline
    bare:  python -c "import sqlalchemy.orm, sqlite3"
and every command below on the demo project (built once), from this checkout and, with
``--against DIR``, from another checkout (e.g. /work/main: the code before a change).
Prints the median wall time of each and its ratio to the bare median of the same rounds.
Targets (issue 17): info, search, matrix <= 1.5x bare; --version and --help import neither
SQLAlchemy nor PyMuPDF (asserted by tests/core/test_startup_imports.py, not here).

    .venv/bin/python bench/startup_bench.py [--rounds 7] [--against /work/main]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def commands(project: Path, out: Path) -> dict[str, list[str]]:
    return {
        "--version": ["--version"],
        "--help": ["--help"],
        "info": ["info", str(project)],
        "search wijk*": ["search", str(project), "wijk*"],
        "matrix": ["matrix", str(project), "-o", str(out / "m.csv")],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str], checkout: Path, env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole-process run."""
    env = dict(env, PYTHONPATH=str(checkout))
    cpu, t = _children_cpu(), time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=checkout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed, cpu = time.perf_counter() - t, _children_cpu() - cpu
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed in {checkout}: {proc.stderr.decode()[-300:]}")
    return elapsed, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--against", type=Path, help="another checkout to run the same commands from (A/B)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ba-startup-"))
    env = dict(os.environ, BURGERANNOTATOR_DATA_DIR=str(tmp / "userdata"))
    checkouts = {"this": ROOT}
    if args.against:
        checkouts["against"] = args.against.resolve()
    jobs = {("bare", ""): [sys.executable, "-c", "import sqlalchemy.orm, sqlite3"]}
    for label, checkout in checkouts.items():
        project = tmp / f"demo-{label}.bap"  # each checkout's own demo: schemas differ between versions
        subprocess.run([sys.executable, "-m", "burgerannotator", "demo", str(project)],
                       env=dict(env, PYTHONPATH=str(checkout)), cwd=checkout, check=True, stdout=subprocess.DEVNULL)
        for name, argv in commands(project, tmp).items():
            jobs[(label, name)] = [sys.executable, "-m", "burgerannotator", *argv]
    times: dict[tuple, list[tuple[float, float]]] = {k: [] for k in jobs}
    for key, argv in jobs.items():  # warm the file cache and .pyc files once
        run(argv, checkouts.get(key[0], ROOT), env)
    for _ in range(args.rounds):
        order = list(jobs)
        random.shuffle(order)
        for key in order:
            times[key].append(run(jobs[key], checkouts.get(key[0], ROOT), env))
    def medians(key):
        return (statistics.median(w for w, _c in times[key]), statistics.median(c for _w, c in times[key]))

    bare_wall, bare_cpu = medians(("bare", ""))
    print(f"{args.rounds} paired rounds; bare python -c 'import sqlalchemy.orm, sqlite3': "
          f"wall {bare_wall * 1000:6.0f} ms, CPU {bare_cpu * 1000:6.0f} ms")
    for (label, name) in times:
        if label == "bare":
            continue
        wall, cpu = medians((label, name))
        target = "  (target <= 1.5x)" if name in ("info", "search wijk*", "matrix") else ""
        print(f"  {label:<8} {name:<14} wall {wall * 1000:6.0f} ms {wall / bare_wall:5.2f}x bare   "
              f"CPU {cpu * 1000:6.0f} ms {cpu / bare_cpu:5.2f}x bare{target}")


if __name__ == "__main__":
    main()
