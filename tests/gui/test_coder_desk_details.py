"""Issue 11, smaller things: reopening starts where the coder stopped; the segments table
names codes as the codebook does; a recode moves the codebook's highlight along."""
from __future__ import annotations

from PySide6.QtCore import Qt

from burgerannotator.gui.main_window import MainWindow

from gui_helpers import SENTENCE, show_window, word_points
from test_coding import _drag, _key_for, _open_haarlem_page_15


def test_reopening_starts_where_the_coder_stopped(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    w.close()
    again = show_window(qtbot, MainWindow(), demo_project_path, "Tester")
    try:
        assert again.workspace.document.city == "Haarlem"
        qtbot.waitUntil(lambda: again.pane.view.current_page() == 16, timeout=3000)
        assert again.pane.page_edit.text() == "15"
    finally:
        again.close()


def test_segments_table_names_codes_and_recode_moves_the_highlight(qtbot, open_window):
    w = open_window("Tester")
    _open_haarlem_page_15(qtbot, w)
    first, last, _span = word_points(w, 16, SENTENCE)
    _drag(qtbot, w.pane.view, first, last)
    qtbot.keyClick(w.pane.view, getattr(Qt.Key, f"Key_{_key_for(w, 'MECH-BURGERBERAAD')}"))
    model = w.segments.model_
    assert model.index(0, 0).data() == "Burgerberaad"
    assert w.statusBar().currentMessage() == "Coded Burgerberaad on p. 15."
    assert w.codebook.current_code_uuid() == model.rows[0].code.uuid
    # quick recode: the segment is selected, another code's key
    qtbot.keyClick(w.pane.view, getattr(Qt.Key, f"Key_{_key_for(w, 'MECH-UITDAAGRECHT')}"))
    assert model.index(0, 0).data() == "Uitdaagrecht"
    assert w.statusBar().currentMessage() == "Recoded as Uitdaagrecht."
    assert w.codebook.details.toPlainText().startswith("Uitdaagrecht MECH-UITDAAGRECHT")


def test_the_code_menu_names_the_code_of_each_key(open_window):
    w = open_window("Tester")
    menu = w.menus["Code"]
    menu.aboutToShow.emit()
    texts = [a.text() for a in w.pinned_actions]
    pinned = w.workspace.pinned_codes()
    assert texts[0] == f"Apply {pinned[1].name}" and texts[8] == f"Apply {pinned[9].name}"


def test_export_everything_says_where_and_offers_the_folder(qtbot, open_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    w = open_window("Tester")
    target = tmp_path / "alles.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    action = next(a for a in w.menus["File/Export"].actions() if a.text().startswith("Everything"))
    action.trigger()
    assert target.exists() and target.stat().st_size > 1000

    def box():
        found = [b for b in QApplication.topLevelWidgets() + w.findChildren(QMessageBox)
                 if isinstance(b, QMessageBox) and b.objectName() == "export-done" and b.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: box() is not None, timeout=3000)
    assert box().text() == f"Written to {target}"
    assert [b.text() for b in box().buttons() if b.text() == "Open the folder"] == ["Open the folder"]
    box().close()
