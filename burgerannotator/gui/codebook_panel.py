"""Right: the codebook tree (filter, swatches, keys, counts) and the chosen code's rules.

A click on a code shows its definition (reading a code never applies it). Applying is an
explicit act: a double-click, Enter, the Apply button, the context menu or the code's key.
The context menu also edits the codebook.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QPushButton,
                               QSplitter, QTextBrowser, QTreeView, QVBoxLayout, QWidget)

from burgerannotator.core.codebook import find_code

from .models.codebook_model import UUID_ROLE, CodebookModel, codebook_filter


class _CodeTree(QTreeView):
    """Enter/Return applies the current code (``activated`` may fire on a single click on
    some desktops, so it is not used)."""

    applyRequested = Signal(object)  # QModelIndex

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.applyRequested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class CodebookPanel(QWidget):
    codeClicked = Signal(str)                 # code uuid: apply it (double-click, Enter, Apply button)
    contextRequested = Signal(object, object)  # global QPoint, code uuid | None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.workspace = None
        self.model = CodebookModel(None, self)
        self.proxy = codebook_filter(self.model)
        self.filter = QLineEdit(placeholderText=self.tr("Filter codes"))
        self.filter.setAccessibleName(self.tr("Filter codes"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.tree = _CodeTree()
        self.tree.setAccessibleName(self.tr("Codebook"))
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
        self.tree.doubleClicked.connect(self._apply_index)
        self.tree.applyRequested.connect(self._apply_index)
        self.tree.selectionModel().currentChanged.connect(lambda cur, _prev: self._describe(cur))
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setToolTip(self.tr("Code the selected text with this code (also: double-click, Enter, "
                                             "the code's number key)"))
        self.apply_button.setEnabled(False)
        self._apply_tip = self.apply_button.toolTip()
        self.read_only = ""  # why nothing can be coded (a read-only project), else ""
        self.apply_button.clicked.connect(lambda: self._apply_index(self.tree.currentIndex()))
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Definition of the code"))
        self.details.setOpenLinks(False)
        self._show_hint()
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
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.apply_button)
        box.addLayout(row)

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

    def set_read_only(self, why: str) -> None:
        """A read-only project: Apply stays disabled and says ``why``; "" lifts that."""
        self.read_only = why
        self.apply_button.setToolTip(why or self._apply_tip)
        self._describe(self.tree.currentIndex())

    def _apply_index(self, index) -> None:
        if self.read_only:
            return
        uuid = self.proxy.data(index.siblingAtColumn(0), UUID_ROLE) if index.isValid() else None
        if uuid:
            self.codeClicked.emit(uuid)

    def _context(self, pos) -> None:
        index = self.tree.indexAt(pos)
        uuid = self.proxy.data(index.siblingAtColumn(0), UUID_ROLE) if index.isValid() else None
        self.contextRequested.emit(self.tree.viewport().mapToGlobal(pos), uuid)

    def _show_hint(self) -> None:
        """What the definition box says before a code is chosen (wrapped, never cut)."""
        self.details.setHtml("<p style='color:gray'>" + html.escape(self.tr(
            "Click a code to read its definition and its include and exclude rules here. "
            "Double-click it, press Enter or Apply to code the selected text.")) + "</p>")

    def _describe(self, index) -> None:
        uuid = self.proxy.data(index.siblingAtColumn(0), UUID_ROLE) if index.isValid() else None
        if not uuid or self.workspace is None:
            self._show_hint()
            self.apply_button.setEnabled(False)
            return
        code = find_code(self.workspace.project, uuid)
        self.apply_button.setEnabled(code.kind == "code" and not self.read_only)
        parts = [f"<b>{html.escape(code.name)}</b> <span style='color:gray'>{html.escape(code.code_id)}</span>"]
        for title, text in ((self.tr("Definition"), code.definition), (self.tr("Include"), code.include),
                            (self.tr("Exclude"), code.exclude)):
            if text:
                parts.append(f"<p><b>{title}:</b> {html.escape(text)}</p>")
        if code.terms:
            parts.append("<p><b>" + html.escape(self.tr("Terms")) + ":</b> " + html.escape(", ".join(map(str, code.terms))) + "</p>")
        self.details.setHtml("".join(parts))
