"""Editing the codebook from the tree's context menu: add, rename, recolour, pin, move.

Each edit is an operation (``core.ops.codebook``) run by the workspace: committed at once,
undone by Ctrl+Z.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMenu, QMessageBox

from burgerannotator.core import codebook, ops

from .code_picker import pick_code
from .errors import guarded


class CodebookEditor:
    def __init__(self, window):
        self.window = window

    @property
    def project(self):
        return self.window.workspace.project

    def menu(self, code_uuid: str | None) -> QMenu:
        menu = QMenu(self.window)
        code = codebook.find_code(self.project, code_uuid) if code_uuid else None
        if code is not None and code.kind == "code":
            menu.addAction(QCoreApplication.translate("CodebookEditor", "Apply to the selection"), lambda: self.window.coding_actions.apply_code(code))
            pin = menu.addMenu(QCoreApplication.translate("CodebookEditor", "Pin to key"))
            for key in range(1, 10):
                act = QAction(str(key), pin, checkable=True, checked=code.pinned_key == key)
                act.triggered.connect(lambda _c=False, k=key: self.pin(code, k))
                pin.addAction(act)
            pin.addAction(QCoreApplication.translate("CodebookEditor", "No key"), lambda: self.pin(code, None))
            menu.addSeparator()
        menu.addAction(QCoreApplication.translate("CodebookEditor", "Add code..."), lambda: self.add(code, "code"))
        menu.addAction(QCoreApplication.translate("CodebookEditor", "Add category..."), lambda: self.add(None, "category"))
        if code is not None:
            menu.addAction(QCoreApplication.translate("CodebookEditor", "Rename..."), lambda: self.rename(code))
            menu.addAction(QCoreApplication.translate("CodebookEditor", "Colour..."), lambda: self.recolour(code))
            menu.addAction(QCoreApplication.translate("CodebookEditor", "Move up"), lambda: self.move_by(code, -1))
            menu.addAction(QCoreApplication.translate("CodebookEditor", "Move down"), lambda: self.move_by(code, +1))
            if code.kind == "code":
                menu.addAction(QCoreApplication.translate("CodebookEditor", "Move to category..."), lambda: self.move_to(code))
            menu.addSeparator()
            menu.addAction(QCoreApplication.translate("CodebookEditor", "Memo..."), lambda: self.window.memo_actions.edit("code", code.uuid, code.name))
            if code.kind == "code":
                menu.addAction(QCoreApplication.translate("CodebookEditor", "Delete code..."), lambda: self.delete(code))
        return menu

    @guarded
    def delete(self, code) -> None:
        """Delete a code; if it has segments, ask whether they go too or move to another code."""
        n = codebook.segment_count(self.project, code)
        if n == 0:
            if QMessageBox.question(self.window, QCoreApplication.translate("CodebookEditor", "Delete code"), QCoreApplication.translate("CodebookEditor", "Delete the code {name}?").format(name=code.name)) \
                    == QMessageBox.StandardButton.Yes:
                self.delete_now(code, "delete")
            return
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("CodebookEditor", "Delete code"),
                          QCoreApplication.translate("CodebookEditor", "{name} has {n} segment(s) (of all coders). What happens to them?").format(name=code.name, n=n),
                          QMessageBox.StandardButton.Cancel, self.window)
        delete = box.addButton(QCoreApplication.translate("CodebookEditor", "Delete the {n} segment(s)").format(n=n), QMessageBox.ButtonRole.DestructiveRole)
        move = box.addButton(QCoreApplication.translate("CodebookEditor", "Move them to another code..."), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is delete:
            self.delete_now(code, "delete")
        elif box.clickedButton() is move:
            others = [c for c in codebook.leaf_codes(self.project) if c.id != code.id]
            uuid = pick_code(self.window, others, QCoreApplication.translate("CodebookEditor", "Move the segments of {name} to").format(name=code.name))
            if uuid:
                self.delete_now(code, "move", codebook.find_code(self.project, uuid))

    def delete_now(self, code, how: str, move_to=None) -> None:
        """Delete (how='delete': its segments too; 'move': they go to ``move_to``), undoably."""
        self._do(ops.DeleteCode(code.uuid, how, move_to.uuid if move_to is not None else None))

    def _do(self, op) -> None:
        self.window.workspace.do(op, self)

    @guarded
    def add(self, near, kind: str) -> None:
        parent = None
        if kind == "code" and near is not None:
            parent = near if near.kind == "category" else near.parent
        name, ok = QInputDialog.getText(self.window, "Add " + kind, QCoreApplication.translate("CodebookEditor", "Name of the new {kind}:").format(kind=kind))
        if ok and name.strip():
            self._do(ops.AddCode(name, parent.uuid if parent is not None else None, kind=kind))

    @guarded
    def rename(self, code) -> None:
        name, ok = QInputDialog.getText(self.window, QCoreApplication.translate("CodebookEditor", "Rename"), QCoreApplication.translate("CodebookEditor", "New name:"), text=code.name)
        if ok and name.strip() and name.strip() != code.name:
            self.update(code, name=name.strip())

    @guarded
    def recolour(self, code) -> None:
        colour = QColorDialog.getColor(QColor(code.color), self.window, QCoreApplication.translate("CodebookEditor", "Colour of {name}").format(name=code.name))
        if colour.isValid():
            self.update(code, color=colour.name())

    def update(self, code, **fields) -> None:
        self._do(ops.UpdateCode(code.uuid, fields))

    @guarded
    def pin(self, code, key: int | None) -> None:
        self._do(ops.PinCode(code.uuid, key))

    @guarded
    def move_by(self, code, step: int) -> None:
        siblings = [c for c in codebook.all_codes(self.project) if c.parent_id == code.parent_id]
        pos = siblings.index(code)
        if 0 <= pos + step < len(siblings):
            self._do(ops.MoveCode(code.uuid, code.parent.uuid if code.parent else None, pos + step))

    @guarded
    def move_to(self, code) -> None:
        categories = [c for c in codebook.all_codes(self.project) if c.kind == "category"]
        uuid = pick_code(self.window, categories, QCoreApplication.translate("CodebookEditor", "Move to category"))
        if uuid:
            self._do(ops.MoveCode(code.uuid, uuid, None))
