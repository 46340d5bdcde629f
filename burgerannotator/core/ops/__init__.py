"""Every user-level write, as an operation: ``run(project, op)`` applies it in one
transaction and returns a ``Result`` (what changed, its inverse, its value).

The GUI runs operations through ``core.history.History`` (undo/redo); the CLI runs them
with ``run``. Nothing else writes: the older functions in ``core.segments``,
``core.codebook``, ... are the internals operations call.
"""
from .base import Operation, Result, row, run
from .codebook import AddCode, DeleteCode, ImportCodebook, MergeCodes, MoveCode, PinCode, UpdateCode
from .coding import (
    CodeArea,
    CodeQuote,
    CodeSpan,
    DeleteSegment,
    Recode,
    RemoveDuplicates,
    Resize,
    RestoreSegment,
    SetSegmentMemo,
)
from .decisions import (
    AcceptAgreed,
    AcceptAll,
    AcceptAllSuggestions,
    AcceptCoder,
    AcceptSpan,
    Autocode,
    DecideSuggestion,
    RejectPassage,
    WithdrawDecision,
)
from .documents import SetAttributes, SetMemo, SetScaleValue
from .exchange import ImportQdc, ImportQdpx
from .project import EnsureCoder, ImportPdf, ImportPdfs, MergeProjects, RecogniseDocument, RenameCoder
from .revert import Revert, StaleUndo

__all__ = [
    "Operation", "Result", "run", "row", "Revert", "StaleUndo",
    "CodeSpan", "CodeQuote", "CodeArea", "Recode", "Resize", "SetSegmentMemo", "DeleteSegment", "RestoreSegment",
    "RemoveDuplicates",
    "AddCode", "UpdateCode", "PinCode", "MoveCode", "MergeCodes", "DeleteCode", "ImportCodebook",
    "SetAttributes", "SetScaleValue", "SetMemo",
    "AcceptCoder", "AcceptAll", "AcceptSpan", "RejectPassage", "WithdrawDecision", "AcceptAgreed",
    "DecideSuggestion", "AcceptAllSuggestions", "Autocode",
    "ImportPdfs", "ImportPdf", "RecogniseDocument", "MergeProjects", "EnsureCoder", "RenameCoder",
    "ImportQdc", "ImportQdpx",
]
