"""Exact values of dictionary helpers that mutation testing found without a test: the sentence
around a hit, empty terms, and the autocode tally."""
from __future__ import annotations

from collections import Counter

import pytest

from burgerannotator.core.dictionary import AutocodeResult, sentence_around, term_pattern
from burgerannotator.core.errors import UserError

TEXT = "Eerste zin. Tweede zin met burgerberaad erin! Derde zin?\n\nNieuw blok zonder punt\fVolgende pagina."


def span(word):
    i = TEXT.index(word)
    return i, i + len(word)


@pytest.mark.parametrize("word, sentence", [
    ("burgerberaad", "Tweede zin met burgerberaad erin!"),
    ("Eerste", "Eerste zin."),
    ("Derde", "Derde zin?"),
    ("blok", "Nieuw blok zonder punt"),
    ("Volgende", "Volgende pagina."),
])
def test_sentence_around(word, sentence):
    lo, hi = sentence_around(TEXT, *span(word))
    assert TEXT[lo:hi] == sentence


def test_sentence_around_never_shrinks_the_hit():
    assert sentence_around("abc", 0, 3) == (0, 3)
    assert sentence_around("  x  ", 2, 3) == (2, 3)


def test_an_empty_term_is_refused():
    with pytest.raises(UserError) as err:
        term_pattern("   ")
    assert str(err.value) == "A dictionary term is empty."


def test_autocode_tally():
    r = AutocodeResult("Anna", "hit", False, created=Counter({("A", "Haarlem"): 2, ("B", "Utrecht"): 1}),
                       accepted=Counter({("A", "Utrecht"): 3}), skipped_rejected=4, skipped_existing=5, excluded=6)
    assert r.total == 6
    assert r.per_code() == Counter({"A": 5, "B": 1})
    assert r.to_dict() == {
        "coder": "Anna", "unit": "hit", "accept_all": False, "total": 6, "skipped_rejected": 4,
        "skipped_existing": 5, "excluded": 6,
        "counts": [{"code": "A", "document": "Haarlem", "segments": 2},
                   {"code": "A", "document": "Utrecht", "segments": 3},
                   {"code": "B", "document": "Utrecht", "segments": 1}]}
