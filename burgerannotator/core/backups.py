"""Backups and copies of a project file: SQLite's online backup of one read snapshot, written
under a temporary name, verified, then renamed; pruning keeps the newest verified backups and
never deletes the last good one."""
from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from . import integrity_memo
from .errors import ProjectFileError, ProjectReadOnlyError
from .paths import backups_dir
from .storage import PROJECT_SUFFIX, SQLITE_MAGIC, folder_writable, inspect_file, ro_uri, storage_problem

BACKUPS_KEPT = 5


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
        con = sqlite3.connect(ro_uri(path, immutable=True), uri=True)
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
    source = sqlite3.connect(ro_uri(src, immutable), uri=True, check_same_thread=False)
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
