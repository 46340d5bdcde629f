"""Exact matrix numbers for a hand-made coder, to kill the mutants of core/matrix.py that
bench/mutation.py matrix showed surviving: every measure, every total, hidden columns,
category spans, row labels, the restricted document list, and the messages for bad input.

Survivors left (mutmut 3.8.1 names, x_<function>__mutmut_N), judged equivalent:
* _aggregate 1 (its ``coverage`` default; every caller passes it), 8 (``S.CODER_ID``: SQL names
  ignore case), 26 (always the union query: same counts, only slower);
* build_matrices 11 (``select_coders(project)``: "all" is its default), 38/39 (the length query in
  lower/upper case: SQL ignores case), 88 (``_aggregate`` without its third argument: the union
  query, same counts, only slower);
* select_coders 49 (``include_consensus=None``), matrix_columns 9 (``include_categories=None``): as falsy
  as False;
* cell_segments 11, 14 (dropping ``Segment.id`` from the order: ties come back in rowid order anyway);
* format_value 8, 14 (``0`` formats as ``0%`` with ``.2g`` too; at exactly 0.1 both give ``0.1%``).
Full run 2026-12-02: 520 mutants, 507 killed (97.5%), the 13 above left. Killed since the rewrite:
Matrix._array's dtype and reshape mutants (the empty matrices below: NumPy alone makes float64 and
flat shapes there), build_matrices 30/31 (the "attributes: none" message), 104 (``break`` for a
coding without a column), _measure 36/48 (a 1-character document).
select_coders 35, 39, 40 (the consensus selection's ``mode`` as None, "XXconsensusXX", "CONSENSUS") are
killed by test_consensus_selection_is_exactly_the_first_consensus_coder (each applied by hand: it fails).
"""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from sqlalchemy import select

from burgerannotator.core import codebook, segments
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document, list_documents
from burgerannotator.core.errors import UserError
from burgerannotator.core.matrix import (CoderSelection, MatrixColumn, build_matrices, build_matrix,
                                         cell_segments, matrix_columns, row_label, select_coders)

H_CHARS, B_CHARS = 44947, 39469  # len(text) of the demo's Haarlem and Breda


@pytest.fixture
def anna(demo_project):
    p = demo_project
    anna = get_or_create_coder(p, "Anna")
    haarlem, breda = find_document(p, "Haarlem"), find_document(p, "Breda")
    assert (len(haarlem.text), len(breda.text)) == (H_CHARS, B_CHARS)
    # offsets snap to whole words: [150, 250) -> [147, 250), [100, 200) -> [96, 211), [180, 300) -> [180, 305),
    # [0, 10) -> [0, 15)
    uit, budget = codebook.find_code(p, "MECH-UITDAAGRECHT"), codebook.find_code(p, "MECH-BUURTBUDGET")
    wijk = codebook.find_code(p, "THEMA-WIJK")
    segments.create_segment(p, haarlem, uit, anna, 150, 250)
    segments.create_segment(p, haarlem, uit, anna, 100, 200)
    segments.create_segment(p, haarlem, budget, anna, 180, 300)
    segments.create_segment(p, breda, uit, anna, 0, 10)
    gone = segments.create_segment(p, breda, wijk, anna, 20, 40)
    segments.delete_segment(p, gone)
    segments.create_segment(p, breda, budget, anna, 50, 90, status="rejected")
    return p, anna, haarlem, breda


def _rc(m, doc, code_id):
    return (next(i for i, r in enumerate(m.rows) if r.document_id == doc.id),
            next(j for j, c in enumerate(m.columns) if c.code_id == code_id))


def test_all_measures_exact(anna):
    p, coder, haarlem, breda = anna
    sel = select_coders(p, "coder", "Anna")
    ms = build_matrices(p, selection=sel)
    assert list(ms) == ["presence", "count", "coverage"]
    total = sum(len(d.text) for d in list_documents(p))
    hu, hb = _rc(ms["count"], haarlem, "MECH-UITDAAGRECHT")[0], _rc(ms["count"], breda, "MECH-UITDAAGRECHT")[0]
    cu, cb = _rc(ms["count"], haarlem, "MECH-UITDAAGRECHT")[1], _rc(ms["count"], haarlem, "MECH-BUURTBUDGET")[1]
    cw = _rc(ms["count"], haarlem, "THEMA-WIJK")[1]

    pres = ms["presence"]
    assert pres.values.dtype == np.int64 and pres.shape == (14, 26)
    assert (pres.value(hu, cu), pres.value(hu, cb), pres.value(hb, cu), pres.value(hb, cb), pres.value(hb, cw)) == (1, 1, 1, 0, 0)
    assert int(pres.values.sum()) == 3
    assert (int(pres.row_totals[hu]), int(pres.row_totals[hb])) == (2, 1)
    assert (int(pres.column_totals[cu]), int(pres.column_totals[cb]), int(pres.column_totals[cw])) == (2, 1, 0)
    assert pres.grand_total == 3.0 and pres.segment_total == 4

    cnt = ms["count"]
    assert (cnt.value(hu, cu), cnt.value(hu, cb), cnt.value(hb, cu), cnt.value(hb, cb)) == (2, 1, 1, 0)
    assert (int(cnt.row_totals[hu]), int(cnt.row_totals[hb])) == (3, 1)
    assert (int(cnt.column_totals[cu]), int(cnt.column_totals[cb])) == (3, 1)
    assert cnt.grand_total == 4.0 and cnt.segment_total == 4
    assert type(cnt.grand_total) is float

    cov = ms["coverage"]
    assert cov.values.dtype == np.float64
    assert cov.value(hu, cu) == 154 / H_CHARS  # [147, 250) + [96, 211): overlap counted once
    assert cov.value(hu, cb) == 125 / H_CHARS
    assert cov.value(hb, cu) == 15 / B_CHARS
    assert cov.value(hb, cb) == 0.0 and cov.value(hb, cw) == 0.0
    assert cov.row_totals[hu] == 209 / H_CHARS  # [96, 305)
    assert cov.row_totals[hb] == 15 / B_CHARS
    assert cov.column_totals[cu] == pytest.approx(169 / total, rel=1e-12)
    assert cov.column_totals[cb] == pytest.approx(125 / total, rel=1e-12)
    assert cov.grand_total == pytest.approx(224 / total, rel=1e-12)
    assert cov.segment_total == 4
    assert [r.characters for r in cov.rows] == [len(d.text) for d in list_documents(p)]
    assert cov.categories == [("Mechanismen", "#888888", 13), ("Terminologie", "#888888", 7),
                              ("Motieven en thema's", "#888888", 6)]
    assert (cov.measure, cov.by, cov.selection) == ("coverage", "city", sel)


def test_single_measures_agree_without_coverage_query(anna):
    p, coder, haarlem, breda = anna
    sel = select_coders(p, "coder", "Anna")
    cnt = build_matrix(p, "count", sel)
    r, c = _rc(cnt, haarlem, "MECH-UITDAAGRECHT")
    assert cnt.value(r, c) == 2 and cnt.segment_total == 4
    assert list(build_matrices(p, ("count", "presence"), sel)) == ["count", "presence"]


def test_hide_empty_and_category_spans(anna):
    p, coder, haarlem, breda = anna
    sel = select_coders(p, "coder", "Anna")
    m = build_matrix(p, "count", sel, hide_empty=True)
    assert [c.code_id for c in m.columns] == ["MECH-UITDAAGRECHT", "MECH-BUURTBUDGET"]
    assert m.categories == [("Mechanismen", "#888888", 2)]
    assert m.shape == (14, 2)
    r = _rc(m, haarlem, "MECH-UITDAAGRECHT")[0]
    assert m.values[r].tolist() == [2, 1]
    cov = build_matrix(p, "coverage", sel, hide_empty=True)
    assert cov.values[r].tolist() == [154 / H_CHARS, 125 / H_CHARS]


def test_hide_empty_by_coder_keeps_every_coder_of_a_used_code(anna):
    p, coder, haarlem, breda = anna
    demo = [c for c in select_coders(p, "all").coders if c.name != "Anna"]
    sel = CoderSelection("by-coder", (coder, demo[0]))
    assert sel.description == "coders side by side"
    m = build_matrix(p, "count", sel, hide_empty=True, documents=[haarlem, breda])
    names = [(c.code_id, c.coder_name) for c in m.columns]
    assert ("MECH-UITDAAGRECHT", "Anna") in names and ("MECH-UITDAAGRECHT", demo[0].name) in names
    assert ("MECH-BUURTBUDGET", demo[0].name) in names
    assert len(names) == 2 * len({n for n, _ in names})
    j = names.index(("MECH-UITDAAGRECHT", "Anna"))
    assert m.columns[j].header == "MECH-UITDAAGRECHT (Anna)"
    assert m.columns[j].coder_id == coder.id and m.columns[j].coder_uuid == coder.uuid
    assert m.values[:, j].tolist() == [2, 1]
    k = names.index(("MECH-BUURTBUDGET", "Anna"))
    assert m.values[:, k].tolist() == [1, 0]


def test_documents_subset_and_row_labels(anna):
    p, coder, haarlem, breda = anna
    sel = select_coders(p, "coder", "Anna")
    m = build_matrix(p, "coverage", sel, documents=[breda])
    assert [(r.label, r.file_name, r.characters, r.document_id, r.document_uuid) for r in m.rows] == [
        ("Breda", "13-breda.pdf", B_CHARS, breda.id, breda.uuid)]
    c = _rc(m, breda, "MECH-UITDAAGRECHT")[1]
    assert m.value(0, c) == 15 / B_CHARS
    assert m.row_totals.tolist() == [15 / B_CHARS]
    assert m.column_totals[c] == 15 / B_CHARS
    assert m.grand_total == 15 / B_CHARS
    assert m.segment_total == 1
    by_rank = build_matrix(p, "count", sel, by="rank", documents=[haarlem, breda])
    assert [r.label for r in by_rank.rows] == ["11", "13"]
    assert [r.label for r in build_matrix(p, "count", sel, by="", documents=[breda]).rows] == ["Breda"]
    assert row_label(breda, "nothing") == "Breda"
    breda.attributes = {**breda.attributes, "rank": ""}
    assert row_label(breda, "rank") == "Breda"
    assert row_label(haarlem, "rank") == "11"


def test_bad_input_messages(anna):
    p, coder, haarlem, breda = anna
    with pytest.raises(UserError) as err:
        build_matrix(p, "share")
    assert str(err.value) == "Unknown measure 'share' (use presence, count or coverage)."
    with pytest.raises(UserError) as err:
        build_matrix(p, "count", by="region")
    assert str(err.value) == "No document has the attribute 'region' (attributes: city, rank, title, period, parties)."


def test_nobody_selected_gives_zeros(anna):
    p, coder, haarlem, breda = anna
    nobody = CoderSelection("all", ())
    assert nobody.description == "all coders (none yet)" and nobody.coder_ids == ()
    m = build_matrix(p, "coverage", nobody)
    assert m.segment_total == 0 and float(m.values.sum()) == 0.0 and m.grand_total == 0.0
    assert cell_segments(p, m, 0, 0) == []
    cols = matrix_columns(p, nobody)
    assert len(cols) == 26 and all(c.coder_id is None for c in cols)


def test_columns_carry_category_or_own_colour(anna):
    p, *_ = anna
    cols = matrix_columns(p, select_coders(p, "coder", "Anna"))
    first = cols[0]
    assert isinstance(first, MatrixColumn)
    assert (first.code_id, first.name, first.color, first.category, first.category_id, first.category_color,
            first.header) == ("MECH-UITDAAGRECHT", "Uitdaagrecht", "#d62728", "Mechanismen", "MECH", "#888888",
                              "MECH-UITDAAGRECHT")
    assert [c.category_id for c in cols].count("THEMA") == 6


def test_defaults_and_a_document_without_text(anna):
    p, coder, haarlem, breda = anna
    m = build_matrix(p)
    assert (m.measure, m.by, m.selection.mode) == ("presence", "city", "all")
    # a document the project has no text for (0 characters): its shares are 0, not 1 or missing
    empty = SimpleNamespace(id=10**6, uuid="leeg", label="Leeg", file_name="leeg.pdf", attributes={"city": "Leeg"})
    cov = build_matrix(p, "coverage", select_coders(p, "coder", "Anna"), documents=[empty, breda])
    assert cov.rows[0].characters == 0
    assert cov.values[0].tolist() == [0.0] * 26
    assert cov.row_totals.tolist() == [0.0, 15 / B_CHARS]
    assert cov.grand_total == 15 / B_CHARS


def test_cell_segments_order_and_only_live(anna):
    p, coder, haarlem, breda = anna
    uit = codebook.find_code(p, "MECH-UITDAAGRECHT")
    segments.create_segment(p, haarlem, uit, coder, 180, 200)  # snaps to [180, 205): ends before the others
    segments.create_segment(p, haarlem, uit, coder, 96, 150)  # same start as [96, 211), shorter
    sel = select_coders(p, "coder", "Anna")
    m = build_matrix(p, "count", sel)
    r, c = _rc(m, haarlem, "MECH-UITDAAGRECHT")
    got = [(s.start, s.end) for s in cell_segments(p, m, r, c)]
    assert [s for s, _ in got] == [96, 96, 147, 180]
    assert got[0][1] < got[1][1] == 211 and got[2][1] == 250
    rb, cb = _rc(m, breda, "MECH-BUURTBUDGET")
    assert cell_segments(p, m, rb, cb) == []  # only a rejected coding there
    rw, cw = _rc(m, breda, "THEMA-WIJK")
    assert cell_segments(p, m, rw, cw) == []  # only a deleted one


def test_only_text_less_documents_give_zero_totals(anna):
    p, *_ = anna
    empty = SimpleNamespace(id=10**6, uuid="leeg", label="Leeg", file_name="leeg.pdf", attributes={"city": "Leeg"})
    cov = build_matrix(p, "coverage", select_coders(p, "coder", "Anna"), documents=[empty])
    assert cov.column_totals.tolist() == [0.0] * 26
    assert cov.grand_total == 0.0 and type(cov.grand_total) is float


def test_consensus_selection_is_exactly_the_first_consensus_coder(demo_project):
    """select_coders 35/39/40: the consensus selection's mode string and its one coder."""
    from burgerannotator.core.coders import CONSENSUS_NAME, consensus_coder
    from burgerannotator.core.models import Coder

    p = demo_project
    humans = select_coders(p, "all").coders
    first = consensus_coder(p)
    with p.transaction() as s:
        second = Coder(name="Consensus 2", is_consensus=True)  # e.g. merged in from another copy
        s.add(second)
    sel = select_coders(p, "consensus")
    assert sel.mode == "consensus"
    assert sel == CoderSelection("consensus", (first,))
    assert sel.coder_ids == (first.id,) and first.id < second.id
    assert sel.description == CONSENSUS_NAME
    # the consensus coders count only in the consensus selection
    assert select_coders(p, "all") == CoderSelection("all", humans)
    assert select_coders(p, "by-coder") == CoderSelection("by-coder", humans)
    assert [c.name for c in humans] == ["Demo coder A", "Demo coder B"]


# --- the NumPy arrays made on first read (Matrix._array), matrix_columns, build_matrices per coder choice ---

ALL_CODES = 26


@pytest.mark.parametrize("measure, dtype", [("presence", np.int64), ("count", np.int64), ("coverage", np.float64)])
def test_arrays_exact_dtype_shape_values_and_made_once(anna, measure, dtype):
    p, coder, haarlem, breda = anna
    m = build_matrix(p, measure, select_coders(p, "coder", "Anna"), documents=[haarlem, breda])
    cu, cb = _rc(m, haarlem, "MECH-UITDAAGRECHT")[1], _rc(m, haarlem, "MECH-BUURTBUDGET")[1]
    assert (cu, cb) == (0, 2)
    want_h = {"presence": [1, 0, 1], "count": [2, 0, 1], "coverage": [154 / H_CHARS, 0.0, 125 / H_CHARS]}[measure]
    want_b = {"presence": [1, 0, 0], "count": [1, 0, 0], "coverage": [15 / B_CHARS, 0.0, 0.0]}[measure]
    zero = 0.0 if measure == "coverage" else 0
    for name, shape in (("values", (2, ALL_CODES)), ("row_totals", (2,)), ("column_totals", (ALL_CODES,))):
        a = getattr(m, name)
        assert a.dtype == dtype and a.dtype.type is dtype and a.shape == shape and a.ndim == len(shape)
        assert getattr(m, name) is a  # made once, then kept
    assert m.values.tolist() == [want_h + [zero] * 23, want_b + [zero] * 23]
    assert m.values.tolist() == m.cells
    assert m.row_totals.tolist() == {"presence": [2, 1], "count": [3, 1],
                                     "coverage": [209 / H_CHARS, 15 / B_CHARS]}[measure]
    col = m.column_totals.tolist()
    if measure == "coverage":
        assert col[:3] == [169 / (H_CHARS + B_CHARS), 0.0, 125 / (H_CHARS + B_CHARS)] and col[3:] == [0.0] * 23
    else:
        assert col == {"presence": [2, 0, 1], "count": [3, 0, 1]}[measure] + [0] * 23
    assert m.values is not m.row_totals and m.row_totals is not m.column_totals
    assert sorted(m._arrays) == ["column_totals", "row_totals", "values"]


@pytest.mark.parametrize("measure, dtype", [("presence", np.int64), ("count", np.int64), ("coverage", np.float64)])
def test_empty_matrices_keep_their_dtype_and_shape(anna, measure, dtype):
    """No rows (no documents) and no columns (every column hidden): NumPy would guess float64 and a flat shape."""
    p, coder, haarlem, breda = anna
    no_rows = build_matrix(p, measure, select_coders(p, "coder", "Anna"), documents=[])
    assert (no_rows.values.shape, no_rows.row_totals.shape, no_rows.column_totals.shape) == ((0, ALL_CODES), (0,),
                                                                                            (ALL_CODES,))
    assert (no_rows.values.dtype, no_rows.row_totals.dtype, no_rows.column_totals.dtype) == (dtype, dtype, dtype)
    assert no_rows.column_totals.tolist() == [0] * ALL_CODES and no_rows.grand_total == 0.0
    nobody = build_matrix(p, measure, CoderSelection("coder", (get_or_create_coder(p, "Niemand"),)), hide_empty=True)
    assert nobody.columns == [] and nobody.categories == []
    assert (nobody.values.shape, nobody.row_totals.shape, nobody.column_totals.shape) == ((14, 0), (14,), (0,))
    assert (nobody.values.dtype, nobody.row_totals.dtype, nobody.column_totals.dtype) == (dtype, dtype, dtype)
    assert nobody.row_totals.tolist() == [0] * 14 and nobody.segment_total == 0


def _nested_and_top_level(p):
    uit = codebook.find_code(p, "MECH-UITDAAGRECHT")
    sub = codebook.add_code(p, "Wijkrecht", parent=uit)  # a code under a code: its category is still MECH
    top = codebook.add_code(p, "Overig", color="#123456")  # a top-level code: no category, its own colour
    return uit, sub, top


def test_matrix_columns_nested_and_top_level_codes(anna):
    p, coder, haarlem, breda = anna
    uit, sub, top = _nested_and_top_level(p)
    cols = matrix_columns(p, select_coders(p, "coder", "Anna"))
    assert len(cols) == ALL_CODES + 2
    assert [c.code_id for c in cols[:3]] == ["MECH-UITDAAGRECHT", "MECH-WIJKRECHT", "MECH-BURGERBERAAD"]
    assert [c.category_id for c in cols] == ["MECH"] * 14 + ["TERM"] * 7 + ["THEMA"] * 6 + [""]
    s, t = cols[1], cols[-1]
    assert (s.code_db_id, s.code_uuid, s.code_id, s.name, s.color, s.category, s.category_id, s.category_color,
            s.coder_id, s.coder_uuid, s.coder_name) == (sub.id, sub.uuid, "MECH-WIJKRECHT", "Wijkrecht", "#d62728",
                                                        "Mechanismen", "MECH", "#888888", None, None, None)
    assert (t.code_db_id, t.code_uuid, t.code_id, t.name, t.color, t.category, t.category_id, t.category_color,
            t.coder_id, t.coder_uuid, t.coder_name, t.header) == (top.id, top.uuid, "OVERIG", "Overig", "#123456",
                                                                  "", "", "#123456", None, None, None, "OVERIG")
    m = build_matrix(p, "count", select_coders(p, "coder", "Anna"))
    assert m.categories == [("Mechanismen", "#888888", 14), ("Terminologie", "#888888", 7),
                            ("Motieven en thema's", "#888888", 6), ("", "#123456", 1)]


def test_matrix_columns_side_by_side_in_selection_order(anna):
    p, anna_coder, haarlem, breda = anna
    bram = get_or_create_coder(p, "Bram")
    for sel in (CoderSelection("by-coder", (bram, anna_coder)), CoderSelection("all", (bram, anna_coder))):
        cols = matrix_columns(p, sel)
        if sel.mode == "all":  # pooled: one column per code, no coder
            assert len(cols) == ALL_CODES and {(c.coder_id, c.coder_uuid, c.coder_name) for c in cols} == {
                (None, None, None)}
            continue
        assert len(cols) == 2 * ALL_CODES
        assert [(c.code_id, c.coder_name) for c in cols[:4]] == [
            ("MECH-UITDAAGRECHT", "Bram"), ("MECH-UITDAAGRECHT", "Anna"),
            ("MECH-BURGERBERAAD", "Bram"), ("MECH-BURGERBERAAD", "Anna")]
        assert [(c.coder_id, c.coder_uuid) for c in cols[:2]] == [(bram.id, bram.uuid), (anna_coder.id, anna_coder.uuid)]
        assert [c.header for c in cols[:2]] == ["MECH-UITDAAGRECHT (Bram)", "MECH-UITDAAGRECHT (Anna)"]
        assert (cols[0].category, cols[0].category_id, cols[0].category_color, cols[0].color) == (
            "Mechanismen", "MECH", "#888888", "#d62728")


def _two_coders(anna):
    p, anna_coder, haarlem, breda = anna
    bram = get_or_create_coder(p, "Bram")
    uit = codebook.find_code(p, "MECH-UITDAAGRECHT")
    segments.create_segment(p, haarlem, uit, bram, 150, 250)  # -> [147, 250), inside Anna's union
    segments.create_segment(p, breda, codebook.find_code(p, "THEMA-WIJK"), bram, 400, 420)
    return bram


def test_build_matrices_side_by_side_exact(anna):
    p, anna_coder, haarlem, breda = anna
    bram = _two_coders(anna)
    sel = CoderSelection("by-coder", (anna_coder, bram))
    ms = build_matrices(p, selection=sel, documents=[haarlem, breda])
    cnt = ms["count"]
    head = [c.header for c in cnt.columns]
    ua, ub = head.index("MECH-UITDAAGRECHT (Anna)"), head.index("MECH-UITDAAGRECHT (Bram)")
    ba, bb = head.index("MECH-BUURTBUDGET (Anna)"), head.index("MECH-BUURTBUDGET (Bram)")
    wa, wb = head.index("THEMA-WIJK (Anna)"), head.index("THEMA-WIJK (Bram)")
    assert (ua, ub) == (0, 1) and len(head) == 2 * ALL_CODES
    assert [[row[j] for j in (ua, ub, ba, bb, wa, wb)] for row in cnt.cells] == [[2, 1, 1, 0, 0, 0], [1, 0, 0, 0, 0, 1]]
    assert cnt.row_sums == [4, 2] and sum(cnt.column_sums) == 6 and cnt.segment_total == 6
    assert [cnt.column_sums[j] for j in (ua, ub, ba, bb, wa, wb)] == [3, 1, 1, 0, 0, 1]
    pres = ms["presence"]
    assert pres.row_sums == [3, 2] and pres.grand_total == 5.0
    cov = ms["coverage"]
    wlen = cov.cells[1][wb] * B_CHARS
    assert [cov.cells[0][j] for j in (ua, ub, ba)] == [154 / H_CHARS, 103 / H_CHARS, 125 / H_CHARS]
    assert cov.row_sums[0] == 209 / H_CHARS  # Bram's span adds nothing to the row's union
    assert round(wlen) in range(20, 30) and cov.row_sums[1] == (15 + round(wlen)) / B_CHARS
    assert cov.grand_total == (209 + 15 + round(wlen)) / (H_CHARS + B_CHARS)
    hidden = build_matrix(p, "count", sel, hide_empty=True, documents=[haarlem, breda])
    assert [c.header for c in hidden.columns] == [
        "MECH-UITDAAGRECHT (Anna)", "MECH-UITDAAGRECHT (Bram)", "MECH-BUURTBUDGET (Anna)", "MECH-BUURTBUDGET (Bram)",
        "THEMA-WIJK (Anna)", "THEMA-WIJK (Bram)"]
    assert hidden.cells == [[2, 1, 1, 0, 0, 0], [1, 0, 0, 0, 0, 1]]
    assert hidden.categories == [("Mechanismen", "#888888", 4), ("Motieven en thema's", "#888888", 2)]


def test_build_matrices_pooled_and_single_coder_exact(anna):
    p, anna_coder, haarlem, breda = anna
    bram = _two_coders(anna)
    pooled = build_matrices(p, selection=CoderSelection("all", (anna_coder, bram)), documents=[haarlem, breda])
    cnt = pooled["count"]
    j = {c.code_id: i for i, c in enumerate(cnt.columns)}
    pick = (j["MECH-UITDAAGRECHT"], j["MECH-BUURTBUDGET"], j["THEMA-WIJK"])
    assert len(cnt.columns) == ALL_CODES and all(c.coder_id is None for c in cnt.columns)
    assert [[row[k] for k in pick] for row in cnt.cells] == [[3, 1, 0], [1, 0, 1]]
    assert cnt.row_sums == [4, 2] and cnt.segment_total == 6
    cov = pooled["coverage"]
    assert cov.cells[0][pick[0]] == 154 / H_CHARS  # Bram's span lies inside Anna's union: counted once
    assert cov.row_sums[0] == 209 / H_CHARS
    only_bram = build_matrices(p, ("count", "coverage"), CoderSelection("coder", (bram,)), documents=[haarlem, breda],
                               hide_empty=True)
    assert [c.code_id for c in only_bram["count"].columns] == ["MECH-UITDAAGRECHT", "THEMA-WIJK"]
    assert only_bram["count"].cells == [[1, 0], [0, 1]]
    assert only_bram["coverage"].cells[0] == [103 / H_CHARS, 0.0]
    assert only_bram["coverage"].row_sums[0] == 103 / H_CHARS


def test_build_matrices_consensus_counts_only_the_consensus_coder(anna):
    from burgerannotator.core.coders import consensus_coder

    p, anna_coder, haarlem, breda = anna
    cons = consensus_coder(p)
    segments.create_segment(p, breda, codebook.find_code(p, "MECH-BUURTBUDGET"), cons, 50, 90)
    sel = select_coders(p, "consensus")
    m = build_matrix(p, "count", sel, hide_empty=True, documents=[haarlem, breda])
    assert [c.code_id for c in m.columns] == ["MECH-BUURTBUDGET"]
    assert m.cells == [[0], [1]] and m.segment_total == 1 and m.columns[0].coder_id is None


def test_area_segments_add_their_page_share_to_coverage_only(anna):
    from burgerannotator.core.areas import create_area

    p, coder, haarlem, breda = anna
    page = haarlem.pages[0]
    assert page.index == 0
    uit = codebook.find_code(p, "MECH-UITDAAGRECHT")
    create_area(p, haarlem, 0, [0, 0, page.width / 2, page.height], uit, coder)  # half of page 1
    eq = int(round(0.5 * H_CHARS / haarlem.page_count))
    assert eq > 100
    sel = select_coders(p, "coder", "Anna")
    for ms in (build_matrices(p, selection=sel, documents=[haarlem, breda]),
               {"coverage": build_matrix(p, "coverage", sel, documents=[haarlem, breda])}):
        cov = ms["coverage"]
        assert cov.cells[0][:3] == [(154 + eq) / H_CHARS, 0.0, 125 / H_CHARS]
        assert cov.row_sums == [(209 + eq) / H_CHARS, 15 / B_CHARS]
        assert cov.column_sums[0] == (169 + eq) / (H_CHARS + B_CHARS)
        assert cov.grand_total == (224 + eq) / (H_CHARS + B_CHARS)
    cnt = build_matrices(p, ("count", "presence"), sel, documents=[haarlem, breda])
    assert cnt["count"].cells[0][:3] == [3, 0, 1] and cnt["count"].segment_total == 5
    assert cnt["presence"].cells[0][:3] == [1, 0, 1]


def test_no_document_has_any_attribute_says_none(anna):
    p, *_ = anna
    bare = SimpleNamespace(id=10**6, uuid="kaal", label="Kaal", file_name="kaal.pdf", attributes=None)
    with pytest.raises(UserError) as err:
        build_matrix(p, "count", select_coders(p, "coder", "Anna"), documents=[bare])
    assert str(err.value) == "No document has the attribute 'city' (attributes: none)."
    m = build_matrix(p, "count", select_coders(p, "coder", "Anna"), by="", documents=[bare])
    assert [r.label for r in m.rows] == ["Kaal"] and m.cells == [[0] * ALL_CODES]


def test_a_one_character_document_is_fully_covered(anna):
    """_measure 36/48: a row of 1 character divides too (``n > 0``, not ``n > 1``)."""
    from burgerannotator.core.models import Segment

    p, coder, haarlem, breda = anna
    with p.transaction() as s:
        breda.text = "x"
        seg = s.scalar(select(Segment).where(Segment.document_id == breda.id, Segment.coder_id == coder.id,
                                             Segment.deleted.is_(None),
                                             Segment.status == "coded"))
        seg.start, seg.end = 0, 1
    cov = build_matrix(p, "coverage", select_coders(p, "coder", "Anna"), documents=[breda])
    assert cov.rows[0].characters == 1
    assert cov.cells == [[1.0] + [0.0] * (ALL_CODES - 1)]
    assert cov.row_sums == [1.0] and cov.column_sums[0] == 1.0 and cov.grand_total == 1.0


def test_codings_of_a_code_turned_category_are_skipped_not_the_rest(anna):
    """build_matrices 104: a coding whose code has no column (a file where a coded code became a
    category) is skipped; the codings after it still count (``continue``, not ``break``)."""
    p, coder, haarlem, breda = anna
    budget = codebook.find_code(p, "MECH-BUURTBUDGET")
    segments.create_segment(p, breda, budget, coder, 300, 320)
    with p.transaction():
        budget.kind = "category"
    sel = select_coders(p, "coder", "Anna")
    for docs in ([haarlem, breda], [breda, haarlem]):
        m = build_matrix(p, "count", sel, documents=docs)
        assert "MECH-BUURTBUDGET" not in [c.code_id for c in m.columns] and len(m.columns) == ALL_CODES - 1
        cu = _rc(m, haarlem, "MECH-UITDAAGRECHT")[1]
        assert cu == 0
        assert sorted((m.rows[i].label, m.cells[i][cu]) for i in range(2)) == [("Breda", 1), ("Haarlem", 2)]
        assert m.segment_total == 3
    cov = build_matrix(p, "coverage", sel, documents=[haarlem, breda])
    assert cov.cells[0][0] == 154 / H_CHARS and cov.cells[1][0] == 15 / B_CHARS
    assert cov.row_sums[0] == 209 / H_CHARS  # the row's union still holds the hidden code's text
