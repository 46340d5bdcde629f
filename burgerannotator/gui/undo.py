"""Undo and Redo in the Edit menu: a thin front end over the core history
(``core.history.History``, kept by the open ``Workspace``).

Every write (coding, codebook edits, memos, attributes, scale values, consensus decisions,
suggestion decisions) is an operation the workspace runs through that history, so Ctrl+Z
undoes any of them, in order. Import, merge and a coder switch empty it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from .errors import guarded


class UndoActions:
    def __init__(self, window):
        self.window = window
        self.undo = QAction(QCoreApplication.translate("UndoActions", "&Undo"), window, shortcut=QKeySequence("Ctrl+Z"))
        self.redo = QAction(QCoreApplication.translate("UndoActions", "&Redo"), window, shortcut=QKeySequence("Ctrl+Shift+Z"))
        self.undo.triggered.connect(self.undo_last)
        self.redo.triggered.connect(self.redo_last)
        self.update()

    def follow(self, workspace) -> None:
        if workspace is not None:
            workspace.historyChanged.connect(self.update)
        self.update()

    def update(self) -> None:
        ws = self.window.workspace
        can_undo = ws is not None and ws.history.can_undo()
        can_redo = ws is not None and ws.history.can_redo()
        self.undo.setEnabled(can_undo)
        self.redo.setEnabled(can_redo)
        undo, redo = QCoreApplication.translate("UndoActions", "&Undo"), QCoreApplication.translate("UndoActions", "&Redo")
        self.undo.setText(f"{undo} {ws.history.undo_text()}" if can_undo else undo)
        self.redo.setText(f"{redo} {ws.history.redo_text()}" if can_redo else redo)

    @guarded
    def undo_last(self) -> None:
        if self.window.workspace is not None:
            self.window.workspace.undo()

    @guarded
    def redo_last(self) -> None:
        if self.window.workspace is not None:
            self.window.workspace.redo()
