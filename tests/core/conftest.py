"""Fixtures of the core tests: the merge tests' tiny projects (built by ``_merge_copies``), copied per test."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from _merge_copies import PAGES, _build_templates


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    """Built once per session; bench/mutation.py names a folder (BURGERANNOTATOR_TEST_MERGE_TEMPLATES) where
    they are built once for all mutants (merge.py, the module mutated, is not used to build them)."""
    cached = os.environ.get("BURGERANNOTATOR_TEST_MERGE_TEMPLATES")
    folder = Path(cached) if cached else tmp_path_factory.mktemp("merge-templates")
    template, stranger = folder / "template.bap", folder / "stranger.bap"
    if not (cached and stranger.is_file()):
        partial = Path(tempfile.mkdtemp(dir=folder))
        _build_templates(partial)
        for name in [*PAGES, "template.bap", "stranger.bap"]:  # the stranger last: it marks a whole set
            os.replace(partial / name, folder / name)
        shutil.rmtree(partial, ignore_errors=True)
    pdfs = {name: (folder / name).read_bytes() for name in PAGES}
    return SimpleNamespace(template=template, stranger=stranger, pdfs=pdfs)


@pytest.fixture
def pair(_templates, tmp_path):
    mine, theirs = tmp_path / "mine.bap", tmp_path / "theirs.bap"
    shutil.copyfile(_templates.template, mine)
    shutil.copyfile(_templates.template, theirs)
    return mine, theirs


@pytest.fixture
def stranger(_templates, tmp_path):
    """(mine: a copy of the stranger project, theirs: a copy of the template)."""
    mine, theirs = tmp_path / "mine.bap", tmp_path / "theirs.bap"
    shutil.copyfile(_templates.stranger, mine)
    shutil.copyfile(_templates.template, theirs)
    return mine, theirs

