"""Editing the codebook from the tree's context menu: add, rename, recolour, move up and down
and to another category. Each change shows in the tree at once and Ctrl+Z on the window undoes
it. Only the blocking input dialogs are answered for the user (monkeypatched)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog

from burgerannotator.core import codebook
from burgerannotator.gui import codebook_edit
from burgerannotator.gui.models.codebook_model import UUID_ROLE


def _tree(window) -> dict[str, list[str]]:
    """The tree as shown: category name -> its codes' names, in order."""
    model = window.codebook.model
    root = model.invisibleRootItem()
    out = {}
    for r in range(root.rowCount()):
        cat = root.child(r, 0)
        out[cat.text()] = [cat.child(i, 0).text() for i in range(cat.rowCount())]
    return out


def _swatch_colour(window, code_id) -> str:
    item = window.codebook.model.item_for(code_id)
    image = item.icon().pixmap(14, 14).toImage()
    return image.pixelColor(7, 7).name()


def _menu_action(window, code_id, text):
    """Trigger the tree's context-menu entry ``text`` on the code ``code_id``."""
    uuid = codebook.find_code(window.workspace.project, code_id).uuid if code_id else None
    menu = window.codebook_editor.menu(uuid)
    action = next(a for a in menu.actions() if a.text() == text)
    action.trigger()


def _undo(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def window(qtbot, open_window):
    return open_window("Editor")


def test_add_code_shows_in_its_category_and_undo_removes_it(qtbot, window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Wijkraad", True)))
    before = _tree(window)
    _menu_action(window, "MECH-BURGERBERAAD", "Add code...")
    tree = _tree(window)
    assert tree["Mechanismen"] == before["Mechanismen"] + ["Wijkraad"]
    code = codebook.find_code(window.workspace.project, "MECH-WIJKRAAD")
    assert code.parent.code_id == "MECH"
    _undo(qtbot, window)
    assert _tree(window) == before
    assert "MECH-WIJKRAAD" not in {c.code_id for c in codebook.all_codes(window.workspace.project)}
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _tree(window) == tree


def test_rename_and_recolour_show_in_the_tree_and_undo(qtbot, window, monkeypatch):
    project = window.workspace.project
    old_colour = codebook.find_code(project, "MECH-BURGERBERAAD").color
    assert _swatch_colour(window, "MECH-BURGERBERAAD") == old_colour
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Burgerberaad (loting)", True)))
    _menu_action(window, "MECH-BURGERBERAAD", "Rename...")
    assert window.codebook.model.item_for("MECH-BURGERBERAAD").text() == "Burgerberaad (loting)"
    assert codebook.find_code(project, "MECH-BURGERBERAAD").name == "Burgerberaad (loting)"

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor("#123456")))
    _menu_action(window, "MECH-BURGERBERAAD", "Colour...")
    assert _swatch_colour(window, "MECH-BURGERBERAAD") == "#123456"
    assert codebook.find_code(project, "MECH-BURGERBERAAD").color == "#123456"

    _undo(qtbot, window)
    assert _swatch_colour(window, "MECH-BURGERBERAAD") == old_colour
    assert window.codebook.model.item_for("MECH-BURGERBERAAD").text() == "Burgerberaad (loting)"
    _undo(qtbot, window)
    assert window.codebook.model.item_for("MECH-BURGERBERAAD").text() == "Burgerberaad"
    assert codebook.find_code(project, "MECH-BURGERBERAAD").name == "Burgerberaad"


def test_move_up_down_and_to_another_category_then_undo(qtbot, window, monkeypatch):
    project = window.workspace.project
    before = _tree(window)
    mech = before["Mechanismen"]
    name = codebook.find_code(project, "MECH-BURGERBERAAD").name
    i = mech.index(name)

    _menu_action(window, "MECH-BURGERBERAAD", "Move down")
    assert _tree(window)["Mechanismen"].index(name) == i + 1
    _menu_action(window, "MECH-BURGERBERAAD", "Move up")
    _menu_action(window, "MECH-BURGERBERAAD", "Move up")
    assert _tree(window)["Mechanismen"].index(name) == i - 1

    thema = codebook.find_code(project, "THEMA")
    monkeypatch.setattr(codebook_edit, "pick_code", lambda parent, codes, title="": (
        thema.uuid if thema in codes and all(c.kind == "category" for c in codes) else None))
    _menu_action(window, "MECH-BURGERBERAAD", "Move to category...")
    tree = _tree(window)
    assert name not in tree["Mechanismen"] and tree["Motieven en thema's"][-1] == name
    assert codebook.find_code(project, "MECH-BURGERBERAAD").parent.code_id == "THEMA"
    # the moved code keeps working in the tree: it is selectable under its new category
    window.codebook.select_code(codebook.find_code(project, "MECH-BURGERBERAAD").uuid)
    current = window.codebook.tree.currentIndex()
    assert current.parent().data() == "Motieven en thema's"
    assert current.siblingAtColumn(0).data(UUID_ROLE) == codebook.find_code(project, "MECH-BURGERBERAAD").uuid

    _undo(qtbot, window)
    assert _tree(window)["Mechanismen"].index(name) == i - 1
    assert codebook.find_code(project, "MECH-BURGERBERAAD").parent.code_id == "MECH"
    for _ in range(3):
        _undo(qtbot, window)
    assert _tree(window) == before
