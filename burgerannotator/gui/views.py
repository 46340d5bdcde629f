"""The analysis views beside the coding panels: matrix, summary, agreement, disagreements,
search, dictionary suggestions, merge and help. Each module offers ``install(window)``;
this puts them in the window, hidden until asked for from the Analysis menu, so the page
keeps its room on a small screen. The matrix needs room: it opens as a tab beside the page."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from PySide6.QtWidgets import QDockWidget

from . import agreement_view, disagreement_view, help_menu, matrix_view, merge_dialog, search_panel
from . import cooccurrence_view, query_view, refi_actions, suggestion_review, summary_view
from .follow import add_show_action

# dock object name -> (Analysis menu text, shortcut)
ANALYSIS = {
    "dock-summary": (QT_TRANSLATE_NOOP("Menus", "&Summary per document"), None),
    "dock-agreement": (QT_TRANSLATE_NOOP("Menus", "&Agreement between coders"), None),
    "dock-disagreements": (QT_TRANSLATE_NOOP("Menus", "&Disagreements and consensus"), None),
    "dock-query": (QT_TRANSLATE_NOOP("Menus", "&Query codes (AND, OR, NOT, NEAR)"), None),
    "dock-cooccurrence": (QT_TRANSLATE_NOOP("Menus", "&Co-occurrence of codes"), None),
    "dock-search": None,          # Edit > Search documents (Ctrl+Shift+F) shows it
    "dock-suggestions": None,     # Code > Review dictionary suggestions shows it
}


def install_views(window) -> None:
    before = set(window.findChildren(QDockWidget))
    for module in (matrix_view, summary_view, agreement_view, disagreement_view, search_panel,
                   suggestion_review, query_view, cooccurrence_view):
        module.install(window)
    refi_actions.install(window)
    merge_dialog.install(window)
    help_menu.install(window)
    window.disagreements_view = next(
        (d.widget() for d in window.findChildren(QDockWidget) if d.objectName() == "dock-disagreements"), None)
    if window.disagreements_view is not None:
        window.disagreements_view.span_provider = lambda: _selected_span(window)
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget) if d not in before}
    segments = next(d for d in window.findChildren(QDockWidget) if d.objectName() == "dock-segments")
    # tabs beside Segments (the matrix: beside the page)
    for name in ("dock-summary", "dock-agreement", "dock-query", "dock-cooccurrence"):
        window.tabifyDockWidget(segments, docks[name])
    for name in ("dock-search", "dock-suggestions"):  # one tab group on the right
        window.tabifyDockWidget(docks["dock-disagreements"], docks[name])
    segments.raise_()
    for name, entry in ANALYSIS.items():
        dock = next((d for d in window.findChildren(QDockWidget) if d.objectName() == name), None)
        if dock is None or entry is None:
            continue
        text, shortcut = entry
        add_show_action(window, dock, "Analysis", QCoreApplication.translate("Menus", text), shortcut)
    # Only the coding panels are open at first (before the window is shown, so hidden docks
    # do not make it taller than a 1366x768 screen); a saved layout restores the user's choice.
    for name in ANALYSIS:
        docks[name].hide()


def _selected_span(window):
    """The text selected in the window (the one ``Selection``): (document uuid, start, end) or None."""
    selection = window.workspace.selection if window.workspace is not None else None
    if selection is None or selection.span is None or selection.document is None:
        return None
    return selection.document, selection.span[0], selection.span[1]
