"""Bottom: the segments of the current document; a click scrolls to the segment and flashes it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .models.segment_model import UUID_ROLE, SegmentModel


class SegmentTable(QTableView):
    segmentActivated = Signal(str)            # uuid: show it
    deleteRequested = Signal(str)             # uuid
    contextRequested = Signal(object, object)  # global QPoint, uuid | None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.workspace = None
        self.model_ = SegmentModel(None, parent=self)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        # fixed widths: sizing columns to their contents reads every row on each change
        for col, width in enumerate((160, 44, 0, 110, 130)):  # the quote gets the rest
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == 2
                                        else QHeaderView.ResizeMode.Interactive)
            if width:
                header.resizeSection(col, width)
        self.clicked.connect(self._activate)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: self.contextRequested.emit(self.viewport().mapToGlobal(pos), self._uuid_at(self.indexAt(pos))))

    def set_workspace(self, workspace, edit_memo) -> None:
        self.workspace = workspace
        self.model_.workspace = workspace
        self.model_.edit_memo = edit_memo
        self.refresh()
        for signal in (workspace.documentChanged, workspace.coderChanged, workspace.showOthersChanged):
            signal.connect(lambda *_a: self.refresh())
        workspace.listen(self, ("segments", "codebook", "coders", "documents"), lambda changes, _i: self._changed(changes))

    def _changed(self, changes) -> None:
        current = self._uuid_at(self.currentIndex())
        self.model_.apply_changes(changes)
        if current and changes.touches("codebook"):
            self.select_uuid(current, scroll=False)

    def refresh(self) -> None:
        current = self._uuid_at(self.currentIndex())
        self.model_.refresh()
        if current:
            self.select_uuid(current, scroll=False)

    def select_uuid(self, uuid: str, scroll: bool = True) -> None:
        row = self.model_.row_of(uuid)
        if row >= 0:
            self.selectRow(row)
            if scroll:
                self.scrollTo(self.model_.index(row, 0))

    def row_rect_center(self, row: int):
        """Where a row is on the viewport (for tests driving the mouse)."""
        return self.visualRect(self.model_.index(row, 2)).center()

    def _uuid_at(self, index) -> str | None:
        return self.model_.data(index.siblingAtColumn(0), UUID_ROLE) if index.isValid() else None

    def _activate(self, index) -> None:
        uuid = self._uuid_at(index)
        if uuid:
            self.segmentActivated.emit(uuid)

    def keyPressEvent(self, event) -> None:
        uuid = self._uuid_at(self.currentIndex())
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and uuid and self.state() != self.State.EditingState:
            self.deleteRequested.emit(uuid)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and uuid and self.state() != self.State.EditingState:
            self.segmentActivated.emit(uuid)
            return
        super().keyPressEvent(event)
