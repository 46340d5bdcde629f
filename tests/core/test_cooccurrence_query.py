"""Issue 13: code co-occurrence and coding queries, by hand and against brute force."""
from __future__ import annotations

import json

import numpy as np
import pytest

from burgerannotator.cli import main
from burgerannotator.core import codebook, segments
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.cooccurrence import _near_pairs, cooccurrence
from burgerannotator.core.documents import layout, list_documents, set_attribute
from burgerannotator.core.errors import NotFoundError
from burgerannotator.core.matrix import select_coders
from burgerannotator.core.query import QueryError, parse_attribute, parse_query, run_query
from burgerannotator.core.store import Project

X, Y, Z = "MECH-BURGERBERAAD", "MECH-DIGITAAL", "TERM-DEMOCRATISCHE-VERNIEUWING"
# coder: (code, document index, first word, last word)
PLAN = {"P": [(X, 0, 10, 20), (Y, 0, 22, 30), (Z, 0, 200, 210), (X, 1, 5, 9), (Z, 1, 5, 9), (Y, 2, 40, 44)],
        "Q": [(Z, 2, 40, 44), (X, 3, 1, 3)]}


@pytest.fixture
def project(demo_project_path):
    p = Project.open(demo_project_path)
    docs = list_documents(p)
    spans = {}
    for name, plan in PLAN.items():
        coder = get_or_create_coder(p, name)
        for code_id, d, first, last in plan:
            span = layout(p, docs[d]).span_of_words(first, last)
            spans[(name, code_id, d)] = span
            segments.create_segment(p, docs[d], codebook.find_code(p, code_id), coder, span.start, span.end)
    for d, rank in enumerate(["3", "5", "1", "4"]):
        set_attribute(p, docs[d], "rank", rank)
    p.spans = spans
    yield p
    p.close()


def _pq(project):
    return select_coders(project, "coder", "P")


def test_documents_with_both_codes(project):
    docs = list_documents(project)
    result = cooccurrence(project, _pq(project), codes=[X, Y, Z])
    assert result.counts.tolist() == [[2, 1, 2], [1, 2, 1], [2, 1, 2]]
    assert result.documents[(0, 2)] == [docs[0].label, docs[1].label]
    pooled = cooccurrence(project, select_coders(project, "all"), codes=[X, Y, Z])
    # pooled: Q adds Z to document 2 (with P's Y) and X to document 3
    assert pooled.counts[1, 2] == 2 and pooled.counts[0, 0] >= 3


def test_segments_within_a_distance_same_coder_only(project):
    s = project.spans
    gap_xy = s[("P", Y, 0)].start - s[("P", X, 0)].end
    assert gap_xy > 0
    near = cooccurrence(project, select_coders(project, "all"), "segment", gap_xy, codes=[X, Y, Z])
    far = cooccurrence(project, select_coders(project, "all"), "segment", gap_xy - 1, codes=[X, Y, Z])
    assert near.counts[0, 1] == 1 and far.counts[0, 1] == 0
    # X and Z on the same words in document 1 (P): overlapping, distance 0
    assert far.counts[0, 2] == 1 and far.documents[(0, 2)] == [list_documents(project)[1].label]
    # Y (P) and Z (Q) on the same words in document 2: different coders, not counted
    assert far.counts[1, 2] == 0
    assert near.counts[0, 0] == 3  # the diagonal: segments of X (P twice, Q once)


def test_near_pairs_equal_brute_force():
    rng = np.random.default_rng(5)
    n = 300
    coder, code, doc = rng.integers(0, 3, n), rng.integers(0, 5, n), rng.integers(0, 4, n)
    start = rng.integers(0, 2000, n)
    end = start + rng.integers(1, 80, n)
    a = np.stack([coder, code, doc, start, end], axis=1)
    for distance in (0, 15, 200):
        i, j = _near_pairs(a, distance)
        got = {tuple(sorted(p)) for p in zip(i.tolist(), j.tolist())}
        want = {(p, q) for p in range(n) for q in range(p + 1, n)
                if coder[p] == coder[q] and doc[p] == doc[q]
                and max(start[p], start[q]) - min(end[p], end[q]) <= distance}
        assert got == want and len(i) == len(want)


def test_query_boolean_near_and_attributes(project):
    docs = list_documents(project)
    sel = select_coders(project, "all")
    both = run_query(project, f"{X} AND {Z}", sel)
    assert both.documents == [docs[0].label, docs[1].label]
    assert {(h.document, h.code_id) for h in both.hits} == {(docs[0].label, X), (docs[0].label, Z),
                                                            (docs[1].label, X), (docs[1].label, Z)}
    hit = next(h for h in both.hits if h.document == docs[1].label and h.code_id == X)
    assert hit.quote and hit.pages and hit.coder == "P"
    assert run_query(project, f"{X} AND NOT {Y}", sel).documents == [docs[1].label, docs[3].label]
    assert run_query(project, f"{Y} or ({X} and {Z})", sel).documents == [docs[0].label, docs[1].label, docs[2].label]
    gap = project.spans[("P", Z, 0)].start - project.spans[("P", Y, 0)].end
    assert run_query(project, f"{Y} NEAR/{gap} {Z}", sel).documents == [docs[0].label]
    assert run_query(project, f"{Y} NEAR/{gap - 1} {Z}", sel).documents == []
    assert run_query(project, f"{Y} NEAR {Z}", sel).documents == []  # doc 2: Y by P, Z by Q: not the same coder
    ranked = run_query(project, X, sel, ["rank<=4"])
    assert ranked.searched == 3 and ranked.documents == [docs[0].label, docs[3].label]
    assert run_query(project, '"Burgerberaad"', sel, ["rank>3"]).documents == [docs[1].label, docs[3].label]


@pytest.mark.parametrize("bad,words", [
    ("", "empty"), ("A AND", "ends"), ("A B", "unexpected"), ("(A OR B", "missing ')'"), ("A NEAR/x B", "NEAR"),
    ('"unclosed', "cannot read"), ("AND A", "expected a code")])
def test_bad_expressions_are_one_line_errors(bad, words):
    with pytest.raises(QueryError) as err:
        parse_query(bad)
    assert words in err.value.message and "\n" not in err.value.message


def test_attribute_filters():
    assert parse_attribute("rank<=4").test({"rank": "3"}) is True
    assert parse_attribute("period=2022-2026").test({"period": "2022-2026"}) is True
    assert parse_attribute("period=2022-2026").test({"rank": "1"}) is False
    for bad in ("rank", "<=4", "rank<="):
        with pytest.raises(QueryError):
            parse_attribute(bad)
    with pytest.raises(QueryError, match="not a number"):
        parse_attribute("city<5").test({"city": "Breda"})


def test_cli_query_and_cooccurrence(project, capsys, tmp_path):
    path = project.path
    project.close()
    assert main(["query", str(path), f"{X} AND {Z}", "--attr", "rank<=4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["filters"] == ["rank<=4"] and len(data["documents"]) == 1
    assert {s["code_id"] for s in data["segments"]} == {X, Z}
    assert main(["query", str(path), "MECH-NOPE"]) == NotFoundError.exit_code
    assert main(["query", str(path), f"{X} AND"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Query:" in err
    out_file = tmp_path / "pairs.csv"
    assert main(["cooccurrence", str(path), "--coder", "P", "--codes", f"{X},{Y},{Z}", "-o", str(out_file)]) == 0
    assert out_file.read_text(encoding="utf-8").splitlines()[1].startswith(f"{X},2,1,2")
    assert main(["cooccurrence", str(path), "--segments", "--distance", "-3"]) == 2


def test_segments_in_a_common_paragraph(project):
    from burgerannotator.core.pdftext import BLOCK_SEPARATOR

    doc = list_documents(project)[4]
    text, words = doc.text, layout(project, doc).spans
    # a paragraph with 12+ words: X on its first two words, Y on words 8-9; Z in the next paragraph
    for k in range(len(words) - 40):
        block_end = text.find(BLOCK_SEPARATOR, int(words[k][0]))
        if k and BLOCK_SEPARATOR in text[int(words[k - 1][1]):int(words[k][0])] and block_end > int(words[k + 12][1]):
            break
    nxt = next(i for i in range(k, len(words)) if words[i][0] > block_end)
    coder = get_or_create_coder(project, "R")
    for code_id, (a, b) in ((X, (k, k + 1)), (Y, (k + 8, k + 9)), (Z, (nxt, nxt + 1))):
        segments.create_segment(project, doc, codebook.find_code(project, code_id), coder, int(words[a][0]),
                                int(words[b][1]))
    result = cooccurrence(project, select_coders(project, "coder", "R"), "segment", "paragraph", codes=[X, Y, Z])
    assert result.counts[0, 1] == 1 and result.counts[0, 2] == 0 and result.counts[1, 2] == 0
    gap = int(words[k + 8][0] - words[k + 1][1])
    assert cooccurrence(project, select_coders(project, "coder", "R"), "segment", gap - 1, codes=[X, Y]).counts[0, 1] == 0
    assert result.as_dict()["distance"] == "paragraph"
