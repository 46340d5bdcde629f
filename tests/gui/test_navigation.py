"""Reading: zoom, go to a printed page, find, and jumping to a segment from the table."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gui_helpers import live_segments


def _choose_zoom(qtbot, pane, text):
    box = pane.zoom_box
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


def test_zoom_percent_fit_and_ctrl_wheel(qtbot, open_window):
    w = open_window()
    pane, view = w.pane, w.pane.view
    width_fit = view.zoom
    page_px = view.items[0].page_rect().width()
    assert abs(page_px - (view.viewport().width() - 60)) < 60  # fit width fills the view
    _choose_zoom(qtbot, pane, "200 %")
    assert view.zoom == pytest.approx(2.0) and view.zoom_mode is None
    assert view.items[0].page_rect().width() == pytest.approx(view.items[0].width_pt * 2)
    _choose_zoom(qtbot, pane, "Fit page")
    assert view.items[0].page_rect().height() <= view.viewport().height()
    _choose_zoom(qtbot, pane, "1000")
    assert view.zoom == pytest.approx(4.0)  # clamped to 400 %
    _choose_zoom(qtbot, pane, "50 %")
    before = view.zoom
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom == pytest.approx(before * 1.1)
    assert width_fit != view.zoom
    # the page is painted from a rendered image at the new zoom (rendered off the GUI thread)
    qtbot.waitUntil(lambda: view.renderer.image(view.sha, view.current_page(), view.zoom) is not None, timeout=5000)


def test_go_to_page_by_printed_label(qtbot, open_window):
    w = open_window()
    pane = w.pane
    labels = [i.label for i in pane.view.items]
    target = labels[len(labels) // 2]
    qtbot.keyClick(w.pane.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert pane.page_edit.hasFocus()
    qtbot.keyClicks(pane.page_edit, target)
    qtbot.keyClick(pane.page_edit, Qt.Key.Key_Return)
    assert pane.view.current_page() == labels.index(target)
    assert pane.view.current_page() in pane.view.visible_pages()
    from burgerannotator.gui import errors
    pane.page_edit.setText("no-such-page")
    qtbot.keyClick(pane.page_edit, Qt.Key.Key_Return)
    assert "no page printed 'no-such-page'" in errors.last_message


def test_find_highlights_hits_and_steps(qtbot, open_window):
    w = open_window()
    doc = next(d for d in w.workspace.documents() if d.city == "Haarlem")
    w.show_document(doc.uuid)
    view = w.pane.view
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = w.pane.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "BURGERBERAAD")
    expected = doc.text.lower().count("burgerberaad")
    assert expected >= 1 and len(bar.hits) == expected
    shown = sum(len(v) for v in view.overlay.find_hits.values()) + sum(len(v) for v in view.overlay.find_current.values())
    assert shown >= expected
    first = bar.current
    page_of_hit = min(view.overlay.find_current)
    assert page_of_hit in view.visible_pages()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.current == (first + 1) % expected
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and not view.overlay.find_hits


def test_segment_table_click_scrolls_and_flashes(qtbot, open_window, demo_project_path):
    w = open_window("Demo coder A")
    seg = next(s for s in live_segments(demo_project_path, coder="Demo coder A") if s["city"] == "Amsterdam")
    doc = next(d for d in w.workspace.documents() if d.city == "Amsterdam")
    w.show_document(doc.uuid)
    view, table = w.pane.view, w.segments
    view.go_to_page(len(view.items) - 1)
    row = table.model_.row_of(seg["uuid"])
    assert row >= 0
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.row_rect_center(row))
    mark = next(m for m in view.overlay.marks.values() if m.uuid == seg["uuid"])
    assert min(mark.rects) in view.visible_pages()
    assert view.overlay.flash == mark.uuid and view.overlay.selected == mark.uuid
    qtbot.waitUntil(lambda: view.overlay.flash is None, timeout=3000)
