"""The open project as the widgets see it: who codes, which document is shown, blind mode.

Widgets never keep their own copy of the data: they ask this object (which asks the
core services) and redraw when it forwards the project's ``Change`` notifications.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from burgerannotator.core import codebook
from burgerannotator.core.documents import layout, list_documents
from burgerannotator.core.info import coder_counts
from burgerannotator.core.models import Code, Coder, Document, Segment
from burgerannotator.core.segments import segments


class Session(QObject):
    """One open project in the window. Signals carry core objects (or sets of ids)."""

    documentChanged = Signal(object)      # Document | None
    coderChanged = Signal(object)         # Coder
    showOthersChanged = Signal(bool)
    segmentsChanged = Signal(object)      # set of segment ids (empty: any)
    codebookChanged = Signal()
    documentsChanged = Signal()
    scalesChanged = Signal()
    countsChanged = Signal()              # segment counts per code / document were recounted

    def __init__(self, project, coder: Coder, show_others: bool = False, parent=None):
        super().__init__(parent)
        self.project = project
        self.coder = coder
        self.document: Document | None = None
        self.show_others = show_others
        self.code_counts: dict[str, int] = {}       # code_id -> segments of the current coder
        self.document_counts: dict[str, int] = {}   # document uuid -> segments of the current coder
        self._recount = QTimer(self, singleShot=True, interval=60)
        self._recount.timeout.connect(self.recount)
        project.subscribe(self._on_changes)
        self.recount()

    def close(self) -> None:
        self.project.unsubscribe(self._on_changes)

    # ---- state -------------------------------------------------------------------------
    def set_document(self, document: Document | None) -> None:
        if document is self.document:
            return
        self.document = document
        self.documentChanged.emit(document)

    def set_coder(self, coder: Coder) -> None:
        self.coder = coder
        self.recount()
        self.coderChanged.emit(coder)

    def set_show_others(self, value: bool) -> None:
        if value != self.show_others:
            self.show_others = value
            self.showOthersChanged.emit(value)

    # ---- reading (through core services) ------------------------------------------------
    def documents(self) -> list[Document]:
        return list_documents(self.project)

    def layout(self, document: Document | None = None):
        return layout(self.project, document or self.document)

    def visible_segments(self, document: Document | None = None) -> list[Segment]:
        """Live codings of the document this coder may see (blind: only their own)."""
        document = document or self.document
        if document is None:
            return []
        coder = None if self.show_others else self.coder
        return segments(self.project, document=document, coder=coder)

    def suggested_segments(self, document: Document | None = None) -> list[Segment]:
        """This coder's dictionary suggestions awaiting review (drawn in their own style)."""
        document = document or self.document
        if document is None:
            return []
        return segments(self.project, document=document, coder=self.coder, status="suggested")

    def is_visible(self, segment: Segment) -> bool:
        return (segment.is_live and self.document is not None and segment.document_id == self.document.id
                and (self.show_others or segment.coder_id == self.coder.id))

    def is_suggestion_shown(self, segment: Segment) -> bool:
        return (segment.deleted is None and segment.status == "suggested" and self.document is not None
                and segment.document_id == self.document.id and segment.coder_id == self.coder.id)

    def is_own(self, segment: Segment) -> bool:
        return segment.coder_id == self.coder.id

    def codes(self) -> list[Code]:
        return codebook.all_codes(self.project)

    def pinned_codes(self) -> dict[int, Code]:
        """Number key -> code. Pins set in the codebook win; with none set, keys 1-9 go to
        the first nine codes (so a fresh project can be coded from the keyboard at once)."""
        leaves = codebook.leaf_codes(self.project)
        pinned = {c.pinned_key: c for c in leaves if c.pinned_key}
        if pinned:
            return pinned
        return {i + 1: c for i, c in enumerate(leaves[:9])}

    # ---- change notifications -------------------------------------------------------------
    def _on_changes(self, changes) -> None:
        kinds: dict[str, set] = {}
        for change in changes:
            kinds.setdefault(change.kind, set()).update(change.ids)
        if "codebook" in kinds:
            self.codebookChanged.emit()
        if "documents" in kinds:
            self.documentsChanged.emit()
        if "coders" in kinds:
            self.coderChanged.emit(self.coder)
        if "scales" in kinds:
            self.scalesChanged.emit()
        if "segments" in kinds:
            self.segmentsChanged.emit(kinds["segments"])
        if kinds.keys() & {"segments", "codebook", "documents", "coders"}:
            self._recount.start()

    def recount(self) -> None:
        """The current coder's segment counts per code and per document (for the tree and list)."""
        by_code, by_document = coder_counts(self.project, self.coder)
        self.code_counts = by_code
        self.document_counts = {d.uuid: by_document.get(d.uuid, 0) for d in self.documents()}
        self.countsChanged.emit()
