"""The Changes value: one per transaction, merged, asked by kind."""
from __future__ import annotations

import pytest

from burgerannotator.core.changes import NOTHING, Changes


def test_of_and_merge():
    a = Changes.of("segments", "s1", "s2")
    b = Changes.of("codes", "c1") | Changes.of("memos", "m1") | Changes.of("segments", "s3")
    merged = a | b
    assert merged.segments == frozenset({"s1", "s2", "s3"}) and merged.codes == frozenset({"c1"})
    assert merged.memos is True and merged.codebook is False and merged.bulk == frozenset()
    assert merged.kinds() == {"segments", "codes", "memos"}


def test_bulk_touches_without_uuids():
    bulk = Changes.of("segments")
    assert bulk.is_bulk("segments") and bulk.touches("segments") and bulk.segments == frozenset()
    assert not bulk.touches("documents", "codebook")


def test_nothing_is_falsy_and_unknown_kinds_are_refused():
    assert not NOTHING and NOTHING.kinds() == set()
    assert Changes.of("project", "p")
    with pytest.raises(ValueError, match="unknown kind"):
        Changes.of("segment", "x")
    with pytest.raises(ValueError, match="unknown kind"):
        NOTHING.touches("segment")


def test_announcing_by_integer_id_is_refused(demo_project):
    with pytest.raises(TypeError, match="by uuid"):
        demo_project.changed("segments", 1)
