#!/usr/bin/env python3
"""Bench: the comparative matrix and the full Excel export on a big project.

Generates (once, cached in the folder given) a project with the 14 demo agreements,
3 coders and 60,000 live segments (plus some deleted and suggested ones that must not
count), then times:

- the matrix for each measure, pooled and side by side (target < 0.5 s each);
- the full .xlsx export (target < 10 s), as this project gets it (shared strings) and as
  projects above ``xlsx_writer.SHARED_STRINGS_MAX_SEGMENTS`` get it (constant memory);
- the CSV of the segments table;

and reports peak memory (tracemalloc peak of the export in both modes, and the process's
ru_maxrss, which includes tracemalloc's own overhead).

Usage: python bench/export_bench.py [--segments N] [--dir FOLDER] [--fresh]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from burgerannotator.core.anchoring import quote_of  # noqa: E402
from burgerannotator.core.codebook import leaf_codes  # noqa: E402
from burgerannotator.core.coders import get_or_create_coder  # noqa: E402
from burgerannotator.core.demo import build_demo  # noqa: E402
from burgerannotator.core.documents import layout, list_documents  # noqa: E402
from burgerannotator.core.exports.csv_writer import write_csv  # noqa: E402
from burgerannotator.core.exports.tables import segments_table  # noqa: E402
from burgerannotator.core.exports import xlsx_writer  # noqa: E402
from burgerannotator.core.exports.xlsx_writer import write_workbook  # noqa: E402
from burgerannotator.core.matrix import MEASURES, build_matrix, select_coders  # noqa: E402
from burgerannotator.core.models import Segment, new_uuid, utcnow  # noqa: E402
from burgerannotator.core.store import Project  # noqa: E402

CODERS = ("Coder A", "Coder B", "Coder C")
MEMOS = ["", "", "", "Strong commitment.", "Only an experiment.", '=HYPERLINK("http://x","y")', "Vague intention."]


def generate(path: Path, n_segments: int, seed: int = 4) -> None:
    """The demo corpus with ``n_segments`` live segments, inserted in bulk (a fast path for the bench)."""
    rng = random.Random(seed)
    project = build_demo(path, with_segments=False)
    try:
        coders = [get_or_create_coder(project, name) for name in CODERS]
        codes = leaf_codes(project)
        docs = list_documents(project)
        layouts = {d.id: layout(project, d) for d in docs}
        now = utcnow()
        extra = n_segments // 20  # deleted and suggested segments: present in the file, never counted
        rows = []
        for i in range(n_segments + extra):
            doc = docs[i % len(docs)]
            lay = layouts[doc.id]
            first = rng.randrange(0, len(lay) - 60)
            last = first + rng.randint(3, 50)
            start, end = int(lay.spans[first, 0]), int(lay.spans[last - 1, 1])
            rects = lay.rects_for_span(start, end)
            p_first, p_last = int(lay.page_of[first]), int(lay.page_of[last - 1])
            status, deleted = "coded", None
            if i >= n_segments:
                status, deleted = ("suggested", None) if i % 2 else ("coded", now)
            rows.append({
                "uuid": new_uuid(), "document_id": doc.id, "code_pk": rng.choice(codes).id,
                "coder_id": coders[i % len(coders)].id, "start": start, "end": end, "page_first": p_first,
                "page_last": p_last, "rects": {str(k): v for k, v in rects.items()},
                "quote": quote_of(doc.text, start, end), "memo": rng.choice(MEMOS), "status": status,
                "origin": "manual", "created": now - timedelta(minutes=i), "modified": now, "deleted": deleted})
        with project.transaction() as s:
            for k in range(0, len(rows), 5000):
                s.execute(insert(Segment), rows[k:k + 5000])
            project.changed("segments")
    finally:
        project.close()


@contextmanager
def constant_memory():
    """The export as projects above SHARED_STRINGS_MAX_SEGMENTS get it (XlsxWriter constant_memory)."""
    old = xlsx_writer.SHARED_STRINGS_MAX_SEGMENTS
    xlsx_writer.SHARED_STRINGS_MAX_SEGMENTS = 0
    try:
        yield
    finally:
        xlsx_writer.SHARED_STRINGS_MAX_SEGMENTS = old


@contextmanager
def _nothing():
    yield


def peak_memory(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def all_tables(project, selection) -> list:
    """The cell values of the full export, as plain tables (matrices, Segments, Codebook, Summary,
    Documents) held in lists, built before the clock starts for the bare loop."""
    from burgerannotator.core.exports import tables as t
    from burgerannotator.core.summary import summarise
    out = [t.matrix_table(build_matrix(project, m, selection)) for m in MEASURES]
    out += [t.segments_table(project, selection), t.codebook_table(project, selection),
            t.summary_table(summarise(project, selection=selection)), t.documents_table(project, selection)]
    for table in out:
        table.rows = list(table.rows)
    return out


def bare_xlsxwriter(tables, path: Path, constant: bool) -> None:
    """The baseline: XlsxWriter's public write_* calls for the same cell values, no formats, no checks."""
    import xlsxwriter
    from datetime import datetime
    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant})
    for k, table in enumerate(tables):
        ws = book.add_worksheet(f"S{k}")
        ws.write_row(0, 0, table.header)
        for i, row in enumerate(table.rows, start=1):
            for j, v in enumerate(row):
                if isinstance(v, str):
                    if v:
                        ws.write_string(i, j, v)
                elif isinstance(v, datetime):
                    ws.write_datetime(i, j, v)
                elif v is not None:
                    ws.write_number(i, j, v)
    book.close()


def timed(label: str, fn, target: float | None = None):
    t0 = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t0
    verdict = "" if target is None else ("  (target < %.1f s: %s)" % (target, "met" if dt < target else "MISSED"))
    print(f"  {label:<44} {dt:7.3f} s{verdict}")
    return result, dt


CHILD = """
import gc, resource, sys, time
sys.path.insert(0, {repo!r})
from burgerannotator.core.store import Project
from burgerannotator.core.exports import xlsx_writer
from burgerannotator.core.exports.xlsx_writer import write_workbook
if {constant!r}:
    xlsx_writer.SHARED_STRINGS_MAX_SEGMENTS = 0

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key + ":")) / 1024

p = Project.open({path!r}, readonly=True)
gc.collect()
try:  # Linux: reset the peak (VmHWM) so it measures the export alone, not opening the project
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    base = status("VmRSS")
except OSError:
    base = 0.0
t0 = time.perf_counter()
if {export!r}:
    write_workbook(p, {out!r})
dt = time.perf_counter() - t0
try:
    peak = status("VmHWM")
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
p.close()
print(dt, base, peak)
"""


REPO = str(Path(__file__).resolve().parent.parent)
CONSTANT = False  # --constant-memory: every size in XlsxWriter's constant-memory mode


def child_run(path: Path, out: Path, export: bool) -> tuple[float, float, float]:
    """(seconds, RSS after opening, peak RSS during the export; MB) of a fresh process that opens the
    project and (``export``) writes it
    with the code in REPO (``--repo``: another checkout, for a before/after pair)."""
    import subprocess
    code = CHILD.format(repo=REPO, path=str(path), out=str(out), export=export, constant=CONSTANT)
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    seconds, base, peak = map(float, done.stdout.split())
    return seconds, base, peak


def memory_scale(folder: Path, sizes: list[int]) -> None:
    """Issue 17: peak memory of the full export flat in segment count (constant-memory mode above
    SHARED_STRINGS_MAX_SEGMENTS). Each size in a fresh process; the baseline is a process that only
    opens the project."""
    print("Peak memory of the full .xlsx export, each in a fresh process (Linux VmHWM, reset after opening):")
    added = []
    for n in sizes:
        path = folder / f"bench-{n}.bap"
        if not path.exists():
            print(f"  generating {path.name}...")
            generate(path, n)
        Project.open(path).close()
        dt, base, peak = child_run(path, folder / "mem.xlsx", export=True)
        added.append(peak - base)
        print(f"  {n:>8,} segments: export {dt:7.1f} s; RSS after opening {base:7.1f} MB, peak during the export "
              f"{peak:7.1f} MB: the export adds {peak - base:7.1f} MB")
    if len(added) > 1:
        print(f"  memory the export adds at {sizes[-1]:,} / at {sizes[0]:,}: {added[-1] / max(added[0], 0.1):.2f}x "
              f"for {sizes[-1] / sizes[0]:.1f}x the segments (flat: ~1x)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=60_000)
    ap.add_argument("--memory", metavar="N,N,...", help="only the memory scale: peak RSS of the export at these "
                                                         "segment counts (e.g. 150000,500000)")
    ap.add_argument("--constant-memory", action="store_true",
                    help="with --memory: constant-memory mode at every size (as projects above 100,000 get)")
    ap.add_argument("--repo", help="with --memory: export with the code of another checkout (before/after)")
    ap.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "burgerannotator-export-bench"))
    ap.add_argument("--fresh", action="store_true", help="regenerate the project")
    args = ap.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("BURGERANNOTATOR_DATA_DIR", str(folder / "userdata"))
    if args.repo:
        global REPO
        REPO = str(Path(args.repo).resolve())
        print(f"Exporting with the code in {REPO}")
    if args.constant_memory:
        global CONSTANT
        CONSTANT = True
    if args.memory:
        memory_scale(folder, [int(n) for n in args.memory.split(",")])
        return 0
    path = folder / f"bench-{args.segments}.bap"
    if args.fresh and path.exists():
        path.unlink()
    if not path.exists():
        print(f"Generating {path} ({args.segments} segments, 3 coders, 14 documents)...")
        _, dt = timed("generate project", lambda: generate(path, args.segments))

    Project.open(path).close()  # upgrades a cached project made by an older schema
    project = Project.open(path, readonly=True)
    try:
        pooled = select_coders(project, "all")
        side = select_coders(project, "by-coder")
        print(f"Project {path.name}: {len(list_documents(project))} documents, {len(pooled.coders)} coders")
        print("Matrix (one SQL aggregate query each):")
        for sel, name in ((pooled, "pooled"), (side, "by coder"), (select_coders(project, "coder", "Coder B"),
                                                                  "one coder")):
            for measure in MEASURES:
                m, _ = timed(f"{measure:<9} {name}", lambda: build_matrix(project, measure, sel), 0.5)
        m = build_matrix(project, "count", pooled)
        print(f"  live segments counted: {m.segment_total} (expected {args.segments})")
        print("Exports:")
        out = folder / "bench-export.xlsx"
        timed("full .xlsx export (3 matrices + 4 tables)", lambda: write_workbook(project, out, pooled), 10.0)
        print(f"  workbook size: {out.stat().st_size / 1e6:.1f} MB (shared strings, up to "
              f"{xlsx_writer.SHARED_STRINGS_MAX_SEGMENTS:,} segments)")
        with constant_memory():
            timed("  the same in constant-memory mode", lambda: write_workbook(project, out, pooled), 10.0)
            print(f"  workbook size: {out.stat().st_size / 1e6:.1f} MB (constant memory, bigger projects)")
        print("Ratio to a bare XlsxWriter loop writing the same cell values (issue 17 target <= 1.3x):")
        tables = all_tables(project, pooled)
        for constant in (False, True):
            mode = "constant memory" if constant else "shared strings"
            _, bare = timed(f"  bare XlsxWriter loop, {mode}", lambda: bare_xlsxwriter(tables, folder / "bare.xlsx",
                                                                                      constant))
            with (constant_memory() if constant else _nothing()):
                _, ours = timed(f"  full .xlsx export, {mode}", lambda: write_workbook(project, out, pooled))
            print(f"  ratio export / bare ({mode}): {ours / bare:.2f}x")
        tables = None  # let go of the cell values
        timed("segments table -> CSV (';')", lambda: write_csv(segments_table(project), folder / "seg.csv", ";"))
        project.session.expunge_all()
        print("Memory:")
        with constant_memory():
            peak = peak_memory(lambda: write_workbook(project, out, pooled))
        print(f"  tracemalloc peak, .xlsx export, constant memory: {peak:7.1f} MB")
        peak = peak_memory(lambda: write_workbook(project, out, pooled))
        print(f"  tracemalloc peak, .xlsx export, shared strings:  {peak:7.1f} MB")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"  process peak RSS (ru_maxrss):                    {rss / 1024 if sys.platform != 'darwin' else rss / 1e6:7.1f} MB")
    finally:
        project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
