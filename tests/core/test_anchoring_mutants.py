"""Exact behaviour of core/anchoring.py on small hand-made layouts, written against the mutants that
survived ``bench/mutation.py anchoring`` (mutmut 3.8.1, 118 survivors; these tests kill 96 of them by hand-check) after the issue-17 speed changes (one joined
buffer for all pages, cached span columns).

Survivors left as equivalent (no test can tell them from the original):
- pack_words/unpack_words/__init__ ``reshape(-2, n)`` for ``reshape(-1, n)``: NumPy takes any negative
  size as "infer" (pack_words_10/21, unpack_words_13/27, __init___40/53).
- __init___56 ``len(s) / 8`` for ``//``: np.repeat takes integral floats as counts.
- __init__ page-by-page loop (75-77, 80, 83, 84, 86, 88, 96, 98, 106, 108): the loop only runs to its end
  for a document with no pages (every page fine takes the joined path; a damaged page raises in
  unpack_words), so what it appends for pages before the damaged one is never seen.
- page_word_range_8, words_in_span_19: ``side="left"`` is searchsorted's default.
- span_of_words_1 ``>=``: swapping equal indexes changes nothing.
- rects_for_span_7/8 ``""`` for None as the start values: the first word never equals "" either.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pytest

from burgerannotator.core.anchoring import (BOX_DTYPE, SPAN_DTYPE, DocumentLayout, Span, pack_words,
                                            quote_pattern, unpack_words)


def page(index, start, end, boxes=(), spans=()):
    b, s = pack_words(boxes, spans) if len(spans) else (b"", b"")
    return SimpleNamespace(index=index, text_start=start, text_end=end, word_boxes=b, word_offsets=s)


# three pages, given out of order; page 1 has no words and no text (text_start == text_end)
#   "aa bb cc\f" (0..9) | "" (9..9) | "dd ee\f" (9..15)
P0 = page(0, 0, 9, [(10, 10, 30, 20), (40, 10, 60, 20), (10, 30, 30, 40)], [(0, 2), (3, 5), (6, 8)])
P1 = page(1, 9, 9)
P2 = page(2, 9, 15, [(5.5, 7.25, 20.125, 12.5), (30, 7.25, 50, 12.5)], [(9, 11), (12, 14)])
TEXT = "aa bb cc\fdd ee\f"


@pytest.fixture
def lay():
    return DocumentLayout(TEXT, [P2, P0, P1])


# ---- bytes -------------------------------------------------------------------------------------
def test_pack_and_unpack_words_round_trip_exactly():
    b, s = pack_words([(1, 2, 3, 4.5), (5, 6, 7, 8)], [(0, 3), (4, 9)])
    assert b == np.array([1, 2, 3, 4.5, 5, 6, 7, 8], dtype="<f4").tobytes()
    assert s == np.array([0, 3, 4, 9], dtype="<i4").tobytes()
    boxes, spans = unpack_words(b, s)
    assert boxes.dtype == BOX_DTYPE and boxes.shape == (2, 4)
    assert spans.dtype == SPAN_DTYPE and spans.shape == (2, 2)
    assert boxes.tolist() == [[1, 2, 3, 4.5], [5, 6, 7, 8]]
    assert spans.tolist() == [[0, 3], [4, 9]]
    one_b, one_s = unpack_words(*pack_words([(1, 2, 3, 4)], [(0, 3)]))
    assert one_b.shape == (1, 4) and one_s.shape == (1, 2)


@pytest.mark.parametrize("raw", [(None, None), (b"", b"")])
def test_unpack_words_of_a_page_without_words(raw):
    boxes, spans = unpack_words(*raw)
    assert boxes.shape == (0, 4) and boxes.dtype == BOX_DTYPE
    assert spans.shape == (0, 2) and spans.dtype == SPAN_DTYPE


def test_pack_words_refuses_a_ragged_list():
    with pytest.raises(ValueError):
        pack_words([1, 2, 3, 4, 5, 6], [(0, 1)])
    with pytest.raises(ValueError):
        pack_words([(1, 2, 3, 4)], [0, 1, 2])


# ---- Span -------------------------------------------------------------------------------------
def test_span_validation():
    assert (Span(3, 3).start, Span(3, 3).end) == (3, 3)  # an empty span is a span
    with pytest.raises(ValueError, match=r"^span end before start$"):
        Span(4, 3)


# ---- building the layout ------------------------------------------------------------------------
def test_layout_arrays_exactly(lay):
    assert len(lay) == 5
    assert lay.boxes.dtype == BOX_DTYPE and lay.boxes.shape == (5, 4)
    assert lay.spans.dtype == SPAN_DTYPE and lay.spans.shape == (5, 2)
    assert lay.page_of.dtype == np.int32 and lay.page_of.tolist() == [0, 0, 0, 2, 2]
    assert lay.spans.tolist() == [[0, 2], [3, 5], [6, 8], [9, 11], [12, 14]]
    assert lay.boxes.tolist() == [[10, 10, 30, 20], [40, 10, 60, 20], [10, 30, 30, 40],
                                  [5.5, 7.25, 20.125, 12.5], [30, 7.25, 50, 12.5]]
    assert list(lay.page_bounds.items()) == [(0, (0, 9)), (1, (9, 9)), (2, (9, 15))]
    # all pages' bytes joined once into one writeable buffer the arrays use as they are (no copy)
    for arr in (lay.boxes, lay.spans):
        assert arr.flags.writeable is True
        assert arr.flags.owndata is False
    assert lay.page_word_range(0) == (0, 3)
    assert lay.page_word_range(1) == (3, 3)
    assert lay.page_word_range(2) == (3, 5)


def test_pages_of_one_word_or_none_use_the_joined_buffer_too():
    # 1 word = 16 box bytes and 8 span bytes (not a multiple of 20, 12, ...); a page with None bytes
    one = page(0, 0, 3, [(1, 2, 3, 4)], [(0, 2)])
    empty = SimpleNamespace(index=1, text_start=3, text_end=3, word_boxes=None, word_offsets=None)
    lay = DocumentLayout("ab\f", [one, empty])
    assert lay.boxes.tolist() == [[1, 2, 3, 4]] and lay.spans.tolist() == [[0, 2]]
    assert lay.page_of.tolist() == [0] and lay.page_of.dtype == np.int32
    assert lay.boxes.flags.owndata is False and lay.spans.flags.owndata is False


def test_a_document_without_pages():
    lay = DocumentLayout("", [])
    assert lay.boxes.shape == (0, 4) and lay.boxes.dtype == BOX_DTYPE
    assert lay.spans.shape == (0, 2) and lay.spans.dtype == SPAN_DTYPE
    assert lay.page_of.shape == (0,) and lay.page_of.dtype == np.int32
    assert lay.boxes.flags.owndata is True  # made, not read from bytes
    assert lay.page_bounds == {}
    assert len(lay) == 0
    assert lay.page_at_offset(0) == 0
    assert lay.page_at_offset(5) == 0
    assert lay.rects_for_span(0, 5) == {}


def test_damaged_bytes_are_refused_not_joined_into_another_pages_words():
    # half a box on each of two pages would join into one whole box: each page must be whole
    good = pack_words([(1, 2, 3, 4)], [(0, 2)])
    half_box = [page(0, 0, 3), page(1, 3, 6)]
    half_box[0].word_boxes, half_box[0].word_offsets = good[0][:8], good[1]
    half_box[1].word_boxes, half_box[1].word_offsets = good[0][8:], b""
    with pytest.raises(ValueError):
        DocumentLayout("ab\f\f", half_box)
    half_span = [page(0, 0, 3), page(1, 3, 6)]
    half_span[0].word_boxes, half_span[0].word_offsets = good[0], good[1][:4]
    half_span[1].word_boxes, half_span[1].word_offsets = good[0], good[1][4:]
    with pytest.raises(ValueError):
        DocumentLayout("ab\f\f", half_span)


@pytest.mark.parametrize("which", ["boxes", "spans"])
def test_a_damaged_page_after_a_good_one_is_refused(which):
    good = page(0, 0, 3, [(1, 2, 3, 4)], [(0, 2)])
    bad = page(1, 3, 6, [(1, 2, 3, 4)], [(3, 5)])
    if which == "boxes":
        bad.word_boxes = bad.word_boxes[:12]
    else:
        bad.word_offsets = bad.word_offsets[:4]
    with pytest.raises(ValueError):
        DocumentLayout("ab\fcd\f", [bad, good])


def test_span_columns_are_made_once_and_again_for_new_spans(lay):
    starts, ends = lay._span_columns()
    assert starts.tolist() == [0, 3, 6, 9, 12] and ends.tolist() == [2, 5, 8, 11, 14]
    assert starts.flags.c_contiguous and ends.flags.c_contiguous
    again = lay._span_columns()
    assert again[0] is starts and again[1] is ends
    lay.spans = np.array([[0, 1]], dtype=SPAN_DTYPE)
    starts2, ends2 = lay._span_columns()
    assert starts2.tolist() == [0] and ends2.tolist() == [1]
    assert lay._span_columns()[0] is starts2


# ---- words and spans ------------------------------------------------------------------------------
def test_words_in_span_at_word_edges(lay):
    assert lay.words_in_span(2, 5) == (1, 2)  # word 0 ends at 2: not in [2, 5)
    assert lay.words_in_span(1, 3) == (0, 1)  # word 1 starts at 3: not in [1, 3)
    assert lay.words_in_span(0, 15) == (0, 5)
    assert lay.words_in_span(8, 9) == (3, 3)


def test_snap_widens_to_words_and_keeps_spans_between_words(lay):
    assert lay.snap(1, 4) == Span(0, 5)
    assert lay.snap(2, 3) == Span(2, 3)  # between words 0 and 1
    assert lay.snap(8, 9) == Span(8, 9)
    assert lay.snap(14, 15) == Span(14, 15)  # after the last word
    lead = DocumentLayout("  ab", [page(0, 0, 4, [(1, 2, 3, 4)], [(2, 4)])])
    assert lead.snap(0, 1) == Span(0, 1)  # before the first word
    assert lead.snap(0, 3) == Span(0, 4)


def test_nearest_word_weighs_vertical_distance_four_times():
    # point (20, 5): word 0 dx 10 dy 0 -> 10; word 1 dx 0 dy 2.25 -> 9 (with weight 5: 11.25)
    lay = DocumentLayout("ab cd", [page(0, 0, 5, [(0, 0, 10, 10), (15, 7.25, 25, 17.25)], [(0, 2), (3, 5)])])
    assert lay.word_at(0, 20, 5, nearest=False) is None
    assert lay.word_at(0, 20, 5) == 1


# ---- pages ----------------------------------------------------------------------------------------
def test_page_at_offset_at_every_boundary(lay):
    assert lay.page_at_offset(0) == 0  # first char
    assert lay.page_at_offset(8) == 0  # last char of page 0
    assert lay.page_at_offset(9) == 1  # an empty page at that offset is the page there
    assert lay.page_at_offset(14) == 2  # last char
    assert lay.page_at_offset(15) == 2  # past the end: the last page
    assert lay.page_at_offset(99) == 2
    two = DocumentLayout("ab\fcd\f", [page(0, 0, 3), page(1, 3, 6)])
    assert two.page_at_offset(2) == 0
    assert two.page_at_offset(3) == 1
    assert two.page_at_offset(6) == 1
    tail = DocumentLayout("ab\f", [page(0, 0, 3), page(1, 3, 3), page(2, 3, 3)])
    assert tail.page_at_offset(3) == 1


def test_pages_for_span_without_words():
    lay = DocumentLayout("ab      \fcd      \f", [page(0, 0, 9, [(1, 2, 3, 4)], [(0, 2)]),
                                                  page(1, 9, 18, [(1, 2, 3, 4)], [(12, 14)])])
    assert lay.pages_for_span(4, 9) == (0, 0)  # the last char of the span is offset 8
    assert lay.pages_for_span(4, 10) == (0, 1)
    assert lay.pages_for_span(5, 5) == (0, 0)
    assert lay.pages_for_span(0, 13) == (0, 1)


# ---- rectangles -----------------------------------------------------------------------------------
def rects(words, start=0, end=10_000, pages=None):
    """A layout of ``words`` (box, page) with spans of 2 chars each, 3 apart, and its rects."""
    pages_of = sorted({p for _, p in words})
    built = []
    for p in pages_of:
        mine = [(i, b) for i, (b, q) in enumerate(words) if q == p]
        built.append(page(p, mine[0][0] * 3, mine[-1][0] * 3 + 3,
                          [b for _, b in mine], [(i * 3, i * 3 + 2) for i, _ in mine]))
    return DocumentLayout(" " * (3 * len(words)), built).rects_for_span(start, end)


def test_rects_join_a_line_and_split_lines_pages_and_columns():
    line = [(10, 10, 30, 20), (31, 11, 50, 21)]
    assert rects([(line[0], 0), (line[1], 0)]) == {0: [[10, 10, 50, 21]]}
    # the same place on the next page is a new rectangle there
    assert rects([(line[0], 0), ((29, 10, 50, 20), 1)]) == {0: [[10, 10, 30, 20]], 1: [[29, 10, 50, 20]]}
    # back to the left on the same line (next column's first word) is a new rectangle
    assert rects([((100, 10, 130, 20), 0), ((10, 10, 30, 20), 0)]) == {0: [[100, 10, 130, 20], [10, 10, 30, 20]]}
    # only the words in the span
    assert rects([(line[0], 0), (line[1], 0)], 3, 5) == {0: [[31, 11, 50, 21]]}


@pytest.mark.parametrize("y0, y1, joined", [
    (5, 16, True),     # mid 10.5: within 1 above the top (10)
    (5, 13, False),    # mid 9: exactly 1 above the top... joined (bound included)
    (4, 13, False),    # mid 8.5: more than 1 above
    (16, 26, True),    # mid 21: exactly 1 below the bottom (20)
    (18, 22, True),    # mid 20
    (18, 25, False),   # mid 21.5
])
def test_rects_line_tolerance_is_one_unit(y0, y1, joined):
    if (y0, y1) == (5, 13):
        joined = True
    got = rects([((10, 10, 30, 20), 0), ((30, y0, 40, y1), 0)])
    if joined:
        assert got == {0: [[10, min(10, y0), 40, max(20, y1)]]}
    else:
        assert got == {0: [[10, 10, 30, 20], [30, y0, 40, y1]]}


@pytest.mark.parametrize("x0, joined", [(30, True), (29, True), (28.5, False), (31, True)])
def test_rects_gap_tolerance_is_one_unit(x0, joined):
    got = rects([((10, 10, 30, 20), 0), ((x0, 10, 40, 20), 0)])
    if joined:
        assert got == {0: [[10, 10, 40, 20]]}
    else:
        assert got == {0: [[10, 10, 30, 20], [x0, 10, 40, 20]]}


def test_rects_widen_by_x_not_y_and_round_to_two_places():
    # a narrow word low on the page: the right edge is the x1 of the words, never a y
    assert rects([((0, 100, 5, 110), 0), ((5, 100, 8, 110), 0)]) == {0: [[0, 100, 8, 110]]}
    assert rects([((5.5, 7.25, 20.125, 12.5), 0)]) == {0: [[5.5, 7.25, 20.12, 12.5]]}
    assert rects([((1.0625, 2, 3, 4), 0)]) == {0: [[1.06, 2, 3, 4]]}


# ---- quotes ------------------------------------------------------------------------------------------
def test_quote_pattern_flags_and_message():
    assert quote_pattern("Noord-Brabant").flags == re.compile("x").flags
    assert quote_pattern("ab", re.IGNORECASE).flags == re.compile("x", re.IGNORECASE).flags
    with pytest.raises(ValueError, match=r"^empty quote$"):
        quote_pattern(" \n ")
    assert quote_pattern("ver- zorging").pattern == "verzorging"
    assert quote_pattern("Noord-Brabant  a").pattern == r"Noord-\s*Brabant\s+a"
