"""Editing the codebook from the tree's context menu: add, rename, recolour, pin, move.

Each edit is a core.codebook call made undoable through ``Coding.call``.
"""
from __future__ import annotations

from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMenu

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
        return menu

    @guarded
    def add(self, near, kind: str) -> None:
        parent = None
        if kind == "code" and near is not None:
            parent = near if near.kind == "category" else near.parent
        name, ok = QInputDialog.getText(self.window, "Add " + kind, f"Name of the new {kind}:")
        if ok and name.strip():
            codebook.add_code(self.project, name, parent=parent, kind=kind)

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
