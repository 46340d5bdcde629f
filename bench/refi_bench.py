#!/usr/bin/env python3
"""Bench: REFI-QDA exchange on the demo project with many segments.

Builds the demo (14 agreements) and adds N segments by three coders (default 3,000), then times,
each beside a baseline measured in the same run (printed as a ratio):

- .qdpx export, beside the .xlsx workbook export of the same project;
- .qdpx import into a new project (``new --from``), beside importing the same 14 PDFs plainly
  (the PDF text extraction both do);
- the NVivo 12 sample (303 codings, 2 text sources of ~600,000 characters) if ../shared is there.

Usage: python bench/refi_bench.py [--segments N]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from burgerannotator.core import importer, refi  # noqa: E402
from burgerannotator.core.codebook import leaf_codes  # noqa: E402
from burgerannotator.core.coders import get_or_create_coder, list_coders  # noqa: E402
from burgerannotator.core.demo import build_demo, demo_pdfs  # noqa: E402
from burgerannotator.core.documents import layout, list_documents  # noqa: E402
from burgerannotator.core.exports.xlsx_writer import write_workbook  # noqa: E402
from burgerannotator.core.matrix import select_coders  # noqa: E402
from burgerannotator.core.segments import create_segment  # noqa: E402
from burgerannotator.core.store import Project  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=3000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="refi-bench-"))
    os.environ.setdefault("BURGERANNOTATOR_DATA_DIR", str(work / "userdata"))
    project = build_demo(work / "demo.bap")
    rnd = random.Random(14)
    coders = [get_or_create_coder(project, n) for n in ("Demo coder A", "Demo coder B", "Coder C")]
    codes = leaf_codes(project)
    docs = list_documents(project)
    with project.transaction():
        for _ in range(args.segments):
            doc = rnd.choice(docs)
            lay = layout(project, doc)
            i = rnd.randrange(0, max(1, len(lay) - 30))
            span = lay.span_of_words(i, min(len(lay) - 1, i + rnd.randrange(1, 25)))
            a, b = span.start, span.end
            create_segment(project, doc, rnd.choice(codes), rnd.choice(coders), a, b)
    t_qdpx, counts = timed(lambda: refi.write_qdpx(project, work / "demo.qdpx", list_coders(project)))
    t_xlsx, _ = timed(lambda: write_workbook(project, work / "demo.xlsx", select_coders(project, "all"), "city", False))
    project.close()
    print(f"segments: {counts['segments']}, PDF selections: {counts['PDF selections']}, "
          f"size {os.path.getsize(work / 'demo.qdpx') / 1e6:.1f} MB")
    print(f"export .qdpx {t_qdpx:.2f} s   (baseline .xlsx export {t_xlsx:.2f} s; ratio {t_qdpx / t_xlsx:.2f})")

    def plain():
        p = Project.create(work / "plain.bap")
        importer.import_many(p, demo_pdfs())
        p.close()

    def from_qdpx():
        p, report = refi.new_from_qdpx(work / "back.bap", work / "demo.qdpx")
        p.close()
        return report

    t_plain, _ = timed(plain)
    t_import, report = timed(from_qdpx)
    exact = report.counts.get("text codings at their exact offsets", 0)
    print(f"new --from .qdpx {t_import:.2f} s   (baseline plain import of the 14 PDFs {t_plain:.2f} s; "
          f"ratio {t_import / t_plain:.2f}); {exact} codings at their exact offsets")
    nvivo = Path(__file__).resolve().parent.parent.parent / "shared/refi-qda/samples/nvivo-12.6-win_oltas0517.qdpx"
    if nvivo.exists():
        def vendor():
            p, r = refi.new_from_qdpx(work / "nvivo.bap", nvivo)
            p.close()
            return r

        t_nvivo, r = timed(vendor)
        print(f"NVivo 12 sample: {t_nvivo:.2f} s for {r.counts.get('text documents (laid out as PDF pages)', 0)} "
              f"text sources laid out ({t_nvivo / t_plain:.2f} x the plain PDF import above)")


if __name__ == "__main__":
    main()
