"""Recognise text (OCR) of the open document from the window, and say once what OCR needs
when Tesseract is missing. The work is core.recognise; this only asks, waits and reports."""
from __future__ import annotations

from PySide6.QtCore import Qt, QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from burgerannotator.core import ocr
from burgerannotator.core.ops import RecogniseDocument
from burgerannotator.core.pdf_lock import PDF_LOCK
from burgerannotator.core.recognise import pages_to_recognise

from .errors import guarded, show_error

_said = False  # the "OCR needs Tesseract" note is shown once per run


def say_once_what_ocr_needs(parent=None) -> bool:
    """Show the install note the first time it applies; True if it was shown now."""
    global _said
    if _said or ocr.available():
        return False
    _said = True
    show_error("Some pages have no text layer (scanned). " + ocr.INSTALL_HELP, parent, QCoreApplication.translate("OcrActions", "Recognising text"))
    return True


class OcrActions:
    def __init__(self, window):
        self.window = window

    @guarded
    def recognise_current(self, force: bool | None = None) -> None:
        s = self.window.workspace
        if s is None or s.document is None:
            return
        if not ocr.available():
            show_error(ocr.INSTALL_HELP, self.window, QCoreApplication.translate("OcrActions", "Recognising text"))
            return
        doc = s.document
        todo = pages_to_recognise(sorted(doc.pages, key=lambda p: p.index), bool(force))
        if not todo and force is None:
            answer = QMessageBox.question(
                self.window, QCoreApplication.translate("OcrActions", "Recognise text"),
                QCoreApplication.translate("OcrActions", "Every page of {label} has text already. Recognise all {page_count} pages again from their pictures (slow: seconds per page)? Segments keep their places.").format(label=doc.label, page_count=doc.page_count))
            if answer != QMessageBox.StandardButton.Yes:
                return
            force = True
        dialog = QProgressDialog(QCoreApplication.translate("OcrActions", "Recognising text..."), QCoreApplication.translate("OcrActions", "Cancel"), 0, max(len(todo), doc.page_count), self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)

        def progress(done: int, total: int, _name: str) -> bool:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(QCoreApplication.translate("OcrActions", "Recognising page {value} of {total} of {label}").format(value=done + 1, total=total, label=doc.label))
            QApplication.processEvents()
            return not dialog.wasCanceled()

        with PDF_LOCK:
            report = s.do(RecogniseDocument(doc.uuid, bool(force), s.coder.uuid, progress), self).value
        dialog.close()
        if report.pages:  # the view selects, finds and draws on the new words (same place on screen)
            pane = self.window.pane
            page = pane.view.current_page()
            pane.load_document(doc)
            pane.view.go_to_page(page)
        self.window.statusBar().showMessage(report.lines()[0], 10000)
        if report.unplaced:
            show_error("\n".join(report.lines()[:14]), self.window, QCoreApplication.translate("OcrActions", "Recognise text"))
