"""Import speed and memory: BurgerAnnotator's import vs bare PyMuPDF text-and-word extraction.

Prints, for the 14 demo PDFs and for one ~500-page document (built with
bench/corpus/make_corpus.py --pages-scale), the CPU time of
  bare:   PyMuPDF open + page.get_text("text") + page.get_text("words") for every page
  import: burgerannotator.core.importer.import_pdf into a fresh project (extraction,
          reading order, hyphen joining, packing words, SQLite insert and commit)
and their ratio (target, issue 17: import <= 1.3x bare CPU). Best of 3 runs each, alternating.
With --memory-pages N (default 2000; 0 skips it) it also builds an N-page document and
prints the peak resident memory of a process doing each (target: import <= 2x bare).
Usage: python bench/import_bench.py [--pages-scale 80] [--memory-pages 2000]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("BURGERANNOTATOR_DATA_DIR", tempfile.mkdtemp(prefix="ba-bench-"))

from burgerannotator.core import importer  # noqa: E402
from burgerannotator.core.resources import demo_dir  # noqa: E402
from burgerannotator.core.store import Project  # noqa: E402

BARE_SCRIPT = """
import sys, pymupdf
for p in sys.argv[1:]:
    doc = pymupdf.open(p)
    for page in doc:
        page.get_text("text")
        page.get_text("words")
    doc.close()
"""
OURS_SCRIPT = """
import sys, tempfile, os
from pathlib import Path
os.environ.setdefault("BURGERANNOTATOR_DATA_DIR", tempfile.mkdtemp())
from burgerannotator.core import importer
from burgerannotator.core.store import Project
project = Project.create(Path(tempfile.mkdtemp()) / "mem.bap")
for p in sys.argv[1:]:
    importer.import_pdf(project, p)
project.close()
"""


def bare(paths) -> float:
    t = time.process_time()
    for p in paths:
        doc = pymupdf.open(p)
        for page in doc:
            page.get_text("text")
            page.get_text("words")
        doc.close()
    return time.process_time() - t


def ours(paths, workdir: Path) -> float:
    target = workdir / f"bench-{time.perf_counter_ns()}.bap"
    project = Project.create(target)
    t = time.process_time()
    for p in paths:
        importer.import_pdf(project, p)
    elapsed = time.process_time() - t
    project.close()
    target.unlink()
    return elapsed


def big_document(workdir: Path, scale: float, tag: str) -> Path:
    out = workdir / tag
    subprocess.run([sys.executable, str(HERE / "corpus" / "make_corpus.py"), str(out), "--pages-scale", str(scale),
                    "--only", "Amsterdam"], check=True, stdout=subprocess.DEVNULL)
    return next(out.glob("*.pdf"))


def report(name, paths, workdir, runs=3):
    pages = sum(pymupdf.open(p).page_count for p in paths)
    b, o = [], []
    for _ in range(runs):  # alternate, so a load spike hits both
        b.append(bare(paths))
        o.append(ours(paths, workdir))
    b, o = min(b), min(o)
    print(f"{name:<28} {len(paths):>3} files {pages:>5} pages   CPU bare {b*1000:8.0f} ms   "
          f"import {o*1000:8.0f} ms   ratio {o/b:4.2f}x (target <= 1.3x)   ({o/pages*1000:.1f} ms/page)")
    return b, o


def peak_rss(script: str, path: Path) -> float:
    """Peak resident memory (MiB) of a fresh process running ``script`` on ``path``."""
    code = script + "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(HERE.parent))).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def memory(workdir: Path, pages: int) -> tuple[float, float]:
    scale = 80 * pages / 536  # scale 80 gives the 536-page Amsterdam document
    doc = big_document(workdir, scale, "memory")
    n = pymupdf.open(doc).page_count
    b, o = peak_rss(BARE_SCRIPT, doc), peak_rss(OURS_SCRIPT, doc)
    print(f"peak memory, {n}-page document: bare {b:6.0f} MiB   import {o:6.0f} MiB   ratio {o/b:4.2f}x "
          f"(target <= 2x)")
    return b, o


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages-scale", type=float, default=80)
    ap.add_argument("--memory-pages", type=int, default=2000)
    args = ap.parse_args()
    print(f"PyMuPDF {pymupdf.VersionBind}; best of 3, CPU time (user + system) of this process")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report("14 demo agreements", sorted(demo_dir().glob("*.pdf")), work)
        big = big_document(work, args.pages_scale, "big")
        report(f"{big.name} (scale {args.pages_scale:g})", [big], work)
        if args.memory_pages:
            memory(work, args.memory_pages)


if __name__ == "__main__":
    main()
