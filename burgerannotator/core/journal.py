"""The project's journal: which rows each flush writes, and (while an undoable operation
runs) how those rows looked before.

``Journal`` listens to the one SQLAlchemy session of a project (``store.Project``):

- after every flush it adds the rows written to the project's pending ``Changes``
  (a segment's uuid to ``segments``, a code's to ``codes`` and the ``codebook`` flag, ...),
  so no write has to remember to announce itself;
- while ``recording()`` is on (``ops.run`` turns it on for an undoable operation) it keeps
  an image of each row as it was before the operation first wrote it (``None``: the row
  did not exist). ``ops.revert.Revert`` writes those images back: that is every undo.

An undoable operation must write through the ORM; a bulk UPDATE/DELETE/INSERT bypasses the
journal and is refused while recording (``BulkWriteInUndoable``).
"""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, inspect, select

from .changes import Changes
from .models import (
    Base,
    Code,
    CodebookInfo,
    Coder,
    Document,
    Memo,
    ProjectInfo,
    Scale,
    ScaleValue,
    Segment,
)

Key = tuple[str, int]  # (table name, primary key)


class BulkWriteInUndoable(RuntimeError):
    """A programming error: an undoable operation used a statement the journal cannot see."""


def _mappers():
    return {m.local_table.name: m for m in Base.registry.mappers}


def columns_of(mapper) -> list[tuple[str, object]]:
    """(attribute key, column) of a mapped class: the attribute name may differ from the column's."""
    return [(prop.key, prop.columns[0]) for prop in mapper.column_attrs]


def changes_of(obj) -> Changes:
    """What writing this ORM row means to the views."""
    if isinstance(obj, Segment):
        return Changes(segments=frozenset([obj.uuid]))
    if isinstance(obj, Document):
        return Changes(documents=frozenset([obj.uuid]))
    if isinstance(obj, Code):
        return Changes(codes=frozenset([obj.uuid]), codebook=True)
    if isinstance(obj, Coder):
        return Changes(coders=frozenset([obj.uuid]))
    if isinstance(obj, CodebookInfo):
        return Changes(codebook=True)
    if isinstance(obj, Scale):
        return Changes(codebook=True, scales=True)
    if isinstance(obj, ScaleValue):
        return Changes(scales=True)
    if isinstance(obj, Memo):
        return Changes(memos=True)
    if isinstance(obj, ProjectInfo):
        return Changes(project=True)
    return Changes()  # pages, PDF bytes, the log: part of a document or of nothing a view shows


class RowImages:
    """Rows as they were before an operation first wrote them, in the order first written."""

    def __init__(self):
        self.before: dict[Key, dict | None] = {}

    def keys(self) -> list[Key]:
        return list(self.before)


class Journal:
    def __init__(self, project):
        self.project = project
        self.images: RowImages | None = None
        self._mappers = _mappers()
        session = project.session
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "after_flush", self._after_flush)
        event.listen(session, "do_orm_execute", self._on_execute)

    # ---- recording ----------------------------------------------------------------------
    @contextmanager
    def recording(self):
        """Keep the before-images of every row written inside (nesting joins the outer)."""
        if self.images is not None:
            yield self.images
            return
        self.images = RowImages()
        try:
            yield self.images
        finally:
            self.images = None

    def read_rows(self, keys: list[Key]) -> dict[Key, dict | None]:
        """The rows as they are in the database now (inside the running transaction)."""
        out: dict[Key, dict | None] = {k: None for k in keys}
        by_table: dict[str, list[int]] = {}
        for table, pk in keys:
            by_table.setdefault(table, []).append(pk)
        con = self.project.session.connection()
        for table, pks in by_table.items():
            mapper = self._mappers[table]
            cols = columns_of(mapper)
            pk_col = mapper.primary_key[0]
            for lo in range(0, len(pks), 500):
                rows = con.execute(select(*[c for _k, c in cols]).where(pk_col.in_(pks[lo:lo + 500])))
                for row in rows:
                    image = {k: row[i] for i, (k, _c) in enumerate(cols)}
                    out[(table, image[_pk_key(mapper)])] = image
        return out

    # ---- session events ---------------------------------------------------------------------
    def _before_flush(self, session, _context, _instances) -> None:
        if self.images is None:
            return
        todo = []
        for obj in list(session.dirty) + list(session.deleted):
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            key = _key(obj)
            if key is not None and key not in self.images.before:
                todo.append(key)
        if todo:
            self.images.before.update(self.read_rows(todo))

    def _after_flush(self, session, _context) -> None:
        found = Changes()
        for obj in session.new:
            found |= changes_of(obj)
            if self.images is not None:
                key = _key(obj)
                if key is not None:
                    self.images.before.setdefault(key, None)
        for obj in session.dirty:
            if session.is_modified(obj, include_collections=False):
                found |= changes_of(obj)
        for obj in session.deleted:
            found |= changes_of(obj)
        if found:
            self.project.add_changes(found)

    def _on_execute(self, state) -> None:
        if self.images is not None and (state.is_update or state.is_delete or state.is_insert):
            raise BulkWriteInUndoable("an undoable operation wrote with a bulk statement; write through the ORM")


def _pk_key(mapper) -> str:
    return mapper.get_property_by_column(mapper.primary_key[0]).key


def _key(obj) -> Key | None:
    state = inspect(obj)
    ident = state.identity  # not yet set for a row just inserted (after_flush): read its key instead
    pk = ident[0] if ident is not None else state.mapper.primary_key_from_instance(obj)[0]
    return None if pk is None else (state.mapper.local_table.name, pk)


__all__ = ["Journal", "RowImages", "BulkWriteInUndoable", "changes_of", "columns_of"]
