"""Issue 11: a Dutch interface with Qt's own machinery. Under nl_NL every menu item and every
label, button, tab, header, placeholder and tooltip of the main window (the analysis views
included) is Dutch: the same window is walked in English and in Dutch, and a text that is
the same in both is untranslated unless it is data (code names, cities, coders, files) or a
word that is the same in both languages."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QDockWidget, QGroupBox, QLabel,
                               QLineEdit, QMenu, QPlainTextEdit, QTabBar, QTabWidget, QTextEdit, QWidget)

from burgerannotator.gui import i18n
from burgerannotator.gui.main_window import MainWindow

from gui_helpers import show_window
from support import REPO

# the same in Dutch and English (or names)
SAME_IN_BOTH = {"BurgerAnnotator", "Matrix", "Memo", "Memo...", "Excel…", "Document", "Help", "Nederlands",
                "English", "Overlap", "Code", "Consensus", "Later", "Zoom", "Segment", "Codes", "code", "code a", "code b",
                # query syntax examples: code ids, attribute names and operators, as typed
                "MECH-BURGERBERAAD AND NOT TERM-DEMOCRATISCHE-VERNIEUWING, A NEAR/200 B", "rank<=4; period=2022-2026"}


def _texts_of_menu(menu: QMenu, out: list) -> None:
    out.append(("menu", menu.title()))
    for action in menu.actions():
        if action.menu() is not None:
            _texts_of_menu(action.menu(), out)
        elif not action.isSeparator():
            out.append(("action", action.text()))
            out.append(("status tip", action.statusTip()))
            if action.toolTip() != action.text().replace("&", "").replace("...", "").replace("…", ""):
                out.append(("tooltip", action.toolTip()))


def _header_texts(view: QAbstractItemView, out: list) -> None:
    model = view.model()
    from PySide6.QtWidgets import QTableView, QTreeView

    if model is None or not isinstance(view, (QTableView, QTreeView)):
        return
    from PySide6.QtCore import QModelIndex

    for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount(QModelIndex())),):
        for i in range(count):
            out.append(("header", str(model.headerData(i, orientation) or "")))


def window_texts(window) -> list[tuple[str, str]]:
    """Every text a user reads in the main window: menus, panels, views (shown or not)."""
    out: list[tuple[str, str]] = [("title", window.windowTitle())]
    for action in window.menuBar().actions():
        if action.menu() is not None:
            _texts_of_menu(action.menu(), out)
    for w in window.findChildren(QWidget):
        if isinstance(w, QMenu):
            continue  # walked above (context menus are made on demand)
        if isinstance(w, QLabel):
            out.append(("label", w.text()))
        elif isinstance(w, QAbstractButton):
            out.append(("button", w.text()))
        elif isinstance(w, QGroupBox):
            out.append(("group", w.title()))
        elif isinstance(w, QLineEdit):
            out.append(("placeholder", w.placeholderText()))
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            out.append(("placeholder", w.placeholderText()))
        elif isinstance(w, QDockWidget):
            out.append(("panel", w.windowTitle()))
        elif isinstance(w, QTabBar):
            out += [("tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox) and not w.isEditable():
            out += [("choice", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView):
            _header_texts(w, out)
        if w.toolTip():
            out.append(("tooltip", w.toolTip()))
    if isinstance(window.centralWidget(), QTabWidget):
        pass
    return out


def _data_words(project) -> set[str]:
    """Texts from the project itself (the codebook, documents, coders), shown as they are."""
    from burgerannotator.core.codebook import all_codes
    from burgerannotator.core.coders import list_coders
    from burgerannotator.core.documents import list_documents

    words = {"", project.info.name}
    for c in all_codes(project):
        words |= {c.name, c.code_id}
    for d in list_documents(project):
        words |= {d.label, d.file_name, d.title or "", d.author or ""}
        words |= {str(k) for k in (d.attributes or {})} | {str(v) for v in (d.attributes or {}).values()}
    for c in list_coders(project):
        words.add(c.name)
    from burgerannotator.core.codebook import scales

    for scale in scales(project):  # the document scale (DIEPGANG) is codebook data, as the codebook says it
        for attr in ("name", "label", "description", "question"):
            words.add(str(getattr(scale, attr, "") or ""))
        for value in (getattr(scale, "values", None) or []):
            if isinstance(value, dict):
                words.add(f"{value.get('value', '')} {value.get('label', '')}")
                words.add(str(value.get("label", "")))
    return words


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip()


def _is_data(text: str, data: set[str]) -> bool:
    if not re.search(r"[A-Za-z]{2}", text):
        return True  # numbers, keys, symbols
    if text in data or text in SAME_IN_BOTH or text.rstrip(":") in data:
        return True
    # a document's or project's name beside the app's: "Amsterdam — Coalitieakkoord ...", "Demo — BurgerAnnotator"
    parts = [p.strip() for p in text.split(" — ")]
    return len(parts) > 1 and all(p in data or p == "BurgerAnnotator" for p in parts)


@pytest.fixture
def dutch():
    i18n.install("nl")
    yield
    i18n.install("en")


def _walk(qtbot, path, coder="Tester"):
    window = show_window(qtbot, MainWindow(), path, coder)
    window.show_central_view(window.matrix_view)  # the tab bar shows its tabs
    texts = [(kind, _plain(t)) for kind, t in window_texts(window)]
    data = _data_words(window.workspace.project)
    window.close()
    return texts, data


def test_the_main_window_is_dutch_under_nl_NL(qtbot, demo_project_path):
    english, data = _walk(qtbot, demo_project_path)
    english_texts = {t for _k, t in english}
    i18n.install("nl")
    try:
        dutch, _ = _walk(qtbot, demo_project_path)
    finally:
        i18n.install("en")
    assert len(dutch) > 300  # the walk saw the whole window
    untranslated = sorted({f"{kind}: {text}" for kind, text in dutch
                           if text in english_texts and not _is_data(text, data)})
    assert not untranslated, f"{len(untranslated)} untranslated:\n" + "\n".join(untranslated)


def test_the_language_follows_the_system_unless_chosen(monkeypatch):
    from PySide6.QtCore import QLocale

    from burgerannotator.gui import settings

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("nl_NL")))
    assert i18n.preferred_language() == "nl"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert i18n.preferred_language() == "en"
    settings.set_language("nl")  # View > Language > Nederlands, kept on this machine
    assert i18n.preferred_language() == "nl"
    try:
        assert i18n.install() == "nl"
        from PySide6.QtCore import QCoreApplication
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"  # Qt's own qtbase_nl
    finally:
        i18n.install("en")


def test_lupdate_reports_no_unfinished_translation():
    done = subprocess.run([sys.executable, str(REPO / "packaging" / "translations.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "0 unfinished"


def test_the_user_guide_follows_the_language(qtbot, dutch):
    from burgerannotator.gui.help_menu import GuideDialog

    guide = GuideDialog()
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert text.startswith("BurgerAnnotator — handleiding")
    assert "Beeld > Taal" in text and "Al gecodeerd" in text
    i18n.install("en")
    english = GuideDialog()
    qtbot.addWidget(english)
    assert english.browser.toPlainText().startswith("BurgerAnnotator — user guide")
