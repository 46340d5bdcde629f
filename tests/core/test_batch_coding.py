"""Issue 17: ``code PROJECT --from FILE.csv`` codes many quotes in one process and one transaction."""
from __future__ import annotations

import io
import sqlite3
import sys

import pytest

from burgerannotator.cli import main

HEADER = "doc,quote,code,coder,memo,occurrence\n"
ROWS = [
    "Nijmegen,Nijmegenaren krijgen het Uitdaagrecht,MECH-UITDAAGRECHT,Demo coder A,,",  # the demo has it
    "Amsterdam,Buurtrechten en buurtbudgetten,MECH-BUURTRECHTEN,Batch coder,first,1",
    "Amsterdam,no such text anywhere,MECH-BUURTRECHTEN,Batch coder,,",
    "Amsterdam,Buurtrechten en buurtbudgetten,MECH-BUURTRECHTEN,Batch coder,again,1",  # same as line 3
    "Nowhere,Buurtrechten,MECH-BUURTRECHTEN,Batch coder,,",
    "Rotterdam,zelfbeheer van groen,NO-SUCH-CODE,Batch coder,,",
]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def live_segments(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM segment WHERE deleted IS NULL AND status = 'coded'").fetchone()[0]
    finally:
        con.close()


def write(tmp_path, text: str | bytes, name="batch.csv"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_rows_are_coded_once_and_reported(demo_project_path, tmp_path, capsys):
    before = live_segments(demo_project_path)
    csv_path = write(tmp_path, HEADER + "\n".join(ROWS) + "\n")
    code, out, err = run(capsys, "code", demo_project_path, "--from", csv_path)
    assert code == 5
    lines = out.splitlines()
    assert [ln.split(":")[0] + ":" + ln.split(":")[1] for ln in lines[:6]] == [
        "line 2: already coded", "line 3: coded", "line 4: not found", "line 5: already coded",
        "line 6: not found", "line 7: not found"]
    assert lines[6] == "6 row(s): 1 coded, 2 already coded, 3 not found."
    assert err.count("\n") == 1 and err.startswith("burgerannotator: 3 of 6 row(s)")
    assert live_segments(demo_project_path) == before + 1
    # the same file again: everything that could be coded is there already
    code, out, _err = run(capsys, "code", demo_project_path, "--from", csv_path)
    assert code == 5 and "6 row(s): 0 coded, 3 already coded, 3 not found." in out
    assert live_segments(demo_project_path) == before + 1


def test_strict_writes_nothing_unless_every_row_is_coded(demo_project_path, tmp_path, capsys):
    before = live_segments(demo_project_path)
    code, out, err = run(capsys, "code", demo_project_path, "--strict",
                         "--from", write(tmp_path, HEADER + "\n".join(ROWS[:3]) + "\n"))
    assert code == 5 and "nothing written (--strict)" in err
    assert live_segments(demo_project_path) == before
    code, out, err = run(capsys, "code", demo_project_path, "--strict",
                         "--from", write(tmp_path, HEADER + "\n".join(ROWS[:2]) + "\n"))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "2 row(s): 1 coded, 1 already coded, 0 not found."
    assert live_segments(demo_project_path) == before + 1


def test_stdin_semicolons_default_coder_and_occurrence(demo_project_path, tmp_path, capsys, monkeypatch):
    text = ("\ufeffdoc;quote;code;occurrence\n"
            "Amsterdam;Buurtrechten en buurtbudgetten;MECH-BUURTRECHTEN;1\n"
            "Amsterdam;Buurtrechten en buurtbudgetten;MECH-BUURTRECHTEN;99\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, err = run(capsys, "code", demo_project_path, "--from", "-", "--coder", "Stdin coder")
    assert code == 5
    assert out.splitlines()[0].startswith("line 2: coded: MECH-BUURTRECHTEN on Amsterdam by Stdin coder (")
    assert out.splitlines()[1].startswith("line 3: not found: quote not in 01-amsterdam.pdf")
    assert "standard input" in err


def test_many_rows_one_transaction(demo_project_path, tmp_path, capsys):
    from burgerannotator.core.demo import SEGMENTS

    rows = [f"{city},\"{quote}\",{code_id},Bulk {i % 7}," for i, (_c, city, quote, code_id, _m) in
            enumerate(SEGMENTS * 30)]
    before = live_segments(demo_project_path)
    code, out, err = run(capsys, "code", demo_project_path, "--from", write(tmp_path, HEADER + "\n".join(rows)))
    assert (code, err) == (0, "")
    distinct = {(i % 7, city, quote, code_id) for i, (_c, city, quote, code_id, _m) in enumerate(SEGMENTS * 30)}
    assert out.splitlines()[-1] == f"{len(rows)} row(s): {len(distinct)} coded, {len(rows) - len(distinct)} " \
                                   "already coded, 0 not found."
    assert live_segments(demo_project_path) == before + len(distinct)


@pytest.mark.parametrize("content, message", [
    (b"doc,quote,code\nAmsterdam,\xff\xfe bad,MECH-BUURTRECHTEN\n", "is not UTF-8 text"),
    (b"doc,quote,code\nAmsterdam,a\x00b,MECH-BUURTRECHTEN\n", "contains NUL bytes"),
    (b"", "is empty"),
    (b"city,text\nAmsterdam,Buurtrechten\n", "has no column doc, quote, code"),
    (b"doc,quote,code\nAmsterdam,\"" + b"x" * 1_100_000 + b"\",MECH-BUURTRECHTEN\n", "not valid CSV"),
])
def test_hostile_files_get_one_line_and_change_nothing(demo_project_path, tmp_path, capsys, content, message):
    before = live_segments(demo_project_path)
    code, out, err = run(capsys, "code", demo_project_path, "--from", write(tmp_path, content))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err
    assert live_segments(demo_project_path) == before


def test_bad_cells_are_reported_per_row(demo_project_path, tmp_path, capsys):
    text = HEADER + "Amsterdam,Buurtrechten,MECH-BUURTRECHTEN,X,,zero\nAmsterdam,,MECH-BUURTRECHTEN,X,,\n" \
                    "Amsterdam,Buurtrechten,MECH-BUURTRECHTEN,X,,1,extra\n"
    code, out, _err = run(capsys, "code", demo_project_path, "--from", write(tmp_path, text))
    assert code == 5
    assert out.splitlines()[:3] == [
        "line 2: not found: occurrence must be a whole number from 1, not 'zero'",
        "line 3: not found: empty quote",
        "line 4: not found: more cells than the header has columns"]


def test_usage_errors(demo_project_path, tmp_path, capsys):
    code, _out, err = run(capsys, "code", demo_project_path, "--from", write(tmp_path, HEADER), "--doc", "Amsterdam")
    assert code == 2 and "leave out --doc" in err
    code, _out, err = run(capsys, "code", demo_project_path, "--quote", "x")
    assert code == 2 and err == "burgerannotator: code needs --doc, --code (or --from FILE.csv to code many quotes).\n"
    code, _out, err = run(capsys, "code", demo_project_path, "--from", tmp_path / "missing.csv")
    assert code == 2 and "Cannot read" in err


def test_add_codings_anchors_like_create_segment_and_skips_duplicates(demo_project):
    from burgerannotator.core.batch_coding import Coding, add_codings
    from burgerannotator.core.codebook import find_code
    from burgerannotator.core.coders import get_or_create_coder
    from burgerannotator.core.documents import find_document
    from burgerannotator.core.segments import create_segment, segments

    doc = find_document(demo_project, "Amsterdam")
    code = find_code(demo_project, "MECH-BUURTRECHTEN")
    a, b = get_or_create_coder(demo_project, "Bulk A"), get_or_create_coder(demo_project, "Bulk B")
    from burgerannotator.core.documents import layout

    words = layout(demo_project, doc).spans
    first = (int(words[20][0]), int(words[26][1]))
    inside = (first[0] + 1, first[1] - 1)  # snaps onto the same words as ``first``
    spans = [first, inside, (int(words[90][0]), int(words[99][1])), first]
    added, skipped = add_codings(demo_project, [Coding(doc, code, a, s, e) for s, e in spans])
    assert (added, skipped) == (2, 2)
    for s, e in spans[:3:2]:
        create_segment(demo_project, doc, code, b, s, e)
    bulk = [(x.start, x.end, x.page_first, x.page_last, x.rects, x.quote) for x in segments(demo_project, doc, a)]
    one = [(x.start, x.end, x.page_first, x.page_last, x.rects, x.quote) for x in segments(demo_project, doc, b)]
    assert bulk == one and len(bulk) == 2
