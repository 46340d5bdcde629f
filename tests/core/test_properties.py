"""Issue 16, property-based (Hypothesis): anchoring round trips, and the matrix equals a brute-force
count from the segments, for any segments."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from burgerannotator.core.codebook import leaf_codes
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import layout, list_documents
from burgerannotator.core.matrix import build_matrices, select_coders
from burgerannotator.core.models import Segment

def fixture_ok(n):
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# ---- anchoring: words -> span -> rectangles -> a drag over them -> the same span ----------------------
@fixture_ok(150)
@given(data=st.data())
def test_span_rects_span_round_trip(demo_project, data):
    docs = list_documents(demo_project)
    doc = docs[data.draw(st.integers(0, len(docs) - 1), label="document")]
    lay = layout(demo_project, doc)
    n = len(lay)
    first = data.draw(st.integers(0, n - 1), label="first word")
    last = data.draw(st.integers(first, min(n - 1, first + 400)), label="last word")
    span = lay.span_of_words(first, last)
    assert lay.words_in_span(span.start, span.end) == (first, last + 1)
    assert lay.snap(span.start, span.end) == span
    rects = lay.rects_for_span(span.start, span.end)
    pages = sorted(rects)
    assert (pages[0], pages[-1]) == lay.pages_for_span(span.start, span.end)
    assert pages == sorted({int(p) for p in lay.page_of[first:last + 1]})
    # every word of the span lies inside one of its page's rectangles
    for i in range(first, last + 1):
        x0, y0, x1, y1 = (float(v) for v in lay.boxes[i])
        page = int(lay.page_of[i])
        assert any(r[0] <= x0 + 0.01 and r[1] <= y0 + 0.01 and x1 <= r[2] + 0.01 and y1 <= r[3] + 0.01
                   for r in rects[page]), (i, rects[page])
    # a drag from the first word's middle to the last word's middle gives the span back
    fb, lb = lay.boxes[first], lay.boxes[last]
    back = lay.span_from_points(int(lay.page_of[first]), float(fb[0] + fb[2]) / 2, float(fb[1] + fb[3]) / 2,
                                int(lay.page_of[last]), float(lb[0] + lb[2]) / 2, float(lb[1] + lb[3]) / 2)
    if lay.word_at(int(lay.page_of[first]), float(fb[0] + fb[2]) / 2, float(fb[1] + fb[3]) / 2) == first \
            and lay.word_at(int(lay.page_of[last]), float(lb[0] + lb[2]) / 2, float(lb[1] + lb[3]) / 2) == last:
        assert back == span


# ---- the matrix against a brute-force count -----------------------------------------------------------------
def _brute(project, selection, columns, rows):
    """Presence, count and covered characters per cell, by sets of character positions."""
    by_coder = selection.mode == "by-coder"
    col_of = {(c.code_db_id, c.coder_id if by_coder else 0): j for j, c in enumerate(columns)}
    row_of = {r.document_id: i for i, r in enumerate(rows)}
    cells: dict[tuple[int, int], list[Segment]] = {}
    row_chars = {i: set() for i in range(len(rows))}
    for s in project.session.scalars(select(Segment)):
        if s.deleted is not None or s.status != "coded" or s.coder_id not in selection.coder_ids:
            continue
        if s.code.deleted is not None:
            continue
        i = row_of[s.document_id]
        row_chars[i].update(range(s.start, s.end))
        j = col_of.get((s.code_pk, s.coder_id if by_coder else 0))
        if j is not None:
            cells.setdefault((i, j), []).append(s)
    count = np.zeros((len(rows), len(columns)), dtype=np.int64)
    covered = np.zeros((len(rows), len(columns)), dtype=np.int64)
    for (i, j), segs in cells.items():
        count[i, j] = len(segs)
        covered[i, j] = len(set().union(*(range(s.start, s.end) for s in segs)))
    return count, covered, np.array([len(row_chars[i]) for i in range(len(rows))])


segment_strategy = st.lists(st.tuples(
    st.integers(0, 13),  # document
    st.integers(0, 60),  # code (leaf index, modulo)
    st.integers(0, 2),  # coder
    st.integers(0, 3000),  # start
    st.integers(1, 400),  # length
    st.sampled_from(["coded", "coded", "coded", "suggested", "rejected"]),
    st.booleans(),  # deleted
), min_size=0, max_size=25)


@pytest.mark.parametrize("mode", ["all", "by-coder"])
@fixture_ok(25)
@given(made=segment_strategy)
def test_matrix_equals_brute_force_count(demo_project, mode, made):
    p = demo_project
    coders = [get_or_create_coder(p, n) for n in ("P1", "P2", "P3")]
    codes = leaf_codes(p)
    docs = list_documents(p)
    with p.transaction() as s:
        s.execute(delete(Segment).where(Segment.coder_id.in_([c.id for c in coders])))
        for d, c, k, start, length, status, deleted in made:
            doc = docs[d]
            start = min(start, len(doc.text) - 1)
            end = min(start + length, len(doc.text))
            s.add(Segment(document=doc, code=codes[c % len(codes)], coder=coders[k], start=start, end=end,
                          page_first=0, page_last=0, rects={}, quote="", status=status,
                          deleted=doc.imported if deleted else None))
    selection = select_coders(p, mode)
    mats = build_matrices(p, selection=selection)
    pres, cnt, cov = mats["presence"], mats["count"], mats["coverage"]
    count, covered, row_union = _brute(p, selection, cnt.columns, cnt.rows)
    chars = np.array([len(d.text) for d in docs], dtype=np.float64)
    assert np.array_equal(cnt.values, count)
    assert np.array_equal(pres.values, (count > 0).astype(np.int64))
    assert np.array_equal(pres.row_totals, (count > 0).sum(axis=1))
    assert np.array_equal(pres.column_totals, (count > 0).sum(axis=0))
    assert np.array_equal(cnt.row_totals, count.sum(axis=1))
    assert np.array_equal(cnt.column_totals, count.sum(axis=0))
    assert cnt.grand_total == float(count.sum()) and cnt.segment_total == int(count.sum())
    assert np.allclose(cov.values, covered / chars[:, None], rtol=0, atol=1e-12)
    assert np.allclose(cov.row_totals, row_union / chars, rtol=0, atol=1e-12)
    assert np.allclose(cov.column_totals, covered.sum(axis=0) / chars.sum(), rtol=0, atol=1e-12)
    assert abs(cov.grand_total - row_union.sum() / chars.sum()) < 1e-12
    # categories: consecutive columns of one top-level category, in codebook order
    expected, last = [], None
    for col in cnt.columns:
        if expected and col.category == last:
            expected[-1][2] += 1
        else:
            expected.append([col.category, col.category_color, 1])
        last = col.category
    assert [list(c) for c in cnt.categories] == expected
    assert sum(span for _, _, span in cnt.categories) == len(cnt.columns)
