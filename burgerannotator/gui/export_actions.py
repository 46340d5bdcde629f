"""File > Export: the matrix, the full workbook and the per-document summary, via core.exports.

Also the small glue the view modules' ``install(main_window)`` use to add a dock and a
menu action, through the main window's ``add_dock``/``add_menu_action`` when it offers
them, else through the plain QMainWindow API.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog

from burgerannotator.core.exports.csv_writer import write_csv
from burgerannotator.core.exports.report import write_report
from burgerannotator.core.exports.tables import matrix_table, quotes_table
from burgerannotator.core.exports.xlsx_writer import write_matrix_workbook, write_workbook
from burgerannotator.core.matrix import build_matrix
from burgerannotator.core.summary import summarise

from .errors import guarded

EXPORT_MENU = "File/Export"


def project_of(window):
    workspace = getattr(window, "workspace", None)
    return getattr(workspace, "project", None)


def add_dock(window, title: str, widget) -> QDockWidget:
    return window.add_dock(title, widget, "bottom", title.lower())


def add_action(window, text: str, slot) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(slot)
    window.add_menu_action(EXPORT_MENU, action)
    return action


def _ask(window, caption: str, name: str, filters: str) -> tuple[Path | None, str]:
    path, chosen = QFileDialog.getSaveFileName(window, caption, name, filters)
    return (Path(path) if path else None), chosen


def _busy(fn):
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return fn()
    finally:
        QApplication.restoreOverrideCursor()


@guarded
def export_matrix(window, view) -> Path | None:
    """The matrix as shown (measure, coders, rows, hidden codes) to CSV (',' or ';') or Excel."""
    path, chosen = _ask(window, "Export the matrix", f"matrix-{view.measure_box.currentText()}.xlsx",
                        "Excel (*.xlsx);;CSV, comma (*.csv);;CSV, semicolon - Dutch Excel (*.csv)")
    if path is None:
        return None
    return _busy(lambda: write_matrix_file(view, path, ";" if "semicolon" in chosen else ","))


def write_matrix_file(view, path: Path, sep: str = ",") -> Path:
    matrix = build_matrix(view.project, view.measure_box.currentText(), view.selection(),
                          view.by_box.currentText() or "city", view.hide_empty.isChecked())
    if path.suffix.lower() == ".csv":
        return write_csv(matrix_table(matrix), path, sep)
    return write_matrix_workbook(matrix, path.with_suffix(".xlsx"))


@guarded
def export_workbook(window, view) -> Path | None:
    path, _ = _ask(window, "Export everything to Excel", "export.xlsx", "Excel (*.xlsx)")
    if path is None:
        return None
    return _busy(lambda: write_workbook(view.project, path.with_suffix(".xlsx"), view.selection(),
                                        view.by_box.currentText() or "city", view.hide_empty.isChecked()))


@guarded
def export_summary(window, project, document=None) -> Path | None:
    path, chosen = _ask(window, "Export the summary", "summary.html",
                        "HTML (*.html);;Markdown (*.md);;CSV, one row per quote (*.csv)")
    if path is None:
        return None
    suffix = path.suffix.lower()
    fmt = "csv" if suffix == ".csv" else "md" if suffix == ".md" else "html"

    def write():
        summaries = summarise(project, [document] if document is not None else None)
        if fmt == "csv":
            return write_csv(quotes_table(summaries), path)
        return write_report(summaries, path, fmt, f"{project.info.name}: summary per document")

    return _busy(write)
