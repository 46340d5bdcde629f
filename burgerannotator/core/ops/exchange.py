"""REFI-QDA imports as operations: each is one transaction and a barrier in the history
(an undo must never write a stale "before" over imported work)."""
from __future__ import annotations

from dataclasses import dataclass

from .base import Operation


@dataclass
class ImportQdc(Operation):
    """Bring a REFI-QDA codebook (.qdc) in: new codes added, same-guid codes updated.
    Value: the ``refi.Report``."""

    path: str
    label = "Import REFI-QDA codebook"
    undoable = False

    def apply(self, project):
        from ..refi import import_qdc

        return import_qdc(project, self.path)


@dataclass
class ImportQdpx(Operation):
    """Bring a REFI-QDA project (.qdpx/.qde) in, all of it or nothing. ``coder``: the name
    given to codings and notes that name no known user. Value: the ``refi.Report``."""

    path: str
    coder: str | None = None
    label = "Import REFI-QDA project"
    undoable = False

    def apply(self, project):
        from ..refi import import_qdpx

        return import_qdpx(project, self.path, self.coder)


__all__ = ["ImportQdc", "ImportQdpx"]
