"""What a write changed: one ``Changes`` value per committed transaction.

Every write goes through ``core.ops`` and ends in one transaction; the project records
which rows the transaction flushed (``store.Project``) and hands listeners one ``Changes``
after the commit. Views ask it whether anything they show changed (``touches``) and,
when they can redraw part of themselves, which uuids (``segments``, ``documents``, ...).

- ``segments``, ``documents``, ``codes``, ``coders``: uuids of the rows written
  (created, changed or removed);
- ``codebook``, ``scales``, ``memos``, ``project``: flags for rows without a uuid
  of their own kind (codebook metadata, scale definitions and values, memos, the
  project row);
- ``bulk``: kinds in which any row may have changed (a merge, an import, a bulk
  statement); a view that cares about such a kind reloads wholesale.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

UUID_KINDS = ("segments", "documents", "codes", "coders")
FLAG_KINDS = ("codebook", "scales", "memos", "project")
KINDS = UUID_KINDS + FLAG_KINDS


@dataclass(frozen=True)
class Changes:
    segments: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()
    coders: frozenset[str] = frozenset()
    codebook: bool = False
    scales: bool = False
    memos: bool = False
    project: bool = False
    bulk: frozenset[str] = field(default=frozenset())

    @classmethod
    def of(cls, kind: str, *uuids: str) -> "Changes":
        """Changes of one kind: the given uuids, or (none given) any row of that kind."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of change: {kind}")
        if not uuids:
            return cls(bulk=frozenset([kind]))
        if kind in FLAG_KINDS:
            return cls(**{kind: True})
        return cls(**{kind: frozenset(uuids)})

    def __or__(self, other: "Changes") -> "Changes":
        values = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            values[f.name] = (a or b) if isinstance(a, bool) else (a | b)
        return Changes(**values)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches(self, *kinds: str) -> bool:
        """Did anything of these kinds change? (a uuid set non-empty, a flag set, or bulk)"""
        for kind in kinds:
            if kind not in KINDS:
                raise ValueError(f"unknown kind of change: {kind}")
            if getattr(self, kind) or kind in self.bulk:
                return True
        return False

    def is_bulk(self, kind: str) -> bool:
        return kind in self.bulk

    def kinds(self) -> set[str]:
        return {k for k in KINDS if self.touches(k)}


NOTHING = Changes()

__all__ = ["Changes", "NOTHING", "KINDS", "UUID_KINDS", "FLAG_KINDS"]
