"""Rows by uuid, cheaply: above the core everything is named by uuid, and a uuid never changes
its row. The first look-up of a uuid asks SQLite for the row's key; later ones find the row in
the session's identity map without a query (``session.get``). A row that is gone (an undone
creation) is asked for again and not found."""
from __future__ import annotations

from sqlalchemy import select


def by_uuid(project, model, uuid: str):
    """The ``model`` row with this uuid, or None."""
    keys = project.cache.setdefault(("pk-by-uuid", model.__tablename__), {})
    pk = keys.get(uuid)
    if pk is not None:
        found = project.session.get(model, pk)
        if found is not None:
            return found
        keys.pop(uuid, None)
    found = project.session.scalar(select(model).where(model.uuid == uuid))
    if found is not None:
        keys[uuid] = found.id
    return found


__all__ = ["by_uuid"]
