"""Coding from the window (a controller): apply a code (tree click, key 1-9, context menu), and
recode, edit the memo of, adjust or delete the selected segment. Every change is an operation
(``core.ops``) run by the workspace, so it is committed at once and Ctrl+Z undoes it.

What is selected lives in one place, ``workspace.selection``: the PDF view, the segment table
and the codebook follow it (``_show_selection``) and write to it (clicks, drags, rows)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu

from burgerannotator.core import codebook, duplicates
from burgerannotator.core.errors import UserError
from burgerannotator.core.ops import CodeArea, CodeSpan, DeleteSegment, Recode, Resize, SetSegmentMemo

from .ask import choose
from .code_picker import pick_code
from .memo_dialog import edit_memo
from .errors import guarded


class CodingActions(QObject):
    """Acts on the selection (a text span in the view, or a segment)."""

    message = Signal(str)  # for the status bar

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        view = window.pane.view
        view.segmentClicked.connect(self.select_segment)
        view.boundsChanged.connect(self._bounds_dragged)
        view.contextRequested.connect(self._view_menu)
        view.selectionChanged.connect(self._text_selected)
        view.areaChanged.connect(self._area_drawn)

    @property
    def workspace(self):
        return self.window.workspace

    @property
    def selection(self):
        return self.workspace.selection if self.workspace is not None else None

    def set_workspace(self, workspace) -> None:
        workspace.selection.changed.connect(self._show_selection)

    # ---- the selection -----------------------------------------------------------------------
    @property
    def selected_uuid(self) -> str | None:
        """The selected segment's uuid (read-only: select with ``select_segment``)."""
        return self.selection.segment if self.selection is not None else None

    def selected_segment(self):
        return self.workspace.selected_segment() if self.workspace is not None else None

    def _text_selected(self, span) -> None:
        ws = self.workspace
        if ws is None or ws.document is None:
            return
        if span is not None:
            ws.selection.select_span(ws.document.uuid, span.start, span.end)
        elif ws.selection.span is not None:
            ws.selection.clear()

    def _area_drawn(self, area) -> None:
        ws = self.workspace
        if ws is None or ws.document is None:
            return
        if area is not None:
            ws.selection.select_area(ws.document.uuid, area[0], area[1])
            self.message.emit(self.tr("Area drawn: apply a code to it (a code's key 1-9, Ctrl+K, or a click in the codebook)."))
        elif ws.selection.area is not None:
            ws.selection.clear()

    def select_segment(self, uuid: str | None) -> None:
        ws = self.workspace
        if ws is not None:
            ws.selection.select_segment(ws.document.uuid if ws.document else None, uuid)

    def _show_selection(self, selection) -> None:
        """Every widget shows the one selection."""
        view = self.window.pane.view
        if selection.span is None and view.selection_span() is not None:
            view.clear_selection(emit=False)
        if selection.area is None and view.selection_area() is not None:
            view.set_area(0, None, emit=False)
        if view.overlay.selected != selection.segment:
            view.set_selected_segment(selection.segment)
        if selection.segment is None:
            self.window.segments.clearSelection()
            return
        self.window.segments.select_uuid(selection.segment)
        seg = self.selected_segment()
        if seg is not None:
            self.window.codebook.select_code(seg.code.uuid)
            self.message.emit(self.tr('{code} by {coder}: "{quote}"').format(
                code=seg.code.name, coder=seg.coder.name, quote=" ".join(seg.quote.split())[:80]))

    # ---- applying codes --------------------------------------------------------------------
    @guarded
    def apply_code_uuid(self, uuid: str) -> None:
        code = codebook.find_code(self.workspace.project, uuid)
        if code.kind == "category":
            return  # a click on a category only opens it
        self.apply_code(code)

    @guarded
    def apply_pinned(self, key: int) -> None:
        if self.workspace is None:
            return
        code = self.workspace.pinned_codes().get(key)
        if code is None:
            raise UserError(self.tr("No code is pinned to key {key}; pin one from the codebook's context menu.")
                            .format(key=key))
        self.apply_code(code)

    @guarded
    def apply_code(self, code) -> None:
        """Code the selected text with ``code``; with no text selected, recode the selected segment."""
        ws = self.workspace
        if ws is None or ws.document is None:
            return
        if ws.selection.area is not None:
            page, rect = ws.selection.area
            uuid = ws.do(CodeArea(ws.document.uuid, code.uuid, ws.coder.uuid, page, rect), self).value
            ws.selection.select_segment(ws.document.uuid, uuid)
            seg = ws.segment(uuid)
            self.message.emit(self.tr("Coded {code} on an area of p. {page}.").format(code=code.name, page=seg.document.pages[seg.page_first].label))
            return
        span = ws.selection.span
        if span is not None:
            if self._double_coding(code, span[0], span[1]):
                return
            uuid = ws.do(CodeSpan(ws.document.uuid, code.uuid, ws.coder.uuid, span[0], span[1]), self).value
            ws.selection.select_segment(ws.document.uuid, uuid)
            seg = ws.segment(uuid)
            self.message.emit(self.tr("Coded {code} on p. {page}.").format(
                code=code.name, page=seg.document.pages[seg.page_first].label))
            return
        seg = self.selected_segment()
        if seg is None:
            self.message.emit(self.tr("Select text first: drag over words (double-click: a word, shift-click: extend)."))
            return
        ws.do(Recode(seg.uuid, code.uuid, by=ws.coder.uuid), self)
        self.message.emit(self.tr("Recoded as {code}.").format(code=code.name))
        self.window.codebook.select_code(code.uuid)  # the codebook shows the code it has now

    def _double_coding(self, code, start: int, end: int) -> bool:
        """True when the selection needs no new segment: already coded with ``code`` by this coder
        (said in the status bar), or an overlapping segment of ``code`` was extended (if the coder
        agreed). False: code the selection as a segment of its own."""
        ws = self.workspace
        start, end = duplicates.snapped(ws.project, ws.document, start, end)
        overlapping = duplicates.overlapping_codings(ws.project, ws.document, code, ws.coder, start, end, snap=False)
        if not overlapping:
            return False
        seg = overlapping[0]
        new_start, new_end = duplicates.extended_span(seg, start, end)
        if (new_start, new_end) == (seg.start, seg.end):  # the same passage, or inside the segment
            ws.selection.select_segment(ws.document.uuid, seg.uuid)
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
            ws.do(Resize(seg.uuid, new_start, new_end, by=ws.coder.uuid), self)
            ws.selection.select_segment(ws.document.uuid, seg.uuid)
            self.message.emit(self.tr("Extended your {code} segment; no second segment added.").format(code=code.name))
        return True

    # ---- the selected segment --------------------------------------------------------------
    def _own_selected(self):
        seg = self.selected_segment()
        if seg is not None and not self.workspace.is_own(seg):
            raise UserError(self.tr("This segment is {name}'s; you can only change your own segments.")
                            .format(name=seg.coder.name))
        return seg

    @guarded
    def recode_selected(self) -> None:
        seg = self._own_selected()
        if seg is None:
            return
        uuid = pick_code(self.window, codebook.leaf_codes(self.workspace.project), self.tr("Recode as"))
        if uuid:
            self.workspace.do(Recode(seg.uuid, uuid, by=self.workspace.coder.uuid), self)
            self.window.codebook.select_code(uuid)

    @guarded
    def code_selection_with(self) -> None:
        if self.selection is None or (self.selection.span is None and self.selection.area is None):
            return self.recode_selected()
        uuid = pick_code(self.window, codebook.leaf_codes(self.workspace.project), self.tr("Code with"))
        if uuid:
            self.apply_code(codebook.find_code(self.workspace.project, uuid))

    @guarded
    def edit_memo_selected(self) -> None:
        seg = self._own_selected()
        if seg is None:
            return
        text, ok = edit_memo(self.window, self.tr("Memo on {code}:").format(code=seg.code.name), seg.memo)
        if ok:
            self.set_memo(seg, text)

    @guarded
    def set_memo(self, seg, text: str) -> None:
        self.workspace.do(SetSegmentMemo(seg.uuid, text, by=self.workspace.coder.uuid), self)

    @guarded
    def delete_selected(self, uuid: str | None = None) -> None:
        if uuid:
            self.select_segment(uuid)
        seg = self._own_selected()
        if seg is None:
            return
        self.workspace.do(DeleteSegment(seg.uuid, by=self.workspace.coder.uuid), self)
        self.selection.clear()
        self.message.emit(self.tr("Segment deleted (Ctrl+Z brings it back)."))

    @guarded
    def _bounds_dragged(self, uuid: str, start: int, end: int) -> None:
        seg = self._own_selected()
        if seg is not None and seg.uuid == uuid:
            self.workspace.do(Resize(seg.uuid, start, end, by=self.workspace.coder.uuid), self)

    # ---- walking the segments -----------------------------------------------------------------
    @guarded
    def step_segment(self, step: int) -> None:
        """Select the next (step 1) or previous (-1) segment of the document in text order,
        after the selected segment, the selected text or, with neither, the page in view."""
        s, view = self.workspace, self.window.pane.view
        if s is None or s.document is None:
            return
        segs = sorted(s.visible_segments(), key=lambda g: (g.start, g.end, g.id))
        if not segs:
            self.message.emit(self.tr("No segments in this document yet."))
            return
        current = self.selected_segment()
        if current is not None:
            keys = [(g.start, g.end, g.id) for g in segs]
            i = keys.index((current.start, current.end, current.id)) + step
        else:
            span = view.selection_span()
            if span is not None:
                ref = span.start
            else:
                lo, hi = view.layout_.page_word_range(view.current_page()) if view.layout_ is not None else (0, 0)
                ref = int(view.layout_.spans[lo, 0]) if lo < hi else 0
            after = [k for k, g in enumerate(segs) if g.start >= ref]
            before = [k for k, g in enumerate(segs) if g.start < ref]
            i = (after[0] if after else len(segs)) if step > 0 else (before[-1] if before else -1)
        if not 0 <= i < len(segs):
            self.message.emit(self.tr("No next segment in this document.") if step > 0
                              else self.tr("No previous segment in this document."))
            return
        self.window.show_segment(segs[i].uuid)
        view.setFocus()

    # ---- context menu ----------------------------------------------------------------------
    def _view_menu(self, global_pos, uuid) -> None:
        menu = self.context_menu(uuid)
        if menu is not None:
            menu.exec(global_pos)

    def context_menu(self, uuid) -> QMenu | None:
        ws = self.workspace
        if ws is None or ws.document is None:
            return None
        menu = QMenu(self.window)
        if ws.selection.span is not None or ws.selection.area is not None:
            menu.addAction(self.tr("Code with... (searchable)"), self.code_selection_with)
            for key, code in sorted(ws.pinned_codes().items()):
                menu.addAction(f"{key}  {code.name}", lambda c=code: self.apply_code(c))
        elif uuid:
            self.select_segment(uuid)
            seg = self.selected_segment()
            if seg is not None and ws.is_own(seg):
                menu.addAction(self.tr("Recode as... (searchable)"), self.recode_selected)
                menu.addAction(self.tr("Edit memo..."), self.edit_memo_selected)
                menu.addAction(self.tr("Delete segment"), self.delete_selected)
            elif seg is not None:
                menu.addAction(self.tr("{name}'s segment (read only)").format(name=seg.coder.name)).setEnabled(False)
        else:
            menu.addAction(self.tr("Select text to code it (drag over words; Ctrl+drag: an area)")).setEnabled(False)
        return menu
