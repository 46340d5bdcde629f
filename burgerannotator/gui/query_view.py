"""The Query view (issue 13): documents and segments matching a code expression, filtered by
document attributes; each result with city, printed page, code, coder and quote. Double-click
a result to see it on its page. While blind coding is on only the current coder's codings count."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from burgerannotator.core.errors import UserError
from burgerannotator.core.matrix import CoderSelection, select_coders
from burgerannotator.core.query import run_query

from .follow import follow_blind_mode, is_blind, notice_label, own_codings_notice

COLUMNS = ("city", "page", "code", "coder", "quote")


def coder_choice_box() -> QComboBox:
    box = QComboBox()
    box.addItem("All coders", "all")
    box.addItem("Consensus", "consensus")
    return box


def selection_for(project, choice: str, blind_coder) -> CoderSelection:
    """The coders a view counts: the blind coder alone while blind coding is on."""
    if blind_coder is not None:
        return CoderSelection("coder", (blind_coder,))
    return select_coders(project, choice)


class QueryView(QWidget):
    segmentActivated = Signal(str)  # segment uuid

    def __init__(self, project=None, parent=None):
        super().__init__(parent)
        self.project = None
        self.result = None
        self.blind_coder = None
        self.expression = QLineEdit()
        self.expression.setPlaceholderText("MECH-BURGERBERAAD AND NOT TERM-DEMOCRATISCHE-VERNIEUWING, A NEAR/200 B")
        self.filters = QLineEdit()
        self.filters.setPlaceholderText("rank<=4; period=2022-2026")
        self.filters.setToolTip("Attribute filters, separated by ';': = != < <= > >= (numbers compare as numbers)")
        self.coders = coder_choice_box()
        self.run_button = QPushButton("Run")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.blind_notice = notice_label(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Codes"))
        bar.addWidget(self.expression, 3)
        bar.addWidget(QLabel("Where"))
        bar.addWidget(self.filters, 1)
        bar.addWidget(self.coders)
        bar.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.blind_notice)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.run_button.clicked.connect(self.run)
        self.expression.returnPressed.connect(self.run)
        self.filters.returnPressed.connect(self.run)
        self.table.cellDoubleClicked.connect(self._activated)
        self.set_project(project)

    def set_project(self, project) -> None:
        self.project = project
        self.result = None
        self.table.setRowCount(0)
        self.message.setText("")

    def set_blind(self, coder) -> None:
        self.blind_coder = coder
        self.blind_notice.setText(own_codings_notice(coder.name) if coder is not None else "")
        self.blind_notice.setVisible(coder is not None)
        self.coders.setEnabled(coder is None)

    def run(self) -> None:
        if self.project is None:
            return
        filters = [f.strip() for f in self.filters.text().split(";") if f.strip()]
        try:
            selection = selection_for(self.project, self.coders.currentData(), self.blind_coder)
            self.result = run_query(self.project, self.expression.text(), selection, filters)
        except UserError as exc:
            self.message.setText(exc.message)
            return
        hits = self.result.hits
        self.table.setRowCount(len(hits))
        for i, h in enumerate(hits):
            for j, value in enumerate((h.document, h.pages, h.code_id, h.coder, " ".join(h.quote.split()))):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, h.segment_uuid)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        docs = ", ".join(self.result.documents) or "none"
        self.message.setText(f"{len(self.result.documents)} of {self.result.searched} document(s) match: {docs}. "
                             f"{len(hits)} segment(s); double-click one to see it.")

    def _activated(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.segmentActivated.emit(item.data(Qt.ItemDataRole.UserRole))


def install(main_window) -> QueryView:
    session = getattr(main_window, "session", None)
    view = QueryView(getattr(session, "project", None), main_window)
    view.setObjectName("queryView")
    if hasattr(main_window, "sessionChanged"):
        main_window.sessionChanged.connect(lambda s: view.set_project(s.project if s is not None else None))
    follow_blind_mode(main_window, lambda s: view.set_blind(s.coder if is_blind(s) else None))
    if hasattr(main_window, "show_segment"):
        view.segmentActivated.connect(main_window.show_segment)
    main_window.add_dock("Query", view, area="bottom", name="query")
    return view
