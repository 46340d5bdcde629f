"""Recognising the text of a document's scanned pages (issue 15) as an operation.

It rewrites the document's text and moves its segments (``core.recognise``), and the
full-text index follows by SQL the journal does not see, so it is a barrier in the history
(like an import): not undoable; running it again with the same engine changes nothing."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Coder, Document
from .base import Operation, row


@dataclass
class RecogniseText(Operation):
    """Value: a ``recognise.RecogniseReport`` (pages recognised, segments moved/re-anchored/unplaced)."""

    document: str
    force: bool = False
    coder: str | None = None
    progress: Callable | None = None
    label = "Recognise text"
    undoable = False
    in_one_transaction = False  # the slow recognition runs before its one short write transaction

    def apply(self, project):
        from ..recognise import recognise_document

        coder = row(project, Coder, self.coder, "coder") if self.coder else None
        return recognise_document(project, row(project, Document, self.document, "document"), force=self.force,
                                  coder=coder, progress=self.progress)


__all__ = ["RecogniseText"]
