"""Coding from the window: apply a code (tree click, key 1-9, context menu), and recode,
edit the memo of, adjust or delete the selected segment. Every change goes through
``undo.Coding`` (committed at once, undoable)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMenu

from burgerannotator.core import codebook, duplicates
from burgerannotator.core.errors import UserError
from burgerannotator.core.segments import find_segment

from .ask import choose
from .code_picker import pick_code
from .errors import guarded


class CodingActions(QObject):
    """Knows the selection (text span in the view, or a segment) and acts on it."""

    message = Signal(str)  # for the status bar

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.selected_uuid: str | None = None
        view = window.pane.view
        view.segmentClicked.connect(self.select_segment)
        view.boundsChanged.connect(self._bounds_dragged)
        view.contextRequested.connect(self._view_menu)
        view.selectionChanged.connect(lambda span: span is not None and self._forget_segment())

    @property
    def session(self):
        return self.window.session

    def _forget_segment(self) -> None:
        self.selected_uuid = None
        self.window.pane.view.set_selected_segment(None)

    def selected_segment(self):
        if not self.selected_uuid or self.session is None:
            return None
        seg = find_segment(self.session.project, self.selected_uuid)
        return seg if self.session.is_visible(seg) else None

    def select_segment(self, uuid: str | None) -> None:
        self.selected_uuid = uuid
        if uuid:
            self.window.segments.select_uuid(uuid)
            seg = self.selected_segment()
            if seg is not None:
                self.window.codebook.select_code(seg.code.uuid)
                self.message.emit(f"{seg.code.code_id} by {seg.coder.name}: \"{seg.quote[:80]}\"")

    # ---- applying codes --------------------------------------------------------------------
    @guarded
    def apply_code_uuid(self, uuid: str) -> None:
        code = codebook.find_code(self.session.project, uuid)
        if code.kind == "category":
            return  # a click on a category only opens it
        self.apply_code(code)

    @guarded
    def apply_pinned(self, key: int) -> None:
        if self.session is None:
            return
        code = self.session.pinned_codes().get(key)
        if code is None:
            raise UserError(f"No code is pinned to key {key}; pin one from the codebook's context menu.")
        self.apply_code(code)

    @guarded
    def apply_code(self, code) -> None:
        """Code the selected text with ``code``; with no text selected, recode the selected segment."""
        s, view = self.session, self.window.pane.view
        if s is None or s.document is None:
            return
        span = view.selection_span()
        if span is not None:
            if self._double_coding(code, span.start, span.end):
                return
            seg = self.window.coding.create(s.document, code, span.start, span.end)
            view.clear_selection()
            view.set_selected_segment(seg.id)
            self.select_segment(seg.uuid)
            self.message.emit(f"Coded {code.code_id} on p. {seg.document.pages[seg.page_first].label}.")
            return
        seg = self.selected_segment()
        if seg is None:
            self.message.emit("Select text first: drag over words (double-click: a word, shift-click: extend).")
            return
        self._own(seg)
        self.window.coding.recode(seg, code)
        self.message.emit(f"Recoded as {code.code_id}.")

    def _double_coding(self, code, start: int, end: int) -> bool:
        """True when the selection needs no new segment: already coded with ``code`` by this coder
        (said in the status bar), or an overlapping segment of ``code`` was extended (if the coder
        agreed). False: code the selection as a segment of its own."""
        s, view = self.session, self.window.pane.view
        start, end = duplicates.snapped(s.project, s.document, start, end)
        overlapping = duplicates.overlapping_codings(s.project, s.document, code, s.coder, start, end, snap=False)
        if not overlapping:
            return False
        seg = overlapping[0]
        new_start, new_end = duplicates.extended_span(seg, start, end)
        if (new_start, new_end) == (seg.start, seg.end):  # the same passage, or inside the segment
            view.clear_selection()
            view.set_selected_segment(seg.id)
            self.select_segment(seg.uuid)
            self.message.emit(self.tr("Already coded: {code} on this passage; nothing added.")
                              .format(code=code.name))
            return True
        answer = choose(self.window, self.tr("Extend segment?"),
                        self.tr("You already coded {code} on an overlapping passage (p. {page}). "
                                "Extend that segment to cover the selection, or code the selection "
                                "as a second segment?").format(
                            code=code.name, page=seg.document.pages[seg.page_first].label),
                        [self.tr("Extend the segment"), self.tr("Code a second segment")], "extend-segment-question")
        if answer == 1:
            return False
        if answer == 0:
            self._own(seg)
            self.window.coding.set_bounds(seg, new_start, new_end)
            view.clear_selection()
            view.set_selected_segment(seg.id)
            self.select_segment(seg.uuid)
            self.message.emit(self.tr("Extended your {code} segment; no second segment added.").format(code=code.name))
        return True

    def _own(self, seg) -> None:
        if not self.session.is_own(seg):
            raise UserError(f"This segment is {seg.coder.name}'s; you can only change your own segments.")

    # ---- the selected segment --------------------------------------------------------------
    @guarded
    def recode_selected(self) -> None:
        seg = self.selected_segment()
        if seg is None:
            return
        self._own(seg)
        uuid = pick_code(self.window, codebook.leaf_codes(self.session.project), "Recode as")
        if uuid:
            self.window.coding.recode(seg, codebook.find_code(self.session.project, uuid))

    @guarded
    def code_selection_with(self) -> None:
        if self.window.pane.view.selection_span() is None:
            return self.recode_selected()
        uuid = pick_code(self.window, codebook.leaf_codes(self.session.project), "Code with")
        if uuid:
            self.apply_code(codebook.find_code(self.session.project, uuid))

    @guarded
    def edit_memo_selected(self) -> None:
        seg = self.selected_segment()
        if seg is None:
            return
        self._own(seg)
        text, ok = QInputDialog.getMultiLineText(self.window, "Memo", f"Memo on {seg.code.code_id}:", seg.memo)
        if ok:
            self.window.coding.set_memo(seg, text)

    @guarded
    def set_memo(self, seg, text: str) -> None:
        self._own(seg)
        self.window.coding.set_memo(seg, text)

    @guarded
    def delete_selected(self, uuid: str | None = None) -> None:
        if uuid:
            self.selected_uuid = uuid
        seg = self.selected_segment()
        if seg is None:
            return
        self._own(seg)
        self.window.coding.delete(seg)
        self._forget_segment()
        self.message.emit("Segment deleted (Ctrl+Z brings it back).")

    @guarded
    def _bounds_dragged(self, segment_id: int, start: int, end: int) -> None:
        seg = self.selected_segment()
        if seg is not None and seg.id == segment_id:
            self._own(seg)
            self.window.coding.set_bounds(seg, start, end)

    # ---- context menu ----------------------------------------------------------------------
    def _view_menu(self, global_pos, uuid) -> None:
        menu = self.context_menu(uuid)
        if menu is not None:
            menu.exec(global_pos)

    def context_menu(self, uuid) -> QMenu | None:
        if self.session is None or self.session.document is None:
            return None
        menu = QMenu(self.window)
        view = self.window.pane.view
        if view.selection_span() is not None:
            menu.addAction("Code with... (searchable)", self.code_selection_with)
            for key, code in sorted(self.session.pinned_codes().items()):
                menu.addAction(f"{key}  {code.name}", lambda c=code: self.apply_code(c))
        elif uuid:
            self.select_segment(uuid)
            seg = self.selected_segment()
            if seg is not None and self.session.is_own(seg):
                menu.addAction("Recode as... (searchable)", self.recode_selected)
                menu.addAction("Edit memo...", self.edit_memo_selected)
                menu.addAction("Delete segment", self.delete_selected)
            elif seg is not None:
                menu.addAction(f"{seg.coder.name}'s segment (read only)").setEnabled(False)
        else:
            menu.addAction("Select text to code it (drag over words)").setEnabled(False)
        return menu
