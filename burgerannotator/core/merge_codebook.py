"""Merging the codebook of another copy: match codes, find conflicts, apply the user's choices.

Codes match by uuid, then by code id, then by name (only when exactly one
unmatched code here has that name); every match is one-to-one and reported by
how it was made. A matched code whose name, colour, parent or deletion differs
is a conflict: resolved by the choice passed in, never silently.
"""
from __future__ import annotations

from sqlalchemy import select

from .merge_report import CodebookConflict, MergeConflictError, MergeReport
from .models import Code, new_uuid, utcnow

FIELDS = ("name", "color", "parent", "deleted")


def _depth_first(codes: list[Code]) -> list[Code]:
    """Parents before children, so a child's parent is always mapped first."""
    by_parent: dict[int | None, list[Code]] = {}
    for c in codes:
        by_parent.setdefault(c.parent_id, []).append(c)
    out: list[Code] = []

    def walk(pid):
        for c in sorted(by_parent.get(pid, []), key=lambda c: (c.position, c.id)):
            out.append(c)
            walk(c.id)

    walk(None)
    seen = {c.id for c in out}
    out.extend(c for c in codes if c.id not in seen)  # orphans (should not exist)
    return out


def _parent_label(code: Code | None) -> str:
    return code.code_id if code is not None else "(top level)"


def _choice(conflicts_arg, conflict: CodebookConflict) -> str | None:
    if isinstance(conflicts_arg, dict):
        value = conflicts_arg.get(conflict.key)
        return {"mine": "keep-mine", "theirs": "take-theirs"}.get(value, value)
    if conflicts_arg in ("keep-mine", "take-theirs"):
        return conflicts_arg
    return None


def merge_codes(session, other_session, report: MergeReport, conflicts_arg) -> dict[int, Code]:
    """Bring the other copy's codes in; returns {their code row id: my Code}.

    ``conflicts_arg``: 'ask' (raise MergeConflictError listing the conflicts),
    'keep-mine', 'take-theirs', or a dict {conflict.key: 'keep-mine'|'take-theirs'}
    (a missing key counts as unresolved and raises).
    """
    mine = list(session.scalars(select(Code)))
    theirs = _depth_first(list(other_session.scalars(select(Code))))
    by_uuid = {c.uuid: c for c in mine}
    by_code_id = {c.code_id: c for c in mine}
    by_name: dict[str, list[Code]] = {}
    for c in mine:
        by_name.setdefault(c.name.casefold(), []).append(c)
    taken: set[int] = set()
    mapping: dict[int, Code] = {}
    pending: list[tuple[Code, Code]] = []  # (mine, theirs) matched pairs, for conflicts
    for t in theirs:
        match, how = by_uuid.get(t.uuid), "uuid"
        if match is None or match.id in taken:
            match, how = by_code_id.get(t.code_id), "code_id"
        if match is None or match.id in taken:
            free = [c for c in by_name.get(t.name.casefold(), []) if c.id not in taken]
            match, how = (free[0], "name") if len(free) == 1 else (None, "")
        if match is not None:
            taken.add(match.id)
            mapping[t.id] = match
            report.codes_matched[how].append(t.code_id if how == "uuid" or t.code_id == match.code_id
                                             else f"{t.code_id} = {match.code_id}")
            pending.append((match, t))
        else:
            mapping[t.id] = _add_code(session, t, mapping, by_uuid, by_code_id)
            report.codes_added.append(mapping[t.id].code_id)
    session.flush()

    found: list[tuple[CodebookConflict, Code, Code]] = []
    for m, t in pending:
        their_parent = mapping.get(t.parent_id) if t.parent_id is not None else None
        values = {
            "name": (m.name, t.name),
            "color": (m.color.lower(), t.color.lower()),
            "parent": (_parent_label(m.parent), _parent_label(their_parent)),
            "deleted": ("deleted" if m.deleted else "live", "deleted" if t.deleted else "live"),
        }
        for f in FIELDS:
            a, b = values[f]
            if a != b:
                found.append((CodebookConflict(m.uuid, m.code_id, f, a, b), m, t))
    report.conflicts = [c for c, _, _ in found]
    unresolved = [c for c in report.conflicts if _choice(conflicts_arg, c) is None]
    if unresolved:
        raise MergeConflictError(report.source, unresolved)
    for conflict, m, t in found:
        choice = _choice(conflicts_arg, conflict)
        report.resolutions[conflict.key] = choice
        if choice == "take-theirs":
            _take_theirs(m, t, conflict.field, mapping, report)
    return mapping


def _add_code(session, t: Code, mapping: dict[int, Code], by_uuid: dict, by_code_id: dict) -> Code:
    code_id, n = t.code_id, 1
    while code_id in by_code_id:
        n += 1
        code_id = f"{t.code_id}-{n}"
    node = Code(code_id=code_id, name=t.name, kind=t.kind,
                parent=mapping.get(t.parent_id) if t.parent_id is not None else None,
                color=t.color, definition=t.definition, include=t.include, exclude=t.exclude,
                terms=list(t.terms or []), position=t.position, pinned_key=None, deleted=t.deleted,
                modified=t.modified, uuid=new_uuid() if t.uuid in by_uuid else t.uuid)
    session.add(node)
    by_code_id[code_id] = node
    by_uuid[node.uuid] = node
    return node


def _take_theirs(m: Code, t: Code, field: str, mapping: dict[int, Code], report: MergeReport) -> None:
    if field == "name":
        m.name = t.name
    elif field == "color":
        m.color = t.color
    elif field == "deleted":
        m.deleted = t.deleted
    elif field == "parent":
        parent = mapping.get(t.parent_id) if t.parent_id is not None else None
        node = parent
        while node is not None:
            if node.id == m.id:
                report.warnings.append(f"{m.code_id} was not moved: it would be placed inside itself")
                return
            node = node.parent
        m.parent = parent
        m.position = t.position
    m.modified = utcnow()
