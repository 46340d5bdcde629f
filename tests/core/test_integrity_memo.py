"""Issue 17 follow-up: the row check runs on open only when the file may have been written by something
else since this app last saw it clean (``core.integrity_memo``); hostile rows are still found."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from sqlalchemy import select

from burgerannotator.core import integrity, integrity_memo
from burgerannotator.core.merge import merge_project
from burgerannotator.core.models import Document, LogEntry
from burgerannotator.core.store import Project

from support import craft_row

CRAFT = "update document set attributes = '[1,2]' where id = 1"


@pytest.fixture
def scans(monkeypatch):
    """Every path (file name) the row scan read, in order."""
    seen: list[str] = []
    real = integrity.findings

    def counting(con):
        seen.append(os.path.basename(con.execute("PRAGMA database_list").fetchone()[2]))
        return real(con)

    monkeypatch.setattr(integrity, "findings", counting)
    return seen


def _repairs(project) -> int:
    return len([e for e in project.session.scalars(select(LogEntry)) if e.action == "repair"])


def test_second_open_of_an_untouched_file_skips_the_scan(demo_project_path, scans):
    Project.open(demo_project_path).close()
    assert scans == ["demo.bap"]
    Project.open(demo_project_path).close()
    Project.open(demo_project_path, readonly=True).close()
    assert scans == ["demo.bap"]


def test_a_row_crafted_after_a_clean_close_is_found_and_repaired(demo_project_path, scans):
    Project.open(demo_project_path).close()
    before = _repairs_in(demo_project_path)
    craft_row(demo_project_path, CRAFT)
    with Project.open(demo_project_path) as project:
        assert scans == ["demo.bap", "demo.bap"]
        assert project.session.get(Document, 1).attributes == {}
        assert _repairs(project) == before + 1
        assert project.notes == ["Repaired 1 unreadable value(s) in demo.bap; see the project log."]


def _repairs_in(path) -> int:
    with Project.open(path, readonly=True) as project:
        return _repairs(project)


def test_a_row_crafted_after_a_clean_close_is_shown_repaired_when_read_only(demo_project_path, scans):
    Project.open(demo_project_path).close()
    craft_row(demo_project_path, CRAFT)
    with Project.open(demo_project_path, readonly=True) as project:
        assert project.session.get(Document, 1).attributes == {}
        assert len(project.notes) == 1
    assert scans == ["demo.bap", "demo.bap"]
    with Project.open(demo_project_path, readonly=True):  # still damaged: not remembered clean
        pass
    assert scans == ["demo.bap", "demo.bap", "demo.bap"]


def test_a_copy_of_a_clean_file_is_checked_fully(demo_project_path, tmp_path, scans):
    Project.open(demo_project_path).close()
    copy = tmp_path / "copy.bap"
    shutil.copy2(demo_project_path, copy)  # same size and mtime, another inode and path
    Project.open(copy, readonly=True).close()
    assert scans == ["demo.bap", "copy.bap"]


def test_a_file_moved_over_a_clean_one_is_checked_fully(demo_project_path, tmp_path, scans):
    Project.open(demo_project_path).close()
    other = tmp_path / "other.bap"
    shutil.copy2(demo_project_path, other)
    craft_row(other, CRAFT)
    st = os.stat(demo_project_path)
    os.replace(other, demo_project_path)
    os.utime(demo_project_path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same path, size, mtime; new inode
    with Project.open(demo_project_path, readonly=True) as project:
        assert project.session.get(Document, 1).attributes == {}
    assert scans == ["demo.bap", "demo.bap"]


def test_merging_always_checks_the_other_file(demo_project_path, tmp_path, scans):
    theirs = tmp_path / "theirs.bap"
    shutil.copy2(demo_project_path, theirs)
    Project.open(theirs).close()  # remembered clean
    with Project.open(demo_project_path) as project:
        merge_project(project, theirs, conflicts="keep-mine", dry_run=True)
    assert scans == ["theirs.bap", "demo.bap", "theirs.bap"]


def test_an_unreadable_memo_means_a_full_check(demo_project_path, scans):
    Project.open(demo_project_path).close()
    integrity_memo._memo_path().write_text("{not json", encoding="utf-8")
    Project.open(demo_project_path).close()
    assert scans == ["demo.bap", "demo.bap"]
    memo = json.loads(integrity_memo._memo_path().read_text(encoding="utf-8"))
    assert list(memo) == [os.path.realpath(demo_project_path)]


def test_a_wal_with_content_has_no_fingerprint(demo_project_path):
    (demo_project_path.parent / f"{demo_project_path.name}-wal").write_bytes(b"x")
    assert integrity_memo.fingerprint(demo_project_path) is None
    assert integrity_memo.seen_clean(demo_project_path, None) is False


def test_a_whole_second_mtime_has_no_fingerprint(demo_project_path):
    os.utime(demo_project_path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert integrity_memo.fingerprint(demo_project_path) is None
    os.utime(demo_project_path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_001))
    st = os.stat(demo_project_path)
    assert integrity_memo.fingerprint(demo_project_path) == [st.st_dev, st.st_ino, st.st_size,
                                                             1_700_000_000_000_000_001]


def test_sqlite_quick_check_is_skipped_only_for_a_file_seen_clean(demo_project_path, monkeypatch):
    from burgerannotator.core import store

    calls: list[bool] = []
    real = store.inspect_file

    def recording(path, immutable=False, quick_check=True):
        calls.append(quick_check)
        return real(path, immutable, quick_check)

    monkeypatch.setattr(store, "inspect_file", recording)
    Project.open(demo_project_path).close()
    Project.open(demo_project_path, readonly=True).close()
    craft_row(demo_project_path, CRAFT)
    Project.open(demo_project_path).close()
    assert calls == [True, False, True]
