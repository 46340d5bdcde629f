"""Issue 7: the one-folder PyInstaller bundle builds and its binary runs without Python:
--version, demo, info --json, and the GUI offscreen for a few seconds without a traceback.

Takes about a minute (the build); it is part of the normal test run so CI checks it."""
from __future__ import annotations

import sys

import pytest

from support import REPO

sys.path.insert(0, str(REPO / "packaging"))


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    pytest.importorskip("PyInstaller", reason="PyInstaller is installed with the test extras")
    import build

    dist = tmp_path_factory.mktemp("dist")
    folder = build.build(dist, tmp_path_factory.mktemp("work"))
    return dist, folder


def test_frozen_binary_runs(bundle, tmp_path):
    import build
    import smoke_test

    dist, folder = bundle
    exe = smoke_test.executable(dist)
    assert exe.exists()
    for shipped in ("resources/codebook/burgerinitiatieven.json", "resources/demo/11-haarlem.pdf",
                    "resources/icons/burgerannotator.png", "resources/help/user-guide.md", "db/env.py",
                    "db/versions/0001_initial_schema.py"):
        assert next(folder.rglob(shipped.split("/")[-1]), None) is not None, shipped
    figures = smoke_test.check(exe, tmp_path)
    print(f"startup to main window: {figures['startup_to_main_window_s']:.1f} s")  # timed in bench/, not asserted
    size_mb = build.size_of(folder) / 1e6
    assert size_mb < 300, f"the bundle grew to {size_mb:.0f} MB"
