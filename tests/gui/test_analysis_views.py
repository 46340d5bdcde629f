"""Issue 13 in the app: intervals in the Agreement view, the Query and Co-occurrence views."""
from __future__ import annotations

from PySide6.QtCore import Qt

from burgerannotator.gui.agreement_view import AgreementView
from burgerannotator.gui.cooccurrence_view import CooccurrenceView
from burgerannotator.gui.query_view import QueryView


def test_agreement_view_shows_intervals_and_the_uncoded_choice(qtbot, demo_project):
    view = AgreementView(demo_project)
    qtbot.addWidget(view)
    view.show()
    assert view.uncoded_box.currentData() == "missing" and view.uncoded_box.isEnabled()
    view.ci_box.setChecked(True)
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    rows = {view.table.item(i, 0).text(): i for i in range(view.table.rowCount())}
    headers = [view.table.horizontalHeaderItem(j).text() for j in range(view.table.columnCount())]
    alpha = view.table.item(rows["Overall"], headers.index("Krippendorff alpha (nominal)"))
    value = view.report.overall("document").stats["krippendorff_alpha"]
    assert alpha.text() == f"{value.text()} {value.ci_text()}" and "[" in alpha.text()
    assert "Hayes & Krippendorff" in alpha.toolTip() and "q(alpha < 0.667)" in alpha.toolTip()
    assert "counts as missing" in view.message.text()
    view.uncoded_box.setCurrentIndex(1)
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    assert view.report.uncoded_documents == "absent"


def test_query_view_lists_segments_and_reports_bad_expressions(qtbot, demo_project):
    view = QueryView(demo_project)
    qtbot.addWidget(view)
    view.show()
    qtbot.keyClicks(view.expression, "MECH-UITDAAGRECHT AND NOT MECH-DIALOOG")
    qtbot.keyClick(view.expression, Qt.Key.Key_Return)
    assert view.result.documents == ["Haarlem"]
    assert view.table.rowCount() == 1 and view.table.item(0, 0).text() == "Haarlem"
    assert view.table.item(0, 1).text() == "4" and view.table.item(0, 2).text() == "MECH-UITDAAGRECHT"
    with qtbot.waitSignal(view.segmentActivated) as activated:
        view.table.cellDoubleClicked.emit(0, 0)
    assert activated.args[0] == view.result.hits[0].segment_uuid
    view.expression.setText("MECH-UITDAAGRECHT AND (")
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    assert view.message.text().startswith("Query:")


def test_cooccurrence_view_matrix_and_pairs(qtbot, demo_project):
    view = CooccurrenceView(demo_project)
    qtbot.addWidget(view)
    view.show()
    assert not view.distance_box.isEnabled()
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    pairs = {(view.pairs.item(i, 0).text(), view.pairs.item(i, 1).text()): view.pairs.item(i, 3).text()
             for i in range(view.pairs.rowCount())}
    assert pairs == {("MECH-PARTICIPATIEKADER", "MECH-BUURTRECHTEN"): "Amsterdam",
                     ("MECH-UITDAAGRECHT", "MECH-DIALOOG"): "Nijmegen",
                     ("MECH-UITDAAGRECHT", "TERM-BEWONERSINITIATIEF"): "Haarlem"}
    ids = view.result.code_ids
    assert view.matrix.item(ids.index("MECH-UITDAAGRECHT"), ids.index("MECH-UITDAAGRECHT")).text() == "2"
    view.unit_box.setCurrentIndex(1)
    assert view.distance_box.isEnabled()
    view.distance_box.setValue(500)
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    assert view.pairs.rowCount() == 1 and view.result.unit == "segment" and view.result.distance == 500


def test_blind_coding_limits_query_and_cooccurrence_to_the_coder(qtbot, demo_project):
    from burgerannotator.core.coders import find_coder
    from burgerannotator.core.demo import CODER_B

    coder_b = find_coder(demo_project, CODER_B)
    query = QueryView(demo_project)
    qtbot.addWidget(query)
    query.show()
    query.set_blind(coder_b)
    assert query.blind_notice.isVisible() and not query.coders.isEnabled()
    query.expression.setText("MECH-UITDAAGRECHT")
    qtbot.mouseClick(query.run_button, Qt.MouseButton.LeftButton)
    assert query.result.documents == ["Nijmegen"] and {h.coder for h in query.result.hits} == {CODER_B}
    query.set_blind(None)
    qtbot.mouseClick(query.run_button, Qt.MouseButton.LeftButton)
    assert query.result.documents == ["Nijmegen", "Haarlem"]
    co = CooccurrenceView(demo_project)
    qtbot.addWidget(co)
    co.set_blind(coder_b)
    qtbot.mouseClick(co.compute_button, Qt.MouseButton.LeftButton)
    assert co.result.pairs() == [] and co.result.selection == CODER_B  # B never codes two codes in one city


def test_views_in_the_window_follow_the_workspace(qtbot, open_window):
    from PySide6.QtWidgets import QDockWidget

    from burgerannotator.core import codebook
    from burgerannotator.core.documents import find_document
    from burgerannotator.core.segments import code_quote

    window = open_window("Tester")
    action = next(a for a in window.menus["Analysis"].actions()
                  if a.text().replace("&", "") == "Query codes (AND, OR, NOT, NEAR)")
    action.trigger()
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    qtbot.waitUntil(lambda: docks["dock-query"].isVisible(), timeout=2000)
    view = docks["dock-query"].widget()
    assert view.project is window.workspace.project
    view.expression.setText("MECH-BUURTBUDGET")
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    assert view.result.documents == []
    p = window.workspace.project
    doc = find_document(p, "Utrecht")
    words = doc.text.split()[10:14]
    code_quote(p, doc, " ".join(words), codebook.find_code(p, "MECH-BUURTBUDGET"), window.workspace.coder)
    qtbot.waitUntil(lambda: view.result.documents == ["Utrecht"], timeout=3000)  # re-run after the change
    assert "dock-cooccurrence" in docks
