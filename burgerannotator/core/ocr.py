"""Recognising the text of scanned pages with Tesseract, through PyMuPDF.

Why PyMuPDF's OCR and not ocrmypdf: MuPDF has Tesseract built in, so PyMuPDF (already
the extractor of every document text) only needs Tesseract's *language data*
(``nld.traineddata``, ``eng.traineddata``), gives words with boxes straight away, and
the recognised words run through exactly the same reading-order rules as born-digital
pages (``pdftext.extract_page``). ocrmypdf would add Ghostscript, pikepdf and a rewritten
PDF, and we would still have to extract its words with PyMuPDF afterwards.

Determinism: MuPDF's Tesseract is fixed per PyMuPDF version, and the language data are
identified by their own version string and a hash, recorded on every recognised page
(``Page.ocr``). OCR only runs when asked (import ``--ocr``, ``ocr`` command, "Recognise
text" in the app); opening a project never re-runs it.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pymupdf

from . import pdftext
from .errors import UserError

LANGUAGES = ("nld", "eng")  # Dutch agreements, English loan words and appendices
DPI = 300
MAX_SIDE_PX = 10_000  # a poster-sized (or hostile) page is recognised at a lower resolution, not at 300 dpi
MODES = ("auto", "never", "force")

INSTALL_HELP = (
    "Recognising text on scanned pages needs Tesseract's Dutch and English language data. "
    "Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng; "
    "macOS: brew install tesseract tesseract-lang; "
    "Windows: install Tesseract from the UB Mannheim installer with the Dutch language ticked "
    "(or set TESSDATA_PREFIX to a folder holding nld.traineddata and eng.traineddata)."
)


class OcrUnavailable(UserError):
    """Tesseract's language data cannot be found."""


def _candidates() -> list[Path]:
    """Folders that may hold Tesseract's language data, most specific first."""
    out: list[Path] = []
    env = os.environ.get("TESSDATA_PREFIX")
    if env:
        out += [Path(env), Path(env) / "tessdata"]
    from .resources import resource_path  # a frozen app may ship the language data here

    out.append(resource_path("tessdata"))
    exe = shutil.which("tesseract")
    if exe:
        try:
            done = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
            m = re.search(r'List of available languages in "(.+?)"', done.stdout + done.stderr)
            if m:
                out.append(Path(m.group(1)))
        except (OSError, subprocess.SubprocessError):
            pass
        here = Path(exe).resolve().parent
        out += [here / "tessdata", here.parent / "share" / "tessdata"]
    for base in ("/usr/share/tesseract-ocr", "/usr/local/share/tesseract-ocr"):
        out += sorted(Path(base).glob("*/tessdata"), reverse=True)
    out += [Path("/usr/share/tessdata"), Path("/usr/local/share/tessdata"), Path("/opt/homebrew/share/tessdata")]
    if sys.platform == "win32":
        for root in (os.environ.get("ProgramFiles", r"C:\Program Files"), os.environ.get("LOCALAPPDATA", "")):
            if root:
                out.append(Path(root) / "Tesseract-OCR" / "tessdata")
    return out


@lru_cache(maxsize=1)
def tessdata() -> Path | None:
    """The first folder with the language data for every language in ``LANGUAGES``, or None."""
    for folder in _candidates():
        try:
            if all((folder / f"{lang}.traineddata").is_file() for lang in LANGUAGES):
                return folder
        except OSError:
            continue
    return None


def available() -> bool:
    return tessdata() is not None


def require() -> Path:
    folder = tessdata()
    if folder is None:
        raise OcrUnavailable(INSTALL_HELP)
    return folder


def _data_version(path: Path) -> str:
    """The version string a traineddata file carries (its TESSDATA_VERSION entry), or ''."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
            (count,) = struct.unpack("<i", head)
            if not 0 < count < 100:
                return ""
            offsets = struct.unpack(f"<{count}q", fh.read(8 * count))
            if count <= 23 or offsets[23] < 0:
                return ""
            end = next((o for o in offsets[24:] if o >= 0), offsets[23] + 200)
            fh.seek(offsets[23])
            return fh.read(min(200, end - offsets[23])).decode("ascii", "replace").split(":[")[0]
    except (OSError, struct.error):
        return ""


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:12]


@lru_cache(maxsize=4)
def _engine_version(folder: Path) -> str:
    data = ", ".join(f"{lang} {_data_version(folder / f'{lang}.traineddata') or '?'} "
                     f"#{_digest(folder / f'{lang}.traineddata')}" for lang in LANGUAGES)
    return f"Tesseract in MuPDF {pymupdf.mupdf_version}, {DPI} dpi; {data}"


def engine_version() -> str:
    """What recognises text here, with the language data's versions: recorded on each OCR'd page."""
    return _engine_version(require())


def page_dpi(page: pymupdf.Page) -> int:
    """300 dpi, or less for a page whose picture would be over ``MAX_SIDE_PX`` on a side."""
    longest = max(page.rect.width, page.rect.height, 1.0)
    return max(30, min(DPI, int(MAX_SIDE_PX * 72 / longest)))


def recognise_page(page: pymupdf.Page) -> pdftext.PageText:
    """The page's words as Tesseract reads them from a 300 dpi picture of the whole page (as
    displayed, /Rotate applied), in the same form (text, word boxes, spans) as
    ``pdftext.extract_page`` gives."""
    folder = require()
    textpage = page.get_textpage_ocr(flags=pdftext.FLAGS, language="+".join(LANGUAGES), dpi=page_dpi(page),
                                     full=True, tessdata=str(folder))
    result = pdftext.extract_page(page, textpage=textpage)
    result.ocr = engine_version()
    return result


def wanted(mode: str, page: pdftext.PageText) -> bool:
    """Whether a page is to be recognised under an ``--ocr`` mode."""
    if mode == "force":
        return True
    return mode == "auto" and not page.has_text


def resolve_mode(mode: str | None) -> str:
    """``auto`` becomes ``never`` without Tesseract; ``force`` without it is an error."""
    mode = mode or "auto"
    if mode not in MODES:
        raise UserError(f"Unknown OCR mode '{mode}'; use one of {', '.join(MODES)}.")
    if mode == "force":
        require()
    if mode == "auto" and not available():
        return "never"
    return mode


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__


def recognise_pages(doc: pymupdf.Document, pages: list[pdftext.PageText],
                    mode: str) -> tuple[list[str], list[str]]:
    """Replace, in ``pages``, those the mode asks for by their recognised text.

    Returns (labels of the pages recognised, "label: reason" of pages Tesseract failed on; those
    keep the text they had, so one bad page does not stop an import)."""
    done, failed = [], []
    for i, page in enumerate(pages):
        if wanted(mode, page):
            try:
                pages[i] = recognise_page(doc.load_page(page.index))
            except OcrUnavailable:
                raise
            except Exception as exc:  # MuPDF/Tesseract errors on a damaged picture
                failed.append(f"{page.label}: {_reason(exc)}")
                continue
            done.append(page.label)
    return done, failed
