"""Exact outcomes of core/merge.py for what coders change: segments (newer edit wins, deletions,
restores), re-anchoring in a re-extracted document, memos, scales and scale values, and how the other
copy is opened. Fixtures and helpers: ``_merge_copies``. The equivalent survivors of the mutation run
are listed in test_merge_mutants.py."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from sqlalchemy import select

from burgerannotator.core import codebook
from burgerannotator.core.coders import consensus_coder, get_or_create_coder
from burgerannotator.core.models import Segment
from burgerannotator.core.segments import create_segment
from burgerannotator.core.store import Project

from _merge_copies import (
    ANNA,
    CODEBOOK,
    M1,
    M2,
    M3,
    S1,
    S2,
    S3,
    SCALE_COLUMNS,
    T0,
    T1,
    T2,
    _code,
    _coder,
    _counts,
    _doc,
    _memo,
    _memo_rows,
    _merge,
    _open,
    _reextracted,
    _rows,
    _seg_rows,
    _segment,
    _shared_segment,
    _sql,
    _ts,
    _value,
    _value_rows,
)


def test_a_segment_only_there_comes_in_with_every_field(stranger):
    mine, theirs = stranger
    with _open(theirs) as p:
        get_or_create_coder(p, "Bert")
        _segment(p, doc="one.pdf", code="B", start=12, end=29, uuid=S1, memo="m1", status="suggested",
                 origin="dictionary", decided_by=_coder(p, "Bert"))
        _segment(p, doc="two.pdf", code="A", start=0, end=4, uuid=S2)
    _sql(theirs, "update segment set created = ?, deleted = ? where uuid = ?", _ts(T0), _ts(T2), S2)
    report = _merge(mine, theirs)
    assert _counts(report) == (2, 0, 0, 0, 0, 0) and report.changed is True
    assert _seg_rows(mine) == _seg_rows(theirs)
    assert _seg_rows(mine)[0][4:12] == (12, 29, 0, 1, "stand here Second", "m1", "suggested", "dictionary")
    q = ("select s.uuid, s.created, d.name, s.kind from segment s left join coder d on d.id = s.decided_by_id "
         "order by s.uuid")
    assert _rows(mine, q) == [(S1, _rows(theirs, "select created from segment where uuid = ?", S1)[0][0], "Bert",
                               "text"), (S2, _ts(T0), None, "text")]


@pytest.mark.parametrize("theirs_when, counts", [(T1, (0, 0, 0, 1, 0, 0)), (T0, (0, 0, 0, 0, 1, 0))])
def test_a_segment_edited_at_the_same_time_or_earlier_there_is_kept_as_here(pair, theirs_when, counts):
    mine, theirs = pair
    _shared_segment(mine, theirs)
    _sql(theirs, "update segment set memo = 'theirs', \"end\" = 11, modified = ? where uuid = ?", _ts(theirs_when), S1)
    before = _seg_rows(mine)
    report = _merge(mine, theirs)
    assert _counts(report) == counts and report.changed is False
    assert _seg_rows(mine) == before


def test_a_later_edit_there_wins_field_by_field(pair):
    mine, theirs = pair
    with _open(mine) as p:
        get_or_create_coder(p, "Bert")
    _shared_segment(mine, theirs)
    with _open(theirs) as p:
        seg = p.session.scalars(select(Segment)).one()
        with p.transaction():
            seg.memo, seg.start, seg.end, seg.quote, seg.code = "theirs", 6, 11, "words", _code(p, "B")
            seg.status, seg.origin, seg.decided_by, seg.modified = "rejected", "merge", _coder(p, "Bert"), T2
    report = _merge(mine, theirs)
    assert _counts(report) == (0, 1, 0, 0, 0, 0) and report.changed is True
    assert _seg_rows(mine) == _seg_rows(theirs)
    assert _rows(mine, "select d.name from segment s join coder d on d.id = s.decided_by_id") == [("Bert",)]


def test_a_later_deletion_there_deletes_here(pair):
    mine, theirs = pair
    _shared_segment(mine, theirs)
    _sql(theirs, "update segment set deleted = ?, modified = ? where uuid = ?", _ts(T2), _ts(T2), S1)
    report = _merge(mine, theirs)
    assert _counts(report) == (0, 0, 1, 0, 0, 0)
    assert _rows(mine, "select deleted, modified from segment") == [(_ts(T2), _ts(T2))]


def test_a_later_edit_of_a_segment_deleted_in_both_is_an_update(pair):
    mine, theirs = pair
    _shared_segment(mine, theirs)
    _sql(mine, "update segment set deleted = ? where uuid = ?", _ts(T1), S1)
    _sql(theirs, "update segment set deleted = ?, modified = ? where uuid = ?", _ts(T2), _ts(T2), S1)
    assert _counts(_merge(mine, theirs)) == (0, 1, 0, 0, 0, 0)
    assert _rows(mine, "select deleted from segment") == [(_ts(T2),)]


def test_a_later_restore_there_restores_here(pair):
    mine, theirs = pair
    _shared_segment(mine, theirs)
    _sql(mine, "update segment set deleted = ? where uuid = ?", _ts(T1), S1)
    _sql(theirs, "update segment set modified = ? where uuid = ?", _ts(T2), S1)
    assert _counts(_merge(mine, theirs)) == (0, 1, 0, 0, 0, 0)
    assert _rows(mine, "select deleted, modified from segment") == [(None, _ts(T2))]


def test_segments_of_a_re_extracted_document_are_placed_by_their_quote(pair):
    mine, theirs = pair
    with _open(theirs) as p:
        _segment(p, start=0, end=5, uuid=S3)  # "Alpha": not in my text below
        _segment(p, code="B", start=0, end=5, uuid=M3)  # nor this
        _segment(p, start=18, end=29, uuid=S1)  # "here\fSecond", over both pages
        _segment(p, start=6, end=11, uuid=S2)  # "words"
    _reextracted(theirs)
    _sql(theirs, "update segment set quote = 'Nowhere' where uuid in (?, ?)", S3, M3)
    # their pages, boxes and quote spacing differ too: all of it is taken from this text
    _sql(theirs, "update segment set quote = 'here\nSecond', page_first = 1, page_last = 0, rects = '{}' "
                 "where uuid = ?", S1)
    with _open(mine) as p:
        expected = {u: (s.start, s.end, s.page_first, s.page_last, s.rects, s.quote) for u, s in [
            ("a", create_segment(p, _doc(p, "one.pdf"), _code(p, "B"), _coder(p, "Anna"), 18, 29)),
            ("b", create_segment(p, _doc(p, "one.pdf"), _code(p, "B"), _coder(p, "Anna"), 6, 11))]}
    report = _merge(mine, theirs)
    assert report.documents_reanchored == ["Uno"] and report.documents_matched == 2
    assert _counts(report) == (2, 0, 0, 0, 0, 2)
    got = {u: (a, b, c, d, json.loads(e), f) for u, a, b, c, d, e, f in _rows(
        mine, "select uuid, start, \"end\", page_first, page_last, rects, quote from segment where uuid in (?, ?)",
        S1, S2)}
    assert got == {S1: expected["a"], S2: expected["b"]}
    assert expected["a"][:4] == (18, 29, 0, 1) and sorted(expected["a"][4]) == ["0", "1"]


def test_a_segment_without_a_quote_in_a_re_extracted_document_is_not_placed(pair):
    mine, theirs = pair
    with _open(theirs) as p:
        _segment(p, start=6, end=11, uuid=S1)
    _reextracted(theirs)
    _sql(theirs, "update segment set quote = ''")
    report = _merge(mine, theirs)
    assert _counts(report) == (0, 0, 0, 0, 0, 1) and report.changed is False
    assert _rows(mine, "select count(*) from segment") == [(0,)]


def test_an_area_in_a_re_extracted_document_takes_the_text_now_inside_it(pair):
    mine, theirs = pair
    from burgerannotator.core.areas import create_area
    with _open(theirs) as p:
        create_area(p, _doc(p, "one.pdf"), 1, [0, 0, 200, 100], _code(p, "A"), _coder(p, "Anna"), uuid=S1)
        create_area(p, _doc(p, "one.pdf"), 0, [0, 0, 200, 100], _code(p, "B"), _coder(p, "Anna"), uuid=S2)
    _reextracted(theirs)
    _sql(theirs, "update segment set quote = 'stale', rects = '{}' where uuid = ?", S2)
    report = _merge(mine, theirs)
    assert _counts(report) == (2, 0, 0, 0, 0, 0)
    got = [(u, a, b, c, d, json.loads(e), f, g) for u, a, b, c, d, e, f, g in _rows(
        mine, "select uuid, start, \"end\", page_first, page_last, rects, quote, kind from segment order by uuid")]
    assert got == [(S1, 23, 39, 1, 1, {"1": [[0.0, 0.0, 200.0, 100.0]]}, "Second page text", "area"),
                   (S2, 0, 0, 0, 0, {}, "", "area")]


def test_memos_only_there_come_in_on_the_same_targets_here(stranger):
    mine, theirs = stranger
    one = {r[0]: r[1] for r in _rows(theirs, "select file_name, uuid from document")}
    _memo(theirs, M1, "document", one["one.pdf"], "on one", T0)
    _memo(theirs, M2, "code", _rows(theirs, "select uuid from code where code_id = 'B'")[0][0], "on B", T1)
    _memo(theirs, M3, "project", _rows(theirs, "select uuid from project")[0][0], "on all", T2)
    report = _merge(mine, theirs)
    assert (report.memos_added, report.memos_updated) == (3, 0) and report.changed is True
    here = {r[0]: r[1] for r in _rows(mine, "select file_name, uuid from document")}
    assert _memo_rows(mine) == [
        (M1, "document", here["one.pdf"], ANNA, "on one", _ts(T0)),
        (M2, "code", _rows(mine, "select uuid from code where code_id = 'B'")[0][0], ANNA, "on B", _ts(T1)),
        (M3, "project", _rows(mine, "select uuid from project")[0][0], ANNA, "on all", _ts(T2))]
    assert here["one.pdf"] != one["one.pdf"]


def test_a_memo_on_something_unknown_keeps_its_target(pair):
    mine, theirs = pair
    _memo(theirs, M1, "segment", "no-such-thing", "odd", T0)
    assert _merge(mine, theirs).memos_added == 1
    assert _memo_rows(mine) == [(M1, "segment", "no-such-thing", ANNA, "odd", _ts(T0))]


@pytest.mark.parametrize("text, when, updated", [("new", T2, 1), ("old", T2, 0), ("new", T1, 0), ("new", T0, 0)])
def test_a_memo_is_updated_only_by_a_later_different_text(pair, text, when, updated):
    mine, theirs = pair
    target = _rows(mine, "select uuid from document where file_name = 'two.pdf'")[0][0]
    _memo(mine, M1, "document", target, "old", T1)
    _memo(theirs, M1, "document", target, text, when)
    report = _merge(mine, theirs)
    assert (report.memos_added, report.memos_updated) == (0, updated)
    assert _memo_rows(mine) == [(M1, "document", target, ANNA, *(("new", _ts(T2)) if updated else ("old", _ts(T1))))]


def test_memos_written_apart_on_the_same_target_are_one_memo(pair):
    mine, theirs = pair
    target = _rows(mine, "select uuid from document where file_name = 'two.pdf'")[0][0]
    _memo(mine, M1, "document", target, "mine", T1)
    _memo(theirs, M2, "document", target, "theirs", T2)
    report = _merge(mine, theirs)
    assert (report.memos_added, report.memos_updated) == (0, 1)
    assert _memo_rows(mine) == [(M1, "document", target, ANNA, "theirs", _ts(T2))]


def test_two_coders_there_that_are_one_here_add_one_memo(stranger):
    mine, theirs = stranger
    with _open(mine) as p:
        consensus_coder(p)
    with _open(theirs) as p:
        consensus_coder(p)
    _sql(theirs, "insert into coder (uuid, name, is_consensus, created, modified) values "
                 "('00000000-0000-4000-8000-0000000000cc', 'Consensus 2', 1, ?, ?)", _ts(T0), _ts(T0))
    (c1,), (c2,) = _rows(theirs, "select uuid from coder where is_consensus = 1 order by id")
    target = _rows(theirs, "select uuid from project")[0][0]
    _memo(theirs, M1, "project", target, "first", T1, coder_uuid=c1)
    _memo(theirs, M2, "project", target, "second", T0, coder_uuid=c2)
    report = _merge(mine, theirs)
    assert (report.memos_added, report.memos_updated) == (1, 0)
    assert [r[4] for r in _memo_rows(mine)] == ["first"]


def test_a_scale_only_there_comes_in_whole(pair):
    mine, theirs = pair
    with _open(theirs) as p:
        codebook.import_codebook(p, {"categories": [], "document_scales": [
            {"id": "BREADTH", "name": "Breadth", "level": "nominal", "description": "how wide",
             "values": [{"value": 5, "label": "wide"}]}]})
    report = _merge(mine, theirs)
    assert report.scales_added == ["BREADTH"] and report.changed is True
    q = f"select {SCALE_COLUMNS} from scale order by scale_id"
    assert _rows(mine, q) == _rows(theirs, q) and len(_rows(mine, q)) == 2


def test_a_scale_whose_uuid_is_taken_here_gets_a_new_one(pair):
    mine, theirs = pair
    (taken,) = _rows(mine, "select uuid from scale")[0]
    _sql(theirs, "update scale set scale_id = 'OTHER', \"values\" = '[]'")
    assert _merge(mine, theirs).scales_added == ["OTHER"]
    ((uuid, values),) = _rows(mine, "select uuid, \"values\" from scale where scale_id = 'OTHER'")
    assert uuid != taken and len(uuid) == 36 and values == "[]"


def test_scale_values_only_there_come_in_on_the_same_documents_here(stranger):
    mine, theirs = stranger
    _value(theirs, "one.pdf", 1, T0)
    _value(theirs, "two.pdf", 2, T1)
    report = _merge(mine, theirs)
    assert (report.scale_values_added, report.scale_values_updated) == (2, 0) and report.changed is True
    assert _value_rows(mine) == [("one.pdf", "DEPTH", ANNA, 1, _ts(T0)), ("two.pdf", "DEPTH", ANNA, 2, _ts(T1))]


@pytest.mark.parametrize("value, when, updated", [(2, T2, 1), (1, T2, 0), (2, T1, 0), (2, T0, 0)])
def test_a_scale_value_is_updated_only_by_a_later_different_value(pair, value, when, updated):
    mine, theirs = pair
    _value(mine, "two.pdf", 1, T1)
    _value(theirs, "two.pdf", value, when)
    report = _merge(mine, theirs)
    assert (report.scale_values_added, report.scale_values_updated) == (0, updated)
    assert _value_rows(mine) == [("two.pdf", "DEPTH", ANNA, *((2, _ts(T2)) if updated else (1, _ts(T1))))]


# ---- how the other copy is opened ----------------------------------------------------------------------------------
def test_a_copy_open_for_writing_elsewhere_can_be_merged_and_is_not_backed_up(pair):
    mine, theirs = pair
    with _open(theirs):  # its writer's lock is held: the merge only reads it
        report = _merge(mine, theirs)
    assert report.documents_matched == 2
    from burgerannotator.core.paths import backups_dir
    assert [f.name for f in backups_dir().glob("theirs*")] == []


def test_a_copy_changed_behind_the_apps_back_is_checked_again(pair):
    mine, theirs = pair
    with Project.open(theirs, make_backup=False):
        pass  # seen clean here
    st = os.stat(theirs)
    _sql(theirs, "update document set attributes = '{not json' where file_name = 'two.pdf'")
    os.utime(theirs, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(theirs).st_size == st.st_size
    report = _merge(mine, theirs)
    assert report.documents_matched == 2
    assert json.loads(_rows(mine, "select attributes from document where file_name = 'two.pdf'")[0][0]) == {
        "city": "Duo"}


def test_a_memo_matches_by_uuid_first(pair):
    """Rows with a uuid match by uuid: the same memo whose target reads differently there is still this memo."""
    mine, theirs = pair
    _memo(mine, M1, "segment", "target-here", "old", T1)
    _memo(theirs, M1, "segment", "target-there", "new", T2)
    report = _merge(mine, theirs)
    assert (report.memos_added, report.memos_updated) == (0, 1)
    assert _memo_rows(mine) == [(M1, "segment", "target-here", ANNA, "new", _ts(T2))]


def test_a_consensus_coder_only_there_comes_in_as_the_consensus(pair):
    mine, theirs = pair
    with _open(theirs) as p:
        consensus_coder(p)
    (name,) = _rows(theirs, "select name from coder where is_consensus = 1")[0]
    assert _merge(mine, theirs).coders_added == [name]
    assert _rows(mine, "select name, is_consensus from coder order by id") == [("Anna", 0), (name, 1)]


def test_documents_come_in_in_their_order_there(_templates, tmp_path):
    mine, theirs = tmp_path / "empty.bap", tmp_path / "theirs.bap"
    with Project.create(mine) as p:
        codebook.import_codebook(p, CODEBOOK)
    shutil.copyfile(_templates.template, theirs)
    _sql(theirs, "update document set position = 0 where file_name = 'two.pdf'")  # moved to the top there
    assert _merge(mine, theirs).documents_added == ["two.pdf", "one.pdf"]
    assert _rows(mine, "select file_name, position from document order by id") == [("two.pdf", 1), ("one.pdf", 2)]


def test_two_scales_only_there_both_come_in(pair):
    mine, theirs = pair
    with _open(theirs) as p:
        codebook.import_codebook(p, {"categories": [], "document_scales": [{"id": "BREADTH"}, {"id": "WIDTH"}]})
    assert _merge(mine, theirs).scales_added == ["BREADTH", "WIDTH"]
    assert _rows(mine, "select scale_id from scale order by id") == [("DEPTH",), ("BREADTH",), ("WIDTH",)]


def test_a_refused_document_does_not_stop_the_next_one(_templates, tmp_path):
    mine, theirs = tmp_path / "empty.bap", tmp_path / "theirs.bap"
    with Project.create(mine) as p:
        codebook.import_codebook(p, CODEBOOK)
    shutil.copyfile(_templates.template, theirs)
    _sql(theirs, "update document set text = text || '!' where file_name = 'one.pdf'")
    report = _merge(mine, theirs)
    assert report.documents_refused == [
        "Uno (one.pdf): its text does not fit its pages (the text is longer or shorter than its pages)"]
    assert report.documents_added == ["two.pdf"]
    assert _rows(mine, "select file_name, position from document") == [("two.pdf", 1)]
