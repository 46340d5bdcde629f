"""What an operation is, and ``run``: the one way a write reaches the project file.

An ``Operation`` is a small value (uuids, numbers, text; no ORM objects) whose ``apply``
makes one user-level change. ``run(project, op)`` applies it in one transaction and
returns a ``Result``:

- ``changes``: the ``Changes`` the transaction wrote (recorded by the project's journal
  from the rows flushed, so an operation cannot forget to report a row);
- ``inverse``: for an undoable operation, a ``Revert`` that puts every row it wrote back
  as it was (``None`` when it wrote nothing or cannot be undone: import, merge, coder
  creation; those are barriers for ``History``);
- ``value``: what ``apply`` returned (e.g. the uuid of the segment made).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..changes import NOTHING, Changes
from ..errors import NotFoundError


class Operation:
    """One user-level write. Subclasses are dataclasses and define ``apply``."""

    label: ClassVar[str] = "Change"   # the Undo/Redo menu text ("Undo Code MECH-X")
    undoable: ClassVar[bool] = True   # False: a barrier in the history (import, merge, new coder)
    in_one_transaction: ClassVar[bool] = True

    def apply(self, project) -> Any:  # pragma: no cover - every operation defines it
        raise NotImplementedError

    def describe(self) -> str:
        return getattr(self, "caption", None) or self.label


@dataclass
class Result:
    op: Operation
    changes: Changes = NOTHING
    inverse: Operation | None = None
    value: Any = None


def run(project, op: Operation) -> Result:
    """Apply ``op`` in one transaction; what it changed, its inverse and its value."""
    from .revert import Revert

    with project.collecting() as box:
        if not op.in_one_transaction:
            value = op.apply(project)
            return Result(op, box[0], None, value)
        with project.transaction() as s:
            if op.undoable:
                with project.journal.recording() as images:
                    value = op.apply(project)
                    s.flush()
                before = dict(images.before)
                inverse = Revert(op.describe(), before, project.journal.read_rows(list(before))) if before else None
            else:
                value = op.apply(project)
                s.flush()
                inverse = None
    return Result(op, box[0], inverse, value)


# ---- finding rows by uuid (operations name everything by uuid) -------------------------------------
def row(project, model, uuid: str, what: str):
    from ..lookup import by_uuid

    found = by_uuid(project, model, uuid)
    if found is None:
        raise NotFoundError(f"No {what} {uuid} in this project.")
    return found


__all__ = ["Operation", "Result", "run", "row"]
