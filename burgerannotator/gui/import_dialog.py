"""Importing PDFs with a progress dialog that can be cancelled (and a password when asked)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QProgressDialog

from burgerannotator.core.errors import PdfImportError
from burgerannotator.core.importer import ImportStatus
from burgerannotator.core.ops import ImportPdf, ImportPdfs
from burgerannotator.core.pdf_lock import PDF_LOCK

from .errors import show_error


def import_pdfs(parent, workspace, paths: list[str]) -> list:
    """Import ``paths`` into the workspace's project; returns the core ImportResults."""
    if not paths:
        return []
    dialog = QProgressDialog("Importing...", "Cancel", 0, len(paths), parent)
    dialog.setWindowTitle("Import PDFs")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)

    def progress(done: int, total: int, name: str) -> bool:
        dialog.setValue(done)
        if name:
            dialog.setLabelText(f"Importing {name} ({done + 1} of {total})")
        QApplication.processEvents()
        return not dialog.wasCanceled()

    with PDF_LOCK:  # PyMuPDF is not thread-safe: page rendering waits meanwhile
        results = workspace.do(ImportPdfs(paths, coder=workspace.coder.uuid, progress=progress)).value
        dialog.close()
        for i, result in enumerate(results):
            if result.status == ImportStatus.NEEDS_PASSWORD:
                results[i] = _retry_with_password(parent, workspace, result)
    problems = [r.message for r in results if r.failed or r.status == ImportStatus.DUPLICATE]  # a duplicate is said too
    problems += [w for r in results for w in r.warnings]
    if problems:
        show_error("\n".join(problems[:12]), parent, "Import")
    return results


def _retry_with_password(parent, workspace, result):
    password, ok = QInputDialog.getText(parent, "Password", f"{result.message}\nPassword:", QLineEdit.EchoMode.Password)
    if not ok or not password:
        return result
    try:
        return workspace.do(ImportPdf(result.path, password=password, coder=workspace.coder.uuid)).value
    except PdfImportError as exc:
        result.message = str(exc)
        return result
