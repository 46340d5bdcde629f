"""Undo and redo for every change, as QUndoCommands that call the core services.

The change itself is made *before* the command is pushed (so a UserError reaches the
action boundary and nothing lands on the stack); the first ``redo`` Qt calls on push is
skipped. Every undo and redo is its own committed transaction.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from burgerannotator.core import segments as seg_service
from burgerannotator.core.models import Code, Document, Segment


class _Command(QUndoCommand):
    def __init__(self, text: str):
        super().__init__(text)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.do()

    def do(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class CreateSegmentCommand(_Command):
    def __init__(self, project, segment: Segment):
        super().__init__(f"Code {segment.code.code_id}")
        self.project, self.segment = project, segment

    def do(self) -> None:
        seg_service.restore_segment(self.project, self.segment)

    def undo(self) -> None:
        seg_service.delete_segment(self.project, self.segment)


class SegmentStateCommand(_Command):
    """Recode, memo, boundaries, delete: the segment's state before and after."""

    def __init__(self, text: str, project, segment: Segment, before: dict, after: dict):
        super().__init__(text)
        self.project, self.segment, self.before, self.after = project, segment, before, after

    def do(self) -> None:
        seg_service.restore_state(self.project, self.segment, self.after)

    def undo(self) -> None:
        seg_service.restore_state(self.project, self.segment, self.before)


class FunctionCommand(_Command):
    """Any other change given as a pair of calls (codebook edits, attributes, scales)."""

    def __init__(self, text: str, redo_fn: Callable[[], None], undo_fn: Callable[[], None]):
        super().__init__(text)
        self._redo_fn, self._undo_fn = redo_fn, undo_fn

    def do(self) -> None:
        self._redo_fn()

    def undo(self) -> None:
        self._undo_fn()


class Coding:
    """The coding actions of the window, each one committed and put on the undo stack."""

    def __init__(self, session, stack: QUndoStack):
        self.session, self.stack = session, stack

    @property
    def project(self):
        return self.session.project

    def create(self, document: Document, code: Code, start: int, end: int, memo: str = "") -> Segment:
        seg = seg_service.create_segment(self.project, document, code, self.session.coder, start, end, memo)
        self.stack.push(CreateSegmentCommand(self.project, seg))
        return seg

    def create_area(self, document: Document, code: Code, page: int, rect, memo: str = "") -> Segment:
        """Code a rectangle of a page (issue 15); undo deletes the area, redo brings it back."""
        from burgerannotator.core.areas import create_area

        seg = create_area(self.project, document, page, rect, code, self.session.coder, memo)
        self.stack.push(CreateSegmentCommand(self.project, seg))
        return seg

    def _change(self, text: str, segment: Segment, fn: Callable[[], None]) -> None:
        before = seg_service.copy_state(segment)
        fn()
        self.stack.push(SegmentStateCommand(text, self.project, segment, before, seg_service.copy_state(segment)))

    def recode(self, segment: Segment, code: Code) -> None:
        if segment.code_id != code.id:
            self._change(f"Recode as {code.code_id}", segment,
                         lambda: seg_service.recode(self.project, segment, code))

    def set_memo(self, segment: Segment, memo: str) -> None:
        if memo != segment.memo:
            self._change("Edit memo", segment, lambda: seg_service.set_memo(self.project, segment, memo))

    def set_bounds(self, segment: Segment, start: int, end: int) -> None:
        if (start, end) != (segment.start, segment.end):
            self._change("Adjust segment", segment,
                         lambda: seg_service.set_bounds(self.project, segment, start, end))

    def delete(self, segment: Segment) -> None:
        self._change("Delete segment", segment, lambda: seg_service.delete_segment(self.project, segment))

    def call(self, text: str, redo_fn: Callable[[], None], undo_fn: Callable[[], None]) -> None:
        """Run ``redo_fn`` now and make it undoable by ``undo_fn``."""
        redo_fn()
        self.stack.push(FunctionCommand(text, redo_fn, undo_fn))
