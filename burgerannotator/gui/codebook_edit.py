"""Editing the codebook from the tree's context menu: add, rename, recolour, pin, move.

Each edit is a core.codebook call made undoable through ``Coding.call``.
"""
from __future__ import annotations

from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMenu, QMessageBox

from burgerannotator.core import codebook

from .code_picker import pick_code
from .errors import guarded


class CodebookEditor:
    def __init__(self, window):
        self.window = window

    @property
    def project(self):
        return self.window.session.project

    def menu(self, code_uuid: str | None) -> QMenu:
        menu = QMenu(self.window)
        code = codebook.find_code(self.project, code_uuid) if code_uuid else None
        if code is not None and code.kind == "code":
            menu.addAction("Apply to the selection", lambda: self.window.coding_actions.apply_code(code))
            pin = menu.addMenu("Pin to key")
            for key in range(1, 10):
                act = QAction(str(key), pin, checkable=True, checked=code.pinned_key == key)
                act.triggered.connect(lambda _c=False, k=key: self.pin(code, k))
                pin.addAction(act)
            pin.addAction("No key", lambda: self.pin(code, None))
            menu.addSeparator()
        menu.addAction("Add code...", lambda: self.add(code, "code"))
        menu.addAction("Add category...", lambda: self.add(None, "category"))
        if code is not None:
            menu.addAction("Rename...", lambda: self.rename(code))
            menu.addAction("Colour...", lambda: self.recolour(code))
            menu.addAction("Move up", lambda: self.move_by(code, -1))
            menu.addAction("Move down", lambda: self.move_by(code, +1))
            if code.kind == "code":
                menu.addAction("Move to category...", lambda: self.move_to(code))
            menu.addSeparator()
            menu.addAction("Memo...", lambda: self.window.memo_actions.edit("code", code.uuid, code.name))
            if code.kind == "code":
                menu.addAction("Delete code...", lambda: self.delete(code))
        return menu

    @guarded
    def delete(self, code) -> None:
        """Delete a code; if it has segments, ask whether they go too or move to another code."""
        n = len(codebook.live_segment_ids(self.project, code))
        if n == 0:
            if QMessageBox.question(self.window, "Delete code", f"Delete the code {code.name}?") \
                    == QMessageBox.StandardButton.Yes:
                self.delete_now(code, "delete")
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Delete code",
                          f"{code.name} has {n} segment(s) (of all coders). What happens to them?",
                          QMessageBox.StandardButton.Cancel, self.window)
        delete = box.addButton(f"Delete the {n} segment(s)", QMessageBox.ButtonRole.DestructiveRole)
        move = box.addButton("Move them to another code...", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is delete:
            self.delete_now(code, "delete")
        elif box.clickedButton() is move:
            others = [c for c in codebook.leaf_codes(self.project) if c.id != code.id]
            uuid = pick_code(self.window, others, f"Move the segments of {code.name} to")
            if uuid:
                self.delete_now(code, "move", codebook.find_code(self.project, uuid))

    def delete_now(self, code, how: str, move_to=None) -> None:
        """Delete (how='delete': its segments too; 'move': they go to ``move_to``), undoably."""
        project = self.project
        ids = codebook.live_segment_ids(project, code)
        self.window.coding.call(f"Delete {code.code_id}",
                                lambda: codebook.delete_code(project, code, how, move_to),
                                lambda: codebook.restore_code(project, code, ids))

    @guarded
    def add(self, near, kind: str) -> None:
        parent = None
        if kind == "code" and near is not None:
            parent = near if near.kind == "category" else near.parent
        name, ok = QInputDialog.getText(self.window, "Add " + kind, f"Name of the new {kind}:")
        if ok and name.strip():
            project, added = self.project, []

            def redo():  # the first time adds it; a redo after an undo brings the same code back
                if added:
                    codebook.restore_code(project, added[0])
                else:
                    added.append(codebook.add_code(project, name, parent=parent, kind=kind))
            self.window.coding.call(f"Add {kind} {name.strip()}", redo,
                                    lambda: codebook.delete_code(project, added[0], "delete"))

    @guarded
    def rename(self, code) -> None:
        name, ok = QInputDialog.getText(self.window, "Rename", "New name:", text=code.name)
        if ok and name.strip() and name.strip() != code.name:
            self.update(code, "Rename code", name=name.strip())

    @guarded
    def recolour(self, code) -> None:
        colour = QColorDialog.getColor(QColor(code.color), self.window, f"Colour of {code.name}")
        if colour.isValid():
            self.update(code, "Recolour code", color=colour.name())

    def update(self, code, text: str, **fields) -> None:
        old = {k: getattr(code, k) for k in fields}
        self.window.coding.call(text, lambda: codebook.update_code(self.project, code, **fields),
                                lambda: codebook.update_code(self.project, code, **old))

    @guarded
    def pin(self, code, key: int | None) -> None:
        project = self.project
        before = {c.uuid: c.pinned_key for c in codebook.leaf_codes(project) if c.pinned_key or c is code}

        def restore():
            with project.transaction():
                for c in codebook.leaf_codes(project):
                    if c.pinned_key and c.uuid not in before:
                        codebook.update_code(project, c, pinned_key=None)
                for uuid, k in before.items():
                    codebook.update_code(project, codebook.find_code(project, uuid), pinned_key=k)
        self.window.coding.call(f"Pin {code.code_id}", lambda: codebook.update_code(project, code, pinned_key=key),
                                restore)

    @guarded
    def move_by(self, code, step: int) -> None:
        siblings = [c for c in codebook.all_codes(self.project) if c.parent_id == code.parent_id]
        pos = siblings.index(code)
        if 0 <= pos + step < len(siblings):
            self._move(code, code.parent, pos + step, pos)

    @guarded
    def move_to(self, code) -> None:
        categories = [c for c in codebook.all_codes(self.project) if c.kind == "category"]
        uuid = pick_code(self.window, categories, "Move to category")
        if uuid:
            siblings = [c for c in codebook.all_codes(self.project) if c.parent_id == code.parent_id]
            self._move(code, codebook.find_code(self.project, uuid), None, siblings.index(code))

    def _move(self, code, parent, position, old_position) -> None:
        old_parent, project = code.parent, self.project
        self.window.coding.call(f"Move {code.code_id}", lambda: codebook.move_code(project, code, parent, position),
                                lambda: codebook.move_code(project, code, old_parent, old_position))
