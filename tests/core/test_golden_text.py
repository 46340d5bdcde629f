"""Golden text: the exact document text and word boxes for small PDFs made here, and a rule that
any change to the extracted text comes with a new extractor revision (stored offsets depend on it)."""
from __future__ import annotations

import hashlib

import pymupdf
import pytest

from burgerannotator.core import codebook, importer, pdftext
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.demo import demo_pdfs
from burgerannotator.core.documents import page_label
from burgerannotator.core.segments import code_quote
from burgerannotator.core.store import Project


def _page(doc, lines, x=40, y=50, step=14, font="helv"):
    p = doc.new_page(width=300, height=200)
    for j, line in enumerate(lines):
        p.insert_text((x, y + step * j), line, fontname=font, fontsize=11)
    return p


def pdf_without_labels() -> bytes:
    doc = pymupdf.open()
    _page(doc, ["Eerste pagina tekst.", "Tweede regel hier."])
    _page(doc, ["Pagina twee begint.", "Einde."])
    return doc.tobytes()


def pdf_overlapping_blocks() -> bytes:
    doc = pymupdf.open()
    p = doc.new_page(width=300, height=200)
    p.insert_text((40, 60), "Linker blok woorden", fontname="helv", fontsize=11)
    p.insert_text((90, 64), "Overlappend blok", fontname="cour", fontsize=11)
    return doc.tobytes()


def pdf_rotated() -> bytes:
    doc = pymupdf.open()
    p = _page(doc, [], 0, 0)
    p.insert_text((40, 60), "Gedraaide pagina", fontname="helv", fontsize=11)
    p.set_rotation(90)
    return doc.tobytes()


def pdf_hyphens() -> bytes:
    doc = pymupdf.open()
    _page(doc, ["Een burger-", "beraad in Noord-", "Brabant en het laatste woord is burger-"])
    _page(doc, ["volgende pagina"])
    return doc.tobytes()


def extract(data: bytes):
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return [pdftext.extract_page(p) for p in doc]


def rounded(boxes):
    return [tuple(round(v, 2) for v in b) for b in boxes]


def test_pdf_without_page_labels_golden():
    pages = extract(pdf_without_labels())
    assert [(p.index, p.label, p.width, p.height, p.rotation) for p in pages] == [
        (0, "1", 300.0, 200.0, 0), (1, "2", 300.0, 200.0, 0)]
    assert [p.text for p in pages] == ["Eerste pagina tekst.\nTweede regel hier.", "Pagina twee begint.\nEinde."]
    assert pages[0].spans == [(0, 6), (7, 13), (14, 20), (21, 27), (28, 33), (34, 39)]
    assert pages[1].spans == [(0, 6), (7, 11), (12, 19), (20, 26)]
    assert rounded(pages[0].boxes) == [(40.0, 38.17, 71.79, 53.29), (74.85, 38.17, 107.87, 53.29),
                                       (110.93, 38.17, 137.22, 53.29), (40.0, 52.17, 79.13, 67.29),
                                       (82.18, 52.17, 106.64, 67.29), (109.7, 52.17, 131.09, 67.29)]
    assert rounded(pages[1].boxes) == [(40.0, 38.17, 74.24, 53.29), (77.3, 38.17, 100.53, 53.29),
                                       (103.59, 38.17, 136.61, 53.29), (40.0, 52.17, 71.19, 67.29)]


def test_overlapping_blocks_keep_every_word_golden():
    (page,) = extract(pdf_overlapping_blocks())
    assert page.text == "Linker blok woorden\nOverlappend blok"
    assert page.spans == [(0, 6), (7, 11), (12, 19), (20, 31), (32, 36)]
    assert rounded(page.boxes) == [(40.0, 48.17, 69.95, 63.29), (73.01, 48.17, 93.18, 63.29),
                                   (96.24, 48.17, 138.43, 63.29), (90.0, 53.75, 162.6, 67.49),
                                   (169.2, 53.75, 195.6, 67.49)]


def test_rotated_page_boxes_are_in_displayed_space_golden():
    (page,) = extract(pdf_rotated())
    assert (page.width, page.height, page.rotation) == (200.0, 300.0, 90)
    assert page.text == "Gedraaide pagina"
    assert page.spans == [(0, 9), (10, 16)]
    assert rounded(page.boxes) == [(136.71, 40.0, 151.82, 91.36), (136.71, 94.42, 151.82, 127.44)]


def test_hyphens_golden():
    first, second = extract(pdf_hyphens())
    # burger- / beraad joins; Noord- / Brabant keeps its hyphen; a page ending on a hyphen keeps it
    assert first.text == "Een burgerberaad in Noord-\nBrabant en het laatste woord is burger-"
    assert first.spans == [(0, 3), (4, 10), (10, 16), (17, 19), (20, 26), (27, 34), (35, 37), (38, 41),
                           (42, 49), (50, 55), (56, 58), (59, 66)]
    assert rounded(first.boxes[1:3]) == [(62.63, 38.17, 98.08, 53.29), (40.0, 52.17, 74.24, 67.29)]
    assert second.text == "volgende pagina"


@pytest.fixture
def small_project(tmp_path):
    project = Project.create(tmp_path / "p.bap")
    codebook.import_codebook(project, codebook.load_codebook_file())
    yield project
    project.close()


def test_a_pdf_without_labels_is_cited_by_its_own_page_number(small_project):
    result = importer.import_pdf(small_project, data=pdf_without_labels(), file_name="plain.pdf")
    doc = result.document
    assert doc.text == "Eerste pagina tekst.\nTweede regel hier.\fPagina twee begint.\nEinde."
    seg = code_quote(small_project, doc, "Pagina twee begint", codebook.find_code(small_project, "MECH-BURGERBERAAD"),
                     get_or_create_coder(small_project, "T"))
    assert (seg.start, seg.end, seg.page_first, seg.page_last, seg.quote) == (40, 59, 1, 1, "Pagina twee begint.")
    assert page_label(doc, seg.page_first) == "2"
    assert page_label(doc, 0) == "1"


def test_a_quote_across_the_hyphen_and_the_page_break(small_project):
    doc = importer.import_pdf(small_project, data=pdf_hyphens(), file_name="h.pdf").document
    code = codebook.find_code(small_project, "MECH-BURGERBERAAD")
    seg = code_quote(small_project, doc, "Noord-Brabant", code, get_or_create_coder(small_project, "T"))
    assert (seg.start, seg.end, seg.quote) == (20, 34, "Noord- Brabant")
    seg = code_quote(small_project, doc, "woord is burger-", code, get_or_create_coder(small_project, "T"))
    assert (seg.start, seg.end, seg.page_first, seg.page_last) == (50, 66, 0, 0)
    seg = code_quote(small_project, doc, "volgende pagina", code, get_or_create_coder(small_project, "T"))
    assert (seg.start, seg.end, seg.page_first, seg.page_last) == (67, 82, 1, 1)
    assert page_label(doc, seg.page_first) == "2"


# Every text the extractor makes from the demo corpus, hashed. If this fails, the extracted text
# changed: stored segment offsets of existing projects would point at other words. Bump
# pdftext.EXTRACTOR_REVISION (and plan re-extraction), then record the new hash under it here.
GOLDEN_CORPUS = {("1", "1.28.2"): "be27d1e17ae9d5cf197c337207dc995d74063c166d0f78dc8a31845c5585ae8a"}


def test_changing_the_text_bumps_the_extractor_revision():
    h = hashlib.sha256()
    for path in demo_pdfs():
        with pymupdf.open(path) as doc:
            for p in doc:
                pt = pdftext.extract_page(p)
                h.update(pt.text.encode())
                h.update(b"\f")
                h.update(repr(pt.spans).encode())
                h.update(pt.label.encode())
    key = (pdftext.EXTRACTOR_REVISION, pymupdf.VersionBind)
    assert key in GOLDEN_CORPUS, f"no golden hash recorded for extractor revision {key}"
    assert h.hexdigest() == GOLDEN_CORPUS[key], (
        "the extracted text changed without a new pdftext.EXTRACTOR_REVISION")


def test_extractor_identity_and_opening():
    assert pdftext.EXTRACTOR == "pymupdf-words-xycut"
    assert pdftext.extractor_version() == f"{pdftext.EXTRACTOR_REVISION}/PyMuPDF {pymupdf.VersionBind}"
    doc = pdftext.open_pdf(pdf_without_labels())
    assert doc.page_count == 2 and not doc.needs_pass
    assert (pdftext.PAGE_SEPARATOR, pdftext.BLOCK_SEPARATOR, pdftext.LINE_SEPARATOR) == ("\f", "\n\n", "\n")


def test_ligatures_are_expanded_and_text_is_nfc():
    assert pdftext._clean("e\u0301e") == "\u00e9e"
    assert pdftext._clean("\ufb01nanci\u00eble \ufb02ex") == "financi\u00eble flex"
    assert pdftext._clean("\ufb00\ufb03\ufb04\ufb05\ufb06") == "ffffifflstst"
