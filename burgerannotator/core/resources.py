"""Where the files the application ships live: in a checkout, an install or a frozen bundle."""
from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def app_root() -> Path:
    """The folder that holds ``resources/`` and ``db/``.

    A PyInstaller bundle unpacks them under ``sys._MEIPASS``; in a checkout
    (including an editable install) they sit next to the package.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return _PACKAGE_DIR.parent


def resource_path(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    return app_root() / "db"


def default_codebook_path() -> Path:
    return resource_path("codebook", "burgerinitiatieven.json")


def demo_dir() -> Path:
    return resource_path("demo")
