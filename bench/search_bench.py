#!/usr/bin/env python3
"""Search and dictionary benchmark: queries and autocode runs over the demo corpus and at 10x size.

Usage: python bench/search_bench.py [--scale N] [--keep DIR]
  --scale N   pages-scale for the large corpus (default 40: ten times the demo's 4)
  --keep DIR  build the large corpus and its project in DIR (reused when already there)

Prints, for each corpus: its size, the first query (texts loaded and folded), the median
and worst of a set of queries (word, prefix, phrase, OR, diacritics), and the time of an
autocode run of all codes (hit and sentence unit) for a fresh coder, and a second run
(everything already suggested). Targets on the 14 documents: < 50 ms per query, < 2 s per autocode.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("BURGERANNOTATOR_DATA_DIR", tempfile.mkdtemp(prefix="ba-bench-userdata-"))

from burgerannotator.core import codebook, importer  # noqa: E402
from burgerannotator.core.coders import get_or_create_coder  # noqa: E402
from burgerannotator.core.demo import build_demo  # noqa: E402
from burgerannotator.core.dictionary import autocode  # noqa: E402
from burgerannotator.core.documents import list_documents  # noqa: E402
from burgerannotator.core.search import search  # noqa: E402
from burgerannotator.core.store import Project  # noqa: E402

QUERIES = ["burgerberaad", "burgerbera*", "uitdaagrecht*", "participatie", '"lokale democratie"',
           '"vertrouwen in"', "energiecooperatie*", "burgerberaad OR burgerraad OR inwonersberaad",
           "wijk*", "Participatiewet", '"de uitvoering van de participatiewet"', "initiatief*"]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def bench_project(path: Path, label: str) -> None:
    with Project.open(path, make_backup=False) as project:
        docs = list_documents(project)
        chars = sum(len(d.text) for d in docs)
        pages = sum(d.page_count for d in docs)
        print(f"\n== {label}: {len(docs)} documents, {pages} pages, {chars / 1e6:.2f} M characters")
    with Project.open(path, make_backup=False) as project:  # a fresh open: nothing cached
        t = time.perf_counter()
        first = search(project, "burgerberaad")
        print(f"first query (load + fold texts)   {ms(time.perf_counter() - t)}   index used: {first.used_index}")
        times = {}
        for q in QUERIES:
            runs = []
            for _ in range(5):
                t = time.perf_counter()
                result = search(project, q)
                runs.append(time.perf_counter() - t)
            times[q] = (statistics.median(runs), result.total, len(result.documents))
        for q, (dt, total, ndocs) in times.items():
            print(f"  query {q:<48} {ms(dt)}   {total:6d} hits in {ndocs:3d} docs")
        all_t = [v[0] for v in times.values()]
        print(f"query median {ms(statistics.median(all_t))}, worst {ms(max(all_t))}")
        for unit in ("hit", "sentence"):
            coder = get_or_create_coder(project, f"Bench {unit} {time.time_ns()}")  # fresh, also with --keep
            t = time.perf_counter()
            result = autocode(project, coder, unit=unit)
            first_run = time.perf_counter() - t
            t = time.perf_counter()
            again = autocode(project, coder, unit=unit)
            second_run = time.perf_counter() - t
            print(f"autocode all codes, unit {unit:<8}  {ms(first_run)}   ({result.total} suggestions)   "
                  f"run again {ms(second_run)} ({again.skipped_existing} already there)")
        coder = get_or_create_coder(project, f"Bench accept {time.time_ns()}")
        t = time.perf_counter()
        result = autocode(project, coder, accept_all=True)
        print(f"autocode --accept-all               {ms(time.perf_counter() - t)}   ({result.total} codings)")


def build_large(folder: Path, scale: str) -> Path:
    project_path = folder / f"corpus-x{scale}.bap"
    if project_path.exists():
        return project_path
    pdfs = folder / "pdf"
    if not (pdfs / "cities.csv").exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / "corpus" / "make_corpus.py"), str(pdfs), "--pages-scale", scale],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"generated the corpus at pages-scale {scale} in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    project = Project.create(project_path)
    try:
        codebook.import_codebook(project, codebook.load_codebook_file())
        results = importer.import_many(project, sorted(pdfs.glob("*.pdf")), attributes_csv=pdfs / "cities.csv")
        failed = [r.message for r in results if r.failed]
        if failed:
            raise SystemExit("import failed: " + "; ".join(failed))
    finally:
        project.close()
    print(f"imported (text, words, search index) in {time.perf_counter() - t:.1f} s")
    return project_path


def main(argv: list[str]) -> None:
    scale = argv[argv.index("--scale") + 1] if "--scale" in argv else "40"
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    with tempfile.TemporaryDirectory(prefix="ba-search-bench-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        demo = folder / "demo.bap"
        if not demo.exists():
            build_demo(demo, with_segments=False).close()
        bench_project(demo, "demo corpus (14 documents)")
        bench_project(build_large(folder, scale), f"corpus at pages-scale {scale} (10x)")


if __name__ == "__main__":
    main(sys.argv[1:])
