"""What the disk says about a project file: a one-line reason for every storage failure (full
disk, read-only, I/O error, busy) told apart from damage, whether a folder can be written, and
the read-only check that a file is a project this version can open (it never writes)."""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from . import migrations
from .errors import (
    ProjectFileError,
    ProjectIOError,
    ProjectLockedError,
    ProjectReadOnlyError,
    StorageFullError,
    UserError,
)

APPLICATION = "BurgerAnnotator"
PROJECT_SUFFIX = ".bap"
SQLITE_MAGIC = b"SQLite format 3\x00"


# SQLite's primary result codes that say "the storage failed", not "the file is bad"
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_FULL, _SQLITE_CANTOPEN = 13, 14
LOW_SPACE = 1 << 20  # under 1 MiB free: an I/O error there is a full disk


def _disk_nearly_full(path: Path) -> bool:
    try:
        folder = path if path.is_dir() else path.resolve().parent
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


def storage_problem(exc: BaseException, path: Path) -> UserError | None:
    """The storage failure behind ``exc`` (full disk, read-only, I/O error, busy) as a one-line
    error, or None when the exception is about the file's content (damage, not a project)."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    os_errno = getattr(orig, "errno", None) if isinstance(orig, OSError) else None
    text = str(orig).lower()
    full = StorageFullError(f"The disk holding {path.name} is full: the last action was not saved; "
                            "everything before it is safe. Free some space and try again.")
    if primary == _SQLITE_FULL or os_errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) \
            or "disk is full" in text or "no space left" in text:
        return full
    if primary == _SQLITE_READONLY or os_errno in (errno.EROFS, errno.EACCES, errno.EPERM) \
            or "readonly" in text or "read-only" in text:
        return ProjectReadOnlyError(f"{path.name} cannot be written here (read-only folder, file or disk); "
                                    "nothing was changed. Copy it to a folder you can write to.")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return ProjectLockedError(f"{path.name} is busy (locked by another program); try again in a moment.")
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or os_errno == errno.EIO or "disk i/o error" in text \
            or "unable to open" in text:
        if _disk_nearly_full(path):
            return full
        return ProjectIOError(f"{path.name}: the disk or network share failed to read or write (I/O error); "
                              "the project itself is not known to be damaged. Check the disk and try again.")
    return None


def database_error(exc: Exception, path: Path) -> UserError:
    """A database error as one line: the storage failure if it is one, else the error itself."""
    return storage_problem(exc, path) or ProjectFileError(f"{path.name}: database error: {exc}")


def folder_writable(path: Path) -> bool:
    """Whether a project file at ``path`` can be written: its folder (for the journal and the
    lock) and, when it exists, the file itself."""
    real = Path(os.path.realpath(path))
    folder = real.parent
    if not os.access(folder, os.W_OK) or (real.exists() and not os.access(real, os.W_OK)):
        return False
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except (OSError, AttributeError):
        pass
    return True


def ro_uri(path: Path, immutable: bool = False) -> str:
    """A read-only SQLite URI; ``immutable`` when the folder cannot hold a journal or -shm file."""
    return f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"


def inspect_file(path: Path, immutable: bool = False, quick_check: bool = True) -> int:
    """Check, read-only, that ``path`` is a BurgerAnnotator project this version can open.

    Returns the file's schema revision number. Never writes to the file. ``quick_check=False`` only
    for a file unchanged since this app last saw it clean (``integrity_memo``).
    """
    if not path.exists():
        raise ProjectFileError(f"{path} does not exist.")
    if path.is_dir():
        raise ProjectFileError(f"{path} is a folder, not a project file.")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise (storage_problem(exc, path) or ProjectFileError(f"Cannot read {path}: {exc.strerror}.")) from None
    if head != SQLITE_MAGIC:
        raise ProjectFileError(f"{path.name} is not a BurgerAnnotator project (not an SQLite database).")
    try:
        con = sqlite3.connect(ro_uri(path, immutable), uri=True)
    except sqlite3.Error as exc:
        raise (storage_problem(exc, path) or ProjectFileError(f"{path.name} cannot be opened: {exc}.")) from None
    try:
        check = con.execute("PRAGMA quick_check").fetchone() if quick_check else ("ok",)
        if not check or check[0] != "ok":
            raise ProjectFileError(f"{path.name} is damaged (SQLite integrity check: {check[0] if check else '?'}); "
                                   "restore it from a backup.")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "project" not in tables or "alembic_version" not in tables:
            raise ProjectFileError(f"{path.name} is an SQLite database but not a BurgerAnnotator project.")
        app = con.execute("SELECT application FROM project LIMIT 1").fetchone()
        if not app or app[0] != APPLICATION:
            raise ProjectFileError(f"{path.name} is an SQLite database but not a BurgerAnnotator project.")
        rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        problem = storage_problem(exc, path)
        if problem is not None:
            raise problem from None
        raise ProjectFileError(f"{path.name} is damaged or not a project ({exc}).") from None
    finally:
        con.close()
    return _revision_index(path, rev[0] if rev else None)


def _revision_index(path: Path, revision) -> int:
    known = migrations.known_revisions()
    if revision not in known:
        raise ProjectFileError(
            f"{path.name} was written by a newer version of BurgerAnnotator (schema {revision}); "
            f"this version knows schema up to {migrations.head_revision()}. Please update the app.")
    return known.index(revision)
