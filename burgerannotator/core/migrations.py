"""Schema migrations with Alembic; the scripts live in the top-level ``db/`` folder."""
from __future__ import annotations

from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from .resources import migrations_dir


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


@lru_cache(maxsize=1)
def known_revisions() -> list[str]:
    """Revision ids from the first to the head, in order."""
    script = ScriptDirectory.from_config(_config())
    revs = [r.revision for r in script.walk_revisions()]
    return list(reversed(revs))


def head_revision() -> str:
    return known_revisions()[-1]


def upgrade(engine) -> None:
    cfg = _config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
