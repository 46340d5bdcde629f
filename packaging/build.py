"""Build the one-folder PyInstaller distribution: python packaging/build.py

Output: dist/BurgerAnnotator/ with the executable BurgerAnnotator(.exe), the default
codebook, the demo corpus, the REFI-QDA schemas, the app icon and the Alembic
migrations. Prints the build time and the size on disk. See packaging/README.md.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUILD = ROOT / "build"
NAME = "BurgerAnnotator"

# Qt and Python modules the app never uses; leaving them out keeps the bundle lean.
EXCLUDES = [
    "tkinter", "unittest", "pydoc_data", "test", "lib2to3", "IPython", "matplotlib", "PIL", "pytest",
    "pytestqt", "openpyxl", "import_linter", "importlinter", "grimp", "lxml",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtMultimedia", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtDBus", "PySide6.QtConcurrent",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.Qt3DCore", "PySide6.QtCharts",
    "PySide6.QtDataVisualization", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtSvgWidgets",
    "numpy.tests", "numpy.f2py", "sqlalchemy.testing",
]
HIDDEN = ["sqlalchemy.dialects.sqlite", "alembic.runtime.migration", "alembic.ddl.sqlite", "logging.config"]


def size_of(folder: Path) -> int:
    return sum(f.lstat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def build(dist: Path = DIST, work: Path = BUILD) -> Path:
    """Run PyInstaller; returns the folder of the one-folder distribution."""
    import PyInstaller.__main__

    sep = os.pathsep
    args = [
        str(ROOT / "packaging" / "entry.py"), "--name", NAME, "--onedir", "--noconfirm", "--clean",
        "--distpath", str(dist), "--workpath", str(work), "--specpath", str(work),
        "--icon", str(ROOT / "resources" / "icons" / "burgerannotator.ico"),
        "--add-data", f"{ROOT / 'resources'}{sep}resources",
        "--add-data", f"{ROOT / 'db'}{sep}db",
        "--paths", str(ROOT), "--collect-submodules", "burgerannotator",
        "--log-level", "WARN",
    ]
    for m in EXCLUDES:
        args += ["--exclude-module", m]
    for m in HIDDEN:
        args += ["--hidden-import", m]
    t = time.perf_counter()
    PyInstaller.__main__.run(args)
    elapsed = time.perf_counter() - t
    out = dist / NAME
    for junk in out.rglob("__pycache__"):
        shutil.rmtree(junk, ignore_errors=True)
    print(f"built {out} in {elapsed:.0f} s; size on disk {size_of(out) / 1e6:.0f} MB")
    return out


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dist", type=Path, default=DIST, help="output folder (default dist/)")
    ap.add_argument("--work", type=Path, default=BUILD, help="PyInstaller work folder (default build/)")
    args = ap.parse_args()
    build(args.dist, args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
