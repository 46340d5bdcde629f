"""The Summary view: one document's coding as a readable report (HTML in a QTextBrowser).

Built by ``core.summary`` and rendered by ``core.exports.report``; a click on a quote
emits ``segment_activated(document_uuid, start, end)`` so the main window can jump there.
"""
from __future__ import annotations

from PySide6.QtCore import QUrl, Signal, QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from burgerannotator.core.coders import list_coders
from burgerannotator.core.documents import list_documents
from burgerannotator.core.exports.report import document_html
from burgerannotator.core.matrix import select_coders
from burgerannotator.core.summary import document_summary

from .follow import LazyRefresh, follow_blind_mode, follow_changes, is_blind, notice_label, own_codings_notice

_STYLE = ("<style>h2 { margin-bottom: 2px; } .meta { color: #555; } .memo { font-style: italic; } "
          "a.quote { color: #000; text-decoration: none; } blockquote { margin: 4px 0 0 12px; }</style>")


def parse_segment_link(url: str) -> tuple[str, int, int] | None:
    """``segment:UUID:START:END`` -> (uuid, start, end)."""
    parts = url.split(":")
    if len(parts) != 4 or parts[0] != "segment":
        return None
    try:
        return parts[1], int(parts[2]), int(parts[3])
    except ValueError:
        return None


class SummaryView(QWidget):
    segment_activated = Signal(str, int, int)

    def __init__(self, project=None, parent=None):
        super().__init__(parent)
        self.project = None
        self.document_box = QComboBox(self)
        self.document_box.setAccessibleName(self.tr("Document"))
        self.coder_box = QComboBox(self)
        self.coder_box.setAccessibleName(self.tr("Coders"))
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("Summary"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Document"), self))
        bar.addWidget(self.document_box, 1)
        bar.addWidget(QLabel(self.tr("Coders"), self))
        bar.addWidget(self.coder_box)
        self.blind_notice = notice_label(self)
        self._blind_coder: str | None = None    # uuid: blind coding, locked to this coder
        self._unlocked_choice = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.blind_notice)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        self.refresher = LazyRefresh(self, self.refresh, 150)
        self.document_box.currentIndexChanged.connect(lambda _i: self.refresher.schedule(now=True))
        self.coder_box.currentIndexChanged.connect(lambda _i: self.refresher.schedule(now=True))
        if project is not None:
            self.set_project(project)

    def set_project(self, project) -> None:
        self.project = project
        self._fill()
        self.refresher.schedule(now=True)

    def set_blind(self, coder_uuid: str | None, coder_name: str = "") -> None:
        """Blind coding (``coder_uuid`` given): that coder's codings only, the coder choice locked."""
        if coder_uuid is not None and self._blind_coder is None:
            self._unlocked_choice = self.coder_box.currentData()
        elif coder_uuid is None and self._blind_coder is not None:
            self._unlocked_choice = ("restore", self._unlocked_choice)
        self._blind_coder = coder_uuid
        self.blind_notice.setText(own_codings_notice(coder_name) if coder_uuid else "")
        self.blind_notice.setVisible(coder_uuid is not None)
        self._fill()
        self.coder_box.setEnabled(coder_uuid is None)
        self.refresher.schedule(now=True)

    KINDS = ("segments", "codebook", "documents", "coders", "scales", "memos")

    def on_changes(self, changes, _initiator=None) -> None:
        if changes.touches("documents", "coders"):
            self._fill()
        self.refresher.schedule()

    def _fill(self) -> None:
        keep_doc, keep_coder = self.document_box.currentData(), self.coder_box.currentData()
        for box in (self.document_box, self.coder_box):
            box.blockSignals(True)
            box.clear()
        if self.project is not None:
            for d in list_documents(self.project):
                self.document_box.addItem(d.label, d.uuid)
            self.coder_box.addItem(self.tr("All coders"), None)
            for c in list_coders(self.project):
                self.coder_box.addItem(c.name, c.uuid)
            self.document_box.setCurrentIndex(max(self.document_box.findData(keep_doc), 0))
            if self._blind_coder is not None:
                keep_coder = self._blind_coder
            elif isinstance(self._unlocked_choice, tuple):
                keep_coder, self._unlocked_choice = self._unlocked_choice[1], None
            self.coder_box.setCurrentIndex(max(self.coder_box.findData(keep_coder), 0))
        for box in (self.document_box, self.coder_box):
            box.blockSignals(False)

    def show_document(self, document_uuid: str) -> None:
        """Follow the main window's current document."""
        i = self.document_box.findData(document_uuid)
        if i >= 0:
            self.document_box.setCurrentIndex(i)

    def refresh(self) -> None:
        uuid = self.document_box.currentData()
        if self.project is None or uuid is None:
            self.browser.setHtml("<p><i>No document.</i></p>")
            return
        document = next(d for d in list_documents(self.project) if d.uuid == uuid)
        coder_uuid = self._blind_coder or self.coder_box.currentData()
        selection = select_coders(self.project, "coder", coder_uuid) if coder_uuid else None
        summary = document_summary(self.project, document, selection)
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(f"<html><head>{_STYLE}</head><body>{document_html(summary)}</body></html>")
        self.browser.verticalScrollBar().setValue(scroll)

    def _on_link(self, url: QUrl) -> None:
        target = parse_segment_link(url.toString())
        if target is not None:
            self.segment_activated.emit(*target)


def install(main_window) -> SummaryView:
    """Add the Summary view as a dock and File > Export > Summary per document."""
    from .export_actions import add_action, add_dock, export_summary, project_of

    view = SummaryView(project_of(main_window), main_window)
    view.setObjectName("summaryView")
    view.segment_activated.connect(main_window.show_span)

    def follow(workspace) -> None:
        view.set_project(workspace.project if workspace is not None else None)
        if workspace is not None:
            workspace.documentChanged.connect(lambda d: view.show_document(d.uuid) if d is not None else None)

    view.refresher.lazy = True  # hidden in the window: no work until shown
    main_window.workspaceChanged.connect(follow)
    follow_changes(main_window, view, view.KINDS, view.on_changes)
    follow_blind_mode(main_window, lambda s: view.set_blind(s.coder.uuid if is_blind(s) else None,
                                                            s.coder.name if s is not None else ""))
    add_dock(main_window, "Summary", view)
    add_action(main_window, QCoreApplication.translate("SummaryView", "Summary per document (HTML, Markdown, CSV)..."),
               lambda: export_summary(main_window, view.project))
    return view
