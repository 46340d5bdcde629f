"""File > Export: the matrix, the full workbook and the per-document summary, via core.exports.

Also the small glue the view modules' ``install(main_window)`` use to add a dock and a
menu action, through the main window's ``add_dock``/``add_menu_action`` when it offers
them, else through the plain QMainWindow API.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QCoreApplication
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
    semicolon = QCoreApplication.translate("ExportActions", "CSV, semicolon - Dutch Excel (*.csv)")
    filters = ";;".join((QCoreApplication.translate("ExportActions", "Excel (*.xlsx)"),
                         QCoreApplication.translate("ExportActions", "CSV, comma (*.csv)"), semicolon))
    path, chosen = _ask(window, QCoreApplication.translate("ExportActions", "Export the matrix"),
                        f"matrix-{view.measure()}.xlsx", filters)
    if path is None:
        return None
    written = _busy(lambda: write_matrix_file(view, path, ";" if chosen == semicolon else ","))
    _written(window, written)
    return written


def write_matrix_file(view, path: Path, sep: str = ",") -> Path:
    matrix = build_matrix(view.project, view.measure(), view.selection(),
                          view.by_box.currentText() or "city", view.hide_empty.isChecked())
    if path.suffix.lower() == ".csv":
        return write_csv(matrix_table(matrix), path, sep)
    return write_matrix_workbook(matrix, path.with_suffix(".xlsx"))


@guarded
def export_workbook(window, view) -> Path | None:
    path, _ = _ask(window, QCoreApplication.translate("ExportActions", "Export everything to Excel"), "export.xlsx",
                   QCoreApplication.translate("ExportActions", "Excel (*.xlsx)"))
    if path is None:
        return None
    written = _busy(lambda: write_workbook(view.project, path.with_suffix(".xlsx"), view.selection(),
                                           view.by_box.currentText() or "city", view.hide_empty.isChecked()))
    _written(window, written)
    return written


def _written(window, path) -> None:
    """Say where the export went, and offer to open its folder (non-blocking)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    if path is None:
        return
    path = Path(path)
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("ExportActions", "Exported"),
                      QCoreApplication.translate("ExportActions", "Written to {path}").format(path=path),
                      QMessageBox.StandardButton.Close, window)
    box.setObjectName("export-done")
    folder = box.addButton(QCoreApplication.translate("ExportActions", "Open the folder"),
                           QMessageBox.ButtonRole.ActionRole)
    folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(QCoreApplication.translate("ExportActions", "Written to {path}").format(path=path),
                                       10000)


@guarded
def export_summary(window, project, document=None) -> Path | None:
    path, chosen = _ask(window, QCoreApplication.translate("ExportActions", "Export the summary"), "summary.html",
                        QCoreApplication.translate("ExportActions", "HTML (*.html);;Markdown (*.md);;CSV, one row per quote (*.csv)"))
    if path is None:
        return None
    suffix = path.suffix.lower()
    fmt = "csv" if suffix == ".csv" else "md" if suffix == ".md" else "html"

    def write():
        summaries = summarise(project, [document] if document is not None else None)
        if fmt == "csv":
            return write_csv(quotes_table(summaries), path)
        return write_report(summaries, path, fmt, f"{project.info.name}: summary per document")

    written = _busy(write)
    _written(window, written)
    return written
