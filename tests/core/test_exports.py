"""CSV and Excel exports, summaries and the export CLI on the demo project."""
from __future__ import annotations

import csv
import zipfile

import openpyxl
import pytest

from burgerannotator.cli import main
from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document, page_label
from burgerannotator.core.exports.csv_writer import write_csv
from burgerannotator.core.exports.report import to_html, to_markdown
from burgerannotator.core.exports.sanitize import fit_cell, neutralise
from burgerannotator.core.exports import xlsx_writer
from burgerannotator.core.exports.tables import codebook_table, documents_table, matrix_table, segments_table
from burgerannotator.core.exports.xlsx_writer import write_workbook
from burgerannotator.core.matrix import build_matrix, select_coders
from burgerannotator.core.memos import set_memo as set_document_memo
from burgerannotator.core.segments import code_quote
from burgerannotator.core.store import Project
from burgerannotator.core.summary import document_summary

EVIL = '=HYPERLINK("http://x","y")'
QUOTE = "Wij zetten het beleidskader participatie voort en verbeteren het."


@pytest.fixture
def evil(demo_project):
    """A segment on Amsterdam's printed page 'ii' with a formula-like memo, and an evil document memo."""
    p = demo_project
    tester = get_or_create_coder(p, "Tester")
    doc = find_document(p, "Amsterdam")
    seg = code_quote(p, doc, QUOTE, find_code(p, "MECH-PARTICIPATIEKADER"), tester, memo=EVIL)
    set_document_memo(p, "document", doc.uuid, tester, "+31 20 123 4567 call the griffie")
    return p, seg


@pytest.mark.parametrize("text", ["=1+1", "= 1", "+HYPERLINK(\"http://x\")", "-2+cmd|' /C calc'!A0",
                                  "@SUM(A1)", "\t=1+1", "\r=1", "  =1", "\u200b=1", "\ufeff=1", "\u00a0=1",
                                  "＝1+1", "＋SUM(1)", "－cmd|x", "＠SUM(A1)", "-SUM（1）"])
def test_csv_guard_where_text_could_run(text):
    assert neutralise(text) == "'" + text
    assert neutralise(text, raw=True) == text


@pytest.mark.parametrize("text", ["- 30% minder CO2-uitstoot", "+31 20 123 4567", "-1", "@gemeente",
                                  "- minder (ten opzichte van 2019)", "\tx", "Buurtrechten", "<r>x</r>", ""])
def test_csv_leaves_text_that_cannot_run(text):
    assert neutralise(text) == text


def test_neutralise_and_fit():
    assert neutralise(None) == ""
    assert len(fit_cell("x" * 40000)) == 32767 and fit_cell("x" * 40000).endswith(" [...]")
    assert fit_cell("x" * 32767) == "x" * 32767


def _formulas(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


def test_workbook_sheets_types_pages_and_neutralisation(evil, tmp_path):
    p, seg = evil
    out = write_workbook(p, tmp_path / "export.xlsx")
    assert _formulas(out) == []  # not one formula anywhere
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:7] == ["Matrix presence", "Matrix count", "Matrix coverage", "Segments", "Codebook",
                                 "Summary", "Documents"]
    for name in wb.sheetnames[:7]:
        assert wb[name].auto_filter.ref, name
    segs = wb["Segments"]
    assert segs.freeze_panes == "B2"  # the header row and the city column
    header = [c.value for c in segs[1]]
    for col in ("city", "Code", "Printed page", "Page index", "Quote", "Coder", "Memo", "Created (UTC)",
                "Segment uuid"):
        assert col in header
    rows = [dict(zip(header, (c for c in r))) for r in segs.iter_rows(min_row=2)]
    mine = next(r for r in rows if r["Segment uuid"].value == seg.uuid)
    assert mine["Memo"].value == EVIL and mine["Memo"].data_type == "s"  # the text exactly,
    assert mine["Memo"].quotePrefix  # and Excel's quote prefix: editing it does not make a formula
    assert mine["Printed page"].value == page_label(seg.document, seg.page_first) == "ii"
    assert mine["Page index"].value == seg.page_first == 1
    assert isinstance(mine["Start"].value, int) and isinstance(mine["rank"].value, int)
    assert mine["Created (UTC)"].is_date
    assert mine["Code"].value == "Mechanismen > Participatiekader"
    numeric_pages = [r["Printed page"].value for r in rows if r["city"].value == "Nijmegen"]
    assert numeric_pages and all(isinstance(v, int) for v in numeric_pages)

    count = wb["Matrix count"]
    assert count.freeze_panes == "B2"
    names = [c.value for c in count[1]]  # one header row: the code names
    j = names.index("Participatiekader")
    fill = count.cell(row=1, column=j + 1).fill.fgColor.rgb
    assert fill.upper().endswith(find_code(p, "MECH-PARTICIPATIEKADER").color.lstrip("#").upper())
    cities = [count.cell(row=r, column=1).value for r in range(2, count.max_row + 1)]
    i = cities.index("Amsterdam") + 2
    assert count.cell(row=i, column=j + 1).value == 2  # demo coder A + Tester
    assert "Total" not in cities and "Total" not in names and len(cities) == 14  # no totals unless asked
    cov = wb["Matrix coverage"].cell(row=i, column=j + 1)
    assert isinstance(cov.value, float) and 0 < cov.value < 1 and cov.number_format == xlsx_writer.COVERAGE_FORMAT

    code_rows = {r[1]: r for r in wb["Codebook"].iter_rows(min_row=2, values_only=True)}
    assert code_rows["MECH-PARTICIPATIEKADER"][10] == 2
    docs = {r[0]: r for r in wb["Documents"].iter_rows(min_row=2, values_only=True)}
    doc_header = [c.value for c in wb["Documents"][1]]
    assert docs["Amsterdam"][doc_header.index("Memos")] == "Tester: +31 20 123 4567 call the griffie"
    assert docs["Amsterdam"][doc_header.index("DIEPGANG (Demo coder A)")] == 2
    summary = [r for r in wb["Summary"].iter_rows(min_row=2, values_only=True) if r[0] == "Amsterdam"]
    assert any(r[2] == "MECH-PARTICIPATIEKADER" and r[4] == 2 and r[6] == "ii" for r in summary)


# XlsxWriter copies text that starts with <r> and ends with </r> into the XML as it is: unguarded,
# this memo closes its cell and adds a live formula cell.
RICH_EVIL = '<r><t>x</t></r></is></c><c r="Z1"><f>HYPERLINK("http://x","y")</f></c><c r="Z2" t="inlineStr"><is><r><t>y</t></r>'


def _sheet_values(path) -> dict[str, list[list[tuple]]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()]
            for ws in wb.worksheets if ws.title != "About"}


def test_workbook_modes_layout_and_rich_text_memo(evil, tmp_path, monkeypatch):
    p, seg = evil
    tester = get_or_create_coder(p, "Tester")
    other = code_quote(p, find_document(p, "Nijmegen"), "Samen maken we Nijmegen", find_code(p, "MECH-PARTICIPATIEKADER"), tester,
                       memo=RICH_EVIL)
    shared = write_workbook(p, tmp_path / "shared.xlsx")  # the demo is small: shared strings
    monkeypatch.setattr(xlsx_writer, "SHARED_STRINGS_MAX_SEGMENTS", 0)
    constant = write_workbook(p, tmp_path / "constant.xlsx")  # what big projects get
    for path in (shared, constant):
        assert _formulas(path) == []
    with zipfile.ZipFile(shared) as z:
        assert "xl/sharedStrings.xml" in z.namelist()
    with zipfile.ZipFile(constant) as z:
        assert "xl/sharedStrings.xml" not in z.namelist()
    assert _sheet_values(shared) == _sheet_values(constant)  # the same cells, values, types and formats

    ws = openpyxl.load_workbook(constant)["Segments"]
    header = [c.value for c in ws[1]]
    assert "Category" not in header  # the code path starts with it
    rows = {r[header.index("Segment uuid")].value: r for r in ws.iter_rows(min_row=2)}
    row = rows[other.uuid]
    assert row[header.index("Memo")].value == RICH_EVIL and row[header.index("Memo")].data_type == "s"
    mine = rows[seg.uuid]
    quote, memo = mine[header.index("Quote")], mine[header.index("Memo")]
    assert quote.value == QUOTE and quote.alignment.wrap_text and memo.alignment.wrap_text
    assert not mine[header.index("Coder")].alignment.wrap_text
    for name, expected in (("Created (UTC)", seg.created), ("Modified (UTC)", seg.modified)):
        cell = mine[header.index(name)]
        assert cell.is_date and cell.number_format == "yyyy-mm-dd hh:mm:ss"
        assert abs((cell.value - expected).total_seconds()) < 0.001
    assert mine[header.index("Code")].value == "Mechanismen > Participatiekader"


@pytest.mark.parametrize("mode", ["all", "by-coder"])
def test_counts_from_the_count_matrix_match_the_queries(evil, mode):
    p, _ = evil
    selection = select_coders(p, mode)
    counts = build_matrix(p, "count", selection)
    assert codebook_table(p, selection, counts).rows == codebook_table(p, selection).rows
    assert documents_table(p, selection, counts).rows == documents_table(p, selection).rows
    with pytest.raises(ValueError):
        codebook_table(p, selection, build_matrix(p, "presence", selection))


@pytest.mark.parametrize("sep,decimal", [(",", "."), (";", ",")])
def test_csv_dialects_read_back(evil, tmp_path, sep, decimal):
    p, seg = evil
    matrix = build_matrix(p, "coverage", select_coders(p, "all"))
    path = write_csv(matrix_table(matrix), tmp_path / "m.csv", sep)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=sep))
    assert rows[0][0] == "city" and "Total" not in rows[0] and "Total" not in [r[0] for r in rows]
    assert len(rows) == len(matrix.rows) + 1 and len(rows[0]) == len(matrix.columns) + 1
    i = [r.label for r in matrix.rows].index("Amsterdam")
    j = [c.code_id for c in matrix.columns].index("MECH-PARTICIPATIEKADER")
    assert rows[0][j + 1] == "Participatiekader"  # code names, as in the workbook
    cell = rows[i + 1][j + 1]
    assert decimal in cell and float(cell.replace(",", ".")) == pytest.approx(matrix.values[i, j], rel=1e-6)

    segs = write_csv(segments_table(p), tmp_path / "s.csv", sep)
    with open(segs, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh, delimiter=sep))
    mine = next(r for r in table if r["Segment uuid"] == seg.uuid)
    assert mine["Memo"] == "'" + EVIL
    assert mine["Printed page"] == "ii" and mine["Quote"].startswith("Wij zetten")
    assert mine["city"] == "Amsterdam" and mine["parties"] == "GroenLinks, PvdA, D66"


def test_summary_and_reports(evil):
    p, seg = evil
    s = document_summary(p, find_document(p, "Amsterdam"))
    codes = [c.code_id for cat in s.categories for c in cat.codes]
    assert codes == ["MECH-PARTICIPATIEKADER", "MECH-BUURTRECHTEN"]  # codebook order
    quotes = s.categories[0].codes[0].quotes
    assert [q.coder for q in quotes] == ["Demo coder A", "Tester"] and quotes[1].memo == EVIL
    assert quotes[1].page == "ii" and s.attributes["city"] == "Amsterdam"
    assert [(e.scale_id, e.coder, e.value) for e in s.scales] == [("DIEPGANG", "Demo coder A", 2),
                                                                   ("DIEPGANG", "Demo coder B", 2)]
    assert [m.coder for m in s.memos] == ["Tester"]
    md = to_markdown([s])
    assert "## Amsterdam" in md and "p. ii · Tester" in md and "Participatiekader" in md
    html = to_html([s])
    assert "<h2" in html and "&quot;http://x&quot;" in html and "<a href=\"http" not in html
    assert f"segment:{seg.document.uuid}:{seg.start}:{seg.end}" in html


# ---- CLI -------------------------------------------------------------------------------------------
@pytest.fixture
def project_file(demo_project_path):
    p = Project.open(demo_project_path)
    tester = get_or_create_coder(p, "Tester")
    code_quote(p, find_document(p, "Amsterdam"), QUOTE, find_code(p, "MECH-PARTICIPATIEKADER"), tester, EVIL)
    p.close()
    return str(demo_project_path)


def test_cli_matrix(project_file, tmp_path, capsys):
    out = tmp_path / "m.csv"
    assert main(["matrix", project_file, "--coder", "Tester", "--measure", "count", "--hide-empty",
                 "--sep", ";", "-o", str(out)]) == 0
    assert "count matrix" in capsys.readouterr().out
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == ["city", "Participatiekader"]
    assert ["Amsterdam", "1"] in rows
    xlsx = tmp_path / "m.xlsx"
    assert main(["matrix", project_file, "--by-coder", "-o", str(xlsx)]) == 0
    ws = openpyxl.load_workbook(xlsx)["Matrix presence"]
    assert "Participatiekader (Tester)" in [c.value for c in ws[1]]


@pytest.mark.parametrize("argv,message", [
    (["matrix", "{p}", "--consensus", "-o", "{o}.csv"], "no consensus"),
    (["matrix", "{p}", "--coder", "Nobody", "-o", "{o}.csv"], "No coder"),
    (["matrix", "{p}", "--by", "colour", "-o", "{o}.csv"], "attribute 'colour'"),
    (["matrix", "{p}", "-o", "{o}.txt"], ".csv or .xlsx"),
    (["export", "{p}", "-o", "{o}.csv"], ".xlsx"),
    (["summary", "{p}", "--doc", "Atlantis", "-o", "{o}.md"], "No document"),
    (["export", "{o}-missing.bap", "-o", "{o}.xlsx"], "does not exist"),
])
def test_cli_errors_are_one_line(project_file, tmp_path, capsys, argv, message):
    argv = [a.format(p=project_file, o=tmp_path / "out") for a in argv]
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("out*"))  # no half-written file


def test_cli_summary_and_export(project_file, tmp_path, capsys):
    md, html, quotes, book = (tmp_path / n for n in ("s.md", "s.html", "s.csv", "all.xlsx"))
    assert main(["summary", project_file, "--doc", "Amsterdam", "-o", str(md)]) == 0
    assert "## Amsterdam" in md.read_text(encoding="utf-8")
    assert main(["summary", project_file, "--format", "html", "-o", str(html)]) == 0
    assert html.read_text(encoding="utf-8").count("<h2") == 14
    assert main(["summary", project_file, "--format", "csv", "-o", str(quotes)]) == 0
    with open(quotes, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert any(r["Memo"] == "'" + EVIL and r["Printed page"] == "ii" for r in rows)
    assert main(["export", project_file, "--coder", "Tester", "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    segs = list(wb["Segments"].iter_rows(min_row=2, values_only=True))
    assert len(segs) == 1 and _formulas(book) == []
    assert "Wrote" in capsys.readouterr().out
