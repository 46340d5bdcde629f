"""Helpers for the desktop app tests (reading the project file, word positions)."""
from __future__ import annotations

from burgerannotator.core.anchoring import find_quote
from burgerannotator.core.store import Project

SENTENCE = "Voor thema's die op stadsniveau spelen stellen wij een burgerberaad in;"


def live_segments(path, **where):
    """Segments as committed in the project file, read through a separate read-only connection."""
    from burgerannotator.core.segments import segments

    project = Project.open(path, readonly=True)
    try:
        rows = segments(project)
        out = []
        for s in rows:
            item = {"uuid": s.uuid, "code": s.code.code_id, "coder": s.coder.name, "quote": s.quote,
                    "city": s.document.city, "page": s.document.pages[s.page_first].label, "memo": s.memo}
            if all(item[k] == v for k, v in where.items()):
                out.append(item)
        return out
    finally:
        project.close()


def word_points(window, page_index: int, quote: str):
    """On-screen (viewport) centres of the first and last word of ``quote``."""
    doc = window.session.document
    layout = window.session.layout()
    span = find_quote(doc.text, quote)
    first, last = layout.words_in_span(span.start, span.end)
    view = window.pane.view

    def centre(i):
        x0, y0, x1, y1 = (float(v) for v in layout.boxes[i])
        assert int(layout.page_of[i]) == page_index
        return view.page_to_viewport(page_index, (x0 + x1) / 2, (y0 + y1) / 2)

    return centre(first), centre(last - 1), span
