"""The codebook: categories and codes (a tree), document scales; JSON in and out; editing."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import func, select

from .errors import NotFoundError, UserError
from .models import Code, CodebookInfo, Scale, Segment, utcnow
from .resources import default_codebook_path

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


# ---- reading -----------------------------------------------------------------------------
def all_codes(project, include_categories: bool = True) -> list[Code]:
    """Every live node in tree order (a category, then its codes, depth first)."""
    nodes = project.session.scalars(select(Code).where(Code.deleted.is_(None))).all()
    by_parent: dict[int | None, list[Code]] = {}
    for n in nodes:
        by_parent.setdefault(n.parent_id, []).append(n)
    out: list[Code] = []

    def walk(parent_id):
        for n in sorted(by_parent.get(parent_id, []), key=lambda c: (c.position, c.id)):
            if include_categories or n.kind != "category":
                out.append(n)
            walk(n.id)

    walk(None)
    return out


def leaf_codes(project) -> list[Code]:
    return all_codes(project, include_categories=False)


def find_code(project, ref: str) -> Code:
    """A code by id (MECH-BURGERBERAAD), uuid or name (case-insensitive)."""
    needle = ref.strip().casefold()
    nodes = all_codes(project)
    for test in (lambda c: c.code_id.casefold() == needle, lambda c: c.uuid == ref,
                 lambda c: c.name.casefold() == needle):
        hits = [c for c in nodes if test(c)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise NotFoundError(f"'{ref}' names several codes ({', '.join(c.code_id for c in hits)}); use the id.")
    raise NotFoundError(f"No code '{ref}' in the codebook.")


def category_of(code: Code) -> Code | None:
    node = code
    while node.parent is not None:
        node = node.parent
    return node if node is not code else None


def scales(project) -> list[Scale]:
    return list(project.session.scalars(select(Scale).order_by(Scale.id)))


def codebook_info(project) -> CodebookInfo:
    return project.session.scalars(select(CodebookInfo)).one()


# ---- JSON in and out ---------------------------------------------------------------------------
def load_codebook_file(path: str | Path | None = None) -> dict:
    """Read and validate a codebook file (see ``codebook_check``); a bad one is refused in one line."""
    from .codebook_check import parse_codebook

    path = Path(path) if path else default_codebook_path()
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read codebook {path}: {exc.strerror}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{Path(path).name} is not UTF-8 text; save the codebook as UTF-8 JSON.") from None
    return parse_codebook(text, Path(path).name)


def import_codebook(project, data: dict) -> int:
    """Add the codebook's categories, codes and scales; existing ids are updated, not doubled."""
    added = 0
    with project.transaction() as s:
        info = codebook_info(project)
        for key in ("name", "language", "about", "term_syntax"):
            if data.get(key):
                setattr(info, key, str(data[key]))
        if data.get("version") is not None:
            info.version = str(data["version"])
        existing = {c.code_id: c for c in s.scalars(select(Code))}
        for ci, cat in enumerate(data["categories"]):
            node = _upsert(s, existing, cat, None, ci, "category")
            added += node.id is None
            for i, code in enumerate(cat.get("codes", [])):
                child = _upsert(s, existing, code, node, i, "code")
                added += child.id is None
                for j, sub in enumerate(code.get("codes", [])):
                    added += _upsert(s, existing, sub, child, j, "code").id is None
        known_scales = {sc.scale_id: sc for sc in s.scalars(select(Scale))}
        for sc in data.get("document_scales", []):
            row = known_scales.get(sc["id"]) or Scale(scale_id=sc["id"])
            row.name = sc.get("name", sc["id"])
            row.level = sc.get("level", "ordinal")
            row.description = sc.get("description", "")
            row.values = list(sc.get("values", []))
            s.add(row)
        s.flush()
    return added


def _upsert(s, existing: dict, item: dict, parent: Code | None, position: int, kind: str) -> Code:
    code_id = str(item.get("id") or item["name"]).strip()
    node = existing.get(code_id)
    if node is None:
        node = Code(code_id=code_id, **({"uuid": item["uuid"]} if item.get("uuid") else {}))
        existing[code_id] = node
        s.add(node)
    node.name = str(item.get("name", code_id))
    node.kind = kind
    node.parent = parent
    node.position = position
    colour = item.get("color") or (parent.color if parent is not None else "#888888")
    node.color = colour if HEX_COLOUR.match(colour or "") else "#888888"
    node.definition = item.get("definition") or item.get("description") or ""
    node.include = item.get("include", "") or ""
    node.exclude = item.get("exclude", "") or ""
    node.terms = list(item.get("terms", []))
    node.deleted = None
    node.modified = utcnow()
    return node


def export_codebook(project) -> dict:
    """The codebook as JSON of the same shape as the file it was loaded from (uuids added)."""
    info = codebook_info(project)
    nodes = all_codes(project)

    def as_dict(c: Code) -> dict:
        d = {"id": c.code_id, "uuid": c.uuid, "name": c.name, "color": c.color, "definition": c.definition,
             "include": c.include, "exclude": c.exclude, "terms": list(c.terms or [])}
        kids = [as_dict(k) for k in nodes if k.parent_id == c.id]
        if kids:
            d["codes"] = kids
        return d

    cats = []
    for c in nodes:
        if c.parent_id is None:
            d = as_dict(c)
            d["description"] = d.pop("definition")
            cats.append(d)
    return {"name": info.name, "version": info.version, "language": info.language, "about": info.about,
            "term_syntax": info.term_syntax, "categories": cats,
            "document_scales": [{"id": sc.scale_id, "name": sc.name, "level": sc.level,
                                 "description": sc.description, "values": sc.values} for sc in scales(project)]}


def write_codebook(project, path: str | Path) -> None:
    Path(path).write_text(json.dumps(export_codebook(project), ensure_ascii=False, indent=2), encoding="utf-8")


# ---- editing -----------------------------------------------------------------------------------
def _touch(project, code: Code) -> None:
    code.modified = utcnow()


def add_code(project, name: str, parent: Code | None = None, code_id: str | None = None,
             color: str | None = None, definition: str = "", kind: str = "code") -> Code:
    name = name.strip()
    if not name:
        raise UserError("A code needs a name.")
    cid = (code_id or _make_id(name, parent)).strip()
    with project.transaction() as s:
        node = s.scalar(select(Code).where(Code.code_id == cid))
        if node is not None and node.deleted is None:
            raise UserError(f"There is already a code with id {cid}.")
        siblings = s.scalar(select(func.count()).select_from(Code).where(
            Code.parent_id == (parent.id if parent else None), Code.deleted.is_(None)))
        if node is None:
            node = Code(code_id=cid)
            s.add(node)
        # a deleted code's id is free again: the row comes back with the new name and place
        # (its old segments stay deleted)
        node.name, node.parent, node.kind, node.position, node.deleted = name, parent, kind, siblings or 0, None
        node.color = _colour(color or (parent.color if parent else "#888888"))
        node.definition = definition
        s.flush()
        _touch(project, node)
    return node


def _make_id(name: str, parent: Code | None) -> str:
    stem = re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-") or "CODE"
    prefix = parent.code_id.split("-")[0] + "-" if parent is not None else ""
    return prefix + stem


def _colour(colour: str) -> str:
    if not HEX_COLOUR.match(colour or ""):
        raise UserError(f"'{colour}' is not a colour like #1f77b4.")
    return colour.lower()


def update_code(project, code: Code, **fields) -> None:
    """Rename, recolour, redefine: name, color, definition, include, exclude, terms, pinned_key."""
    allowed = {"name", "color", "definition", "include", "exclude", "terms", "pinned_key"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot set {unknown}")
    with project.transaction() as s:
        if "name" in fields and not str(fields["name"]).strip():
            raise UserError("A code needs a name.")
        if "color" in fields:
            fields["color"] = _colour(fields["color"])
        if fields.get("pinned_key") is not None:  # a key pins one code: it leaves the code that had it
            for other in s.scalars(select(Code).where(Code.pinned_key == fields["pinned_key"], Code.id != code.id)):
                other.pinned_key = None
                _touch(project, other)
        for key, value in fields.items():
            setattr(code, key, value.strip() if isinstance(value, str) and key == "name" else value)
        _touch(project, code)


def move_code(project, code: Code, parent: Code | None, position: int | None = None) -> None:
    node = parent
    while node is not None:
        if node.id == code.id:
            raise UserError(f"Cannot move {code.name} into itself.")
        node = node.parent
    with project.transaction():
        siblings = [c for c in all_codes(project) if c.parent_id == (parent.id if parent else None) and c.id != code.id]
        position = len(siblings) if position is None else max(0, min(position, len(siblings)))
        siblings.insert(position, code)
        code.parent = parent
        for i, c in enumerate(siblings):
            c.position = i
        _touch(project, code)


def merge_codes(project, source: Code, target: Code) -> int:
    """Move every segment of ``source`` to ``target`` and retire ``source``. Returns segments moved."""
    if source.id == target.id:
        raise UserError("A code cannot be merged into itself.")
    with project.transaction() as s:
        now = utcnow()
        moved = 0
        for seg in s.scalars(select(Segment).where(Segment.code_pk == source.id)):
            seg.code, seg.modified = target, now
            moved += 1
        for child in list(source.children):
            child.parent = target
            _touch(project, child)
        source.deleted = now
        _touch(project, source)
        project.log("merge-codes", f"Merged {source.code_id} into {target.code_id} ({moved} segments)")
    return moved


def segment_count(project, code: Code) -> int:
    return project.session.scalar(select(func.count()).select_from(Segment).where(
        Segment.code_pk == code.id, Segment.deleted.is_(None))) or 0


def delete_code(project, code: Code, segments: str = "refuse", move_to: Code | None = None) -> int:
    """Delete a code. If it has segments, ``segments`` says what happens to them:
    'refuse' (raise, so the caller can ask), 'delete' (tombstoned) or 'move' (to ``move_to``)."""
    n = segment_count(project, code)
    if n and segments == "refuse":
        raise UserError(f"{code.name} has {n} segment(s): choose to delete them or move them to another code.")
    if any(child.deleted is None for child in code.children):
        raise UserError(f"{code.name} has sub-codes; move or delete them first.")
    if segments == "move":
        if move_to is None:
            raise UserError("Choose the code the segments move to.")
        return merge_codes(project, code, move_to)
    with project.transaction() as s:
        now = utcnow()
        for seg in s.scalars(select(Segment).where(Segment.code_pk == code.id, Segment.deleted.is_(None))):
            seg.deleted = seg.modified = now
        code.deleted = now
        _touch(project, code)
    return n
