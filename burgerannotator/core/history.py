"""The one undo history of an open project (no Qt; the window's Undo/Redo are a front end).

``History.do(op)`` runs an operation (``ops.run``) and keeps its inverse; ``undo`` runs the
inverse and keeps *its* inverse for ``redo``. Every step is one committed transaction.

A barrier empties the history, so undo never reaches back across work it did not make:
an operation that cannot be undone and wrote something (import, merge, a new coder) sets
one, and so does ``barrier()`` (the window calls it on a coder switch). Even so, an undo
checks that the rows still look as the operation left them (``ops.revert.StaleUndo``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .ops.base import Operation, Result, run
from .ops.revert import StaleUndo

LIMIT = 200  # steps kept


@dataclass
class Step:
    text: str            # "Code MECH-BURGERBERAAD"
    inverse: Operation   # what undoes (or, on the redo list, redoes) it


class History:
    def __init__(self, project, limit: int = LIMIT):
        self.project = project
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._listeners: list[Callable[[], None]] = []

    # ---- state ----------------------------------------------------------------------------
    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str:
        return self._undo[-1].text if self._undo else ""

    def redo_text(self) -> str:
        return self._redo[-1].text if self._redo else ""

    def __len__(self) -> int:
        return len(self._undo)

    def subscribe(self, listener: Callable[[], None]) -> None:
        """``listener()`` whenever what can be undone or redone changes."""
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    # ---- doing ----------------------------------------------------------------------------
    def do(self, op: Operation) -> Result:
        result = run(self.project, op)
        if result.inverse is not None:
            self._undo.append(Step(op.describe(), result.inverse))
            del self._undo[:-self.limit]
            self._redo.clear()
        elif not op.undoable and result.changes:
            self._undo.clear()
            self._redo.clear()
        self._notify()
        return result

    def undo(self) -> Result | None:
        return self._step(self._undo, self._redo)

    def redo(self) -> Result | None:
        return self._step(self._redo, self._undo)

    def _step(self, source: list[Step], target: list[Step]) -> Result | None:
        if not source:
            return None
        step = source.pop()
        try:
            result = run(self.project, step.inverse)
        except StaleUndo:
            self.barrier()
            raise
        if result.inverse is not None:
            target.append(Step(step.text, result.inverse))
        self._notify()
        return result

    def barrier(self) -> None:
        """Forget every step: nothing done before can be undone any more."""
        if self._undo or self._redo:
            self._undo.clear()
            self._redo.clear()
            self._notify()


__all__ = ["History", "Step"]
