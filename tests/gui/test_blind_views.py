"""Blind coding holds in the analysis views, and hidden views do no work while one codes.
Driven through the real main window (Analysis menu, View > Show other coders)."""
from __future__ import annotations

from PySide6.QtWidgets import QDockWidget

from burgerannotator.core import codebook
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.documents import find_document
from burgerannotator.core.segments import code_quote, segments
from burgerannotator.gui.follow import BLIND_NOTICE

from gui_helpers import SENTENCE


def _menu(window, menu, text):
    return next(a for a in window.menus[menu].actions() if a.text().replace("&", "") == text)


def _docks(window):
    return {d.objectName(): d for d in window.findChildren(QDockWidget)}


def _code(window, city, quote, code_id):
    p = window.workspace.project
    return code_quote(p, find_document(p, city), quote, codebook.find_code(p, code_id), window.workspace.coder)


def _open_all_views(qtbot, window):
    for text in ("Matrix (city x code)", "Summary per document", "Agreement between coders",
                 "Disagreements and consensus"):
        _menu(window, "Analysis", text).trigger()
    docks = _docks(window)
    qtbot.waitUntil(lambda: docks["dock-disagreements"].isVisible(), timeout=2000)
    views = {name: docks[f"dock-{name}"].widget() for name in ("summary", "agreement", "disagreements")}
    return dict(views, matrix=window.matrix_view)


def test_blind_coding_holds_in_matrix_summary_agreement_and_disagreements(qtbot, open_window):
    window = open_window("Tester")
    assert not window.workspace.show_others  # blind by default
    _code(window, "Haarlem", SENTENCE, "MECH-BURGERBERAAD")
    views = _open_all_views(qtbot, window)
    matrix, summary = views["matrix"], views["summary"]

    # Matrix: the coder choice is locked to Tester, a notice says why, only Tester's coding counts
    _menu(window, "Analysis", "Matrix (city x code)").trigger()
    qtbot.waitUntil(lambda: matrix.isVisible(), timeout=2000)
    assert not matrix.coder_box.isEnabled() and matrix.coder_box.currentText() == "Tester"
    assert matrix.blind_notice.isVisible() and "Blind coding is on" in matrix.blind_notice.text()
    assert matrix.model.matrix.segment_total == 1
    # Summary: the same
    _menu(window, "Analysis", "Summary per document").trigger()
    qtbot.waitUntil(lambda: summary.isVisible(), timeout=2000)
    summary.show_document(find_document(window.workspace.project, "Haarlem").uuid)
    assert not summary.coder_box.isEnabled() and summary.coder_box.currentText() == "Tester"
    assert summary.blind_notice.isVisible()
    text = summary.browser.toPlainText()
    assert "burgerberaad" in text and CODER_A not in text and CODER_B not in text
    # Agreement and Disagreements: the notice, no data
    for name in ("agreement", "disagreements"):
        view = views[name]
        view.parentWidget().raise_()
        qtbot.waitUntil(view.isVisible, timeout=2000)
        assert view.blind_notice.isVisible() and view.blind_notice.text() == BLIND_NOTICE
        assert not view.content.isVisible()
    assert views["disagreements"].list.count() == 0 and views["disagreements"].passages == []
    views["agreement"].compute()
    assert views["agreement"].report is None and views["agreement"].table.rowCount() == 0

    # View > Show other coders: everything as without blind coding
    window.show_others_action.trigger()
    assert window.workspace.show_others
    _menu(window, "Analysis", "Matrix (city x code)").trigger()
    qtbot.waitUntil(lambda: matrix.isVisible(), timeout=2000)
    assert matrix.coder_box.isEnabled() and matrix.coder_box.currentText() == "All coders pooled"
    assert not matrix.blind_notice.isVisible()
    everyone = len(segments(window.workspace.project))
    assert matrix.model.matrix.segment_total == everyone > 1
    _menu(window, "Analysis", "Summary per document").trigger()
    qtbot.waitUntil(lambda: summary.isVisible(), timeout=2000)
    assert summary.coder_box.isEnabled() and summary.coder_box.currentText() == "All coders"
    assert CODER_A in summary.browser.toPlainText()
    walk = views["disagreements"]
    walk.parentWidget().raise_()
    qtbot.waitUntil(walk.isVisible, timeout=2000)
    assert walk.content.isVisible() and not walk.blind_notice.isVisible() and walk.list.count() > 0
    agreement = views["agreement"]
    agreement.parentWidget().raise_()
    qtbot.waitUntil(agreement.isVisible, timeout=2000)
    agreement.compute()
    assert agreement.report is not None and agreement.table.rowCount() > 0

    # and back to blind: the data goes again
    window.show_others_action.trigger()
    assert walk.list.count() == 0 and agreement.table.rowCount() == 0
    assert not matrix.coder_box.isEnabled() and matrix.coder_box.currentText() == "Tester"


def test_a_hidden_view_does_no_work_while_coding(qtbot, open_window):
    window = open_window("Tester")
    docks = _docks(window)
    matrix = window.matrix_view
    review = docks["dock-suggestions"].widget()
    assert not matrix.isVisible() and not review.isVisible()
    before = matrix.model.matrix
    runs = {w: w.refresher.runs for w in (matrix, review, docks["dock-summary"].widget(),
                                          docks["dock-disagreements"].widget())}
    _code(window, "Haarlem", SENTENCE, "MECH-BURGERBERAAD")
    _code(window, "Haarlem", "burgerberaad", "THEMA-WIJK")
    # nothing is scheduled for the hidden views: they are marked out of date and wait to be shown
    assert all(w.refresher.dirty and not w.refresher._timer.isActive() for w in (matrix, review))
    assert matrix.model.matrix is before
    assert {w: w.refresher.runs for w in runs} == runs
    # shown, it catches up at once
    _menu(window, "Analysis", "Matrix (city x code)").trigger()
    assert matrix.isVisible() and matrix.model.matrix is not before
    assert matrix.model.matrix.segment_total == 2
