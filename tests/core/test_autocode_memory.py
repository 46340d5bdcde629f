"""Issue 17 at 50x pages: autocode holds one document's word layout at a time (all of a 13,000-page
corpus is ~240 MB), and leaves the layouts a window already holds."""
from __future__ import annotations

from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.dictionary import autocode
from burgerannotator.core.documents import find_document, layout, list_documents


def _layouts(project) -> set:
    return {key for key in project.cache if isinstance(key, tuple) and key[0] == "layout"}


def test_autocode_keeps_only_the_layouts_held_before(demo_project):
    p = demo_project
    haarlem = find_document(p, "Haarlem")
    p.cache.clear()
    held = layout(p, haarlem)
    seen = []

    class Watch(dict):
        def pop(self, key, *default):
            seen.append((key, sum(1 for k in self if isinstance(k, tuple) and k[0] == "layout")))
            return dict.pop(self, key, *default)

    p.cache = Watch(p.cache)
    result = autocode(p, get_or_create_coder(p, "Woordenboek"))
    assert result.total == 92
    assert _layouts(p) == {("layout", haarlem.id)}
    assert p.cache[("layout", haarlem.id)] is held
    dropped = [key for key, _ in seen if key[0] == "layout"]
    assert len(dropped) == len(set(dropped)) == 13 and ("layout", haarlem.id) not in dropped
    assert max(n for _, n in seen) == 2  # Haarlem's and the one being coded, never more
    assert {d.id for d in list_documents(p)} == {key[1] for key in dropped} | {haarlem.id}
