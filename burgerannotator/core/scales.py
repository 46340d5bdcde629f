"""Document scales: one ordinal judgement per document per coder (e.g. DIEPGANG)."""
from __future__ import annotations

from sqlalchemy import select

from .errors import NotFoundError, UserError
from .models import Coder, Document, Scale, ScaleValue, utcnow


def find_scale(project, ref: str) -> Scale:
    for sc in project.session.scalars(select(Scale)):
        if ref in (sc.scale_id, sc.uuid) or sc.name.casefold() == ref.casefold():
            return sc
    raise NotFoundError(f"No document scale '{ref}' in the codebook.")


def scale_value(project, document: Document, scale: Scale, coder: Coder) -> int | None:
    row = project.session.scalar(select(ScaleValue).where(
        ScaleValue.document_id == document.id, ScaleValue.scale_pk == scale.id, ScaleValue.coder_id == coder.id))
    return row.value if row else None


def set_scale_value(project, document: Document, scale: Scale, coder: Coder, value: int | None) -> None:
    allowed = {v["value"] for v in scale.values}
    if value is not None and value not in allowed:
        raise UserError(f"{value} is not a value of {scale.name} ({', '.join(map(str, sorted(allowed)))}).")
    with project.transaction() as s:
        row = s.scalar(select(ScaleValue).where(ScaleValue.document_id == document.id,
                                                ScaleValue.scale_pk == scale.id, ScaleValue.coder_id == coder.id))
        if row is None:
            row = ScaleValue(document=document, scale=scale, coder=coder)
            s.add(row)
        row.value = value
        row.modified = utcnow()
        s.flush()


def scale_values(project, scale: Scale) -> list[ScaleValue]:
    return list(project.session.scalars(select(ScaleValue).where(ScaleValue.scale_pk == scale.id)))


def label_of(scale: Scale, value: int | None) -> str:
    for v in scale.values:
        if v["value"] == value:
            return f"{value} {v.get('label', '')}".strip()
    return "" if value is None else str(value)
