"""Issue 16: the single-writer lock holds for every name of the file. A symlink resolves to the same
real path; a hard link does not, so a second lock in the file's folder is keyed by its inode."""
from __future__ import annotations

import os

import pytest

from burgerannotator.cli import main
from burgerannotator.core import store
from burgerannotator.core.errors import ProjectLockedError
from burgerannotator.core.store import Project

from support import hold_lock

CODE = ["--doc", "Haarlem", "--quote", "Een gelote groep bewoners", "--code", "MECH-BURGERBERAAD", "--coder", "T"]


@pytest.fixture
def hard_link(demo_project_path):
    link = demo_project_path.with_name("h.bap")
    os.link(demo_project_path, link)
    assert os.path.realpath(link) != os.path.realpath(demo_project_path)
    return link


def _free(lock_file) -> bool:
    """Whether nobody holds ``lock_file`` (an exclusive flock can be had at once)."""
    from filelock import FileLock, Timeout

    probe = FileLock(str(lock_file), timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return False
    probe.release()
    return True


def test_a_hard_link_is_refused_as_a_second_writer(demo_project_path, hard_link):
    first = Project.open(demo_project_path, make_backup=False)
    try:
        with pytest.raises(ProjectLockedError):
            Project.open(hard_link, make_backup=False)
    finally:
        first.close()
    Project.open(hard_link, make_backup=False).close()  # free again once the first writer is done


def test_hard_link_refusal_reads_like_the_symlink_one(demo_project_path, hard_link, capsys):
    sym = demo_project_path.with_name("s.bap")
    sym.symlink_to(demo_project_path)
    first = Project.open(demo_project_path, make_backup=False)
    try:
        rc_sym = main(["code", str(sym), *CODE])
        err_sym = capsys.readouterr().err
        rc_hard = main(["code", str(hard_link), *CODE])
        err_hard = capsys.readouterr().err
    finally:
        first.close()
    assert (rc_sym, rc_hard) == (3, 3)
    assert err_hard.count("\n") == 1
    assert err_hard == err_sym.replace("s.bap", "h.bap")
    assert err_hard == ("burgerannotator: h.bap is already open in another BurgerAnnotator window or "
                        "command; close it there first, or give --wait SECONDS.\n")


def test_wait_works_across_a_hard_link(demo_project_path, hard_link):
    holder = hold_lock(demo_project_path)
    try:
        with pytest.raises(ProjectLockedError):
            Project.open(hard_link, make_backup=False)
        second = Project.open(hard_link, make_backup=False, wait=120)
        second.close()
    finally:
        holder.wait(timeout=120)
    assert holder.returncode == 0


def test_wait_flag_across_a_hard_link(demo_project_path, hard_link, capsys):
    holder = hold_lock(demo_project_path)
    try:
        rc = main(["code", str(hard_link), "--wait", "120", *CODE])
    finally:
        holder.wait(timeout=120)
        store.set_lock_wait(0)
    assert rc == 0, capsys.readouterr().err


def test_both_locks_are_taken_and_released_together(demo_project_path, hard_link):
    ino = os.stat(demo_project_path).st_ino
    path_lock, inode_lock = store.lock_paths(demo_project_path)
    assert path_lock == demo_project_path.with_name("demo.bap.lock")
    assert inode_lock == demo_project_path.with_name(f".burgerannotator-{ino}.lock")
    assert store.lock_paths(hard_link) == (hard_link.with_name("h.bap.lock"), inode_lock)
    project = Project.open(demo_project_path, make_backup=False)
    assert (_free(path_lock), _free(inode_lock)) == (False, False)
    project.close()
    assert (_free(path_lock), _free(inode_lock)) == (True, True)


def test_a_refused_open_does_not_keep_its_own_path_lock(demo_project_path, hard_link):
    first = Project.open(demo_project_path, make_backup=False)
    try:
        with pytest.raises(ProjectLockedError):
            Project.open(hard_link, make_backup=False)
        assert _free(hard_link.with_name("h.bap.lock")) is True
    finally:
        first.close()


def test_the_files_a_writer_leaves_in_the_folder(demo_project_path):
    folder = demo_project_path.parent
    assert sorted(os.listdir(folder)) == ["demo.bap"]
    ino = os.stat(demo_project_path).st_ino
    Project.open(demo_project_path, make_backup=False).close()
    Project.open(demo_project_path, make_backup=False).close()
    assert sorted(os.listdir(folder)) == sorted([f".burgerannotator-{ino}.lock", "demo.bap", "demo.bap.lock"])


def test_stale_lock_files_do_not_block(demo_project_path):
    path_lock, inode_lock = store.lock_paths(demo_project_path)
    path_lock.write_text("12345 left by a crashed process")
    inode_lock.write_text("12345 left by a crashed process")
    Project.open(demo_project_path, make_backup=False).close()


def test_lock_files_of_a_replaced_file_are_removed(demo_project_path, tmp_path):
    folder = demo_project_path.parent
    Project.open(demo_project_path, make_backup=False).close()
    old_ino = os.stat(demo_project_path).st_ino
    replacement = folder / "replacement.tmp"
    replacement.write_bytes(demo_project_path.read_bytes())
    os.replace(replacement, demo_project_path)  # a restore or a copy over it: a new inode
    new_ino = os.stat(demo_project_path).st_ino
    assert new_ino != old_ino
    Project.open(demo_project_path, make_backup=False).close()
    assert sorted(os.listdir(folder)) == sorted([f".burgerannotator-{new_ino}.lock", "demo.bap", "demo.bap.lock"])


def test_an_inode_lock_another_writer_holds_is_not_removed(demo_project_path):
    """A lock file whose inode is not in the folder is removed only when nobody holds it."""
    from filelock import FileLock

    folder = demo_project_path.parent
    held = FileLock(str(folder / ".burgerannotator-999999999.lock"), timeout=0)
    held.acquire()
    try:
        Project.open(demo_project_path, make_backup=False).close()
        assert (folder / ".burgerannotator-999999999.lock").exists()
    finally:
        held.release()
    Project.open(demo_project_path, make_backup=False).close()
    assert not (folder / ".burgerannotator-999999999.lock").exists()
