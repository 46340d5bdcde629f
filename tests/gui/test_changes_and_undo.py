"""One route for every change, one history for every undo (issue 10), driven like a user:
the comparison views follow codings, consensus decisions undo with Ctrl+Z, a merge is a
barrier for undo, a coder switch leaves nothing selected, a failing view does not stop the others."""
from __future__ import annotations

from PySide6.QtCore import Qt

from burgerannotator.core import ops
from burgerannotator.core.anchoring import find_quote
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.disagreements import disagreements
from burgerannotator.core.segments import find_segment
from burgerannotator.core.store import Project, copy_project
from burgerannotator.gui.agreement_view import AgreementView
from burgerannotator.gui.document_pane import DocumentPane
from burgerannotator.gui.matrix_view import MatrixView
from burgerannotator.gui.merge_dialog import MergeDialog

from gui_helpers import SENTENCE, live_segments

ARNHEM = "Wij faciliteren zoveel mogelijk burgerinitiatieven."


def _menu_action(window, menu, text):
    return next(a for a in window.menus[menu].actions() if a.text().replace("&", "") == text.replace("&", ""))


def _code_with_key_1(qtbot, w, city, quote):
    """Select ``quote`` in ``city``'s agreement (as a click in a view would) and press 1."""
    doc = next(d for d in w.workspace.documents() if d.city == city)
    span = find_quote(doc.text, quote)
    w.show_span(doc.uuid, span.start, span.end)
    qtbot.keyClick(w.pane.view, Qt.Key.Key_1)
    return span


def _ctrl_z(qtbot, w):
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _listed(view) -> list[str]:
    return [view.list.item(i).text() for i in range(view.list.count())]


def test_comparison_views_follow_codings_while_others_are_shown(qtbot, open_window):
    w = open_window("Tester")
    w.set_show_others(True)
    _menu_action(w, "Analysis", "Disagreements and consensus").trigger()
    _menu_action(w, "Analysis", "Agreement between coders").trigger()
    dis = w.disagreements_view
    agreement = w.findChild(AgreementView)
    qtbot.waitUntil(lambda: dis.list.count() > 0, timeout=3000)
    before = _listed(dis)
    assert not any("Tester" in name for name in dis.passages[0].by_coder)
    ticks = {agreement.coder_list.item(i).text(): agreement.coder_list.item(i).checkState()
             for i in range(agreement.coder_list.count())}
    assert ticks == {CODER_A: Qt.CheckState.Checked, CODER_B: Qt.CheckState.Checked,
                     "Tester": Qt.CheckState.Unchecked}
    qtbot.mouseClick(agreement.compute_button, Qt.MouseButton.LeftButton)
    assert agreement.report.coders == [CODER_A, CODER_B]

    _code_with_key_1(qtbot, w, "Arnhem", ARNHEM)  # Tester codes: now a third coder to compare

    expected = [f"{p.code_id} — {p.document}, p. {p.page} ({p.kind})" for p in disagreements(w.workspace.project)]
    qtbot.waitUntil(lambda: _listed(dis) == expected, timeout=3000)
    assert expected != before and "Tester" in dis.passages[0].by_coder
    qtbot.waitUntil(lambda: agreement.report is not None and len(agreement.report.coders) == 3, timeout=3000)
    tester = next(agreement.coder_list.item(i) for i in range(agreement.coder_list.count())
                  if agreement.coder_list.item(i).text() == "Tester")
    assert tester.checkState() == Qt.CheckState.Checked


def test_consensus_decisions_undo_and_redo_with_ctrl_z(qtbot, open_window, demo_project_path):
    w = open_window(CODER_A)
    w.set_show_others(True)
    _menu_action(w, "Analysis", "Disagreements and consensus").trigger()
    dis = w.disagreements_view
    qtbot.waitUntil(lambda: dis.list.count() == 5, timeout=3000)
    dis.list.setFocus()
    dis.list.setCurrentRow(0)
    first = dis.current()
    qtbot.keyClick(dis.list, Qt.Key.Key_B)  # accept both (all)
    made = live_segments(demo_project_path, coder="Consensus")
    assert len(made) == len([s for segs in first.by_coder.values() for s in segs]) and dis.list.count() == 4
    assert w.undo_actions.undo.text() == f"&Undo Accept all on {first.code_id}"

    _ctrl_z(qtbot, w)
    assert live_segments(demo_project_path, coder="Consensus") == []
    qtbot.waitUntil(lambda: dis.list.count() == 5, timeout=3000)
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [s["uuid"] for s in live_segments(demo_project_path, coder="Consensus")] == [s["uuid"] for s in made]
    qtbot.keyClick(dis.list, Qt.Key.Key_U)  # U in the list is the same undo
    assert live_segments(demo_project_path, coder="Consensus") == []
    assert not w.undo_actions.undo.isEnabled() and w.undo_actions.redo.isEnabled()


def test_after_a_merge_undo_cannot_overwrite_merged_work(qtbot, open_window, demo_project_path, tmp_path):
    w = open_window("Tester")
    _code_with_key_1(qtbot, w, "Haarlem", SENTENCE)
    [mine] = live_segments(demo_project_path, coder="Tester")
    assert w.undo_actions.undo.isEnabled()
    other = tmp_path / "tester-laptop.bap"
    copy_project(demo_project_path, other)
    with Project.open(other) as copy:  # the same segment, given a memo later on another computer
        ops.run(copy, ops.SetSegmentMemo(mine["uuid"], "written on the laptop"))

    _menu_action(w, "File", "Merge coder project…").trigger()
    dialog = next(d for d in w.findChildren(MergeDialog) if d.isVisible())
    qtbot.keyClicks(dialog.path_edit, str(other))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "Merged tester-laptop.bap" in dialog.summary.toPlainText()
    dialog.close()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=3000)

    assert not w.undo_actions.undo.isEnabled() and not w.undo_actions.redo.isEnabled()
    _ctrl_z(qtbot, w)  # nothing to undo: the coding and the merged memo stay
    [after] = live_segments(demo_project_path, coder="Tester")
    assert after["uuid"] == mine["uuid"] and after["memo"] == "written on the laptop"


def test_a_coder_switch_leaves_nothing_of_the_previous_coder_selected(qtbot, open_window, demo_project_path):
    w = open_window(CODER_A)
    _menu_action(w, "Analysis", "Matrix (city x code)").trigger()
    matrix = w.findChild(MatrixView)
    m = matrix.model.matrix
    index = matrix.model.index([r.label for r in m.rows].index("Nijmegen"),
                               [c.name for c in m.columns].index("Uitdaagrecht"))
    matrix.table.scrollTo(index)
    qtbot.mouseClick(matrix.table.viewport(), Qt.MouseButton.LeftButton, pos=matrix.table.visualRect(index).center())
    selection = w.workspace.selection
    [seg] = live_segments(demo_project_path, coder=CODER_A, city="Nijmegen", code="MECH-UITDAAGRECHT")
    shown = find_segment(w.workspace.project, seg["uuid"])
    assert selection.span == (shown.start, shown.end)  # A's passage is selected, one key from being coded
    assert w.pane.view.selection_span() is not None

    w.switch_coder(CODER_B)

    assert (selection.span, selection.segment) == (None, None)
    assert w.pane.view.selection_span() is None and w.pane.view.overlay.selected is None
    assert not w.segments.selectionModel().hasSelection()
    before = live_segments(demo_project_path, coder=CODER_B)
    qtbot.keyClick(w.pane.view, Qt.Key.Key_1)  # one key press: nothing to code under B's name
    assert live_segments(demo_project_path, coder=CODER_B) == before


def test_a_view_that_fails_to_follow_a_change_does_not_stop_the_others(qtbot, open_window, monkeypatch,
                                                                        demo_project_path):
    def broken(self, changes, initiator):
        raise RuntimeError("the page overlay broke")

    monkeypatch.setattr(DocumentPane, "_changed", broken)
    w = open_window("Tester")
    _code_with_key_1(qtbot, w, "Haarlem", SENTENCE)
    [seg] = live_segments(demo_project_path, coder="Tester")
    # the pane (which listens first) failed; the segment table (which listens after it) still shows the coding
    assert w.segments.model_.row_of(seg["uuid"]) >= 0
    assert len(w.workspace.failures) == 1 and "the page overlay broke" in w.workspace.failures[0]
    assert w.failure_label.isVisible() and "the page overlay broke" in w.failure_label.text()
    qtbot.waitUntil(lambda: w.workspace.code_counts.get(seg["code"]) == 1, timeout=2000)
