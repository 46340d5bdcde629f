"""Operations on the project as a whole: import PDFs, merge another coder's copy, coders.

Import, merge and making a coder cannot be undone: they are barriers in the history (an
undo must never write a stale "before" over imported or merged work)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import coders as _coders
from .. import importer as _importer
from ..models import Coder
from .base import Operation, row


@dataclass
class ImportPdfs(Operation):
    """Import PDFs, each file in its own transaction (one bad file costs only itself).
    Value: one ``importer.ImportResult`` per file (``status``: imported, duplicate,
    needs-password, refused)."""

    paths: list
    password: str | None = None
    attributes_csv: str | None = None
    coder: str | None = None
    progress: Callable | None = None
    ocr: str = "never"  # never | auto | force (text recognition of pages without a text layer)
    label = "Import PDFs"
    undoable = False
    in_one_transaction = False

    def apply(self, project) -> list:
        coder = row(project, Coder, self.coder, "coder") if self.coder else None
        return _importer.import_many(project, self.paths, password=self.password,
                                     attributes_csv=self.attributes_csv, coder=coder, progress=self.progress,
                                     ocr=self.ocr)


@dataclass
class ImportPdf(Operation):
    """Import one PDF (e.g. again, now with its password). Value: its ``ImportResult``;
    raises ``PdfImportError`` (``PasswordRequired``) when it cannot be imported."""

    path: str
    password: str | None = None
    coder: str | None = None
    ocr: str = "never"
    label = "Import PDF"
    undoable = False

    def apply(self, project):
        coder = row(project, Coder, self.coder, "coder") if self.coder else None
        return _importer.import_pdf(project, self.path, password=self.password, coder=coder, ocr=self.ocr)


@dataclass
class MergeProjects(Operation):
    """Merge other coders' copies in, all of them or none. Value: one ``MergeReport`` per copy.
    ``conflicts``: 'ask' (raise ``MergeConflictError``), 'keep-mine', 'take-theirs' or {key: choice}."""

    others: list
    conflicts: object = "ask"
    label = "Merge"
    undoable = False

    def apply(self, project) -> list:
        from ..merge import merge_project

        return [merge_project(project, other, conflicts=self.conflicts) for other in self.others]


@dataclass
class RecogniseDocument(Operation):
    """Recognise (OCR) a document's pages without a text layer (every page with ``force``),
    keeping its segments. Value: the ``recognise.RecogniseReport``. A barrier."""

    document: str
    force: bool = False
    coder: str | None = None
    progress: Callable | None = None
    label = "Recognise text"
    undoable = False

    def apply(self, project):
        from ..models import Document
        from ..recognise import recognise_document

        coder = row(project, Coder, self.coder, "coder") if self.coder else None
        return recognise_document(project, row(project, Document, self.document, "document"), force=self.force,
                                  coder=coder, progress=self.progress)


@dataclass
class EnsureCoder(Operation):
    """The coder of this name (or uuid) — made if there is none yet. Value: the coder's uuid."""

    name: str
    uuid: str | None = None
    label = "New coder"
    undoable = False

    def apply(self, project) -> str:
        return _coders.get_or_create_coder(project, self.name, self.uuid).uuid


@dataclass
class RenameCoder(Operation):
    coder: str
    name: str
    label = "Rename coder"

    def apply(self, project) -> None:
        coder = row(project, Coder, self.coder, "coder")
        self.caption = f"Rename {coder.name} to {self.name.strip()}"
        _coders.rename_coder(project, coder, self.name)


__all__ = ["ImportPdfs", "ImportPdf", "RecogniseDocument", "MergeProjects", "EnsureCoder",
           "RenameCoder"]
