"""Per-user folders (platformdirs): backups, settings. Tests point them elsewhere with
the BURGERANNOTATOR_DATA_DIR environment variable."""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "BurgerAnnotator"


def user_data_dir() -> Path:
    override = os.environ.get("BURGERANNOTATOR_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # only when asked: every CLI command imports this module

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def backups_dir() -> Path:
    return user_data_dir() / "backups"
