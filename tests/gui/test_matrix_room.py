"""Issue 11: the matrix has room. At 1366x768 it is a tab beside the page with the whole
window: all 14 cities and the Total row, every code column, and full code names (written
upwards) under category bands."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from burgerannotator.core.codebook import leaf_codes


def _open_matrix(qtbot, w):
    action = next(a for a in w.menus["Analysis"].actions() if a.text().replace("&", "").startswith("Matrix"))
    action.trigger()
    view = w.matrix_view
    qtbot.waitUntil(lambda: view.isVisible() and view.model.matrix is not None, timeout=3000)
    return view


def test_matrix_shows_14_rows_and_full_code_names_at_1366x768(qtbot, open_window):
    w = open_window("Tester")
    assert w.size().width() == 1366 and w.size().height() == 768
    view = _open_matrix(qtbot, w)
    assert w.tabs.currentWidget() is view and w.tabs.tabBar().isVisible()
    # the coding panels step aside while the matrix is in front
    assert not any(d.isVisible() for d in w.findChildren(QDockWidget) if not d.isFloating())
    table, header, model = view.table, view.header, view.model
    matrix = model.matrix
    assert len(matrix.rows) == 14 and model.rowCount() == 15
    last = model.rowCount() - 1
    qtbot.waitUntil(lambda: table.rowViewportPosition(last) + table.rowHeight(last)  # layout settled
                    <= table.viewport().height(), timeout=3000)
    viewport = table.viewport().rect()
    for row in range(model.rowCount()):  # every row, Total included, whole on screen
        assert table.rowViewportPosition(row) >= 0
        assert table.rowViewportPosition(row) + table.rowHeight(row) <= viewport.height(), row
    names = [c.name for c in leaf_codes(w.workspace.project)]
    assert [c.name for c in matrix.columns] == names  # names, not ids
    for col in range(model.columnCount()):  # every column on screen, its name whole
        assert table.columnViewportPosition(col) + table.columnWidth(col) <= viewport.width(), col
        assert header.label_fits(col), header.label(col)
    assert header.label(names.index("Akkoord met inbreng van inwoners")) == "Akkoord met inbreng van inwoners"
    categories = {model.headerData(i, Qt.Orientation.Horizontal, view.header_category_role)
                  for i in range(len(matrix.columns))}
    assert categories == {"Mechanismen", "Terminologie", "Motieven en thema's"}
    # back to the page: the panels return
    w.tabs.setCurrentWidget(w.pane)
    docks = {d.objectName(): d for d in w.findChildren(QDockWidget)}
    assert docks["dock-documents"].isVisible() and docks["dock-codebook"].isVisible()
    assert docks["dock-segments"].isVisible()


def test_a_cell_segment_jumps_back_to_the_page(qtbot, open_window):
    w = open_window("Tester")
    w.show_others_action.trigger()  # the demo coders' segments count
    view = _open_matrix(qtbot, w)
    m = view.model.matrix
    row, col = next((r, c) for r in range(len(m.rows)) for c in range(len(m.columns)) if m.values[r, c])
    index = view.model.index(row, col)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center())
    assert w.tabs.currentWidget() is w.pane
    assert w.workspace.document.label == m.rows[row].label
