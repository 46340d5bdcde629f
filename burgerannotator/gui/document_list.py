"""Left: the project's documents with a filter; the chosen one is shown in the centre."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from .models.document_model import UUID_ROLE, DocumentModel, document_filter


class DocumentList(QWidget):
    documentChosen = Signal(str)  # document uuid

    def __init__(self, parent=None):
        super().__init__(parent)
        self.workspace = None
        self.model = DocumentModel(None, self)
        self.proxy = document_filter(self.model)
        self.filter = QLineEdit(placeholderText=self.tr("Filter documents (city, title, attribute)"))
        self.filter.setAccessibleName(self.tr("Filter documents"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Documents"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.table.setMinimumWidth(160)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)  # sized in _fit_first_column
        header.setMinimumSectionSize(36)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.filter)
        box.addWidget(self.table, 1)

    def _fit_first_column(self) -> None:
        """Wide enough for the city names, never so wide that the other columns leave the panel."""
        self.table.resizeColumnToContents(0)
        limit = max(90, self.table.viewport().width() // 3)
        if self.table.columnWidth(0) > limit:
            self.table.setColumnWidth(0, limit)

    def set_workspace(self, workspace) -> None:
        self.workspace = workspace
        self.model.workspace = workspace
        self.model.refresh()
        self._fit_first_column()
        self.model.modelReset.connect(self._fit_first_column)
        workspace.listen(self, ("documents",), lambda _c, _i: self.model.refresh())
        workspace.countsChanged.connect(self.model.counts_changed)
        workspace.documentChanged.connect(self._follow)

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            uuid = self.proxy.data(current.siblingAtColumn(0), UUID_ROLE)
            if uuid and (self.workspace is None or self.workspace.document is None or self.workspace.document.uuid != uuid):
                self.documentChosen.emit(uuid)

    def _follow(self, document) -> None:
        if document is None:
            return
        row = self.model.row_of(document.uuid)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid() and self.table.currentIndex().row() != index.row():
                self.table.setCurrentIndex(index)
