"""Issue 16: merge carries later edits of memos, scale values, attributes and review decisions,
re-anchors segments of a re-extracted document, and is idempotent and order-independent."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from burgerannotator.core import codebook, memos, segments, suggestions
from burgerannotator.core.anchoring import find_quote
from burgerannotator.core.coders import find_coder, get_or_create_coder
from burgerannotator.core.documents import find_document, set_attribute
from burgerannotator.core.errors import UserError
from burgerannotator.core.merge import merge_project
from burgerannotator.core.models import Segment
from burgerannotator.core.scales import find_scale, scale_value, set_scale_value
from burgerannotator.core.store import Project, copy_project

QUOTE_AMS = "Buurtrechten en buurtbudgetten worden verder uitgebouwd"


@pytest.fixture
def pair(demo_project_path, tmp_path):
    anna = tmp_path / "anna.bap"
    copy_project(demo_project_path, anna)
    return demo_project_path, anna


def test_a_later_memo_edit_is_merged_and_an_earlier_one_is_not(pair):
    main, anna_path = pair
    with Project.open(anna_path) as anna:
        a = get_or_create_coder(anna, "Anna")
        memos.set_memo(anna, "document", find_document(anna, "Amsterdam").uuid, a, "first thought")
    with Project.open(main) as project:
        assert merge_project(project, anna_path).memos_added == 1
    with Project.open(anna_path) as anna:
        a = find_coder(anna, "Anna")
        memos.set_memo(anna, "document", find_document(anna, "Amsterdam").uuid, a, "second thought")
    with Project.open(main) as project:
        report = merge_project(project, anna_path)
        assert (report.memos_added, report.memos_updated) == (0, 1)
        a = find_coder(project, "Anna")
        doc = find_document(project, "Amsterdam")
        assert memos.get_memo(project, "document", doc.uuid, a) == "second thought"
        memos.set_memo(project, "document", doc.uuid, a, "edited here, later")
        report = merge_project(project, anna_path)
        assert (report.memos_added, report.memos_updated) == (0, 0)
        assert memos.get_memo(project, "document", doc.uuid, a) == "edited here, later"


def test_a_later_scale_value_is_merged(pair):
    main, anna_path = pair
    with Project.open(anna_path) as anna:
        a = get_or_create_coder(anna, "Anna")
        set_scale_value(anna, find_document(anna, "Utrecht"), find_scale(anna, "DIEPGANG"), a, 2)
    with Project.open(main) as project:
        assert merge_project(project, anna_path).scale_values_added == 1
    with Project.open(anna_path) as anna:
        set_scale_value(anna, find_document(anna, "Utrecht"), find_scale(anna, "DIEPGANG"), find_coder(anna, "Anna"), 3)
    with Project.open(main) as project:
        report = merge_project(project, anna_path)
        assert (report.scale_values_added, report.scale_values_updated) == (0, 1)
        assert scale_value(project, find_document(project, "Utrecht"), find_scale(project, "DIEPGANG"),
                           find_coder(project, "Anna")) == 3


def test_attributes_only_in_the_copy_come_in_and_mine_are_kept(pair):
    main, anna_path = pair
    with Project.open(anna_path) as anna:
        doc = find_document(anna, "Breda")
        set_attribute(anna, doc, "province", "Noord-Brabant")
        set_attribute(anna, doc, "period", "2099-2103")
    with Project.open(main) as project:
        before = dict(find_document(project, "Breda").attributes)
        merge_project(project, anna_path)
        after = find_document(project, "Breda").attributes
        assert after == {**before, "province": "Noord-Brabant"}


def test_accepting_a_suggestion_in_a_copy_is_merged(pair):
    main, anna_path = pair
    with Project.open(anna_path) as anna:
        a = get_or_create_coder(anna, "Anna")
        doc = find_document(anna, "Amsterdam")
        span = find_quote(doc.text, QUOTE_AMS)
        seg = segments.create_segment(anna, doc, codebook.find_code(anna, "MECH-BUURTRECHTEN"), a, span.start,
                                      span.end, status="suggested", origin="dictionary")
        uuid = seg.uuid
    with Project.open(main) as project:
        merge_project(project, anna_path)
    with Project.open(anna_path) as anna:
        suggestions.accept(anna, segments.find_segment(anna, uuid))
    with Project.open(main) as project:
        report = merge_project(project, anna_path)
        assert report.segments_updated == 1
        assert segments.find_segment(project, uuid).status == "coded"


def test_segments_of_a_re_extracted_document_are_placed_by_quote(pair):
    main, anna_path = pair
    with Project.open(anna_path) as anna:
        a = get_or_create_coder(anna, "Anna")
        doc = find_document(anna, "Amsterdam")
        coded = segments.code_quote(anna, doc, QUOTE_AMS, codebook.find_code(anna, "MECH-BUURTRECHTEN"), a)
        where = (coded.start, coded.end, coded.quote)
        # a segment whose words are not in the text here
        seg = segments.code_quote(anna, doc, "Amsterdam", codebook.find_code(anna, "MECH-BUURTRECHTEN"), a)
        seg_uuid = seg.uuid
    con = sqlite3.connect(anna_path)  # Anna's copy extracted the text differently: 4 characters earlier
    con.execute("update document set text = 'XYZ ' || text where file_name = '01-amsterdam.pdf'")
    con.execute("update segment set quote = 'Nergensstad' where uuid = ?", (seg_uuid,))
    con.commit()
    con.close()
    with Project.open(main) as project:
        report = merge_project(project, anna_path)
        assert report.documents_reanchored == ["Amsterdam"]
        assert (report.segments_added, report.segments_unplaced) == (1, 1)
        (placed,) = segments.segments(project, coder=find_coder(project, "Anna"))
        assert (placed.start, placed.end, placed.quote) == where  # where it stood before the shift
        assert where[0] > 0 and where[2].startswith(QUOTE_AMS)


# ---- properties ------------------------------------------------------------------------------------
QUOTES = ["Buurtrechten en buurtbudgetten", "Een gelote groep bewoners", "Nijmegenaren krijgen het Uitdaagrecht",
          "zelfbeheer van groen door bewoners"]
CITIES = {"Buurtrechten en buurtbudgetten": "Amsterdam", "Een gelote groep bewoners": "Haarlem",
          "Nijmegenaren krijgen het Uitdaagrecht": "Nijmegen", "zelfbeheer van groen door bewoners": "Rotterdam"}
CODES = ["MECH-BUURTRECHTEN", "MECH-UITDAAGRECHT", "MECH-BURGERBERAAD"]
action = st.tuples(st.sampled_from(QUOTES), st.sampled_from(CODES), st.sampled_from(["code", "memo", "delete"]))


def _apply(path, coder, actions):
    with Project.open(path, make_backup=False) as p:
        c = get_or_create_coder(p, coder)
        made = []
        for quote, code, what in actions:
            if what == "code" or not made:
                try:
                    made.append(segments.code_quote(p, find_document(p, CITIES[quote]), quote,
                                                    codebook.find_code(p, code), c))
                except UserError:  # the same code on the same passage again is refused: fine
                    pass
            elif not made:
                continue
            elif what == "memo":
                segments.set_memo(p, made[-1], f"memo {len(made)}")
            else:
                segments.delete_segment(p, made.pop())


def _state(path):
    with Project.open(path, readonly=True) as p:
        return sorted((s.uuid, s.start, s.end, s.code.code_id, s.coder.name, s.memo, s.status, s.deleted is None)
                      for s in p.session.scalars(select(Segment)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.lists(action, min_size=1, max_size=4), b=st.lists(action, min_size=1, max_size=4))
def test_merge_is_idempotent_and_order_independent(demo_project_path, tmp_path_factory, a, b):
    d = tmp_path_factory.mktemp("m")
    base, anna, bert = d / "base.bap", d / "anna.bap", d / "bert.bap"
    copy_project(demo_project_path, base)
    copy_project(base, anna)
    copy_project(base, bert)
    _apply(anna, "Anna", a)
    _apply(bert, "Bert", b)
    one, two = d / "one.bap", d / "two.bap"
    copy_project(base, one)
    copy_project(base, two)
    with Project.open(one, make_backup=False) as p:
        merge_project(p, anna)
        merge_project(p, bert)
    with Project.open(two, make_backup=False) as p:
        merge_project(p, bert)
        merge_project(p, anna)
    assert _state(one) == _state(two)
    once = _state(one)
    with Project.open(one, make_backup=False) as p:
        again = [merge_project(p, anna), merge_project(p, bert)]
    assert [r.changed for r in again] == [False, False]
    assert _state(one) == once
