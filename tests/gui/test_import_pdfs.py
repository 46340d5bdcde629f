"""Importing PDFs into a fresh project the way a user does: dropping files on the window and
File > Import PDFs (Ctrl+I), with the progress dialog; cancelling after the first file; a
duplicate and a damaged PDF reported in one dialog, never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton
from sqlalchemy import func, select

from burgerannotator.core import codebook, importer
from burgerannotator.core.models import Document, Page, PdfBlob
from burgerannotator.core.resources import demo_dir
from burgerannotator.core.store import Project
from burgerannotator.gui import errors
from burgerannotator.gui.main_window import MainWindow

from gui_helpers import dialog_text, show_window

PDFS = ["01-amsterdam.pdf", "02-rotterdam.pdf", "03-den-haag.pdf"]


@pytest.fixture
def fresh_window(qtbot, tmp_path):
    """The main window on a new, empty project (the default codebook, no documents)."""
    path = tmp_path / "fresh.bap"
    project = Project.create(path)
    codebook.import_codebook(project, codebook.load_codebook_file())
    project.close()
    window = show_window(qtbot, MainWindow(), path, "Importer")
    yield window, path
    window.close()


def _pdfs(*names) -> list[str]:
    return [str(demo_dir() / n) for n in names]


def _mime(paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    return mime


def _drop(window, paths) -> bool:
    """Drag the files over the window and drop them; returns whether the drag was accepted."""
    mime = _mime(paths)
    pos = window.rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return True


def _stored(path: Path) -> dict:
    """What the project file holds, read through a separate read-only connection."""
    project = Project.open(path, readonly=True)
    try:
        s = project.session
        docs = s.scalars(select(Document).order_by(Document.position)).all()
        return {"files": [d.file_name for d in docs],
                "pages_ok": all(d.page_count == len(d.pages) > 0 and d.text for d in docs),
                "blobs": s.scalar(select(func.count()).select_from(PdfBlob)),
                "pages": s.scalar(select(func.count()).select_from(Page))}
    finally:
        project.close()


def _progress_dialog(window) -> QProgressDialog | None:
    boxes = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    return boxes[0] if boxes else None


def test_dropping_pdfs_imports_them_with_a_progress_dialog(qtbot, fresh_window, monkeypatch):
    window, path = fresh_window
    assert window.workspace.document is None
    seen = []
    real = importer.import_pdf

    def watching(*args, **kwargs):  # what the user sees while each file is read
        box = _progress_dialog(window)
        seen.append(box.labelText() if box else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "import_pdf", watching)
    assert _drop(window, [str(path.parent / "notes.txt")])  # not a PDF: accepted, and said
    assert dialog_text(qtbot).startswith("Not imported, not PDF files: notes.txt.")
    assert seen == [] and _stored(path)["files"] == []
    assert _drop(window, _pdfs(*PDFS[:2]))
    assert seen == ["Importing 01-amsterdam.pdf (1 of 2)", "Importing 02-rotterdam.pdf (2 of 2)"]
    assert _progress_dialog(window) is None  # closed at the end
    stored = _stored(path)
    assert stored["files"] == PDFS[:2] and stored["pages_ok"] and stored["blobs"] == 2
    assert window.documents.model.rowCount() == 2
    assert window.workspace.document.file_name == PDFS[0]  # the first one is shown
    assert window.center.currentWidget() is window.tabs and window.tabs.currentWidget() is window.pane and window.pane.view.items
    assert "2 of 2 PDF(s) imported" in window.statusBar().currentMessage()


def test_cancel_after_the_first_file_keeps_it_and_stops(qtbot, fresh_window, monkeypatch):
    window, path = fresh_window
    real = importer.import_pdf
    calls = []

    def then_cancel(*args, **kwargs):  # the user clicks Cancel while the first file is read
        calls.append(Path(args[1]).name)
        result = real(*args, **kwargs)
        box = _progress_dialog(window)
        assert box is not None
        qtbot.mouseClick(box.findChild(QPushButton), Qt.MouseButton.LeftButton)
        return result

    monkeypatch.setattr(importer, "import_pdf", then_cancel)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (_pdfs(*PDFS), "")))
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # File > Import PDFs...
    assert calls == [PDFS[0]]
    stored = _stored(path)
    assert stored["files"] == [PDFS[0]] and stored["pages_ok"] and stored["blobs"] == 1
    assert stored["pages"] == window.workspace.documents()[0].page_count
    assert window.documents.model.rowCount() == 1
    assert "1 of 3 PDF(s) imported" in window.statusBar().currentMessage()
    # the rest can be imported afterwards: nothing was left half-done
    monkeypatch.setattr(importer, "import_pdf", real)
    window.project_actions.import_paths(_pdfs(*PDFS))
    assert _stored(path)["files"] == PDFS


def test_duplicate_and_damaged_pdf_are_reported_in_one_dialog(qtbot, fresh_window, tmp_path):
    window, path = fresh_window
    assert _drop(window, _pdfs(PDFS[0]))
    junk = tmp_path / "damaged.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + b"\x00garbage\xff" * 500)
    errors.last_message = ""
    assert _drop(window, _pdfs(PDFS[0], PDFS[1]) + [str(junk)])
    text = dialog_text(qtbot)
    lines = text.splitlines()
    assert any("01-amsterdam.pdf" in line and "already in the project" in line for line in lines)
    assert any("damaged.pdf" in line and "damaged" in line.replace("damaged.pdf", "") for line in lines)
    assert "Traceback" not in text and "Error:" not in text
    assert not (Path(errors.user_data_dir()) / "error.log").exists()
    assert _stored(path)["files"] == PDFS[:2]
    assert "1 of 3 PDF(s) imported" in window.statusBar().currentMessage()


def _drop_on(qtbot, widget, paths) -> bool:
    """Drag files over ``widget`` and drop them there, as the window system delivers it (to the
    window, at the widget's place: Qt gives it to the first widget there that takes drops)."""
    from PySide6.QtGui import QDragMoveEvent

    mime = _mime(paths)
    top = widget.window()
    pos = widget.mapTo(top, widget.rect().center())
    handle = top.windowHandle()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(handle, enter)
    move = QDragMoveEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(handle, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(handle, drop)
    return True


def test_drop_on_the_page_imports_and_names_the_files_that_are_not_pdfs(qtbot, fresh_window, tmp_path):
    window, path = fresh_window
    assert _drop(window, _pdfs(PDFS[0]))  # a document on the page first
    page = window.pane.view.viewport()
    assert page.isVisible()
    notes = tmp_path / "notes.txt"
    notes.write_text("not a pdf")
    letter = tmp_path / "brief.docx"
    letter.write_bytes(b"PK")
    assert _drop_on(qtbot, page, _pdfs(PDFS[1]) + [str(notes), str(letter)])
    assert _stored(path)["files"] == PDFS[:2]
    text = dialog_text(qtbot)
    assert text.splitlines()[0] == ("Not imported, not PDF files: notes.txt, brief.docx. BurgerAnnotator codes PDF "
                                    "documents; save the file as PDF first.")
    assert "1 of 1 PDF(s) imported" in window.statusBar().currentMessage()


def _answer(button_text: str, seen: list, name: str):
    """Click ``button_text`` in the question box called ``name`` once it shows (it runs its own loop)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def attempt():
        boxes = [b for b in QApplication.topLevelWidgets()
                 if isinstance(b, QMessageBox) and b.objectName() == name and b.isVisible()]
        if not boxes:
            QTimer.singleShot(20, attempt)
            return
        seen.append(boxes[0].text())
        next(b for b in boxes[0].buttons() if b.text() == button_text).click()
    QTimer.singleShot(0, attempt)


def test_file_open_on_a_pdf_offers_to_import_it(qtbot, fresh_window, monkeypatch):
    window, path = fresh_window
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (_pdfs(PDFS[2])[0], "")))
    seen: list = []
    _answer("Import", seen, "import-pdf-question")
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File > Open project...
    assert seen == ["03-den-haag.pdf is a PDF document, not a project. Import it into the open project (fresh)?"]
    assert _stored(path)["files"] == [PDFS[2]]
    assert window.workspace.project.path == path  # the project stayed open


def test_a_damaged_pdf_is_not_taken_for_an_encrypted_one(qtbot, fresh_window, tmp_path, monkeypatch):
    window, path = fresh_window
    asked = []
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", staticmethod(lambda *a, **k: asked.append(a) or ("", False)))
    junk = tmp_path / "encrypted-but-damaged.pdf"  # "encrypted" in its name, but just damaged
    junk.write_bytes(b"%PDF-1.7\n" + b"\x00garbage\xff" * 500)
    assert _drop(window, [str(junk)])
    text = dialog_text(qtbot)
    assert asked == []  # no password prompt for a damaged file
    assert "damaged" in text.replace("encrypted-but-damaged.pdf", "") and "code=" not in text
    assert "--password" not in text


def test_closing_the_window_during_an_import_stops_it_and_then_closes(qtbot, fresh_window, monkeypatch):
    window, path = fresh_window
    real = importer.import_pdf
    calls = []

    def close_meanwhile(*args, **kwargs):  # the user closes the window while the first file is read
        calls.append(Path(args[1]).name)
        result = real(*args, **kwargs)
        if len(calls) == 1:
            window.close()
            assert window.isVisible()  # not yet: the import finishes its file first
        return result

    monkeypatch.setattr(importer, "import_pdf", close_meanwhile)
    window.project_actions.import_paths(_pdfs(*PDFS))
    assert calls == [PDFS[0]]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert _stored(path)["files"] == [PDFS[0]]
