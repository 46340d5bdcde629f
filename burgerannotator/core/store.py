"""The project file: open, create, validate, and run units of work (locks: ``writer_lock``;
backups and copies: ``backups``; storage errors and the read-only check: ``storage``).

A project is one SQLite file (WAL journal, foreign keys on). There is no Save:
every user action is one transaction committed at once (``Project.transaction``).
Before a file is opened for writing it is checked read-only, so a file that is
not a project, is corrupt, or was written by a newer schema is refused and left
byte-identical.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from . import integrity, integrity_memo, migrations
from .backups import (  # noqa: F401  (re-exported: the project file's one front door)
    BACKUPS_KEPT,
    BackupCancelled,
    BackupError,
    backup,
    copy_project,
    current_backup,
    make_backup,
    verified_copy,
)
from .changes import NOTHING, Changes
from .errors import ProjectFileError, ProjectReadOnlyError
from .journal import Journal
from .models import CodebookInfo, Coder, LogEntry, ProjectInfo
from .storage import (  # noqa: F401  (re-exported)
    APPLICATION,
    PROJECT_SUFFIX,
    SQLITE_MAGIC,
    folder_writable,
    inspect_file,
    ro_uri,
    storage_problem,
)
from .storage import database_error as _translate
from .writer_lock import acquire as _acquire_lock
from .writer_lock import lock_path, lock_paths, set_lock_wait  # noqa: F401  (re-exported)


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
        con = sqlite3.connect(ro_uri(path, immutable), uri=True)
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
        url = f"sqlite+pysqlite:///{ro_uri(path, immutable)}&uri=true"
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


__all__ = ["Project", "inspect_file", "backup", "make_backup", "BackupError", "BackupCancelled", "copy_project",
           "folder_writable", "storage_problem", "set_lock_wait", "verified_copy", "lock_path", "lock_paths",
           "current_backup"]
