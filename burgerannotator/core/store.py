"""The project file: open, create, validate, lock, back up, and run units of work.

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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from . import migrations
from .errors import ProjectFileError, ProjectLockedError, StorageFullError, UserError
from .models import CodebookInfo, Coder, LogEntry, ProjectInfo
from .paths import backups_dir

APPLICATION = "BurgerAnnotator"
PROJECT_SUFFIX = ".bap"
BACKUPS_KEPT = 5
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Change:
    """What a unit of work changed, so views can redraw just that."""

    kind: str  # documents | codebook | segments | coders | scales | memos | project
    ids: set = field(default_factory=set)


def _translate(exc: Exception, path: Path) -> UserError:
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return StorageFullError(f"The disk holding {path.name} is full: the last action was not saved; "
                                "everything before it is safe. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return ProjectFileError(f"No permission to write {path}: the project is open read-only.")
    if "locked" in text:
        return ProjectLockedError(f"{path.name} is busy (locked by another program); try again in a moment.")
    return ProjectFileError(f"{path.name}: database error: {exc}")


def inspect_file(path: Path) -> int:
    """Check, read-only, that ``path`` is a BurgerAnnotator project this version can open.

    Returns the file's schema revision number. Never writes to the file.
    """
    if not path.exists():
        raise ProjectFileError(f"{path} does not exist.")
    if path.is_dir():
        raise ProjectFileError(f"{path} is a folder, not a project file.")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectFileError(f"Cannot read {path}: {exc.strerror}.") from None
    if head != SQLITE_MAGIC:
        raise ProjectFileError(f"{path.name} is not a BurgerAnnotator project (not an SQLite database).")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"{path.name} cannot be opened: {exc}.") from None
    try:
        check = con.execute("PRAGMA quick_check").fetchone()
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
        raise ProjectFileError(f"{path.name} is damaged or not a project ({exc}).") from None
    finally:
        con.close()
    revision = rev[0] if rev else None
    known = migrations.known_revisions()
    if revision not in known:
        raise ProjectFileError(
            f"{path.name} was written by a newer version of BurgerAnnotator (schema {revision}); "
            f"this version knows schema up to {migrations.head_revision()}. Please update the app.")
    return known.index(revision)


def backup(path: Path, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the project into the user data directory, keeping the last ``keep`` copies."""
    folder = backups_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{path.stem}-{stamp}{path.suffix or PROJECT_SUFFIX}"
        _sqlite_copy(path, target)
        old = sorted(folder.glob(f"{path.stem}-*{path.suffix or PROJECT_SUFFIX}"))
        for stale in old[:-keep]:
            stale.unlink(missing_ok=True)
        return target
    except (OSError, sqlite3.Error):
        return None  # a backup that cannot be made must not stop the researcher working


class Project:
    """An open project file and the one session that reads and writes it."""

    def __init__(self, path: Path, engine, lock, readonly: bool):
        self.path = path
        self.engine = engine
        self._lock = lock
        self.readonly = readonly
        self.session = Session(engine, expire_on_commit=False, autoflush=True)
        self._listeners: list[Callable[[list[Change]], None]] = []
        self._pending: list[Change] = []
        self._depth = 0
        self.cache: dict = {}  # derived data (document layouts, ...) that is safe to rebuild

    # ---- opening -----------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, name: str | None = None) -> "Project":
        path = Path(path)
        if path.exists():
            raise ProjectFileError(f"{path} already exists; choose another name or open it.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            sqlite3.connect(path).close()
        except (OSError, sqlite3.Error) as exc:
            raise ProjectFileError(f"Cannot create {path}: {exc}.") from None
        engine = _engine(path, readonly=False)
        try:
            migrations.upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            path.unlink(missing_ok=True)
            raise _translate(exc, path) from None
        project = cls(path, engine, _acquire_lock(path), readonly=False)
        with project.transaction():
            project.session.add(ProjectInfo(name=name or path.stem, application=APPLICATION))
            project.session.add(CodebookInfo())
        return project

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False, make_backup: bool = True) -> "Project":
        path = Path(path)
        revision_index = inspect_file(path)
        needs_upgrade = revision_index < len(migrations.known_revisions()) - 1
        if readonly:
            if needs_upgrade:
                raise ProjectFileError(f"{path.name} uses an older schema; open it once for writing to upgrade it.")
            return cls(path, _engine(path, readonly=True), None, readonly=True)
        lock = _acquire_lock(path)
        try:
            if make_backup or needs_upgrade:
                backup(path)
            engine = _engine(path, readonly=False)
            if needs_upgrade:
                migrations.upgrade(engine)
        except OperationalError as exc:
            lock.release()
            raise _translate(exc, path) from None
        except BaseException:
            lock.release()
            raise
        return cls(path, engine, lock, readonly=False)

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
            self._pending.clear()
            raise _translate(exc, self.path) from None
        except BaseException:
            self.session.rollback()
            self._pending.clear()
            raise
        finally:
            self._depth -= 1
        if self._depth == 0 and self._pending:
            changes, self._pending = self._pending, []
            for listener in list(self._listeners):
                listener(changes)

    def changed(self, kind: str, *ids) -> None:
        """Record what the running transaction changes; listeners hear it after commit."""
        self._pending.append(Change(kind, set(ids)))

    def subscribe(self, listener: Callable[[list[Change]], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[list[Change]], None]) -> None:
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


def _acquire_lock(path: Path):
    from filelock import FileLock, Timeout  # here: a read-only command takes no lock and pays nothing for it

    lock = FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise ProjectLockedError(
            f"{path.name} is already open in another BurgerAnnotator window or command; "
            "close it there first.") from None
    except OSError as exc:
        raise ProjectFileError(f"Cannot open {path.name} for writing: {exc.strerror or exc}.") from None
    return lock


def _engine(path: Path, readonly: bool):
    if readonly:
        url = f"sqlite+pysqlite:///{path.resolve().as_uri()}?mode=ro&uri=true"
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
    """A consistent copy of a project (for a coder's own copy), even while it is open."""
    if dst.exists():
        raise ProjectFileError(f"{dst} already exists.")
    inspect_file(src)
    _sqlite_copy(src, dst)


def _sqlite_copy(src: Path, dst: Path) -> None:
    """SQLite's online backup: a consistent copy, WAL content included, source opened read-only."""
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(dst)
    try:
        with target:
            source.backup(target)
    finally:
        source.close()
        target.close()


__all__ = ["Project", "Change", "inspect_file", "backup", "copy_project"]
