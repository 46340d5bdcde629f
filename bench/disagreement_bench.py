#!/usr/bin/env python3
"""Bench: the disagreement list (core.disagreements) on big projects, beside the agreement levels.

Per size (default 60,000 and 500,000 live segments of three coders over the 14 demo agreements, made
by bench/agreement_bench.py's generator), in one run: all four agreement levels together (the
baseline), the disagreement list, its ratio to the agreement levels (issue 17 target: <= 1), and the
linearity ratio t(big) / (t(small) x big/small) (target: about 1, < 3). Each figure is the median of
--repeat runs. ``--before REV`` also times core/disagreements.py as it was at git revision REV (e.g.
main) in the same run, for before/after figures.

Usage: python bench/disagreement_bench.py [--segments N[,N...]] [--dir FOLDER] [--repeat K] [--before REV]
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from agreement_bench import generate  # noqa: E402

from burgerannotator.core.agreement.levels import agreement  # noqa: E402
from burgerannotator.core.demo import build_demo  # noqa: E402
from burgerannotator.core.disagreements import disagreements  # noqa: E402
from burgerannotator.core.store import Project  # noqa: E402

CODERS = "Coder 1,Coder 2,Coder 3"


def _module_at(rev: str):
    """core/disagreements.py as it was at git revision ``rev``, importable beside the current one."""
    text = subprocess.run(["git", "-C", str(HERE.parent), "show", f"{rev}:burgerannotator/core/disagreements.py"],
                          check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp(prefix="disagreements-before-")) / "disagreements_before.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location("burgerannotator.core.disagreements_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _median(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def run_size(folder: Path, n: int, repeat: int, before) -> dict:
    path = folder / f"agreement-bench-{n}.bap"  # the same name as agreement_bench.py --reuse
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        project = build_demo(partial, with_segments=False)
        generate(project, n)
        project.close()
        partial.rename(path)
    project = Project.open(path)
    times = {}
    times["agreement, all levels"], _ = _median(lambda: agreement(project, coders=CODERS), repeat)
    times["disagreement list"], found = _median(lambda: disagreements(project, coders=CODERS), repeat)
    line = (f"{n:>9,d} segments: all agreement levels {times['agreement, all levels']:6.2f} s; disagreement list "
            f"{times['disagreement list']:6.2f} s ({len(found):,} passages), ratio to agreement "
            f"{times['disagreement list'] / times['agreement, all levels']:.2f} (target <= 1)")
    if before is not None:
        times["disagreement list, before"], old = _median(
            lambda: before.disagreements(project, coders=CODERS), 1)
        same = [(p.key, p.kind, [(s.uuid, s.page) for segs in p.by_coder.values() for s in segs]) for p in found] == \
               [(p.key, p.kind, [(s.uuid, s.page) for segs in p.by_coder.values() for s in segs]) for p in old]
        line += (f"; before: {times['disagreement list, before']:6.2f} s "
                 f"({times['disagreement list, before'] / times['disagreement list']:.1f}x slower, "
                 f"{'same list' if same else 'DIFFERENT LIST'})")
    print(line, flush=True)
    project.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", default="60000,500000", help="sizes, comma-separated")
    parser.add_argument("--dir", default=None, help="folder for the projects (reused when present)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--before", default=None, help="git revision whose disagreement list to time too")
    args = parser.parse_args()
    sizes = sorted(int(x) for x in args.segments.split(","))
    folder = Path(args.dir or tempfile.mkdtemp(prefix="disagreement-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    before = _module_at(args.before) if args.before else None
    results = {n: run_size(folder, n, args.repeat, before) for n in sizes}
    small = sizes[0]
    print(f"\n{'':28s}" + "".join(f"{n:>12,d}" for n in sizes) + "   linearity t(big)/(t(small) x size ratio)")
    for key in results[small]:
        line = f"{key:28s}" + "".join(f"{results[n][key]:11.2f}s" for n in sizes)
        for n in sizes[1:]:
            line += f"   {results[n][key] / (results[small][key] * n / small):5.2f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
