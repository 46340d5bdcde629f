"""What the window says about the open project file itself, and the backup made beside it.

- Read-only (the folder or file cannot be written; issue 16): the project opens for reading, a
  note in the status bar says so, and every action that writes is disabled with a tooltip
  saying why (actions marked ``writes``, the codebook's Apply button, memo editing, and the
  decision and suggestion buttons of the views in docks that offer ``set_read_only``).
- Repaired at open (``core.integrity``, a ``repair`` entry in the project log): a note says how
  many values were repaired (read-only: shown repaired, the file unchanged).
- The backup (issue 17): ``Project.open(make_backup=False)`` and a ``core.background_backup``
  started once the first page is on screen; its end comes back as a queued signal. A backup
  that cannot be made is said in the note; closing stops it first (``stop_backup``).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QLabel

from burgerannotator.core.background_backup import BackgroundBackup

BACKUP_FALLBACK_MS = 3000  # a project with no page to show starts its backup after this


class ProjectNotice(QObject):
    backupEnded = Signal(object)  # BackgroundBackup, from its thread (queued to the window's)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.label = QLabel("")
        self.label.setObjectName("projectNotice")
        self.label.setStyleSheet("QLabel { background: #fff3c4; color: #5a4500; padding: 0 6px; }")
        self.label.hide()
        self.lines: list[str] = []
        self.backup: BackgroundBackup | None = None
        self.backupEnded.connect(self._backup_ended)
        self._pending_path = None
        self._after_first_page: list = []  # work an opening does once its first page is on screen
        self._fallback = QTimer(self, singleShot=True, interval=BACKUP_FALLBACK_MS)
        self._fallback.timeout.connect(self._first_page_shown)
        window.pane.view.firstPagePainted.connect(self._first_page_shown)

    # ---- opening and closing ------------------------------------------------------------------
    def project_opened(self, project) -> None:
        self.lines = []
        if project.readonly:
            self.lines.append(self.read_only_line(project))
        if project.repaired:
            self.lines.append(self.tr("{n} unreadable value(s) shown repaired; the file is unchanged.").format(
                n=project.repaired) if project.readonly else
                self.tr("{n} unreadable value(s) repaired on opening; see the project log.").format(n=project.repaired))
        self._show()
        self.set_read_only(project.readonly)
        if not project.readonly and not project.backed_up:
            self._pending_path = project.path  # once the first page is on screen
        self._fallback.start()

    def after_first_page(self, fn) -> None:
        """Run ``fn`` once the opened project's first page is on screen (or, with none to show, soon)."""
        self._after_first_page.append(fn)
        self._fallback.start()

    def _first_page_shown(self) -> None:
        self._fallback.stop()
        QTimer.singleShot(0, self._run_after_first_page)  # the page's own signal goes out first

    def _run_after_first_page(self) -> None:
        work, self._after_first_page = self._after_first_page, []
        for fn in work:
            fn()
        self._start_backup()

    def project_closing(self) -> None:
        self._pending_path = None
        self._after_first_page = []
        self._fallback.stop()
        self.stop_backup()
        self.lines = []
        self._show()
        self.set_read_only(False)

    def read_only_line(self, project) -> str:
        if project.folder_readonly:
            return self.tr("Read-only: {name} is in a folder that cannot be written; nothing can be changed. "
                           "Copy it to a folder you can write to.").format(name=project.path.name)
        return self.tr("Read-only: {name} is open for reading; nothing can be changed.").format(name=project.path.name)

    def _show(self) -> None:
        text = "  ·  ".join(self.lines)
        self.label.setText(text)
        self.label.setToolTip(text)
        self.label.setVisible(bool(text))

    # ---- read-only ----------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        why = self.read_only_line(self.window.workspace.project) if read_only and self.window.workspace else ""
        for action in self.window.findChildren(QAction):
            if action.property("writes"):
                action.setEnabled(not read_only)
                action.setToolTip(why)  # "": Qt's own (the action's text, as it is named now)
        self.window.codebook.set_read_only(why)
        details = self.window.details
        for widget in (self.window.switch_button, details.attributes_button, details.memo_button,
                       *details.combos.values()):
            if widget.property("toolTipWhenWritable") is None:
                widget.setProperty("toolTipWhenWritable", widget.toolTip())
            widget.setEnabled(not read_only)
            widget.setToolTip(why or widget.property("toolTipWhenWritable"))  # widgets keep their own tips
        table = self.window.segments
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                              QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        for menu in self.window.menus.values():
            menu.setToolTipsVisible(True)  # a disabled action says why when hovered
        for dock in self.window.findChildren(QDockWidget):  # the views that decide or suggest
            view = dock.widget()
            if view is not self.window.codebook and hasattr(view, "set_read_only"):
                view.set_read_only(why)

    # ---- the backup beside the window ----------------------------------------------------------
    def _start_backup(self) -> None:
        path, self._pending_path = self._pending_path, None
        if path is None or self.window.workspace is None:
            return
        self.backup = BackgroundBackup(path, on_done=self.backupEnded.emit).start()

    def stop_backup(self) -> None:
        """Stop a backup still running (the project is closing) and wait for its thread."""
        task, self.backup = self.backup, None
        if task is not None:
            task.cancel()
            task.wait()

    def _backup_ended(self, task: BackgroundBackup) -> None:
        if task is not self.backup:
            return  # stopped by a close, or of a project closed since
        if task.error:
            self.lines.append(self.tr("No backup made: {reason}").format(reason=task.error))
            self._show()
        elif task.made is not None and not task.reused:  # (reused: the file is as its newest backup)
            self.window.statusBar().showMessage(self.tr("Backup made: {name}").format(name=task.made.name), 4000)
