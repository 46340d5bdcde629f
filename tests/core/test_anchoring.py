"""Issue 2: quotes are found whatever the line breaks and hyphenation, and a segment
round-trips to the same rectangles."""
from __future__ import annotations

from burgerannotator.core.anchoring import find_quote
from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document, layout, page_label
from burgerannotator.core.segments import code_quote, create_segment, segments

HAARLEM_SENTENCE = "Voor thema's die op stadsniveau spelen stellen wij een burgerberaad in;"


def test_haarlem_hyphenated_burgerberaad_found_by_quote_spans_two_lines(demo_project):
    doc = find_document(demo_project, "Haarlem")
    coder = get_or_create_coder(demo_project, "Tester")
    seg = code_quote(demo_project, doc, HAARLEM_SENTENCE, find_code(demo_project, "MECH-BURGERBERAAD"), coder)
    assert seg.quote == HAARLEM_SENTENCE
    assert seg.page_first == seg.page_last == 16
    assert page_label(doc, seg.page_first) == "15"
    rects = seg.rects[str(seg.page_first)]
    assert len(rects) == 2, rects  # the line with 'burger-' and the line with 'beraad in;'
    first, second = rects
    assert second[1] > first[3] - 1  # second rectangle is on the next line
    # the first rectangle ends after the hyphenated part on line one; the second starts at the margin
    assert first[2] > 300 and second[0] < 80


def test_quote_with_printed_hyphen_and_line_break_is_found(demo_project):
    doc = find_document(demo_project, "Haarlem")
    a = find_quote(doc.text, "een burger-\nberaad in")
    b = find_quote(doc.text, "een   burgerberaad in")
    assert a is not None and a == b
    assert doc.text[a.start:a.end] == "een burgerberaad in"


def test_found_quote_round_trips_to_the_same_rectangles(demo_project):
    doc = find_document(demo_project, "Nijmegen")
    lay = layout(demo_project, doc)
    found = find_quote(doc.text, "Nijmegenaren krijgen het Uitdaagrecht")
    span = lay.snap(found.start, found.end)  # what a segment stores: whole words ("Uitdaagrecht:")
    assert doc.text[span.start:span.end] == "Nijmegenaren krijgen het Uitdaagrecht:"
    rects = lay.rects_for_span(span.start, span.end)
    (page, page_rects), = rects.items()
    # dragging from the middle of the first rectangle's left edge to the last's right edge
    x0, y0, _, y1 = page_rects[0]
    _, ly0, lx1, ly1 = page_rects[-1]
    again = lay.span_from_points(page, x0 + 1, (y0 + y1) / 2, page, lx1 - 1, (ly0 + ly1) / 2)
    assert (again.start, again.end) == (span.start, span.end)
    assert lay.rects_for_span(again.start, again.end) == rects


def test_selection_across_pages_gives_rectangles_on_each(demo_project):
    doc = find_document(demo_project, "Den Haag")
    lay = layout(demo_project, doc)
    p3, p4 = doc.pages[3], doc.pages[4]
    lo3, hi3 = lay.page_word_range(3)
    lo4, _ = lay.page_word_range(4)
    span = lay.span_of_words(hi3 - 5, lo4 + 5)
    coder = get_or_create_coder(demo_project, "Tester")
    seg = create_segment(demo_project, doc, find_code(demo_project, "THEMA-WIJK"), coder, span.start, span.end)
    assert (seg.page_first, seg.page_last) == (3, 4)
    assert set(seg.rects) == {"3", "4"}
    assert p3.text_start <= seg.start < p3.text_end and p4.text_start < seg.end <= p4.text_end


def test_drag_backwards_equals_forwards(demo_project):
    doc = find_document(demo_project, "Utrecht")
    lay = layout(demo_project, doc)
    lo, hi = lay.page_word_range(5)
    b1, b2 = lay.boxes[lo + 10], lay.boxes[lo + 40]
    fwd = lay.span_from_points(5, b1[0] + 1, b1[1] + 2, 5, b2[2] - 1, b2[1] + 2)
    bwd = lay.span_from_points(5, b2[2] - 1, b2[1] + 2, 5, b1[0] + 1, b1[1] + 2)
    assert fwd == bwd


def test_partial_word_selection_snaps_to_whole_words(demo_project):
    doc = find_document(demo_project, "Haarlem")
    span = find_quote(doc.text, "burgerberaad")
    lay = layout(demo_project, doc)
    snapped = lay.snap(span.start + 3, span.end - 3)
    assert doc.text[snapped.start:snapped.end] == "burgerberaad"


def test_demo_segments_by_two_coders(demo_project):
    a = get_or_create_coder(demo_project, "Demo coder A")
    b = get_or_create_coder(demo_project, "Demo coder B")
    assert len(segments(demo_project, coder=a)) == 6
    assert len(segments(demo_project, coder=b)) == 5
