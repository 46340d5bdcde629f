#!/usr/bin/env python3
"""Issue 17 at scale: build big projects through the core and print every figure beside its baseline.

Projects (built once, cached in bench/cache/, which git ignores; --fresh rebuilds):
  seg-10000.bap, seg-100000.bap, seg-500000.bap  the 14 demo agreements with N live segments by
      three coders, coded through the core's batch path (core.batch_coding.add_codings: each span
      anchored and duplicate-checked as a single coding is, bulk-inserted in one transaction)
  pages-1x.bap, pages-10x.bap, pages-50x.bap  the corpus of bench/corpus/make_corpus.py at
      --pages-scale 4, 40, 200 imported through core.importer
Figures (each section runs the bench script that owns it, so the numbers match theirs):
  startup   bench/startup_bench.py (demo) and info/search/matrix on seg-100000 vs bare interpreter
  batch     bench/batch_code_bench.py (1,000 quotes in one call vs 1,000 calls)
  import    bench/import_bench.py (CPU vs bare PyMuPDF; peak memory on 2,000 pages)
  search    wijk* and autocode on pages-10x and pages-50x (targets, for 10x: < 100 ms and < 2 s)
  gui       open to first page, seg-500000 vs the demo (<= 1.5x); bench/gui_bench.py under a busy loop
  export    bench/export_bench.py --segments 500000 (engineer i12), if present
  agreement bench/agreement_bench.py (engineer i13), if present

    .venv/bin/python bench/scale.py [--only startup,search,...] [--segments 10000,100000,500000]
                                    [--pages 1,10,50] [--fresh]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / "cache"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BURGERANNOTATOR_DATA_DIR", tempfile.mkdtemp(prefix="ba-scale-"))
SECTIONS = ("build", "startup", "batch", "import", "search", "gui", "export", "agreement")
CODERS = ("Coder 1", "Coder 2", "Coder 3")


def say(text: str = "") -> None:
    print(text, flush=True)


def figure(name: str, value: float, baseline: float, unit: str, target: str) -> None:
    say(f"  {name:<44} {value:10.1f} {unit:<3} baseline {baseline:10.1f} {unit:<3} ratio {value / baseline:6.2f}x"
        f"   (target {target})")


# ---- building (through the core) -----------------------------------------------------------------
def build_segments(n: int, fresh: bool) -> Path:
    path = CACHE / f"seg-{n}.bap"
    if path.exists() and not fresh:
        return path
    path.unlink(missing_ok=True)
    from burgerannotator.core import codebook
    from burgerannotator.core.batch_coding import Coding, add_codings
    from burgerannotator.core.coders import get_or_create_coder
    from burgerannotator.core.demo import build_demo
    from burgerannotator.core.documents import layout, list_documents

    t = time.perf_counter()
    partial = path.with_suffix(".partial")  # renamed when complete: an interrupted build is not reused
    partial.unlink(missing_ok=True)
    project = build_demo(partial, with_segments=False)
    try:
        rng = random.Random(n)
        coders = [get_or_create_coder(project, name) for name in CODERS]
        codes = codebook.leaf_codes(project)
        docs = list_documents(project)
        words = {d.id: layout(project, d).spans for d in docs}

        def codings():
            made = 0
            while made < n:  # shared passages, sometimes shifted or coded otherwise, so agreement varies
                d = rng.choice(docs)
                spans = words[d.id]
                first = rng.randrange(0, len(spans) - 60)
                last = first + rng.randint(3, 50)
                code = rng.choice(codes)
                for coder in coders:
                    f, lst = first, last
                    if rng.random() < 0.2:
                        f, lst = max(0, f + rng.randint(-3, 3)), lst + rng.randint(-3, 3)
                    yield Coding(d, code, coder, int(spans[f][0]), int(spans[max(f, lst)][1]))
                    made += 1

        added, skipped = add_codings(project, codings())
    finally:
        project.close()
    partial.rename(path)
    say(f"built {path.name}: {added} segments through core.batch_coding.add_codings ({skipped} repeats skipped) "
        f"in {time.perf_counter() - t:.0f} s")
    return path


def build_pages(x: int, fresh: bool) -> Path:
    path = CACHE / f"pages-{x}x.bap"
    if path.exists() and not fresh:
        return path
    path.unlink(missing_ok=True)
    from burgerannotator.core import codebook, importer
    from burgerannotator.core.store import Project

    pdfs = CACHE / f"pdf-{x}x"
    t = time.perf_counter()
    if not (pdfs / "cities.csv").exists():
        subprocess.run([sys.executable, str(HERE / "corpus" / "make_corpus.py"), str(pdfs), "--pages-scale",
                        str(4 * x)], check=True, stdout=subprocess.DEVNULL)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    project = Project.create(partial)
    try:
        codebook.import_codebook(project, codebook.load_codebook_file())
        results = importer.import_many(project, sorted(pdfs.glob("*.pdf")), attributes_csv=pdfs / "cities.csv")
        pages = sum(r.document.page_count for r in results if r.document is not None)
    finally:
        project.close()
    partial.rename(path)
    say(f"built {path.name}: {len(results)} documents, {pages} pages through core.importer "
        f"in {time.perf_counter() - t:.0f} s")
    return path


# ---- figures -------------------------------------------------------------------------------------
def relay(script: str, *args: str, env: dict | None = None) -> None:
    path = HERE / script
    if not path.exists():
        say(f"  ({script} is not in this checkout: skipped)")
        return
    proc = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, **(env or {})))
    for line in (proc.stdout + proc.stderr[-2000:] * (proc.returncode != 0)).splitlines():
        say(f"  | {line}")


def startup(project: Path) -> None:
    relay("startup_bench.py", "--rounds", "5")
    sys.path.insert(0, str(HERE))
    import startup_bench

    env = dict(os.environ)
    out = Path(tempfile.mkdtemp())
    jobs = {"bare": [sys.executable, "-c", "import sqlalchemy.orm, sqlite3"]}
    for name, argv in startup_bench.commands(project, out).items():
        if name in ("info", "search wijk*", "matrix"):
            jobs[name] = [sys.executable, "-m", "burgerannotator", *argv]
    times = {k: [] for k in jobs}
    for _ in range(3):
        for k, argv in jobs.items():
            times[k].append(startup_bench.run(argv, ROOT, env)[0])
    bare = statistics.median(times.pop("bare"))
    for name, values in times.items():
        figure(f"{name} on {project.name} (wall, whole process)", statistics.median(values) * 1000, bare * 1000, "ms",
               "<= 1.5x bare")


def search_figures(project: Path) -> tuple[float, float]:
    """Search wijk* (median of 5, texts loaded) and autocode (one run) on a scratch copy, in ms."""
    from burgerannotator.core.coders import get_or_create_coder
    from burgerannotator.core.dictionary import autocode
    from burgerannotator.core.search import search
    from burgerannotator.core.store import Project

    scratch = Path(tempfile.mkdtemp(prefix="ba-search-")) / project.name  # autocode writes: keep the cache as built
    shutil.copyfile(project, scratch)
    project = scratch
    with Project.open(project, make_backup=False) as p:
        search(p, "burgerberaad")  # load and fold the texts once, as an open window has
        runs, cpu = [], []
        for _ in range(5):
            t, c = time.perf_counter(), time.process_time()
            result = search(p, "wijk*")
            runs.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        figure(f"search wijk* on {project.name} ({result.total} hits)", statistics.median(runs) * 1000, 100, "ms",
               "< 100 ms; baseline = target")
        figure("  the same, CPU (process_time; a loaded machine inflates wall)", statistics.median(cpu) * 1000, 100,
               "ms", "< 100 ms")
        coder = get_or_create_coder(p, f"Scale {time.time_ns()}")
        t, c = time.perf_counter(), time.process_time()
        made = autocode(p, coder)
        autocode_ms = (time.perf_counter() - t) * 1000
        figure(f"autocode on {project.name} ({made.total} suggestions)", autocode_ms, 2000,
               "ms", "< 2 s; baseline = target")
        figure("  the same, CPU (process_time)", (time.process_time() - c) * 1000, 2000, "ms", "< 2 s")
    shutil.rmtree(scratch.parent, ignore_errors=True)
    return statistics.median(runs) * 1000, autocode_ms


OPEN_SCRIPT = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
t0 = time.perf_counter()
from PySide6.QtCore import QEventLoop, QTimer
from burgerannotator.gui.app import make_app
from burgerannotator.gui.main_window import MainWindow
app = make_app()
window = MainWindow()
window.resize(1366, 768)
loop = QEventLoop()
window.pane.view.firstPagePainted.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
window.show()
window.open_project(sys.argv[1], coder_name="Bench coder")
loop.exec()
print((time.perf_counter() - t0) * 1000, flush=True)
window.close()  # as a session ends: the project closed (checkpoint; remembered clean for the next open)
"""


def gui(big: Path, demo: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    times = {big: [], demo: []}
    for _ in range(3):
        for path in (demo, big):
            out = subprocess.run([sys.executable, "-c", OPEN_SCRIPT, str(path)], capture_output=True, text=True,
                                 env=env)
            try:
                times[path].append(float(out.stdout.strip().splitlines()[-1]))
            except (ValueError, IndexError):
                say(f"  open {path.name} failed: {out.stderr.strip().splitlines()[-1:]}")
                return
    figure(f"open to first page painted, {big.name}", statistics.median(times[big]), statistics.median(times[demo]),
           "ms", "<= 1.5x the demo project's")
    say("  gui_bench.py with a busy-loop process beside it (page on screen <= 2x bare render; click < 50 ms):")
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        relay("gui_bench.py", env={"QT_QPA_PLATFORM": "offscreen"})
    finally:
        busy.kill()
        busy.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"sections, comma-separated: {', '.join(SECTIONS)}")
    ap.add_argument("--segments", default="10000,100000,500000")
    ap.add_argument("--pages", default="1,10,50")
    ap.add_argument("--fresh", action="store_true", help="rebuild the cached projects")
    args = ap.parse_args()
    only = set(args.only.split(","))
    CACHE.mkdir(exist_ok=True)
    sizes = [int(s) for s in args.segments.split(",") if s]
    scales = [int(s) for s in args.pages.split(",") if s]
    say(f"== building (cached in {CACHE})")
    seg = {n: build_segments(n, args.fresh) for n in sizes}
    pages = {x: build_pages(x, args.fresh) for x in scales}
    demo = CACHE / "demo.bap"
    if not demo.exists():
        from burgerannotator.core.demo import build_demo

        build_demo(demo).close()
    if "startup" in only:
        say("\n== start-up")
        startup(seg.get(100_000) or seg[max(seg)] if seg else demo)
    if "batch" in only:
        say("\n== batch coding")
        relay("batch_code_bench.py", "--calls", "10")
    if "import" in only:
        say("\n== import")
        relay("import_bench.py")
    if "search" in only and pages:
        say("\n== search and autocode")
        measured = {x: search_figures(pages[x]) for x in [x for x in sorted(pages) if x >= 10] or [max(pages)]}
        if 10 in measured and 50 in measured:  # growth from 10x to 50x: linear is 5x
            for i, what in enumerate(("search wijk*", "autocode")):
                figure(f"{what}: 50x corpus vs 10x corpus", measured[50][i], measured[10][i], "ms",
                       "linear = 5x")
    if "gui" in only and seg:
        say("\n== GUI")
        gui(seg[max(seg)], demo)
    if "export" in only:
        say("\n== xlsx export (engineer i12's bench)")
        relay("export_bench.py", "--segments", str(max(sizes) if sizes else 500_000))
    if "agreement" in only:
        say("\n== agreement (engineer i13's bench)")
        relay("agreement_bench.py")


if __name__ == "__main__":
    main()
