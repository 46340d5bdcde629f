"""The comparative matrix against segments made in the test (expected values computed in Python)."""
from __future__ import annotations

import numpy as np
import pytest

from burgerannotator.core.codebook import find_code, leaf_codes
from burgerannotator.core.coders import consensus_coder, get_or_create_coder, list_coders
from burgerannotator.core.documents import find_document, list_documents
from burgerannotator.core.errors import UserError
from burgerannotator.core.matrix import build_matrix, cell_segments, format_value, select_coders
from burgerannotator.core.segments import code_quote, delete_segment, segments, set_status


def _expected(project, coders):
    """{(document id, code id): (count, covered characters)} from the ORM, union by character sets."""
    ids = {c.id for c in coders}
    out: dict[tuple[int, int], list] = {}
    for s in segments(project):
        if s.coder_id not in ids:
            continue
        entry = out.setdefault((s.document_id, s.code_pk), [0, set()])
        entry[0] += 1
        entry[1].update(range(s.start, s.end))
    return {k: (n, len(chars)) for k, (n, chars) in out.items()}


@pytest.fixture
def coded(demo_project):
    """The demo project plus a coder 'Tester' with overlapping, deleted and suggested segments."""
    p = demo_project
    tester = get_or_create_coder(p, "Tester")
    nijmegen, amsterdam = find_document(p, "Nijmegen"), find_document(p, "Amsterdam")
    uit, dialoog = find_code(p, "MECH-UITDAAGRECHT"), find_code(p, "MECH-DIALOOG")
    code_quote(p, nijmegen, "Nijmegenaren krijgen het Uitdaagrecht", uit, tester)
    code_quote(p, nijmegen, "krijgen het Uitdaagrecht", uit, tester)  # overlaps the one before
    code_quote(p, nijmegen, "De Stadsgesprekken zetten wij voort", uit, tester)
    code_quote(p, nijmegen, "De Stadsgesprekken zetten wij voort", dialoog, tester)
    code_quote(p, amsterdam, "Buurtrechten en buurtbudgetten worden verder uitgebouwd", dialoog, tester)
    gone = code_quote(p, amsterdam, "Wij zetten het beleidskader participatie voort", uit, tester)
    delete_segment(p, gone)
    proposal = code_quote(p, amsterdam, "Wij zetten het beleidskader participatie voort", dialoog, tester)
    set_status(p, proposal, "suggested")
    return p, tester


def _check(project, matrix, expected):
    docs = {r.document_id: i for i, r in enumerate(matrix.rows)}
    cols = {c.code_db_id: j for j, c in enumerate(matrix.columns)}
    texts = {d.id: len(d.text) for d in list_documents(project)}
    want = np.zeros(matrix.shape, dtype=float)
    for (d, c), (n, chars) in expected.items():
        if c not in cols:
            assert matrix.measure != "presence" or n == 0
            continue
        want[docs[d], cols[c]] = {"presence": 1.0, "count": n, "coverage": chars / texts[d]}[matrix.measure]
    np.testing.assert_allclose(matrix.values.astype(float), want)


@pytest.mark.parametrize("measure", ["presence", "count", "coverage"])
def test_one_coder_matches_the_segments(coded, measure):
    p, tester = coded
    m = build_matrix(p, measure, select_coders(p, "coder", "Tester"))
    assert [r.label for r in m.rows][:3] == ["Amsterdam", "Rotterdam", "Den Haag"]
    assert [c.code_id for c in m.columns] == [c.code_id for c in leaf_codes(p)]
    _check(p, m, _expected(p, [tester]))


def test_count_and_coverage_by_hand(coded):
    p, _ = coded
    sel = select_coders(p, "coder", "Tester")
    nijmegen = find_document(p, "Nijmegen")
    count = build_matrix(p, "count", sel, hide_empty=True)
    i = [r.label for r in count.rows].index("Nijmegen")
    j = [c.code_id for c in count.columns].index("MECH-UITDAAGRECHT")
    assert count.values[i, j] == 3  # the deleted one (Amsterdam) and the suggestion do not count
    assert [c.code_id for c in count.columns] == ["MECH-UITDAAGRECHT", "MECH-DIALOOG"]
    assert list(count.column_totals) == [3, 2] and count.grand_total == 5
    cov = build_matrix(p, "coverage", sel, hide_empty=True)
    a = nijmegen.text.index("Nijmegenaren krijgen het Uitdaagrecht")
    b = nijmegen.text.index("De Stadsgesprekken zetten wij voort")
    union = len("Nijmegenaren krijgen het Uitdaagrecht") + len("De Stadsgesprekken zetten wij voort")
    assert a != b
    assert cov.values[i, j] == pytest.approx(union / len(nijmegen.text), rel=0.05)  # snapped to whole words
    # the row total is the union over the row's codes: the shared Stadsgesprekken passage counts once
    assert cov.row_totals[i] == pytest.approx(cov.values[i, j], rel=1e-9)
    presence = build_matrix(p, "presence", sel, hide_empty=True)
    assert presence.row_totals[i] == 2 and list(presence.column_totals) == [1, 2]


@pytest.mark.parametrize("measure", ["presence", "count", "coverage"])
def test_all_coders_pooled(coded, measure):
    p, _ = coded
    humans = list_coders(p, include_consensus=False)
    m = build_matrix(p, measure, select_coders(p, "all"))
    _check(p, m, _expected(p, humans))


def test_by_coder_columns_side_by_side(coded):
    p, tester = coded
    m = build_matrix(p, "count", select_coders(p, "by-coder"), hide_empty=True)
    names = [c.coder_name for c in m.columns]
    assert names[:3] == ["Demo coder A", "Demo coder B", "Tester"]
    for j, col in enumerate(m.columns):
        coder = next(c for c in list_coders(p) if c.id == col.coder_id)
        for (d, code), (n, _) in _expected(p, [coder]).items():
            if code == col.code_db_id:
                i = [r.document_id for r in m.rows].index(d)
                assert m.values[i, j] == n
    assert m.values.sum() == sum(n for n, _ in _expected(p, list_coders(p)).values())


def test_consensus_coder(coded):
    p, _ = coded
    with pytest.raises(UserError, match="no consensus"):
        select_coders(p, "consensus")
    cons = consensus_coder(p)
    code_quote(p, find_document(p, "Haarlem"), "experimenteren wij met het uitdaagrecht",
               find_code(p, "MECH-UITDAAGRECHT"), cons)
    m = build_matrix(p, "presence", select_coders(p, "consensus"), hide_empty=True)
    assert [c.code_id for c in m.columns] == ["MECH-UITDAAGRECHT"]
    assert m.grand_total == 1 and m.rows[int(np.argmax(m.row_totals))].label == "Haarlem"
    pooled = build_matrix(p, "count", select_coders(p, "all"))
    assert pooled.segment_total == sum(n for n, _ in _expected(p, list_coders(p, include_consensus=False)).values())


def test_rows_by_attribute_and_bad_input(coded):
    p, _ = coded
    m = build_matrix(p, "presence", select_coders(p, "all"), by="rank")
    assert [r.label for r in m.rows][:2] == ["1", "2"]
    with pytest.raises(UserError, match="attribute 'nope'"):
        build_matrix(p, "presence", by="nope")
    with pytest.raises(UserError, match="measure"):
        build_matrix(p, "size")
    with pytest.raises(UserError, match="No coder"):
        select_coders(p, "coder", "Nobody")


def test_cell_segments_lists_the_cell(coded):
    p, tester = coded
    m = build_matrix(p, "count", select_coders(p, "coder", "Tester"), hide_empty=True)
    i = [r.label for r in m.rows].index("Nijmegen")
    segs = cell_segments(p, m, i, 0)
    assert len(segs) == 3 and all(s.coder_id == tester.id for s in segs)
    assert [s.start for s in segs] == sorted(s.start for s in segs)


def test_format_value():
    assert format_value("coverage", 0.25) == "25.0%"
    assert format_value("coverage", 0) == "0%"
    assert format_value("coverage", 0.00046) == "0.046%"
    assert format_value("count", np.int64(3)) == "3"
