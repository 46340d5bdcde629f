"""Issue 15: an area drawn with the mouse (Ctrl+drag) on Rotterdam's scanned signature page is
coded with a key, listed with a thumbnail, undone and redone, counted in the matrix and
exported to Excel with its picture."""
from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import Qt

from burgerannotator.core.exports.xlsx_writer import write_workbook
from burgerannotator.core.matrix import build_matrix, select_coders
from burgerannotator.core.segments import segments
from burgerannotator.core.store import Project

from gui_helpers import live_segments
from test_coding import _click_row, _key_for

TOP_LEFT, BOTTOM_RIGHT = (60.0, 120.0), (420.0, 330.0)  # points on the page (A4, 595 x 842)


def _matrix_count(path, coder):
    project = Project.open(path, readonly=True)
    try:
        m = build_matrix(project, "count", select_coders(project, "coder", coder))
        i = next(k for k, r in enumerate(m.rows) if r.label == "Rotterdam")
        j = next(k for k, c in enumerate(m.columns) if c.code_id == "MECH-COCREATIE")
        return m.value(i, j)
    finally:
        project.close()


def test_draw_code_undo_export_and_count_an_area(qtbot, open_window, demo_project_path, tmp_path):
    w = open_window("Tester")
    docs = w.documents
    row = next(r for r in range(docs.proxy.rowCount()) if docs.proxy.index(r, 0).data() == "Rotterdam")
    _click_row(qtbot, docs.table, row)
    view = w.pane.view
    view.fit_page()
    view.go_to_page(27)  # printed p. 26: the scanned signature page
    qtbot.waitUntil(lambda: view.current_page() == 27, timeout=3000)
    start, end = view.page_to_viewport(27, *TOP_LEFT), view.page_to_viewport(27, *BOTTOM_RIGHT)
    assert view.viewport().rect().contains(start) and view.viewport().rect().contains(end)

    ctrl = Qt.KeyboardModifier.ControlModifier
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, ctrl, pos=start)
    qtbot.mouseMove(vp, pos=(start + end) / 2)
    qtbot.mouseMove(vp, pos=end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, ctrl, pos=end)
    page, rect = view.selection_area()
    assert page == 27
    tolerance = 1.0 / view.zoom + 0.01  # one screen pixel
    assert rect == [pytest.approx(v, abs=tolerance) for v in (*TOP_LEFT, *BOTTOM_RIGHT)]
    assert view.selection_span() is None

    key = _key_for(w, "MECH-COCREATIE")
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{key}"))
    rows = live_segments(demo_project_path, coder="Tester")
    assert [(r["code"], r["page"], r["quote"]) for r in rows] == [("MECH-COCREATIE", "26", "")]
    assert view.selection_area() is None
    seg = segments(w.workspace.project, coder=w.workspace.coder)[0]
    assert seg.kind == "area" and seg.area == [round(v, 2) for v in rect]
    mark = next(m for m in view.overlay.marks.values() if m.uuid == seg.uuid)
    assert mark.area is True and mark.own is True  # drawn in the code's colour, with its stripe
    table_row = w.segments.model_.row_of(seg.uuid)
    index = w.segments.model_.index(table_row, 2)
    assert index.data() == "[area, p. 26]"
    thumb = index.data(Qt.ItemDataRole.DecorationRole)
    assert thumb is not None and not thumb.isNull() and max(thumb.width(), thumb.height()) == 20
    assert _matrix_count(demo_project_path, "Tester") == 1

    qtbot.keyClick(view, Qt.Key.Key_Z, ctrl)  # undo
    assert live_segments(demo_project_path, coder="Tester") == []
    assert _matrix_count(demo_project_path, "Tester") == 0
    assert not any(m.uuid == seg.uuid for m in view.overlay.marks.values())
    qtbot.keyClick(view, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)  # redo
    assert [r["uuid"] for r in live_segments(demo_project_path, coder="Tester")] == [seg.uuid]
    assert _matrix_count(demo_project_path, "Tester") == 1

    project = w.workspace.project
    out = write_workbook(project, tmp_path / "export.xlsx", select_coders(project, "coder", "Tester"))
    with zipfile.ZipFile(out) as z:
        media = [n for n in z.namelist() if n.startswith("xl/media/")]
        assert len(media) == 1 and z.read(media[0])[:4] == b"\x89PNG"


def test_area_tool_and_escape(qtbot, open_window):
    w = open_window("Tester")
    view = w.pane.view
    w.area_tool_action.trigger()
    assert view.area_tool is True
    start, end = view.page_to_viewport(0, 100, 100), view.page_to_viewport(0, 200, 180)
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)  # a plain drag draws an area now
    qtbot.mouseMove(vp, pos=end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    assert view.selection_area()[0] == 0
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selection_area() is None and view.overlay.area == {}
    w.area_tool_action.trigger()
    assert view.area_tool is False


@pytest.mark.skipif(not __import__("burgerannotator.core.ocr", fromlist=["x"]).available(),
                    reason="Tesseract's nld+eng language data are not installed")
def test_recognise_text_from_the_code_menu(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    docs = w.documents
    row = next(r for r in range(docs.proxy.rowCount()) if docs.proxy.index(r, 0).data() == "Breda")
    _click_row(qtbot, docs.table, row)
    action = next(a for a in w.menus["Code"].actions() if a.text().replace("&", "").startswith("Recognise text"))
    action.trigger()
    assert w.statusBar().currentMessage() == "13-breda.pdf: text recognised on 1 page(s): 13."
    project = Project.open(demo_project_path, readonly=True)
    try:
        from burgerannotator.core.documents import find_document

        page = find_document(project, "Breda").pages[14]
        assert page.has_text is True and page.ocr.startswith("Tesseract in MuPDF")
    finally:
        project.close()
    lo, hi = w.pane.view.layout_.page_word_range(14)
    assert hi - lo > 10  # the view selects and codes words on the scanned page now
    assert "overeengekomen te Breda" in w.pane.view.layout_.text
