"""File > Import REFI-QDA… and File > Export to REFI-QDA…: exchange with MAXQDA, ATLAS.ti and
NVivo (.qdc codebooks, .qdpx projects) through ``core.refi``; the GUI only asks for the file,
runs the import as a workspace operation and shows what the core reports."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from burgerannotator.core import refi
from burgerannotator.core.coders import list_coders
from burgerannotator.core.errors import UserError
from burgerannotator.core.ops import ImportQdc, ImportQdpx

from .errors import guarded
from .export_actions import _busy, _written


class RefiActions(QObject):
    """The two File menu actions and what they run."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.report_box: QMessageBox | None = None  # the last import report shown (tests read it)
        self.import_action = QAction(self.tr("Import REFI-QDA codebook or project (.qdc, .qdpx)…"), window)
        self.import_action.setStatusTip(self.tr("Codes and codings from MAXQDA, ATLAS.ti or NVivo"))
        self.import_action.triggered.connect(lambda: self.import_dialog())
        self.export_action = QAction(self.tr("Export to REFI-QDA…"), window)
        self.export_action.setStatusTip(self.tr("For MAXQDA, ATLAS.ti or NVivo: a .qdpx project or a .qdc codebook"))
        self.export_action.triggered.connect(lambda: self.export_dialog())

    def _workspace(self):
        workspace = getattr(self.window, "workspace", None)
        if workspace is None:
            raise UserError(self.tr("Open or create a project first."))
        return workspace

    @guarded
    def import_dialog(self) -> refi.Report | None:
        workspace = self._workspace()
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import REFI-QDA codebook or project"), str(Path.home()),
            self.tr("REFI-QDA files (*.qdpx *.qdc);;REFI-QDA project (*.qdpx);;REFI-QDA codebook (*.qdc)"))
        if not path:
            return None
        return self.import_file(workspace, path)

    def import_file(self, workspace, path: str) -> refi.Report:
        if not Path(path).is_file():
            raise refi.ExchangeFileError(self.tr("{path} does not exist or is not a file.").format(path=path))
        op = ImportQdc(path) if Path(path).suffix.lower() == ".qdc" else ImportQdpx(path, workspace.coder.name)
        report = _busy(lambda: workspace.do(op, self)).value
        self._show_report(report)
        return report

    def _show_report(self, report: refi.Report) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("REFI-QDA import"), report.text(),
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("refi-import-report")
        if self.report_box is not None:
            self.report_box.deleteLater()
        self.report_box = box  # kept until the next report
        box.open()

    @guarded
    def export_dialog(self) -> Path | None:
        workspace = self._workspace()
        project_filter = self.tr("REFI-QDA project (*.qdpx)")
        filters = ";;".join((project_filter, self.tr("REFI-QDA codebook (*.qdc)")))
        name = str(Path(workspace.project.path).with_suffix(".qdpx"))
        path, chosen = QFileDialog.getSaveFileName(self.window, self.tr("Export to REFI-QDA"), name, filters)
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() not in (".qdc", ".qdpx"):
            target = target.with_suffix(".qdpx" if chosen == project_filter or not chosen else ".qdc")
        written = _busy(lambda: self.write(workspace, target))
        _written(self.window, written)
        return written

    @staticmethod
    def write(workspace, target: Path) -> Path:
        """The codebook (.qdc), or the project (.qdpx) with every coder's codings, only the
        current coder's while blind coding is on (as the analysis views)."""
        if target.suffix.lower() == ".qdc":
            refi.write_qdc(workspace.project, target)
        else:
            coders = list_coders(workspace.project) if workspace.show_others else [workspace.coder]
            refi.write_qdpx(workspace.project, target, coders)
        return target


def install(main_window) -> RefiActions:
    """File > Import REFI-QDA… and File > Export to REFI-QDA… (above Close and Quit)."""
    actions = RefiActions(main_window)
    actions.import_action.setProperty("writes", True)  # disabled in a read-only project
    main_window.add_menu_action("File", actions.import_action)
    main_window.add_menu_action("File", actions.export_action)
    main_window.refi_actions = actions
    return actions
