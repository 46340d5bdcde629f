"""Remember which project files this app last saw clean, so opening them again skips the row scan.

``integrity.findings`` reads every row (~24 µs a segment) and SQLite's ``PRAGMA quick_check`` every
page (~1.4 ms a MB): seconds for a large project, on every open. The scan is there because files from OTHER machines are hostile. A file this app checked (or
wrote and closed) and that nobody has written since cannot have gained crafted rows, so after a
full check passes, or after this app closes a file it had open for writing, we remember the
file's fingerprint in the user data folder (``paths.user_data_dir()``):

    real path -> (st_dev, st_ino, st_size, st_mtime_ns)   and no -wal file with content.

Any write by another tool (sqlite3, a sync client, a copy from another machine: a new file, so a
new inode or a new path) changes size or mtime_ns (or inode/device), and then the full check runs
exactly as before. The SQLite header's file change counter (bytes 24-27) and version-valid-for
(92-95) are NOT part of the fingerprint: in WAL mode SQLite does not bump them on every commit
(checked: another connection's UPDATE + checkpoint + close left both at 2 while mtime_ns moved),
so they add nothing to size and mtime_ns.

Threat model, honestly: an attacker who can write to this user's disk, edit the file in place AND
reset its mtime with ``os.utime`` (same inode, same size) is not stopped by this memo -- but such an
attacker can also edit the memo, the app, or the user's files directly; that is outside what the row
check defends against (hostile files from other machines). A fingerprint that does not match, or a
memo that cannot be read, always means a full check. What skipping quick_check gives up: disk
damage on this machine that leaves size and mtime alone (bit rot) is no longer reported at open;
SQLite still refuses a damaged page when it reads it (SQLITE_CORRUPT, shown as "damaged"). A file system with whole-second (or 2 s, FAT
USB sticks) timestamps could let a same-size write in the same second go unseen, so such files get
no fingerprint and are always checked; on ext4/APFS/NTFS the timestamp granule is milliseconds or less.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from .paths import user_data_dir

log = logging.getLogger(__name__)

MEMO_NAME = "integrity-memo.json"
KEEP = 200  # remembered files; the oldest are forgotten (forgetting only costs one full check)


def _memo_path() -> Path:
    return user_data_dir() / MEMO_NAME


def fingerprint(path: Path) -> list[int] | None:
    """What any outside write changes; None when the file cannot be vouched for (e.g. a -wal with content)."""
    try:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
        st = os.stat(path)
    except OSError:
        return None
    if st.st_mtime_ns % 1_000_000_000 == 0:
        return None  # whole-second mtimes (FAT/exFAT sticks): a later write could keep it; always check
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _load() -> dict:
    try:
        data = json.loads(_memo_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def seen_clean(path: Path, fp: list[int] | None) -> bool:
    """True only when ``fp`` (taken before opening) is exactly what was remembered for this file."""
    if fp is None:
        return False
    if _load().get(_key(path)) == fp:
        log.debug("%s unchanged since this app last saw it clean: quick_check and row check skipped", path.name)
        return True
    return False


def remember_clean(path: Path, fp: list[int] | None) -> None:
    """Remember ``fp`` for ``path``. Best effort: a memo that cannot be written only costs a full check later."""
    memo = _load()
    key = _key(path)
    memo.pop(key, None)
    if fp is None:
        if not memo and not _memo_path().exists():
            return
    else:
        memo[key] = fp
    memo = dict(list(memo.items())[-KEEP:])
    target = _memo_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{MEMO_NAME}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        log.debug("integrity memo not written (%s)", exc)


def forget(path: Path) -> None:
    """The file is no longer known clean (e.g. it is about to be changed outside a normal close)."""
    remember_clean(path, None)
