"""Adjusting a segment's boundaries with the mouse: click one's own segment to select it, drag
its end handle to a later word; the stored end and quote follow, and Ctrl+Z restores them."""
from __future__ import annotations

from PySide6.QtCore import Qt

from burgerannotator.core.anchoring import find_quote

from gui_helpers import SENTENCE, live_segments, word_points

SHORT = "Voor thema's die op stadsniveau spelen"


def _drag(qtbot, view, start, end):
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, pos=(start + end) / 2)
    qtbot.mouseMove(vp, pos=end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


def test_drag_the_end_handle_to_a_later_word_then_undo(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    haarlem = next(d for d in w.workspace.documents() if d.city == "Haarlem")
    w.show_document(haarlem.uuid)
    view = w.pane.view
    short = find_quote(haarlem.text, SHORT)
    w.show_span(haarlem.uuid, short.start, short.end)
    qtbot.keyClick(view, Qt.Key.Key_1)  # code it with pinned code 1
    [seg] = live_segments(demo_project_path, coder="Tester")
    assert seg["quote"] == SHORT
    first, last, full = word_points(w, 16, SENTENCE)

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)  # select the segment
    assert w.coding_actions.selected_uuid == seg["uuid"]
    mark = next(m for m in view.overlay.marks.values() if m.uuid == seg["uuid"])
    assert view.overlay.selected == mark.uuid
    end_rect = mark.rects[16][-1]
    handle = view.page_to_viewport(16, end_rect.right(), end_rect.center().y())
    _drag(qtbot, view, handle, last)

    [moved] = live_segments(demo_project_path, coder="Tester")
    assert moved["uuid"] == seg["uuid"] and moved["quote"] == SENTENCE
    mark = next(m for m in view.overlay.marks.values() if m.uuid == seg["uuid"])
    assert (mark.start, mark.end) == (full.start, full.end)  # the highlight follows
    assert view.selection_span() is None  # the drag did not turn into a text selection

    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [back] = live_segments(demo_project_path, coder="Tester")
    assert back["quote"] == SHORT
    mark = next(m for m in view.overlay.marks.values() if m.uuid == seg["uuid"])
    assert (mark.start, mark.end) == (short.start, short.end)


def test_another_coders_segment_has_no_handles(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    w.set_show_others(True)
    haarlem = next(d for d in w.workspace.documents() if d.city == "Haarlem")
    w.show_document(haarlem.uuid)
    view = w.pane.view
    theirs = next(m for m in view.overlay.marks.values() if not m.own)
    page = min(theirs.rects)
    w.pane.view.show_span(theirs.start, theirs.end)
    r = theirs.rects[page][0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.page_to_viewport(page, r.left() + 2, r.center().y()))
    assert view.overlay.selected == theirs.uuid
    end = theirs.rects[max(theirs.rects)][-1]
    handle = view.page_to_viewport(max(theirs.rects), end.right(), end.center().y())
    later = view.page_to_viewport(max(theirs.rects), end.right() + 60, end.center().y())
    before = live_segments(demo_project_path, city="Haarlem")
    _drag(qtbot, view, handle, later)
    assert live_segments(demo_project_path, city="Haarlem") == before
    w.set_show_others(False)
