"""Helpers tests import: where the repository, its test data and ../shared are."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def shared_or_skip(*parts: str) -> Path:
    """A file from ../shared (third-party test input we may not copy), or skip saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the third-party test files in ../shared are not in this checkout")
    return path


def craft_row(path, sql: str, params: tuple = ()) -> None:
    """Run ``sql`` on a project file as another tool would: its table's NOT NULL constraints are
    dropped first, so any value can be written (crafted or damaged project files)."""
    import sqlite3

    table = sql.split()[2] if sql.lower().startswith("insert") else sql.split()[1].strip('"')
    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema = ON")
    con.execute("update sqlite_master set sql = replace(sql, ' NOT NULL', '') where type = 'table' and name = ?",
                (table,))
    con.commit()
    con.close()
    con = sqlite3.connect(path)
    con.execute(sql, params)
    con.commit()
    con.close()


_HOLD = """
import sys, time
from burgerannotator.core.store import Project
p = Project.open(sys.argv[1], make_backup=False)
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
p.close()
"""


def hold_lock(path, seconds: float = 1.0) -> subprocess.Popen:
    """Another process that has the project open for writing, for ``seconds`` (returns once it holds it)."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(path), str(seconds)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder
