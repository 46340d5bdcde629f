"""The project file: open, create, validate, lock, back up, and run units of work.

A project is one SQLite file (WAL journal, foreign keys on). There is no Save:
every user action is one transaction committed at once (``Project.transaction``).
Before a file is opened for writing it is checked read-only, so a file that is
not a project, is corrupt, or was written by a newer schema is refused and left
byte-identical.
"""
from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from . import integrity, integrity_memo, migrations
from .changes import NOTHING, Changes
from .errors import (
    ProjectFileError,
    ProjectIOError,
    ProjectLockedError,
    ProjectReadOnlyError,
    StorageFullError,
    UserError,
)
from .journal import Journal
from .models import CodebookInfo, Coder, LogEntry, ProjectInfo
from .paths import backups_dir

log = logging.getLogger(__name__)

APPLICATION = "BurgerAnnotator"
PROJECT_SUFFIX = ".bap"
BACKUPS_KEPT = 5
SQLITE_MAGIC = b"SQLite format 3\x00"


# SQLite's primary result codes that say "the storage failed", not "the file is bad"
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_FULL, _SQLITE_CANTOPEN = 13, 14
LOW_SPACE = 1 << 20  # under 1 MiB free: an I/O error there is a full disk
LOCK_WAIT = 0.0  # seconds a writer waits for the lock (``--wait``); 0 = refuse at once


def set_lock_wait(seconds: float) -> None:
    """How long ``Project.open`` waits for another writer to finish (scripted writers)."""
    global LOCK_WAIT
    LOCK_WAIT = max(0.0, float(seconds))


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


def _translate(exc: Exception, path: Path) -> UserError:
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


def _ro_uri(path: Path, immutable: bool = False) -> str:
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
        con = sqlite3.connect(_ro_uri(path, immutable), uri=True)
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


# ---- backups -----------------------------------------------------------------------------------
def _backup_pattern(stem: str, suffix: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(stem)}-\d{{8}}-\d{{6}}-\d{{6}}{re.escape(suffix)}$")


def verified_copy(path: Path, full: bool = False, cancelled: Callable[[], bool] | None = None) -> bool:
    """Whether ``path`` is a whole SQLite file: header, page size, length (and, if ``full``,
    SQLite's quick_check and a project table). A half-written or empty file is not.
    ``cancelled``: asked now and then during the quick_check; True stops it (BackupCancelled)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return False
    if size < 512 or len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if page_size < 512 or size % page_size or (pages and pages * page_size != size):
        return False
    if not full:
        return True
    try:
        con = sqlite3.connect(_ro_uri(path, immutable=True), uri=True)
        if cancelled is not None:
            con.set_progress_handler(lambda: 1 if cancelled() else 0, 20000)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()
            has_project = con.execute("SELECT 1 FROM sqlite_master WHERE name='project'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        if cancelled is not None and cancelled():
            raise BackupCancelled("backup stopped") from None
        return False
    return bool(ok and ok[0] == "ok" and has_project)


class BackupError(Exception):
    """A backup could not be made; the message says why in one line (the project is unaffected)."""


class BackupCancelled(BackupError):
    """The backup was stopped (the window closed): nothing was kept, nothing pruned."""


def backup(path: Path, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the project into the user data directory, keeping the last ``keep`` good copies;
    None when no backup could be made (that must not stop the researcher working)."""
    try:
        return make_backup(path, keep)
    except BackupError:
        return None


def make_backup(path: Path, keep: int = BACKUPS_KEPT, cancelled: Callable[[], bool] | None = None) -> Path:
    """The backup of ``backup``, raising ``BackupError`` (one line) when none could be made.

    The copy is SQLite's online backup of one read snapshot (writes committed meanwhile by the
    window go on and are simply not in it), written under a temporary name, verified
    (quick_check, length) and only then renamed; pruning counts and removes only verified copies,
    so a full disk (which leaves empty or half files) can never push the last good backup out.
    ``cancelled`` (asked between steps, from the thread doing the backup) stops it: the
    temporary file is removed and ``BackupCancelled`` raised.
    """
    folder = backups_dir()
    suffix = path.suffix or PROJECT_SUFFIX
    partial: Path | None = None
    fp = integrity_memo.fingerprint(path)  # before the copy: a write during it makes the next one differ
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{path.stem}-{stamp}{suffix}"
        partial = folder / f".{target.name}.partial"
        _sqlite_copy(path, partial, immutable=not folder_writable(path), cancelled=cancelled)
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        if not verified_copy(partial, full=True, cancelled=cancelled):
            raise BackupError(f"the copy of {path.name} did not verify (quick_check); no backup kept")
        os.replace(partial, target)
        partial = None
        _prune_backups(folder, path.stem, suffix, keep)
        _remember_backup(path, fp, target)
        return target
    except BackupError:
        raise
    except (OSError, sqlite3.Error) as exc:
        if cancelled is not None and cancelled():
            raise BackupCancelled("backup stopped") from None
        reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
        raise BackupError(f"cannot write a copy of {path.name} to {folder}: {reason}") from None
    finally:
        if partial is not None:
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass


BACKUP_MEMO = "backups-memo.json"  # in the backups folder: project -> fingerprint when its newest backup was made


def _remember_backup(path: Path, fp: list[int] | None, target: Path) -> None:
    memo_path = backups_dir() / BACKUP_MEMO
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
        memo = memo if isinstance(memo, dict) else {}
    except (OSError, ValueError):
        memo = {}
    key = os.path.realpath(path)
    memo.pop(key, None)
    if fp is not None:
        memo[key] = {"fingerprint": fp, "backup": target.name}
    memo = dict(list(memo.items())[-200:])
    try:
        tmp = memo_path.with_name(f"{BACKUP_MEMO}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo), encoding="utf-8")
        os.replace(tmp, memo_path)
    except OSError:
        pass  # best effort: without it the next opening makes a backup again


def current_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` if the file has not changed since it was copied (same fingerprint,
    see ``integrity_memo``) and the backup is still there and whole; else None (make one)."""
    fp = integrity_memo.fingerprint(path)
    if fp is None:
        return None
    try:
        memo = json.loads((backups_dir() / BACKUP_MEMO).read_text(encoding="utf-8"))
        entry = memo.get(os.path.realpath(path)) if isinstance(memo, dict) else None
        if not isinstance(entry, dict) or entry.get("fingerprint") != fp:
            return None
        made = backups_dir() / str(entry.get("backup", ""))
    except (OSError, ValueError, TypeError):
        return None
    pattern = _backup_pattern(path.stem, path.suffix or PROJECT_SUFFIX)
    return made if pattern.match(made.name) and verified_copy(made) else None


STALE_PARTIAL_SECONDS = 24 * 3600  # a temporary copy this old was left by a crash or a kill, not by a backup running


def _prune_backups(folder: Path, stem: str, suffix: str, keep: int) -> None:
    pattern = _backup_pattern(stem, suffix)
    good = []
    now = datetime.now().timestamp()
    for f in sorted(folder.glob(f".{stem}-*{suffix}.partial")):
        try:
            if pattern.match(f.name[1:-len(".partial")]) and now - f.stat().st_mtime > STALE_PARTIAL_SECONDS:
                f.unlink()
        except OSError:
            pass
    for f in sorted(folder.iterdir()):
        if not pattern.match(f.name):
            continue
        if verified_copy(f):
            good.append(f)
        elif f.stat().st_size == 0:
            f.unlink(missing_ok=True)  # an empty file left by an older version holds nothing
    for stale in good[:-keep] if keep > 0 else []:
        stale.unlink(missing_ok=True)


class Project:
    """An open project file and the one session that reads and writes it."""

    def __init__(self, path: Path, engine, lock, readonly: bool):
        self.path = path
        self.engine = engine
        self._lock = lock
        self.readonly = readonly
        self.session = Session(engine, expire_on_commit=False, autoflush=True)
        self._listeners: list[Callable[[Changes], None]] = []
        self._pending: Changes = NOTHING
        self._depth = 0
        self._collectors: list[list[Changes]] = []
        self.journal = Journal(self)  # records what every flush writes (and, for undo, how it was)
        self.cache: dict = {}  # derived data (document layouts, ...) that is safe to rebuild
        self.notes: list[str] = []  # one-line notices for the user (read-only folder, repairs made)
        self.repaired = 0  # values repaired at open (read-only: in an in-memory copy; the file unchanged)
        self.folder_readonly = False  # opened read-only because the folder (or file) cannot be written
        self.backed_up = False  # open made a verified backup (a schema upgrade always makes one)

    # ---- opening -----------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, name: str | None = None, wait: float | None = None) -> "Project":
        path = Path(path)
        if path.exists():
            raise ProjectFileError(f"{path} already exists; choose another name or open it.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise (storage_problem(exc, path) or ProjectFileError(f"Cannot create {path}: {exc}.")) from None
        if not folder_writable(path):
            raise ProjectReadOnlyError(f"Cannot create {path}: the folder is read-only.")
        try:
            sqlite3.connect(path).close()
        except (OSError, sqlite3.Error) as exc:
            raise (storage_problem(exc, path) or ProjectFileError(f"Cannot create {path}: {exc}.")) from None
        engine = _engine(path, readonly=False)
        try:
            migrations.upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            path.unlink(missing_ok=True)
            raise _translate(exc, path) from None
        project = cls(path, engine, _acquire_lock(path, wait), readonly=False)
        with project.transaction():
            project.session.add(ProjectInfo(name=name or path.stem, application=APPLICATION))
            project.session.add(CodebookInfo())
        return project

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False, make_backup: bool = True,
             wait: float | None = None, trust_memo: bool = True) -> "Project":
        """Open a project. A project in a read-only folder opens for reading (SQLite
        ``immutable``, no backup; ``notes`` says so) and is refused for writing.

        The row check (``integrity``) and SQLite's quick_check are skipped only for a file unchanged
        since this app last saw it clean (``integrity_memo``); ``trust_memo=False`` (merging another
        coder's file) always checks."""
        path = Path(path)
        writable = path.exists() and folder_writable(path)
        if not readonly and path.exists() and not path.is_dir() and not writable:
            inspect_file(path, immutable=True)  # not a project at all says so first
            raise ProjectReadOnlyError(
                f"{path.name} is in a read-only folder (or is read-only itself): it can be read but not changed; "
                "copy it to a folder you can write to.")
        fp = integrity_memo.fingerprint(path)  # before any check: a write during the checks changes it
        known_clean = trust_memo and integrity_memo.seen_clean(path, fp)
        revision_index = inspect_file(path, immutable=not writable, quick_check=not known_clean)
        needs_upgrade = revision_index < len(migrations.known_revisions()) - 1
        if readonly:
            if needs_upgrade:
                raise ProjectFileError(f"{path.name} uses an older schema; open it once for writing to upgrade it.")
            engine, repaired = _checked_reader(path, immutable=not writable, trusted=known_clean)
            if not known_clean and not repaired:
                integrity_memo.remember_clean(path, fp)  # the fingerprint from before the check
            project = cls(path, engine, None, readonly=True)
            project.repaired, project.folder_readonly = repaired, not writable
            if repaired:
                project.notes.append(f"{path.name} has {repaired} unreadable value(s), shown repaired; the file is "
                                     "unchanged (open it for writing to repair it).")
            if not writable:
                project.notes.append(f"{path.name} is in a read-only folder: opened read-only, no backup made.")
            return project
        lock = _acquire_lock(path, wait)
        trusted = known_clean and not needs_upgrade and integrity_memo.fingerprint(path) == fp  # unchanged till locked
        try:
            made = backup(path) if make_backup or needs_upgrade else None
            engine = _engine(path, readonly=False)
            if needs_upgrade:
                migrations.upgrade(engine)
            repaired = 0 if trusted else _check_and_repair(path)
        except (OperationalError, sqlite3.OperationalError) as exc:
            lock.release()
            raise _translate(exc, path) from None
        except BaseException:
            lock.release()
            raise
        project = cls(path, engine, lock, readonly=False)
        project.repaired, project.backed_up = repaired, made is not None
        if repaired:
            project.notes.append(f"Repaired {repaired} unreadable value(s) in {path.name}; see the project log.")
        return project

    def close(self) -> None:
        try:
            self.session.close()
            if not self.readonly:
                with self.engine.connect() as con:
                    con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except (OperationalError, DatabaseError):
            pass
        finally:
            self.engine.dispose()
            if not self.readonly and self.path is not None:
                # checked (or known clean) at open, written only by this app since: clean now
                integrity_memo.remember_clean(self.path, integrity_memo.fingerprint(self.path))
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- units of work -------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commit at the end, roll back on any error. Nests (joins the outer)."""
        if self.readonly:
            raise ProjectFileError(f"{self.path.name} is open read-only.")
        self._depth += 1
        try:
            yield self.session
            if self._depth == 1:
                self.session.commit()
        except (OperationalError, DatabaseError) as exc:
            self.session.rollback()
            self._pending = NOTHING
            raise _translate(exc, self.path) from None
        except BaseException:
            self.session.rollback()
            self._pending = NOTHING
            raise
        finally:
            self._depth -= 1
        if self._depth == 0:
            changes, self._pending = self._pending, NOTHING
            self.last_changes = changes
            if changes:
                for listener in list(self._listeners):
                    listener(changes)

    last_changes: Changes = NOTHING  # what the last committed transaction changed

    def add_changes(self, changes: Changes) -> None:
        """Add to what the running transaction changes (the journal calls this after each flush)."""
        self._pending = self._pending | changes
        for box in self._collectors:
            box[0] = box[0] | changes

    def changed(self, kind: str, *uuids: str) -> None:
        """Announce a change the journal cannot see (a bulk statement): the given uuids of
        ``kind``, or with none, any row of that kind. ORM writes announce themselves."""
        if any(not isinstance(u, str) for u in uuids):
            raise TypeError("changes are announced by uuid")
        self.add_changes(Changes.of(kind, *uuids))

    @contextmanager
    def collecting(self) -> Iterator[list[Changes]]:
        """Collect what is written inside (``box[0]``), across commits (``ops.run`` uses it)."""
        box = [NOTHING]
        self._collectors.append(box)
        try:
            yield box
        finally:
            self._collectors.remove(box)

    @property
    def pending_changes(self) -> Changes:
        return self._pending

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        """``listener(changes)`` after each committed transaction that changed something."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changes], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # ---- small shared lookups --------------------------------------------------------
    @property
    def info(self) -> ProjectInfo:
        return self.session.scalars(select(ProjectInfo)).one()

    def log(self, action: str, summary: str, coder: Coder | None = None, **details) -> LogEntry:
        entry = LogEntry(action=action, summary=summary, coder_name=coder.name if coder else "", details=details)
        self.session.add(entry)
        return entry


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


def _acquire_lock(path: Path, wait: float | None = None) -> WriterLock:
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


def _check_and_repair(path: Path) -> int:
    """Validate what the app reads (``integrity``); repair what is safe, refuse the rest."""
    con = sqlite3.connect(path)
    try:
        found = integrity.findings(con)
        problem = integrity.refusal(found, path.name)
        if problem is not None:
            raise problem
        return integrity.repair(con, found, datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S.%f"))
    finally:
        con.close()


def _checked_reader(path: Path, immutable: bool, trusted: bool = False):
    """A read-only engine; if values need repair, an in-memory copy repaired (the file unchanged)."""
    if trusted:
        return _engine(path, readonly=True, immutable=immutable), 0
    try:
        con = sqlite3.connect(_ro_uri(path, immutable), uri=True)
        try:
            found = integrity.findings(con)
            problem = integrity.refusal(found, path.name)
            if problem is not None:
                raise problem
            if not found:
                return _engine(path, readonly=True, immutable=immutable), 0
            memory = sqlite3.connect(":memory:", check_same_thread=False)
            con.backup(memory)
        finally:
            con.close()
        repaired = integrity.repair(memory, found, datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S.%f"))
    except sqlite3.Error as exc:
        raise _translate(exc, path) from None
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con, _record):
        dbapi_con.execute("PRAGMA foreign_keys=ON")

    return engine, repaired


def _engine(path: Path, readonly: bool, immutable: bool = False):
    if readonly:
        url = f"sqlite+pysqlite:///{_ro_uri(path, immutable)}&uri=true"
    else:
        url = f"sqlite+pysqlite:///{path}"
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con, _record):
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not readonly:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=3000")
        cur.close()

    return engine


def copy_project(src: Path, dst: Path) -> None:
    """A consistent copy of a project (for a coder's own copy), even while it is open.

    Written under a temporary name and renamed when whole, so a failed copy leaves nothing."""
    src, dst = Path(src), Path(dst)
    if dst.exists():
        raise ProjectFileError(f"{dst} already exists.")
    src_writable = folder_writable(src) if src.exists() else True
    inspect_file(src, immutable=not src_writable)
    folder = Path(os.path.realpath(dst)).parent
    if not folder.is_dir():
        raise ProjectFileError(f"Cannot write {dst}: the folder {folder} does not exist.")
    if not folder_writable(dst):
        raise ProjectReadOnlyError(f"Cannot write {dst}: the folder {folder} is read-only.")
    partial = folder / f".{dst.name}.partial"
    try:
        _sqlite_copy(src, partial, immutable=not src_writable)
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, dst)
    except (OSError, sqlite3.Error) as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        raise (storage_problem(exc, dst) or ProjectFileError(f"Cannot write {dst}: {exc}.")) from None


BACKUP_STEP_PAGES = 1024  # pages copied between two looks at ``cancelled``


def _sqlite_copy(src: Path, dst: Path, immutable: bool = False, cancelled: Callable[[], bool] | None = None) -> None:
    """SQLite's online backup: a consistent copy, WAL content included, source opened read-only.

    With ``cancelled`` the copy goes in steps inside one read transaction held on the source, so
    every step reads the same snapshot (a writer committing meanwhile neither restarts nor tears
    the copy; WAL readers do not block it) and the copy can stop between steps."""
    source = sqlite3.connect(_ro_uri(src, immutable), uri=True, check_same_thread=False)
    try:
        target = sqlite3.connect(dst)
        try:
            if cancelled is None:
                with target:
                    source.backup(target)
                return
            source.isolation_level = None
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read snapshot starts here

            def step(_status, _remaining, _total) -> None:
                if cancelled():
                    raise BackupCancelled("backup stopped")

            if cancelled():
                raise BackupCancelled("backup stopped")
            source.backup(target, pages=BACKUP_STEP_PAGES, progress=step)
            source.execute("COMMIT")
        finally:
            target.close()
    finally:
        source.close()


__all__ = ["Project", "inspect_file", "backup", "make_backup", "BackupError", "BackupCancelled", "copy_project",
           "folder_writable", "storage_problem", "set_lock_wait", "verified_copy", "lock_path", "lock_paths",
           "current_backup"]
