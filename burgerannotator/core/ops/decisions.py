"""Operations that decide: consensus on a passage where coders differ (``core.consensus``),
and the review of the dictionary's suggestions (``core.suggestions``, ``core.dictionary``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import consensus as _consensus
from .. import suggestions as _suggestions
from ..disagreements import Passage
from ..models import Code, Coder, Document, Segment
from .base import Operation, row


def _coder(project, uuid: str) -> Coder:
    return row(project, Coder, uuid, "coder")


# ---- consensus ------------------------------------------------------------------------------
@dataclass
class AcceptCoder(Operation):
    """Take one coder's segment(s) of the passage as the consensus. Value: the uuids made."""

    passage: Passage
    coder: str
    decider: str
    label = "Accept"

    def apply(self, project) -> list[str]:
        coder = _coder(project, self.coder)
        self.caption = f"Accept {coder.name} on {self.passage.code_id}"
        return [s.uuid for s in _consensus.accept_coder(project, self.passage, coder, _coder(project, self.decider))]


@dataclass
class AcceptAll(Operation):
    """Take every coder's segment of the passage (accept both). Value: the uuids made."""

    passage: Passage
    decider: str
    label = "Accept all"

    def apply(self, project) -> list[str]:
        self.caption = f"Accept all on {self.passage.code_id}"
        return [s.uuid for s in _consensus.accept_all(project, self.passage, _coder(project, self.decider))]


@dataclass
class AcceptSpan(Operation):
    """An edited span (snapped to words) becomes the consensus. Value: the uuid made."""

    passage: Passage
    start: int
    end: int
    decider: str
    label = "Accept edited span"

    def apply(self, project) -> str:
        self.caption = f"Accept edited span on {self.passage.code_id}"
        return _consensus.accept_span(project, self.passage, self.start, self.end,
                                      _coder(project, self.decider)).uuid


@dataclass
class RejectPassage(Operation):
    """Record that the code does not apply to the passage. Value: the uuid of the rejection."""

    passage: Passage
    decider: str
    label = "Reject"

    def apply(self, project) -> str:
        self.caption = f"Reject {self.passage.code_id}"
        return _consensus.reject(project, self.passage, _coder(project, self.decider)).uuid


@dataclass
class WithdrawDecision(Operation):
    """Tombstone the consensus segments that decided the passage. Value: how many."""

    passage: Passage
    label = "Withdraw decision"

    def apply(self, project) -> int:
        return _consensus.undo_decision(project, self.passage)


@dataclass
class AcceptAgreed(Operation):
    """Every passage all coders agree on (and not yet decided) becomes consensus. Value: segments made."""

    decider: str
    coders: str | list | None = None
    codes: str | list | None = None
    overlap: float | None = None
    label = "Accept agreed passages"

    def apply(self, project) -> int:
        extra = {} if self.overlap is None else {"overlap": self.overlap}
        return _consensus.accept_agreed(project, _coder(project, self.decider), self.coders, self.codes, **extra)


# ---- suggestions ------------------------------------------------------------------------------
@dataclass
class DecideSuggestion(Operation):
    """Accept (``coded``), reject (``rejected``) or reopen (``suggested``) a dictionary suggestion."""

    segment: str
    status: str
    decider: str | None = None
    label = "Decide suggestion"

    def apply(self, project) -> None:
        seg = row(project, Segment, self.segment, "segment")
        self.caption = {"coded": "Accept suggestion", "rejected": "Reject suggestion"}.get(self.status, "Reopen suggestion")
        decider = _coder(project, self.decider) if self.decider else None
        if self.status == "suggested":
            _suggestions.reopen(project, seg)
        else:
            _suggestions.decide(project, seg, self.status, decider or seg.coder)


@dataclass
class AcceptAllSuggestions(Operation):
    """Accept every pending suggestion of the coder (of one code). Value: how many."""

    coder: str
    code: str | None = None
    label = "Accept all suggestions"

    def apply(self, project) -> int:
        code = row(project, Code, self.code, "code") if self.code else None
        return _suggestions.accept_all(project, _coder(project, self.coder), code)


@dataclass
class Autocode(Operation):
    """Run the dictionary: suggest (or, with ``accept_all``, code) every hit of the codes' terms.
    Value: the ``dictionary.AutocodeResult``."""

    coder: str
    codes: list[str] | None = None         # code uuids (None: every code)
    unit: str = "hit"
    accept_all: bool = False
    documents: list[str] | None = None     # document uuids (None: every document)
    options: dict = field(default_factory=dict)
    label = "Dictionary suggestions"

    def apply(self, project):
        from ..dictionary import autocode

        codes = None if self.codes is None else [row(project, Code, u, "code") for u in self.codes]
        docs = None if self.documents is None else [row(project, Document, u, "document") for u in self.documents]
        return autocode(project, _coder(project, self.coder), codes, unit=self.unit, accept_all=self.accept_all,
                        documents=docs, **self.options)


__all__ = ["AcceptCoder", "AcceptAll", "AcceptSpan", "RejectPassage", "WithdrawDecision", "AcceptAgreed",
           "DecideSuggestion", "AcceptAllSuggestions", "Autocode"]
