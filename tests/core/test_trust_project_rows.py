"""Issue 16: crafted or damaged rows in a project file that passes quick_check. Every command gets
a clear answer: the value is repaired (logged) or the project is refused naming table and row."""
from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select

from burgerannotator.cli import main
from burgerannotator.core.models import LogEntry
from burgerannotator.core.store import Project
from support import craft_row

FIRST_CODE = "(select min(id) from code where kind = 'code')"
FIRST_SEG = "(select min(id) from segment)"

# name: (SQL that damages the demo project, what a writable open does: 'repair' or 'refuse')
CRAFTED = {
    "attributes-bad-json": ("update document set attributes = '{\"city\": \"Ams' where id = 1", "repair"),
    "attributes-list": ("update document set attributes = '[1, 2, 3]' where id = 1", "repair"),
    "terms-garbage": (f"update code set terms = 'not json at all' where id = {FIRST_CODE}", "repair"),
    "terms-string": (f"update code set terms = '\"burgerberaad\"' where id = {FIRST_CODE}", "repair"),
    "terms-mixed": (f"update code set terms = '[\"ok\", 3, null, {{}}]' where id = {FIRST_CODE}", "repair"),
    "coder-name-null": ("update coder set name = NULL where id = (select min(id) from coder)", "repair"),
    "document-text-null": ("update document set text = NULL where id = 2", "refuse"),
    "segment-start-text": (f"update segment set start = 'abc' where id = {FIRST_SEG}", "refuse"),
    "page-count-text": ("update document set page_count = 'many' where id = 3", "refuse"),
    "position-text": ("update document set position = 'first' where id = 3", "repair"),
    "segment-bad-date": (f"update segment set created = 'yesterday', modified = '2026-13-45' where id = {FIRST_SEG}",
                         "repair"),
    "coder-bad-date": ("update coder set modified = 12 where id = (select min(id) from coder)", "repair"),
    # dates SQLite's datetime() takes but Python cannot read back (found by the fuzz test)
    "coder-date-no-separator": ("update coder set created = '0226-02-0100:00:03' where id = (select min(id) from coder)",
                                "repair"),
    "segment-date-feb-30": (f"update segment set modified = '2026-02-30 10:00:00' where id = {FIRST_SEG}", "repair"),
    "segment-deleted-bad-date": (f"update segment set deleted = 'gone' where id = {FIRST_SEG}", "repair"),
    "segment-missing-document": (f"update segment set document_id = 9999 where id = {FIRST_SEG}", "repair"),
    "segment-missing-code": (f"update segment set code_id = 9999 where id = {FIRST_SEG}", "repair"),
    "scale-values-garbage": ("update scale set \"values\" = 'garbage' where id = (select min(id) from scale)",
                             "repair"),
    "scale-values-bad-items": ("update scale set \"values\" = '[1, {\"value\": \"x\"}, {\"value\": 2}]' "
                               "where id = (select min(id) from scale)", "repair"),
    "word-boxes-short": ("update page set word_boxes = x'0102' where id = 1", "repair"),
    "word-offsets-out-of-range": ("update page set word_offsets = zeroblob(length(word_offsets)) where id = "
                                  "(select min(id) from page where text_start > 0 and length(word_offsets) > 0)",
                                  "repair"),
    "rects-garbage": (f"update segment set rects = '[[' where id = {FIRST_SEG}", "repair"),
    "log-details-garbage": ("insert into log (\"when\", coder_name, action, summary, details) values "
                            "('2026-01-01 00:00:00', 'x', 'import', 's', '{oops')", "repair"),
}


def run(capsys, *args):
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_read_commands_answer_clearly(name, demo_project_path, tmp_path, capsys):
    sql, action = CRAFTED[name]
    craft_row(demo_project_path, sql)
    before = demo_project_path.read_bytes()
    for args in (["info", demo_project_path],
                 ["summary", demo_project_path, "-o", tmp_path / "s.md"],
                 ["matrix", demo_project_path, "-o", tmp_path / "m.csv"],
                 ["agreement", demo_project_path]):
        rc, out, err = run(capsys, *args)
        assert "internal error" not in err, (args[0], err)
        if action == "refuse":
            assert rc == 3, (args[0], err)
            assert err.count("\n") == 1 and "row" in err, err
        else:
            assert rc == 0, (args[0], err)
            notes = [line for line in err.splitlines() if "unreadable value" in line]
            assert len(notes) == 1, err
    assert demo_project_path.read_bytes() == before, "reading must not change the file"


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_writing_repairs_with_a_log_entry_or_refuses(name, demo_project_path, capsys):
    sql, action = CRAFTED[name]
    craft_row(demo_project_path, sql)
    rc, out, err = run(capsys, "code", demo_project_path, "--doc", "Haarlem", "--quote",
                       "Een gelote groep bewoners", "--code", "MECH-BURGERBERAAD", "--coder", "Tester")
    assert "internal error" not in err, err
    if action == "refuse":
        assert rc == 3 and err.count("\n") == 1, err
        table = sql.split()[1]
        assert f"{table} row" in err, err
        return
    assert rc == 0, err
    with Project.open(demo_project_path, readonly=True) as project:
        repairs = [e for e in project.session.scalars(select(LogEntry)) if e.action == "repair"]
        assert len(repairs) == 1
        assert repairs[0].details["repairs"], repairs[0].details
        assert project.notes == []  # repaired once, clean from now on


def test_a_damaged_copy_can_be_merged_or_is_refused(demo_project_path, tmp_path, capsys):
    from burgerannotator.core.store import copy_project

    theirs = tmp_path / "theirs.bap"
    copy_project(demo_project_path, theirs)
    craft_row(theirs, "update coder set name = NULL where id = (select min(id) from coder)")
    craft_row(theirs, "update document set attributes = 'oops' where id = 4")
    rc, out, err = run(capsys, "merge", demo_project_path, theirs, "--on-conflict", "keep-mine")
    assert rc == 0, err
    assert "internal error" not in err


def test_repair_keeps_a_moved_row_in_the_log(demo_project_path):
    craft_row(demo_project_path, f"update segment set code_id = 9999 where id = {FIRST_SEG}")
    con = sqlite3.connect(demo_project_path)
    uuid = con.execute(f"select uuid from segment where id = {FIRST_SEG}").fetchone()[0]
    con.close()
    with Project.open(demo_project_path) as project:
        entry = next(e for e in project.session.scalars(select(LogEntry)) if e.action == "repair")
        moved = entry.details["moved_rows"]
        assert [m["row"]["uuid"] for m in moved] == [uuid]
        assert json.dumps(entry.details)  # stays readable JSON
