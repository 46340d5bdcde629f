"""Operations on segments: code a span or a quote, recode, resize, memo, delete, restore."""
from __future__ import annotations

from dataclasses import dataclass

from .. import segments as _segments
from ..errors import UserError
from ..models import Code, Coder, Document, Segment
from .base import Operation, row


def _segment(project, uuid: str) -> Segment:
    return row(project, Segment, uuid, "segment")


def _own(segment: Segment, coder_uuid: str | None) -> None:
    """A coder changes only their own segments (``coder_uuid`` None: no check, e.g. the CLI)."""
    if coder_uuid is not None and segment.coder.uuid != coder_uuid:
        raise UserError(f"This segment is {segment.coder.name}'s; you can only change your own segments.")


@dataclass
class CodeSpan(Operation):
    """Code the text from ``start`` to ``end`` (snapped to whole words). Value: the segment's uuid."""

    document: str
    code: str
    coder: str
    start: int
    end: int
    memo: str = ""
    label = "Code"

    def apply(self, project) -> str:
        code = row(project, Code, self.code, "code")
        self.caption = f"Code {code.code_id}"
        seg = _segments.create_segment(project, row(project, Document, self.document, "document"), code,
                                       row(project, Coder, self.coder, "coder"), self.start, self.end, self.memo)
        return seg.uuid


@dataclass
class CodeQuote(Operation):
    """Code the place where ``quote`` stands (its ``occurrence``-th time). Value: the segment's uuid."""

    document: str
    quote: str
    code: str
    coder: str
    memo: str = ""
    occurrence: int = 1
    label = "Code"

    def apply(self, project) -> str:
        code = row(project, Code, self.code, "code")
        self.caption = f"Code {code.code_id}"
        seg = _segments.code_quote(project, row(project, Document, self.document, "document"), self.quote, code,
                                   row(project, Coder, self.coder, "coder"), self.memo, self.occurrence)
        return seg.uuid


@dataclass
class CodeArea(Operation):
    """Code a rectangle [x0, y0, x1, y1] (points, displayed page space) of page ``page`` (0-based)
    as an area segment (issue 15). Value: the segment's uuid."""

    document: str
    code: str
    coder: str
    page: int
    rect: tuple
    memo: str = ""
    label = "Code area"

    def apply(self, project) -> str:
        from ..areas import create_area

        code = row(project, Code, self.code, "code")
        self.caption = f"Code area {code.code_id}"
        seg = create_area(project, row(project, Document, self.document, "document"), self.page, list(self.rect),
                          code, row(project, Coder, self.coder, "coder"), self.memo)
        return seg.uuid


@dataclass
class Recode(Operation):
    segment: str
    code: str
    by: str | None = None  # the coder acting (must own the segment); None: no check
    label = "Recode"

    def apply(self, project) -> None:
        seg, code = _segment(project, self.segment), row(project, Code, self.code, "code")
        _own(seg, self.by)
        self.caption = f"Recode as {code.code_id}"
        if seg.code_pk != code.id:
            _segments.recode(project, seg, code)


@dataclass
class Resize(Operation):
    """New bounds for a segment (snapped to whole words; its quote and boxes follow)."""

    segment: str
    start: int
    end: int
    by: str | None = None
    label = "Adjust segment"

    def apply(self, project) -> None:
        seg = _segment(project, self.segment)
        _own(seg, self.by)
        if (self.start, self.end) != (seg.start, seg.end):
            _segments.set_bounds(project, seg, self.start, self.end)


@dataclass
class SetSegmentMemo(Operation):
    segment: str
    memo: str
    by: str | None = None
    label = "Edit memo"

    def apply(self, project) -> None:
        seg = _segment(project, self.segment)
        _own(seg, self.by)
        if seg.memo != self.memo:
            _segments.set_memo(project, seg, self.memo)


@dataclass
class DeleteSegment(Operation):
    """Tombstone a segment (merges carry the deletion; undo brings the same uuid back)."""

    segment: str
    by: str | None = None
    label = "Delete segment"

    def apply(self, project) -> None:
        seg = _segment(project, self.segment)
        _own(seg, self.by)
        if seg.deleted is None:
            _segments.delete_segment(project, seg)


@dataclass
class RestoreSegment(Operation):
    segment: str
    label = "Restore segment"

    def apply(self, project) -> None:
        seg = _segment(project, self.segment)
        if seg.deleted is not None:
            _segments.restore_segment(project, seg)


@dataclass
class RemoveDuplicates(Operation):
    """Tombstone every exact duplicate coding, keeping the oldest of each. Value: how many."""

    coder: str | None = None  # who asks (logged)
    label = "Remove duplicate codings"

    def apply(self, project) -> int:
        from ..duplicates import remove_exact_duplicates

        return remove_exact_duplicates(project, row(project, Coder, self.coder, "coder") if self.coder else None)


__all__ = ["RemoveDuplicates", "CodeArea", "CodeSpan", "CodeQuote", "Recode", "Resize", "SetSegmentMemo", "DeleteSegment", "RestoreSegment"]
