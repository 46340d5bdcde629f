"""The codebook as REFI-QDA codes: a .qdc file out and in, and the <CodeBook> of a project.

A category (not codable) and its codes become nested <Code> elements; the definition,
include and exclude notes, dictionary terms and code id travel in the <Description>
(see ``common.compose_description``), so another tool shows them and this app reads
them back. Codes are matched by guid: a code already in the project is updated.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from sqlalchemy import select

from ..codebook import all_codes
from ..models import Code, utcnow
from .common import (CODEBOOK_NS, ORIGIN, check_schema, colour, compose_description, guid_for, norm_guid,
                     split_description, sub)
from .report import Report
from .safety import ExchangeFileError, local, open_package, parse_xml

DEFAULT_COLOUR = "#888888"


def add_codes(parent: etree._Element, project, codes: list[Code] | None = None,
              note_refs: dict[str, list[str]] | None = None) -> etree._Element:
    """<Codes> under ``parent`` (a CodeBook): the code tree in codebook order."""
    nodes = codes if codes is not None else all_codes(project)
    kids: dict[int | None, list[Code]] = {}
    for c in nodes:
        kids.setdefault(c.parent_id, []).append(c)
    codes_el = sub(parent, "Codes")

    def write(into, code: Code):
        el = sub(into, "Code", guid=guid_for(code.uuid), name=code.name or code.code_id,
                 isCodable="false" if code.kind == "category" else "true", color=colour(code.color))
        text = compose_description(code.definition or "", code.include or "", code.exclude or "",
                                   list(code.terms or []), code.code_id)
        if text:
            sub(el, "Description", text)
        for note in (note_refs or {}).get(code.uuid, []):
            sub(el, "NoteRef", targetGUID=note)
        for child in kids.get(code.id, []):
            write(el, child)

    for top in kids.get(None, []):
        write(codes_el, top)
    return codes_el


def codebook_tree(project) -> etree._Element:
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=ORIGIN)
    if all_codes(project):
        add_codes(root, project)
    return root


def write_qdc(project, path: str | Path) -> int:
    """Write the codebook as a .qdc file; returns the number of codes written."""
    codes = all_codes(project)
    if not codes:
        from ..errors import UserError

        raise UserError("The codebook is empty: a .qdc file needs at least one code.")
    root = codebook_tree(project)
    check_schema(root, "Codebook-mrt2019.xsd")
    Path(path).write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
    return len(codes)


# ---- reading -----------------------------------------------------------------------------------
@dataclass
class CodeSpec:
    guid: str
    name: str
    codable: bool
    color: str | None
    description: dict
    parent: str | None
    position: int
    note_refs: list[str] = field(default_factory=list)


def read_codes(codes_el: etree._Element | None, report: Report) -> list[CodeSpec]:
    """The <Code> tree under a <Codes> element, parents before children."""
    out: list[CodeSpec] = []
    seen: set[str] = set()

    def walk(el, parent: str | None):
        position = 0
        for child in el:
            if local(child.tag) != "Code":
                continue
            guid = norm_guid(child.get("guid"))
            name = (child.get("name") or "").strip()
            if guid is None:
                report.problem(f"A code ({name or 'without a name'}) has no valid guid; it and its sub-codes "
                               "are left out.")
                continue
            if guid in seen:
                report.problem(f"Code guid {guid} appears twice; the second ({name}) is left out.")
                continue
            seen.add(guid)
            description, notes = "", []
            for part in child:
                if local(part.tag) == "Description":
                    description = part.text or ""
                elif local(part.tag) == "NoteRef" and norm_guid(part.get("targetGUID")):
                    notes.append(norm_guid(part.get("targetGUID")))
            codable = (child.get("isCodable") or "true").strip().lower() not in ("false", "0")
            out.append(CodeSpec(guid, name or "(no name)", codable, colour(child.get("color")),
                                split_description(description), parent, position, notes))
            position += 1
            walk(child, guid)

    if codes_el is not None:
        walk(codes_el, None)
    return out


def find_child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    for child in el:
        if local(child.tag) == name:
            return child
    return None


def _unique_id(wanted: str, taken: set[str]) -> str:
    cid, n = wanted, 2
    while cid.casefold() in taken:
        cid, n = f"{wanted}-{n}", n + 1
    taken.add(cid.casefold())
    return cid


def _make_id(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()  # Sérga -> Serga
    return re.sub(r"[^A-Z0-9]+", "-", plain.upper()).strip("-")[:100] or "CODE"


def apply_codes(project, specs: list[CodeSpec], report: Report) -> dict[str, Code]:
    """Add new codes and update same-guid ones (inside the caller's transaction); guid -> Code."""
    s = project.session
    by_uuid = {c.uuid.lower(): c for c in s.scalars(select(Code))}
    taken = {c.code_id.casefold() for c in by_uuid.values()}
    out: dict[str, Code] = {}
    added = updated = unchanged = 0
    for spec in specs:
        node = by_uuid.get(spec.guid)
        parent = out.get(spec.parent) if spec.parent else None
        d = spec.description
        fields = {"name": spec.name[:200], "kind": "code" if spec.codable else "category",
                  "color": spec.color or (parent.color if parent is not None else None)
                  or (node.color if node is not None else DEFAULT_COLOUR),
                  "definition": d["definition"], "include": d["include"], "exclude": d["exclude"]}
        if d["terms"]:
            fields["terms"] = d["terms"]
        if node is None:
            wanted = d["code_id"] or ((parent.code_id.split("-")[0] + "-" if parent is not None else "")
                                      + _make_id(spec.name))
            node = Code(uuid=spec.guid, code_id=_unique_id(wanted[:120], taken), terms=d["terms"])
            s.add(node)
            by_uuid[spec.guid] = node
            added += 1
            changed = True
        else:
            changed = any(getattr(node, k) != v for k, v in fields.items()) or node.parent is not parent \
                or node.deleted is not None
            updated += changed
            unchanged += not changed
        for k, v in fields.items():
            setattr(node, k, v)
        node.parent = parent
        node.position = spec.position
        node.deleted = None
        if changed:
            node.modified = utcnow()
        out[spec.guid] = node
    s.flush()
    report.count("codes added", added)
    report.count("codes updated (same guid)", updated)
    report.count("codes unchanged", unchanged)
    project.changed("codebook")
    return out


def import_qdc(project, path: str | Path) -> Report:
    """Bring a .qdc codebook in: new codes added, same-guid codes updated; one transaction."""
    package = open_package(path)
    try:
        root = parse_xml(package.xml, package.name)
    finally:
        package.close()
    if local(root.tag) != "CodeBook":
        raise ExchangeFileError(f"{package.name} is not a REFI-QDA codebook (its root is <{local(root.tag)}>, "
                                "not <CodeBook>).")
    report = Report(f"Codebook {package.name}")
    specs = read_codes(find_child(root, "Codes"), report)
    if not specs:
        raise ExchangeFileError(f"{package.name} holds no codes.")
    sets = find_child(root, "Sets")
    if sets is not None:
        report.dropped("code sets (groups of codes; this app has none)", sum(1 for _ in sets))
    with project.transaction():
        apply_codes(project, specs, report)
        project.log("import-qdc", f"Imported codebook {package.name}", None, **report.counts)
    return report
