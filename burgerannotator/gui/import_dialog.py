"""Importing PDFs with a progress dialog that can be cancelled (and a password when asked)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QProgressDialog

from burgerannotator.core import ocr
from burgerannotator.core.errors import PdfImportError
from burgerannotator.core.importer import ImportStatus
from burgerannotator.core.ops import ImportPdf, ImportPdfs
from burgerannotator.core.pdf_lock import PDF_LOCK

from .errors import show_error


def import_pdfs(parent, workspace, paths: list[str], notes: list[str] | None = None) -> list:
    """Import ``paths`` into the workspace's project; returns the core ImportResults. ``notes``
    (files that were not imported at all) are said in the same summary as the problems."""
    if not paths:
        return []
    dialog = QProgressDialog(QCoreApplication.translate("ImportDialog", "Importing..."), QCoreApplication.translate("ImportDialog", "Cancel"), 0, len(paths), parent)
    dialog.setWindowTitle(QCoreApplication.translate("ImportDialog", "Import PDFs"))
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

    parent.import_progress = dialog  # closing the window meanwhile cancels after this file, then closes
    try:
        with PDF_LOCK:  # PyMuPDF is not thread-safe: page rendering waits meanwhile
            mode = ocr.resolve_mode("auto")  # scanned pages are recognised when Tesseract is there
            results = workspace.do(ImportPdfs(paths, coder=workspace.coder.uuid, progress=progress, ocr=mode)).value
    finally:
        parent.import_progress = None
        dialog.close()
    if getattr(parent, "close_after_import", False):
        parent.close_after_import = False
        QTimer.singleShot(0, parent.close)
        return results
    with PDF_LOCK:
        for i, result in enumerate(results):
            if result.status == ImportStatus.NEEDS_PASSWORD:  # not: damaged, or "encrypted" in its name
                results[i] = _retry_with_password(parent, workspace, result)
    problems = list(notes or [])
    problems += [r.message for r in results if r.failed or r.status == ImportStatus.DUPLICATE]  # a duplicate is said too
    problems += [w for r in results for w in r.warnings]
    if problems:
        show_error("\n".join(problems[:12]), parent, QCoreApplication.translate("ImportDialog", "Import"))
    if any("without a text layer" in w for r in results for w in r.warnings):
        from .ocr_actions import say_once_what_ocr_needs

        say_once_what_ocr_needs(parent)
    return results


def _retry_with_password(parent, workspace, result):
    password, ok = QInputDialog.getText(parent, QCoreApplication.translate("ImportDialog", "Password"), QCoreApplication.translate("ImportDialog", "{message}\nPassword:").format(message=result.message), QLineEdit.EchoMode.Password)
    if not ok or not password:
        return result
    try:
        return workspace.do(ImportPdf(result.path, password=password, coder=workspace.coder.uuid,
                                      ocr=ocr.resolve_mode("auto"))).value
    except PdfImportError as exc:
        result.message = str(exc)
        return result
