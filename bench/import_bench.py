"""Import speed: BurgerAnnotator's import vs bare PyMuPDF text-and-word extraction.

Prints, for the 14 demo PDFs and for one ~500-page document (built with
bench/corpus/make_corpus.py --pages-scale), the wall time of
  bare:   PyMuPDF open + page.get_text("text") + page.get_text("words") for every page
  import: burgerannotator.core.importer.import_pdf into a fresh project (extraction,
          reading order, hyphen joining, packing words, SQLite insert and commit)
and their ratio (target: import <= 2x bare). Best of 3 runs each.
Usage: python bench/import_bench.py [--pages-scale 80] [--keep DIR]
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


def bare(paths) -> float:
    t = time.perf_counter()
    for p in paths:
        doc = pymupdf.open(p)
        for page in doc:
            page.get_text("text")
            page.get_text("words")
        doc.close()
    return time.perf_counter() - t


def ours(paths, workdir: Path) -> float:
    target = workdir / f"bench-{time.perf_counter_ns()}.bap"
    project = Project.create(target)
    t = time.perf_counter()
    for p in paths:
        importer.import_pdf(project, p)
    elapsed = time.perf_counter() - t
    project.close()
    target.unlink()
    return elapsed


def best(fn, *args, runs=3) -> float:
    return min(fn(*args) for _ in range(runs))


def big_document(workdir: Path, scale: float) -> Path:
    out = workdir / "big"
    subprocess.run([sys.executable, str(HERE / "corpus" / "make_corpus.py"), str(out), "--pages-scale", str(scale),
                    "--only", "Amsterdam"], check=True, stdout=subprocess.DEVNULL)
    return next(out.glob("*.pdf"))


def report(name, paths, workdir):
    pages = sum(pymupdf.open(p).page_count for p in paths)
    b = best(bare, paths)
    o = best(ours, paths, workdir)
    print(f"{name:<28} {len(paths):>3} files {pages:>5} pages   bare {b*1000:8.0f} ms   "
          f"import {o*1000:8.0f} ms   ratio {o/b:4.2f}x   ({o/pages*1000:.1f} ms/page)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages-scale", type=float, default=80)
    args = ap.parse_args()
    print(f"PyMuPDF {pymupdf.VersionBind}; best of 3")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report("14 demo agreements", sorted(demo_dir().glob("*.pdf")), work)
        big = big_document(work, args.pages_scale)
        report(f"{big.name} (scale {args.pages_scale:g})", [big], work)


if __name__ == "__main__":
    main()
