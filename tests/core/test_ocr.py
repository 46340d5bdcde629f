"""Issue 15: scanned pages get their text recognised (Tesseract through PyMuPDF) and can be
coded, searched and autocoded; recognising a coded document again keeps its segments."""
from __future__ import annotations

import json

import pymupdf
import pytest

from burgerannotator.cli import main
from burgerannotator.core import codebook, importer, ocr
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.dictionary import autocode
from burgerannotator.core.exports.tables import documents_table
from burgerannotator.core.documents import find_document, layout, list_documents
from burgerannotator.core.recognise import recognise_document
from burgerannotator.core.resources import demo_dir
from burgerannotator.core.search import search
from burgerannotator.core.segments import code_quote, segments
from burgerannotator.core.store import Project

needs_tesseract = pytest.mark.skipif(
    not ocr.available(), reason="Tesseract's nld+eng language data are not installed "
                                "(packaging/setup-env.sh installs them on Debian)")

# (file, page index of the scanned signature page, its printed label, the first line on it)
SCANNED = [("02-rotterdam.pdf", 27, "26", "Aldus overeengekomen te Rotterdam"),
           ("08-almere.pdf", 23, "22", "Aldus overeengekomen te Almere"),
           ("13-breda.pdf", 14, "13", "Aldus overeengekomen te Breda"),
           ("14-apeldoorn.pdf", 14, "13", "Aldus overeengekomen te Apeldoorn")]


@pytest.fixture(scope="module")
def ocr_project_master(tmp_path_factory):
    if not ocr.available():
        pytest.skip("Tesseract's nld+eng language data are not installed")
    path = tmp_path_factory.mktemp("ocr") / "scanned.bap"
    project = Project.create(path)
    codebook.import_codebook(project, codebook.load_codebook_file())
    results = importer.import_many(project, [demo_dir() / f for f, *_ in SCANNED],
                                   attributes_csv=demo_dir() / "cities.csv", ocr="auto")
    assert [r.status for r in results] == ["imported"] * 4
    project.close()
    return path


@pytest.fixture
def ocr_project(ocr_project_master, tmp_path):
    path = tmp_path / "p.bap"
    path.write_bytes(ocr_project_master.read_bytes())
    project = Project.open(path)
    yield project
    project.close()


@needs_tesseract
@pytest.mark.parametrize("file_name,index,label,line", SCANNED)
def test_scanned_page_gets_text_and_a_quote_on_it_is_coded(ocr_project, file_name, index, label, line):
    doc = find_document(ocr_project, file_name)
    page = next(p for p in doc.pages if p.index == index)
    assert page.has_text is True and page.label == label
    assert page.ocr == ocr.engine_version() and page.ocr.startswith("Tesseract in MuPDF ")
    assert "nld 4." in page.ocr and "eng 4." in page.ocr
    assert [p.index for p in doc.pages if p.ocr] == [index]  # born-digital pages are not recognised
    body = doc.text[page.text_start:page.text_end]
    assert body.startswith(line + "\n\n")
    coder = get_or_create_coder(ocr_project, "Ann")
    seg = code_quote(ocr_project, doc, line, codebook.find_code(ocr_project, "MECH-DIALOOG"), coder)
    assert (seg.page_first, seg.page_last, seg.quote) == (index, index, line)
    [[x0, y0, x1, y1]] = seg.rects[str(index)]
    # the line stands at x 72 pt, 139-154 pt from the top of an A4 page (measured on the 300 dpi scan)
    assert x0 == pytest.approx(72, abs=3) and y0 == pytest.approx(140, abs=3) and y1 == pytest.approx(153, abs=3)
    assert 230 < x1 < 340


@needs_tesseract
def test_recognition_is_deterministic(ocr_project):
    doc = find_document(ocr_project, "13-breda.pdf")
    page = next(p for p in doc.pages if p.index == 14)
    pdf = pymupdf.open(demo_dir() / "13-breda.pdf")
    again = ocr.recognise_page(pdf.load_page(14))
    assert again.text == doc.text[page.text_start:page.text_end]
    assert len(again.boxes) == len(layout(ocr_project, doc).boxes[layout(ocr_project, doc).page_word_range(14)[0]:])


@needs_tesseract
def test_search_and_autocode_find_words_on_recognised_pages(ocr_project):
    result = search(ocr_project, "overeengekomen")
    hits = {d.label: [(h.page_label, h.match) for h in d.hits] for d in result.documents}
    assert hits == {"Rotterdam": [("26", "overeengekomen")], "Almere": [("22", "overeengekomen")],
                    "Breda": [("13", "overeengekomen")], "Apeldoorn": [("13", "overeengekomen")]}
    code = codebook.find_code(ocr_project, "MECH-DIALOOG")
    codebook.update_code(ocr_project, code, terms=["overeengekomen"])
    coder = get_or_create_coder(ocr_project, "Ann")
    done = autocode(ocr_project, coder, codes=[code])
    assert done.total == 4
    suggested = segments(ocr_project, code=code, status="suggested")
    assert sorted((s.document.file_name, s.page_first, s.quote) for s in suggested) == [
        (f, i, "overeengekomen") for f, i, *_ in sorted(SCANNED)]


def _two_page_pdf(path):
    """Page 1 a picture of text (a scan), page 2 born-digital text."""
    src = pymupdf.open()
    p = src.new_page(width=595, height=842)
    p.insert_text((72, 120), "Wij geven bewoners het uitdaagrecht.", fontsize=14)
    p.insert_text((72, 160), "De gemeente organiseert een burgerberaad.", fontsize=14)
    pix = p.get_pixmap(dpi=200)
    out = pymupdf.open()
    scan = out.new_page(width=595, height=842)
    scan.insert_image(scan.rect, pixmap=pix)
    page2 = out.new_page(width=595, height=842)
    page2.insert_text((72, 100), "Buurtbudgetten worden verder uitgebouwd.", fontsize=12)
    out.save(path)


@needs_tesseract
def test_recognising_a_coded_document_keeps_its_segments(tmp_path, monkeypatch):
    pdf = tmp_path / "scan.pdf"
    _two_page_pdf(pdf)
    project = Project.create(tmp_path / "p.bap")
    try:
        codebook.import_codebook(project, codebook.load_codebook_file())
        doc = importer.import_pdf(project, pdf, ocr="never").document
        assert [p.has_text for p in doc.pages] == [False, True]
        coder = get_or_create_coder(project, "Ann")
        code = codebook.find_code(project, "MECH-BUURTBUDGET")
        on_page2 = code_quote(project, doc, "Buurtbudgetten worden verder uitgebouwd.", code, coder)
        old_rects = on_page2.rects
        assert on_page2.start == 1  # page 1 is empty: "\f" then page 2
        from burgerannotator.core.areas import create_area
        area = create_area(project, doc, 0, [60, 140, 500, 170], code, coder)
        assert (area.start, area.end, area.quote) == (0, 0, "")

        report = recognise_document(project, doc)
        assert report.pages == ["1"] and report.unplaced == []
        assert (report.segments_moved, report.segments_reanchored, report.areas_updated) == (1, 0, 1)
        page1 = doc.text[:doc.pages[0].text_end]
        assert page1 == "Wij geven bewoners het uitdaagrecht.\n\nDe gemeente organiseert een burgerberaad."
        assert on_page2.quote == "Buurtbudgetten worden verder uitgebouwd."
        assert doc.text[on_page2.start:on_page2.end] == on_page2.quote and on_page2.rects == old_rects
        assert area.quote == "De gemeente organiseert een burgerberaad."  # the area takes the text inside it
        assert search(project, "uitdaagrecht").total == 1

        # once recognised, asking again does nothing (deterministic: never re-run behind one's back)
        assert recognise_document(project, doc).pages == []

        coded = code_quote(project, doc, "bewoners het uitdaagrecht", code, coder)
        # a new engine reads page 1 differently: the quote is kept where it still stands...
        monkeypatch.setattr(ocr, "engine_version", lambda: "Tesseract in MuPDF 9.9; other data")
        report = recognise_document(project, doc)
        assert (report.pages, report.segments_reanchored, report.unplaced) == (["1"], 1, [])
        assert doc.text[coded.start:coded.end] == coded.quote == "bewoners het uitdaagrecht."
        assert doc.pages[0].ocr == "Tesseract in MuPDF 9.9; other data"

        # ... and a quote that is no longer there stays where it was on the page, as an area, reported
        real = ocr.recognise_page

        def garbled(page):
            result = real(page)
            result.text = result.text.replace("uitdaagrecht", "uitdaaqrecht")
            return result

        monkeypatch.setattr(ocr, "recognise_page", garbled)
        monkeypatch.setattr(ocr, "engine_version", lambda: "Tesseract in MuPDF 9.8; worse data")
        box = coded.rects["0"][0]
        report = recognise_document(project, doc)
        assert len(report.unplaced) == 1 and coded.uuid in report.unplaced[0]
        assert coded.kind == "area" and coded.area == box and coded.deleted is None
        assert len(segments(project, document=doc)) == 3
    finally:
        project.close()


@needs_tesseract
def test_cli_import_ocr_and_info(tmp_path, capsys):
    project = tmp_path / "p.bap"
    assert main(["new", str(project), "--coder", "Ann"]) == 0
    assert main(["import", str(project), str(demo_dir() / "13-breda.pdf"), "--ocr", "never"]) == 0
    out = capsys.readouterr().out
    assert "1 page(s) without a text layer (scanned?): 13" in out
    assert main(["ocr", str(project), "--doc", "13-breda.pdf"]) == 0
    out = capsys.readouterr().out
    assert "13-breda.pdf: text recognised on 1 page(s): 13." in out
    assert main(["info", str(project), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["documents"][0]["pages_recognised"]) == ["13"]
    assert data["documents"][0]["pages_recognised"]["13"] == ocr.engine_version()
    assert main(["import", str(project), str(demo_dir() / "14-apeldoorn.pdf")]) == 0  # --ocr auto
    assert "text recognised (OCR) on 1 page(s): 13" in capsys.readouterr().out
    with Project.open(project, readonly=True) as p:
        table = documents_table(p)
    column = table.header.index("Text recognised (OCR)")
    assert [r[column] for r in table.rows] == [f"p. 13: {ocr.engine_version()}"] * 2


def test_without_tesseract_the_app_says_what_ocr_needs(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(ocr, "tessdata", lambda: None)
    project = tmp_path / "p.bap"
    assert main(["new", str(project), "--coder", "Ann"]) == 0
    assert main(["import", str(project), str(demo_dir() / "13-breda.pdf")]) == 0  # auto: imports, says so once
    out = capsys.readouterr().out
    assert out.count("tesseract-ocr-nld") == 1 and "brew install tesseract" in out and "Windows" in out
    assert main(["import", str(project), str(demo_dir() / "14-apeldoorn.pdf"), "--ocr", "force"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "tesseract-ocr-nld" in err[0]
    assert main(["ocr", str(project), "--doc", "Breda"]) == 2
    assert "Tesseract" in capsys.readouterr().err
    with Project.open(project, readonly=True) as p:
        assert [d.file_name for d in list_documents(p)] == ["13-breda.pdf"]  # force imported nothing


@needs_tesseract
def test_a_page_tesseract_fails_on_keeps_its_text_and_the_import_goes_on(tmp_path, monkeypatch):
    def broken(page):
        raise RuntimeError("code=2: cannot read image")

    monkeypatch.setattr(ocr, "recognise_page", broken)
    project = Project.create(tmp_path / "p.bap")
    try:
        result = importer.import_pdf(project, demo_dir() / "13-breda.pdf", ocr="auto")
        assert result.status == "imported"
        assert "13-breda.pdf: text could not be recognised on p. 13: code=2: cannot read image" in result.warnings
        assert [p.index for p in result.document.pages if not p.has_text] == [14]
    finally:
        project.close()


def test_a_poster_sized_page_is_recognised_below_300_dpi():
    doc = pymupdf.open()
    doc.new_page(width=595, height=842)
    doc.new_page(width=14400, height=14400)  # the largest page PDF allows: 5 m square
    a4, poster = doc.load_page(0), doc.load_page(1)
    assert ocr.page_dpi(a4) == 300
    assert ocr.page_dpi(poster) == 50  # 10,000 pixels a side at most
