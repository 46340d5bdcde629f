"""Shared fixtures. The demo project is built once per session and copied per test."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings  # noqa: E402

# CI runs the property tests on a fixed sequence of examples, so a red run can be re-run and read;
# on a developer's machine they explore anew each time (and keep what failed in .hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from support import DATA, REPO, SHARED, shared_or_skip  # noqa: F401  (re-exported for tests)


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path_factory, monkeypatch):
    """Backups, settings and logs go to a temporary folder, never the tester's home."""
    monkeypatch.setenv("BURGERANNOTATOR_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture(scope="session")
def _demo_master(tmp_path_factory) -> Path:
    from burgerannotator.core.demo import build_demo

    os.environ["BURGERANNOTATOR_DATA_DIR"] = str(tmp_path_factory.mktemp("userdata-session"))
    path = tmp_path_factory.mktemp("demo-master") / "demo.bap"
    prebuilt = os.environ.get("BURGERANNOTATOR_TEST_DEMO")  # bench/mutation.py builds it once for all mutants
    if prebuilt and Path(prebuilt).is_file():
        shutil.copyfile(prebuilt, path)
    else:
        build_demo(path).close()
    return path


@pytest.fixture
def demo_project_path(_demo_master, tmp_path) -> Path:
    """A fresh copy of the demo project (14 documents, codebook, two demo coders)."""
    path = tmp_path / "demo.bap"
    shutil.copyfile(_demo_master, path)
    return path


@pytest.fixture
def demo_project(demo_project_path):
    from burgerannotator.core.store import Project

    project = Project.open(demo_project_path)
    yield project
    project.close()
