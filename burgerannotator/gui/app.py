"""Starting the desktop app: the QApplication, the error dialogs, the first project."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from . import i18n, settings
from .errors import install_excepthook


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("BurgerAnnotator")
        app.setOrganizationName("BurgerAnnotator")
        app.setDesktopFileName("burgerannotator")
        i18n.install()  # Dutch on a Dutch system, or as chosen under View > Language
    return app


def run(path: str | None = None, coder: str | None = None) -> int:
    """Show the main window with ``path`` (else the last project, else the start page); returns
    the exit code when the window closes."""
    from .main_window import MainWindow

    app = make_app()
    install_excepthook()
    window = MainWindow()
    window.show()
    _smoke_hooks(app)
    target = path or settings.last_project()
    if target:
        window.open_project(target, coder_name=coder)
    return app.exec()


def _smoke_hooks(app: QApplication) -> None:
    """For the packaging smoke test: BURGERANNOTATOR_QUIT_AFTER_MS=N announces on stdout when
    the main window is up with its project (the event loop runs) and quits after N ms, dialogs
    included."""
    quit_after = os.environ.get("BURGERANNOTATOR_QUIT_AFTER_MS")
    if not quit_after:
        return
    QTimer.singleShot(0, lambda: print("BURGERANNOTATOR main window shown", flush=True))
    QTimer.singleShot(int(quit_after), lambda: (app.closeAllWindows(), app.quit()))
