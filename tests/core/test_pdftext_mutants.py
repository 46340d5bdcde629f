"""Exact values of pdftext's rules that mutation testing (bench/mutation.py pdftext) showed the
golden-text test does not pin: reading order, visual lines, hyphen joining, boxes, labels.

Tiny PDFs are made here with PyMuPDF (base-14 Helvetica), so the numbers do not depend on ../shared.
Survivors left (mutmut 3.8.1 names, x_<function>__mutmut_N), judged equivalent or not worth a fixture:
* _reading_order 6, 22, 49, 64, 67, 71, 74, 75, 78-85: the start value of ``cut``, ``len(items) < 1``,
  ``gy >= 0``, ``axis - 2`` (indexes the same element of a 4-tuple), ``<=``/``>`` at a cut that lies
  in an empty band (no box centre can sit there), and the ``if not first or not second`` guard that a
  real gap never reaches;
* extract_page 24, 28, 32 (``sort=``: words are re-sorted by block, line and word number anyway),
  31 (PyMuPDF lower-cases the option name), 59 (the matrix is only used for rotated pages),
  64, 103 (``None`` for ``False``); 23, 27 (``flags``): only a font with ligature glyphs shows them,
  and base-14 fonts have none, so ``_clean`` is tested directly instead;
* open_pdf 2, 4, 5, 6 (``filetype="pdf"``): PyMuPDF sniffs PDF bytes without it.
"""
from __future__ import annotations

import pymupdf
import pytest

from burgerannotator.core import pdftext as pt


def _page(lines, width=300, height=400, rotate=0):
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    for (x, y), s in lines:
        page.insert_text((x, y), s, fontsize=10)
    if rotate:
        page.set_rotation(rotate)
    return doc, page


def test_constants_and_version():
    assert pt.EXTRACTOR == "pymupdf-words-xycut"
    assert pt.extractor_version() == f"1/PyMuPDF {pymupdf.VersionBind}"
    assert (pt.BIG_GAP, pt.COLUMN_GAP) == (18.0, 6.0)
    assert (pt.PAGE_SEPARATOR, pt.BLOCK_SEPARATOR, pt.LINE_SEPARATOR) == ("\f", "\n\n", "\n")
    assert pt.FLAGS & pymupdf.TEXT_PRESERVE_LIGATURES == 0


def test_clean_expands_ligatures_and_composes():
    assert pt._clean("\ufb01ets") == "fiets"
    assert pt._clean("e\u0301") == "\u00e9"
    assert pt._clean("\ufb00\ufb02\ufb03\ufb04\ufb05\ufb06") == "ffflffifflstst"
    assert pt._clean("plain") == "plain"


def test_header_columns_footer_hyphens_offsets_and_boxes():
    doc, page = _page([((20, 40), "Kop tekst"), ((20, 100), "Links burger-"), ((20, 112), "beraad Noord-"),
                       ((20, 124), "Brabant eind"), ((200, 100), "Rechts kolom"), ((20, 380), "Voet fiets")])
    r = pt.extract_page(page)
    assert r.text == "Kop tekst\n\nLinks burgerberaad Noord-\nBrabant eind\n\nRechts kolom\n\nVoet fiets"
    assert r.spans == [(0, 3), (4, 9), (11, 16), (17, 23), (23, 29), (30, 36), (37, 44), (45, 49),
                       (51, 57), (58, 63), (65, 69), (70, 75)]
    assert [r.text[a:b] for a, b in r.spans] == ["Kop", "tekst", "Links", "burger", "beraad", "Noord-",
                                                 "Brabant", "eind", "Rechts", "kolom", "Voet", "fiets"]
    assert (r.index, r.label, r.width, r.height, r.rotation, r.ocr, r.has_text) == (0, "1", 300.0, 400.0, 0, "", True)
    assert len(r.boxes) == 12
    assert r.boxes[0] == pytest.approx((20.0, 29.25, 37.79, 42.99), abs=0.01)
    assert r.boxes[3] == pytest.approx((46.12, 89.25, 78.35, 102.99), abs=0.01)  # "burger" keeps its own box
    assert r.boxes[8] == pytest.approx((200.0, 89.25, 231.12, 102.99), abs=0.01)
    assert all(isinstance(v, float) for b in r.boxes for v in b)


def test_page_ending_on_hyphen_keeps_it_and_digits_keep_theirs():
    _, page = _page([((20, 100), "jaar 2025-"), ((20, 112), "en -"), ((20, 124), "nog zo-")])
    r = pt.extract_page(page)
    assert r.text == "jaar 2025-\nen -\nnog zo-"
    assert r.spans == [(0, 4), (5, 10), (11, 13), (14, 15), (16, 19), (20, 23)]


def test_hyphens_and_ligature_table():
    assert pt.HYPHENS == ("-", "\u00ad", "\u2010")
    assert pt.PageText(0, "1", 1.0, 1.0, 0, spans=[(0, 1)]).has_text is True


def test_empty_and_blank_pages():
    _, page = _page([])
    r = pt.extract_page(page)
    assert (r.text, r.spans, r.boxes, r.has_text) == ("", [], [], False)
    assert pt.PageText(0, "1", 1.0, 1.0, 0).has_text is False


def test_page_label_is_used():
    doc, page = _page([((20, 100), "x y")])
    doc.set_page_labels([{"startpage": 0, "prefix": "A-", "style": "D", "firstpagenum": 3}])
    r = pt.extract_page(doc[0])
    assert r.label == "A-3"
    doc2, _ = _page([((20, 100), "x")])
    doc2.new_page()
    assert pt.extract_page(doc2[1]).label == "2"
    assert pt.extract_page(doc2[1]).index == 1


def test_rotated_page_boxes_are_in_displayed_space():
    _, page = _page([((20, 100), "Draai")], width=300, height=400, rotate=90)
    r = pt.extract_page(page)
    assert (r.text, r.rotation, r.width, r.height) == ("Draai", 90, 400.0, 300.0)
    x0, y0, x1, y1 = r.boxes[0]
    assert x0 < x1 and y0 < y1
    # unrotated box (20, 89.25, ~46, 102.99) turned 90 degrees clockwise on a 400-high page
    assert (x0, y0) == pytest.approx((400 - 102.99, 20.0), abs=0.01)
    assert x1 == pytest.approx(400 - 89.25, abs=0.01)


def test_reading_order_units():
    # two rows 20 apart: top first (big gap), despite index order
    assert pt._reading_order([(0, 100, 10, 110), (0, 0, 10, 10)]) == [1, 0]
    # two columns, small vertical gap: left column fully before right
    boxes = [(100, 0, 150, 10), (0, 0, 50, 10), (0, 12, 50, 22), (100, 12, 150, 22)]
    assert pt._reading_order(boxes) == [1, 2, 0, 3]
    # column gap exactly 6 splits; 5.9 does not (then rows by a small vertical gap)
    assert pt._reading_order([(16, 0, 20, 10), (0, 1, 10, 11)]) == [1, 0]
    assert pt._reading_order([(15.9, 0, 20, 10), (0, 12, 10, 22)]) == [0, 1]
    assert pt._reading_order([(15.9, 12, 20, 22), (0, 0, 10, 10)]) == [1, 0]
    # vertical gap of exactly 18 is a big gap even with columns
    assert pt._reading_order([(100, 0, 110, 10), (0, 28, 10, 38)]) == [0, 1]
    assert pt._reading_order([(0, 28, 10, 38), (100, 0, 110, 10)]) == [1, 0]
    # overlapping both ways: by top then left
    assert pt._reading_order([(5, 2, 9, 12), (0, 2, 10, 12), (3, 0, 8, 11)]) == [2, 1, 0]
    assert pt._reading_order([(0, 0, 10, 10)]) == [0]
    assert pt._reading_order([]) == []
    # the gap is measured from the furthest reach so far, not from the last box
    assert pt._reading_order([(0, 0, 10, 50), (0, 5, 10, 10), (0, 60, 10, 70)]) == [0, 1, 2]


def test_reading_order_three_rows_cut_at_largest_gap():
    boxes = [(0, 0, 10, 10), (0, 13, 10, 23), (0, 30, 10, 40)]
    assert pt._reading_order(list(reversed(boxes))) == [2, 1, 0]


def test_visual_lines_units():
    w = lambda x0, y0, x1, y1: (x0, y0, x1, y1, "w", 0, 0, 0)  # noqa: E731
    a, b = w(0, 10, 5, 20), w(6, 10, 9, 20)
    assert pt._visual_lines([a, b]) == [[a, b]]
    # back to the left margin: new line even on the same row
    c = w(0, 10, 5, 20)
    assert pt._visual_lines([b, c]) == [[b], [c]]
    # mid exactly one point beyond the last word's box still counts as the same row
    lo = w(6, 20, 9, 22)  # mid 21 = 20 + 1
    assert pt._visual_lines([a, lo]) == [[a, lo]]
    lo2 = w(6, 20.2, 9, 22)  # mid 21.1
    assert pt._visual_lines([a, lo2]) == [[a], [lo2]]
    hi = w(6, 8, 9, 10)  # mid 9 = 10 - 1
    assert pt._visual_lines([a, hi]) == [[a, hi]]
    hi2 = w(6, 7.8, 9, 10)  # mid 8.9
    assert pt._visual_lines([a, hi2]) == [[a], [hi2]]
    same_x = w(0, 10, 4, 20)
    assert pt._visual_lines([a, same_x]) == [[a, same_x]]
    assert pt._visual_lines([]) == []


def test_block_order_is_line_then_word():
    assert pt._block_order((0, 0, 1, 1, "x", 4, 2, 7)) == (2, 7)


def test_open_pdf_reads_bytes():
    doc, _ = _page([((20, 100), "Hallo")])
    opened = pt.open_pdf(doc.tobytes())
    assert opened.page_count == 1
    assert pt.extract_page(opened[0]).text == "Hallo"


def test_hyphen_join_looks_at_first_letter_and_letter_before_hyphen():
    # "kWh" starts lower-case (only its first letter counts); "ko-" has a letter before its hyphen;
    # a two-letter "a-" is still a word part
    _, page = _page([((20, 100), "in-"), ((20, 112), "kWh ko-"), ((20, 124), "ken a-"), ((20, 136), "b")])
    r = pt.extract_page(page)
    assert r.text == "inkWh koken ab"
    assert r.spans == [(0, 2), (2, 5), (6, 8), (8, 11), (12, 13), (13, 14)]


def test_given_textpage_is_the_one_read():
    doc, page = _page([((20, 100), "Eerst")])
    tp = page.get_textpage(flags=pt.FLAGS)
    page.insert_text((20, 200), "Later", fontsize=10)
    assert pt.extract_page(page, tp).text == "Eerst"
    assert pt.extract_page(page).text == "Eerst\n\nLater"


def test_reading_order_cuts_at_first_of_equal_gaps_and_at_small_row_gaps():
    # wide header, then two rows of two columns, the row gaps equal (2 pt): the first gap cuts,
    # so the columns below the header read column by column
    boxes = [(0, 0, 100, 10), (0, 12, 40, 22), (50, 12, 90, 22), (0, 24, 40, 34), (50, 24, 90, 34)]
    assert pt._reading_order(boxes) == [0, 1, 3, 2, 4]
    # a row gap under 1 pt still cuts (then the lower part splits into columns)
    boxes = [(0, 0, 100, 10), (0, 10.5, 40, 20), (0, 20.5, 40, 30), (50, 10.6, 90, 20)]
    assert pt._reading_order(boxes) == [0, 1, 2, 3]
