"""Every file the export commands write, read back as researchers read it: openpyxl, and pandas with
``read_csv(sep=';', decimal=',')`` and ``read_excel``. Numbers are numbers, no formula cells, quotes and
memos byte-identical to the stored text, every coded coverage cell displays non-zero, no totals in the
data unless asked, one clean header row, page setup for printing."""
from __future__ import annotations

import csv
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import select

from burgerannotator.cli import main
from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.exports.xlsx_writer import COVERAGE_FORMAT
from burgerannotator.core.models import Segment
from burgerannotator.core.segments import code_quote
from burgerannotator.core.store import Project

MEMOS = ["- 30% minder CO2-uitstoot in 2030\n- tweede regel", '=HYPERLINK("http://x","y")', "  ingesprongen",
         "+31 20 123 4567", "@gemeente: zie 't verslag", '"aanhalingstekens"; en ; puntkomma\'s']
LONG = ("Wij zetten het beleidskader participatie voort en verbeteren het.")


def coverage_shown(value: float, number_format: str) -> str:
    """What Excel/LibreOffice show for a coverage cell (the sections of COVERAGE_FORMAT)."""
    assert number_format == COVERAGE_FORMAT
    if value == 0:
        return "0.00%"
    return "<0.01%" if value < 0.0001 else f"{value * 100:.2f}%"


@pytest.fixture
def project(demo_project_path):
    """The demo, plus a tiny coding (8 characters of 83,059: 0.0096% coverage) and memos that start
    like bullets, formulas, phone numbers and mentions; three coders."""
    p = Project.open(demo_project_path)
    tester = get_or_create_coder(p, "Tester")
    ams = find_document(p, "Amsterdam")
    code_quote(p, ams, "Gemeente", find_code(p, "MECH-DIGITAAL"), tester, memo=MEMOS[0])
    code_quote(p, ams, LONG, find_code(p, "MECH-PARTICIPATIEKADER"), tester, memo=MEMOS[1])
    for memo, city in zip(MEMOS[2:], ("Rotterdam", "Den Haag", "Utrecht", "Nijmegen")):
        doc = find_document(p, city)
        code_quote(p, doc, doc.text[200:260].strip(), find_code(p, "MECH-DIALOOG"), tester, memo=memo)
    stored = {s.uuid: (s.quote, s.memo) for s in p.session.scalars(select(Segment).where(Segment.deleted.is_(None)))}
    p.close()
    return str(demo_project_path), stored


def _run(argv):
    assert main(argv) == 0, argv


def test_matrix_csv_reads_back_in_pandas(project, tmp_path):
    path, _ = project
    cov, count, ids, totals = (tmp_path / n for n in ("cov.csv", "count.csv", "ids.csv", "totals.csv"))
    _run(["matrix", path, "--measure", "coverage", "--sep", ";", "-o", str(cov)])
    _run(["matrix", path, "--measure", "count", "--sep", ";", "-o", str(count)])
    _run(["matrix", path, "--measure", "count", "--ids", "-o", str(ids)])
    _run(["matrix", path, "--measure", "count", "--sep", ";", "--totals", "-o", str(totals)])
    c = pd.read_csv(cov, sep=";", decimal=",", index_col=0)
    n = pd.read_csv(count, sep=";", decimal=",", index_col=0)
    assert list(c.columns) == list(n.columns) and "Total" not in c.columns and "Total" not in c.index
    assert len(n) == 14 and n.index.name == "city" and "Digitaal platform" in n.columns
    assert all(dt.kind == "f" for dt in c.dtypes) and all(dt.kind == "i" for dt in n.dtypes)
    assert not any(str(col).startswith("Unnamed") for col in n.columns)
    # every coded cell has a coverage above 0, however small (8 characters of 83,059)
    assert ((c > 0) == (n > 0)).all().all()
    assert c.loc["Amsterdam", "Digitaal platform"] == pytest.approx(8 / 83059, rel=1e-9)
    i = pd.read_csv(ids, index_col=0)  # the ',' dialect, code ids as headers
    assert "MECH-DIGITAAL" in i.columns and list(i.values.tolist()) == list(n.values.tolist())
    t = pd.read_csv(totals, sep=";", decimal=",", index_col=0)
    assert t.index[-1] == "Total" and t.columns[-1] == "Total"
    assert t.loc["Total", "Total"] == n.values.sum() and t.loc["Amsterdam", "Total"] == n.loc["Amsterdam"].sum()


def test_full_export_reads_back(project, tmp_path):
    path, stored = project
    out = tmp_path / "all.xlsx"
    _run(["export", path, "-o", str(out)])
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row), ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth in (1, None), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    for name in ("Matrix presence", "Matrix count", "Matrix coverage", "Segments", "Summary", "Documents"):
        ws = wb[name]
        assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$A", name  # header row, city column

    # pandas: one clean header row on every sheet, numbers as numbers
    count = pd.read_excel(out, sheet_name="Matrix count", index_col=0)
    cov = pd.read_excel(out, sheet_name="Matrix coverage", index_col=0)
    assert count.index.name == "city" and len(count) == 14 and "Total" not in count.index
    assert not any(str(c).startswith("Unnamed") for c in count.columns) and "Total" not in count.columns
    assert "Participatiekader" in count.columns and all(dt.kind == "i" for dt in count.dtypes)
    # (pandas reads a whole number from Excel as an int, so an all-zero coverage column is int)
    assert all(dt.kind in "fi" for dt in cov.dtypes) and ((cov > 0) == (count > 0)).all().all()
    assert count.loc["Amsterdam", "Participatiekader"] == 2

    # coverage: every coded cell displays non-zero; the tiny one as <0.01%
    ws = wb["Matrix coverage"]
    shown = {}
    for r in range(2, ws.max_row + 1):
        for c in range(2, ws.max_column + 1):
            cell = ws.cell(r, c)
            shown[(ws.cell(r, 1).value, ws.cell(1, c).value)] = coverage_shown(cell.value, cell.number_format)
    coded = {(city, code) for city in count.index for code in count.columns if count.loc[city, code] > 0}
    assert coded and all(shown[k] != "0.00%" for k in coded)
    assert all(shown[k] == "0.00%" for k in shown if k not in coded)
    assert shown[("Amsterdam", "Digitaal platform")] == "<0.01%"

    # quotes and memos: byte-identical to the stored text, also the ones that look like formulas
    segs = pd.read_excel(out, sheet_name="Segments", keep_default_na=False)
    assert len(segs) == len(stored)
    for _, row in segs.iterrows():
        assert (row["Quote"], row["Memo"]) == stored[row["Segment uuid"]]
    assert segs["Start"].dtype.kind == "i" and segs["Page index"].dtype.kind == "i"
    assert segs["Created (UTC)"].dtype.kind == "M"
    seg_ws = wb["Segments"]
    header = [c.value for c in seg_ws[1]]
    memo_col = header.index("Memo") + 1
    for r in range(2, seg_ws.max_row + 1):  # multi-line and long text get a row height (LibreOffice)
        memo = seg_ws.cell(r, memo_col).value or ""
        if "\n" in memo:
            assert seg_ws.row_dimensions[r].height >= 30
    # the About sheet's export time is a date; the Documents sheet has one Title column
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert isinstance(about["Exported (UTC)"], datetime)
    docs = pd.read_excel(out, sheet_name="Documents")
    assert [c for c in docs.columns if c.lower() == "title"] == ["title"]  # the demo's attribute, once
    assert docs["title"].str.len().min() > 0


def test_totals_only_when_asked_and_outside_the_data(project, tmp_path):
    path, _ = project
    plain, with_totals = tmp_path / "m.xlsx", tmp_path / "mt.xlsx"
    _run(["matrix", path, "--measure", "count", "-o", str(plain)])
    _run(["matrix", path, "--measure", "count", "--totals", "-o", str(with_totals)])
    ws = openpyxl.load_workbook(plain)["Matrix count"]
    assert ws.max_row == 15 and "Total" not in [c.value for c in ws["A"]] + [c.value for c in ws[1]]
    ws = openpyxl.load_workbook(with_totals)["Matrix count"]
    n_cols = ws.max_column
    assert ws.cell(1, n_cols).value == "Total"
    assert [c.value for c in ws[16]] == [None] * n_cols  # an empty row between the data and the totals
    assert ws.cell(17, 1).value == "Total" and ws.cell(17, 1).font.b
    assert ws.auto_filter.ref == f"A1:{ws.cell(15, n_cols).coordinate}"  # the filter stops at the data
    data = pd.read_excel(with_totals, sheet_name="Matrix count", index_col=0, nrows=14)
    assert data.loc["Amsterdam", "Total"] == data.loc["Amsterdam"].drop("Total").sum()


def test_summary_csv_keeps_memos_and_quotes(project, tmp_path):
    path, stored = project
    guarded, raw = tmp_path / "q.csv", tmp_path / "raw.csv"
    _run(["summary", path, "--format", "csv", "--sep", ";", "-o", str(guarded)])
    _run(["summary", path, "--format", "csv", "--sep", ";", "--raw", "--no-bom", "-o", str(raw)])
    g = pd.read_csv(guarded, sep=";", decimal=",", keep_default_na=False, encoding="utf-8-sig")
    r = pd.read_csv(raw, sep=";", decimal=",", keep_default_na=False)
    assert g.columns[0] == "Document" and r.columns[0] == "Document"  # the BOM is not in the first name
    assert g["Page index"].dtype.kind == "i"
    for _, row in r.iterrows():
        assert (row["Quote"], row["Memo"]) == stored[row["Segment uuid"]]
    for _, row in g.iterrows():
        quote, memo = stored[row["Segment uuid"]]
        assert row["Quote"] == quote
        assert row["Memo"] == ("'" + memo if memo == MEMOS[1] else memo)  # only what could run is guarded
    with open(guarded, encoding="utf-8-sig", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh, delimiter=";")) == len(stored) + 1


def test_agreement_workbook_reads_back(project, tmp_path):
    path, _ = project
    out = tmp_path / "agreement.xlsx"
    _run(["agreement", path, "-o", str(out)])
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "About" and "Coder pairs" in wb.sheetnames
    for ws in wb.worksheets:
        values = [c.value for row in ws.iter_rows() for c in row]
        assert "undefined" not in values and all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    pairs = wb["Coder pairs"]
    assert pairs.freeze_panes == "D2" and pairs.auto_filter.ref.startswith("A1:")
    assert pairs.column_dimensions["D"].width >= 20
    frame = pd.read_excel(out, sheet_name="Document")
    assert frame["Cohen's kappa"].dtype.kind == "f"  # undefined values are empty cells, not words
    undefined = frame[frame["Cohen's kappa"].isna()]
    assert len(undefined) and all(undefined["why undefined"].str.contains("Cohen's kappa: "))


def test_constant_memory_mode_keeps_row_heights_while_forgetting_them(project, tmp_path, monkeypatch):
    """Big projects (constant-memory mode) drop the heights of rows already written, to keep memory
    flat; the file must be the same as the in-memory one's."""
    from burgerannotator.core.exports import xlsx_writer
    from burgerannotator.core.exports.xlsx_writer import write_workbook

    path, _ = project
    p = Project.open(path, readonly=True)
    try:
        shared = write_workbook(p, tmp_path / "shared.xlsx")
        monkeypatch.setattr(xlsx_writer, "SHARED_STRINGS_MAX_SEGMENTS", 0)
        monkeypatch.setattr(xlsx_writer, "FORGET_EVERY", 1)  # forget after every row
        constant = write_workbook(p, tmp_path / "constant.xlsx")
    finally:
        p.close()

    def heights(book):
        ws = openpyxl.load_workbook(book)["Segments"]
        return {r: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)}

    tall = heights(shared)
    assert heights(constant) == tall and sum(1 for h in tall.values() if h and h >= 30) >= 1
