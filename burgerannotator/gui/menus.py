"""The window's menus and shortcuts (every command is reachable from the keyboard)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from . import settings


def _act(window, menu, text, slot, shortcut=None, checkable=False, tip="", writes=False):
    action = QAction(text, window)
    action.setProperty("writes", writes)  # disabled in a read-only project (gui/project_notice.py)
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

    m["File"] = f = bar.addMenu(QCoreApplication.translate("Menus", "&File"))
    _act(w, f, QCoreApplication.translate("Menus", "&New project..."), p.new_project, QKeySequence.StandardKey.New)
    _act(w, f, QCoreApplication.translate("Menus", "&Open project..."), p.open_dialog, QKeySequence.StandardKey.Open)
    w.recent_menu = f.addMenu(QCoreApplication.translate("Menus", "Open &recent"))
    w.recent_menu.aboutToShow.connect(lambda: _fill_recent(w))
    _act(w, f, QCoreApplication.translate("Menus", "Open the &demo project"), p.open_demo)
    f.addSeparator()
    _act(w, f, QCoreApplication.translate("Menus", "&Import PDFs..."), p.import_dialog, "Ctrl+I", tip=QCoreApplication.translate("Menus", "Import PDFs (or drop them on the window)"), writes=True)
    m["File/Export"] = f.addMenu(QCoreApplication.translate("Menus", "&Export"))
    w.file_insert_point = f.addSeparator()  # views add File actions (merge, ...) above this line
    _act(w, f, QCoreApplication.translate("Menus", "&Close project"), w.close_project, "Ctrl+W")
    _act(w, f, QCoreApplication.translate("Menus", "&Quit"), w.close, QKeySequence.StandardKey.Quit)

    m["Edit"] = e = bar.addMenu(QCoreApplication.translate("Menus", "&Edit"))
    undo, redo = w.undo_actions.undo, w.undo_actions.redo  # a front end over the core history
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    e.addAction(undo)
    e.addAction(redo)
    w.undo_action, w.redo_action = undo, redo
    e.addSeparator()
    _act(w, e, QCoreApplication.translate("Menus", "&Find in document..."), lambda: pane.find_bar.open_bar(), QKeySequence.StandardKey.Find)
    _act(w, e, QCoreApplication.translate("Menus", "Recode selected segment..."), c.recode_selected, "Ctrl+R", writes=True)
    _act(w, e, QCoreApplication.translate("Menus", "Edit &memo of selected segment..."), c.edit_memo_selected, "Ctrl+M", writes=True)
    _act(w, e, QCoreApplication.translate("Menus", "&Delete selected segment"), lambda: c.delete_selected(), QKeySequence.StandardKey.Delete, writes=True)

    m["View"] = v = bar.addMenu(QCoreApplication.translate("Menus", "&View"))
    _act(w, v, QCoreApplication.translate("Menus", "Fit &width"), pane.view.fit_width, "Ctrl+0")
    _act(w, v, QCoreApplication.translate("Menus", "Fit &page"), pane.view.fit_page, "Ctrl+9")
    _act(w, v, QCoreApplication.translate("Menus", "Zoom &in"), lambda: pane.view.zoom_by(1.2), QKeySequence.StandardKey.ZoomIn)
    _act(w, v, QCoreApplication.translate("Menus", "Zoom &out"), lambda: pane.view.zoom_by(1 / 1.2), QKeySequence.StandardKey.ZoomOut)
    _act(w, v, QCoreApplication.translate("Menus", "&Go to page..."), lambda: (pane.page_edit.setFocus(), pane.page_edit.selectAll()), "Ctrl+G")
    v.addSeparator()
    w.show_others_action = _act(w, v, QCoreApplication.translate("Menus", "Show &other coders' segments"), w.set_show_others, "Ctrl+Shift+O",
                                checkable=True, tip=QCoreApplication.translate("Menus", "Off: blind coding, you see only your own segments"))
    w.show_others_action.setChecked(settings.show_others())
    v.addSeparator()
    _act(w, v, QCoreApplication.translate("Menus", "Focus &documents"), lambda: _focus(w.documents.table), "Alt+1")
    _act(w, v, QCoreApplication.translate("Menus", "Focus the &page"), lambda: pane.view.setFocus(), "Alt+2")
    _act(w, v, QCoreApplication.translate("Menus", "Focus the &codebook"), lambda: _focus(w.codebook.tree), "Alt+3")
    _act(w, v, QCoreApplication.translate("Menus", "Focus the &segments"), lambda: _focus(w.segments), "Alt+4")
    w.docks_menu = v.addMenu(QCoreApplication.translate("Menus", "Panels"))
    _language_menu(w, v)

    m["Code"] = k = bar.addMenu(QCoreApplication.translate("Menus", "&Code"))
    _act(w, k, QCoreApplication.translate("Menus", "Code the selection &with... (searchable)"), c.code_selection_with, "Ctrl+K", writes=True)
    w.area_tool_action = _act(w, k, QCoreApplication.translate("Menus", "&Area tool: draw a rectangle to code"),
                              pane.view.set_area_tool, "Ctrl+Shift+A", checkable=True, writes=True,
                              tip=QCoreApplication.translate("Menus", "Or Ctrl+drag on a page: code a figure, "
                                                                      "table or scan as an area"))
    _act(w, k, QCoreApplication.translate("Menus", "&Recognise text of this document (OCR)"),
         lambda: w.ocr_actions.recognise_current(), writes=True)
    k.addSeparator()
    _act(w, k, QCoreApplication.translate("Menus", "&Next segment"), lambda: c.step_segment(1), "F8")
    _act(w, k, QCoreApplication.translate("Menus", "&Previous segment"), lambda: c.step_segment(-1), "Shift+F8")
    k.addSeparator()
    w.pinned_actions = [_act(w, k, QCoreApplication.translate("Menus", "Apply pinned code {key}").format(key=key), lambda _c=False, n=key: c.apply_pinned(n), str(key), writes=True)
                        for key in range(1, 10)]
    k.aboutToShow.connect(lambda: _name_pinned(w))
    k.addSeparator()
    _act(w, k, QCoreApplication.translate("Menus", "Add code..."), lambda: w.codebook_editor.add(None, "code") if w.workspace else None, writes=True)
    _act(w, k, QCoreApplication.translate("Menus", "Document &attributes..."), w.details.edit_attributes, writes=True)
    _act(w, k, QCoreApplication.translate("Menus", "Document &memo..."), lambda: w.memo_actions.edit_document_memo(), writes=True)

    m["Coder"] = cm = bar.addMenu(QCoreApplication.translate("Menus", "C&oder"))
    _act(w, cm, QCoreApplication.translate("Menus", "&Switch coder..."), w.switch_coder, writes=True)

    m["Analysis"] = bar.addMenu(QCoreApplication.translate("Menus", "&Analysis"))


def _name_pinned(w) -> None:
    """Code > keys 1-9 say which code each key applies."""
    pinned = w.workspace.pinned_codes() if w.workspace is not None else {}
    for key, action in enumerate(w.pinned_actions, start=1):
        code = pinned.get(key)
        action.setText(QCoreApplication.translate("Menus", "Apply {name}").format(name=code.name) if code
                       else QCoreApplication.translate("Menus", "Apply pinned code {key} (none pinned)").format(key=key))


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
        w.recent_menu.addAction(QCoreApplication.translate("Menus", "(none yet)")).setEnabled(False)
