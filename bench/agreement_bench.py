#!/usr/bin/env python3
"""Bench: inter-coder agreement at all levels on a big project.

Builds a project with the 14 demo agreements, the research codebook (26 codes),
3 coders and N live segments (default 60,000; bulk-inserted in one transaction:
each coder codes passages of a shared pool of word spans, sometimes with shifted
boundaries, sometimes missing them, so every level has real agreement and
disagreement), then times ``agreement()`` for each level and for all levels
together (target < 5 s), and the disagreement list.

Usage: python bench/agreement_bench.py [--segments N] [--dir FOLDER]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=60_000)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp(prefix="agreement-bench-"))
    path = folder / f"agreement-bench-{args.segments}.bap"
    path.unlink(missing_ok=True)
    t = time.perf_counter()
    project = build_demo(path, with_segments=False)
    t_build = time.perf_counter() - t
    t = time.perf_counter()
    made = generate(project, args.segments)
    t_insert = time.perf_counter() - t
    coders = "Coder 1,Coder 2,Coder 3"
    print(f"project: 14 documents, {len(codebook.leaf_codes(project))} codes, 3 coders, {made} segments "
          f"(demo built in {t_build:.1f} s, segments bulk-inserted in {t_insert:.2f} s)")
    for level in LEVELS:
        t = time.perf_counter()
        report = agreement(project, coders=coders, levels=[level])
        overall = report.overall(level) or report.rows[level][0]
        shown = ", ".join(f"{k}={v.text()}" for k, v in overall.stats.items())
        print(f"  {level:9s} {time.perf_counter() - t:6.2f} s   overall: {shown}")
    t = time.perf_counter()
    report = agreement(project, coders=coders)
    total = time.perf_counter() - t
    parts = ", ".join(f"{k} {v:.2f}" for k, v in report.seconds.items())
    print(f"ALL LEVELS {total:.2f} s (target < 5 s) [{parts}]  {'OK' if total < 5 else 'TOO SLOW'}")
    t = time.perf_counter()
    found = disagreements(project, coders=coders)
    print(f"disagreement list: {len(found)} passages in {time.perf_counter() - t:.2f} s")
    project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
