"""The single-writer lock of a project: by real path (a symlink takes the same lock) and by inode
in the file's folder (a hard link does too), both within one ``--wait`` deadline."""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from .errors import ProjectFileError, ProjectLockedError
from .storage import storage_problem

log = logging.getLogger(__name__)

LOCK_WAIT = 0.0  # seconds a writer waits for the lock (``--wait``); 0 = refuse at once


def set_lock_wait(seconds: float) -> None:
    """How long ``Project.open`` waits for another writer to finish (scripted writers)."""
    global LOCK_WAIT
    LOCK_WAIT = max(0.0, float(seconds))


def lock_path(path: Path) -> Path:
    """The single-writer lock of a project: beside the real file, so a symlink or another
    spelling of the path takes the same lock."""
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + ".lock")


INODE_LOCK_PREFIX = ".burgerannotator-"


def inode_lock_path(path: Path) -> Path | None:
    """The second lock, for hard links (another real path, the same file): in the real file's folder,
    named by the file's inode alone (the folder fixes the device; ``st_dev`` would differ between two
    machines on one network share). None when the file cannot be stat'ed (not created yet)."""
    real = Path(os.path.realpath(path))
    try:
        ino = os.stat(real).st_ino
    except OSError:
        return None
    return real.with_name(f"{INODE_LOCK_PREFIX}{ino}.lock")


def lock_paths(path: Path) -> tuple[Path, Path | None]:
    """Both lock files a writer of ``path`` holds: by real path, and by inode."""
    return lock_path(path), inode_lock_path(path)


class WriterLock:
    """The locks one writer holds, released together (the inode lock first: taken last)."""

    def __init__(self, locks: list, path: Path | None = None):
        self._locks = locks
        self._path = path

    def release(self) -> None:
        if self._path is not None and self._locks:
            _remove_stale_inode_locks(self._path)  # at the end: the project's -wal/-shm are gone by now
        while self._locks:
            self._locks.pop().release()


def acquire(path: Path, wait: float | None = None) -> WriterLock:
    """Take the real-path lock, then the inode lock, within ``wait`` seconds in all. Always in that
    order, so two writers can never hold one each and wait for the other. The files stay after release
    (filelock: a kernel lock on a kept file, so a stale file never blocks); on release, inode lock files
    of inodes no longer in the folder (the project was replaced) are removed when nobody holds them."""
    from filelock import FileLock, Timeout  # here: a read-only command takes no lock and pays nothing for it

    wait = LOCK_WAIT if wait is None else max(0.0, wait)
    deadline = time.monotonic() + wait
    held: list = []
    try:
        for lock_file in lock_paths(path):
            if lock_file is None:
                continue
            lock = FileLock(str(lock_file), timeout=max(0.0, deadline - time.monotonic()))
            try:
                lock.acquire(poll_interval=0.05)
            except OSError as exc:
                if held and not isinstance(exc, Timeout):
                    log.debug("no inode lock for %s: %s", path, exc)  # the real-path lock still holds
                    continue
                raise
            held.append(lock)
    except Timeout:
        WriterLock(held).release()
        waited = f" (waited {wait:g} s)" if wait else ""
        raise ProjectLockedError(
            f"{path.name} is already open in another BurgerAnnotator window or command{waited}; "
            "close it there first" + ("." if wait else ", or give --wait SECONDS.")) from None
    except OSError as exc:
        WriterLock(held).release()
        raise (storage_problem(exc, path)
               or ProjectFileError(f"Cannot open {path.name} for writing: {exc.strerror or exc}.")) from None
    except BaseException:
        WriterLock(held).release()
        raise
    return WriterLock(held, path)


def _remove_stale_inode_locks(path: Path) -> None:
    """Remove inode lock files whose inode is no longer any file in the folder, each only while holding
    it (so nobody is waiting on it through this folder); best effort."""
    from filelock import FileLock, Timeout

    folder = Path(os.path.realpath(path)).parent
    try:
        entries = list(os.scandir(folder))
        inodes = {e.inode() for e in entries}
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(INODE_LOCK_PREFIX) and name.endswith(".lock")):
            continue
        ino = name[len(INODE_LOCK_PREFIX):-len(".lock")]
        if not ino.isdigit() or int(ino) in inodes:
            continue
        stale = FileLock(entry.path, timeout=0)
        try:
            stale.acquire()
        except (Timeout, OSError):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            pass
        finally:
            stale.release()
