"""The open project as the widgets see it: who codes, which document is shown, blind mode,
the selection, the undo history, and the one bridge by which views hear of changes.

- Writes: a controller builds an operation (``core.ops``) and calls ``workspace.do(op)``;
  it runs through the core ``History`` (so Ctrl+Z reaches it) in one transaction.
- Changes: after every commit the workspace emits ``changed(changes, initiator)`` once
  (``core.changes.Changes``: uuids per kind). Views subscribe with ``listen(owner, kinds, fn)``,
  which declares the kinds they care about and isolates them from each other: a view whose
  refresh raises is reported (``listenerFailed``) and the others still hear the change.
- Reads: views ask this object (which asks the core read services); widgets hold no SQL.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from burgerannotator.core import codebook
from burgerannotator.core.changes import Changes
from burgerannotator.core.documents import layout, list_documents
from burgerannotator.core.errors import NotFoundError, ProjectReadOnlyError
from burgerannotator.core.history import History
from burgerannotator.core.info import coder_counts
from burgerannotator.core.models import Code, Coder, Document, Segment
from burgerannotator.core.ops import Operation, Result
from burgerannotator.core.segments import find_segment, segments

from .selection import Selection

log = logging.getLogger(__name__)

UNDO, REDO = "undo", "redo"  # the initiator of changes made by the history's undo and redo


class Workspace(QObject):
    """One open project in the window."""

    changed = Signal(object, object)      # Changes, initiator (who asked: a widget, UNDO, REDO or None)
    documentChanged = Signal(object)      # Document | None
    coderChanged = Signal(object)         # Coder
    showOthersChanged = Signal(bool)
    countsChanged = Signal()              # segment counts per code / document were recounted
    historyChanged = Signal()             # what Undo / Redo would do changed
    listenerFailed = Signal(str)          # a view failed to follow a change (one line, for the status bar)

    def __init__(self, project, coder: Coder, show_others: bool = False, parent=None, count_now: bool = True):
        super().__init__(parent)
        self.project = project
        self.coder = coder
        self.document: Document | None = None
        self.show_others = show_others
        self.history = History(project)
        self.history.subscribe(self.historyChanged.emit)
        self.selection = Selection(self)
        self.code_counts: dict[str, int] = {}       # code_id -> segments of the current coder
        self.document_counts: dict[str, int] = {}   # document uuid -> segments of the current coder
        self.failures: list[str] = []               # listener failures reported so far
        self._segments: dict[str, Segment] = {}     # looked up since the last commit (by uuid)
        self._initiator = None
        self._recount = QTimer(self, singleShot=True, interval=60)
        self._recount.timeout.connect(self.recount)
        project.subscribe(self._on_commit)
        if count_now:  # else the window calls recount() once the first page is on screen (a GROUP BY over
            self.recount()  # every segment: a third of a second at 500k); till then every document has 0
        else:
            self.document_counts = {d.uuid: 0 for d in self.documents()}

    def close(self) -> None:
        self.project.unsubscribe(self._on_commit)

    # ---- writing ------------------------------------------------------------------------------
    def do(self, op: Operation, initiator=None) -> Result:
        """Run a write through the history (undoable unless it is a barrier: import, merge, ...)."""
        if self.project.readonly:
            raise ProjectReadOnlyError(QCoreApplication.translate(
                "Workspace", "This project is open read-only: nothing can be changed. Copy it to a folder you can "
                "write to and open the copy."))
        return self._through(lambda: self.history.do(op), initiator)

    def undo(self) -> Result | None:
        return self._through(self.history.undo, UNDO)

    def redo(self) -> Result | None:
        return self._through(self.history.redo, REDO)

    def _through(self, fn, initiator):
        self._initiator = initiator
        try:
            return fn()
        finally:
            self._initiator = None

    # ---- the bridge to the views --------------------------------------------------------------
    def _on_commit(self, changes: Changes) -> None:
        self._segments.clear()  # a commit may have changed or removed any of them
        self.changed.emit(changes, self._initiator)
        if changes.touches("segments", "codes", "documents", "coders"):
            self._recount.start()

    def listen(self, owner: QObject, kinds: tuple[str, ...], fn: Callable[[Changes, object], None]) -> None:
        """Call ``fn(changes, initiator)`` after each commit that touches one of ``kinds``
        (empty: every commit), for as long as ``owner`` lives. Exceptions stay inside."""
        name = owner.objectName() or type(owner).__name__

        def slot(changes, initiator) -> None:
            if kinds and not changes.touches(*kinds):
                return
            try:
                fn(changes, initiator)
            except Exception as exc:  # one view failing must not stop the others hearing the change
                line = f"{name} could not show the last change: {exc}"
                log.error("%s\n%s", line, traceback.format_exc())
                self.failures.append(line)
                self.listenerFailed.emit(line)

        self.changed.connect(slot)
        owner.destroyed.connect(lambda *_a: self._disconnect(slot))

    def _disconnect(self, slot) -> None:
        try:
            self.changed.disconnect(slot)
        except (RuntimeError, TypeError):
            pass

    # ---- state ---------------------------------------------------------------------------------
    def set_document(self, document: Document | None) -> None:
        if document is self.document:
            return
        self.document = document
        self.selection.reset(document.uuid if document is not None else None)
        self.documentChanged.emit(document)

    def set_coder(self, coder: Coder) -> None:
        """Another coder works in the window: nothing of the previous coder stays selected,
        and nothing they did can be undone by the next (a history barrier)."""
        self.coder = coder
        self.history.barrier()
        self.selection.reset(self.document.uuid if self.document is not None else None)
        self.recount()
        self.coderChanged.emit(coder)

    def set_show_others(self, value: bool) -> None:
        if value != self.show_others:
            self.show_others = value
            self.showOthersChanged.emit(value)

    # ---- reading (through core services) --------------------------------------------------------
    def documents(self) -> list[Document]:
        return list_documents(self.project)

    def layout(self, document: Document | None = None):
        return layout(self.project, document or self.document)

    def segment(self, uuid: str | None) -> Segment | None:
        """The segment of this uuid, or None (gone, or no uuid)."""
        if not uuid:
            return None
        seg = self._segments.get(uuid)  # several views ask for the same segments after one commit
        if seg is None:
            try:
                seg = self._segments[uuid] = find_segment(self.project, uuid)
            except NotFoundError:
                return None
        return seg

    def selected_segment(self) -> Segment | None:
        """The selected segment, if this coder may see it."""
        seg = self.segment(self.selection.segment)
        return seg if seg is not None and self.is_visible(seg) else None

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

    def recount(self) -> None:
        """The current coder's segment counts per code and per document (for the tree and list)."""
        by_code, by_document = coder_counts(self.project, self.coder)
        self.code_counts = by_code
        self.document_counts = {d.uuid: by_document.get(d.uuid, 0) for d in self.documents()}
        self.countsChanged.emit()
