"""Issue 15: area segments — a code on a rectangle of a page, counted in the matrix and in
agreement, shown as "[area, p. N]" with its picture in the exports, carried by merges."""
from __future__ import annotations

import zipfile

import pytest

from burgerannotator.cli import main
from burgerannotator.core import codebook
from burgerannotator.core.agreement.coding_data import load_coding
from burgerannotator.core.agreement.levels import agreement
from burgerannotator.core.areas import area_share, create_area, iou
from burgerannotator.core.coders import find_coder
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.documents import find_document
from burgerannotator.core.errors import UserError
from burgerannotator.core.exports.tables import segments_table
from burgerannotator.core.exports.xlsx_writer import write_workbook
from burgerannotator.core.matrix import build_matrices, select_coders
from burgerannotator.core.ops import CodeArea, run
from burgerannotator.core.segments import find_segment, segments, set_bounds
from burgerannotator.core.summary import summarise

SIGNATURES = [60, 120, 420, 460]  # the signature block of Rotterdam p. 26 (a scan, A4: 595 x 842 pt)


def _cell(matrices, measure, city, code_id):
    m = matrices[measure]
    i = next(k for k, r in enumerate(m.rows) if r.label == city)
    j = next(k for k, c in enumerate(m.columns) if c.code_id == code_id)
    return m.value(i, j)


def test_an_area_on_a_scanned_page_is_a_segment_without_text(demo_project):
    rotterdam = find_document(demo_project, "Rotterdam")
    coder = find_coder(demo_project, CODER_A)
    code = codebook.find_code(demo_project, "MECH-COCREATIE")
    seg = create_area(demo_project, rotterdam, 27, [420, 460, 60, 120], code, coder)  # drawn either way
    assert (seg.kind, seg.page_first, seg.page_last, seg.area) == ("area", 27, 27, SIGNATURES)
    assert seg.rects == {"27": [SIGNATURES]}
    page = next(p for p in rotterdam.pages if p.index == 27)
    assert (seg.start, seg.end, seg.quote) == (page.text_start, page.text_start, "")
    assert area_share(seg.area, 595, 842) == pytest.approx(360 * 340 / (595 * 842))
    with pytest.raises(UserError, match="too small"):
        create_area(demo_project, rotterdam, 27, [10, 10, 12, 300], code, coder)
    with pytest.raises(UserError, match="rectangle"):
        set_bounds(demo_project, seg, 0, 10)


def test_an_area_over_text_takes_the_text_inside_it(demo_project):
    haarlem = find_document(demo_project, "Haarlem")
    coder = find_coder(demo_project, CODER_A)
    code = codebook.find_code(demo_project, "MECH-BURGERBERAAD")
    from burgerannotator.core.segments import code_quote

    text_seg = code_quote(demo_project, haarlem, "stellen wij een burger-\nberaad in", code, coder)
    [[x0, y0, x1, y1]] = text_seg.rects[str(text_seg.page_first)][:1]
    area = create_area(demo_project, haarlem, text_seg.page_first, [x0 - 1, y0 - 1, x1 + 1, y1 + 1], code, coder)
    assert area.kind == "area" and area.quote.startswith("stellen wij een burger")
    assert haarlem.text[area.start:area.end] == haarlem.text[text_seg.start:text_seg.start + (area.end - area.start)]


def test_areas_count_in_the_matrix_and_undo_brings_them_back(demo_project):
    rotterdam = find_document(demo_project, "Rotterdam")
    coder = find_coder(demo_project, CODER_A)
    code = codebook.find_code(demo_project, "MECH-COCREATIE")
    sel = select_coders(demo_project, "coder", CODER_A)
    before = build_matrices(demo_project, selection=sel)
    assert _cell(before, "count", "Rotterdam", "MECH-COCREATIE") == 0
    made = run(demo_project, CodeArea(rotterdam.uuid, code.uuid, coder.uuid, 27, tuple(SIGNATURES)))
    after = build_matrices(demo_project, selection=sel)
    assert _cell(after, "presence", "Rotterdam", "MECH-COCREATIE") == 1
    assert _cell(after, "count", "Rotterdam", "MECH-COCREATIE") == 1
    chars = len(rotterdam.text)
    expected = round(area_share(SIGNATURES, 595, 842) * chars / rotterdam.page_count) / chars
    assert _cell(after, "coverage", "Rotterdam", "MECH-COCREATIE") == pytest.approx(expected)
    undone = run(demo_project, made.inverse)  # undo
    assert _cell(build_matrices(demo_project, selection=sel), "count", "Rotterdam", "MECH-COCREATIE") == 0
    run(demo_project, undone.inverse)  # redo
    seg = find_segment(demo_project, made.value)
    assert seg.is_live and seg.kind == "area" and seg.area == SIGNATURES
    assert _cell(build_matrices(demo_project, selection=sel), "count", "Rotterdam", "MECH-COCREATIE") == 1


def test_agreement_on_areas_document_level_and_by_iou(demo_project):
    rotterdam = find_document(demo_project, "Rotterdam")
    a, b = find_coder(demo_project, CODER_A), find_coder(demo_project, CODER_B)
    code = codebook.find_code(demo_project, "MECH-COCREATIE")
    create_area(demo_project, rotterdam, 27, SIGNATURES, code, a)
    near = [62, 121, 420, 458]  # drawn by B a little differently
    assert iou(SIGNATURES, near) == pytest.approx((358 * 337) / (360 * 340))
    create_area(demo_project, rotterdam, 27, near, code, b)

    def rows(report, level):
        return {r.document or r.code_id or "overall": r for r in report.level_rows(level)}

    report = agreement(demo_project, codes=["MECH-COCREATIE"], levels=("document", "segment"), overlap=0.9)
    seg_rows = rows(report, "segment")
    assert seg_rows["MECH-COCREATIE"].counts == {"segments": 2, "agree": 2, "disagree": 0}
    [doc_code] = report.level_rows("document", "code")
    # both coders put the code on Rotterdam (by an area each): every judged document is unanimous
    assert doc_code.counts["present"] == 1 and doc_code.counts["unanimous"] == doc_code.counts["units"] >= 1
    report = agreement(demo_project, codes=["MECH-COCREATIE"], levels=("segment",), overlap=0.99)
    assert rows(report, "segment")["MECH-COCREATIE"].counts == {"segments": 2, "agree": 0, "disagree": 2}
    # the text level ignores areas (no characters to agree on): no segments there
    data = load_coding(demo_project, codes=["MECH-COCREATIE"])
    assert (len(data), int(data.is_area.sum()), len(data.text_only())) == (2, 2, 0)


def test_exports_show_area_label_and_picture(demo_project, tmp_path):
    rotterdam = find_document(demo_project, "Rotterdam")
    coder = find_coder(demo_project, CODER_A)
    code = codebook.find_code(demo_project, "MECH-COCREATIE")
    seg = create_area(demo_project, rotterdam, 27, SIGNATURES, code, coder)
    table = segments_table(demo_project)
    quote = table.header.index("Quote")
    row = next(r for r in table.rows if r[table.header.index("Segment uuid")] == seg.uuid)
    assert row[quote] == "[area, p. 26]"
    summary = summarise(demo_project)
    texts = [q.text for s in summary for c in s.categories for k in c.codes for q in k.quotes]
    assert "[area, p. 26]" in texts
    path = write_workbook(demo_project, tmp_path / "out.xlsx")
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("xl/media/")]
        assert len(media) == 1 and z.read(media[0])[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_area_command(demo_project_path, capsys):
    code = main(["area", str(demo_project_path), "--doc", "Breda", "--page", "13", "--rect", "60,120,420,460",
                 "--code", "MECH-COCREATIE", "--coder", CODER_A])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("Coded MECH-COCREATIE on an area of Breda, p. 13 (")
    assert main(["area", str(demo_project_path), "--doc", "Breda", "--page", "99", "--rect", "1,2,3,4",
                 "--code", "MECH-COCREATIE", "--coder", CODER_A]) == 5
    assert main(["area", str(demo_project_path), "--doc", "Breda", "--page", "13", "--rect", "1,2,3",
                 "--code", "MECH-COCREATIE", "--coder", CODER_A]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 2


def test_merge_carries_areas(demo_project_path, tmp_path):
    import shutil

    from burgerannotator.core.merge import merge_project
    from burgerannotator.core.store import Project

    other = tmp_path / "other.bap"
    shutil.copyfile(demo_project_path, other)
    p = Project.open(other)
    try:
        seg = create_area(p, find_document(p, "Breda"), 14, SIGNATURES, codebook.find_code(p, "MECH-COCREATIE"),
                          find_coder(p, CODER_B))
        uuid = seg.uuid
    finally:
        p.close()
    mine = Project.open(demo_project_path)
    try:
        merge_project(mine, other, conflicts="keep-mine")
        got = [s for s in segments(mine) if s.uuid == uuid]
        assert len(got) == 1 and got[0].kind == "area" and got[0].area == SIGNATURES
    finally:
        mine.close()
