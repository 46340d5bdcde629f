"""Schema migrations with Alembic; the scripts live in the top-level ``db/`` folder.

Checking a project's schema version must not cost Alembic's import (all its dialects, a
quarter of a second) on every command: the revision chain is read from the migration
scripts' ``revision``/``down_revision`` lines with a regular expression, and Alembic is
imported only when a migration is due (``upgrade``). tests/core/test_startup_imports.py
keeps this reading equal to Alembic's own.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import migrations_dir

_ASSIGN = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]*)['\"]|None)\s*$", re.M)


def _config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


@lru_cache(maxsize=1)
def known_revisions() -> list[str]:
    """Revision ids from the first to the head, in order (read from the scripts, without Alembic)."""
    parent_of: dict[str, str | None] = {}
    for script in sorted((migrations_dir() / "versions").glob("*.py")):
        found = dict((m.group(1), m.group(2)) for m in _ASSIGN.finditer(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            parent_of[found["revision"]] = found.get("down_revision") or None
    children = {parent: rev for rev, parent in parent_of.items()}
    if len(children) != len(parent_of):
        raise RuntimeError("the migration scripts in db/versions do not form one chain")
    chain, rev = [], children.get(None)
    while rev is not None:
        chain.append(rev)
        rev = children.get(rev)
    if len(chain) != len(parent_of):
        raise RuntimeError("the migration scripts in db/versions do not form one chain")
    return chain


def head_revision() -> str:
    return known_revisions()[-1]


def alembic_revisions() -> list[str]:
    """The same chain as Alembic reads it (for the test that keeps the two equal)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return list(reversed([r.revision for r in script.walk_revisions()]))


def upgrade(engine) -> None:
    from alembic import command

    cfg = _config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
