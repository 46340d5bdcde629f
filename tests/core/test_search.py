"""Search over the demo corpus: words, prefixes, phrases, diacritics, hyphenation, traps, the index."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest
from sqlalchemy import text

from burgerannotator.cli import main
from burgerannotator.core.documents import find_document, layout, list_documents, page_label
from burgerannotator.core.search import QueryError, find_spans, parse_query, search
from burgerannotator.core.search_index import fold
from burgerannotator.core.store import Project


def hits_by_city(result):
    return {d.label: [h.match for h in d.hits] for d in result.documents}


def test_the_index_is_built_at_import(demo_project):
    docs = list_documents(demo_project)
    state = dict(demo_project.session.execute(text("SELECT document_id, length FROM document_fts_state")).all())
    assert state == {d.id: len(d.text) for d in docs}
    result = search(demo_project, "uitdaagrecht")
    assert result.used_index
    assert sorted(hits_by_city(result)) == ["Haarlem", "Nijmegen"]


def test_prefix_wildcard(demo_project):
    result = search(demo_project, "burgerbera*")
    assert hits_by_city(result) == {"Eindhoven": ["burgerberaad"], "Haarlem": ["burgerberaad"]}
    # the whole word, not more: burgerberaad is not burgerbera
    assert search(demo_project, "burgerbera").total == 0


@pytest.mark.parametrize("city, query, word, parts", [
    ("Haarlem", "burgerberaad", "burgerberaad", 2),
    ("Eindhoven", "burgerberaad", "burgerberaad", 2),
    ("Nijmegen", "uitdaagrecht", "Uitdaagrecht", 2),
])
def test_hyphenated_occurrences_are_found(demo_project, city, query, word, parts):
    doc = find_document(demo_project, city)
    result = search(demo_project, query, [doc])
    assert result.total == 1
    hit = result.documents[0].hits[0]
    assert doc.text[hit.start:hit.end] == word
    # the word was hyphenated across a line end in the PDF: its two parts lie on two lines
    rects = layout(demo_project, doc).rects_for_span(hit.start, hit.end)
    assert sum(len(r) for r in rects.values()) == parts
    assert hit.page_label == page_label(doc, layout(demo_project, doc).pages_for_span(hit.start, hit.end)[0])


def test_case_and_diacritics_do_not_matter(demo_project):
    plain = search(demo_project, "energiecooperaties")
    accented = search(demo_project, "ENERGIECOÖPERATIES")
    assert hits_by_city(plain) == hits_by_city(accented) == {"Breda": ["energiecoöperaties"]}
    assert hits_by_city(search(demo_project, '"aangevuld met ideeen"')) == {"Nijmegen": ["aangevuld met ideeën"]}
    assert fold("Coöperatie ÉÉN") == "cooperatie een"


def test_phrase_across_a_line_break(demo_project):
    result = search(demo_project, '"uitvoering van de participatiewet"')
    spans = [(d.document_id, h) for d in result.documents for h in d.hits]
    assert len(result.documents) >= 10
    texts = {d.id: d.text for d in list_documents(demo_project)}
    crossing = [h for doc_id, h in spans if "\n" in texts[doc_id][h.start:h.end]]
    assert crossing, "the corpus breaks this phrase across lines somewhere"
    for h in crossing:
        assert "\n" not in h.match and h.match.lower() == "uitvoering van de participatiewet"


def test_phrase_across_a_page_break(demo_project):
    doc = find_document(demo_project, "Amsterdam")
    cut = doc.text.index("\f", 2000)
    before = doc.text[:cut].split()[-1]
    after = " ".join(doc.text[cut + 1:].split()[:2])
    result = search(demo_project, f'"{before} {after}"', [doc])
    assert any(h.start < cut < h.end for h in result.documents[0].hits)
    assert find_spans(parse_query('"lokale democratie"'), fold("de lokale\fdemocratie.")) is not None


def test_word_boundaries_leave_the_traps_alone(demo_project):
    result = search(demo_project, "participatie")
    for doc in result.documents:
        for h in doc.hits:
            assert h.match.lower() == "participatie"
    texts = {d.id: d.text for d in list_documents(demo_project)}
    for d in result.documents:
        for h in d.hits:
            assert not texts[d.document_id][h.end:h.end + 1].isalpha()  # never Participatiewet
    assert "uitdaging" not in {m.lower() for ms in hits_by_city(search(demo_project, "uitdaagrecht*")).values()
                               for m in ms}
    # initiatiefvoorstel and initiatiefnemer (in every document) are other words; Amersfoort's "elk initiatief" is one
    assert hits_by_city(search(demo_project, "initiatief")) == {"Amersfoort": ["initiatief"]}
    assert search(demo_project, "initiatiefvoorstel").total >= 14


def test_and_or_and_kwic(demo_project):
    both = search(demo_project, "burgerberaad gelote")
    assert [d.label for d in both.documents] == ["Haarlem"]
    assert sorted(h.match for h in both.documents[0].hits) == ["burgerberaad", "gelote"]
    either = search(demo_project, "burgerberaad OR burgerraad")
    assert sorted(d.label for d in either.documents) == ["Amersfoort", "Eindhoven", "Haarlem"]
    hit = search(demo_project, "mijnwijkplan").documents[0].hits[0]
    assert hit.match == "MijnWijkplan" and "\n" not in hit.before + hit.after
    assert "inwoners initiatieven delen" in hit.after


def test_bad_queries_are_user_errors(demo_project):
    for bad in ("", "   ", "*", "bur*ger", '""'):
        with pytest.raises(QueryError):
            search(demo_project, bad)


def _results(project, queries):
    return {q: [(d.label, h.start, h.end) for d in search(project, q).documents for h in d.hits] for q in queries}


QUERIES = ["burgerbera*", "participatie", '"vertrouwen in"', "co-creatie", "thema's", "€", "gelijk*",
           "wijk*", "inclusie* OR opkomst", '"wijk- en buurtgericht"', "2022-2026"]


def test_stale_index_is_rebuilt_and_read_only_scan_agrees(demo_project_path):
    with Project.open(demo_project_path) as project:
        indexed = _results(project, QUERIES)
        assert search(project, "burgerbera*").used_index
    # make the index stale, as if documents had come in some other way
    con = sqlite3.connect(demo_project_path)
    con.execute("DELETE FROM document_fts_state")
    con.execute("INSERT INTO document_fts(document_fts) VALUES ('delete-all')")
    con.commit()
    con.close()
    with Project.open(demo_project_path, readonly=True) as project:
        result = search(project, "burgerbera*")
        assert not result.used_index  # read-only: cannot rebuild, scans instead
        assert _results(project, QUERIES) == indexed
    with Project.open(demo_project_path) as project:
        assert search(project, "burgerbera*").used_index  # rebuilt on first search
        assert _results(project, QUERIES) == indexed


def test_project_from_before_the_index_is_upgraded_and_indexed(demo_project_path):
    con = sqlite3.connect(demo_project_path)
    for table in ("document_fts", "document_fts_state"):
        con.execute(f"DROP TABLE {table}")
    con.execute("ALTER TABLE page DROP COLUMN ocr")  # what revision 0003 adds, so the file is a real 0001 one
    con.execute("ALTER TABLE segment DROP COLUMN kind")
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert main(["search", str(demo_project_path), "stadsgesprek*"]) == 0  # upgrades (writable) then searches
    with Project.open(demo_project_path, readonly=True) as project:
        result = search(project, "stadsgesprek*")
        assert result.used_index
        assert sorted(hits_by_city(result)) == ["Amersfoort", "Nijmegen"]


def test_cli_search(demo_project_path, capsys):
    assert main(["search", str(demo_project_path), "burgerbera*", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 2 and [d["label"] for d in data["documents"]] == ["Eindhoven", "Haarlem"]
    assert data["documents"][1]["hits"][0]["match"] == "burgerberaad"
    assert main(["search", str(demo_project_path), "opkomst", "--doc", "Breda"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Breda (13-breda.pdf): 1 hit") and "[opkomst]" in out
    assert re.search(r"^1 hit in 1 document", out, re.M)
    assert main(["search", str(demo_project_path), "bur*ger"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "may only end a word" in err
    assert main(["search", str(demo_project_path), "x", "--doc", "Atlantis"]) == 5
