"""Importing PDFs with a progress dialog that can be cancelled (and a password when asked)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QProgressDialog

from burgerannotator.core import importer
from burgerannotator.core.errors import PdfImportError

from .errors import show_error
from .pdf_view.render import PDF_LOCK


def import_pdfs(parent, session, paths: list[str], notes: list[str] | None = None) -> list:
    """Import ``paths`` into the session's project; returns the core ImportResults. ``notes``
    (files that were not imported at all) are said in the same summary as the problems."""
    if not paths:
        return []
    dialog = QProgressDialog("Importing...", "Cancel", 0, len(paths), parent)
    dialog.setWindowTitle("Import PDFs")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)

    def progress(done: int, total: int, name: str) -> bool:
        if name:  # the text first: the dialog never shows blank
            dialog.setLabelText(QCoreApplication.translate("ImportDialog", "Importing {name} ({n} of {total})")
                                .format(name=name, n=done + 1, total=total))
        dialog.setValue(done)
        if not dialog.isVisible():
            dialog.show()
        dialog.repaint()  # painted now, not only after the file (read on this thread) is done
        QApplication.processEvents()
        return not dialog.wasCanceled()

    with PDF_LOCK:  # PyMuPDF is not thread-safe: page rendering waits meanwhile
        results = importer.import_many(session.project, paths, coder=session.coder, progress=progress)
        dialog.close()
        for i, result in enumerate(results):
            if result.status == "failed" and result.password_required:  # not: damaged, or "encrypted" in its name
                results[i] = _retry_with_password(parent, session, result)
    problems = list(notes or [])
    problems += [r.message for r in results if r.status in ("failed", "duplicate")]  # a duplicate is said too
    problems += [w for r in results for w in r.warnings]
    if problems:
        show_error("\n".join(problems[:12]), parent, "Import")
    return results


def _retry_with_password(parent, session, result):
    password, ok = QInputDialog.getText(parent, "Password", f"{result.message}\nPassword:", QLineEdit.EchoMode.Password)
    if not ok or not password:
        return result
    try:
        return importer.import_pdf(session.project, result.path, password=password, coder=session.coder)
    except PdfImportError as exc:
        result.message = str(exc)
        return result
