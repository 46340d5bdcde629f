"""The tiny projects the merge tests copy, and the helpers they share (tests/core/test_merge_mutants*.py).

Two templates are built once per session: ``template`` (a small codebook, one scale, coder Anna,
PDFs one.pdf (2 pages) and two.pdf) and ``stranger`` (another project: the same codebook and PDFs
imported in another order with other ids, an extra coder first). Each test copies them with shutil
(fixtures ``pair`` and ``stranger``, in tests/core/conftest.py)."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
import shutil
import sqlite3

from sqlalchemy import select
import pymupdf

from burgerannotator.core import codebook, importer
from burgerannotator.core.anchoring import pack_words
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.merge import merge_project
from burgerannotator.core.models import Code, Coder, Document
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


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def _conflicting(mine, theirs):
    """Alpha renamed here (earlier) and there (later): one codebook conflict."""
    for path, name, when in ((mine, "Alpha here", T1), (theirs, "Alpha there", T2)):
        _sql(path, "update code set name = ?, modified = ? where code_id = 'A'", name, _ts(when))


# ---- coders -------------------------------------------------------------------------------------------
def _coder_rows(path):
    return _rows(path, "select uuid, name, is_consensus, created, modified from coder order by id")


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


def _counts(r):
    return (r.segments_added, r.segments_updated, r.segments_deleted, r.segments_unchanged, r.segments_kept_mine,
            r.segments_unplaced)


def _shared_segment(mine, theirs, mine_when=T1, **kw):
    with _open(mine) as p:
        _segment(p, uuid=S1, modified=mine_when, start=0, end=5, **kw)
    shutil.copyfile(mine, theirs)


# ---- re-anchoring in a re-extracted document ----------------------------------------------------------------------
def _reextracted(theirs):
    """Their one.pdf text was extracted differently: four characters more in front."""
    _sql(theirs, "update document set text = 'XYZ ' || text where file_name = 'one.pdf'")
    _sql(theirs, "update segment set start = start + 4, \"end\" = \"end\" + 4")


def _memo(path, uuid, kind, target, text, when, coder_uuid=ANNA):
    _sql(path, "insert into memo (uuid, target_kind, target_uuid, coder_id, text, modified) values "
               "(?, ?, ?, (select id from coder where uuid = ?), ?, ?)", uuid, kind, target, coder_uuid, text,
         _ts(when))


def _memo_rows(path):
    return _rows(path, "select m.uuid, m.target_kind, m.target_uuid, c.uuid, m.text, m.modified from memo m "
                       "join coder c on c.id = m.coder_id order by m.uuid")


# ---- scales and scale values -----------------------------------------------------------------------------------
SCALE_COLUMNS = "uuid, scale_id, name, level, description, \"values\""


def _value(path, file_name, value, when, coder_uuid=ANNA, scale_id="DEPTH"):
    _sql(path, "insert into scale_value (document_id, scale_id, coder_id, value, modified) values ("
               "(select id from document where file_name = ?), (select id from scale where scale_id = ?), "
               "(select id from coder where uuid = ?), ?, ?)", file_name, scale_id, coder_uuid, value, _ts(when))


def _value_rows(path):
    return _rows(path, "select d.file_name, s.scale_id, c.uuid, v.value, v.modified from scale_value v "
                       "join document d on d.id = v.document_id join scale s on s.id = v.scale_id "
                       "join coder c on c.id = v.coder_id order by d.file_name")
