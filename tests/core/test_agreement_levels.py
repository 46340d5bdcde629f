"""Agreement at every level on three coders' merged copies of the demo project, hand-checked."""
from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

from burgerannotator.core import codebook, segments
from burgerannotator.core.agreement.levels import agreement
from burgerannotator.core.agreement.segment_level import overlap_share
from burgerannotator.core.agreement.xlsx_export import write_agreement_xlsx
from burgerannotator.core.coders import find_coder, get_or_create_coder
from burgerannotator.core.documents import layout, list_documents
from burgerannotator.core.errors import UserError
from burgerannotator.core.merge import merge_project
from burgerannotator.core.scales import find_scale, set_scale_value
from burgerannotator.core.store import Project, copy_project

X, Y, Z = "MECH-BURGERBERAAD", "MECH-DIGITAAL", "MECH-BUURTBUDGET"
# coder: [(code, document index, first word, last word)]
PLAN = {
    "A": [(X, 0, 10, 19), (X, 1, 30, 39), (X, 2, 50, 59), (Y, 0, 100, 109)],
    "B": [(X, 0, 10, 19), (X, 1, 30, 34), (X, 3, 50, 59), (Y, 0, 100, 109)],
    "C": [(X, 0, 10, 19), (X, 4, 50, 59)],
}
SCALE = {"A": {0: 1, 1: 2, 2: 3}, "B": {0: 1, 1: 2, 2: 3, 3: 2}}
AB = dict(coders="A,B", codes=[X, Y, Z])


@pytest.fixture(scope="module")
def project(_demo_master, tmp_path_factory):
    """Three coders code their own copies; the copies are merged into the main project."""
    folder = tmp_path_factory.mktemp("levels")
    main = folder / "main.bap"
    shutil.copyfile(_demo_master, main)
    for name, plan in PLAN.items():
        copy_project(main, folder / f"{name}.bap")
        with Project.open(folder / f"{name}.bap") as copy:
            coder = get_or_create_coder(copy, name)
            docs = list_documents(copy)
            for code_id, d, first, last in plan:
                span = layout(copy, docs[d]).span_of_words(first, last)
                segments.create_segment(copy, docs[d], codebook.find_code(copy, code_id), coder, span.start, span.end)
            for d, value in SCALE.get(name, {}).items():
                set_scale_value(copy, docs[d], find_scale(copy, "DIEPGANG"), coder, value)
    p = Project.open(main)
    for name in PLAN:
        assert merge_project(p, folder / f"{name}.bap").segments_added == len(PLAN[name])
    yield p
    p.close()


def _segs(project, coder, code):
    return segments.segments(project, coder=find_coder(project, coder), code=codebook.find_code(project, code))


def test_document_level_two_coders_by_hand(project):
    r = agreement(project, levels="document", uncoded_documents="absent", **AB)
    x = r.row("document", code_id=X).stats
    # X present: A in documents 0,1,2; B in 0,1,3; 14 documents -> 2 both, 1+1 one, 10 neither
    assert x["percent_agreement"].value == pytest.approx(12 / 14)
    assert x["cohen_kappa"].value == pytest.approx(38 / 66)  # po 12/14, pe 130/196
    assert x["brennan_prediger"].value == pytest.approx(2 * 12 / 14 - 1)
    assert x["krippendorff_alpha"].value == pytest.approx(1 - (4 / 28) / (2 * 6 * 22 / (28 * 27)))
    assert x["fleiss_kappa"].defined and x["gwet_ac1"].defined
    assert r.row("document", code_id=Y).stats["cohen_kappa"].value == pytest.approx(1.0)
    z = r.row("document", code_id=Z).stats  # nobody coded Z: chance-corrected values are undefined, not 0 or 1
    assert z["percent_agreement"].value == 1.0
    for key in ("cohen_kappa", "fleiss_kappa", "krippendorff_alpha"):
        assert z[key].value is None and z[key].reason and z[key].text() == "undefined"
    first = list_documents(project)[0]
    d0 = r.row("document", document=first.uuid)
    assert d0.stats["percent_agreement"].value == 1.0 and d0.counts == {"units": 2, "present": 2, "unanimous": 2}
    # nobody used Z: the overall row pools X and Y (28 units), the all-codes row keeps Z's unanimous zeros
    assert r.excluded_codes == [Z]
    overall = r.overall("document")
    assert overall.counts["units"] == 28 and overall.stats["percent_agreement"].value == pytest.approx(26 / 28)
    every = [row for row in r.level_rows("document", "overall") if row.all_codes]
    assert len(every) == 1 and every[0].label == "Overall (all codes)"
    assert every[0].counts["units"] == 42 and every[0].stats["percent_agreement"].value == pytest.approx(40 / 42)
    assert d0.counts["units"] == 2  # per-document rows pool the used codes too


def test_document_level_three_coders(project):
    r = agreement(project, coders=["A", "B", "C"], codes=[X], levels=["document"], uncoded_documents="absent")
    x = r.row("document", code_id=X)
    assert x.stats["cohen_kappa"].value is None and "two coders" in x.stats["cohen_kappa"].reason
    assert set(x.pairs) == {"A | B", "A | C", "B | C"}
    assert x.pairs["A | B"]["cohen_kappa"].value == pytest.approx(38 / 66)
    # units (A,B,C): doc0 111, doc1 110, doc2 100, doc3 010, doc4 001, 9 x 000; 8 ones, 34 zeros
    assert x.stats["krippendorff_alpha"].value == pytest.approx(1 - (8 / 42) / (2 * 8 * 34 / (42 * 41)))
    # pairwise: 10 unanimous units agree in 3 of 3 pairs, the 4 split ones in 1 of 3
    assert x.stats["percent_agreement"].value == pytest.approx((10 + 4 / 3) / 14)


def test_default_coders_are_the_human_coders_who_coded(project):
    get_or_create_coder(project, "Idle")  # has coded nothing: would only add disagreements
    r = agreement(project, levels=["document"])
    assert r.coders == ["Demo coder A", "Demo coder B", "A", "B", "C"]
    assert len(r.codes) == len(codebook.leaf_codes(project))


def test_segment_level_overlap_share(project):
    a1, b1 = _segs(project, "A", X)[1], _segs(project, "B", X)[1]
    share = float(overlap_share(a1.start, a1.end, b1.start, b1.end))
    assert share == pytest.approx((b1.end - b1.start) / (a1.end - a1.start))  # B's span lies inside A's
    strict = agreement(project, levels="segment", overlap=0.9, **AB).row("segment", code_id=X)
    assert strict.counts == {"segments": 6, "agree": 2, "disagree": 4}
    assert strict.stats["percent_agreement"].value == pytest.approx(2 / 6)
    loose = agreement(project, levels="segment", overlap=share - 0.01, **AB).row("segment", code_id=X)
    assert loose.counts == {"segments": 6, "agree": 4, "disagree": 2}
    none = agreement(project, levels="segment", **AB).row("segment", code_id=Z).stats["percent_agreement"]
    assert none.value is None and "no segments" in none.reason
    with pytest.raises(UserError):
        agreement(project, levels="segment", overlap=0, **AB)


def test_text_level_character_agreement_by_hand(project):
    r = agreement(project, levels="text", **AB)
    a, b = _segs(project, "A", X), _segs(project, "B", X)
    total = sum(len(d.text) for d in list_documents(project))
    mismatch = (a[1].end - a[1].start) - (b[1].end - b[1].start) + (a[2].end - a[2].start) + (b[2].end - b[2].start)
    y = _segs(project, "A", Y)[0]
    coded = sum(s.end - s.start for s in a) + (b[2].end - b[2].start) + (y.end - y.start)
    x = r.row("text", code_id=X).stats
    assert r.row("text", code_id=X).counts["characters"] == total
    assert x["char_percent"].value == pytest.approx(1 - mismatch / total)
    assert x["char_percent_coded"].value == pytest.approx(1 - mismatch / coded)
    assert x["char_kappa_coded"].value < x["char_kappa"].value < 1
    ys = r.row("text", code_id=Y).stats
    assert ys["char_kappa"].value == pytest.approx(1.0) and ys["unitizing_alpha"].value == pytest.approx(1.0)
    assert 0 < x["unitizing_alpha"].value < 1
    zs = r.row("text", code_id=Z).stats
    assert zs["unitizing_alpha"].value is None and zs["unitizing_alpha"].reason
    assert r.overall("text").stats["unitizing_alpha"].defined


def test_scale_level_ordinal_alpha(project):
    r = agreement(project, levels="scale", **AB)
    row = r.row("scale", code_id="DIEPGANG")
    assert row.stats["krippendorff_alpha"].value == pytest.approx(1.0)
    assert row.counts == {"units": 4, "pairable": 3}
    only_a = agreement(project, levels="scale", coders="A,C").row("scale", code_id="DIEPGANG")
    assert only_a.stats["krippendorff_alpha"].value is None and only_a.stats["krippendorff_alpha"].reason


def test_every_coefficient_at_every_level_for_all_coders(project, tmp_path):
    r = agreement(project, coders="A,B,C")
    assert set(r.rows) == {"document", "segment", "text", "scale"}
    for level, rows in r.rows.items():
        assert rows
        for row in rows:
            for key, stat in row.stats.items():
                if stat.defined:
                    assert -1.0 - 1e-9 <= stat.value <= 1.0 + 1e-9, (level, row.label, key)
                else:
                    assert stat.reason, (level, row.label, key)
    data = json.loads(json.dumps(r.as_dict()))
    assert data["levels"]["document"][0]["stats"]["cohen_kappa"]["defined"] is False
    out = write_agreement_xlsx(r, tmp_path / "agreement.xlsx")
    book = openpyxl.load_workbook(out)
    assert {"About", "Document", "Segment", "Text", "Scale", "Coder pairs"} <= set(book.sheetnames)
    cells = [c.value for row in book["Document"].iter_rows() for c in row]
    assert "undefined" not in cells and X in cells  # an undefined statistic: an empty cell and a reason
    header = [c.value for c in book["Document"][1]]
    first = [c.value for c in book["Document"][2]]
    assert header[-1] == "why undefined" and first[header.index("Cohen's kappa")] is None
    assert first[-1].startswith("Cohen's kappa: ")
    with pytest.raises(UserError):
        write_agreement_xlsx(r, tmp_path / "agreement.csv")


def test_bad_choices_are_user_errors(project):
    with pytest.raises(UserError, match="at least 2 coders"):
        agreement(project, coders="A")
    with pytest.raises(UserError):
        agreement(project, coders="A,Nobody")
    with pytest.raises(UserError, match="level"):
        agreement(project, levels="page")
    cat = agreement(project, codes="MECH", levels="document", coders="A,B")
    assert X in cat.codes and Y in cat.codes and "TERM-BURGERINITIATIEF" not in cat.codes
