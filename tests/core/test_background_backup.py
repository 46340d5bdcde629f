"""The backup made beside the open window (issue 17): one consistent snapshot, codings committed
meanwhile kept in the project (and not half in the copy), a stop that leaves nothing behind,
failures told in one line."""
from __future__ import annotations

import sqlite3
import threading

from burgerannotator.core import background_backup, backups, store
from burgerannotator.core.background_backup import BackgroundBackup
from burgerannotator.core.batch_coding import Coding, add_codings
from burgerannotator.core.paths import backups_dir
from burgerannotator.core.store import Project


def _segments(path) -> int:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM segment").fetchone()[0]
    finally:
        con.close()


def _leftovers() -> list[str]:
    return sorted(f.name for f in backups_dir().iterdir() if f.name != backups.BACKUP_MEMO) if backups_dir().exists() else []


def _code_one(project) -> None:
    from burgerannotator.core import codebook
    from burgerannotator.core.coders import get_or_create_coder
    from burgerannotator.core.documents import list_documents

    doc = list_documents(project)[0]
    add_codings(project, [Coding(doc, codebook.leaf_codes(project)[0], get_or_create_coder(project, "Writer"), 0, 40)])


def test_a_backup_is_made_on_its_thread_and_verifies(demo_project_path):
    project = Project.open(demo_project_path, make_backup=False)
    try:
        assert _leftovers() == [] and project.backed_up is False
        ended = []
        task = BackgroundBackup(demo_project_path, on_done=lambda t: ended.append(threading.current_thread().name))
        assert task.start().wait(60) is True
        assert task.error is None and task.cancelled is False
        assert ended == ["backup demo.bap"]  # called once, on the backup's own thread
        assert _leftovers() == [task.made.name] and task.made.parent == backups_dir()
        assert store.verified_copy(task.made, full=True) is True
        assert _segments(task.made) == _segments(demo_project_path)
    finally:
        project.close()


def test_a_coding_committed_during_the_backup_is_kept_and_the_copy_is_one_snapshot(demo_project_path, monkeypatch):
    before = _segments(demo_project_path)
    project = Project.open(demo_project_path, make_backup=False)
    holding, go = threading.Event(), threading.Event()

    def hold(task):  # the first step has opened the read snapshot: wait there for the write
        if not holding.is_set():
            holding.set()
            go.wait(30)

    monkeypatch.setattr(background_backup, "STEP_HOOK", hold)
    monkeypatch.setattr(backups, "BACKUP_STEP_PAGES", 8)  # many steps: the write lands between them
    try:
        task = BackgroundBackup(demo_project_path).start()
        assert holding.wait(30) is True
        _code_one(project)  # the window writes while the backup copies: not blocked
        go.set()
        assert task.wait(60) is True and task.error is None
        assert _segments(task.made) == before  # the snapshot from before the write, whole
        assert store.verified_copy(task.made, full=True) is True
    finally:
        go.set()
        project.close()
    assert _segments(demo_project_path) == before + 1  # and the write is in the project


def test_a_cancelled_backup_leaves_no_file_and_prunes_nothing(demo_project_path, monkeypatch):
    kept = store.make_backup(demo_project_path)
    con = sqlite3.connect(demo_project_path)  # changed since: a new backup is due
    con.execute("UPDATE project SET name = name || ' 2'")
    con.commit()
    con.close()
    stepping = threading.Event()

    def wait_for_cancel(task):
        stepping.set()
        task._stop.wait(30)

    monkeypatch.setattr(background_backup, "STEP_HOOK", wait_for_cancel)
    task = BackgroundBackup(demo_project_path).start()
    assert stepping.wait(30) is True
    task.cancel()
    assert task.wait(60) is True
    assert (task.cancelled, task.made, task.error) == (True, None, None)
    assert _leftovers() == [kept.name]  # no .partial, the earlier backup untouched


def test_a_failed_backup_says_why_in_one_line(demo_project_path, monkeypatch):
    def full_disk(src, dst, *args, **kwargs):
        dst.write_bytes(b"")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_sqlite_copy", full_disk)
    task = BackgroundBackup(demo_project_path).start()
    assert task.wait(60) is True
    assert task.made is None and task.cancelled is False
    assert task.error == f"cannot write a copy of demo.bap to {backups_dir()}: No space left on device"
    assert _leftovers() == []
    assert store.backup(demo_project_path) is None  # the old entry point still swallows it


def test_a_temporary_copy_left_by_a_crash_is_removed_by_the_next_backup(demo_project_path):
    import os
    import time

    backups_dir().mkdir(parents=True, exist_ok=True)
    old = backups_dir() / ".demo-20260101-101010-000001.bap.partial"   # a day old: a crash left it
    new = backups_dir() / ".demo-20260101-101011-000001.bap.partial"   # fresh: maybe still being written
    other = backups_dir() / ".other-20260101-101010-000001.bap.partial"  # another project's
    for f in (old, new, other):
        f.write_bytes(b"half")
    day_ago = time.time() - backups.STALE_PARTIAL_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    made = store.make_backup(demo_project_path)
    assert _leftovers() == sorted([new.name, other.name, made.name])


def test_a_file_unchanged_since_its_newest_backup_is_not_copied_again(demo_project_path):
    import sqlite3 as sq

    first = BackgroundBackup(demo_project_path).start()
    assert first.wait(60) is True and first.reused is False
    again = BackgroundBackup(demo_project_path).start()
    assert again.wait(60) is True
    assert (again.reused, again.made) == (True, first.made) and _leftovers() == [first.made.name]
    con = sq.connect(demo_project_path)  # a change (any write moves the file's fingerprint)
    con.execute("UPDATE project SET name = name || ' 2'")
    con.commit()
    con.close()
    changed = BackgroundBackup(demo_project_path).start()
    assert changed.wait(60) is True and changed.reused is False and changed.made != first.made
    assert _leftovers() == sorted([first.made.name, changed.made.name])
    first.made.unlink()  # pruned or removed: a new one is made
    assert backups.current_backup(demo_project_path) == changed.made
    changed.made.write_bytes(b"")  # no longer whole: not trusted
    assert backups.current_backup(demo_project_path) is None
