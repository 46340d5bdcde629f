"""PDF selections are in the spec's space (PDF points from the MediaBox's lower-left corner,
unrotated): read back with PyMuPDF at those coordinates they hold the quote's words, on
rotated pages and pages with a CropBox too; and they map back to the same words on import."""
from __future__ import annotations

import re
import zipfile

import pymupdf
import pytest
from lxml import etree

from burgerannotator.core import importer, refi
from burgerannotator.core.codebook import add_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.segments import code_quote, segments
from burgerannotator.core.store import Project

NS = {"q": "urn:QDA-XML:project:1.0"}
# (rotation, MediaBox, CropBox or None, the quote coded on that page)
PAGES = [
    (0, "[0 0 595 842]", None, "plain page words here"),
    (90, "[0 0 595 842]", None, "rotated quarter turn"),
    (0, "[10 20 605 862]", "[60 120 560 770]", "cropped page sentence"),
    (270, "[0 0 612 792]", "[36 36 576 756]", "cropped and turned"),
    (180, "[0 0 595 842]", None, "upside down words"),
]


def make_pdf() -> bytes:
    doc = pymupdf.open()
    for i, (_, mediabox, _, quote) in enumerate(PAGES):
        page = doc.new_page(width=595, height=842)
        page.insert_text((100, 300), f"Filler line number {i} before the quote.", fontsize=11)
        page.insert_text((100, 330), f"Then {quote} and more after.", fontsize=11)
        page.insert_text((100, 360), "A last line of filler text.", fontsize=11)
    for page, (rotation, mediabox, cropbox, _) in zip(doc, PAGES):
        doc.xref_set_key(page.xref, "MediaBox", mediabox)
        if cropbox:
            doc.xref_set_key(page.xref, "CropBox", cropbox)
        doc.xref_set_key(page.xref, "Rotate", str(rotation))
    return doc.tobytes()


def box(doc: pymupdf.Document, page: pymupdf.Page, key: str) -> list[float]:
    kind, value = doc.xref_get_key(page.xref, key)
    if kind != "array":
        kind, value = doc.xref_get_key(page.xref, "MediaBox")
    return [float(v) for v in value.strip("[]").split()]


def words_at(doc: pymupdf.Document, number: int, fx: int, fy: int, sx: int, sy: int) -> list[str]:
    """Words whose centre lies in the selection, worked out from the raw /MediaBox and /CropBox."""
    page = doc[number]
    mb, cb = box(doc, page, "MediaBox"), box(doc, page, "CropBox")
    x0, x1 = min(fx, sx) + mb[0], max(fx, sx) + mb[0]  # absolute PDF user space, y up
    y0, y1 = min(fy, sy) + mb[1], max(fy, sy) + mb[1]
    clip = pymupdf.Rect(x0 - cb[0], cb[3] - y1, x1 - cb[0], cb[3] - y0)  # unrotated MuPDF space, y down
    out = []
    for w in page.get_text("words"):  # unrotated coordinates
        cx, cy = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
        if clip.x0 <= cx <= clip.x1 and clip.y0 <= cy <= clip.y1:
            out.append(w[4])
    return out


@pytest.fixture
def coded(tmp_path):
    project = Project.create(tmp_path / "p.bap")
    coder = get_or_create_coder(project, "Anna")
    code = add_code(project, "Marker")
    doc = importer.import_pdf(project, data=make_pdf(), file_name="turns.pdf", coder=coder).document
    for _, _, _, quote in PAGES:
        code_quote(project, doc, quote, code, coder)
    yield project
    project.close()


def test_pdf_selections_hold_the_quote_words_on_rotated_and_cropped_pages(coded, tmp_path):
    out = tmp_path / "turns.qdpx"
    refi.write_qdpx(coded, out)
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        pdf = pymupdf.open(stream=zf.read(f"sources/{root.find('.//q:PDFSource', NS).get('guid')}.pdf"))
    selections = root.findall(".//q:PDFSelection", NS)
    assert len(selections) == len(PAGES)
    for sel in selections:
        page = int(sel.get("page"))
        quote = PAGES[page][3]
        got = words_at(pdf, page, *(int(sel.get(a)) for a in ("firstX", "firstY", "secondX", "secondY")))
        assert got == quote.split(), (page, got)
        assert int(sel.get("firstX")) < int(sel.get("secondX")) and int(sel.get("firstY")) < int(sel.get("secondY"))


def test_pdf_selections_alone_map_back_to_the_same_words(coded, tmp_path):
    out = tmp_path / "turns.qdpx"
    refi.write_qdpx(coded, out)
    original = sorted((s.start, s.end, s.page_first, s.quote) for s in segments(coded))
    # keep only the PDF selections: drop the text representation and its offsets
    with zipfile.ZipFile(out) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(files["project.qde"])
    for rep in root.findall(".//q:PDFSource/q:Representation", NS):
        rep.getparent().remove(rep)
    files["project.qde"] = etree.tostring(root)
    pdf_only = tmp_path / "pdf-only.qdpx"
    with zipfile.ZipFile(pdf_only, "w") as zf:
        for n, data in files.items():
            zf.writestr(n, data)
    project, report = refi.new_from_qdpx(tmp_path / "back.bap", pdf_only)
    try:
        back = sorted((s.start, s.end, s.page_first, s.quote) for s in segments(project))
        assert back == original
        assert report.counts["PDF codings snapped to the words in their rectangle"] == len(PAGES)
    finally:
        project.close()


def test_vendor_selection_is_bottom_left_origin():
    """ATLAS.ti 8.4's export: a selection that continues on the next page sits low on its first page."""
    from support import shared_or_skip

    qde = shared_or_skip("refi-qda", "samples", "atlasti-8.4-mac_refi-standard-project.qde").read_text("utf-8")
    first = re.search(r'<PDFSelection firstX="18" firstY="45"[^>]*secondY="234"[^>]*page="0"', qde)
    assert first is not None  # y 45-234 of an ~842 pt page: the bottom, in a y-up space


def test_area_segments_go_out_as_pdf_selections_and_come_back_as_areas(coded, tmp_path):
    from burgerannotator.core.areas import create_area
    from burgerannotator.core.documents import list_documents

    (doc,) = list_documents(coded)
    code = segments(coded)[0].code
    coder = segments(coded)[0].coder
    blank = create_area(coded, doc, 3, [20, 20, 120, 90], code, coder, memo="a logo")  # turned, cropped, empty
    out = tmp_path / "areas.qdpx"
    refi.write_qdpx(coded, out)
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("project.qde"))
    sel = root.find(f".//q:PDFSelection[@guid='{blank.uuid}']", NS)
    assert sel.get("page") == "3" and sel.find("q:Description", NS).text == "a logo"
    assert root.find(f".//q:PlainTextSelection[@guid='{blank.uuid}']", NS) is None
    project, report = refi.new_from_qdpx(tmp_path / "back.bap", out)
    try:
        back = {s.uuid: s for s in segments(project)}
        area = back[blank.uuid]
        assert area.kind == "area" and area.page_first == 3 and area.memo == "a logo"
        assert all(abs(a - b) <= 1.0 for a, b in zip(area.area, blank.area))  # whole points outward
        assert report.counts["PDF selections kept as areas of their page"] == 1
        assert len(back) == len(PAGES) + 1
    finally:
        project.close()


def test_vendor_representation_with_other_text_is_placed_by_quote(tmp_path):
    """Another tool's text of the PDF differs from ours (line breaks, spacing): its offsets are
    placed by finding the passage, nearest to where it stood."""
    data = make_pdf()
    with pymupdf.open(stream=data) as pdf:
        vendor_text = "\n".join(page.get_text() for page in pdf)  # not our extraction rules
    quote = "cropped page sentence"
    start = vendor_text.index(quote)
    user, code, src = ("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222",
                       "33333333-3333-4333-8333-333333333333")
    qde = (f'<Project xmlns="urn:QDA-XML:project:1.0" name="v"><Users><User guid="{user}" name="Vera"/></Users>'
           f'<CodeBook><Codes><Code guid="{code}" name="C" isCodable="true"/></Codes></CodeBook><Sources>'
           f'<PDFSource guid="{src}" name="turns.pdf" path="internal://{src}.pdf">'
           f'<Representation guid="44444444-4444-4444-8444-444444444444" plainTextPath="internal://r.txt">'
           f'<PlainTextSelection guid="55555555-5555-4555-8555-555555555555" startPosition="{start}" '
           f'endPosition="{start + len(quote)}"><Coding guid="66666666-6666-4666-8666-666666666666" '
           f'creatingUser="{user}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection></Representation>'
           f'</PDFSource></Sources></Project>')
    path = tmp_path / "vendor.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde)
        zf.writestr(f"sources/{src}.pdf", data)
        zf.writestr("sources/r.txt", vendor_text)
    project, report = refi.new_from_qdpx(tmp_path / "p.bap", path)
    try:
        (seg,) = segments(project)
        assert (seg.quote, seg.page_first, seg.coder.name) == (quote, 2, "Vera")
        assert report.counts["text codings placed by their quote"] == 1
    finally:
        project.close()
