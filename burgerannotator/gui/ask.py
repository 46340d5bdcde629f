"""A question with named answers (buttons that say what they do, not Yes/No)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


def choose(parent, title: str, text: str, answers: list[str], name: str = "question") -> int | None:
    """Ask; returns the index of the answer clicked, or None for Cancel/Escape. The box's
    object name is ``name`` (tests find it by that)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName(name)
    box.button(QMessageBox.StandardButton.Cancel).setText(QCoreApplication.translate("Ask", "Cancel"))
    buttons = [box.addButton(a, QMessageBox.ButtonRole.AcceptRole if i == 0 else QMessageBox.ButtonRole.ActionRole)
               for i, a in enumerate(answers)]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return buttons.index(clicked) if clicked in buttons else None
