"""Undo (and redo): put back the rows an operation wrote, as they were before it.

``run`` gives every undoable operation the inverse ``Revert(label, before, after)``:
``before`` maps each row the operation wrote, (table, primary key), to its image before
(``None``: the row did not exist, so undo removes it); ``after`` holds the same rows as the
operation left them. ``Revert`` first checks that the rows still look like ``after`` (apart
from ``modified``): if anything else wrote them since (a merge, another window), undoing would
write a stale "before" over newer work, so it refuses (``StaleUndo``). Running a ``Revert`` is
itself an undoable operation, whose inverse is the redo. Restored rows get a new ``modified``
(an undo is an edit: a later merge must prefer it over older copies).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect

from ..errors import UserError
from ..journal import Key, _mappers
from ..models import utcnow
from .base import Operation

IGNORED = ("modified",)


class StaleUndo(UserError):
    """What an undo would restore has been changed since by something outside the history."""


@dataclass
class Revert(Operation):
    caption: str
    before: dict[Key, dict | None]
    after: dict[Key, dict | None]

    label = "Undo"

    def apply(self, project) -> None:
        now = project.journal.read_rows(list(self.after))
        for key, expected in self.after.items():
            if _strip(now[key]) != _strip(expected):
                raise StaleUndo(f"Cannot undo \"{self.caption}\": what it changed has been changed since.")
        s = project.session
        mappers = _mappers()
        touched = []
        # rows the operation made go first (newest first, children before their parents) ...
        made = [k for k, img in self.before.items() if img is None]
        for table, pk in reversed(made):
            obj = s.get(mappers[table].class_, pk)
            if obj is not None:
                s.delete(obj)
                s.flush()
        # ... then rows it removed come back (parents first: the reverse of the order they went) ...
        for (table, pk), image in reversed(list(self.before.items())):
            cls = mappers[table].class_
            if image is not None and s.get(cls, pk) is None:
                obj = cls(**image)
                if hasattr(obj, "modified"):
                    obj.modified = utcnow()
                s.add(obj)
                s.flush()
                touched.append(obj)
        # ... and rows it changed are put back
        for (table, pk), image in self.before.items():
            obj = s.get(mappers[table].class_, pk) if image is not None else None
            if obj is None or obj in touched:
                continue
            for attr, value in image.items():
                if attr not in IGNORED and getattr(obj, attr) != value:
                    setattr(obj, attr, value)
            if hasattr(obj, "modified"):
                obj.modified = utcnow()
            touched.append(obj)
        s.flush()
        for obj in touched:  # relationships (segment.code, code.children, ...) reload from the columns
            if inspect(obj).persistent:
                s.expire(obj)
        if any(table == "code" for table, _pk in self.before):
            from ..models import Code

            for obj in list(s.identity_map.values()):
                if isinstance(obj, Code):
                    s.expire(obj)


def _strip(image: dict | None) -> dict | None:
    if image is None:
        return None
    return {k: v for k, v in image.items() if k not in IGNORED}


__all__ = ["Revert", "StaleUndo"]
