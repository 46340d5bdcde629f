"""The Query view (issue 13): documents and segments matching a code expression, filtered by
document attributes; each result with city, printed page, code, coder and quote. Double-click
a result to see it on its page. While blind coding is on only the current coder's codings count."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from burgerannotator.core.errors import UserError
from burgerannotator.core.matrix import CoderSelection, select_coders
from burgerannotator.core.query import run_query

from .follow import LazyRefresh, follow_blind_mode, follow_changes, is_blind, notice_label, own_codings_notice

COLUMNS = (QT_TRANSLATE_NOOP("Columns", "city"), QT_TRANSLATE_NOOP("Columns", "page"),
           QT_TRANSLATE_NOOP("Columns", "code"), QT_TRANSLATE_NOOP("Columns", "coder"),
           QT_TRANSLATE_NOOP("Columns", "quote"))


def coder_choice_box() -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(QCoreApplication.translate("Views", "Coders"))
    box.addItem(QCoreApplication.translate("Views", "All coders"), "all")
    box.addItem(QCoreApplication.translate("Views", "Consensus"), "consensus")
    return box


def selection_for(project, choice: str, blind_coder) -> CoderSelection:
    """The coders a view counts: the blind coder alone while blind coding is on."""
    if blind_coder is not None:
        return CoderSelection("coder", (blind_coder,))
    return select_coders(project, choice)


class ResultFollowsCodings:
    """What the Query and Co-occurrence views share: a computed result (``self.result``) that is
    re-run, when visible, after codings change, and a coder choice that blind coding pins to one coder.
    A view sets ``rerun`` to its own compute method's name."""

    KINDS = ("segments", "coders", "codebook", "documents")
    rerun = "run"

    def on_changes(self, changes, _initiator=None) -> None:
        """The codings changed: a result on screen is out of date (re-run when visible)."""
        if self.result is not None:
            self.refresher.schedule()

    def _rerun(self) -> None:
        if self.result is not None:
            getattr(self, self.rerun)()

    def set_blind(self, coder) -> None:
        self.blind_coder = coder
        self.blind_notice.setText(own_codings_notice(coder.name) if coder is not None else "")
        self.blind_notice.setVisible(coder is not None)
        self.coders.setEnabled(coder is None)


class QueryView(ResultFollowsCodings, QWidget):
    segmentActivated = Signal(str)  # segment uuid

    def __init__(self, project=None, parent=None):
        super().__init__(parent)
        self.project = None
        self.result = None
        self.blind_coder = None
        self.expression = QLineEdit()
        self.expression.setAccessibleName(self.tr("Code query"))
        self.expression.setPlaceholderText(self.tr("MECH-BURGERBERAAD AND NOT TERM-DEMOCRATISCHE-VERNIEUWING, A NEAR/200 B"))
        self.filters = QLineEdit()
        self.filters.setAccessibleName(self.tr("Attribute filters"))
        self.filters.setPlaceholderText(self.tr("rank<=4; period=2022-2026"))
        self.filters.setToolTip(self.tr("Attribute filters, separated by ';': = != < <= > >= (numbers compare as numbers)"))
        self.coders = coder_choice_box()
        self.run_button = QPushButton(self.tr("Run"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("Columns", c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Segments that match"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.blind_notice = notice_label(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Codes")))
        bar.addWidget(self.expression, 3)
        bar.addWidget(QLabel(self.tr("Where")))
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
        self.refresher = LazyRefresh(self, self._rerun, 150)
        self.set_project(project)


    def set_project(self, project) -> None:
        self.project = project
        self.result = None
        self.table.setRowCount(0)
        self.message.setText("")


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
        self.message.setText(self.tr("{n_documents} of {searched} document(s) match: {docs}. {n_hits} segment(s); double-click one to see it.").format(n_documents=len(self.result.documents), searched=self.result.searched, docs=docs, n_hits=len(hits)))

    def _activated(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.segmentActivated.emit(item.data(Qt.ItemDataRole.UserRole))


def install(main_window) -> QueryView:
    """The view as a dock; follows the window's workspace (project, blind coding, changes)."""
    workspace = getattr(main_window, "workspace", None)
    view = QueryView(getattr(workspace, "project", None), main_window)
    view.setObjectName("queryView")
    if hasattr(main_window, "workspaceChanged"):
        main_window.workspaceChanged.connect(lambda w: view.set_project(w.project if w is not None else None))
        view.refresher.lazy = True  # hidden in the window: no work until shown
        follow_changes(main_window, view, view.KINDS, view.on_changes)
    follow_blind_mode(main_window, lambda w: view.set_blind(w.coder if is_blind(w) else None))
    if hasattr(main_window, "show_segment"):
        view.segmentActivated.connect(main_window.show_segment)
    main_window.add_dock("Query", view, area="bottom", name="query")
    return view
