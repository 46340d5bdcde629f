"""Right: the codebook tree (filter, swatches, keys, counts) and the chosen code's rules.

A click on a code (or Enter) asks to apply it; the context menu edits the codebook.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLineEdit, QSplitter, QTextBrowser, QTreeView,
                               QVBoxLayout, QWidget)

from burgerannotator.core.codebook import find_code

from .models.codebook_model import UUID_ROLE, CodebookModel, codebook_filter


class CodebookPanel(QWidget):
    codeClicked = Signal(str)                 # code uuid: apply it
    contextRequested = Signal(object, object)  # global QPoint, code uuid | None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.workspace = None
        self.model = CodebookModel(None, self)
        self.proxy = codebook_filter(self.model)
        self.filter = QLineEdit(placeholderText="Filter codes")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._clicked)
        self.tree.selectionModel().currentChanged.connect(lambda cur, _prev: self._describe(cur))
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText("Choose a code to see its definition, include and exclude rules.")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.filter)
        box.addWidget(split, 1)

    def set_workspace(self, workspace) -> None:
        self.workspace = workspace
        self.model.workspace = workspace
        self._refresh()
        workspace.listen(self, ("codebook",), lambda _c, _i: self._refresh())
        workspace.countsChanged.connect(self.model.update_counts)

    def _refresh(self) -> None:
        current = self.current_code_uuid()
        self.model.refresh()
        self.tree.expandAll()
        if current:
            self.select_code(current)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()

    def current_code_uuid(self) -> str | None:
        index = self.tree.currentIndex()
        return self.proxy.data(index.siblingAtColumn(0), UUID_ROLE) if index.isValid() else None

    def select_code(self, uuid: str) -> None:
        for row in self.model._rows.values():
            if row[0].data(UUID_ROLE) == uuid:
                index = self.proxy.mapFromSource(row[0].index())
                if index.isValid():
                    self.tree.setCurrentIndex(index)
                return

    def index_of(self, code_id: str):
        """The tree index (in the view's model) of a code, for tests and keyboard navigation."""
        item = self.model.item_for(code_id)
        return self.proxy.mapFromSource(item.index()) if item else None

    def _clicked(self, index) -> None:
        uuid = self.proxy.data(index.siblingAtColumn(0), UUID_ROLE)
        if uuid:
            self.codeClicked.emit(uuid)

    def _context(self, pos) -> None:
        index = self.tree.indexAt(pos)
        uuid = self.proxy.data(index.siblingAtColumn(0), UUID_ROLE) if index.isValid() else None
        self.contextRequested.emit(self.tree.viewport().mapToGlobal(pos), uuid)

    def _describe(self, index) -> None:
        uuid = self.proxy.data(index.siblingAtColumn(0), UUID_ROLE) if index.isValid() else None
        if not uuid or self.workspace is None:
            self.details.clear()
            return
        code = find_code(self.workspace.project, uuid)
        parts = [f"<b>{html.escape(code.name)}</b> <span style='color:gray'>{html.escape(code.code_id)}</span>"]
        for title, text in (("Definition", code.definition), ("Include", code.include), ("Exclude", code.exclude)):
            if text:
                parts.append(f"<p><b>{title}:</b> {html.escape(text)}</p>")
        if code.terms:
            parts.append("<p><b>Terms:</b> " + html.escape(", ".join(map(str, code.terms))) + "</p>")
        self.details.setHtml("".join(parts))
