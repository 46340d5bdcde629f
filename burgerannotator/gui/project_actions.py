"""New, open, recent, demo, import (file dialog and drag-and-drop)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from burgerannotator.core import codebook
from burgerannotator.core.demo import build_demo
from burgerannotator.core.errors import ProjectFileError
from burgerannotator.core.paths import user_data_dir
from burgerannotator.core.store import Project

from burgerannotator.core.importer import ImportStatus
from burgerannotator.core.ops import ImportCodebook, run
from . import settings
from .errors import guarded
from .import_dialog import import_pdfs

PROJECT_FILTER = "BurgerAnnotator projects (*.bap)"


class ProjectActions:
    def __init__(self, window):
        self.window = window

    @guarded
    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "New project", str(Path.home()), PROJECT_FILTER)
        if not path:
            return
        if not path.endswith(".bap"):
            path += ".bap"
        data = codebook.load_codebook_file()
        project = Project.create(Path(path))
        try:
            run(project, ImportCodebook(data))
        finally:
            project.close()
        self.window.open_project(path)

    @guarded
    def open_dialog(self) -> None:
        start = str(Path(settings.last_project() or Path.home()).parent)
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project", start, PROJECT_FILTER)
        if path:
            self.window.open_project(path)

    @guarded
    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            raise ProjectFileError(f"{path} no longer exists (moved or deleted?).")
        self.window.open_project(path)

    @guarded
    def open_demo(self) -> None:
        path = user_data_dir() / "demo.bap"
        if not path.exists():
            self.window.statusBar().showMessage("Building the demo project...")
            build_demo(path).close()
        self.window.open_project(str(path))

    @guarded
    def import_dialog(self) -> None:
        if self.window.workspace is None:
            raise ProjectFileError("Open or create a project first, then import PDFs into it.")
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Import PDFs", str(Path.home()), "PDF files (*.pdf)")
        self.import_paths(paths)

    @guarded
    def import_paths(self, paths: list[str]) -> None:
        if self.window.workspace is None:
            raise ProjectFileError("Open or create a project first, then import PDFs into it.")
        results = import_pdfs(self.window, self.window.workspace, paths)
        imported = [r for r in results if r.status == ImportStatus.IMPORTED]
        self.window.statusBar().showMessage(f"{len(imported)} of {len(paths)} PDF(s) imported.", 8000)
        if imported and self.window.workspace.document is None:
            self.window.workspace.set_document(imported[0].document)

    def drop(self, paths: list[str]) -> None:
        projects = [p for p in paths if p.lower().endswith(".bap")]
        pdfs = [p for p in paths if p.lower().endswith(".pdf")]
        if projects:
            self.open_recent(projects[0])
        elif pdfs:
            self.import_paths(pdfs)
