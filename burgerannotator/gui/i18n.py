"""The interface language: Dutch or English, with Qt's own machinery.

Strings in the widgets are marked with ``self.tr(...)`` (QObject subclasses) or
``QCoreApplication.translate("Context", ...)``; ``pyside6-lupdate`` collects them into
``resources/i18n/burgerannotator_nl.ts``, translated there and compiled by
``pyside6-lrelease`` into the ``.qm`` file loaded here (``packaging/translations.py`` does
both). Qt's own ``qtbase_nl.qm`` translates the standard dialogs (file dialogs, buttons).

The language is Dutch when the system locale is Dutch and English otherwise, unless the
user chose one under View > Language (kept per machine in the settings file).
Code names, definitions and document texts come from the codebook and the PDFs, as they are.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QProcess, QTranslator

from burgerannotator.core.resources import resource_path

from . import settings

LANGUAGES = {"en": "English", "nl": "Nederlands"}  # each in its own language, as a menu shows them
LOCALES = {"en": "en_GB", "nl": "nl_NL"}
_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    return "nl" if QLocale.system().language() == QLocale.Language.Dutch else "en"


def preferred_language() -> str:
    """The user's choice (View > Language), else the system's language."""
    chosen = settings.language()
    return chosen if chosen in LANGUAGES else system_language()


def current_language() -> str:
    return _current


def qm_file(lang: str):
    return resource_path("i18n", f"burgerannotator_{lang}.qm")


def install(lang: str | None = None) -> str:
    """Load the translations for ``lang`` (default: the preferred language) into the running
    application, replacing earlier ones; returns the language in use. Widgets made after
    this call speak it."""
    global _current
    app = QCoreApplication.instance()
    lang = lang if lang in LANGUAGES else preferred_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "en":
        ours = QTranslator(app)
        if ours.load(str(qm_file(lang))):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(LOCALES[lang]))
    _current = lang
    return lang


def restart() -> bool:
    """Start a new BurgerAnnotator (the language is read at start) ; the caller closes this one."""
    if getattr(sys, "frozen", False):
        return QProcess.startDetached(sys.executable, sys.argv[1:])
    return QProcess.startDetached(sys.executable, ["-m", "burgerannotator"] + sys.argv[1:])
