"""A code click does only incremental work (issue 17), and does it right: the stripes' lanes of
the pages a segment touches are laid again (equal to laying all pages anew), the segment table
inserts, moves or drops one row (equal to a table built anew), and a page brought into view is
rendered in the paint that shows it (the worker only when PyMuPDF is busy elsewhere)."""
from __future__ import annotations

import random
import threading

from PySide6.QtCore import QModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from burgerannotator.core.anchoring import find_quote
from burgerannotator.core.ops import CodeSpan, DeleteSegment, SetSegmentMemo
from burgerannotator.core.pdf_lock import PDF_LOCK
from burgerannotator.gui.models.segment_model import SegmentModel
from burgerannotator.gui.pdf_view import render
from burgerannotator.gui.pdf_view.overlay import PageOverlay, SegmentMark


def _mark(rng: random.Random, uuid: str) -> SegmentMark:
    rects = {}
    for page in rng.sample(range(6), rng.randint(1, 2)):
        top = rng.uniform(0, 700)
        rects[page] = [QRectF(50, top + 14 * i, 300, 12) for i in range(rng.randint(1, 4))]
    return SegmentMark(uuid, "C", QColor("red"), True, rects, "")


def _all_lanes(overlay: PageOverlay):
    return {p: [(m.uuid, lane) for m, lane in overlay.lanes(p)] for p in range(6)}, overlay.lane_count()


def test_lanes_laid_page_by_page_equal_lanes_laid_anew():
    rng = random.Random(17)
    overlay = PageOverlay()
    overlay.set_marks([_mark(rng, f"s{i}") for i in range(40)])
    _all_lanes(overlay)
    for step in range(300):
        uuid = f"s{rng.randrange(60)}"
        if rng.random() < 0.3:
            overlay.remove_mark(uuid)
        else:
            overlay.set_mark(_mark(rng, uuid))
        if step % 3 == 0:  # sometimes several changes between two paints
            fresh = PageOverlay()
            fresh.set_marks(list(overlay.marks.values()))
            assert _all_lanes(overlay) == _all_lanes(fresh)


def _plain(value):
    if isinstance(value, QFont):
        return ("italic", value.italic())
    if isinstance(value, QBrush):
        return ("brush", value.color().name())
    if isinstance(value, QColor):
        return ("colour", value.name())
    return value


def _table(model) -> list[tuple]:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
             Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole)
    out = []
    for row in range(model.rowCount()):
        cells = []
        for col in range(model.columnCount()):
            index = model.index(row, col)
            cells.append(tuple(_plain(model.data(index, role)) for role in roles) + (model.flags(index).value,))
        out.append(tuple(cells))
    return out


def test_the_segment_table_changed_row_by_row_equals_the_table_built_anew(qtbot, open_window):
    window = open_window("Coder 1")
    ws = window.workspace
    window.set_show_others(True)
    doc = ws.document
    model = window.segments.model_
    code = next(c for c in ws.codes() if c.code_id == "MECH-BURGERBERAAD")
    words = doc.text.split()
    made = []

    def same_as_built_anew():
        assert _table(model) == _table(SegmentModel(ws))
        assert [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole + 1) for r in range(model.rowCount())] \
            == [s.uuid for s in ws.visible_segments()]
        return model.rowCount(QModelIndex())

    start = same_as_built_anew()
    for n in (40, 5, 90, 60):  # out of text order: rows go in between
        span = find_quote(doc.text, " ".join(words[n:n + 3]))
        made.append(ws.do(CodeSpan(doc.uuid, code.uuid, ws.coder.uuid, span.start, span.end)).value)
        same_as_built_anew()
    ws.do(SetSegmentMemo(made[1], "a memo", by=ws.coder.uuid))
    assert same_as_built_anew() == start + 4
    assert model.data(model.index(model.row_of(made[1]), 4)) == "a memo"
    ws.do(DeleteSegment(made[2], by=ws.coder.uuid))
    assert same_as_built_anew() == start + 3
    ws.undo()
    assert same_as_built_anew() == start + 4
    ws.undo()
    same_as_built_anew()
    assert model.data(model.index(model.row_of(made[1]), 4)) in ("", None)


def test_a_page_scrolled_into_view_is_rendered_in_its_paint(qtbot, open_window, monkeypatch):
    window = open_window()
    view = window.pane.view
    on_worker = []
    run = render._RenderTask.run
    monkeypatch.setattr(render._RenderTask, "run", lambda task: (on_worker.append(task.key[1]), run(task)))
    scale = view.zoom * view.device_ratio()
    target = 5
    assert view.renderer.image(view.sha, target, scale) is None
    with qtbot.waitSignal(view.pagePainted, timeout=10000, check_params_cb=lambda i: i == target):
        view.go_to_page(target)
    assert target not in on_worker  # drawn in the paint: no round trip through the worker
    below = view.visible_pages()[-1] + 1  # once the view is still, the worker renders the page below
    qtbot.waitUntil(lambda: view.renderer.image(view.sha, below, scale) is not None, timeout=10000)
    assert below in on_worker and below not in view.visible_pages()


def test_a_page_is_rendered_by_the_worker_while_pymupdf_is_busy_elsewhere(qtbot, open_window, monkeypatch):
    window = open_window()
    view = window.pane.view
    on_worker = []
    run = render._RenderTask.run
    monkeypatch.setattr(render._RenderTask, "run", lambda task: (on_worker.append(task.key[1]), run(task)))
    held, release = threading.Event(), threading.Event()

    def importer():  # another thread holds PyMuPDF, as an import does
        with PDF_LOCK:
            held.set()
            release.wait(30)

    thread = threading.Thread(target=importer)
    thread.start()
    try:
        assert held.wait(10)
        target = len(view.items) - 1
        view.go_to_page(target)
        qtbot.waitUntil(lambda: view.renderer.is_pending(view.sha, target, view.zoom * view.device_ratio()),
                        timeout=10000)  # the paint could not draw it: the worker was asked
    finally:
        release.set()
        thread.join()
    with qtbot.waitSignal(view.pagePainted, timeout=10000, check_params_cb=lambda i: i == target):
        pass
    assert target in on_worker
