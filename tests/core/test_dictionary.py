"""The codebook's dictionary: term syntax, meaning traps, suggestions, review decisions, autocode."""
from __future__ import annotations

import re

import pytest

from burgerannotator.cli import main
from burgerannotator.core import suggestions
from burgerannotator.core.codebook import find_code, leaf_codes
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.dictionary import (
    FALSE_FRIENDS,
    autocode,
    candidates,
    compile_code,
    compile_codes,
    find_hits,
    sentence_around,
    term_pattern,
)
from burgerannotator.core.documents import find_document, layout, list_documents
from burgerannotator.core.errors import UserError
from burgerannotator.core.matrix import build_matrix, select_coders
from burgerannotator.core.models import Code
from burgerannotator.core.search_index import fold
from burgerannotator.core.segments import code_quote, segments
from burgerannotator.core.store import Project

# Which codes' terms occur in each city's text, established by reading bench/corpus/passages.json
# (each city's participation passages) against the terms of resources/codebook/burgerinitiatieven.json,
# and checking filler.json (ordinary policy text, traps, headings, tables) for terms: it has none.
# Notes from the reading: inclusie* also takes "inclusief" (Haarlem) and "inclusiever" (Tilburg);
# "vertrouwen, gelijkwaardigheid" (Nijmegen) is not "vertrouwen in"; "uitdagingen"/"uitdaging"
# (Amersfoort, Breda) are not uitdaagrecht but Amersfoort says "right to challenge";
# "wooncoöperaties" (Eindhoven) and "wijkenergieplannen" (Breda) are not energy terms;
# Almere's "wijk- en buurtgericht" and "buurtconciërges" are MECH-WIJKGERICHT.
EXPECTED = {
    "Amsterdam": {"THEMA-VERTROUWEN", "MECH-PARTICIPATIEKADER", "MECH-BUURTRECHTEN", "MECH-BUURTBUDGET"},
    "Rotterdam": {"THEMA-VERTROUWEN", "MECH-ZELFBEHEER"},
    "Den Haag": {"THEMA-WIJK", "THEMA-INBRENG-AKKOORD"},
    "Utrecht": {"TERM-PARTICIPATIESAMENLEVING", "TERM-BUURTINITIATIEF", "THEMA-GELIJKHEID", "MECH-WIJKGERICHT"},
    "Eindhoven": {"MECH-PRIJSVRAAG", "THEMA-GROEN", "TERM-BEWONERSINITIATIEF", "MECH-WIJKGERICHT",
                  "MECH-BUURTBUDGET", "TERM-BUURTINITIATIEF", "MECH-BURGERBERAAD", "MECH-PARTICIPATIEKADER",
                  "MECH-COCREATIE"},
    "Groningen": {"THEMA-WIJK", "THEMA-GELIJKHEID", "THEMA-COHESIE"},
    "Tilburg": {"THEMA-INBRENG-AKKOORD", "THEMA-GELIJKHEID"},
    "Almere": {"MECH-WIJKGERICHT", "TERM-INWONERSINITIATIEF", "MECH-PARTICIPATIEKADER", "MECH-BUURTBUDGET"},
    "Nijmegen": {"TERM-DEMOCRATISCHE-VERNIEUWING", "THEMA-GELIJKHEID", "THEMA-INBRENG-AKKOORD", "MECH-DIALOOG",
                 "MECH-DIGITAAL", "MECH-UITDAAGRECHT", "MECH-BURGERBERAAD", "TERM-INWONERSINITIATIEF",
                 "THEMA-GROEN"},
    "Arnhem": {"TERM-BURGERINITIATIEF", "MECH-BUURTBUDGET", "THEMA-COHESIE"},
    "Haarlem": {"THEMA-WIJK", "TERM-DEMOCRATISCHE-VERNIEUWING", "THEMA-GROEN", "MECH-WIJKGERICHT",
                "MECH-BUURTBUDGET", "TERM-BEWONERSINITIATIEF", "MECH-UITDAAGRECHT", "MECH-PARTICIPATIEKADER",
                "THEMA-GELIJKHEID", "MECH-BURGERBERAAD", "MECH-WIJKPLATFORM"},
    "Amersfoort": {"MECH-DIALOOG", "MECH-EXPERIMENT", "MECH-COCREATIE", "TERM-BURGERINITIATIEF",
                   "TERM-DEMOCRATISCHE-VERNIEUWING", "MECH-BURGERBERAAD", "MECH-PARTICIPATIEKADER",
                   "MECH-UITDAAGRECHT", "MECH-ZELFBEHEER", "THEMA-GROEN"},
    "Breda": {"THEMA-VERTROUWEN", "MECH-COCREATIE", "TERM-BEWONERSINITIATIEF", "THEMA-GROEN",
              "TERM-BURGERPARTICIPATIE", "TERM-DEMOCRATISCHE-VERNIEUWING"},
    "Apeldoorn": {"MECH-WIJKGERICHT", "TERM-BURGERPARTICIPATIE", "THEMA-GELIJKHEID"},
}
TRAP_WORDS = {"participatiewet", "burgerzaken", "uitdaging", "uitdagingen", "initiatiefvoorstel", "initiatiefnemer"}


def matches(term: str, value: str) -> list[str]:
    return [m.group() for m in re.finditer(term_pattern(term), fold(value))]


def test_term_syntax():
    assert matches("burgerberad*", "De burgerberaden adviseren") == ["burgerberaden"]
    assert matches("burgerberaad*", "Een Burgerberaad.") == ["burgerberaad"]
    assert matches("burgerraad", "burgerraden, burgerraad") == ["burgerraad"]
    assert matches("participatie", "de Participatiewet; participatie") == ["participatie"]
    assert matches("lokale democratie", "de lokale\ndemocratie en de lokale \f democratie") == \
        ["lokale\ndemocratie", "lokale \f democratie"]
    assert matches("duurzame warmte*", "duurzame  warmteoplossingen") == ["duurzame  warmteoplossingen"]
    assert matches("energiecoöperatie*", "Energiecooperaties") == ["energiecooperaties"]
    assert matches("co-creatie", "in co-creatie met; coco-creatie") == ["co-creatie"]
    for bad in ("*", "burger*raad", "  "):
        with pytest.raises(UserError):
            term_pattern(bad)


def _all_hits(project, false_friends=FALSE_FRIENDS, codes=None, excluded=None):
    compiled = compile_codes(codes if codes is not None else leaf_codes(project))
    out = []
    for doc in list_documents(project):
        out.extend((doc, h) for h in find_hits(project, doc, compiled, false_friends, excluded))
    return out


def test_the_codebook_leaves_the_traps_alone(demo_project):
    guarded = _all_hits(demo_project)
    words = {w.lower() for _doc, h in guarded for w in re.findall(r"\w+", h.matched)}
    assert not words & TRAP_WORDS
    # "participatie" on its own is no term: only in "beleidskader participatie" and "publieke participatie"
    assert {" ".join(h.matched.lower().split()) for _d, h in guarded if "participatie" in h.matched.lower().split()} == \
        {"beleidskader participatie", "publieke participatie"}
    # the shipped terms catch no trap by themselves: the false-friend guard changes nothing
    excluded = []
    unguarded = _all_hits(demo_project, false_friends=(), excluded=excluded)
    assert [(d.id, h) for d, h in unguarded] == [(d.id, h) for d, h in guarded] and not excluded


def test_the_index_only_skips_documents_without_the_terms(demo_project):
    compiled = compile_codes(leaf_codes(demo_project))
    only = candidates(demo_project, compiled)
    assert all(ids is not None for ids in only.values())  # every shipped term can be looked up in the index
    assert sum(len(ids) for ids in only.values()) < len(compiled) * 14 / 3
    for doc in list_documents(demo_project):
        assert find_hits(demo_project, doc, compiled, only=only) == find_hits(demo_project, doc, compiled)


def test_the_guard_stops_terms_that_would_catch_a_trap(demo_project):
    loose = Code(code_id="X-LOOSE", name="Loose", kind="code", terms=["participatie*", "burger*", "uitda*",
                                                                      "initiatie*"])
    excluded = []
    hits = _all_hits(demo_project, codes=[loose], excluded=excluded)
    caught = {h.matched.lower() for _d, h in hits}
    assert not caught & TRAP_WORDS
    assert {"participatiekaders", "burgerberaad", "uitdaagrecht", "initiatief"} <= caught
    assert {h.matched.lower() for h in excluded} >= {"participatiewet", "burgerzaken", "uitdaging",
                                                     "initiatiefvoorstel", "initiatiefnemer"}
    naive = {h.matched.lower() for _d, h in _all_hits(demo_project, false_friends=(), codes=[loose])}
    assert naive & TRAP_WORDS  # without the guard these terms would catch the traps


@pytest.mark.parametrize("city, word", [("Haarlem", "burgerberaad"), ("Eindhoven", "burgerberaad"),
                                        ("Nijmegen", "Uitdaagrecht")])
def test_hyphenated_terms_are_found(demo_project, city, word):
    doc = find_document(demo_project, city)
    code = find_code(demo_project, "MECH-BURGERBERAAD" if "beraad" in word else "MECH-UITDAAGRECHT")
    hits = [h for h in find_hits(demo_project, doc, compile_codes([code])) if h.matched == word]
    assert len(hits) == 1
    rects = layout(demo_project, doc).rects_for_span(hits[0].start, hits[0].end)
    assert sum(len(r) for r in rects.values()) == 2  # burger- | beraad on two lines


def test_sentence_unit():
    text = "Eerste zin. Wij stellen een\nburgerberaad in; ten minste één.\n\nKop\fVolgende."
    s = text.index("burgerberaad")
    lo, hi = sentence_around(text, s, s + len("burgerberaad"))
    assert text[lo:hi] == "Wij stellen een\nburgerberaad in; ten minste één."
    k = text.index("Kop")
    assert text[slice(*sentence_around(text, k, k + 3))] == "Kop"
    money = "€ 500.000 voor ontmoeten. x"
    assert money[slice(*sentence_around(money, 0, 1))] == "€ 500.000 voor ontmoeten."


def test_suggest_review_and_run_again(demo_project):
    coder = get_or_create_coder(demo_project, "Dictionary coder")
    codes = [find_code(demo_project, c) for c in ("MECH-UITDAAGRECHT", "MECH-BURGERBERAAD")]
    first = autocode(demo_project, coder, codes, unit="sentence")
    queue = suggestions.pending(demo_project, coder)
    assert len(queue) == first.total == 8
    assert all(s.status == "suggested" and s.origin == "dictionary" for s in queue)
    assert segments(demo_project, coder=coder) == []  # suggestions are not codings
    nijmegen = [s for s in queue if s.document.label == "Nijmegen" and s.code.code_id == "MECH-UITDAAGRECHT"]
    assert [s.quote for s in nijmegen] == ["Nijmegenaren krijgen het Uitdaagrecht: als inwoners een gemeentelijke "
                                           "taak beter kunnen uitvoeren, mogen zij die overnemen."]
    suggestions.reject(demo_project, nijmegen[0])
    suggestions.accept(demo_project, queue[0])
    again = autocode(demo_project, coder, codes, unit="sentence")
    assert again.total == 0 and again.skipped_rejected == 1 and again.skipped_existing == 7
    final = autocode(demo_project, coder, codes, unit="sentence", accept_all=True)
    assert final.total == 6 and final.skipped_rejected == 1
    assert suggestions.pending(demo_project, coder) == []
    assert nijmegen[0].status == "rejected"
    assert len(segments(demo_project, coder=coder)) == 7


def test_already_coded_spans_are_not_suggested(demo_project):
    coder = get_or_create_coder(demo_project, "Careful coder")
    code = find_code(demo_project, "MECH-DIALOOG")
    code_quote(demo_project, find_document(demo_project, "Nijmegen"), "Stadsgesprekken", code, coder)
    result = autocode(demo_project, coder, [code])
    assert result.skipped_existing == 1
    assert {label for _c, label in result.created} == {"Amersfoort"}


def test_bad_input(demo_project):
    coder = get_or_create_coder(demo_project, "X")
    with pytest.raises(UserError):
        autocode(demo_project, coder, unit="paragraph")
    with pytest.raises(UserError):
        compile_code(Code(code_id="BAD", name="Bad", kind="code", terms=["bur*ger"]))


def test_autocode_accept_all_gives_the_presence_matrix(demo_project_path, capsys):
    assert main(["autocode", str(demo_project_path), "--coder", "Dictionary", "--accept-all"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^MECH-UITDAAGRECHT\s+Nijmegen\s+1$", out, re.M)
    assert "0 false friend(s)" in out
    with Project.open(demo_project_path, readonly=True) as project:
        matrix = build_matrix(project, "presence", select_coders(project, "coder", "Dictionary"))
        present = {row.label: {col.code_id for j, col in enumerate(matrix.columns) if matrix.values[i, j]}
                   for i, row in enumerate(matrix.rows)}
        assert present == EXPECTED
        assert all(s.origin == "dictionary" for s in segments(project, coder=get_coder(project, "Dictionary")))
    # a second run finds everything coded already
    assert main(["autocode", str(demo_project_path), "--coder", "Dictionary", "--accept-all"]) == 0
    assert capsys.readouterr().out.startswith("0 segment(s) coded")


def get_coder(project, name):
    from burgerannotator.core.coders import find_coder

    return find_coder(project, name)


def test_cli_autocode_options(demo_project_path, capsys):
    path = str(demo_project_path)
    assert main(["autocode", path, "--coder", "C", "--codes", "MECH-BURGERBERAAD,Uitdaagrecht",
                 "--unit", "sentence"]) == 0
    out = capsys.readouterr().out
    assert "8 segment(s) suggested for C (sentence): 2 code(s) in 4 document(s)" in out
    assert main(["autocode", path, "--coder", "C", "--codes", "NOPE"]) == 5
    assert "No code 'NOPE'" in capsys.readouterr().err
    assert main(["autocode", path, "--coder", "C", "--unit", "page"]) == 2
    assert main(["autocode", path]) == 2  # --coder is required
