"""Exact behaviour of DocumentLayout.word_at and quote finding on a layout made by hand
(mutation testing showed these untested)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from burgerannotator.core.anchoring import DocumentLayout, find_quote, pack_words, quote_pattern

# page 0: two lines of two words; page 1: no words
#   "aa bb\ncc dd"
BOXES = [(10, 10, 30, 20), (40, 10, 60, 20), (10, 30, 30, 40), (40, 30, 60, 40)]
SPANS = [(0, 2), (3, 5), (6, 8), (9, 11)]


@pytest.fixture
def lay():
    b, s = pack_words(BOXES, SPANS)
    pages = [SimpleNamespace(index=0, text_start=0, text_end=11, word_boxes=b, word_offsets=s),
             SimpleNamespace(index=1, text_start=12, text_end=12, word_boxes=b"", word_offsets=b"")]
    return DocumentLayout("aa bb\ncc dd\f", pages)


def test_word_at_inside_edges_and_margins(lay):
    assert lay.word_at(0, 20, 15) == 0
    assert lay.word_at(0, 10, 10) == 0  # on the box edge is inside
    assert lay.word_at(0, 60, 40) == 3
    assert lay.word_at(0, 35, 15) == 0  # in the gap: nearest (a tie goes to the first)
    assert lay.word_at(0, 36, 15) == 1
    assert lay.word_at(0, 0, 35) == 2  # left margin of line 2
    assert lay.word_at(0, 100, 14) == 1  # right margin of line 1
    # a point 1 unit below line 1 and 4 units right of word 1 prefers its own line... vertical weighs 4x
    assert lay.word_at(0, 64, 21) == 1
    assert lay.word_at(0, 64, 29.5) == 3
    assert lay.word_at(0, 0, 35, nearest=False) is None
    assert lay.word_at(0, 20, 35, nearest=False) == 2
    assert lay.word_at(1, 20, 15) is None


def test_vertical_distance_weighs_four_times(lay):
    # dx to word 1 is 40 (x=100), dy 0; to word 3 dx 40, dy 10 -> word 1. At y=25 (between the lines):
    # word 1: dx 40 + 4*5 = 60, word 3: dx 40 + 4*5 = 60 -> the first (word 1)
    assert lay.word_at(0, 100, 25) == 1
    # x=35,y=22: word0 dx5 dy2 -> 13; word1 dx5 dy2 -> 13; word2 dx5 dy8 -> 37: first wins
    assert lay.word_at(0, 35, 22) == 0
    # x=25,y=27: word0 dx0 dy7 -> 28; word2 dx0 dy3 -> 12
    assert lay.word_at(0, 25, 27) == 2
    # x=70,y=26: word1 dx10 dy6 -> 34 (x5: 40); word3 dx10 dy4 -> 26 (x5: 30); x=63,y=24.5: word1 3+4*4.5=21,
    # word3 3+4*5.5=25 -> 1; with weight 5: 25.5 vs 30.5 -> 1 too; y=25.2: 3+20.8=23.8 vs 3+19.2=22.2 -> 3
    assert lay.word_at(0, 63, 25.2) == 3


def test_span_helpers(lay):
    assert lay.span_of_words(3, 1) == lay.span_of_words(1, 3)
    assert (lay.span_of_words(1, 3).start, lay.span_of_words(1, 3).end) == (3, 11)
    assert lay.pages_for_span(12, 12) == (1, 1)
    assert lay.pages_for_span(3, 8) == (0, 0)
    assert lay.span_from_points(0, 20, 15, 1, 5, 5) is None
    s = lay.span_from_points(0, 50, 35, 0, 20, 15)
    assert (s.start, s.end) == (0, 11)


def test_find_quote_edges():
    text = "Een burger-\nberaad. Een burgerberaad. een BURGERBERAAD"
    assert find_quote(text, "burgerberaad", 0) is None
    assert find_quote(text, "  ", 1) is None
    assert find_quote(text, "", 1) is None
    assert (find_quote(text, "burgerberaad", 1).start, find_quote(text, "burgerberaad", 1).end) == (24, 36)
    second = find_quote(text, "burgerberaad", 2)  # only one exact-case match: then any case counts
    assert (second.start, second.end) == (42, 54)
    assert find_quote(text, "burgerberaad", 3) is None
    with pytest.raises(ValueError, match="empty quote"):
        quote_pattern("   ")
