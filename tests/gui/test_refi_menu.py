"""File > Import REFI-QDA… / Export to REFI-QDA…, driven through the menu like a user:
the demo goes out as .qdpx and .qdc and comes back into fresh projects with the same counts;
blind coding exports only the current coder; a hostile file ends in one-line error dialog."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui_helpers import dialog_text, show_window

from burgerannotator.core.codebook import all_codes
from burgerannotator.core.coders import list_coders
from burgerannotator.core.documents import list_documents
from burgerannotator.core.segments import segments
from burgerannotator.core.store import Project
from burgerannotator.gui import errors


def counts(path):
    project = Project.open(path, readonly=True)
    try:
        return {"documents": len(list_documents(project)), "codes": len(all_codes(project)),
                "segments": len(segments(project)),
                "per_coder": {c.name: len(segments(project, coder=c)) for c in list_coders(project)}}
    finally:
        project.close()


def menu_action(window, starts: str):
    return next(a for a in window.menus["File"].actions() if a.text().startswith(starts))


def save_as(monkeypatch, target, chosen=""):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), chosen)))


def open_as(monkeypatch, source):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), "")))


def close_boxes():
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            box.close()


@pytest.fixture
def fresh_window(qtbot, tmp_path):
    """A function: a window on a new, empty project (no codebook, no documents)."""
    from burgerannotator.gui.main_window import MainWindow

    windows = []

    def make(name: str):
        path = tmp_path / name
        Project.create(path).close()
        windows.append(show_window(qtbot, MainWindow(), path, "Importer"))
        return windows[-1], path

    yield make
    for window in windows:
        window.close()


def test_menu_entries_are_in_the_file_menu(open_window):
    w = open_window("Tester")
    texts = [a.text() for a in w.menus["File"].actions()]
    assert "Import REFI-QDA codebook or project (.qdc, .qdpx)…" in texts
    assert "Export to REFI-QDA…" in texts


def test_qdpx_out_and_into_a_fresh_project(qtbot, open_window, fresh_window, demo_project_path, tmp_path,
                                           monkeypatch):
    demo = counts(demo_project_path)
    w = open_window("Tester")
    w.set_show_others(True)  # blind coding off: every coder goes out
    target = tmp_path / "uit.qdpx"
    save_as(monkeypatch, target, "REFI-QDA project (*.qdpx)")
    menu_action(w, "Export to REFI-QDA").trigger()
    assert target.is_file()
    qtbot.waitUntil(lambda: any(isinstance(b, QMessageBox) and b.objectName() == "export-done" and b.isVisible()
                                for b in QApplication.topLevelWidgets() + w.findChildren(QMessageBox)), timeout=3000)
    done = next(b for b in w.findChildren(QMessageBox) if b.objectName() == "export-done")
    assert done.text() == f"Written to {target}"
    assert [b.text() for b in done.buttons() if b.text() == "Open the folder"] == ["Open the folder"]
    close_boxes()

    window, path = fresh_window("fresh.bap")
    assert counts(path)["segments"] == 0
    open_as(monkeypatch, target)
    menu_action(window, "Import REFI-QDA").trigger()
    after = counts(path)
    assert (demo["documents"], demo["codes"], demo["segments"]) == (14, 29, 11)
    assert (after["documents"], after["codes"], after["segments"]) == (14, 29, 11)
    assert {k: v for k, v in after["per_coder"].items() if v} == {"Demo coder A": 6, "Demo coder B": 5}
    report = window.refi_actions.report_box
    assert report.objectName() == "refi-import-report"
    assert "  codes added: 29" in report.text().splitlines()
    assert "  PDF documents: 14" in report.text().splitlines()
    assert window.workspace.project.path == path


def test_qdc_codebook_out_and_into_a_fresh_project(qtbot, open_window, fresh_window, demo_project_path, tmp_path,
                                                   monkeypatch):
    assert counts(demo_project_path)["codes"] == 29
    w = open_window("Tester")
    target = tmp_path / "codeboek"  # no suffix: the chosen filter gives it
    save_as(monkeypatch, target, "REFI-QDA codebook (*.qdc)")
    menu_action(w, "Export to REFI-QDA").trigger()
    assert (tmp_path / "codeboek.qdc").is_file()
    close_boxes()

    window, path = fresh_window("codes-only.bap")
    open_as(monkeypatch, tmp_path / "codeboek.qdc")
    menu_action(window, "Import REFI-QDA").trigger()
    after = counts(path)
    assert (after["codes"], after["segments"], after["documents"]) == (29, 0, 0)
    assert window.refi_actions.report_box.text().splitlines()[:2] == ["Codebook codeboek.qdc:", "  codes added: 29"]


def test_blind_coding_exports_only_the_current_coder(open_window, fresh_window, demo_project_path, tmp_path,
                                                     monkeypatch):
    demo = counts(demo_project_path)
    coder, own = "Demo coder B", 5
    assert demo["per_coder"][coder] == own and demo["segments"] == 11  # coder A's 6 stay out
    w = open_window(coder)
    w.set_show_others(False)
    target = tmp_path / "blind.qdpx"
    save_as(monkeypatch, target, "REFI-QDA project (*.qdpx)")
    menu_action(w, "Export to REFI-QDA").trigger()
    close_boxes()
    window, path = fresh_window("blind.bap")
    open_as(monkeypatch, target)
    menu_action(window, "Import REFI-QDA").trigger()
    after = counts(path)
    assert after["segments"] == own
    assert {k: v for k, v in after["per_coder"].items() if v} == {coder: own}


def test_a_text_file_named_qdpx_is_refused_in_one_line(qtbot, open_window, demo_project_path, tmp_path,
                                                       monkeypatch):
    w = open_window("Tester")
    before = counts(demo_project_path)
    hostile = tmp_path / "niet-echt.qdpx"
    hostile.write_text("dit is geen zip\n" * 50, encoding="utf-8")
    open_as(monkeypatch, hostile)
    errors.last_message = ""
    menu_action(w, "Import REFI-QDA").trigger()
    qtbot.waitUntil(lambda: errors.last_message != "", timeout=3000)
    assert "\n" not in errors.last_message
    assert errors.last_message == "niet-echt.qdpx is not a .qdpx file (not a zip archive)."
    assert dialog_text(qtbot) == errors.last_message  # shown in the app's error dialog, then closed
    assert w.refi_actions.report_box is None
    assert counts(demo_project_path) == before


def test_without_a_project_the_menu_says_to_open_one_first(qtbot, tmp_path, monkeypatch):
    from burgerannotator.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append(a) or ("", "")))
    for starts in ("Export to REFI-QDA", "Import REFI-QDA"):
        errors.last_message = ""
        menu_action(window, starts).trigger()
        assert errors.last_message == "Open or create a project first."
        assert dialog_text(qtbot) == "Open or create a project first."
    assert asked == []  # no file dialog before there is a project to read or write
    window.close()
