"""Operations on the codebook: add, update (rename, recolour, redefine), pin, move, merge,
delete codes; load a codebook file's contents."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import codebook as _codebook
from ..models import Code
from .base import Operation, row


def _code(project, uuid: str | None) -> Code | None:
    return None if uuid is None else row(project, Code, uuid, "code")


@dataclass
class AddCode(Operation):
    """A new code (or category) under ``parent``. Value: its uuid."""

    name: str
    parent: str | None = None
    code_id: str | None = None
    color: str | None = None
    definition: str = ""
    kind: str = "code"
    label = "Add code"

    def apply(self, project) -> str:
        self.caption = f"Add {self.kind} {self.name.strip()}"
        return _codebook.add_code(project, self.name, _code(project, self.parent), self.code_id, self.color,
                                  self.definition, self.kind).uuid


@dataclass
class UpdateCode(Operation):
    """Rename, recolour, redefine: any of name, color, definition, include, exclude, terms."""

    code: str
    fields: dict = field(default_factory=dict)
    label = "Edit code"

    def apply(self, project) -> None:
        code = row(project, Code, self.code, "code")
        what = "Rename" if "name" in self.fields else "Recolour" if "color" in self.fields else "Edit"
        self.caption = f"{what} {code.code_id}"
        if "pinned_key" in self.fields:
            raise ValueError("pin with PinCode")
        changed = {k: v for k, v in self.fields.items() if getattr(code, k) != v}
        if changed:
            _codebook.update_code(project, code, **changed)


@dataclass
class PinCode(Operation):
    """Put a code on number key 1-9 (the code that had the key loses it); ``key`` None unpins."""

    code: str
    key: int | None
    label = "Pin code"

    def apply(self, project) -> None:
        code = row(project, Code, self.code, "code")
        self.caption = f"Pin {code.code_id}" if self.key else f"Unpin {code.code_id}"
        if code.pinned_key != self.key:
            _codebook.update_code(project, code, pinned_key=self.key)


@dataclass
class MoveCode(Operation):
    code: str
    parent: str | None
    position: int | None = None
    label = "Move code"

    def apply(self, project) -> None:
        code = row(project, Code, self.code, "code")
        self.caption = f"Move {code.code_id}"
        _codebook.move_code(project, code, _code(project, self.parent), self.position)


@dataclass
class MergeCodes(Operation):
    """Every segment of ``source`` goes to ``target``; ``source`` is retired. Value: segments moved."""

    source: str
    target: str
    label = "Merge codes"

    def apply(self, project) -> int:
        source, target = row(project, Code, self.source, "code"), row(project, Code, self.target, "code")
        self.caption = f"Merge {source.code_id} into {target.code_id}"
        return _codebook.merge_codes(project, source, target)


@dataclass
class DeleteCode(Operation):
    """Delete a code; its segments: 'refuse' (error if any), 'delete' or 'move' (to ``move_to``).
    Value: the number of segments it had."""

    code: str
    segments: str = "refuse"
    move_to: str | None = None
    label = "Delete code"

    def apply(self, project) -> int:
        code = row(project, Code, self.code, "code")
        self.caption = f"Delete {code.code_id}"
        return _codebook.delete_code(project, code, self.segments, _code(project, self.move_to))


@dataclass
class ImportCodebook(Operation):
    """Add a codebook file's categories, codes and scales (``codebook.load_codebook_file``).
    Value: the number of codes added."""

    data: dict
    label = "Load codebook"

    def apply(self, project) -> int:
        return _codebook.import_codebook(project, self.data)


__all__ = ["AddCode", "UpdateCode", "PinCode", "MoveCode", "MergeCodes", "DeleteCode", "ImportCodebook"]
