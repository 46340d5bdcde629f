#!/usr/bin/env python3
"""Bench: inter-coder agreement at all levels on big projects, and its linearity.

Builds a project with the 14 demo agreements, the research codebook (26 codes),
3 coders and N live segments (bulk-inserted in one transaction: each coder codes
passages of a shared pool of word spans, sometimes with shifted boundaries,
sometimes missing them, so every level has real agreement and disagreement), then
times ``agreement()`` for each level and for all levels together (target < 5 s at
60k), and the disagreement list. With several sizes (default 60,000 and 500,000)
it prints each level's time per size and the linearity ratio
t(big) / (t(small) x big/small) (issue 17 target: < 3), then the --ci run
(bootstrap of 1,000 draws) at the smallest size (issue 13 target: < 10 s).

Usage: python bench/agreement_bench.py [--segments N[,N...]] [--dir FOLDER] [--no-ci]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from burgerannotator.core import codebook  # noqa: E402
from burgerannotator.core.agreement.levels import LEVELS, agreement  # noqa: E402
from burgerannotator.core.coders import get_or_create_coder  # noqa: E402
from burgerannotator.core.demo import build_demo  # noqa: E402
from burgerannotator.core.disagreements import disagreements  # noqa: E402
from burgerannotator.core.documents import layout, list_documents  # noqa: E402
from burgerannotator.core.models import Segment, new_uuid, utcnow  # noqa: E402
from burgerannotator.core.store import Project  # noqa: E402


def generate(project, n_segments: int, seed: int = 5) -> int:
    rng = random.Random(seed)
    coders = [get_or_create_coder(project, name) for name in ("Coder 1", "Coder 2", "Coder 3")]
    codes = codebook.leaf_codes(project)
    docs = list_documents(project)
    words = {d.id: layout(project, d).spans for d in docs}
    rows, now = [], utcnow()
    per_coder = n_segments // len(coders)
    pool = []  # shared passages: (doc, code, first word, last word)
    while len(pool) < per_coder:
        d = rng.choice(docs)
        n = len(words[d.id])
        first = rng.randrange(0, max(1, n - 60))
        pool.append((d, rng.choice(codes), first, first + rng.randint(3, 50)))
    for coder in coders:
        for d, code, first, last in pool:
            if rng.random() < 0.15:  # this coder codes something else instead
                n = len(words[d.id])
                first = rng.randrange(0, max(1, n - 60))
                last = first + rng.randint(3, 50)
            elif rng.random() < 0.2:  # shifted boundaries
                first, last = max(0, first + rng.randint(-3, 3)), last + rng.randint(-3, 3)
            spans = words[d.id]
            last = min(max(last, first), len(spans) - 1)
            start, end = int(spans[first][0]), int(spans[last][1])
            rows.append(dict(uuid=new_uuid(), document_id=d.id, code_pk=code.id, coder_id=coder.id, start=start,
                             end=end, page_first=0, page_last=0, rects={}, quote="", memo="", status="coded",
                             origin="manual", created=now, modified=now))
    with project.transaction() as s:
        s.execute(insert(Segment), rows)
    return len(rows)


def run_size(folder: Path, n: int, with_ci: bool, with_disagreements: bool, reuse: bool = False) -> dict:
    path = folder / f"agreement-bench-{n}.bap"
    if reuse and path.exists():
        project = Project.open(path)
        made, t_build, t_insert = n, 0.0, 0.0
    else:
        path.unlink(missing_ok=True)
        t = time.perf_counter()
        project = build_demo(path, with_segments=False)
        t_build = time.perf_counter() - t
        t = time.perf_counter()
        made = generate(project, n)
        t_insert = time.perf_counter() - t
    coders = "Coder 1,Coder 2,Coder 3"
    print(f"project: 14 documents, {len(codebook.leaf_codes(project))} codes, 3 coders, {made} segments "
          f"(demo built in {t_build:.1f} s, segments bulk-inserted in {t_insert:.2f} s)")
    times = {}
    for level in LEVELS:
        t = time.perf_counter()
        report = agreement(project, coders=coders, levels=[level])
        times[level] = time.perf_counter() - t
        overall = report.overall(level) or report.rows[level][0]
        shown = ", ".join(f"{k}={v.text()}" for k, v in overall.stats.items())
        print(f"  {level:9s} {times[level]:6.2f} s   overall: {shown}")
    t = time.perf_counter()
    report = agreement(project, coders=coders)
    times["all levels"] = total = time.perf_counter() - t
    parts = ", ".join(f"{k} {v:.2f}" for k, v in report.seconds.items())
    print(f"  ALL LEVELS {total:.2f} s [{parts}]")
    if with_ci:
        t = time.perf_counter()
        report = agreement(project, coders=coders, ci=True, draws=1000)
        times["all levels --ci"] = ci = time.perf_counter() - t
        alpha = report.overall("document").stats["krippendorff_alpha"]
        print(f"  ALL LEVELS with --ci (1,000 draws) {ci:.2f} s (target < 10 s) {'OK' if ci < 10 else 'TOO SLOW'}; "
              f"document alpha {alpha.text()} {alpha.ci_text()}")
    if with_disagreements:
        t = time.perf_counter()
        found = disagreements(project, coders=coders)
        times["disagreement list"] = time.perf_counter() - t
        print(f"  disagreement list: {len(found)} passages in {times['disagreement list']:.2f} s")
    project.close()
    return times


def _bootstrap_alone(n_units: int) -> None:
    """The Hayes & Krippendorff bootstrap on its own: a presence matrix of n_units units, 3 coders."""
    import numpy as np

    from burgerannotator.core.agreement._base import count_matrix
    from burgerannotator.core.agreement.bootstrap import alpha_bootstrap
    from burgerannotator.core.agreement.krippendorff import krippendorff_alpha

    rng = np.random.default_rng(1)
    truth = rng.random(n_units) < 0.3
    units = [[int(t) if rng.random() > 0.1 else 1 - int(t) for _ in range(3)] for t in truth]
    t = time.perf_counter()
    alpha = krippendorff_alpha(units, "nominal", categories=(0, 1))
    counts = count_matrix(units, (0, 1)).counts
    t_alpha = time.perf_counter() - t
    t = time.perf_counter()
    boot = alpha_bootstrap(counts, "nominal", (0, 1), draws=1000)
    t_boot = time.perf_counter() - t
    print(f"alpha on {n_units:,} units x 3 coders: {alpha.value:.3f} in {t_alpha:.2f} s; bootstrap of 1,000 draws "
          f"{t_boot:.3f} s (ratio {t_boot / t_alpha:.2f} to computing alpha once): [{boot.low:.3f}, {boot.high:.3f}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", default="60000,500000", help="sizes, comma-separated")
    parser.add_argument("--dir", default=None)
    parser.add_argument("--no-ci", action="store_true", help="skip the --ci run")
    parser.add_argument("--reuse", action="store_true", help="reuse projects of the same size left in --dir")
    parser.add_argument("--no-disagreements", action="store_true", help="skip the disagreement list")
    args = parser.parse_args()
    sizes = sorted(int(x) for x in args.segments.split(","))
    folder = Path(args.dir or tempfile.mkdtemp(prefix="agreement-bench-"))
    results = {n: run_size(folder, n, with_ci=(n == sizes[0] and not args.no_ci),
                           with_disagreements=not args.no_disagreements, reuse=args.reuse) for n in sizes}
    small = sizes[0]
    _bootstrap_alone(small)
    print(f"\n{'':22s}" + "".join(f"{n:>12,d}" for n in sizes) + "   linearity t(big)/(t(small) x size ratio)")
    for key in results[small]:
        line = f"{key:22s}" + "".join(f"{results[n][key]:11.2f}s" if key in results[n] else f"{'-':>12s}"
                                      for n in sizes)
        for n in sizes[1:]:
            if key in results[n]:
                ratio = results[n][key] / (results[small][key] * n / small)
                line += f"   {ratio:5.2f} ({'OK' if ratio < 3 else 'NOT LINEAR'})"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
