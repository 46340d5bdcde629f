"""Exact values for core/dictionary.py, written against the mutants bench/mutation.py dictionary showed
surviving after the issue-17 speed-up (``CodeTerms.starts`` finds the terms' first literals with
``str.find``, ``CodeTerms.finditer`` tries the pattern only there and falls back to the regex scan where
heads are dense): the dense threshold exactly at and around ``DENSE``, heads at the text's start and end,
overlapping heads, a match that begins exactly where the previous one ended, codes without heads, the
index narrowing, the false-friend guard on any span, the sentence's edges, and autocode's counts, log
entry, deciders and one-layout-at-a-time. Every finditer test also compares with ``pattern.finditer``
(the old per-code scan).

Survivors left (mutmut 3.8.1 names, x_<function>__mutmut_N / xǁCodeTermsǁ<method>__mutmut_N), judged
equivalent:
* CodeTerms.finditer 8 (``len(folded) / DENSE``: for a whole count n, n > floor(x) exactly when n > x);
* CodeTerms.starts 13, 15, 16 (``find(head, None)``, ``find(head)``, ``find(head, i - 1)``: the same head is
  found again forever;
  mutmut's timeout ends them, counted as not killed; a test could only fail sooner with a clock);
* is_false_friend 2 (``start >= 0``: one more step, to -1, and ``finditer`` reads a negative pos as 0);
* candidates 2 (``candidate_ids`` of None is None, as before);
* sentence_around 17, 47 (``<=``/``>=``: ``min(lo, start)`` and ``max(hi, end)`` clamp the extra step),
  42, 45 (a block or page end taken with its white space: the trimming loop removes it again);
* autocode 42, 60, 66 (no index narrowing: the index only rules documents out that hold no term, so
  reading every document finds the same hits, slower; test_dictionary.py's
  test_the_index_only_skips_documents_without_the_terms), 135, 190 (``_decide`` ignores its project),
  162, 172, 177 (``flush``: when the new segments reach the database changes no value), 184
  (``cache.pop`` without a default: ``layout`` has just cached the key).
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from sqlalchemy import select

from burgerannotator.core import dictionary, suggestions
from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import consensus_coder, get_or_create_coder
from burgerannotator.core.dictionary import (FALSE_FRIENDS, CodeTerms, _false_friend_patterns, autocode,
                                             compile_code, compile_codes, find_hits, is_false_friend,
                                             sentence_around)
from burgerannotator.core.documents import find_document, layout
from burgerannotator.core.errors import UserError
from burgerannotator.core.models import Code, LogEntry, Segment, utcnow
from burgerannotator.core.search_index import document_text, fold


PARTICIPATIE_HITS, PARTICIPATIEWET, PARTICIPATIE_HAARLEM = 31, 42, 4
BURGERBERAAD_HITS = 6


def code_terms(*terms: str) -> CodeTerms:
    return compile_code(Code(id=7, code_id="T", name="T", kind="code", terms=list(terms)))


class SpyPattern:
    """A compiled pattern that records which way ``CodeTerms.finditer`` used it."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.calls: list[str] = []

    def finditer(self, text):
        self.calls.append("finditer")
        return self.pattern.finditer(text)

    def match(self, text, pos):
        self.calls.append(f"match {pos}")
        return self.pattern.match(text, pos)


def spans(ct: CodeTerms, folded: str) -> list[tuple[int, int]]:
    return [m.span() for m in ct.finditer(folded)]


def old_spans(ct: CodeTerms, folded: str) -> list[tuple[int, int]]:
    pattern = ct.pattern.pattern if isinstance(ct.pattern, SpyPattern) else ct.pattern
    return [m.span() for m in pattern.finditer(folded)]


# ---- starts ----------------------------------------------------------------------------------------
def test_heads_are_the_terms_first_literals_once_each():
    ct = code_terms("Burgerberaad*", "burgerberaad", "Coöperatie", "wijken en buurten", "x.")
    assert ct.heads == ("burgerberaad", "cooperatie", "wijken", "x.")


def test_starts_finds_every_head_in_order_including_text_start_end_and_overlaps():
    ct = code_terms("aa*", "b")
    #        0123456789
    text = "aaa b aab"
    assert ct.starts(text) == [0, 1, 4, 6, 8]
    assert ct.starts(text, None) == [0, 1, 4, 6, 8]
    assert ct.starts("b") == [0]
    assert ct.starts("xb") == [1]
    assert ct.starts("") == []
    assert ct.starts("xyz", 0) == []


def test_starts_gives_up_past_the_limit_exactly():
    ct = code_terms("ab", "b")
    text = "ab ab ab"  # heads at 0,1,3,4,6,7: six offsets
    assert ct.starts(text, 6) == [0, 1, 3, 4, 6, 7]
    assert ct.starts(text, 7) == [0, 1, 3, 4, 6, 7]
    assert ct.starts(text, 5) is None
    assert ct.starts(text, 0) is None
    assert ct.starts("ab", 1) is None  # two offsets (the heads "ab" and "b"): more than one
    assert ct.starts("ab x", 2) == [0, 1]


def test_one_offset_of_two_heads_counts_once_against_the_limit():
    ct = code_terms("ab*", "abc")
    assert ct.heads == ("ab", "abc")
    assert ct.starts("abc", 1) == [0]
    assert ct.starts("abc abc", 2) == [0, 4]


# ---- finditer: which way, exactly at DENSE ----------------------------------------------------------
def test_dense_is_64():
    assert dictionary.DENSE == 64


@pytest.mark.parametrize("length, heads, way", [
    (192, 3, "match"),      # 192 // 64 = 3 heads allowed
    (192, 4, "finditer"),   # one more: the regex scan
    (191, 3, "finditer"),   # 191 // 64 = 2
    (191, 2, "match"),
    (256, 4, "match"),
    (255, 4, "finditer"),
    (63, 1, "finditer"),    # a text shorter than DENSE: any head at all is dense
    (64, 1, "match"),
    (63, 0, "match"),       # no head at all: nothing to try
])
def test_the_regex_scans_only_where_heads_are_dense(length, heads, way):
    ct = code_terms("burger")
    spy = ct.pattern = SpyPattern(ct.pattern)
    text = ("burger " * heads).ljust(length, ".")
    assert len(text) == length
    got = spans(ct, text)
    assert got == [(7 * i, 7 * i + 6) for i in range(heads)]
    assert got == old_spans(ct, text)
    if way == "finditer":
        assert spy.calls == ["finditer"]
    else:
        assert spy.calls == [f"match {7 * i}" for i in range(heads)]


def test_without_heads_the_regex_scans():
    ct = code_terms("burger*")
    plain = CodeTerms(ct.code, ct.terms, SpyPattern(ct.pattern))
    assert plain.heads == ()
    text = "de burgers en burger " + "." * 300
    assert spans(plain, text) == [(3, 10), (14, 20)]
    assert plain.pattern.calls == ["finditer"]


# ---- finditer: the old scan's matches, one by one --------------------------------------------------
def both_ways(ct: CodeTerms, folded: str, dense_values=(1, 10**9)) -> list[list[tuple[int, int]]]:
    out = []
    for dense in dense_values:
        saved, dictionary.DENSE = dictionary.DENSE, dense
        try:
            out.append(spans(ct, folded))
        finally:
            dictionary.DENSE = saved
    return out


def test_a_match_may_begin_exactly_where_the_previous_ended():
    ct = code_terms("x.", ".y")
    text = "x..y"
    assert old_spans(ct, text) == [(0, 2), (2, 4)]
    assert both_ways(ct, text) == [[(0, 2), (2, 4)]] * 2


def test_heads_at_the_text_start_and_end():
    ct = code_terms("ab*", "z")
    text = "ab z abc z"
    assert old_spans(ct, text) == [(0, 2), (3, 4), (5, 8), (9, 10)]
    assert both_ways(ct, text) == [old_spans(ct, text)] * 2


def test_a_head_inside_a_match_is_skipped_and_later_ones_are_tried():
    ct = code_terms("wijken en buurten", "buurt*", "en")
    text = fold("Wijken en buurten, en buurtwerk en")
    want = [(0, 17), (19, 21), (22, 31), (32, 34)]
    assert old_spans(ct, text) == want
    assert both_ways(ct, text) == [want] * 2


def test_a_head_that_fails_the_word_boundary_is_not_a_hit():
    """The look-behind sees the text before a candidate offset (``match(text, pos)``, not a slice)."""
    ct = code_terms("beraad")
    text = "burgerberaad beraad"
    assert ct.starts(text) == [6, 13]
    assert old_spans(ct, text) == [(13, 19)]
    assert both_ways(ct, text) == [[(13, 19)]] * 2


# ---- autocode: one document's layout at a time -----------------------------------------------------
def test_autocode_drops_the_layouts_it_built_and_keeps_the_ones_shown(demo_project):
    haarlem = find_document(demo_project, "Haarlem")
    breda = find_document(demo_project, "Breda")
    shown = layout(demo_project, breda)
    demo_project.cache.pop(("layout", haarlem.id), None)
    coder = get_or_create_coder(demo_project, "Layouts")
    result = autocode(demo_project, coder, documents=[haarlem, breda])
    assert ("layout", haarlem.id) not in demo_project.cache
    assert demo_project.cache[("layout", breda.id)] is shown
    assert {label for _code, label in result.created} == {"Breda", "Haarlem"}
    assert result.total == 23


# ---- sentence_around edges ---------------------------------------------------------------------
def test_a_sentence_with_nothing_before_it_starts_at_the_text_start():
    assert sentence_around("Aa burger.", 3, 9) == (0, 10)


def test_the_sentence_looks_no_further_than_its_reach():
    assert dictionary.SENTENCE_REACH == 1500
    text = "burger " + "x" * 2000 + ". Einde."
    assert sentence_around(text, 0, 6) == (0, 1506)
    text = "Begin. " + "x" * 2000 + " burger"
    start = text.index("burger")
    assert sentence_around(text, start, start + 6) == (start - 1500, start + 6)


@pytest.mark.parametrize("text, sentence", [
    ("Een burger mooi \n\nVolgende", "Een burger mooi"),
    ("Een burger mooi   \fVolgende", "Een burger mooi"),
    ("Een burger mooi \n \t\nVolgende", "Een burger mooi"),
    ("Een burger mooi  ", "Een burger mooi"),
])
def test_white_space_before_a_block_or_page_end_is_left_out(text, sentence):
    lo, hi = sentence_around(text, 4, 10)
    assert (lo, hi) == (0, len(sentence))
    assert text[lo:hi] == sentence


# ---- autocode: who, which codes, which documents, false friends --------------------------------------
def test_autocode_refuses_the_consensus_coder(demo_project):
    with pytest.raises(UserError) as err:
        autocode(demo_project, consensus_coder(demo_project))
    assert str(err.value) == "The dictionary suggests codings to a coder, not to the consensus."


def test_autocode_leaves_categories_alone(demo_project):
    category = next(c for c in demo_project.session.scalars(select(Code)) if c.kind == "category")
    category.terms = ["burgerberaad"]
    result = autocode(demo_project, get_or_create_coder(demo_project, "Categories"), codes=[category])
    assert (result.total, result.to_dict()["counts"]) == (0, [])


def test_autocode_counts_the_false_friends_it_left_alone(demo_project):
    code = find_code(demo_project, "MECH-BURGERBERAAD")
    code.terms = ["participatie*"]
    result = autocode(demo_project, get_or_create_coder(demo_project, "Friends"), codes=[code])
    assert (result.total, result.excluded) == (PARTICIPATIE_HITS, PARTICIPATIEWET)
    assert result.created[("MECH-BURGERBERAAD", "Haarlem")] == PARTICIPATIE_HAARLEM
    assert last_log(demo_project) == ("autocode", "Dictionary: 31 segment(s) suggested for Friends", "Friends", {
        "unit": "hit", "accept_all": False, "codes": ["MECH-BURGERBERAAD"], "created": 31, "accepted": 0,
        "skipped_rejected": 0, "skipped_existing": 0, "excluded": 42})


def test_accepting_pending_suggestions_records_the_coder(demo_project):
    coder = get_or_create_coder(demo_project, "Decider")
    code = find_code(demo_project, "MECH-UITDAAGRECHT")
    first = autocode(demo_project, coder, [code])
    pending = suggestions.pending(demo_project, coder)
    assert len(pending) == first.total == 3
    assert all(s.decided_by is None for s in pending)
    final = autocode(demo_project, coder, [code], accept_all=True)
    assert sum(final.accepted.values()) == 3 and sum(final.created.values()) == 0
    assert [(s.status, s.decided_by) for s in pending] == [("coded", coder)] * 3


def test_accept_all_for_some_codes_leaves_other_codes_suggestions_alone(demo_project):
    coder = get_or_create_coder(demo_project, "Two codes")
    uitdaag, beraad = (find_code(demo_project, c) for c in ("MECH-UITDAAGRECHT", "MECH-BURGERBERAAD"))
    autocode(demo_project, coder, [uitdaag, beraad])
    before = {s.id: s.code.code_id for s in suggestions.pending(demo_project, coder)}
    assert sorted(before.values()).count("MECH-UITDAAGRECHT") == 3
    result = autocode(demo_project, coder, [uitdaag], accept_all=True)
    assert sum(result.accepted.values()) == 3
    left = {s.id: s.code.code_id for s in suggestions.pending(demo_project, coder)}
    assert left == {i: c for i, c in before.items() if c == "MECH-BURGERBERAAD"}
    assert len(left) == len(before) - 3 == 6


def test_every_rejection_is_counted(demo_project):
    coder = get_or_create_coder(demo_project, "Rejecter")
    code = find_code(demo_project, "MECH-UITDAAGRECHT")
    autocode(demo_project, coder, [code])
    pending = suggestions.pending(demo_project, coder)
    assert len(pending) == 3
    for seg in pending[:2]:
        suggestions.reject(demo_project, seg)
    again = autocode(demo_project, coder, [code])
    assert (again.total, again.skipped_rejected, again.skipped_existing) == (0, 2, 1)
    assert last_log(demo_project)[3] == {
        "unit": "hit", "accept_all": False, "codes": ["MECH-UITDAAGRECHT"], "created": 0, "accepted": 0,
        "skipped_rejected": 2, "skipped_existing": 1, "excluded": 0}


def test_sentences_are_cut_in_the_original_text_not_the_folded(demo_project):
    """A typographic quote folds to a plain one: ``.\u201c`` ends no sentence, its folded ``."`` would."""
    doc = find_document(demo_project, "Haarlem")
    code = find_code(demo_project, "MECH-BURGERBERAAD")
    text = document_text(demo_project, doc)[0]
    hit = find_hits(demo_project, doc, compile_codes([code]))[0]
    j = text.index(". ", hit.end)
    changed = text[:j - 1] + ".\u201c" + text[j + 1:]
    demo_project.cache[("folded", doc.id)] = (changed, fold(changed))
    demo_project.cache.pop(("layout", doc.id), None)
    lo, hi = sentence_around(changed, hit.start, hit.end)
    assert sentence_around(fold(changed), hit.start, hit.end)[1] == j + 1 < hi
    coder = get_or_create_coder(demo_project, "Sentences")
    autocode(demo_project, coder, [code], unit="sentence", documents=[doc])
    first = min(suggestions.pending(demo_project, coder), key=lambda s: s.start)
    span = layout(demo_project, doc).snap(lo, hi)
    assert (first.start, first.end) == (span.start, span.end)
    assert first.end > j + 1


def test_accept_all_codes_with_the_coder_as_decider_and_a_rerun_skips_every_coded_span(demo_project):
    coder = get_or_create_coder(demo_project, "Accepter")
    code = find_code(demo_project, "MECH-BURGERBERAAD")
    first = autocode(demo_project, coder, [code], accept_all=True)
    segs = demo_project.session.scalars(select(Segment).where(Segment.coder_id == coder.id)).all()
    assert first.total == len(segs) == BURGERBERAAD_HITS
    assert {(s.status, s.decided_by, s.origin) for s in segs} == {("coded", coder, "dictionary")}
    assert max(first.created.values()) > 1  # several spans in one document: each one is skipped below
    again = autocode(demo_project, coder, [code])
    assert (again.total, again.skipped_existing, again.skipped_rejected) == (0, BURGERBERAAD_HITS, 0)


def test_accept_all_also_codes_earlier_suggestions_it_does_not_meet_again_but_not_deleted_ones(demo_project):
    coder = get_or_create_coder(demo_project, "Earlier")
    code = find_code(demo_project, "MECH-UITDAAGRECHT")
    autocode(demo_project, coder, [code], unit="sentence")
    sentences = sorted(suggestions.pending(demo_project, coder), key=lambda s: (s.document_id, s.start))
    assert len(sentences) == 3
    sentences[0].deleted = utcnow()
    result = autocode(demo_project, coder, [code], unit="hit", accept_all=True)
    assert (sum(result.created.values()), sum(result.accepted.values())) == (3, 2)
    assert (sentences[0].status, sentences[0].decided_by) == ("suggested", None)
    assert [(s.status, s.decided_by) for s in sentences[1:]] == [("coded", coder)] * 2
    assert result.accepted == Counter({("MECH-UITDAAGRECHT", s.document.label): 1 for s in sentences[1:]})
    assert last_log(demo_project) == ("autocode", "Dictionary: 5 segment(s) coded for Earlier", "Earlier", {
        "unit": "hit", "accept_all": True, "codes": ["MECH-UITDAAGRECHT"], "created": 3, "accepted": 2,
        "skipped_rejected": 0, "skipped_existing": 0, "excluded": 0})


def test_accept_all_counts_each_earlier_suggestion_of_a_document(demo_project):
    coder = get_or_create_coder(demo_project, "Per document")
    code = find_code(demo_project, "MECH-BURGERBERAAD")
    autocode(demo_project, coder, [code], unit="sentence")
    per_document = Counter(("MECH-BURGERBERAAD", s.document.label) for s in suggestions.pending(demo_project, coder))
    assert max(per_document.values()) == 2
    result = autocode(demo_project, coder, [code], unit="hit", accept_all=True)
    assert result.accepted == per_document


def last_log(project) -> tuple:
    entry = project.session.scalars(select(LogEntry).order_by(LogEntry.id.desc())).first()
    return entry.action, entry.summary, entry.coder_name, entry.details


# ---- the index query, the false-friend guard on any span --------------------------------------------
def test_the_index_query_of_a_code():
    assert code_terms("burger*", "lokale democratie").fts() == '("burger"*) OR ("lokale" + "democratie")'
    assert code_terms("burger", "\u00a7").fts() is None  # a term without a word: the index cannot narrow down
    assert code_terms("\u00a7").fts() is None


def test_a_span_is_widened_to_its_own_words_only():
    """Before the cases below (bench/mutation.py runs tests in file order, a parametrized test's cases in any
    order): these fail, rather than hang, when a step goes to a fixed offset (``start = 1``, ``end = 1``)."""
    guards = _false_friend_patterns(FALSE_FRIENDS)
    assert is_false_friend(fold(" participatiewet burger"), 18, 23, guards) is False  # not into the word before
    assert is_false_friend(fold("x participatiewet"), 2, 6, guards) is True  # forward to the word's end


@pytest.mark.parametrize("text, start, end, friend", [
    (" participatiewet burger", 18, 23, False),  # back to the word's start only, not into the word before
    ("x participatiewet", 2, 6, True),           # forward to the word's end
    ("participatiewet", 1, 5, True),             # from inside the word's second letter back to the text start
    ("participatiewet", 14, 15, True),           # its last letter: back over the whole word
    (" participatiewet", 2, 16, True),           # back over exactly one letter
    ("burgers participatiewet", 0, 4, False),    # forward to the word's end only, not into the next word
    ("de participatie wet", 3, 15, False),
    ("burgerzaken", 0, 11, True),
])
def test_a_span_is_a_false_friend_when_its_whole_words_are(text, start, end, friend):
    assert is_false_friend(fold(text), start, end, _false_friend_patterns(FALSE_FRIENDS)) is friend


# ---- compiling, and find_hits' narrowing by the index ---------------------------------------------
def test_only_string_terms_with_text_are_compiled():
    ct = compile_code(Code(id=3, code_id="T", name="T", kind="code", terms=["  burger* ", 7, None, "", "   ", "wijk"]))
    assert (ct.terms, ct.heads) == (["burger*", "wijk"], ("burger", "wijk"))
    assert compile_code(Code(id=3, code_id="T", name="T", kind="code", terms=[7, " "])) is None


class _Doc:
    id = 5


class _Project:
    def __init__(self, text: str):
        self.cache = {("folded", 5): (text, fold(text))}


@pytest.mark.parametrize("only, found", [
    (None, 2), ({}, 2), ({0: None}, 2), ({0: {5}}, 2), ({0: {4, 6}}, 0), ({0: set()}, 0), ({1: set()}, 2)])
def test_find_hits_skips_a_code_only_where_the_index_rules_the_document_out(only, found):
    text = "Het Burgerberaad en de burgers."
    compiled = [code_terms("burger*")]
    hits = dictionary.find_hits(_Project(text), _Doc(), compiled, FALSE_FRIENDS, None, only)
    assert [(h.document_id, h.code_id, h.start, h.end, h.matched) for h in hits] == \
        [(5, 7, 4, 16, "Burgerberaad"), (5, 7, 23, 30, "burgers")][:found]
