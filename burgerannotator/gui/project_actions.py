"""New, open, recent, demo, import (file dialog and drag-and-drop)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from burgerannotator.core import codebook
from burgerannotator.core.demo import build_demo
from burgerannotator.core.errors import ProjectFileError
from burgerannotator.core.paths import user_data_dir
from burgerannotator.core.store import Project

from burgerannotator.core.importer import ImportStatus
from burgerannotator.core.ops import ImportCodebook, run
from . import settings
from .ask import choose
from .errors import guarded, show_error
from .import_dialog import import_pdfs

PROJECT_FILTER = "BurgerAnnotator projects (*.bap)"


class ProjectActions:
    def __init__(self, window):
        self.window = window

    @guarded
    def new_project(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("ProjectActions", "New project"),
                                              str(Path.home()), PROJECT_FILTER)
        if not path:
            return False
        if not path.endswith(".bap"):
            path += ".bap"
        data = codebook.load_codebook_file()
        project = Project.create(Path(path))
        try:
            run(project, ImportCodebook(data))
        finally:
            project.close()
        return bool(self.window.open_project(path))

    @guarded
    def open_dialog(self) -> None:
        start = str(Path(settings.last_project() or Path.home()).parent)
        path, _ = QFileDialog.getOpenFileName(
            self.window, QCoreApplication.translate("ProjectActions", "Open project"), start,
            ";;".join((PROJECT_FILTER, QCoreApplication.translate("ProjectActions", "PDF documents (*.pdf)"))))
        if not path:
            return
        if is_pdf(path):
            self.offer_import(path)
        else:
            self.window.open_project(path)

    def offer_import(self, path: str) -> None:
        """A PDF chosen where a project was expected: offer to import it (into a new project
        when none is open) instead of saying it is not a database."""
        name = Path(path).name
        if self.window.workspace is not None:
            answer = choose(self.window, QCoreApplication.translate("ProjectActions", "Import PDF?"),
                            QCoreApplication.translate("ProjectActions", "{name} is a PDF document, not a project. Import it into the "
                               "open project ({project})?").format(name=name,
                                                                   project=self.window.workspace.project.info.name),
                            [QCoreApplication.translate("ProjectActions", "Import")], "import-pdf-question")
            if answer == 0:
                self.import_paths([path])
            return
        answer = choose(self.window, QCoreApplication.translate("ProjectActions", "Import PDF?"),
                        QCoreApplication.translate("ProjectActions", "{name} is a PDF document. Documents are coded inside a project: "
                           "make a new project and import it?").format(name=name),
                        [QCoreApplication.translate("ProjectActions", "New project and import")], "import-pdf-question")
        if answer == 0 and self.new_project() and self.window.workspace is not None:
            self.import_paths([path])

    @guarded
    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            raise ProjectFileError(QCoreApplication.translate("ProjectActions", "{path} no longer exists (moved or deleted?).")
                                   .format(path=path))
        if is_pdf(path):
            self.offer_import(path)
            return
        self.window.open_project(path)

    @guarded
    def open_demo(self) -> None:
        path = user_data_dir() / "demo.bap"
        if not path.exists():
            self.window.statusBar().showMessage(QCoreApplication.translate("ProjectActions", "Building the demo project..."))
            build_demo(path).close()
        self.window.open_project(str(path))

    @guarded
    def import_dialog(self) -> None:
        if self.window.workspace is None:
            raise ProjectFileError(QCoreApplication.translate(
                "ProjectActions", "Open or create a project first, then import PDFs into it."))
        paths, _ = QFileDialog.getOpenFileNames(self.window, QCoreApplication.translate("ProjectActions", "Import PDFs"), str(Path.home()), QCoreApplication.translate("ProjectActions", "PDF files (*.pdf)"))
        self.import_paths(paths)

    @guarded
    def import_paths(self, paths: list[str], notes: list[str] | None = None) -> None:
        if self.window.workspace is None:
            raise ProjectFileError(QCoreApplication.translate(
                "ProjectActions", "Open or create a project first, then import PDFs into it."))
        results = import_pdfs(self.window, self.window.workspace, paths, notes or [])
        imported = [r for r in results if r.status == ImportStatus.IMPORTED]
        self.window.statusBar().showMessage(
            QCoreApplication.translate("ProjectActions", "{done} of {total} PDF(s) imported.").format(done=len(imported), total=len(paths)), 8000)
        if imported and self.window.workspace.document is None:
            self.window.workspace.set_document(imported[0].document)

    def drop(self, paths: list[str]) -> None:
        """Files dropped anywhere on the window: a project opens, PDFs are imported, and the
        files that are neither are named (never silently ignored)."""
        projects = [p for p in paths if p.lower().endswith(".bap")]
        pdfs = [p for p in paths if p.lower().endswith(".pdf")]
        others = [Path(p).name for p in paths if p not in projects and p not in pdfs]
        notes = [not_pdf_note(self.window, others)] if others else []
        if projects:
            self.open_recent(projects[0])
        elif pdfs:
            self.import_paths(pdfs, notes)
            return
        if notes:
            show_error(notes[0], self.window, QCoreApplication.translate("ProjectActions", "Import"))


def not_pdf_note(window, names: list[str]) -> str:
    more = QCoreApplication.translate("ProjectActions", " and {n} more").format(n=len(names) - 8)
    shown = ", ".join(names[:8]) + (more if len(names) > 8 else "")
    return QCoreApplication.translate("ProjectActions", "Not imported, not PDF files: {names}. BurgerAnnotator "
                                      "codes PDF documents; save the file as PDF first.").format(names=shown)


def is_pdf(path: str) -> bool:
    """By its first bytes (a PDF renamed .bap is still a PDF), else by its name."""
    try:
        with open(path, "rb") as fh:
            return b"%PDF-" in fh.read(1024)  # the header may stand anywhere in the first 1 KB
    except OSError:
        return str(path).lower().endswith(".pdf")
