"""Fixtures for the desktop app tests: the main window on a copy of the demo project."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication



@pytest.fixture
def open_window(qtbot, demo_project_path):
    """A function: the main window at 1366x768 with the demo project open as ``coder``."""
    from burgerannotator.gui.main_window import MainWindow

    windows = []

    def make(coder: str = "Tester"):
        window = MainWindow()
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        assert window.open_project(str(demo_project_path), coder_name=coder)
        # shortcuts (1-9, Ctrl+Z) go to the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()

