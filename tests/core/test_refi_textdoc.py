"""Plain-text sources become documents the viewer shows: pages drawn by PyMuPDF, the text kept
character for character (so PlainTextSelection offsets are segment offsets), word boxes on the
drawn words; and they go out again as text sources."""
from __future__ import annotations

import zipfile

import pymupdf
from lxml import etree

from burgerannotator.core import refi
from burgerannotator.core.documents import layout, list_documents, pdf_bytes
from burgerannotator.core.refi import textdoc
from burgerannotator.core.segments import segments
from burgerannotator.core.resources import resource_path

USER = "11111111-1111-4111-8111-111111111111"
CODE = "22222222-2222-4222-8222-222222222222"
LINE = "Bewoners  krijgen\tmeer zeggenschap over hun buurt en het budget dat daarbij hoort.\r\n"
TEXT = "Kop\r\n\r\n" + LINE * 120 + "Slotzin met het uitdaagrecht."


def sample(tmp_path):
    start = TEXT.index("uitdaagrecht")
    sel = (f'<PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="{start}" '
           f'endPosition="{start + len("uitdaagrecht")}"><Description>memo</Description>'
           f'<Coding guid="44444444-4444-4444-8444-444444444444" creatingUser="{USER}">'
           f'<CodeRef targetGUID="{CODE}"/></Coding></PlainTextSelection>')
    sel2 = (f'<PlainTextSelection guid="55555555-5555-4555-8555-555555555555" startPosition="7" endPosition="29">'
            f'<Coding guid="66666666-6666-4666-8666-666666666666" creatingUser="{USER}">'
            f'<CodeRef targetGUID="{CODE}"/></Coding></PlainTextSelection>')
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="t"><Users>'
           f'<User guid="{USER}" name="Ann"/></Users><CodeBook><Codes><Code guid="{CODE}" name="Uitdaagrecht" '
           f'isCodable="true" color="#d62728"/></Codes></CodeBook><Sources><TextSource guid="'
           f'77777777-7777-4777-8777-777777777777" name="akkoord.txt" plainTextPath="internal://a.txt">{sel}{sel2}'
           f"</TextSource></Sources></Project>")
    path = tmp_path / "t.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde)
        zf.writestr("sources/a.txt", "\ufeff".encode() + TEXT.encode("utf-8"))
    return path


def test_text_source_becomes_a_document_with_offsets_one_to_one(tmp_path):
    project, report = refi.new_from_qdpx(tmp_path / "p.bap", sample(tmp_path))
    try:
        (doc,) = list_documents(project)
        assert doc.text == TEXT
        assert doc.page_count == 3  # 123 lines, 56 to a page
        pages = sorted(doc.pages, key=lambda p: p.index)
        assert pages[0].text_start == 0 and pages[-1].text_end == len(TEXT)
        assert all(a.text_end == b.text_start for a, b in zip(pages, pages[1:]))
        segs = sorted(segments(project), key=lambda s: s.start)
        start = TEXT.index("uitdaagrecht")
        assert [(s.start, s.end, s.quote, s.memo) for s in segs] == [
            (7, 29, "Bewoners krijgen meer", ""),
            (start, start + 13, "uitdaagrecht.", "memo")]  # a word is what stands between spaces
        assert report.counts["text codings at their exact offsets"] == 1
        assert report.counts["text codings widened to whole words"] == 1
        # the drawn page shows each word inside its box
        pdf = pymupdf.open(stream=pdf_bytes(project, doc))
        lay = layout(project, doc)
        for seg in segs:
            for page, rects in seg.rects.items():
                r = pymupdf.Rect(rects[0])
                drawn = [w[4] for w in pdf[int(page)].get_text("words")
                         if r.contains(pymupdf.Point((w[0] + w[2]) / 2, (w[1] + w[3]) / 2))]
                assert drawn == seg.quote.split()
        assert len(lay) == len(TEXT.split())
    finally:
        project.close()


def test_text_document_goes_out_as_text_source_and_comes_back_the_same(tmp_path):
    project, _ = refi.new_from_qdpx(tmp_path / "p.bap", sample(tmp_path))
    out = tmp_path / "again.qdpx"
    refi.write_qdpx(project, out)
    before = [(d.sha256, d.text) for d in list_documents(project)]
    segs = sorted((s.uuid, s.start, s.end, s.quote) for s in segments(project))
    project.close()
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("project.qde"))
    xsd = etree.XMLSchema(etree.parse(str(resource_path("refi-qda", "Project-mrt2019.xsd"))))
    assert xsd.validate(root), str(xsd.error_log)
    assert len(root.findall(".//{urn:QDA-XML:project:1.0}TextSource")) == 1
    again, _ = refi.new_from_qdpx(tmp_path / "q.bap", out)
    try:
        assert [(d.sha256, d.text) for d in list_documents(again)] == before  # rendering is deterministic
        assert sorted((s.uuid, s.start, s.end, s.quote) for s in segments(again)) == segs
    finally:
        again.close()


def test_layout_wraps_long_lines_and_keeps_every_word():
    font = pymupdf.Font("helv")
    text = ("woord " * 400).strip()
    pages = textdoc.layout(text, font)
    spans = [s for p in pages for s in p.spans]
    assert len(spans) == 400 and all(text[a:b] == "woord" for a, b in spans)
    assert all(textdoc.MARGIN <= b[0] and b[2] <= textdoc.WIDTH - textdoc.MARGIN + 0.01 for p in pages for b in p.boxes)
