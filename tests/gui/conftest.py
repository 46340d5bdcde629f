"""Fixtures for the desktop app tests: the main window on a copy of the demo project."""
from __future__ import annotations

import pytest

from gui_helpers import show_window


@pytest.fixture
def open_window(qtbot, demo_project_path):
    """A function: the main window at 1366x768 with the demo project open as ``coder``."""
    from burgerannotator.gui.main_window import MainWindow

    windows = []

    def make(coder: str = "Tester"):
        window = show_window(qtbot, MainWindow(), demo_project_path, coder)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()

