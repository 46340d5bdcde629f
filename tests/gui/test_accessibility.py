"""Issue 11: every interactive widget of the main window (analysis views included) has an
accessible name, so a screen reader can say what it is: its own accessible name, or the
text a screen reader reads from it (a button's text, a labelled field's label)."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
                               QGraphicsView, QLabel, QLineEdit, QPlainTextEdit, QTabBar, QTextEdit, QWidget)

from burgerannotator.gui import i18n

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QAbstractSlider,
               QTextEdit, QPlainTextEdit, QGraphicsView, QTabBar)


def _labelled(window) -> set:
    """Widgets that a QLabel names (setBuddy)."""
    return {label.buddy() for label in window.findChildren(QLabel) if label.buddy() is not None}


def _internal(w: QWidget) -> bool:
    """Parts Qt makes inside other widgets (a combo's list, a line edit's clear button, a
    scroll area's bars, a header's sections): their owner is named."""
    from PySide6.QtWidgets import QHeaderView, QMainWindow

    if isinstance(w, QHeaderView):
        return True  # part of its table (the table is named)
    if isinstance(w, QTabBar) and isinstance(w.parentWidget(), QMainWindow):
        return True  # the tabs Qt makes for stacked panels (each panel is named by its title)
    if isinstance(w, QAbstractButton) and isinstance(w.parentWidget(), (QLineEdit, QTabBar)):
        return True  # a line edit's clear button, a tab's close button
    name = w.objectName()
    if name.startswith("qt_") or name in ("qt_scrollarea_hcontainer", "qt_scrollarea_vcontainer"):
        return True
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        if isinstance(parent, QAbstractItemView) and not isinstance(w, QAbstractItemView):
            return True  # headers, editors, corner buttons of a view
        parent = parent.parentWidget()
    return isinstance(w, QAbstractSlider) and w.parentWidget() is not None and \
        w.parentWidget().objectName().startswith("qt_scrollarea")


def nameless(window) -> list[str]:
    labelled = _labelled(window)
    out = []
    for w in window.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or _internal(w) or w.window() is not window:
            continue
        text = w.text() if isinstance(w, QAbstractButton) else ""
        if w.accessibleName().strip() or (text.strip() and any(c.isalnum() for c in text)) or w in labelled:
            continue
        owner = w.parentWidget()
        while owner is not None and type(owner).__module__.startswith("PySide6"):
            owner = owner.parentWidget()
        out.append(f"{type(w).__name__} {w.objectName() or ''} in {type(owner).__name__}"
                   f" tooltip={w.toolTip()!r} placeholder={getattr(w, 'placeholderText', lambda: '')()!r}")
    return sorted(out)


def test_every_interactive_widget_has_an_accessible_name(open_window):
    window = open_window("Tester")
    window.show_central_view(window.matrix_view)
    missing = nameless(window)
    assert not missing, f"{len(missing)} without an accessible name:\n" + "\n".join(missing)


def test_accessible_names_are_dutch_under_nl_NL(qtbot, demo_project_path):
    from burgerannotator.gui.main_window import MainWindow

    from gui_helpers import show_window

    i18n.install("nl")
    try:
        window = show_window(qtbot, MainWindow(), demo_project_path, "Tester")
        assert window.pane.view.accessibleName() == "Pagina's van het document"
        assert window.codebook.tree.accessibleName() == "Codeboek"
        window.close()
    finally:
        i18n.install("en")
