"""Coding like a user: drag over Haarlem's burgerberaad sentence, apply the code by its key,
undo, redo, recode, and blind coding for a second coder. Checked in the project file."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from burgerannotator.core import codebook

from gui_helpers import SENTENCE, live_segments, word_points


def _click_row(qtbot, table, row):
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(row, 0)).center())


def _open_haarlem_page_15(qtbot, w):
    docs = w.documents
    row = next(r for r in range(docs.proxy.rowCount()) if docs.proxy.index(r, 0).data() == "Haarlem")
    _click_row(qtbot, docs.table, row)
    assert w.workspace.document.city == "Haarlem"
    pane = w.pane
    pane.page_edit.clear()
    qtbot.keyClicks(pane.page_edit, "15")
    qtbot.keyClick(pane.page_edit, Qt.Key.Key_Return)
    assert pane.view.current_page() == 16


def _drag(qtbot, view, start: QPoint, end: QPoint):
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, pos=(start + end) / 2)
    qtbot.mouseMove(vp, pos=end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


def _key_for(w, code_id):
    for key, code in w.workspace.pinned_codes().items():
        if code.code_id == code_id:
            return key
    codebook.update_code(w.workspace.project, codebook.find_code(w.workspace.project, code_id), pinned_key=9)
    return 9


def test_code_undo_redo_recode_and_blind(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    view = w.pane.view
    first, last, span = word_points(w, 16, SENTENCE)
    assert view.viewport().rect().contains(first) and view.viewport().rect().contains(last)

    _drag(qtbot, view, first, last)
    assert view.selection_span() == span  # word-snapped over the hyphenated line break

    key = _key_for(w, "MECH-BURGERBERAAD")
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{key}"))
    rows = live_segments(demo_project_path, coder="Tester", city="Haarlem")
    assert len(rows) == 1
    seg = rows[0]
    assert seg["code"] == "MECH-BURGERBERAAD" and seg["page"] == "15"
    assert "burgerberaad" in seg["quote"] and seg["quote"] == SENTENCE
    assert any(m.uuid == seg["uuid"] for m in view.overlay.marks.values())
    assert w.segments.model_.row_of(seg["uuid"]) >= 0

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert live_segments(demo_project_path, coder="Tester") == []
    assert not any(m.uuid == seg["uuid"] for m in view.overlay.marks.values())

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    rows = live_segments(demo_project_path, coder="Tester")
    assert [r["uuid"] for r in rows] == [seg["uuid"]] and rows[0]["code"] == "MECH-BURGERBERAAD"
    assert any(m.uuid == seg["uuid"] for m in view.overlay.marks.values())

    # recode: click the highlight to select the segment, then another code's key
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert w.coding_actions.selected_uuid == seg["uuid"]
    other = _key_for(w, "MECH-UITDAAGRECHT")
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{other}"))
    assert live_segments(demo_project_path, coder="Tester")[0]["code"] == "MECH-UITDAAGRECHT"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert live_segments(demo_project_path, coder="Tester")[0]["code"] == "MECH-BURGERBERAAD"

    # a second coder, blind: the segment is not shown; with the toggle it is, dashed (not own)
    w.switch_coder("Second coder")
    assert "Second coder" in w.coder_label.text()
    assert not any(m.uuid == seg["uuid"] for m in view.overlay.marks.values())
    assert w.segments.model_.row_of(seg["uuid"]) == -1
    qtbot.keyClick(view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.workspace.show_others
    marks = [m for m in view.overlay.marks.values() if m.uuid == seg["uuid"]]
    assert len(marks) == 1 and not marks[0].own
    assert w.segments.model_.row_of(seg["uuid"]) >= 0


def test_double_click_word_shift_click_extend_and_delete(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    view = w.pane.view
    first, last, span = word_points(w, 16, SENTENCE)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    sel = view.selection_span()
    assert w.workspace.document.text[sel.start:sel.end] == "Voor"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=last)
    assert view.selection_span() == span
    # apply by double-clicking the code in the tree
    tree = w.codebook.tree
    index = w.codebook.index_of("THEMA-WIJK")
    tree.scrollTo(index)
    pos = tree.visualRect(index).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # a real double-click starts
    assert live_segments(demo_project_path, coder="Tester") == []          # with a click: it only reads
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    rows = live_segments(demo_project_path, coder="Tester")
    assert [r["code"] for r in rows] == ["THEMA-WIJK"]
    # delete it from the segment table with the Delete key, then bring it back
    table = w.segments
    _click_row(qtbot, table, table.model_.row_of(rows[0]["uuid"]))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert live_segments(demo_project_path, coder="Tester") == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r["uuid"] for r in live_segments(demo_project_path, coder="Tester")] == [rows[0]["uuid"]]
