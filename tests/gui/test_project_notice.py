"""What the window says about the project file (issues 16 and 17): the backup made beside the
window after it opened (a coding meanwhile is kept; closing meanwhile leaves nothing behind;
a failure is said in the status bar), a read-only project (note, write actions disabled with a
tooltip saying why, in English and Dutch) and values repaired on opening."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from burgerannotator.core import background_backup, backups, store
from burgerannotator.core.anchoring import find_quote
from burgerannotator.core.ops import CodeSpan
from burgerannotator.core.paths import backups_dir
from burgerannotator.gui import i18n
from burgerannotator.gui import main_window as main_window_module
from burgerannotator.gui.main_window import MainWindow

from gui_helpers import SENTENCE, live_segments, show_window
from support import craft_row

READ_ONLY_EN = ("Read-only: demo.bap is in a folder that cannot be written; nothing can be changed. "
                "Copy it to a folder you can write to.")
READ_ONLY_NL = ("Alleen-lezen: demo.bap staat in een map waarin niet geschreven kan worden; er kan niets "
                "veranderd worden. Kopieer het naar een map waarin u kunt schrijven.")


def _files_in_backups() -> list[str]:
    return sorted(f.name for f in backups_dir().iterdir() if f.name != backups.BACKUP_MEMO) if backups_dir().exists() else []


def _code_the_sentence(window) -> None:
    ws = window.workspace
    doc = next(d for d in ws.documents() if d.city == "Haarlem")
    span = find_quote(doc.text, SENTENCE)
    code = next(c for c in ws.codes() if c.code_id == "MECH-BURGERBERAAD")
    ws.do(CodeSpan(doc.uuid, code.uuid, ws.coder.uuid, span.start, span.end))


def _backup_done(window) -> bool:
    task = window.notice.backup
    return task is not None and not task.running


def test_the_backup_is_made_after_the_window_opened_and_verifies(qtbot, open_window):
    window = open_window()
    assert window.workspace.project.backed_up is False  # opening did not wait for a copy
    qtbot.waitUntil(lambda: _backup_done(window), timeout=60000)
    task = window.notice.backup
    assert (task.error, task.cancelled) == (None, False)
    assert _files_in_backups() == [task.made.name]
    assert store.verified_copy(task.made, full=True) is True
    assert window.notice.label.isHidden()


def test_a_coding_made_while_the_backup_copies_is_kept(qtbot, demo_project_path, monkeypatch):
    before = len(live_segments(demo_project_path))
    holding, go = threading.Event(), threading.Event()

    def hold(_task):  # the backup's first step holds its snapshot until the test has coded
        if not holding.is_set():
            holding.set()
            go.wait(30)

    monkeypatch.setattr(background_backup, "STEP_HOOK", hold)
    monkeypatch.setattr(backups, "BACKUP_STEP_PAGES", 8)
    window = show_window(qtbot, MainWindow(), demo_project_path, "Tester")
    try:
        qtbot.waitUntil(holding.is_set, timeout=30000)
        _code_the_sentence(window)  # not blocked by the backup's read snapshot
        go.set()
        qtbot.waitUntil(lambda: _backup_done(window), timeout=60000)
        made = window.notice.backup.made
        assert window.notice.backup.error is None
        assert len(live_segments(made)) == before  # one snapshot, from before the coding
    finally:
        go.set()
        window.close()
    assert len(live_segments(demo_project_path, coder="Tester", code="MECH-BURGERBERAAD")) == 1
    assert len(live_segments(demo_project_path)) == before + 1


def test_closing_while_the_backup_runs_loses_nothing_and_leaves_no_partial(qtbot, demo_project_path, monkeypatch):
    running = threading.Event()

    def until_cancelled(task):
        running.set()
        task._stop.wait(30)

    monkeypatch.setattr(background_backup, "STEP_HOOK", until_cancelled)
    window = show_window(qtbot, MainWindow(), demo_project_path, "Tester")
    qtbot.waitUntil(running.is_set, timeout=30000)
    _code_the_sentence(window)
    task = window.notice.backup
    window.close()
    assert task.running is False and task.cancelled is True and task.made is None
    assert _files_in_backups() == []  # no backup, no .partial
    assert len(live_segments(demo_project_path, coder="Tester", code="MECH-BURGERBERAAD")) == 1
    store.Project.open(demo_project_path, make_backup=False).close()  # the lock was given back


def test_a_backup_that_fails_is_said_in_the_status_bar(qtbot, open_window, monkeypatch):
    def full_disk(src, dst, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_sqlite_copy", full_disk)
    window = open_window()
    qtbot.waitUntil(lambda: window.notice.label.isVisible(), timeout=60000)
    assert window.notice.label.text() == (f"No backup made: cannot write a copy of demo.bap to {backups_dir()}: "
                                          "No space left on device")
    assert _files_in_backups() == []


@pytest.fixture
def read_only_folder(monkeypatch):
    """The project's folder cannot be written (as a read-only share: tests run as root, who may write anywhere)."""
    monkeypatch.setattr(store, "folder_writable", lambda path: False)
    monkeypatch.setattr(main_window_module, "folder_writable", lambda path: False)


def _write_actions(window):
    from PySide6.QtGui import QAction
    return [a for a in window.findChildren(QAction) if a.property("writes")]


def test_a_read_only_project_says_so_and_writes_nothing(qtbot, demo_project_path, read_only_folder):
    before = live_segments(demo_project_path)
    window = show_window(qtbot, MainWindow(), demo_project_path, "Coder 1")
    try:
        assert window.workspace.project.readonly is True
        assert window.notice.label.isVisible() and window.notice.label.text() == READ_ONLY_EN
        assert window.windowTitle().endswith("(read-only) — BurgerAnnotator")
        actions = _write_actions(window)
        names = {a.text().replace("&", "") for a in actions}
        assert {"Import PDFs...", "Delete selected segment", "Add code...", "Switch coder...",
                "Merge coder project…"} <= names
        assert [(a.isEnabled(), a.toolTip()) for a in actions] == [(False, READ_ONLY_EN)] * len(actions)
        assert (window.switch_button.isEnabled(), window.switch_button.toolTip()) == (False, READ_ONLY_EN)
        details = window.details
        assert [(w.isEnabled(), w.toolTip()) for w in (details.attributes_button, details.memo_button,
                                                       *details.combos.values())] \
            == [(False, READ_ONLY_EN)] * (2 + len(details.combos))
        # choosing a code does not enable Apply; its tooltip says why
        tree, index = window.codebook.tree, window.codebook.index_of("MECH-BURGERBERAAD")
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
        assert window.codebook.current_code_uuid() is not None
        assert (window.codebook.apply_button.isEnabled(), window.codebook.apply_button.toolTip()) == (False, READ_ONLY_EN)
        # the number keys are disabled actions: a selection and "1" code nothing
        doc = window.workspace.document
        span = find_quote(doc.text, doc.text[200:260].strip())
        window.pane.view.select_span(span.start, span.end)
        QTest.keyClick(window.pane.view, Qt.Key.Key_1)
        assert window.notice.backup is None  # no backup of a file that cannot change
    finally:
        window.close()
    assert live_segments(demo_project_path) == before
    assert _files_in_backups() == []


def test_the_read_only_note_is_dutch_under_nl_NL(qtbot, demo_project_path, read_only_folder, tmp_path):
    i18n.install("nl")
    try:
        window = show_window(qtbot, MainWindow(), demo_project_path, "Coder 1")
        try:
            assert window.notice.label.text() == READ_ONLY_NL
            assert window.codebook.apply_button.toolTip() == READ_ONLY_NL
            assert window.windowTitle().endswith("(alleen-lezen) — BurgerAnnotator")
            window.grab().save(str(tmp_path / "read-only-nl.png"))
        finally:
            window.close()
    finally:
        i18n.install("en")


def test_a_writable_project_opened_after_a_read_only_one_can_be_written_again(qtbot, demo_project_path, tmp_path,
                                                                                monkeypatch):
    import shutil

    writable = tmp_path / "writable.bap"
    shutil.copyfile(demo_project_path, writable)
    monkeypatch.setattr(store, "folder_writable", lambda path: path != demo_project_path)
    monkeypatch.setattr(main_window_module, "folder_writable", lambda path: path != demo_project_path)
    window = show_window(qtbot, MainWindow(), demo_project_path, "Tester")
    try:
        assert window.workspace.project.readonly is True
        assert window.open_project(str(writable), coder_name="Tester")
        assert window.workspace.project.readonly is False and window.notice.label.isHidden()
        enabled = {a.text().replace("&", ""): a.isEnabled() for a in _write_actions(window)}
        assert [enabled[n] for n in ("Import PDFs...", "Add code...", "Switch coder...", "Merge coder project…")] \
            == [True] * 4
        assert window.details.attributes_button.isEnabled() and window.switch_button.toolTip() == ""
        _code_the_sentence(window)
    finally:
        window.close()
    assert len(live_segments(writable, coder="Tester", code="MECH-BURGERBERAAD")) == 1


def test_values_repaired_on_opening_are_said(qtbot, demo_project_path):
    craft_row(demo_project_path, "update document set attributes = '[1,2]' where id = 1")
    window = show_window(qtbot, MainWindow(), demo_project_path, "Tester")
    try:
        assert window.workspace.project.repaired == 1
        assert window.notice.label.text() == "1 unreadable value(s) repaired on opening; see the project log."
    finally:
        window.close()


def test_values_shown_repaired_in_a_read_only_project_are_said(qtbot, demo_project_path, read_only_folder):
    craft_row(demo_project_path, "update document set attributes = '[1,2]' where id = 1")
    window = show_window(qtbot, MainWindow(), demo_project_path, "Tester")
    try:
        assert window.notice.label.text() == (READ_ONLY_EN + "  ·  1 unreadable value(s) shown repaired; "
                                              "the file is unchanged.")
    finally:
        window.close()


def _dock_view(window, name):
    from PySide6.QtWidgets import QDockWidget
    return next(d for d in window.findChildren(QDockWidget) if d.objectName() == name)


def test_a_read_only_project_disables_the_decision_and_suggestion_buttons(qtbot, demo_project_path, read_only_folder):
    before = live_segments(demo_project_path)
    window = show_window(qtbot, MainWindow(), demo_project_path, "Coder 1")
    try:
        window.show_others_action.trigger()  # blind coding is on by default: show the others' codings
        dock = _dock_view(window, "dock-disagreements")
        dock.show()
        view = dock.widget()
        qtbot.waitUntil(lambda: view.list.count() > 0, timeout=10000)
        buttons = [view.both_button, view.reject_button, view.span_button, view.undo_button, *view._coder_buttons]
        assert len(view._coder_buttons) >= 2
        assert [(b.isEnabled(), b.toolTip()) for b in buttons] == [(False, READ_ONLY_EN)] * len(buttons)
        n_passages = view.list.count()
        view.list.setFocus()
        view.list.setCurrentRow(0)
        for key in (Qt.Key.Key_B, Qt.Key.Key_R, Qt.Key.Key_1, Qt.Key.Key_U):  # the decision keys decide nothing
            QTest.keyClick(view.list, key)
            assert view.message.text() == READ_ONLY_EN
        assert view.list.count() == n_passages
        review = _dock_view(window, "dock-suggestions").widget()
        assert [(b.isEnabled(), b.toolTip()) for b in (review.accept_button, review.reject_button,
                                                         review.suggest_button)] == [(False, READ_ONLY_EN)] * 3
        review.run_dictionary()  # as the A key or a stray call would: refused, nothing written
        assert review.status.text() == READ_ONLY_EN.replace("'", "&#x27;")
    finally:
        window.close()
    assert live_segments(demo_project_path) == before


def test_the_decision_buttons_work_again_in_a_writable_project(qtbot, demo_project_path, tmp_path, monkeypatch):
    import shutil

    writable = tmp_path / "writable.bap"
    shutil.copyfile(demo_project_path, writable)
    monkeypatch.setattr(store, "folder_writable", lambda path: path != demo_project_path)
    monkeypatch.setattr(main_window_module, "folder_writable", lambda path: path != demo_project_path)
    window = show_window(qtbot, MainWindow(), demo_project_path, "Tester")
    try:
        assert window.open_project(str(writable), coder_name="Tester")
        view = _dock_view(window, "dock-disagreements").widget()
        suggestions = _dock_view(window, "dock-suggestions")
        suggestions.show()  # a hidden view refreshes when shown
        review = suggestions.widget()
        assert [(b.isEnabled(), b.toolTip()) for b in (view.both_button, view.reject_button, view.undo_button)] \
            == [(True, "")] * 3
        qtbot.waitUntil(lambda: review.suggest_button.isEnabled(), timeout=5000)
        assert review.suggest_button.toolTip() == ""
    finally:
        window.close()
