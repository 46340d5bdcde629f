"""The window with no project (start page: demo, new, open, recent) and the window layout
restored at the next start. Settings live in the per-test BURGERANNOTATOR_DATA_DIR."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QPushButton

from burgerannotator.gui import settings
from burgerannotator.gui.coder_dialog import CoderDialog
from burgerannotator.gui.main_window import MainWindow

from support import REPO


@pytest.fixture
def start_window(qtbot):
    """A fresh start: no project, no settings yet."""
    windows = []

    def make():
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()


def _button(window, text) -> QPushButton:
    return next(b for b in window.start_page.findChildren(QPushButton) if b.text().startswith(text))


def _answer_coder_dialog(window, name, seen):
    def answer():
        dialogs = [d for d in window.findChildren(CoderDialog) if d.isVisible()]
        seen["asked"] = bool(dialogs)
        for d in dialogs:
            d.combo.setEditText(name)
            d.accept()
    QTimer.singleShot(0, answer)


def _reactivate(qtbot, window):
    window.activateWindow()  # the window manager's part when a dialog closes (offscreen has none)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def test_open_the_demo_from_the_start_page_then_reopen_it_from_recent(qtbot, start_window):
    w = start_window()
    assert w.workspace is None and w.center.currentWidget() is w.start_page
    assert not w.start_page.recent.isVisible()  # nothing recent yet
    seen = {}
    _answer_coder_dialog(w, "Demo user", seen)  # first start: the app asks who is coding
    qtbot.mouseClick(_button(w, "Open the demo project"), Qt.MouseButton.LeftButton)
    assert seen["asked"] and w.workspace is not None and w.workspace.coder.name == "Demo user"
    assert w.center.currentWidget() is w.tabs and w.tabs.currentWidget() is w.pane and w.pane.view.items
    assert len(w.workspace.documents()) == 14 and w.workspace.document is not None
    path = Path(w.workspace.project.path).resolve()
    assert path.is_relative_to(Path(os.environ["BURGERANNOTATOR_DATA_DIR"]).resolve())
    assert not path.is_relative_to(REPO.resolve())  # never written into the repository
    assert "demo" in w.windowTitle()

    _reactivate(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # File > Close project
    assert w.workspace is None and w.center.currentWidget() is w.start_page
    recent = w.start_page.recent
    assert recent.isVisible() and recent.item(0).text() == str(path)
    recent.setFocus()
    recent.setCurrentRow(0)
    qtbot.keyClick(recent, Qt.Key.Key_Return)
    assert w.workspace is not None and w.workspace.coder.name == "Demo user"  # remembered: not asked again
    assert Path(w.workspace.project.path).resolve() == path


def test_new_and_open_from_the_start_page(qtbot, start_window, monkeypatch, tmp_path, demo_project_path):
    settings.set_coder_name("Tester")
    w = start_window()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "study"), "")))
    qtbot.mouseClick(_button(w, "New project"), Qt.MouseButton.LeftButton)
    assert w.workspace is not None and Path(w.workspace.project.path) == tmp_path / "study.bap"
    assert w.workspace.documents() == [] and w.documents.model.rowCount() == 0
    assert w.codebook.model.item_for("MECH-BURGERBERAAD") is not None  # the default codebook
    assert w.center.currentWidget() is w.tabs and w.tabs.currentWidget() is w.pane

    w.close_project()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(demo_project_path), "")))
    qtbot.mouseClick(_button(w, "Open project"), Qt.MouseButton.LeftButton)
    assert Path(w.workspace.project.path) == demo_project_path and len(w.workspace.documents()) == 14
    assert w.start_page.recent.count() == 1  # the new project is listed, the demo now open is not yet


def test_layout_is_restored_at_the_next_start(qtbot, start_window):
    w = start_window()  # no project: the panels' contents do not widen them past the small test screen
    docks = {d.objectName(): d for d in w.findChildren(QDockWidget)}
    assert all(d.isVisible() for d in docks.values() if d.objectName() in
               ("dock-documents", "dock-codebook", "dock-segments"))
    docks["dock-codebook"].toggleViewAction().trigger()  # View > Panels > Codebook off
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks["dock-segments"])  # dragged to the right
    w.resize(760, 560)  # fits the offscreen test screen (800x800), so nothing is clamped
    qtbot.waitUntil(lambda: w.size() == QSize(760, 560), timeout=2000)
    w.resizeDocks([docks["dock-segments"]], [200], Qt.Orientation.Horizontal)  # the user widens it
    qtbot.waitUntil(lambda: abs(docks["dock-segments"].width() - 200) <= 2, timeout=2000)
    w.close()

    again = start_window()
    docks = {d.objectName(): d for d in again.findChildren(QDockWidget)}
    assert again.size() == QSize(760, 560)
    assert not docks["dock-codebook"].isVisible()
    assert docks["dock-segments"].isVisible()
    assert again.dockWidgetArea(docks["dock-segments"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert abs(docks["dock-segments"].width() - 200) <= 2
    # analysis views installed hidden stay hidden
    hidden = [d for d in docks.values() if d.objectName() not in ("dock-documents", "dock-codebook", "dock-segments")]
    assert hidden and not any(d.isVisible() for d in hidden)
