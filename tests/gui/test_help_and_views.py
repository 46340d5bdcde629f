"""Issue 7 (help, about, icon) and the analysis views wired into the main window."""
from __future__ import annotations

from PySide6.QtWidgets import QDockWidget

from burgerannotator.gui.help_menu import GuideDialog, about_text


def action(window, menu, text):
    return next(a for a in window.menus[menu].actions() if a.text().replace("&", "") == text)


def test_user_guide_opens_from_help_menu(qtbot, open_window):
    window = open_window("Reader")
    action(window, "Help", "BurgerAnnotator user guide").trigger()
    guide = window.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    for topic in ("Code", "Several coders", "Agreement", "matrix"):
        assert topic in text
    guide.close()


def test_about_names_versions_and_licence():
    text = about_text()
    assert "AGPL-3.0-or-later" in text and "PyMuPDF" in text and "SQLite" in text and "Qt" in text


def test_window_has_the_app_icon(open_window):
    window = open_window("Reader")
    assert not window.windowIcon().isNull()


def test_analysis_views_start_hidden_and_open_from_the_menu(qtbot, open_window):
    window = open_window("Analyst")
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    assert not window.matrix_view.isVisible()
    for name in ("dock-summary", "dock-agreement", "dock-disagreements"):
        assert not docks[name].isVisible()
    assert docks["dock-documents"].isVisible() and docks["dock-codebook"].isVisible()
    action(window, "Analysis", "Matrix (city x code)").trigger()
    qtbot.waitUntil(lambda: window.matrix_view.isVisible(), timeout=2000)
    matrix = window.matrix_view
    assert window.tabs.currentWidget() is matrix  # a tab beside the page
    assert matrix.project is window.workspace.project


def test_merge_action_sits_in_the_file_menu_above_close(open_window):
    window = open_window("Analyst")
    texts = [a.text().replace("&", "") for a in window.menus["File"].actions()]
    merge = next(i for i, t in enumerate(texts) if t.startswith("Merge coder project"))
    assert merge < texts.index("Close project")
