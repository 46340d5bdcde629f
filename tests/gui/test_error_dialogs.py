"""Errors the user can act on appear as plain dialogs and nothing is lost (issues 3 and 7):
a project locked by another instance, a file that is not a project, a full disk."""
from __future__ import annotations

from burgerannotator.core.store import Project
from burgerannotator.gui import errors
from burgerannotator.gui.main_window import MainWindow

from gui_helpers import SENTENCE, dialog_text, live_segments


def test_second_instance_on_the_same_file_gets_a_dialog(qtbot, demo_project_path):
    other = Project.open(demo_project_path)  # "another BurgerAnnotator" holds the project
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        assert not window.open_project(str(demo_project_path), coder_name="Tester")
        assert "already open" in dialog_text(qtbot)
        assert window.workspace is None and window.center.currentWidget() is window.start_page
    finally:
        other.close()


def test_a_file_that_is_not_a_project_gets_a_dialog(qtbot, tmp_path):
    junk = tmp_path / "notes.bap"
    junk.write_text("not a project")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert not window.open_project(str(junk), coder_name="Tester")
    assert "not a BurgerAnnotator project" in dialog_text(qtbot)
    assert junk.read_text() == "not a project"


def test_full_disk_while_coding_gets_a_dialog_and_keeps_earlier_work(qtbot, open_window, demo_project_path):
    window = open_window("Tester")
    project = window.workspace.project
    haarlem = next(d for d in window.workspace.documents() if d.city == "Haarlem")
    window.show_document(haarlem.uuid)
    from burgerannotator.core.anchoring import find_quote

    span = find_quote(haarlem.text, SENTENCE)
    window.pane.view.select_span(span.start, span.end)
    window.coding_actions.apply_pinned(2)
    assert [s["quote"] for s in live_segments(demo_project_path, coder="Tester")] == [SENTENCE]
    con = project.session.connection()
    con.exec_driver_sql(f"PRAGMA max_page_count = {con.exec_driver_sql('PRAGMA page_count').scalar()}")
    memo = "x" * 3_000_000  # does not fit any more: the disk is full
    mine = [s for s in window.workspace.visible_segments() if s.coder_id == window.workspace.coder.id]
    window.coding_actions.set_memo(mine[0], memo)
    assert "full" in errors.last_message
    project.session.connection().exec_driver_sql("PRAGMA max_page_count = 1073741823")
    assert [s["memo"] for s in live_segments(demo_project_path, coder="Tester")] == [""]
