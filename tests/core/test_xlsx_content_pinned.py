"""The full .xlsx export's content, pinned: every sheet's cell values (openpyxl), in both of the writer's
modes (shared strings; constant memory, as projects above 100,000 segments get it). Recorded from the
code before the Summary sheet was streamed (issue 17: memory flat in segment count), so a change in
what the workbook says fails here.

Values that differ between two builds of the same project are replaced before hashing: uuids, dates,
and the project's path on the About sheet."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import openpyxl
import pytest

from burgerannotator.core import codebook, segments
from burgerannotator.core.areas import create_area
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document, list_documents
from burgerannotator.core.exports import xlsx_writer
from burgerannotator.core.exports.tables import summary_table
from burgerannotator.core.exports.xlsx_writer import write_workbook
from burgerannotator.core.matrix import select_coders
from burgerannotator.core.memos import set_memo
from burgerannotator.core.scales import find_scale, set_scale_value
from burgerannotator.core.summary import summarise

UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


def cells(path, project_path) -> list:
    book = openpyxl.load_workbook(path)
    out = []
    for ws in book.worksheets:
        out.append(["sheet", ws.title, ws.max_row, ws.max_column])
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None:
                    continue
                if isinstance(v, (dt.datetime, dt.date)):
                    v = "<date>"
                elif isinstance(v, str):
                    v = UUID.sub("<uuid>", v.replace(str(project_path), "<project>"))
                out.append([c.coordinate, v])
    return out


def digest(rows) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


@pytest.fixture(params=["shared strings", "constant memory"])
def mode(request, monkeypatch):
    if request.param == "constant memory":
        monkeypatch.setattr(xlsx_writer, "SHARED_STRINGS_MAX_SEGMENTS", 0)
    return request.param


SHEETS = [["sheet", "Matrix presence", 15, 27], ["sheet", "Matrix count", 15, 27], ["sheet", "Matrix coverage", 15, 27],
          ["sheet", "Segments", 12, 21], ["sheet", "Codebook", 30, 13], ["sheet", "Summary", 14, 8],
          ["sheet", "Documents", 15, 17], ["sheet", "Heat map", 16, 27], ["sheet", "Codes per city", 15, 4],
          ["sheet", "Co-occurrence", 28, 27], ["sheet", "About", 11, 2]]
DEMO_DIGEST = "b95f45576fe1e12e62241ef6cc5b159a6b72560a4881103583cd40970667ba17"
BUSY_DIGEST = "5e250a26ffe0b3811f860d31ec3e1c83933e830d8e11bd3d65ca4fcd4a29f2b6"


def test_demo_export_content_is_pinned(demo_project, mode, tmp_path):
    out = write_workbook(demo_project, tmp_path / "demo.xlsx")
    got = cells(out, demo_project.path)
    summary = [c[1] for c in got if len(c) == 2 and c[0].startswith("A") and isinstance(c[1], str)]
    assert [c for c in got if c[0] == "sheet"] == SHEETS
    assert "Haarlem" in summary
    assert digest(got) == DEMO_DIGEST


@pytest.fixture
def busy(demo_project):
    """The demo plus one coder with 31 quotes of one code in one document (more than the Summary's 25),
    one quote over 300 characters, an area, a document memo and scale values."""
    p = demo_project
    anna = get_or_create_coder(p, "Anna")
    haarlem, rotterdam = find_document(p, "Haarlem"), find_document(p, "Rotterdam")
    uit, zelf = codebook.find_code(p, "MECH-UITDAAGRECHT"), codebook.find_code(p, "MECH-ZELFBEHEER")
    for i in range(30):
        segments.create_segment(p, haarlem, uit, anna, 1000 + 700 * i, 1000 + 700 * i + 60,
                                memo="=1+1" if i == 3 else "")
    segments.create_segment(p, haarlem, uit, anna, 30000, 30600)  # a long quote, clipped on the Summary
    create_area(p, rotterdam, 27, [60, 120, 420, 460], zelf, anna)
    set_memo(p, "document", haarlem.uuid, anna, "Veel uitdaagrecht.\nTweede regel.")
    set_scale_value(p, haarlem, find_scale(p, "DIEPGANG"), anna, 3)
    return p


def test_busy_export_content_is_pinned(busy, mode, tmp_path):
    out = write_workbook(busy, tmp_path / "busy.xlsx")
    got = cells(out, busy.path)
    quotes = [c[1] for c in got if len(c) == 2 and isinstance(c[1], str) and "more (see Segments)" in c[1]]
    assert len(quotes) == 1 and quotes[0].endswith("\n... and 7 more (see Segments)")
    assert digest(got) == BUSY_DIGEST


def test_summary_sheet_rows_are_the_summary_table(busy, tmp_path):
    """The Summary sheet holds exactly ``summary_table(summarise(...))``'s rows (the per-document
    summary the Markdown/HTML reports use), whatever way the sheet builds them."""
    out = write_workbook(busy, tmp_path / "busy.xlsx")
    ws = openpyxl.load_workbook(out)["Summary"]
    sheet = [[c.value for c in row] for row in ws.iter_rows()]
    table = summary_table(summarise(busy, list_documents(busy), select_coders(busy, "all")))
    expected = [table.header] + [[None if v == "" else v for v in row] for row in table.rows]
    assert sheet == expected
    assert len(sheet) == 16


@pytest.mark.parametrize("mode,name", [("all", None), ("coder", "Anna"), ("coder", "Demo coder B")])
@pytest.mark.parametrize("max_quotes", [0, 1, 2, 25])
def test_digest_rows_equal_the_summary_rows(busy, mode, name, max_quotes):
    """The streamed rows (at most ``max_quotes`` quotes held per code) == the rows built from the full
    per-document summary, for every coder choice and cut-off."""
    from burgerannotator.core.exports.tables import summary_digest_table
    from burgerannotator.core.summary import digests

    selection = select_coders(busy, mode, name)
    docs = list_documents(busy)
    expected = list(summary_table(summarise(busy, docs, selection), max_quote=40, max_quotes=max_quotes).rows)
    got = list(summary_digest_table(digests(busy, docs, selection, keep=max_quotes), max_quote=40,
                                    max_quotes=max_quotes).rows)
    assert got == expected
    assert len(got) == {None: 15, "Anna": 4, "Demo coder B": 8}[name]
