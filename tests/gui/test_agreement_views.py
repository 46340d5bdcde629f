"""The merge dialog, the Agreement view and the Disagreements view, driven like a user."""
from __future__ import annotations

from PySide6.QtCore import Qt

from burgerannotator.core import codebook, segments
from burgerannotator.core.coders import find_coder
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.store import Project, copy_project
from burgerannotator.gui.agreement_view import AgreementView
from burgerannotator.gui.disagreement_view import DisagreementView
from burgerannotator.gui.merge_dialog import MergeDialog


def test_merge_dialog_shows_conflicts_and_merges_with_the_users_choice(qtbot, demo_project, tmp_path):
    other = tmp_path / "anna.bap"
    copy_project(demo_project.path, other)
    with Project.open(other) as anna:
        codebook.update_code(anna, codebook.find_code(anna, "MECH-UITDAAGRECHT"), name="Right to challenge",
                             color="#123456")
    dialog = MergeDialog(demo_project)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "missing.bap"))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.message.text() and not dialog.merge_button.isEnabled()
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(other))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 2
    fields = [dialog.table.item(i, 1).text() for i in range(2)]
    name_row = fields.index("renamed")
    combo = dialog.table.cellWidget(name_row, 4)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Keep mine -> Take theirs
    assert combo.currentText() == "Take theirs"
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    code = codebook.find_code(demo_project, "MECH-UITDAAGRECHT")
    assert code.name == "Right to challenge" and code.color != "#123456"
    assert "Merged anna.bap" in dialog.summary.toPlainText()


def test_agreement_view_computes_levels_and_shows_undefined(qtbot, demo_project):
    view = AgreementView(demo_project)
    qtbot.addWidget(view)
    view.show()
    assert view.coder_list.count() == 2 and not view.overlap_box.isEnabled()
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    texts = {view.table.item(i, 0).text(): i for i in range(view.table.rowCount())}
    assert "MECH-UITDAAGRECHT" in texts and "Overall" in texts and "Nijmegen" in texts
    headers = [view.table.horizontalHeaderItem(j).text() for j in range(view.table.columnCount())]
    kappa = headers.index("Cohen's kappa")
    burgerberaad = view.table.item(texts["MECH-BURGERBERAAD"], kappa)
    assert burgerberaad.text() == "undefined" and burgerberaad.toolTip()
    view.level_box.setFocus()
    qtbot.keyClick(view.level_box, Qt.Key.Key_Down)  # Document -> Segment
    assert view.level() == "segment" and view.overlap_box.isEnabled()
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    row = [i for i in range(view.table.rowCount()) if view.table.item(i, 0).text() == "Overall"][0]
    assert view.table.item(row, 2).text() == "0.545"  # 6 of 11 demo segments have a partner
    # one coder only: a clear message, no table change
    view.coder_list.setFocus()
    view.coder_list.setCurrentRow(1)
    qtbot.keyClick(view.coder_list, Qt.Key.Key_Space)  # uncheck the second coder
    assert view.coder_list.item(1).checkState() == Qt.CheckState.Unchecked
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    assert "at least 2 coders" in view.message.text()


def test_disagreement_view_walks_and_decides_with_keys(qtbot, demo_project):
    view = DisagreementView(demo_project, find_coder(demo_project, CODER_B))
    qtbot.addWidget(view)
    view.show()
    assert view.list.count() == 5
    view.list.setFocus()
    first = view.current()
    assert CODER_A in view.detail.toPlainText() and "not coded" in view.detail.toPlainText()
    with qtbot.waitSignal(view.segment_activated) as sig:
        qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert sig.args == [first.document_uuid, first.start, first.end]
    coder_with_segment = next(name for name, segs in first.by_coder.items() if segs)
    key = str(list(first.by_coder).index(coder_with_segment) + 1)
    qtbot.keyClicks(view.list, key)
    assert view.list.count() == 4
    made = [s for s in segments.segments(demo_project) if s.coder.is_consensus]
    assert len(made) == 1 and made[0].decided_by.name == CODER_B and made[0].origin == "consensus"
    with qtbot.waitSignal(view.segment_activated):
        qtbot.keyClick(view.list, Qt.Key.Key_Down)
    qtbot.keyClicks(view.list, "r")
    assert view.list.count() == 3
    qtbot.keyClicks(view.list, "u")
    assert view.list.count() == 4
    qtbot.keyClicks(view.list, "b")
    assert view.list.count() == 3
    qtbot.keyClicks(view.list, "s")  # no selection provider: a message, nothing decided
    assert view.list.count() == 3 and "Select" in view.message.text()


def test_install_into_the_main_window(qtbot, open_window):
    from burgerannotator.gui import agreement_view, disagreement_view, merge_dialog

    window = open_window("Tester")
    action = merge_dialog.install(window)
    agreement = agreement_view.install(window)
    walk = disagreement_view.install(window)
    window.set_show_others(True)  # comparing coders needs blind coding off (see test_blind_views.py)
    walk.parentWidget().show()  # its dock: a hidden view refreshes when shown
    assert action.text().startswith("Merge coder project")
    assert agreement.project is window.workspace.project and agreement.coder_list.count() == 3
    assert len(agreement.chosen_coders()) == 2  # Tester has coded nothing yet: not compared by default
    assert walk.decider.name == "Tester" and walk.list.count() == 5
    walk.list.setFocus()
    with qtbot.waitSignal(window.spanShown) as sig:
        qtbot.keyClick(walk.list, Qt.Key.Key_Return)
    assert sig.args[0] == walk.current().document_uuid
