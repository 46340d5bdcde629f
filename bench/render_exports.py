#!/usr/bin/env python3
"""Look at the exports as a user's LibreOffice prints them (not a test: for a person to look at).

Builds the demo project (plus a tiny coding and bullet/formula-like memos), writes every export
(`export`, `matrix` xlsx and CSV, `summary` CSV, `agreement -o`), converts each with LibreOffice
headless (``soffice --headless --convert-to pdf``) and renders pages 1 and 2 of each PDF to PNG
with poppler's ``pdftoppm``. Prints the page count of each PDF.

Needs LibreOffice Calc and poppler-utils: ``BURGERANNOTATOR_BENCH=1 bash packaging/setup-env.sh``
installs them (Debian/Ubuntu). ``--docs`` copies two of the PNGs to docs/ (export-matrix-*.png).

Usage: python bench/render_exports.py [--out FOLDER] [--docs]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# LibreOffice's CSV import options: separator ';' (59), text delimiter '"' (34), UTF-8 (76), from row 1.
CSV_FILTER = "CSV:59,34,76,1"


def build_exports(folder: Path) -> list[Path]:
    from burgerannotator.cli import main
    from burgerannotator.core.codebook import find_code
    from burgerannotator.core.coders import get_or_create_coder
    from burgerannotator.core.demo import build_demo
    from burgerannotator.core.documents import find_document
    from burgerannotator.core.segments import code_quote

    project_path = folder / "demo.bap"
    p = build_demo(project_path)
    try:
        tester = get_or_create_coder(p, "Tester")
        ams = find_document(p, "Amsterdam")
        code_quote(p, ams, "Gemeente", find_code(p, "MECH-DIGITAAL"), tester, memo="- 30% minder\n- tweede regel")
        code_quote(p, ams, "Wij zetten het beleidskader participatie voort en verbeteren het.",
                   find_code(p, "MECH-PARTICIPATIEKADER"), tester, memo='=HYPERLINK("http://x","y")')
    finally:
        p.close()
    project = str(project_path)
    out = folder / "exports"
    out.mkdir(exist_ok=True)
    runs = [["export", project, "-o", str(out / "export.xlsx")],
            ["matrix", project, "--measure", "coverage", "-o", str(out / "matrix-coverage.xlsx")],
            ["matrix", project, "--measure", "count", "--by-coder", "--totals", "-o",
             str(out / "matrix-count-by-coder.xlsx")],
            ["matrix", project, "--measure", "count", "--sep", ";", "-o", str(out / "matrix-count.csv")],
            ["summary", project, "--format", "csv", "--sep", ";", "-o", str(out / "quotes.csv")],
            ["agreement", project, "-o", str(out / "agreement.xlsx")]]
    for argv in runs:
        if main(argv) != 0:
            raise SystemExit(f"failed: {' '.join(argv)}")
    return sorted(out.iterdir())


def to_pdf(path: Path, folder: Path, profile: Path) -> Path:
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    if path.suffix == ".csv":
        cmd.append(f"--infilter={CSV_FILTER}")
    cmd += ["--convert-to", "pdf", "--outdir", str(folder), str(path)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    return folder / (path.stem + ".pdf")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def to_png(pdf: Path, last_page: int) -> list[Path]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", str(last_page), str(pdf), str(prefix)],
                   check=True, timeout=300)
    return sorted(p for p in pdf.parent.glob(prefix.name + "-*.png")
                  if p.stem[len(prefix.name) + 1:].isdigit())  # not matrix-count-by-coder for matrix-count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "burgerannotator-render"))
    ap.add_argument("--docs", action="store_true", help="copy two of the PNGs into docs/")
    args = ap.parse_args()
    for tool in ("soffice", "pdftoppm", "pdfinfo"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: run BURGERANNOTATOR_BENCH=1 bash packaging/setup-env.sh", file=sys.stderr)
            return 2
    folder = Path(args.out)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ.setdefault("BURGERANNOTATOR_DATA_DIR", str(folder / "userdata"))
    pdfs = folder / "pdf"
    pdfs.mkdir()
    profile = folder / "lo-profile"
    for export in build_exports(folder):
        pdf = to_pdf(export, pdfs, profile)
        n = pages(pdf)
        pngs = to_png(pdf, min(n, 2))
        print(f"{export.name:<28} {n:4d} page(s)  ->  {', '.join(p.name for p in pngs)}")
    if args.docs:
        chosen = {("matrix-coverage", 1): "export-matrix-coverage.png",
                  ("agreement", 2): "export-agreement-page2.png"}
        for (stem, page), dst in chosen.items():
            found = [p for p in pdfs.glob(f"{stem}-*.png") if p.stem[len(stem) + 1:].isdigit()
                     and int(p.stem[len(stem) + 1:]) == page]
            if found:
                shutil.copyfile(found[0], REPO / "docs" / dst)
                print(f"copied {found[0].name} to docs/{dst}")
    print(f"PDFs and PNGs in {pdfs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
