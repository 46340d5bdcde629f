"""Exact outcomes of core/merge.py for coders and documents (whole documents, attributes, forged
documents refused, ``document_problem`` branch by branch). Fixtures and helpers: ``_merge_copies``.
The equivalent survivors of the mutation run are listed in test_merge_mutants.py."""
from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select

from burgerannotator.core import codebook
from burgerannotator.core.anchoring import pack_words
from burgerannotator.core.coders import consensus_coder, get_or_create_coder
from burgerannotator.core.merge import document_problem
from burgerannotator.core.models import Scale
from burgerannotator.core.store import Project

from _merge_copies import (
    ANNA,
    CODEBOOK,
    DOC_COLUMNS,
    T0,
    T1,
    T2,
    _coder,
    _coder_rows,
    _doc,
    _good,
    _import_three,
    _merge,
    _open,
    _pages,
    _rows,
    _seg_rows,
    _segment,
    _sql,
    _ts,
)


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
