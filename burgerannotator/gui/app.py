"""Starting the desktop app: the QApplication, the error dialogs, the first project."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from . import settings
from .errors import install_excepthook


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("BurgerAnnotator")
        app.setOrganizationName("BurgerAnnotator")
        app.setDesktopFileName("burgerannotator")
    return app


def run(path: str | None = None) -> int:
    """Show the main window with ``path`` (else the last project, else the start page); returns
    the exit code when the window closes."""
    from .main_window import MainWindow

    app = make_app()
    install_excepthook()
    window = MainWindow()
    window.show()
    target = path or settings.last_project()
    if target:
        window.open_project(target)
    return app.exec()
