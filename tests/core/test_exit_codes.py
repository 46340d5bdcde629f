"""Every exit code the README documents, produced by the real command line, with exactly one
line on stderr: 0 success, 2 usage/user error, 3 project file, 4 PDF import, 5 not found,
6 disk full, 8 merge conflicts."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from burgerannotator.cli import main
from burgerannotator.core import codebook, store
from burgerannotator.core.store import Project, copy_project

HAARLEM = ["--doc", "Haarlem", "--code", "MECH-BURGERBERAAD", "--coder", "T"]


def run(capsys, *args):
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def test_exit_0(demo_project_path, capsys):
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", "Een gelote groep bewoners", *HAARLEM)
    assert (rc, err) == (0, "")
    assert out.startswith("Coded MECH-BURGERBERAAD on Haarlem, p. ")


@pytest.mark.parametrize("args", [["code"], ["info", "p.bap", "--no-such-flag"], ["matrix", "p.bap"]])
def test_exit_2_usage(args, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, err = run(capsys, *args)
    assert rc == 2
    assert err.strip().splitlines()[-1].startswith("burgerannotator")  # argparse: usage, then one reason


def test_exit_2_user_error(demo_project_path, capsys):
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", " ", *HAARLEM)
    assert rc == 2 and err.count("\n") == 1


def test_exit_3_project_file(tmp_path, capsys):
    bad = tmp_path / "notes.bap"
    bad.write_text("not a project", encoding="utf-8")
    rc, out, err = run(capsys, "info", bad)
    assert rc == 3 and err.count("\n") == 1 and "not a BurgerAnnotator project" in err


def test_exit_4_pdf_import(demo_project_path, tmp_path, capsys):
    fake = tmp_path / "x.pdf"
    fake.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    rc, out, err = run(capsys, "import", demo_project_path, fake)
    assert rc == 4 and err.count("\n") == 1 and "x.pdf" in err


def test_exit_5_not_found(demo_project_path, capsys):
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", "Een gelote groep bewoners", "--doc",
                       "Atlantis", "--code", "MECH-BURGERBERAAD", "--coder", "T")
    assert rc == 5 and err.count("\n") == 1 and "Atlantis" in err


def test_exit_6_disk_full(demo_project_path, capsys, monkeypatch):
    real_engine = store._engine

    def full_disk_engine(path, readonly, immutable=False):
        engine = real_engine(path, readonly, immutable)

        @event.listens_for(engine, "connect")
        def _no_growth(dbapi_con, _record):  # the file may not grow: a full disk
            pages = dbapi_con.execute("PRAGMA page_count").fetchone()[0]
            dbapi_con.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(store, "_engine", full_disk_engine)
    before = sqlite3.connect(demo_project_path).execute("select count(*) from segment").fetchone()[0]
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", "Een gelote groep bewoners", "--memo",
                       "x" * 3_000_000, *HAARLEM)
    assert rc == 6 and err.count("\n") == 1 and "full" in err
    after = sqlite3.connect(demo_project_path).execute("select count(*) from segment").fetchone()[0]
    assert after == before


def test_exit_8_merge_conflicts(demo_project_path, tmp_path, capsys):
    other = tmp_path / "other.bap"
    copy_project(demo_project_path, other)
    with Project.open(other) as p:
        codebook.update_code(p, codebook.find_code(p, "MECH-UITDAAGRECHT"), name="Right to challenge")
    with Project.open(demo_project_path) as p:
        codebook.update_code(p, codebook.find_code(p, "MECH-UITDAAGRECHT"), name="Daagrecht")
    rc, out, err = run(capsys, "merge", demo_project_path, other)
    assert rc == 8 and err.count("\n") == 1
    assert [line for line in out.splitlines() if line.startswith("conflict:")] == [
        "conflict: MECH-UITDAAGRECHT renamed: here name = 'Daagrecht', in the other copy 'Right to challenge'"]
