"""Issue 16, data safety: backups that survive a full disk, I/O errors told apart from damage,
read-only folders, copies, the lock (symlinks, --wait)."""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import namedtuple
from pathlib import Path

import pytest

from burgerannotator.cli import main
from burgerannotator.core import backups, storage, store
from burgerannotator.core.errors import ProjectLockedError, ProjectReadOnlyError, StorageFullError
from burgerannotator.core.paths import backups_dir
from burgerannotator.core.store import Project

from support import hold_lock

Usage = namedtuple("Usage", "total used free")


def good_backups(stem="demo"):
    out = []
    for f in sorted(backups_dir().glob(f"{stem}-*.bap")):
        try:
            con = sqlite3.connect(f"{f.as_uri()}?mode=ro", uri=True)
            ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            con.close()
        except sqlite3.Error:
            ok = False
        out.append((f.name, ok, f.stat().st_size))
    return out


def _failing_copy(src, dst, *args, **kwargs):
    Path(dst).write_bytes(b"")  # what a full disk leaves behind
    raise sqlite3.OperationalError("database or disk is full")


def _garbage_copy(src, dst, *args, **kwargs):
    Path(dst).write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 4000)  # truncated, no error raised


def test_a_full_disk_never_pushes_out_the_good_backups(demo_project_path, monkeypatch):
    for _ in range(5):
        Project.open(demo_project_path).close()
    real_copy = backups._sqlite_copy
    monkeypatch.setattr(backups, "_sqlite_copy", _failing_copy)
    for _ in range(4):
        Project.open(demo_project_path).close()
    monkeypatch.setattr(backups, "_sqlite_copy", real_copy)
    Project.open(demo_project_path).close()  # space freed: a good backup again
    kept = good_backups()
    assert [ok for _, ok, _ in kept] == [True] * 5
    assert min(size for _, _, size in kept) > 0


def test_a_copy_that_fails_verification_is_not_kept_and_prunes_nothing(demo_project_path, monkeypatch):
    for _ in range(5):
        Project.open(demo_project_path).close()
    before = good_backups()
    monkeypatch.setattr(backups, "_sqlite_copy", _garbage_copy)
    for _ in range(6):
        Project.open(demo_project_path).close()
    assert good_backups() == before
    assert [f.name for f in backups_dir().iterdir() if f.name.endswith(".partial")] == []


def test_a_backup_left_empty_by_an_old_version_is_not_counted(demo_project_path):
    backups_dir().mkdir(parents=True, exist_ok=True)
    for i in range(5):
        (backups_dir() / f"demo-20200101-00000{i}-000000.bap").write_bytes(b"")
    Project.open(demo_project_path).close()
    kept = good_backups()
    assert [ok for _, ok, _ in kept] == [True]


# ---- disk full is not damage ---------------------------------------------------------------------
class _IOErrorConnection:
    def __init__(self, con):
        self._con = con

    def execute(self, sql, *a):
        if "quick_check" in sql:
            raise sqlite3.OperationalError("disk I/O error")
        return self._con.execute(sql, *a)

    def __getattr__(self, name):
        return getattr(self._con, name)


def _io_error_on_read(monkeypatch):
    real = sqlite3.connect

    def connect(*a, **kw):
        return _IOErrorConnection(real(*a, **kw))

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_an_io_error_on_a_full_disk_is_exit_6_not_damage(demo_project_path, monkeypatch, capsys):
    _io_error_on_read(monkeypatch)
    monkeypatch.setattr(storage.shutil, "disk_usage", lambda p: Usage(10**9, 10**9, 0))
    rc = main(["code", str(demo_project_path), "--doc", "Haarlem", "--quote", "Een gelote groep bewoners",
               "--code", "MECH-BURGERBERAAD", "--coder", "T"])
    err = capsys.readouterr().err
    assert rc == 6, err
    assert "full" in err and "damaged" not in err
    assert err.count("\n") == 1


def test_an_io_error_with_space_left_is_not_called_damage(demo_project_path, monkeypatch, capsys):
    _io_error_on_read(monkeypatch)
    monkeypatch.setattr(storage.shutil, "disk_usage", lambda p: Usage(10**9, 0, 10**9))
    rc = main(["info", str(demo_project_path)])
    err = capsys.readouterr().err
    assert rc == 3
    assert "I/O error" in err and "damaged" not in err.replace("not known to be damaged", "")


@pytest.mark.parametrize("exc, kind", [
    (sqlite3.OperationalError("database or disk is full"), StorageFullError),
    (OSError(errno.ENOSPC, "No space left on device"), StorageFullError),
    (OSError(errno.EROFS, "Read-only file system"), ProjectReadOnlyError),
    (sqlite3.OperationalError("attempt to write a readonly database"), ProjectReadOnlyError),
    (sqlite3.OperationalError("database is locked"), ProjectLockedError),
])
def test_storage_failures_are_named(exc, kind, tmp_path):
    problem = store._translate(exc, tmp_path / "p.bap")
    assert type(problem) is kind
    assert problem.exit_code == {StorageFullError: 6}.get(kind, 3)


# ---- read-only folders -------------------------------------------------------------------------------
def _readonly_world(demo_project_path):
    """A folder only root may write, holding the demo project, and a user data folder anyone may write."""
    base = Path(tempfile.mkdtemp(prefix="ba-ro-"))
    os.chmod(base, 0o755)
    ro = base / "ro"
    ro.mkdir()
    shutil.copyfile(demo_project_path, ro / "p.bap")
    os.chmod(ro / "p.bap", 0o644)
    os.chmod(ro, 0o555)
    data = base / "data"
    data.mkdir()
    os.chmod(data, 0o777)
    out = base / "out"
    out.mkdir()
    os.chmod(out, 0o777)
    return base, ro, data


def _run_unprivileged(args, data):
    env = dict(os.environ, BURGERANNOTATOR_DATA_DIR=str(data), HOME=str(data), QT_QPA_PLATFORM="offscreen")
    prefix = []
    if os.geteuid() == 0:  # root writes anywhere: run as nobody, to whom the folder is read-only
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot make a folder read-only")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run([*prefix, sys.executable, "-m", "burgerannotator", *args], capture_output=True,
                          text=True, env=env, cwd=str(data), timeout=300)


@pytest.fixture
def readonly_folder(demo_project_path):
    base, ro, data = _readonly_world(demo_project_path)
    yield ro, data, base
    os.chmod(ro, 0o755)
    shutil.rmtree(base)


def test_a_project_in_a_read_only_folder_can_be_read(readonly_folder):
    ro, data, _ = readonly_folder
    before = sorted(os.listdir(ro))
    r = _run_unprivileged(["info", str(ro / "p.bap")], data)
    assert r.returncode == 0, r.stderr
    assert "Haarlem" in r.stdout
    assert r.stderr.strip().splitlines() == ["burgerannotator: note: p.bap is in a read-only folder: "
                                             "opened read-only, no backup made."]
    assert sorted(os.listdir(ro)) == before
    assert not (data / "backups").exists()


def test_writing_a_project_in_a_read_only_folder_says_so(readonly_folder):
    ro, data, _ = readonly_folder
    r = _run_unprivileged(["code", str(ro / "p.bap"), "--doc", "Haarlem", "--quote", "Een gelote groep bewoners",
                           "--code", "MECH-BURGERBERAAD", "--coder", "T"], data)
    assert r.returncode == 3, r.stderr
    assert "read-only folder" in r.stderr and r.stderr.count("\n") == 1


def test_copy_into_a_read_only_folder_is_one_line(readonly_folder, demo_project_path):
    ro, data, base = readonly_folder
    src = base / "out" / "src.bap"
    shutil.copyfile(demo_project_path, src)
    os.chmod(src, 0o666)
    r = _run_unprivileged(["copy", str(src), str(ro / "mine.bap")], data)
    assert r.returncode == 3, r.stderr
    assert "read-only" in r.stderr and r.stderr.count("\n") == 1
    assert not (ro / "mine.bap").exists()


# ---- the lock ------------------------------------------------------------------------------------------------
def test_a_symlink_takes_the_same_lock(demo_project_path, tmp_path):
    link = tmp_path / "link.bap"
    link.symlink_to(demo_project_path)
    first = Project.open(demo_project_path)
    try:
        with pytest.raises(ProjectLockedError):
            Project.open(link)
    finally:
        first.close()


def test_wait_retries_until_the_other_writer_is_done(demo_project_path):
    holder = hold_lock(demo_project_path)
    try:
        with pytest.raises(ProjectLockedError):
            Project.open(demo_project_path)
        second = Project.open(demo_project_path, wait=120)
        second.close()
    finally:
        holder.wait(timeout=120)


def test_wait_flag_on_the_command_line(demo_project_path, capsys):
    holder = hold_lock(demo_project_path)
    try:
        rc = main(["code", str(demo_project_path), "--wait", "120", "--doc", "Haarlem", "--quote",
                   "Een gelote groep bewoners", "--code", "MECH-BURGERBERAAD", "--coder", "T"])
    finally:
        holder.wait(timeout=120)
        store.set_lock_wait(0)
    assert rc == 0, capsys.readouterr().err


def test_without_wait_a_second_writer_is_refused_with_exit_3(demo_project_path, capsys):
    first = Project.open(demo_project_path)
    try:
        rc = main(["code", str(demo_project_path), "--doc", "Haarlem", "--quote", "Een gelote groep bewoners",
                   "--code", "MECH-BURGERBERAAD", "--coder", "T"])
    finally:
        first.close()
    err = capsys.readouterr().err
    assert rc == 3 and "already open" in err and "--wait" in err
