"""Coders: identity is the uuid, so a renamed coder stays the same coder across copies."""
from __future__ import annotations

from sqlalchemy import select

from .errors import NotFoundError, UserError
from .models import Coder, utcnow

CONSENSUS_NAME = "Consensus"


def list_coders(project, include_consensus: bool = True) -> list[Coder]:
    coders = project.session.scalars(select(Coder).order_by(Coder.id)).all()
    return [c for c in coders if include_consensus or not c.is_consensus]


def find_coder(project, ref: str) -> Coder:
    needle = ref.strip().casefold()
    for c in list_coders(project):
        if c.uuid == ref or c.name.casefold() == needle:
            return c
    raise NotFoundError(f"No coder '{ref}' in this project.")


def reader_coder(project, name: str) -> Coder:
    """The coder of this name, or (a read-only project, where none can be added) a coder that
    exists only in memory: nothing of theirs is in the file, nothing of theirs can be written."""
    try:
        return find_coder(project, name)
    except NotFoundError:
        return Coder(id=-1, uuid="", name=(name or "").strip() or "?", is_consensus=False)


def get_or_create_coder(project, name: str, uuid: str | None = None) -> Coder:
    name = (name or "").strip()
    if not name:
        raise UserError("A coder needs a name.")
    for c in list_coders(project):
        if (uuid and c.uuid == uuid) or (not uuid and c.name.casefold() == name.casefold()):
            return c
    with project.transaction() as s:
        coder = Coder(name=name, **({"uuid": uuid} if uuid else {}))
        s.add(coder)
        s.flush()
    return coder


def rename_coder(project, coder: Coder, name: str) -> None:
    if not name.strip():
        raise UserError("A coder needs a name.")
    with project.transaction():
        coder.name = name.strip()
        coder.modified = utcnow()


def consensus_coder(project) -> Coder:
    for c in list_coders(project):
        if c.is_consensus:
            return c
    with project.transaction() as s:
        coder = Coder(name=CONSENSUS_NAME, is_consensus=True)
        s.add(coder)
        s.flush()
    return coder
