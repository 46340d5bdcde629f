"""The document text and word boxes are the coordinate system of every stored segment: a faster
or streaming importer must store them byte for byte as before. The digests below were recorded
from the importer before it was optimised (issue 17); a change to one of them is a change of
``pdftext.EXTRACTOR_REVISION`` (and breaks every stored segment offset), never a side effect.
"""
from __future__ import annotations

import hashlib
import sqlite3

from burgerannotator.core.demo import demo_pdfs

# sha256 over the document text (UTF-8), then per page in order: repr of (index, label, width,
# height, rotation, has_text, text_start, text_end) + packed word boxes + packed word offsets
RECORDED = {
    "01-amsterdam.pdf": "d3daaffeb941756c96657ffeda2d540d31d6c0a13026398db1d8a5f66bdf4b96",  # a rotated page
    "02-rotterdam.pdf": "7e009359353af119344ac1632b9a617d760cbc9eda20b32f68f2acf9606399b1",
    "03-den-haag.pdf": "2f1781e4c625cb9bb2cfd926004ea098b1d34a140ff7cdb525ff5bf7dd43244f",
    "04-utrecht.pdf": "e24e9d6c39127e207a7a694e295ba4e5a751340ed52050fb536e5ff8068a630a",
    "05-eindhoven.pdf": "5479d8653fe3a04147807892e4077df65c2911780ed5b92a9fb4084034f0eaee",
    "06-groningen.pdf": "32ebbc9c91591ef6ccf52e12f65bc4afeca1a8e8ce29a14f6ae80b69c676f59f",
    "07-tilburg.pdf": "5b17e3833ff6bcd269849384864266ed4a16b7ef3417bf40d57ba834aa885ed0",
    "08-almere.pdf": "3bdcfa1006585e93e1268642f8a802d6cbafb70e2f7474c2da51bd4bf1f044ef",
    "09-nijmegen.pdf": "dda6ab27c9f3eb83c2a77b86ec45c45e92b7b2437fa36d5046918eab5f737357",
    "10-arnhem.pdf": "e3d0f249fd49efa64944b92f03c7fc36eb70743c4994e8fb8e6a2318a7c72f58",
    "11-haarlem.pdf": "229203c76abe1c638d5929f047c034cc2b1b49813af211242c8bd5f2084d74fb",
    "12-amersfoort.pdf": "fd8b4cf88f712463cef0f67e8a634cd3bb67fe0a983b836b82cce1b689fe857f",
    "13-breda.pdf": "c82f08080fd9b3139405716587befa49e39c0ad0d4ef50474ee6aabd4843ca2d",
    "14-apeldoorn.pdf": "9d8ec3b1bdaa45f361f05eb62e00da3aa326a45059738837dab0025e1b128051",
}


def stored_digests(path) -> dict[str, str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for doc_id, name, text in con.execute("SELECT id, file_name, text FROM document"):
            h = hashlib.sha256(text.encode())
            for row in con.execute('SELECT "index", label, width, height, rotation, has_text, text_start, text_end, '
                                   'word_boxes, word_offsets FROM page WHERE document_id = ? ORDER BY "index"',
                                   (doc_id,)):
                h.update(repr(row[:8]).encode())
                h.update(row[8] or b"")
                h.update(row[9] or b"")
            out[name] = h.hexdigest()
        return out
    finally:
        con.close()


def test_all_demo_pdfs_are_recorded():
    assert sorted(p.name for p in demo_pdfs()) == sorted(RECORDED)


def test_imported_text_and_word_boxes_are_byte_identical(demo_project_path):
    assert stored_digests(demo_project_path) == RECORDED
