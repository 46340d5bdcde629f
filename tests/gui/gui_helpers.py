"""Helpers for the desktop app tests (reading the project file, word positions)."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

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
    doc = window.workspace.document
    layout = window.workspace.layout()
    span = find_quote(doc.text, quote)
    first, last = layout.words_in_span(span.start, span.end)
    view = window.pane.view

    def centre(i):
        x0, y0, x1, y1 = (float(v) for v in layout.boxes[i])
        assert int(layout.page_of[i]) == page_index
        return view.page_to_viewport(page_index, (x0 + x1) / 2, (y0 + y1) / 2)

    return centre(first), centre(last - 1), span


def dialog_text(qtbot) -> str:
    """The text of the message box that is showing (waits for it), and close it."""
    def showing():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    qtbot.waitUntil(lambda: bool(showing()), timeout=3000)
    box = showing()[0]
    text = box.text()
    box.close()
    return text


def show_window(qtbot, window, path, coder: str):
    """Show ``window`` at 1366x768, open ``path`` as ``coder`` and wait until it is active
    (shortcuts such as 1-9 and Ctrl+Z go to the active window)."""
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert window.open_project(str(path), coder_name=coder)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window
