"""Exact outcomes of core/merge.py on tiny hand-made projects, fast enough for mutation testing
(bench/mutation.py merge runs this module against every mutant).

The projects and helpers are in ``_merge_copies``; coders and documents are in
test_merge_mutants_rows.py, segments, memos and scale values in test_merge_mutants_changes.py.
The two all-at-once tests come first, so that most mutants fail in the first test.

Survivors left (mutmut 3.8.1 names, x_<function>__mutmut_N), judged equivalent:
* _DryRun.__init__ 1 and merge_project 45 (``self.report = None``, ``_DryRun(None)``: merge_project returns its
  own ``report``, never the exception's); merge_project 18 (``trust_memo=None``: as falsy as False);
* find_conflicts 7 (``conflicts`` left out: a dry run turns 'ask' into 'keep-mine' anyway);
* _merge_coders 12 (no ``order_by``: SQLite scans the coder table in rowid order, which is id order);
* _merge_documents 14, 16 (no ``Document.id`` tie-break: SQLite returns equal positions in rowid order),
  44 (pages without ``order_by``: SQLite reads them through the unique (document_id, index) index, in index
  order), 104 (``coders.get(None)`` for a document without importer: None either way), 132 (``by_sha[sha] =
  None`` for a document just added: SHA-256 is unique in the other copy, so it is never looked up again);
* _reanchor 46 (``find_quote`` also for an empty quote: it returns None for it), 57 (``span.end < span.start``:
  find_quote never returns an empty span).
"""
from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select

from burgerannotator.core import codebook
from burgerannotator.core.coders import consensus_coder, get_or_create_coder
from burgerannotator.core.errors import UserError
from burgerannotator.core.merge import MergeConflictError, find_conflicts, merge_project
from burgerannotator.core.models import Segment

from _merge_copies import (
    ANNA,
    BERT,
    M1,
    M2,
    M3,
    S1,
    S2,
    S3,
    SPANS,
    T0,
    T1,
    T2,
    T3,
    _conflicting,
    _import_three,
    _memo,
    _memo_rows,
    _merge,
    _open,
    _report,
    _rows,
    _seg_rows,
    _segment,
    _sql,
    _ts,
    _value,
    _value_rows,
)


def test_a_newer_copy_of_this_project_all_at_once(pair, _templates):
    mine, theirs = pair
    seg = []
    with _open(mine) as p:
        get_or_create_coder(p, "Bert", uuid=BERT)
        for code in ("A", "B"):
            for start, end in SPANS:
                seg.append(_segment(p, code=code, start=start, end=end, uuid=f"00000000-0000-4000-8000-{len(seg):012d}"))
    docs = dict(_rows(mine, "select file_name, uuid from document"))
    _memo(mine, M1, "document", docs["one.pdf"], "old", T1)
    _memo(mine, M2, "document", docs["two.pdf"], "old", T1)
    _value(mine, "one.pdf", 1, T1)
    _value(mine, "two.pdf", 1, T1)
    _sql(mine, "update coder set modified = ?", _ts(T1))
    shutil.copyfile(mine, theirs)
    for i, uuid in enumerate(seg):  # per four: unchanged, edited earlier there, edited later there, deleted there
        what = i % 4
        if what == 1:
            _sql(theirs, "update segment set memo = 'older', modified = ? where uuid = ?", _ts(T0), uuid)
        elif what == 2:
            _sql(theirs, "update segment set memo = 'newer', status = 'rejected', modified = ? where uuid = ?",
                 _ts(T2), uuid)
        elif what == 3:
            _sql(theirs, "update segment set deleted = ?, modified = ? where uuid = ?", _ts(T2), _ts(T2), uuid)
    _sql(theirs, "update memo set text = 'new', modified = ?", _ts(T2))
    _sql(theirs, "update scale_value set value = 2, modified = ?", _ts(T2))
    _sql(theirs, "update coder set name = 'Bert B', modified = ? where uuid = ?", _ts(T2), BERT)
    _sql(theirs, """update document set attributes = '{"city": "Uno", "n": 5, "extra": "e"}' """
                 "where file_name = 'one.pdf'")
    with _open(theirs) as p:
        get_or_create_coder(p, "Carla")
        codebook.import_codebook(p, {"categories": [], "document_scales": [{"id": "BREADTH", "values": []}]})
        _segment(p, coder="Carla", doc="two.pdf", start=0, end=4, uuid=S1, modified=T3)
        _segment(p, coder="Carla", doc="two.pdf", start=5, end=9, uuid=S2, modified=T3)
    _import_three(theirs, _templates.pdfs, coder="Carla")
    before = {u: r for u, *r in _seg_rows(mine)}
    report = _merge(mine, theirs)
    assert _report(report) == {
        "same_project": True, "coders_added": ["Carla"], "coders_matched": ["Anna", "Bert"],
        "coders_renamed": ["Bert -> Bert B"], "documents_added": ["three.pdf"], "documents_matched": 2,
        "documents_reanchored": [], "documents_refused": [], "scales_added": ["BREADTH"], "segments_added": 2,
        "segments_updated": 2, "segments_deleted": 2, "segments_unchanged": 2, "segments_kept_mine": 2,
        "segments_unplaced": 0, "memos_added": 0, "memos_updated": 2, "scale_values_added": 0,
        "scale_values_updated": 2, "warnings": [], "changed": True}
    kept = {u for i, u in enumerate(seg) if i % 4 == 1}
    expected = [(r[0], *before[r[0]]) if r[0] in kept else r for r in _seg_rows(theirs)]
    assert _seg_rows(mine) == expected
    assert _memo_rows(mine) == [(M1, "document", docs["one.pdf"], ANNA, "new", _ts(T2)),
                                (M2, "document", docs["two.pdf"], ANNA, "new", _ts(T2))]
    assert _value_rows(mine) == [("one.pdf", "DEPTH", ANNA, 2, _ts(T2)), ("two.pdf", "DEPTH", ANNA, 2, _ts(T2))]
    assert _rows(mine, "select name, modified from coder where uuid = ?", BERT) == [("Bert B", _ts(T2))]
    assert _rows(mine, "select file_name, position, attributes from document order by position") == [
        ("one.pdf", 1, '{"city": "Uno", "n": 1, "extra": "e"}'), ("two.pdf", 2, '{"city": "Duo"}'),
        ("three.pdf", 3, '{"city": "Tri"}')]
    assert _rows(mine, "select c.name from document d join coder c on c.id = d.imported_by_id "
                       "where d.file_name = 'three.pdf'") == [("Carla",)]
    assert _rows(mine, "select scale_id from scale order by id") == [("DEPTH",), ("BREADTH",)]


def test_another_project_all_at_once(stranger, _templates):
    mine, theirs = stranger
    with _open(mine) as p:
        consensus_coder(p)
    with _open(theirs) as p:
        get_or_create_coder(p, "Bert", uuid=BERT)
        c = consensus_coder(p)
        _segment(p, coder="Bert", code="B", start=6, end=11, uuid=S1, memo="b")
        _segment(p, coder=c, code="A", doc="two.pdf", start=0, end=4, uuid=S2)
    _import_three(theirs, _templates.pdfs)
    with _open(theirs) as p:
        _segment(p, coder="Anna", code="A", doc="three.pdf", start=0, end=5, uuid=S3)
    # stored quotes that are not in the text: in a document of the same text a segment keeps its offsets
    _sql(theirs, "update segment set quote = 'stale' where uuid in (?, ?)", S1, S3)
    docs = dict(_rows(theirs, "select file_name, uuid from document"))
    _memo(theirs, M1, "document", docs["one.pdf"], "on one", T0)
    _memo(theirs, M2, "code", _rows(theirs, "select uuid from code where code_id = 'B'")[0][0], "on B", T1,
          coder_uuid=BERT)
    _memo(theirs, M3, "project", _rows(theirs, "select uuid from project")[0][0], "on all", T2)
    _value(theirs, "one.pdf", 1, T0)
    _value(theirs, "three.pdf", 2, T1, coder_uuid=BERT)
    (consensus,) = _rows(mine, "select name from coder where is_consensus = 1")[0]
    report = _merge(mine, theirs)
    assert _report(report) == {
        "same_project": False, "coders_added": ["Anna", "Bert"], "coders_matched": [consensus],
        "coders_renamed": [], "documents_added": ["three.pdf"], "documents_matched": 2,
        "documents_reanchored": [], "documents_refused": [], "scales_added": [], "segments_added": 3,
        "segments_updated": 0, "segments_deleted": 0, "segments_unchanged": 0, "segments_kept_mine": 0,
        "segments_unplaced": 0, "memos_added": 3, "memos_updated": 0, "scale_values_added": 2,
        "scale_values_updated": 0, "warnings": [], "changed": True}
    assert _seg_rows(mine) == [r[:3] + (consensus,) + r[4:] if r[3] != "Anna" and r[3] != "Bert" else r
                               for r in _seg_rows(theirs)]
    here = dict(_rows(mine, "select file_name, uuid from document"))
    assert _memo_rows(mine) == [
        (M1, "document", here["one.pdf"], ANNA, "on one", _ts(T0)),
        (M2, "code", _rows(mine, "select uuid from code where code_id = 'B'")[0][0], BERT, "on B", _ts(T1)),
        (M3, "project", _rows(mine, "select uuid from project")[0][0], ANNA, "on all", _ts(T2))]
    assert _value_rows(mine) == [("one.pdf", "DEPTH", ANNA, 1, _ts(T0)), ("three.pdf", "DEPTH", BERT, 2, _ts(T1))]
    assert _rows(mine, "select file_name, position from document order by position") == [
        ("two.pdf", 1), ("one.pdf", 2), ("three.pdf", 3)]


# ---- validation and the report's frame -------------------------------------------------------------
def test_an_unknown_conflict_choice_is_refused_with_its_message(pair):
    mine, theirs = pair
    with _open(mine) as p, pytest.raises(UserError) as err:
        merge_project(p, theirs, conflicts="whatever")
    assert str(err.value) == "Unknown conflict choice 'whatever'; use ask, keep-mine or take-theirs."


def test_merging_the_project_into_itself_is_refused(pair):
    mine, _ = pair
    with _open(mine) as p, pytest.raises(UserError) as err:
        merge_project(p, mine)
    assert str(err.value) == "mine.bap is this project itself; choose another coder's copy."


def test_a_plain_copy_merges_as_nothing_new(pair):
    mine, theirs = pair
    report = _merge(mine, theirs)
    assert report.source == "theirs.bap" and report.same_project is True
    assert report.changed is False
    assert report.coders_matched == ["Anna"] and report.coders_added == [] and report.coders_renamed == []
    assert (report.documents_matched, report.documents_added, report.documents_reanchored,
            report.documents_refused) == (2, [], [], [])
    assert report.scales_added == [] and report.warnings == []
    assert _rows(mine, "select count(*) from log where action = 'merge'") == [(0,)]


def test_ask_raises_exit_8_and_changes_nothing(pair):
    mine, theirs = pair
    _conflicting(mine, theirs)
    with _open(theirs) as p:
        _segment(p)
    with _open(mine) as p, pytest.raises(MergeConflictError) as err:
        merge_project(p, theirs)
    assert err.value.exit_code == 8
    assert [(c.code_id, c.field, c.mine, c.theirs) for c in err.value.conflicts] == [
        ("A", "name", "Alpha here", "Alpha there")]
    assert _rows(mine, "select count(*) from segment") == [(0,)]


def test_a_dry_run_that_asks_resolves_as_keep_mine_and_changes_nothing(pair):
    mine, theirs = pair
    _conflicting(mine, theirs)
    with _open(theirs) as p:
        _segment(p)
    report = _merge(mine, theirs, dry_run=True)
    assert report.segments_added == 1
    assert [(c.code_id, c.field) for c in report.conflicts] == [("A", "name")]
    assert list(report.resolutions.values()) == ["keep-mine"]
    assert _rows(mine, "select count(*) from segment") == [(0,)]
    assert _rows(mine, "select name from code where code_id = 'A'") == [("Alpha here",)]
    assert _rows(mine, "select count(*) from log") == _rows(theirs, "select count(*) from log")


def test_a_dry_run_keeps_a_given_choice(pair):
    mine, theirs = pair
    _conflicting(mine, theirs)
    report = _merge(mine, theirs, conflicts="take-theirs", dry_run=True)
    assert list(report.resolutions.values()) == ["take-theirs"]
    assert _rows(mine, "select name from code where code_id = 'A'") == [("Alpha here",)]


def test_find_conflicts_lists_them_and_changes_nothing(pair):
    mine, theirs = pair
    _conflicting(mine, theirs)
    with _open(theirs) as p:
        _segment(p)
    with _open(mine) as p:
        found = find_conflicts(p, theirs)
    assert [(c.code_id, c.field, c.mine, c.theirs) for c in found] == [("A", "name", "Alpha here", "Alpha there")]
    assert _rows(mine, "select name from code where code_id = 'A'") == [("Alpha here",)]
    assert _rows(mine, "select count(*) from segment") == [(0,)]


def test_choices_by_key_and_take_theirs(pair):
    mine, theirs = pair
    _conflicting(mine, theirs)
    with _open(mine) as p:
        key = find_conflicts(p, theirs)[0].key
        report = merge_project(p, theirs, conflicts={key: "take-theirs"})
    assert report.resolutions == {key: "take-theirs"} and report.changed is True
    assert _rows(mine, "select name from code where code_id = 'A'") == [("Alpha there",)]


def test_a_merge_that_changed_something_is_logged_with_its_report(pair):
    mine, theirs = pair
    with _open(theirs) as p:
        _segment(p)
    seen = []
    with _open(mine) as p:
        p.subscribe(seen.append)
        report = merge_project(p, theirs)
    assert report.segments_added == 1
    logged = _rows(mine, "select action, summary, details from log where action = 'merge'")
    assert len(logged) == 1
    assert logged[0][:2] == ("merge", report.summary())
    assert json.loads(logged[0][2]) == json.loads(json.dumps(report.as_dict()))
    assert len(seen) == 1
    assert {"coders", "documents", "codebook", "segments", "memos", "scales"} <= set(seen[0].bulk)


def test_objects_loaded_before_the_merge_show_the_merged_values(pair):
    mine, theirs = pair
    with _open(mine) as p:
        uuid = _segment(p, modified=T1)
    shutil.copyfile(mine, theirs)
    _sql(theirs, "update segment set memo = 'theirs', modified = ? where uuid = ?", _ts(T2), uuid)
    with _open(mine) as p:
        seg = p.session.scalars(select(Segment).where(Segment.uuid == uuid)).one()
        assert seg.memo == ""
        report = merge_project(p, theirs)
        assert report.segments_updated == 1
        assert (seg.memo, seg.modified) == ("theirs", T2)
