"""OCR speed: recognising a scanned page vs a plain render of the same page, both at 300 dpi.

For each of the demo corpus's four scanned signature pages (Rotterdam p. 26, Almere p. 22,
Breda p. 13, Apeldoorn p. 13) and one full born-digital text page (Rotterdam p. 3, recognised
as if it were a scan: the worst case, a page full of words), prints
  render: page.get_pixmap(dpi=300)  (what OCR must do first anyway)
  ocr:    burgerannotator.core.ocr.recognise_page (300 dpi render + Tesseract nld+eng + our
          reading-order rules)
and their ratio. Best of N runs each (default 2). The figures are noisy on a shared machine.
Usage: python bench/ocr_bench.py [--runs 2]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from burgerannotator.core import ocr  # noqa: E402
from burgerannotator.core.resources import demo_dir  # noqa: E402

PAGES = [("02-rotterdam.pdf", 27, "Rotterdam p. 26 (scan)"), ("08-almere.pdf", 23, "Almere p. 22 (scan)"),
         ("13-breda.pdf", 14, "Breda p. 13 (scan)"), ("14-apeldoorn.pdf", 14, "Apeldoorn p. 13 (scan)"),
         ("02-rotterdam.pdf", 4, "Rotterdam p. 3 (full text page)")]


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    if not ocr.available():
        print(ocr.INSTALL_HELP)
        return 1
    print(f"engine: {ocr.engine_version()}")
    print(f"{'page':<34} {'render s':>9} {'ocr s':>8} {'ratio':>7} {'words':>6}")
    total_r = total_o = 0.0
    for name, index, label in PAGES:
        doc = pymupdf.open(demo_dir() / name)
        page = doc.load_page(index)
        r = best(lambda: page.get_pixmap(dpi=ocr.DPI), args.runs)
        words = []
        o = best(lambda: words.append(len(ocr.recognise_page(page).spans)), args.runs)
        total_r += r
        total_o += o
        print(f"{label:<34} {r:>9.3f} {o:>8.3f} {o / r:>6.1f}x {words[-1]:>6}")
    print(f"{'all five pages':<34} {total_r:>9.3f} {total_o:>8.3f} {total_o / total_r:>6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
