"""Build the one-folder PyInstaller distribution: python packaging/build.py

Output: dist/BurgerAnnotator/ with the executable BurgerAnnotator(.exe), the default
codebook, the demo corpus, the REFI-QDA schemas, the app icon and the Alembic
migrations. Prints the build time and the size on disk. See packaging/README.md.
"""
from __future__ import annotations

import os
import shutil
import subprocess
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
    "pytestqt", "openpyxl", "import_linter", "importlinter", "grimp",
    # test-only packages the frozen app never uses; pandas comes in through pymupdf.table's optional
    # to_pandas() and drags scipy after it (+95 MB)
    "pandas", "scipy", "sklearn", "krippendorff", "hypothesis", "mutmut",  # not lxml: REFI-QDA exchange uses it
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


def _tessdata_args(sep: str) -> list[str]:
    """Ship Tesseract's Dutch and English language data (10 MB) as resources/tessdata: MuPDF has
    the OCR engine built in, so with them the frozen app recognises scanned pages on any machine,
    with the same data everywhere (the same text). Without them on the build machine, the bundle
    falls back to a system Tesseract at run time (see packaging/README.md)."""
    sys.path.insert(0, str(ROOT))
    from burgerannotator.core import ocr

    folder = ocr.tessdata()
    if folder is None:
        print("note: no Tesseract language data here; the bundle will use a system Tesseract for OCR")
        return []
    out = []
    for lang in ocr.LANGUAGES:
        out += ["--add-data", f"{folder / f'{lang}.traineddata'}{sep}resources/tessdata"]
    return out


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
    args += _tessdata_args(sep)
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
    _trim(out)
    print(f"built {out} in {elapsed:.0f} s; size on disk {size_of(out) / 1e6:.0f} MB")
    return out


KEEP_TRANSLATIONS = ("qtbase_nl", "qtbase_en", "qt_nl", "qt_en")
UNUSED_QT_PLUGINS = ("platformthemes/libqgtk3", "egldeviceintegrations")


def _trim(out: Path) -> None:
    """Qt ships translations for ~40 languages and plugins we never load: keep Dutch and English.
    Strip unneeded symbols off the shared libraries, except numpy's vendored ones (PyInstaller's
    --strip strips those too, and OpenBLAS then fails to load: "ELF load command ... not page-aligned")."""
    strip = shutil.which("strip")
    if strip and sys.platform.startswith("linux"):
        for lib in out.rglob("*.so*"):
            if lib.is_file() and not lib.is_symlink() and "numpy.libs" not in lib.parts:
                subprocess.run([strip, "--strip-unneeded", str(lib)], check=False, capture_output=True)
    qt = next(out.rglob("PySide6/Qt"), None)
    if qt is None:
        return
    for qm in (qt / "translations").glob("*.qm"):
        if not qm.stem.startswith(KEEP_TRANSLATIONS):
            qm.unlink()
    for name in UNUSED_QT_PLUGINS:
        for path in (qt / "plugins").glob(name + "*"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    if sys.platform.startswith("linux") and shutil.which("readelf"):
        _drop_orphan_libraries(out)


def _needed(path: Path) -> list[str]:
    r = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True)
    return [line.split("[", 1)[1].split("]", 1)[0] for line in r.stdout.splitlines() if "(NEEDED)" in line]


def _drop_orphan_libraries(out: Path) -> None:
    """Remove bundled shared libraries that nothing left in the bundle links to (the GTK
    theme plugin removed above drags in cairo, pango, gdk-pixbuf, ...). Roots are the
    executable, Python extension modules and Qt plugins; links are ELF NEEDED entries."""
    internal = out / "_internal"
    libs = {p.name: p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()}
    libs.update({p.name: p.resolve() for p in internal.rglob("*.so*") if p.is_symlink()})
    roots = [out / NAME] + [p for p in internal.rglob("*.so") if ".cpython-" in p.name or ".abi3." in p.name
                            or "plugins" in p.parts]
    roots += [p for p in internal.glob("libpython3*.so*")]
    seen: set[Path] = set()
    todo = [r.resolve() for r in roots if r.exists()]
    while todo:
        lib = todo.pop()
        if lib in seen:
            continue
        seen.add(lib)
        todo += [libs[n] for n in _needed(lib) if n in libs]
    for name, path in libs.items():
        candidate = internal / name
        if path not in seen and candidate.parent == internal and candidate.exists():
            candidate.unlink()


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
