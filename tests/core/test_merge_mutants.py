"""Exact outcomes of core/merge.py on tiny hand-made projects, fast enough for mutation testing
(bench/mutation.py merge runs this module against every mutant).

Two templates are built once per session: ``template`` (a small codebook, one scale, coder Anna,
PDFs one.pdf (2 pages) and two.pdf) and ``stranger`` (another project: the same codebook and PDFs
imported in another order with other ids, an extra coder first). Each test copies them with shutil.
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
import os
import shutil
import sqlite3
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pymupdf
import pytest
from sqlalchemy import select

from burgerannotator.core import codebook, importer
from burgerannotator.core.anchoring import pack_words
from burgerannotator.core.coders import consensus_coder, get_or_create_coder
from burgerannotator.core.errors import UserError
from burgerannotator.core.merge import MergeConflictError, document_problem, find_conflicts, merge_project
from burgerannotator.core.models import Code, Coder, Document, Scale, Segment
from burgerannotator.core.segments import create_segment
from burgerannotator.core.store import Project

T0 = datetime(2030, 1, 1, 12, 0, 0)
T1, T2, T3 = T0 + timedelta(hours=1), T0 + timedelta(hours=2), T0 + timedelta(hours=3)

CODEBOOK = {
    "name": "mini",
    "categories": [
        {"id": "CAT", "name": "Category", "color": "#112233",
         "codes": [{"id": "A", "name": "Alpha"}, {"id": "B", "name": "Beta"}]},
    ],
    "document_scales": [{"id": "DEPTH", "name": "Depth", "level": "ordinal",
                         "values": [{"value": 1, "label": "low"}, {"value": 2, "label": "high"}]}],
}
PAGES = {"one.pdf": ["Alpha words stand here", "Second page text"], "two.pdf": ["Only page of two"],
         "three.pdf": ["Third file words", "more of three", "last of three"]}
ANNA = "00000000-0000-4000-8000-00000000a11a"
BERT = "00000000-0000-4000-8000-00000000be47"
S1, S2, S3 = ("00000000-0000-4000-8000-000000000051", "00000000-0000-4000-8000-000000000052",
              "00000000-0000-4000-8000-000000000053")
M1, M2, M3 = ("00000000-0000-4000-8000-0000000000e1", "00000000-0000-4000-8000-0000000000e2",
              "00000000-0000-4000-8000-0000000000e3")


def _pdf(lines: list[str]) -> bytes:
    doc = pymupdf.open()
    for line in lines:
        page = doc.new_page(width=200, height=100)
        page.insert_text((10, 50), line, fontsize=10)
    data = doc.tobytes()
    doc.close()
    return data


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    """Built once per session; bench/mutation.py names a folder (BURGERANNOTATOR_TEST_MERGE_TEMPLATES) where
    they are built once for all mutants (merge.py, the module mutated, is not used to build them)."""
    cached = os.environ.get("BURGERANNOTATOR_TEST_MERGE_TEMPLATES")
    folder = Path(cached) if cached else tmp_path_factory.mktemp("merge-templates")
    template, stranger = folder / "template.bap", folder / "stranger.bap"
    if not (cached and stranger.is_file()):
        partial = Path(tempfile.mkdtemp(dir=folder))
        _build_templates(partial)
        for name in [*PAGES, "template.bap", "stranger.bap"]:  # the stranger last: it marks a whole set
            os.replace(partial / name, folder / name)
        shutil.rmtree(partial, ignore_errors=True)
    pdfs = {name: (folder / name).read_bytes() for name in PAGES}
    return SimpleNamespace(template=template, stranger=stranger, pdfs=pdfs)


def _build_templates(folder: Path) -> None:
    pdfs = {name: _pdf(lines) for name, lines in PAGES.items()}
    for name, data in pdfs.items():
        (folder / name).write_bytes(data)
    with Project.create(folder / "template.bap") as p:
        codebook.import_codebook(p, CODEBOOK)
        anna = get_or_create_coder(p, "Anna", uuid=ANNA)
        importer.import_pdf(p, data=pdfs["one.pdf"], file_name="one.pdf", attributes={"city": "Uno", "n": 1},
                            coder=anna)
        importer.import_pdf(p, data=pdfs["two.pdf"], file_name="two.pdf", attributes={"city": "Duo"})
    with Project.create(folder / "stranger.bap") as p:
        get_or_create_coder(p, "Zed")
        get_or_create_coder(p, "Extra")
        codebook.import_codebook(p, {"categories": [{"id": "OTHER", "name": "Other", "codes": [{"id": "Z"}]}],
                                     "document_scales": [{"id": "WIDTH", "values": [{"value": 1}]}]})
        codebook.import_codebook(p, CODEBOOK)
        importer.import_pdf(p, data=pdfs["two.pdf"], file_name="two.pdf", attributes={"city": "Duo"})
        importer.import_pdf(p, data=pdfs["one.pdf"], file_name="one.pdf", attributes={"city": "Uno"})


@pytest.fixture
def pair(_templates, tmp_path):
    mine, theirs = tmp_path / "mine.bap", tmp_path / "theirs.bap"
    shutil.copyfile(_templates.template, mine)
    shutil.copyfile(_templates.template, theirs)
    return mine, theirs


@pytest.fixture
def stranger(_templates, tmp_path):
    """(mine: a copy of the stranger project, theirs: a copy of the template)."""
    mine, theirs = tmp_path / "mine.bap", tmp_path / "theirs.bap"
    shutil.copyfile(_templates.stranger, mine)
    shutil.copyfile(_templates.template, theirs)
    return mine, theirs


def _open(path) -> Project:
    return Project.open(path, make_backup=False)


def _merge(mine, theirs, **kw):
    with _open(mine) as p:
        return merge_project(p, theirs, **kw)


def _rows(path, sql, *args):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _sql(path, sql, *args):
    con = sqlite3.connect(path)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()


def _doc(p, file_name) -> Document:
    return p.session.scalars(select(Document).where(Document.file_name == file_name)).one()


def _code(p, code_id) -> Code:
    return p.session.scalars(select(Code).where(Code.code_id == code_id)).one()


def _coder(p, name) -> Coder:
    return p.session.scalars(select(Coder).where(Coder.name == name)).one()


def _segment(p, coder="Anna", code="A", doc="one.pdf", start=0, end=5, uuid=None, modified=T1, **kw) -> str:
    seg = create_segment(p, _doc(p, doc), _code(p, code), _coder(p, coder) if isinstance(coder, str) else coder,
                         start, end, uuid=uuid, **kw)
    with p.transaction():
        seg.modified = modified
    return seg.uuid


def _seg_rows(path):
    return _rows(path, "select s.uuid, d.file_name, c.code_id, k.name, s.start, s.end, s.page_first, s.page_last, "
                       "s.quote, s.memo, s.status, s.origin, s.modified, s.deleted, s.kind, s.rects "
                       "from segment s join document d on d.id = s.document_id join code c on c.id = s.code_id "
                       "join coder k on k.id = s.coder_id order by s.uuid")


# ---- everything at once (first, so that most mutants fail in the first test) -----------------------------------
SPANS = [(0, 5), (6, 11), (12, 17), (18, 22)]  # Alpha, words, stand, here (one.pdf, page 1)
REPORT_FIELDS = ("same_project", "coders_added", "coders_matched", "coders_renamed", "documents_added",
                 "documents_matched", "documents_reanchored", "documents_refused", "scales_added", "segments_added",
                 "segments_updated", "segments_deleted", "segments_unchanged", "segments_kept_mine",
                 "segments_unplaced", "memos_added", "memos_updated", "scale_values_added", "scale_values_updated",
                 "warnings", "changed")


def _report(r) -> dict:
    d = r.as_dict()
    return {k: d[k] for k in REPORT_FIELDS}


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


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def _conflicting(mine, theirs):
    """Alpha renamed here (earlier) and there (later): one codebook conflict."""
    for path, name, when in ((mine, "Alpha here", T1), (theirs, "Alpha there", T2)):
        _sql(path, "update code set name = ?, modified = ? where code_id = 'A'", name, _ts(when))


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


# ---- coders -------------------------------------------------------------------------------------------
def _coder_rows(path):
    return _rows(path, "select uuid, name, is_consensus, created, modified from coder order by id")


def test_a_coder_only_there_comes_in_with_every_field(stranger):
    mine, theirs = stranger
    _sql(theirs, "update coder set created = ?, modified = ? where uuid = ?", _ts(T0), _ts(T1), ANNA)
    report = _merge(mine, theirs)
    assert report.same_project is False
    assert report.coders_added == ["Anna"] and report.coders_matched == [] and report.warnings == []
    assert _coder_rows(mine)[-1] == (ANNA, "Anna", 0, _ts(T0), _ts(T1))


def test_a_new_coder_named_like_one_here_is_added_with_a_warning(stranger):
    mine, theirs = stranger
    _sql(mine, "update coder set name = 'aNNA' where name = 'Extra'")
    with _open(theirs) as p:
        get_or_create_coder(p, "Bob")
        get_or_create_coder(p, "bob", uuid="00000000-0000-4000-8000-000000000b0b")
    report = _merge(mine, theirs)
    assert report.coders_added == ["Anna", "Bob", "bob"]
    assert report.warnings == [
        "two different coders are named Anna (different uuids); rename one to tell them apart",
        "two different coders are named bob (different uuids); rename one to tell them apart"]


def test_a_later_rename_of_a_coder_comes_in(pair):
    mine, theirs = pair
    _sql(mine, "update coder set modified = ? where uuid = ?", _ts(T1), ANNA)
    _sql(theirs, "update coder set name = 'Anna B', modified = ? where uuid = ?", _ts(T2), ANNA)
    report = _merge(mine, theirs)
    assert report.coders_matched == ["Anna"] and report.coders_renamed == ["Anna -> Anna B"]
    assert report.changed is True
    assert _rows(mine, "select name, modified from coder where uuid = ?", ANNA) == [("Anna B", _ts(T2))]


@pytest.mark.parametrize("theirs_when", [T0, T1])
def test_an_earlier_or_same_time_rename_does_not(pair, theirs_when):
    mine, theirs = pair
    _sql(mine, "update coder set modified = ? where uuid = ?", _ts(T1), ANNA)
    _sql(theirs, "update coder set name = 'Anna B', modified = ? where uuid = ?", _ts(theirs_when), ANNA)
    report = _merge(mine, theirs)
    assert report.coders_renamed == [] and report.changed is False
    assert _rows(mine, "select name, modified from coder where uuid = ?", ANNA) == [("Anna", _ts(T1))]


def test_a_later_stamp_with_the_same_name_changes_nothing(pair):
    mine, theirs = pair
    _sql(mine, "update coder set modified = ? where uuid = ?", _ts(T1), ANNA)
    _sql(theirs, "update coder set modified = ? where uuid = ?", _ts(T2), ANNA)
    report = _merge(mine, theirs)
    assert report.coders_renamed == []
    assert _rows(mine, "select name, modified from coder where uuid = ?", ANNA) == [("Anna", _ts(T1))]


def test_the_consensus_coders_of_two_projects_are_one_and_keep_their_name_here(stranger):
    mine, theirs = stranger
    with _open(mine) as p:
        consensus_coder(p)
    with _open(theirs) as p:
        c = consensus_coder(p)
        _segment(p, coder=c, uuid="00000000-0000-4000-8000-0000000c0c0c")
    _sql(mine, "update coder set modified = ? where is_consensus = 1", _ts(T0))
    _sql(theirs, "update coder set name = 'Agreed', modified = ? where is_consensus = 1", _ts(T2))
    before = _coder_rows(mine)
    report = _merge(mine, theirs)
    (name,) = [r[1] for r in before if r[2] == 1]
    assert report.coders_added == ["Anna"] and report.coders_matched == [name] and report.coders_renamed == []
    assert _coder_rows(mine)[:-1] == before
    assert [r[3] for r in _seg_rows(mine)] == [name]


def test_segments_go_to_the_matching_coder_here(stranger):
    mine, theirs = stranger
    with _open(mine) as p:
        get_or_create_coder(p, "Anna", uuid=ANNA)
        get_or_create_coder(p, "Bert", uuid="00000000-0000-4000-8000-00000000be47")
    with _open(theirs) as p:
        get_or_create_coder(p, "Bert", uuid="00000000-0000-4000-8000-00000000be47")
        _segment(p, coder="Bert", uuid="00000000-0000-4000-8000-000000000001")
        _segment(p, coder="Anna", code="B", uuid="00000000-0000-4000-8000-000000000002")
    report = _merge(mine, theirs)
    assert report.coders_matched == ["Anna", "Bert"] and report.coders_added == []
    assert [(r[2], r[3]) for r in _seg_rows(mine)] == [("A", "Bert"), ("B", "Anna")]


# ---- documents ----------------------------------------------------------------------------------------
DOC_COLUMNS = ("uuid, sha256, file_name, title, author, page_count, text, extractor, extractor_version, imported, "
               "attributes")
PAGE_COLUMNS = ('p."index", p.label, p.width, p.height, p.rotation, p.has_text, p.text_start, p.text_end, '
                "p.word_boxes, p.word_offsets, p.ocr")


def _import_three(path, pdfs, attributes=None, coder="Anna"):
    with _open(path) as p:
        who = _coder(p, coder) if coder else None
        doc = importer.import_pdf(p, data=pdfs["three.pdf"], file_name="three.pdf",
                                  attributes=attributes or {"city": "Tri"}, coder=who).document
        return doc.uuid


def _pages(path, file_name):
    return _rows(path, f"select {PAGE_COLUMNS} from page p join document d on d.id = p.document_id "
                       "where d.file_name = ? order by p.\"index\"", file_name)


def test_a_document_only_there_comes_in_whole(pair, _templates):
    mine, theirs = pair
    _import_three(theirs, _templates.pdfs)
    _sql(theirs, "update document set title = 'T3', author = 'Au', imported = ? where file_name = 'three.pdf'",
         _ts(T0))
    three = "(select id from document where file_name = 'three.pdf')"
    _sql(theirs, f"update page set rotation = 90, has_text = 0, ocr = 'tesseract 5.3.0 nld' "
                 f"where \"index\" = 1 and document_id = {three}")  # an OCR'd page keeps saying so
    report = _merge(mine, theirs)
    assert report.documents_added == ["three.pdf"] and report.documents_matched == 2 and report.changed is True
    q = f"select {DOC_COLUMNS} from document where file_name = 'three.pdf'"
    assert _rows(mine, q) == _rows(theirs, q)
    assert _rows(mine, "select d.position, c.uuid from document d join coder c on c.id = d.imported_by_id "
                       "where file_name = 'three.pdf'") == [(3, ANNA)]
    assert _pages(mine, "three.pdf") == _pages(theirs, "three.pdf") and len(_pages(mine, "three.pdf")) == 3
    data = _templates.pdfs["three.pdf"]
    assert _rows(mine, "select b.data, b.size from pdf_blob b join document d on d.sha256 = b.sha256 "
                       "where d.file_name = 'three.pdf'") == [(data, len(data))]


def test_documents_added_to_an_empty_project_take_positions_from_1(_templates, tmp_path):
    mine = tmp_path / "empty.bap"
    with Project.create(mine) as p:
        codebook.import_codebook(p, CODEBOOK)
    theirs = tmp_path / "theirs.bap"
    shutil.copyfile(_templates.template, theirs)
    report = _merge(mine, theirs)
    assert report.documents_added == ["one.pdf", "two.pdf"] and report.documents_matched == 0
    assert _rows(mine, "select file_name, position, imported_by_id is null from document order by id") == [
        ("one.pdf", 1, 0), ("two.pdf", 2, 1)]
    assert report.coders_added == ["Anna"]
    assert _rows(mine, "select c.uuid from document d join coder c on c.id = d.imported_by_id") == [(ANNA,)]


def test_a_document_whose_uuid_is_taken_here_gets_a_new_one(pair, _templates):
    mine, theirs = pair
    (taken,) = _rows(mine, "select uuid from document where file_name = 'one.pdf'")[0]
    _import_three(theirs, _templates.pdfs, coder=None)
    _sql(theirs, "update document set uuid = 'moved' where file_name = 'one.pdf'")
    _sql(theirs, "update document set uuid = ? where file_name = 'three.pdf'", taken)
    assert _merge(mine, theirs).documents_added == ["three.pdf"]
    ((new, by),) = _rows(mine, "select uuid, imported_by_id from document where file_name = 'three.pdf'")
    assert new != taken and len(new) == 36 and by is None
    assert _rows(mine, "select uuid from document where file_name = 'one.pdf'") == [(taken,)]


def test_a_pdf_already_stored_here_is_not_stored_twice(pair, _templates):
    mine, theirs = pair
    _import_three(theirs, _templates.pdfs)
    (sha,) = _rows(theirs, "select sha256 from document where file_name = 'three.pdf'")[0]
    _sql(mine, "insert into pdf_blob (sha256, data, size) values (?, ?, 7)", sha, b"kept")
    assert _merge(mine, theirs).documents_added == ["three.pdf"]
    assert _rows(mine, "select data, size from pdf_blob where sha256 = ?", sha) == [(b"kept", 7)]


def test_attributes_only_there_are_added_and_mine_kept(pair):
    mine, theirs = pair
    _sql(mine, """update document set attributes = '{"city": "Uno", "n": 2}' where file_name = 'one.pdf'""")
    _sql(theirs, """update document set attributes = '{"city": "One", "n": 1, "new": "x"}' where file_name = 'one.pdf'""")
    _sql(theirs, "update document set attributes = 'null' where file_name = 'two.pdf'")
    report = _merge(mine, theirs)
    assert report.documents_matched == 2
    assert json.loads(_rows(mine, "select attributes from document where file_name = 'one.pdf'")[0][0]) == {
        "city": "Uno", "n": 2, "new": "x"}
    assert json.loads(_rows(mine, "select attributes from document where file_name = 'two.pdf'")[0][0]) == {
        "city": "Duo"}


def test_attributes_come_into_a_document_without_any(pair):
    mine, theirs = pair
    _sql(mine, "update document set attributes = '{}'")
    _sql(theirs, "update document set attributes = '{}' where file_name = 'two.pdf'")
    _merge(mine, theirs)
    assert json.loads(_rows(mine, "select attributes from document where file_name = 'one.pdf'")[0][0]) == {
        "city": "Uno", "n": 1}
    assert _rows(mine, "select attributes from document where file_name = 'two.pdf'") == [("{}",)]


def test_a_forged_document_is_refused_alone_with_what_hangs_on_it(pair, _templates):
    mine, theirs = pair
    uuid = _import_three(theirs, _templates.pdfs)
    with _open(theirs) as p:
        _segment(p, doc="three.pdf", uuid="00000000-0000-4000-8000-000000000003")
        _segment(p, doc="three.pdf", code="B", uuid="00000000-0000-4000-8000-000000000005")
        _segment(p, doc="two.pdf", uuid="00000000-0000-4000-8000-000000000004")
        from burgerannotator.core import memos
        from burgerannotator.core.scales import set_scale_value
        memos.set_memo(p, "document", uuid, _coder(p, "Anna"), "on three")
        memos.set_memo(p, "document", _doc(p, "two.pdf").uuid, _coder(p, "Anna"), "on two")
        depth = p.session.scalars(select(Scale)).one()
        set_scale_value(p, _doc(p, "three.pdf"), depth, _coder(p, "Anna"), 1)
        set_scale_value(p, _doc(p, "two.pdf"), depth, _coder(p, "Anna"), 2)
    _sql(theirs, "update pdf_blob set data = ? where sha256 = (select sha256 from document where file_name = "
                 "'three.pdf')", _templates.pdfs["two.pdf"])
    report = _merge(mine, theirs)
    assert report.documents_refused == [
        "Tri (three.pdf): its PDF bytes do not match its SHA-256 (a damaged or altered copy)"]
    assert report.documents_added == [] and report.documents_matched == 2
    assert (report.segments_added, report.segments_unplaced) == (1, 2)
    assert (report.memos_added, report.scale_values_added) == (1, 1)
    assert _rows(mine, "select count(*) from document") == [(2,)]
    assert _rows(mine, "select text from memo") == [("on two",)]
    assert _rows(mine, "select value from scale_value") == [(2,)]


# ---- document_problem, branch by branch --------------------------------------------------------------------
def _good(text="ab cd\x0cef", pages=((0, 5, [(0, 2), (3, 5)]), (6, 8, [(6, 8)]))):
    data = b"%PDF-1.7 tiny"
    import hashlib
    blob = SimpleNamespace(data=data)
    ps = []
    for i, (start, end, spans) in enumerate(pages):
        boxes, offsets = pack_words([[0, 0, 1, 1]] * len(spans), spans)
        ps.append(SimpleNamespace(index=i, text_start=start, text_end=end, word_boxes=boxes, word_offsets=offsets))
    doc = SimpleNamespace(sha256=hashlib.sha256(data).hexdigest(), text=text, page_count=len(ps))
    return doc, blob, ps


def test_a_good_document_has_no_problem_even_with_an_upper_case_hash():
    doc, blob, pages = _good()
    assert document_problem(doc, blob, pages) is None
    doc.sha256 = doc.sha256.upper()
    assert document_problem(doc, blob, pages) is None


def test_words_may_touch_the_page_ends_and_pages_may_be_empty():
    doc, blob, pages = _good(text="ab\x0c\x0ccd", pages=((0, 2, [(0, 2)]), (3, 3, []), (4, 6, [(4, 4), (4, 6)])))
    assert document_problem(doc, blob, pages) is None


@pytest.mark.parametrize("change, problem", [
    (lambda d, b, p: setattr(b, "data", b""), "its PDF is missing from the copy"),
    (lambda d, b, p: setattr(d, "sha256", None), "its PDF bytes do not match its SHA-256 (a damaged or altered copy)"),
    (lambda d, b, p: setattr(d, "sha256", "0" * 64), "its PDF bytes do not match its SHA-256 (a damaged or altered copy)"),
    (lambda d, b, p: setattr(d, "text", None), "it has no text"),
    (lambda d, b, p: setattr(d, "text", b"ab cd\x0cef"), "it has no text"),
    (lambda d, b, p: setattr(p[1], "index", 2), "its pages are incomplete"),
    (lambda d, b, p: setattr(d, "page_count", 3), "its pages are incomplete"),
    (lambda d, b, p: setattr(d, "page_count", 1), "its pages are incomplete"),
    (lambda d, b, p: setattr(p[0], "text_start", 1), "its text does not fit its pages (page 1)"),
    (lambda d, b, p: setattr(p[1], "text_start", 5), "its text does not fit its pages (page 2)"),
    (lambda d, b, p: setattr(p[1], "text_start", 7), "its text does not fit its pages (page 2)"),
    (lambda d, b, p: setattr(p[1], "text_end", "8"), "its text does not fit its pages (page 2)"),
    (lambda d, b, p: setattr(p[1], "text_end", 5), "its text does not fit its pages (page 2)"),
    (lambda d, b, p: setattr(p[1], "word_boxes", b"\x00" * 3), "its word boxes are damaged (page 2)"),
    (lambda d, b, p: setattr(p[0], "word_offsets", 5), "its word boxes are damaged (page 1)"),
    (lambda d, b, p: setattr(p[0], "word_offsets", pack_words([[0, 0, 1, 1]], [(0, 2)])[1]),
     "its word boxes do not fit its text (page 1)"),
    (lambda d, b, p: setattr(p[1], "word_offsets", pack_words([[0, 0, 1, 1]], [(5, 8)])[1]),
     "its word boxes do not fit its text (page 2)"),
    (lambda d, b, p: setattr(p[0], "word_offsets", pack_words([[0, 0, 1, 1]] * 2, [(0, 2), (3, 6)])[1]),
     "its word boxes do not fit its text (page 1)"),
    (lambda d, b, p: setattr(p[0], "word_offsets", pack_words([[0, 0, 1, 1]] * 2, [(0, 2), (4, 3)])[1]),
     "its word boxes do not fit its text (page 1)"),
    (lambda d, b, p: setattr(d, "text", "ab cd\x0cefg"),
     "its text does not fit its pages (the text is longer or shorter than its pages)"),
    (lambda d, b, p: setattr(d, "text", "ab cd\x0ce"),
     "its text does not fit its pages (the text is longer or shorter than its pages)"),
])
def test_each_problem_is_named(change, problem):
    doc, blob, pages = _good()
    change(doc, blob, pages)
    assert document_problem(doc, blob, pages) == problem


def test_a_missing_blob_or_no_pages():
    doc, blob, pages = _good()
    assert document_problem(doc, None, pages) == "its PDF is missing from the copy"
    doc.page_count = 0
    assert document_problem(doc, blob, []) == "its pages are incomplete"


# ---- segments -------------------------------------------------------------------------------------------

def _counts(r):
    return (r.segments_added, r.segments_updated, r.segments_deleted, r.segments_unchanged, r.segments_kept_mine,
            r.segments_unplaced)


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


def _shared_segment(mine, theirs, mine_when=T1, **kw):
    with _open(mine) as p:
        _segment(p, uuid=S1, modified=mine_when, start=0, end=5, **kw)
    shutil.copyfile(mine, theirs)


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


# ---- re-anchoring in a re-extracted document ----------------------------------------------------------------------
def _reextracted(theirs):
    """Their one.pdf text was extracted differently: four characters more in front."""
    _sql(theirs, "update document set text = 'XYZ ' || text where file_name = 'one.pdf'")
    _sql(theirs, "update segment set start = start + 4, \"end\" = \"end\" + 4")


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


# ---- memos ------------------------------------------------------------------------------------------------

def _memo(path, uuid, kind, target, text, when, coder_uuid=ANNA):
    _sql(path, "insert into memo (uuid, target_kind, target_uuid, coder_id, text, modified) values "
               "(?, ?, ?, (select id from coder where uuid = ?), ?, ?)", uuid, kind, target, coder_uuid, text,
         _ts(when))


def _memo_rows(path):
    return _rows(path, "select m.uuid, m.target_kind, m.target_uuid, c.uuid, m.text, m.modified from memo m "
                       "join coder c on c.id = m.coder_id order by m.uuid")


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


# ---- scales and scale values -----------------------------------------------------------------------------------
SCALE_COLUMNS = "uuid, scale_id, name, level, description, \"values\""


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


def _value(path, file_name, value, when, coder_uuid=ANNA, scale_id="DEPTH"):
    _sql(path, "insert into scale_value (document_id, scale_id, coder_id, value, modified) values ("
               "(select id from document where file_name = ?), (select id from scale where scale_id = ?), "
               "(select id from coder where uuid = ?), ?, ?)", file_name, scale_id, coder_uuid, value, _ts(when))


def _value_rows(path):
    return _rows(path, "select d.file_name, s.scale_id, c.uuid, v.value, v.modified from scale_value v "
                       "join document d on d.id = v.document_id join scale s on s.id = v.scale_id "
                       "join coder c on c.id = v.coder_id order by d.file_name")


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
