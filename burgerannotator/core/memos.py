"""Memos on documents, codes and the project: one per coder per target."""
from __future__ import annotations

from sqlalchemy import select

from .models import Coder, Memo, utcnow

KINDS = ("document", "code", "project")


def get_memo(project, kind: str, target_uuid: str, coder: Coder) -> str:
    row = _row(project, kind, target_uuid, coder)
    return row.text if row else ""


def memos_for(project, kind: str, target_uuid: str) -> list[Memo]:
    return list(project.session.scalars(select(Memo).where(
        Memo.target_kind == kind, Memo.target_uuid == target_uuid, Memo.text != "").order_by(Memo.coder_id)))


def set_memo(project, kind: str, target_uuid: str, coder: Coder, text: str) -> None:
    if kind not in KINDS:
        raise ValueError(kind)
    with project.transaction() as s:
        row = _row(project, kind, target_uuid, coder)
        if row is None:
            row = Memo(target_kind=kind, target_uuid=target_uuid, coder=coder)
            s.add(row)
        row.text = text
        row.modified = utcnow()
        s.flush()


def _row(project, kind, target_uuid, coder):
    return project.session.scalar(select(Memo).where(
        Memo.target_kind == kind, Memo.target_uuid == target_uuid, Memo.coder_id == coder.id))
