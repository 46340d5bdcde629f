"""A project as a REFI-QDA .qdpx: project.qde plus sources/ (the PDFs and their text).

Per document a <PDFSource> (the PDF as it was imported, ``internal://<guid>.pdf``) with a
<Representation> whose text file is this app's document text, so a segment is a
<PlainTextSelection> (character offsets, guid = the segment's uuid) plus, per page it
covers, a <PDFSelection> around its words (see ``coords``). Every selection carries one
<Coding> (code guid, coder as creating user, date) and the segment memo as <Description>.
Documents made from plain text (imported from another tool) go out as <TextSource>.
Attributes are <Variables>, set on each source and on one <Case> per document; document
scale values (DIEPGANG) are per-coder variables; memos are <Notes>.
The element order is the XSD's; tests validate every file written.
"""
from __future__ import annotations

import zipfile
from collections import defaultdict
from pathlib import Path

import pymupdf
from lxml import etree
from sqlalchemy import select

from ..codebook import all_codes
from ..coders import list_coders
from ..documents import list_documents, pdf_bytes
from ..errors import UserError
from ..models import Memo, ScaleValue, Segment, live_coding
from . import textdoc
from .codebook_xml import add_codes
from .common import ORIGIN, PROJECT_NS, check_schema, clean_text, derived, guid_for, sub, xml_date
from .coords import to_refi, union

CONSENSUS_ID = "consensus"  # <User id=...> of the consensus coder, so it comes back as one
AREA_CODING = "area-coding"  # derived(segment uuid, this) marks the coding of an area segment
SCALE_NOTE = "BurgerAnnotator document scale {scale} coded by {coder}"


def _segments(project, coders) -> list[Segment]:
    ids = [c.id for c in coders]
    return list(project.session.scalars(
        select(Segment).where(live_coding(), Segment.coder_id.in_(ids))
        .order_by(Segment.document_id, Segment.start, Segment.end, Segment.id)))


def _variable_type(values) -> str:
    return "Integer" if all(isinstance(v, int) and not isinstance(v, bool) for v in values) else "Text"


def _value(parent, variable_guid: str, kind: str, value) -> None:
    vv = sub(parent, "VariableValue")
    sub(vv, "VariableRef", targetGUID=variable_guid)
    sub(vv, "IntegerValue" if kind == "Integer" else "TextValue", clean_text(str(value)))


def build_project(project, coders) -> tuple[etree._Element, dict[str, bytes], dict]:
    """The project.qde tree, the files for sources/, and counts."""
    info = project.info
    coders = list(coders)
    coder_ids = {c.id for c in coders}
    root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS}, name=clean_text(info.name) or "project",
                         origin=ORIGIN, creationDateTime=xml_date(info.created), modifiedDateTime=xml_date(None))
    files: dict[str, bytes] = {}
    counts = defaultdict(int)
    docs = list_documents(project)
    segs = _segments(project, coders)
    memos = [m for m in project.session.scalars(select(Memo).where(Memo.text != "").order_by(Memo.id))
             if m.coder_id in coder_ids]
    notes_for: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in memos:
        notes_for[(m.target_kind, m.target_uuid)].append(guid_for(m.uuid))

    # Users
    if coders:
        users = sub(root, "Users")
        for c in coders:
            sub(users, "User", guid=guid_for(c.uuid), name=c.name, id=CONSENSUS_ID if c.is_consensus else None)
    # CodeBook
    codes = all_codes(project)
    if codes:
        add_codes(sub(root, "CodeBook"), project, codes,
                  {uuid: refs for (kind, uuid), refs in notes_for.items() if kind == "code"})
    counts["codes"] = len(codes)

    # Variables: attributes, and one per scale and coder
    attr_values: dict[str, list] = defaultdict(list)
    for d in docs:
        for k, v in (d.attributes or {}).items():
            if v not in (None, ""):
                attr_values[k].append(v)
    variables = {k: (derived(info.uuid, f"variable/{k}"), _variable_type(vs)) for k, vs in attr_values.items()}
    scale_rows = list(project.session.scalars(select(ScaleValue).where(ScaleValue.value.is_not(None))))
    scale_rows = [r for r in scale_rows if r.coder_id in coder_ids]
    scale_vars: dict[tuple[int, int], tuple[str, str, str]] = {}
    for r in scale_rows:
        key = (r.scale_pk, r.coder_id)
        if key not in scale_vars:
            scale_vars[key] = (derived(info.uuid, f"scale/{r.scale.scale_id}/{r.coder.uuid}"),
                               f"{r.scale.scale_id} ({r.coder.name})",
                               SCALE_NOTE.format(scale=r.scale.scale_id, coder=guid_for(r.coder.uuid)))
    if variables or scale_vars:
        vars_el = sub(root, "Variables")
        for name, (guid, kind) in variables.items():
            sub(vars_el, "Variable", guid=guid, name=name, typeOfVariable=kind)
        for guid, name, note in scale_vars.values():
            sub(sub(vars_el, "Variable", guid=guid, name=name, typeOfVariable="Integer"), "Description", note)
    scale_by_doc: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for r in scale_rows:
        scale_by_doc[r.document_id].append((scale_vars[(r.scale_pk, r.coder_id)][0], r.value))

    def values_of(parent, d) -> None:
        for k, v in (d.attributes or {}).items():
            if k in variables:
                _value(parent, variables[k][0], variables[k][1], v)
        for guid, value in scale_by_doc.get(d.id, []):
            _value(parent, guid, "Integer", value)

    # Cases: one per document, with its attributes
    if docs and (variables or scale_vars):
        cases = sub(root, "Cases")
        for d in docs:
            case = sub(cases, "Case", guid=derived(d.uuid, "case"), name=d.label)
            values_of(case, d)
            sub(case, "SourceRef", targetGUID=guid_for(d.uuid))

    # Sources
    by_doc: dict[int, list[Segment]] = defaultdict(list)
    for s in segs:
        by_doc[s.document_id].append(s)
    if docs:
        sources = sub(root, "Sources")
        for d in docs:
            _source(project, sources, d, by_doc.get(d.id, []), files, counts)
            values_of(sources[-1], d)
    counts["documents"] = len(docs)
    counts["segments"] = len(segs)

    # Notes (memos), and the project's own memos referenced from the project
    if memos:
        notes = sub(root, "Notes")
        for m in memos:
            target = {"document": "document", "code": "code", "project": "project"}[m.target_kind]
            note = sub(notes, "Note", guid=guid_for(m.uuid), name=f"Memo on the {target} by {m.coder.name}",
                       creatingUser=guid_for(m.coder.uuid), creationDateTime=xml_date(m.modified),
                       modifiedDateTime=xml_date(m.modified))
            sub(note, "PlainTextContent", clean_text(m.text))
    counts["memos"] = len(memos)
    for ref in notes_for.get(("project", info.uuid), []):
        sub(root, "NoteRef", targetGUID=ref)
    return root, files, dict(counts)


def _coding(parent, seg: Segment, role: str) -> None:
    coding = sub(parent, "Coding", guid=derived(seg.uuid, role), creatingUser=guid_for(seg.coder.uuid),
                 creationDateTime=xml_date(seg.created))
    sub(coding, "CodeRef", targetGUID=guid_for(seg.code.uuid))


def _selection_attrs(seg: Segment) -> dict:
    return {"creatingUser": guid_for(seg.coder.uuid), "creationDateTime": xml_date(seg.created),
            "modifyingUser": guid_for(seg.coder.uuid), "modifiedDateTime": xml_date(seg.modified)}


def _text_selections(parent, segs: list[Segment], counts) -> None:
    for seg in segs:
        if seg.kind == "area":
            continue  # an area is a region of a page: a PDF selection only
        sel = sub(parent, "PlainTextSelection", guid=guid_for(seg.uuid), name=clean_text(seg.quote[:80]),
                  startPosition=seg.start, endPosition=seg.end, **_selection_attrs(seg))
        if seg.memo:
            sub(sel, "Description", clean_text(seg.memo))
        _coding(sel, seg, "coding")
        counts["text selections"] += 1


def _area_selection(src, pdf, seg: Segment) -> None:
    """An area segment: its own rectangle, guid = the segment's uuid; the coding's guid says 'area'."""
    fx, fy, sx, sy = to_refi(pdf.load_page(seg.page_first), seg.area)
    sel = sub(src, "PDFSelection", guid=guid_for(seg.uuid), name=clean_text(seg.quote[:80]) or "area",
              page=seg.page_first, firstX=fx, firstY=fy, secondX=sx, secondY=sy, **_selection_attrs(seg))
    if seg.memo:
        sub(sel, "Description", clean_text(seg.memo))
    _coding(sel, seg, AREA_CODING)


def _source(project, sources, d, segs: list[Segment], files: dict[str, bytes], counts) -> None:
    guid = guid_for(d.uuid)
    common = {"creatingUser": guid_for(d.imported_by.uuid) if d.imported_by else None,
              "creationDateTime": xml_date(d.imported), "modifiedDateTime": xml_date(d.imported)}
    notes = [guid_for(m.uuid) for m in project.session.scalars(
        select(Memo).where(Memo.target_kind == "document", Memo.target_uuid == d.uuid, Memo.text != ""))]
    text_guid = derived(d.uuid, "representation")
    files[f"{text_guid}.txt"] = (d.text or "").encode("utf-8")
    if d.extractor == textdoc.EXTRACTOR:  # it came in as plain text: it goes out as plain text
        src = sub(sources, "TextSource", guid=guid, name=d.title or d.file_name,
                  plainTextPath=f"internal://{text_guid}.txt", **common)
        _text_selections(src, segs, counts)
        for ref in notes:
            sub(src, "NoteRef", targetGUID=ref)
        return
    data = pdf_bytes(project, d)
    if len(data) > 2**31 - 1:
        raise UserError(f"{d.file_name} is larger than the 2 GB REFI-QDA allows for one file.")
    files[f"{guid}.pdf"] = data
    src = sub(sources, "PDFSource", guid=guid, name=d.file_name, path=f"internal://{guid}.pdf", **common)
    if segs:
        pdf = pymupdf.open(stream=data, filetype="pdf")
        for seg in segs:
            if seg.kind == "area":
                _area_selection(src, pdf, seg)
                counts["PDF selections"] += 1
                continue
            for page_key, rects in sorted((seg.rects or {}).items(), key=lambda kv: int(kv[0])):
                if not rects:
                    continue
                page = pdf.load_page(int(page_key))
                fx, fy, sx, sy = to_refi(page, union(rects))
                sel = sub(src, "PDFSelection", guid=derived(seg.uuid, f"pdf/{page_key}"),
                          name=clean_text(seg.quote[:80]), page=int(page_key), firstX=fx, firstY=fy,
                          secondX=sx, secondY=sy, **_selection_attrs(seg))
                if seg.memo:
                    sub(sel, "Description", clean_text(seg.memo))
                _coding(sel, seg, f"pdf-coding/{page_key}")
                counts["PDF selections"] += 1
        pdf.close()
    rep = sub(src, "Representation", guid=text_guid, name=f"Text of {d.file_name}",
              plainTextPath=f"internal://{text_guid}.txt", **common)
    _text_selections(rep, segs, counts)
    for ref in notes:
        sub(src, "NoteRef", targetGUID=ref)


def write_qdpx(project, path: str | Path, coders=None) -> dict:
    """Write the .qdpx (``coders``: Coder rows, default every coder). Returns counts."""
    coders = list_coders(project) if coders is None else list(coders)
    root, files, counts = build_project(project, coders)
    check_schema(root, "Project-mrt2019.xsd")
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="utf-8",
                                                      pretty_print=True))
            for name, data in files.items():
                zf.writestr(f"sources/{name}", data,
                            compress_type=zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    counts["coders"] = len(coders)
    return counts
