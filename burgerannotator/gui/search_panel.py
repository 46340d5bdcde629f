"""A panel that searches all documents: hits in context, grouped per document, with counts.

Activating a hit (double-click, Enter) emits ``hit_activated(document_uuid, start, end)``;
the window shows that page with the hit selected. "Code hit" (Ctrl+Return) codes the
current hit with the current code (``set_code_provider``), as the workspace's coder.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from burgerannotator.core.codebook import find_code
from burgerannotator.core.documents import find_document
from burgerannotator.core.errors import UserError
from burgerannotator.core.search import SearchResult, search
from burgerannotator.core.ops import CodeSpan

from .follow import add_show_action, follow_workspace

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # (document uuid, start, end) on hit rows


class SearchPanel(QWidget):
    hit_activated = Signal(str, int, int)   # document uuid, start, end
    hit_coded = Signal(str)                 # uuid of the segment made from a hit

    def __init__(self, parent=None):
        super().__init__(parent)
        self.workspace = None
        self.result: SearchResult | None = None
        self._code_provider = lambda: None
        self.query = QLineEdit(placeholderText=self.tr('Search all documents: word, prefix*, "a phrase", … OR …'))
        self.query.setAccessibleName(self.tr("Search all documents"))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Search hits"))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.code_button = QPushButton(self.tr("Code hit"))
        self.code_button.setToolTip(self.tr("Code the selected hit with the current code (Ctrl+Return)"))
        self.code_button.clicked.connect(self.code_current_hit)
        self._shortcut = QShortcut(QKeySequence("Ctrl+Return"), self, self.code_current_hit,
                                   context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.code_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.query)
        box.addLayout(row)
        box.addWidget(self.tree, 1)
        self._update_buttons()

    # ---- wiring --------------------------------------------------------------------------------
    def set_workspace(self, workspace) -> None:
        """The open project (a gui.workspace.Workspace) or None."""
        self.workspace = workspace
        self.tree.clear()
        self.result = None
        self.summary.setText("")
        if workspace is not None:
            workspace.listen(self, ("documents",), lambda _c, _i: self._rerun())
        self._update_buttons()

    def set_code_provider(self, provider) -> None:
        """``provider()`` gives the code a hit is coded with (the codebook's current code) or None."""
        self._code_provider = provider

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    # ---- searching --------------------------------------------------------------------------------
    def run(self, text: str | None = None) -> SearchResult | None:
        if text is not None:
            self.query.setText(text)
        source = self.query.text().strip()
        self.tree.clear()
        self.result = None
        if self.workspace is None or not source:
            self.summary.setText("")
            self._update_buttons()
            return None
        try:
            self.result = search(self.workspace.project, source)
        except UserError as exc:
            self.summary.setText(f'<span style="color:#b00">{html.escape(exc.message)}</span>')
            self._update_buttons()
            return None
        self._fill(self.result)
        return self.result

    def _rerun(self) -> None:
        if self.result is not None:
            self.run()

    def _fill(self, result: SearchResult) -> None:
        for doc in result.documents:
            top = QTreeWidgetItem([f"{doc.label}  ({doc.count})"])
            top.setToolTip(0, doc.file_name)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for hit in doc.hits:
                item = QTreeWidgetItem([f"p. {hit.page_label}   {hit.before}{hit.match}{hit.after}"])
                item.setData(0, HIT_ROLE, (hit.document_uuid, hit.start, hit.end))
                item.setToolTip(0, hit.kwic)
                top.addChild(item)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        docs = len(result.documents)
        hits = self.tr("1 hit") if result.total == 1 else self.tr("{n} hits").format(n=result.total)
        where = self.tr("1 document") if docs == 1 else self.tr("{n} documents").format(n=docs)
        self.summary.setText(self.tr("{hits} in {documents}").format(hits=hits, documents=where))
        if docs:
            self.tree.setCurrentItem(self.tree.topLevelItem(0).child(0))
        self._update_buttons()

    # ---- hits ------------------------------------------------------------------------------------
    def current_hit(self) -> tuple[str, int, int] | None:
        item = self.tree.currentItem()
        data = item.data(0, HIT_ROLE) if item is not None else None
        return tuple(data) if data else None

    def hit_items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.extend(top.child(j) for j in range(top.childCount()))
        return out

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, HIT_ROLE)
        if data:
            self.hit_activated.emit(*data)

    def _update_buttons(self) -> None:
        self.code_button.setEnabled(self.workspace is not None and self.current_hit() is not None)

    def _current_code(self):
        code = self._code_provider()
        if isinstance(code, str) and self.workspace is not None:
            code = find_code(self.workspace.project, code)
        return code

    def code_current_hit(self) -> str | None:
        """Code the current hit with the current code; returns the new segment's uuid."""
        hit = self.current_hit()
        if hit is None or self.workspace is None:
            return None
        try:
            code = self._current_code()
            if code is None:
                raise UserError(self.tr("Choose a code in the codebook first, then code the hit."))
            document = find_document(self.workspace.project, hit[0])
            ws = self.workspace
            uuid = ws.do(CodeSpan(document.uuid, code.uuid, ws.coder.uuid, hit[1], hit[2]), self).value
        except UserError as exc:
            self.summary.setText(f'<span style="color:#b00">{html.escape(exc.message)}</span>')
            return None
        item = self.tree.currentItem()
        item.setText(0, f"✓ {code.code_id}  " + item.text(0))
        self.summary.setText(self.tr("Coded {code} on {document}.").format(code=code.name, document=document.label))
        self.hit_coded.emit(uuid)
        return uuid


def install(main_window) -> SearchPanel:
    """Add the search panel to the main window (a dock, Ctrl+Shift+F) and keep it on the open project."""
    panel = SearchPanel()

    def current_code():
        uuid = main_window.codebook.current_code_uuid() if hasattr(main_window, "codebook") else None
        return uuid or None

    panel.set_code_provider(current_code)
    panel.hit_activated.connect(main_window.show_span)
    dock = main_window.add_dock("Search", panel, "right", "search")

    follow_workspace(main_window, panel.set_workspace)
    add_show_action(main_window, dock, "Edit", QCoreApplication.translate("SearchPanel", "Search documents…"), "Ctrl+Shift+F", panel.focus_query)
    return panel
