"""Errors reach the user as dialogs: user errors at the action boundary, bugs by the excepthook."""
from __future__ import annotations

import functools
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox

from burgerannotator.core.errors import UserError
from burgerannotator.core.paths import user_data_dir

_open_boxes: list[QMessageBox] = []  # kept alive while shown (non-blocking)
last_message: str = ""  # what the last dialog said (tests and the status bar read it)


def show_error(message: str, parent=None, title: str = "BurgerAnnotator") -> None:
    """A window-modal but non-blocking message box with one line."""
    global last_message
    last_message = message
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent or QApplication.activeWindow())
    box.setModal(True)
    box.finished.connect(lambda _r, b=box: _open_boxes.remove(b) if b in _open_boxes else None)
    _open_boxes.append(box)
    box.open()


def guarded(fn):
    """Decorator for slots: a UserError becomes a dialog with its one-line message."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UserError as exc:
            show_error(exc.message)
            return None
    return wrapper


def log_traceback(exc_type, exc, tb) -> str:
    path = user_data_dir() / "error.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc_type, exc, tb)) + "\n")
    except OSError:
        return "(log unavailable)"
    return str(path)


def excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, UserError):
        show_error(str(exc))
        return
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log = log_traceback(exc_type, exc, tb)
    show_error(f"Internal error ({exc_type.__name__}: {exc}). The last completed action is saved; "
               f"details in {log}")


def install_excepthook() -> None:
    sys.excepthook = excepthook
