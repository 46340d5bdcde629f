"""The window fits the screen it opens on: sized to the available screen area on first
start, a saved layout from a bigger screen shrunk and moved onto this one.

Before the window is shown the window manager has not said how thick its title bar and
borders are, so a generous guess keeps the status bar (coder, Switch coder, messages)
above the bottom of a 1366x768 laptop screen.
"""
from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication

FRAME_GUESS = QMargins(8, 40, 8, 8)  # title bar and borders of common window managers, in pixels


def available_geometry(window) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(window) -> QMargins:
    """The window manager's frame around the window (a guess until the window is shown)."""
    if window.isVisible():
        outer, inner = window.frameGeometry(), window.geometry()
        margins = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                           outer.right() - inner.right(), outer.bottom() - inner.bottom())
        if margins.top() > 0:
            return margins
    return FRAME_GUESS


def _room(available: QRect, margins: QMargins) -> QSize:
    return QSize(available.width() - margins.left() - margins.right(),
                 available.height() - margins.top() - margins.bottom())


def fit_first_start(window, available: QRect | None = None) -> None:
    """Fill the available screen area (no saved layout yet)."""
    available = available or available_geometry(window)
    margins = frame_margins(window)
    window.resize(_room(available, margins).expandedTo(window.minimumSizeHint()))
    window.move(available.topLeft())


def clamp_to_screen(window, available: QRect | None = None) -> None:
    """Shrink a restored window to the available area and move it fully onto it."""
    if window.isMaximized() or window.isFullScreen():
        return
    available = available or available_geometry(window)
    margins = frame_margins(window)
    size = window.size().boundedTo(_room(available, margins)).expandedTo(window.minimumSizeHint())
    if size != window.size():
        window.resize(size)
    outer = QSize(size.width() + margins.left() + margins.right(), size.height() + margins.top() + margins.bottom())
    pos = window.pos()  # the frame's top-left corner
    x = max(available.left(), min(pos.x(), available.left() + available.width() - outer.width()))
    y = max(available.top(), min(pos.y(), available.top() + available.height() - outer.height()))
    if (x, y) != (pos.x(), pos.y()):
        window.move(x, y)
