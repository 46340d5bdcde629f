"""Help: the bundled user guide (Markdown in a text view) and the About box."""
from __future__ import annotations

import sqlite3

import pymupdf
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion, QCoreApplication
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout

from burgerannotator import __version__
from burgerannotator.core.resources import resource_path

GUIDE = ("help", "user-guide.md")
GUIDES = {"nl": ("help", "user-guide.nl.md")}  # the guide in the interface's language, else English
ICON = ("icons", "burgerannotator.png")


def app_icon() -> QIcon:
    return QIcon(str(resource_path(*ICON)))


class GuideDialog(QDialog):
    """The user guide, rendered from the Markdown file shipped in resources/help."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("BurgerAnnotator — user guide"))
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenExternalLinks(True)
        from . import i18n

        try:
            text = resource_path(*GUIDES.get(i18n.current_language(), GUIDE)).read_text(encoding="utf-8")
        except OSError as exc:
            text = self.tr("The user guide could not be read ({reason}).").format(reason=exc.strerror)
        self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.browser)
        box.addWidget(buttons)
        self.resize(760, 640)


def about_text() -> str:
    return (f"<h3>BurgerAnnotator {__version__}</h3>"
            "<p>Code Dutch municipal coalition agreements for citizen participation: several coders, "
            "agreement statistics, the comparative matrix.</p>"
            "<p>Licence: GNU Affero General Public License, version 3 or later (AGPL-3.0-or-later), "
            "because BurgerAnnotator uses PyMuPDF.</p>"
            f"<p>Qt {qVersion()} (PySide6 {pyside_version}) · PyMuPDF {pymupdf.VersionBind} "
            f"(MuPDF {pymupdf.VersionFitz}) · SQLite {sqlite3.sqlite_version}</p>")


def show_about(parent) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("HelpMenu", "About BurgerAnnotator"), about_text())


def install(window) -> None:
    window.setWindowIcon(app_icon())
    guide = QAction(QCoreApplication.translate("HelpMenu", "BurgerAnnotator &user guide"), window)
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    guide.triggered.connect(lambda: _show_guide(window))
    demo = QAction(QCoreApplication.translate("HelpMenu", "Open the &demo project"), window)
    demo.triggered.connect(lambda: window.project_actions.open_demo())
    about = QAction(QCoreApplication.translate("HelpMenu", "&About BurgerAnnotator"), window)
    about.triggered.connect(lambda: show_about(window))
    for action in (guide, demo, about):
        window.add_menu_action("&Help", action)


def _show_guide(window) -> None:
    dialog = getattr(window, "_guide", None) or GuideDialog(window)
    window._guide = dialog
    dialog.show()
    dialog.raise_()
