"""The window's menus and shortcuts (every command is reachable from the keyboard)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from . import settings


def _act(window, menu, text, slot, shortcut=None, checkable=False, tip=""):
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(w) -> None:
    bar = w.menuBar()
    m = w.menus
    p, c, pane = w.project_actions, w.coding_actions, w.pane

    m["File"] = f = bar.addMenu("&File")
    _act(w, f, "&New project...", p.new_project, QKeySequence.StandardKey.New)
    _act(w, f, "&Open project...", p.open_dialog, QKeySequence.StandardKey.Open)
    w.recent_menu = f.addMenu("Open &recent")
    w.recent_menu.aboutToShow.connect(lambda: _fill_recent(w))
    _act(w, f, "Open the &demo project", p.open_demo)
    f.addSeparator()
    _act(w, f, "&Import PDFs...", p.import_dialog, "Ctrl+I", tip="Import PDFs (or drop them on the window)")
    m["File/Export"] = f.addMenu("&Export")
    w.file_insert_point = f.addSeparator()  # views add File actions (merge, ...) above this line
    _act(w, f, "&Close project", w.close_project, "Ctrl+W")
    _act(w, f, "&Quit", w.close, QKeySequence.StandardKey.Quit)

    m["Edit"] = e = bar.addMenu("&Edit")
    undo = w.undo_stack.createUndoAction(w, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = w.undo_stack.createRedoAction(w, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    e.addAction(undo)
    e.addAction(redo)
    w.undo_action, w.redo_action = undo, redo
    e.addSeparator()
    _act(w, e, "&Find in document...", lambda: pane.find_bar.open_bar(), QKeySequence.StandardKey.Find)
    _act(w, e, "Recode selected segment...", c.recode_selected, "Ctrl+R")
    _act(w, e, "Edit &memo of selected segment...", c.edit_memo_selected, "Ctrl+M")
    _act(w, e, "&Delete selected segment", lambda: c.delete_selected(), QKeySequence.StandardKey.Delete)

    m["View"] = v = bar.addMenu("&View")
    _act(w, v, "Fit &width", pane.view.fit_width, "Ctrl+0")
    _act(w, v, "Fit &page", pane.view.fit_page, "Ctrl+9")
    _act(w, v, "Zoom &in", lambda: pane.view.zoom_by(1.2), QKeySequence.StandardKey.ZoomIn)
    _act(w, v, "Zoom &out", lambda: pane.view.zoom_by(1 / 1.2), QKeySequence.StandardKey.ZoomOut)
    _act(w, v, "&Go to page...", lambda: (pane.page_edit.setFocus(), pane.page_edit.selectAll()), "Ctrl+G")
    v.addSeparator()
    w.show_others_action = _act(w, v, "Show &other coders' segments", w.set_show_others, "Ctrl+Shift+O",
                                checkable=True, tip="Off: blind coding, you see only your own segments")
    w.show_others_action.setChecked(settings.show_others())
    v.addSeparator()
    _act(w, v, "Focus &documents", lambda: _focus(w.documents.table), "Alt+1")
    _act(w, v, "Focus the &page", lambda: pane.view.setFocus(), "Alt+2")
    _act(w, v, "Focus the &codebook", lambda: _focus(w.codebook.tree), "Alt+3")
    _act(w, v, "Focus the &segments", lambda: _focus(w.segments), "Alt+4")
    w.docks_menu = v.addMenu("Panels")
    _language_menu(w, v)

    m["Code"] = k = bar.addMenu("&Code")
    _act(w, k, "Code the selection &with... (searchable)", c.code_selection_with, "Ctrl+K")
    for key in range(1, 10):
        _act(w, k, f"Apply pinned code {key}", lambda _c=False, n=key: c.apply_pinned(n), str(key))
    k.addSeparator()
    _act(w, k, "Add code...", lambda: w.codebook_editor.add(None, "code") if w.session else None)
    _act(w, k, "Document &attributes...", w.details.edit_attributes)
    _act(w, k, "Document &memo...", lambda: w.memo_actions.edit_document_memo())

    m["Coder"] = cm = bar.addMenu("C&oder")
    _act(w, cm, "&Switch coder...", w.switch_coder)

    m["Analysis"] = bar.addMenu("&Analysis")


def _language_menu(w, view_menu) -> None:
    """View > Language: as the system, English or Nederlands; kept per machine, used at the next start."""
    from PySide6.QtGui import QActionGroup

    from . import i18n

    menu = view_menu.addMenu(QCoreApplication.translate("Menus", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    chosen = settings.language()
    system = i18n.LANGUAGES[i18n.system_language()]
    choices = [("", QCoreApplication.translate("Menus", "As the system ({language})").format(language=system))]
    choices += list(i18n.LANGUAGES.items())
    for lang, text in choices:
        action = QAction(text, menu, checkable=True, checked=(lang == chosen) or (not lang and chosen not in i18n.LANGUAGES))
        action.setData(lang)
        group.addAction(action)
        menu.addAction(action)
        action.triggered.connect(lambda _c=False, lang=lang: _choose_language(w, lang))


def _choose_language(w, lang: str) -> None:
    from . import i18n
    from .ask import choose

    settings.set_language(lang)
    new = lang or i18n.system_language()
    if new == i18n.current_language():
        return
    answer = choose(w, QCoreApplication.translate("Menus", "Language"),
                    QCoreApplication.translate("Menus", "BurgerAnnotator speaks {language} from its next start.").format(
                        language=i18n.LANGUAGES[new]),
                    [QCoreApplication.translate("Menus", "Restart now"), QCoreApplication.translate("Menus", "Later")], "language-question")
    if answer == 0 and i18n.restart():
        w.close()


def _focus(widget) -> None:
    """Focus a panel's widget, showing its panel first if the user had closed it."""
    dock = widget.parent()
    while dock is not None and not isinstance(dock, QDockWidget):
        dock = dock.parent()
    if dock is not None and not dock.isVisible():
        dock.show()
        dock.raise_()
    widget.setFocus()


def _fill_recent(w) -> None:
    w.recent_menu.clear()
    for path in settings.recent_projects():
        w.recent_menu.addAction(path, lambda p=path: w.project_actions.open_recent(p))
    if w.recent_menu.isEmpty():
        w.recent_menu.addAction("(none yet)").setEnabled(False)
