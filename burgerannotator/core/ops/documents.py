"""Operations on what is said about documents, codes and the project: document attributes,
scale values (e.g. DIEPGANG) and memos."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import documents as _documents
from .. import memos as _memos
from .. import scales as _scales
from ..models import Coder, Document, Scale
from .base import Operation, row


@dataclass
class SetAttributes(Operation):
    """Set document attributes (city, rank, ...); a value of None or "" removes the attribute."""

    document: str
    values: dict = field(default_factory=dict)
    label = "Edit attributes"

    def apply(self, project) -> None:
        doc = row(project, Document, self.document, "document")
        self.caption = f"Edit attributes of {doc.label}"
        for name, value in self.values.items():
            if (doc.attributes or {}).get(name) != (None if value in (None, "") else value):
                _documents.set_attribute(project, doc, name, value)


@dataclass
class SetScaleValue(Operation):
    """A coder's value of a document scale (None clears it)."""

    document: str
    scale: str
    coder: str
    value: int | None
    label = "Set scale value"

    def apply(self, project) -> None:
        doc, scale = row(project, Document, self.document, "document"), row(project, Scale, self.scale, "scale")
        coder = row(project, Coder, self.coder, "coder")
        self.caption = f"Set {scale.scale_id}"
        if _scales.scale_value(project, doc, scale, coder) != self.value:
            _scales.set_scale_value(project, doc, scale, coder, self.value)


@dataclass
class SetMemo(Operation):
    """A coder's memo on a document, a code or the project (``kind``; ``target`` its uuid)."""

    kind: str
    target: str
    coder: str
    text: str
    label = "Edit memo"

    def apply(self, project) -> None:
        coder = row(project, Coder, self.coder, "coder")
        self.caption = f"Memo on {self.kind}"
        if _memos.get_memo(project, self.kind, self.target, coder) != self.text:
            _memos.set_memo(project, self.kind, self.target, coder, self.text)


__all__ = ["SetAttributes", "SetScaleValue", "SetMemo"]
