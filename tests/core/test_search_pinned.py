"""Exact output of search and of the dictionary on the demo corpus, pinned before the issue-17
speed work (i17p) changed how they are computed: every hit's document, term, offsets, page and
words in context, every dictionary hit (code, offsets, false friends left alone) and every
suggestion autocode makes. The digests were recorded from the code as it was before the change;
the counts beside them say what they cover.

A second check runs the per-code scan the dictionary used before (kept here as the reference) and
the current one over generated texts full of overlapping terms of different codes."""
from __future__ import annotations

import hashlib
import json
import re
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

from burgerannotator.core import dictionary
from burgerannotator.core.codebook import leaf_codes
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.dictionary import (
    FALSE_FRIENDS,
    _false_friend_patterns,
    autocode,
    candidates,
    compile_codes,
    find_hits,
    is_false_friend,
)
from burgerannotator.core.models import Code, Segment
from burgerannotator.core.search import search
from burgerannotator.core.search_index import fold, light_documents

QUERIES = ["burgerberaad", "burgerbera*", "uitdaagrecht*", "participatie", '"lokale democratie"',
           '"vertrouwen in"', "energiecooperatie*", "burgerberaad OR burgerraad OR inwonersberaad",
           "wijk*", "Participatiewet", '"de uitvoering van de participatiewet"', "initiatief*",
           "de", "wijk* buurt*", "burger* burgerberaad", "buurt* OR wijk* OR buurtbudget*", "coöperatie*",
           '"wijken en buurten" OR wijk*', "gemeente* inwoners", "co-creatie", "in*"]

# Codes beside the codebook whose terms overlap each other and the codebook's (and catch false friends).
EXTRA_TERMS = {
    "X-BURGER": ["burger*", "burgerberaad", "participatie*"],
    "X-WIJK": ["wijk*", "buurt*", "wijken en buurten", "in de wijk"],
    "X-IN": ["in*", "initiatief*", "inwoners*"],
    "X-DE": ["de gemeente", "gemeente*", "de"],
}


def digest(rows) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def search_rows(project) -> list:
    rows = []
    for q in QUERIES:
        result = search(project, q)
        rows.append([q, result.total, result.used_index, [
            [d.label, d.file_name, d.count, [[h.label, h.term, h.start, h.end, h.page_index, h.page_label,
                                              h.before, h.match, h.after] for h in d.hits]]
            for d in result.documents]])
    return rows


def test_search_output_is_pinned(demo_project):
    rows = search_rows(demo_project)
    assert {q: total for q, total, _used, _docs in rows} == PINNED_SEARCH_TOTALS
    assert digest(rows) == PINNED_SEARCH_DIGEST


def test_search_json_is_pinned(demo_project):
    out = [search(demo_project, q).to_dict() for q in ("wijk*", '"lokale democratie"', "burger* burgerberaad")]
    assert [o["total"] for o in out] == [797, 2, 9]
    for o in out:  # the demo's document uuids are new in every build: the label stands in for them
        for d in o["documents"]:
            assert len(d["document"]) == 36
            d["document"] = d["label"]
    assert digest(out) == PINNED_SEARCH_JSON_DIGEST


def test_search_follows_a_renamed_document(demo_project):
    """Searches keep the documents' labels between queries; editing an attribute is seen at once."""
    from burgerannotator import core
    from burgerannotator.core import ops

    first = search(demo_project, '"lokale democratie"')
    assert [d.label for d in first.documents] == ["Haarlem", "Amersfoort"]
    doc = core.documents.find_document(demo_project, "Amersfoort")
    ops.run(demo_project, ops.SetAttributes(doc.uuid, {"city": "Lent"}))
    assert [d.label for d in search(demo_project, '"lokale democratie"').documents] == ["Haarlem", "Lent"]
    ops.run(demo_project, ops.SetAttributes(doc.uuid, {"city": ""}))
    assert [d.label for d in search(demo_project, '"lokale democratie"').documents] == ["Haarlem",
                                                                                        doc.title or doc.file_name]


def extra_codes() -> list[Code]:
    return [Code(id=10_000 + i, code_id=cid, name=cid, kind="code", terms=terms)
            for i, (cid, terms) in enumerate(EXTRA_TERMS.items())]


def hit_rows(project, codes, only=True) -> tuple[list, list]:
    compiled = compile_codes(codes)
    narrowed = candidates(project, compiled) if only else None
    code_ids = {c.id: c.code_id for c in codes}
    hits, excluded = [], []
    for doc in light_documents(project):
        ex: list = []
        for h in find_hits(project, doc, compiled, FALSE_FRIENDS, ex, narrowed):
            hits.append([doc.label, code_ids[h.code_id], h.start, h.end, h.matched])
        excluded += [[doc.label, code_ids[h.code_id], h.start, h.end, h.matched] for h in ex]
    return hits, excluded


def test_dictionary_hits_are_pinned(demo_project):
    codebook = [c for c in leaf_codes(demo_project) if c.kind != "category"]
    hits, excluded = hit_rows(demo_project, codebook)
    assert (len(hits), len(excluded)) == (92, 0)
    assert digest(hits) == PINNED_CODEBOOK_HITS
    hits, excluded = hit_rows(demo_project, codebook + extra_codes(), only=False)
    assert (len(hits), len(excluded)) == (14308, 130)
    assert digest([hits, excluded]) == PINNED_OVERLAP_HITS


def test_autocode_suggestions_are_pinned(demo_project):
    rows = []
    for unit in ("hit", "sentence"):
        coder = get_or_create_coder(demo_project, f"Pinned {unit}")
        result = autocode(demo_project, coder, unit=unit)
        segs = demo_project.session.query(Segment).filter(Segment.coder_id == coder.id).all()
        rows.append([unit, result.to_dict(), sorted(
            [s.document.label, s.code.code_id, s.start, s.end, s.status, s.page_first, s.page_last, s.quote]
            for s in segs)])
    assert [r[1]["total"] for r in rows] == [92, 79]
    assert digest(rows) == PINNED_AUTOCODE


# ---- the per-code scan as it was, against the current one, on generated texts ----------------------
def reference_hits(folded: str, compiled, guards) -> tuple[list, list]:
    hits, excluded = [], []
    for ct in compiled:
        for m in ct.pattern.finditer(folded):
            s, e = m.span()
            (excluded if guards and is_false_friend(folded, s, e, guards) else hits).append((ct.code.id, s, e))
    return hits, excluded


BOTH_PATHS = (10**9, 1)  # dictionary.DENSE: the regex scan (every text "dense"), the heads one by one (never)


@contextmanager
def heads_dense(value: int):
    saved, dictionary.DENSE = dictionary.DENSE, value
    try:
        yield
    finally:
        dictionary.DENSE = saved


class _Doc:
    id = 1


class _Project:
    """Just enough of a project for ``find_hits``: the text cache it reads the folded text from."""

    def __init__(self, text: str):
        self.cache = {("folded", 1): (text, fold(text))}


WORDS = ["burger", "burgerberaad", "burgerberaden", "burgerbegroting", "participatie", "participatiewet", "wijk",
         "wijken", "en", "buurten", "buurtbudget", "in", "initiatief", "inwoners", "de", "gemeente", "lokale",
         "democratie", "uitdaging", "uitdaagrecht", "co-creatie", "coöperatie", "Wijkraad", "vertrouwen",
         "energiecoöperatie", "x",
         # phrases whose inner words begin other terms of the same code (hits that overlap within a code)
         "en buurten", "wijken en buurten", "in de gemeente", "de gemeente", "lokale democratie"]
SEPARATORS = [" ", "  ", "\n", "\f", "-", ".", ", ", ""]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60))
def test_the_scan_equals_the_per_code_scan(parts):
    text = "".join(w + s for w, s in parts)
    codes = [Code(id=i + 1, code_id=cid, name=cid, kind="code", terms=terms) for i, (cid, terms) in enumerate([
        ("A", ["burgerberaad*", "burgerberaden", "burgerraad"]), ("B", ["burger*", "participatie*"]),
        ("C", ["wijken en buurten", "wijk*"]), ("D", ["buurt*", "en buurten"]), ("E", ["in*", "de gemeente", "in de gemeente"]),
        ("F", ["de", "lokale democratie"]), ("G", ["co-creatie", "energiecoöperatie*"]), ("H", ["x"])])]
    compiled = compile_codes(codes)
    guards = _false_friend_patterns(FALSE_FRIENDS)
    want_hits, want_excluded = reference_hits(fold(text), compiled, guards)
    for dense in BOTH_PATHS:
        with heads_dense(dense):
            ex: list = []
            got = [(h.code_id, h.start, h.end) for h in find_hits(_Project(text), _Doc(), compiled, FALSE_FRIENDS, ex)]
        assert got == want_hits
        assert [(h.code_id, h.start, h.end) for h in ex] == want_excluded
        assert all(h.matched == text[h.start:h.end] for h in ex)


def test_overlaps_within_one_code_are_skipped_as_finditer_does():
    text = "Wijken en buurten: in de gemeente de gemeentewijk, en buurten en buurtwerk."
    codes = [Code(id=1, code_id="D", name="D", kind="code", terms=["buurt*", "en buurten", "wijken en buurten"]),
             Code(id=2, code_id="E", name="E", kind="code", terms=["in*", "gemeente*", "in de gemeente"])]
    compiled = compile_codes(codes)
    for dense in BOTH_PATHS:
        with heads_dense(dense):
            got = [(h.code_id, text[h.start:h.end]) for h in find_hits(_Project(text), _Doc(), compiled, ())]
        assert got == [(1, "Wijken en buurten"), (1, "en buurten"), (1, "buurtwerk"), (2, "in"), (2, "gemeente"),
                       (2, "gemeentewijk")]
        assert got == [(c, text[s:e]) for c, s, e in reference_hits(fold(text), compiled, [])[0]]


def test_reference_finds_overlaps():
    """The generated texts do hold hits of different codes on the same words (else the check above is idle)."""
    text = "de burgerberaden in de wijken en buurten"
    codes = [Code(id=1, code_id="A", name="A", kind="code", terms=["burgerberaad*", "burgerberaden"]),
             Code(id=2, code_id="B", name="B", kind="code", terms=["burger*"]),
             Code(id=3, code_id="C", name="C", kind="code", terms=["wijken en buurten"]),
             Code(id=4, code_id="D", name="D", kind="code", terms=["buurt*", "en buurten"])]
    hits, _ = reference_hits(fold(text), compile_codes(codes), [])
    assert hits == [(1, 3, 16), (2, 3, 16), (3, 23, 40), (4, 30, 40)]
    assert re.sub(r"\s", "", text[30:40]) == "enbuurten"


PINNED_SEARCH_TOTALS = {
    "burgerberaad": 2, "burgerbera*": 2, "uitdaagrecht*": 2, "participatie": 26, '"lokale democratie"': 2,
    '"vertrouwen in"': 2, "energiecooperatie*": 1, "burgerberaad OR burgerraad OR inwonersberaad": 4, "wijk*": 797,
    "Participatiewet": 42, '"de uitvoering van de participatiewet"': 19, "initiatief*": 42, "de": 8468,
    "wijk* buurt*": 528, "burger* burgerberaad": 9, "buurt* OR wijk* OR buurtbudget*": 817, "coöperatie*": 0,
    '"wijken en buurten" OR wijk*': 797, "gemeente* inwoners": 1415, "co-creatie": 3, "in*": 4298}
PINNED_SEARCH_DIGEST = "1f3e745cc7cc7d380f990ae35241daf3a305719ff49789d97d4c5a0f8abb66b3"
PINNED_SEARCH_JSON_DIGEST = "a382680cda28106fbad40d5aaaa40ad4f4aa9dcd349df17f7bec88b9770ca065"
PINNED_CODEBOOK_HITS = "5d852f72ed8ff8b2ccd379a328c8fe6b7bcd5dabdec43507f645bdecd028ec5d"
PINNED_OVERLAP_HITS = "5d4a53fad5bb39c4fa4abd63d102206e4af941657fcf69403aff4a2394d3f64a"
PINNED_AUTOCODE = "b010bc0a623e2b2181a8f7a28b30ee15871ec7032e7f5df78a46638ce37984ff"


# ---- the word layout read all pages at once, against the page-by-page build ----------------------
def layout_page_by_page(text, pages):
    """The layout's arrays as ``DocumentLayout`` built them before issue 17 (page by page)."""
    import numpy as np

    from burgerannotator.core.anchoring import BOX_DTYPE, SPAN_DTYPE, unpack_words

    boxes, spans, page_of, bounds = [], [], [], {}
    for p in sorted(pages, key=lambda p: p.index):
        b, s = unpack_words(p.word_boxes, p.word_offsets)
        boxes.append(b)
        spans.append(s)
        page_of.append(np.full(len(s), p.index, dtype=np.int32))
        bounds[p.index] = (p.text_start, p.text_end)
    return (np.concatenate(boxes) if boxes else np.zeros((0, 4), BOX_DTYPE),
            np.concatenate(spans) if spans else np.zeros((0, 2), SPAN_DTYPE),
            np.concatenate(page_of) if page_of else np.zeros(0, np.int32), bounds)


def test_layout_equals_the_page_by_page_build(demo_project):
    import numpy as np

    from burgerannotator.core.documents import layout, list_documents
    from burgerannotator.core.models import Page

    words = 0
    for doc in list_documents(demo_project):
        lay = layout(demo_project, doc)
        pages = demo_project.session.query(Page).filter(Page.document_id == doc.id).all()
        boxes, spans, page_of, bounds = layout_page_by_page(doc.text, pages)
        for got, want in ((lay.boxes, boxes), (lay.spans, spans), (lay.page_of, page_of)):
            assert got.dtype == want.dtype and got.shape == want.shape and got.flags.writeable
            assert np.array_equal(got, want)
        assert lay.page_bounds == bounds
        assert lay.text == doc.text
        words += len(lay)
    assert words == 123311


def test_layout_of_a_damaged_page_still_fails_as_before():
    from types import SimpleNamespace

    import pytest

    from burgerannotator.core.anchoring import DocumentLayout, pack_words

    b, s = pack_words([(1, 2, 3, 4), (5, 6, 7, 8)], [(0, 2), (3, 5)])
    good = SimpleNamespace(index=0, text_start=0, text_end=5, word_boxes=b, word_offsets=s)
    cut = SimpleNamespace(index=1, text_start=6, text_end=9, word_boxes=b[:-3], word_offsets=s)
    with pytest.raises(ValueError):
        DocumentLayout("ab cd\fxyz", [cut, good])
    lay = DocumentLayout("ab cd\fxyz", [SimpleNamespace(**{**good.__dict__, "index": 1}), good])
    assert lay.page_of.tolist() == [0, 0, 1, 1] and lay.spans.tolist() == [[0, 2], [3, 5], [0, 2], [3, 5]]
