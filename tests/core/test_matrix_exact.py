"""Exact values of the matrix helpers that mutation testing showed were untested: who is counted,
the attribute list, the segments behind a cell, and how a share is printed."""
from __future__ import annotations

import pytest
from types import SimpleNamespace

from burgerannotator.core import codebook, segments
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.errors import UserError
from burgerannotator.core.matrix import build_matrix, cell_segments, document_attributes, format_value, select_coders


def test_select_coders_modes(demo_project):
    every = select_coders(demo_project)
    assert every.mode == "all"
    assert [c.name for c in every.coders] == ["Demo coder A", "Demo coder B"]
    assert every.description == "all coders pooled"
    one = select_coders(demo_project, "coder", "Demo coder B")
    assert (one.mode, [c.name for c in one.coders], one.description) == ("coder", ["Demo coder B"], "Demo coder B")
    with pytest.raises(UserError) as err:
        select_coders(demo_project, "coder")
    assert str(err.value) == "Say which coder with --coder NAME."
    with pytest.raises(UserError) as err:
        select_coders(demo_project, "consensus")
    assert str(err.value) == "This project has no consensus coding yet; merge the coders' work first."
    with pytest.raises(UserError) as err:
        select_coders(demo_project, "everyone")
    assert str(err.value) == "Unknown coder choice 'everyone' (use one of coder, all, by-coder, consensus)."


def test_document_attributes_first_seen_order_city_first():
    docs = [SimpleNamespace(attributes={"rank": 1, "period": "x"}), SimpleNamespace(attributes=None),
            SimpleNamespace(attributes={"parties": "A", "city": "B", "rank": 2})]
    assert document_attributes(docs) == ["city", "rank", "period", "parties"]
    assert document_attributes([SimpleNamespace(attributes={"a": 1, "b": 2})]) == ["a", "b"]


def test_cell_segments_are_the_cells_own_in_text_order(demo_project):
    p = demo_project
    anna, bert = get_or_create_coder(p, "Anna"), get_or_create_coder(p, "Bert")
    code = codebook.find_code(p, "MECH-BURGERBERAAD")
    haarlem, utrecht = find_document(p, "Haarlem"), find_document(p, "Utrecht")
    late = segments.code_quote(p, haarlem, "bewoners", code, anna, occurrence=2)
    early = segments.code_quote(p, haarlem, "bewoners", code, anna, occurrence=1)
    segments.code_quote(p, haarlem, "bewoners", code, bert, occurrence=1)
    segments.code_quote(p, utrecht, "bewoners", code, anna, occurrence=1)
    m = build_matrix(p, "count", select_coders(p, "by-coder"))
    row = next(i for i, r in enumerate(m.rows) if r.document_id == haarlem.id)
    col = next(j for j, c in enumerate(m.columns) if c.code_id == "MECH-BURGERBERAAD" and c.coder_name == "Anna")
    assert [s.uuid for s in cell_segments(p, m, row, col)] == [early.uuid, late.uuid]
    assert m.value(row, col) == 2
    pooled = build_matrix(p, "count", select_coders(p, "all"))
    col = next(j for j, c in enumerate(pooled.columns) if c.code_id == "MECH-BURGERBERAAD")
    demo_coded = pooled.value(row, col) - 3
    assert len(cell_segments(p, pooled, row, col)) == 3 + demo_coded


@pytest.mark.parametrize("measure, value, text", [
    ("coverage", 0.0, "0%"), ("coverage", 0.001, "0.1%"), ("coverage", 0.5, "50.0%"),
    ("coverage", 0.0005, "0.05%"), ("coverage", 0.00123, "0.1%"), ("coverage", 0.000999, "0.1%"),
    ("coverage", 1e-6, "0.0001%"), ("count", 3, "3"), ("presence", 1, "1"), ("count", 0, "0"),
])
def test_format_value(measure, value, text):
    assert format_value(measure, value) == text


def test_matrix_value_keeps_shares_as_fractions(demo_project):
    p = demo_project
    anna = get_or_create_coder(p, "Anna")
    haarlem = find_document(p, "Haarlem")
    seg = segments.code_quote(p, haarlem, "Een gelote groep bewoners", codebook.find_code(p, "THEMA-WIJK"), anna)
    selection = select_coders(p, "coder", "Anna")
    cov, cnt = build_matrix(p, "coverage", selection), build_matrix(p, "count", selection)
    row = next(i for i, r in enumerate(cov.rows) if r.document_id == haarlem.id)
    col = next(j for j, c in enumerate(cov.columns) if c.code_id == "THEMA-WIJK")
    share = cov.value(row, col)
    assert type(share) is float and share == (seg.end - seg.start) / len(haarlem.text)
    assert 0 < share < 0.01
    assert type(cnt.value(row, col)) is int and cnt.value(row, col) == 1
