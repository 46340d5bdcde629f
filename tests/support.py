"""Helpers tests import: where the repository, its test data and ../shared are."""
from __future__ import annotations

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
