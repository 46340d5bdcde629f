"""How the analysis views (matrix, summary, agreement, disagreements, suggestions) follow
the window: they refresh only while they can be seen, and they keep to blind coding.

``follow_changes`` subscribes a view to the workspace's one ``changed`` signal.
``LazyRefresh`` runs a view's refresh after project changes (debounced); when the view is
installed in the main window (``lazy=True``) and hidden (a closed dock or a tab behind
another), it only notes that it is out of date and refreshes when it is shown, so coding
costs a hidden view nothing. ``follow_blind_mode`` tells a view who codes and whether the
other coders may be seen (``Workspace.show_others``): while blind, views show the current
coder's codings only, or ``BLIND_NOTICE`` instead of comparisons between coders.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel

BLIND_NOTICE = QT_TRANSLATE_NOOP("Follow", "Blind coding is on: switch on View > Show other coders to compare coders")


def own_codings_notice(coder_name: str) -> str:
    return QCoreApplication.translate("Follow", "Blind coding is on: only your codings ({name}) are shown. "
                                      "Switch on View > Show other coders to compare coders.").format(name=coder_name)


def notice_label(parent=None) -> QLabel:
    """The one-line notice a view shows while blind coding is on (hidden until then)."""
    label = QLabel(parent)
    label.setObjectName("blindNotice")
    label.setStyleSheet("QLabel { background: #fff4c2; color: #5a4500; padding: 3px 6px; }")
    label.setWordWrap(True)
    label.hide()
    return label


class LazyRefresh(QObject):
    """Calls ``refresh`` when asked (``schedule``), but for a lazy view only while it is visible."""

    def __init__(self, widget, refresh, delay_ms: int = 150, lazy: bool = False):
        super().__init__(widget)
        self.widget, self._refresh, self.lazy = widget, refresh, lazy
        self.dirty = False
        self.runs = 0                     # refreshes done (benches and tests read it)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._run)
        widget.installEventFilter(self)

    def _hidden(self) -> bool:
        return self.lazy and not self.widget.isVisible()

    def schedule(self, now: bool = False) -> None:
        """The view is out of date: refresh it (after the delay, or ``now``) or, if hidden, when shown."""
        if self._hidden():
            self.dirty = True
            self._timer.stop()
        elif now:
            self._run()
        else:
            self._timer.start()

    def _run(self) -> None:
        if self._hidden():
            self.dirty = True
            return
        self._timer.stop()
        self.dirty = False
        self.runs += 1
        self._refresh()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.widget and event.type() == QEvent.Type.Show and self.dirty:
            self._run()  # up to date as it appears
        return False


def follow_blind_mode(main_window, apply) -> None:
    """Call ``apply(workspace)`` now and whenever the window's workspace, its coder or blind mode changes."""
    def bind(workspace) -> None:
        apply(workspace)
        if workspace is not None:
            workspace.showOthersChanged.connect(lambda _v, s=workspace: apply(s))
            workspace.coderChanged.connect(lambda _c, s=workspace: apply(s))

    main_window.workspaceChanged.connect(bind)
    if getattr(main_window, "workspace", None) is not None:
        bind(main_window.workspace)


def is_blind(workspace) -> bool:
    return workspace is not None and not workspace.show_others


def follow_changes(window, view, kinds: tuple[str, ...], on_change) -> None:
    """The one way a view hears of changes: ``on_change(changes, initiator)`` after each commit of the
    window's open workspace that touches one of ``kinds`` (``Workspace.listen``: a view that
    raises is reported and does not stop the others), whichever project is opened later."""
    def bind(workspace) -> None:
        if workspace is not None:
            workspace.listen(view, kinds, on_change)

    window.workspaceChanged.connect(bind)
    if getattr(window, "workspace", None) is not None:
        bind(window.workspace)


def add_show_action(window, dock, menu: str, text: str, shortcut: str | None = None, focus=None):
    """A menu action that shows and raises ``dock`` (and gives ``focus`` the keyboard)."""
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))

    def show() -> None:
        dock.show()
        dock.raise_()
        if focus is not None:
            focus()

    action.triggered.connect(show)
    window.add_menu_action(menu, action)
    return action


def follow_workspace(window, apply) -> None:
    """Call ``apply(workspace)`` now and whenever the window opens or closes a project."""
    window.workspaceChanged.connect(apply)
    if getattr(window, "workspace", None) is not None:
        apply(window.workspace)


class ComparisonGate:
    """Mixin for views that compare coders (agreement, disagreements): while blind coding is on
    only ``blind_notice`` shows; ``content`` holds everything else."""

    blind = False

    def build_gate(self):
        """Make the notice and the content frame; returns the layout to fill the content with."""
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        self.blind = False
        self.blind_notice = notice_label(self)
        self.blind_notice.setText(QCoreApplication.translate("Follow", BLIND_NOTICE))
        self.content = QWidget(self)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        outer = QVBoxLayout(self)
        outer.addWidget(self.blind_notice)
        outer.addWidget(self.content, 1)
        return inner

    def close_gate(self, blind: bool) -> bool:
        """Show the notice (blind) or the content; True if that changed."""
        if blind == self.blind:
            return False
        self.blind = blind
        self.blind_notice.setVisible(blind)
        self.content.setVisible(not blind)
        return True
