"""A summary of a project: its documents and how much each coder has coded."""
from __future__ import annotations

from sqlalchemy import func, select

from .codebook import all_codes, codebook_info
from .coders import list_coders
from .documents import list_documents
from .duplicates import duplicate_count
from .models import Code, Document, Segment, live_coding


def coder_counts(project, coder) -> tuple[dict[str, int], dict[str, int]]:
    """A coder's live codings per code id and per document uuid (one grouped query)."""
    rows = project.session.execute(
        select(Code.code_id, Document.uuid, func.count()).select_from(Segment)
        .join(Code, Code.id == Segment.code_pk).join(Document, Document.id == Segment.document_id)
        .where(Segment.coder_id == coder.id, live_coding())
        .group_by(Code.code_id, Document.uuid)).all()
    by_code: dict[str, int] = {}
    by_document: dict[str, int] = {}
    for code_id, doc_uuid, n in rows:
        by_code[code_id] = by_code.get(code_id, 0) + n
        by_document[doc_uuid] = by_document.get(doc_uuid, 0) + n
    return by_code, by_document


def project_info(project) -> dict:
    docs = list_documents(project)
    counts = project.session.execute(
        select(Segment.coder_id, Segment.code_pk, Segment.document_id, func.count())
        .where(live_coding())
        .group_by(Segment.coder_id, Segment.code_pk, Segment.document_id)).all()
    coders = {c.id: c for c in list_coders(project)}
    codes = {c.id: c for c in all_codes(project)}
    per_coder: dict[str, dict] = {}
    per_doc: dict[int, dict[str, int]] = {}
    for coder_id, code_id, doc_id, n in counts:
        coder = coders.get(coder_id)
        code = codes.get(code_id)
        if coder is None or code is None:
            continue
        entry = per_coder.setdefault(coder.name, {"uuid": coder.uuid, "segments": 0, "codes": {}})
        entry["segments"] += n
        entry["codes"][code.code_id] = entry["codes"].get(code.code_id, 0) + n
        per_doc.setdefault(doc_id, {})[coder.name] = per_doc.get(doc_id, {}).get(coder.name, 0) + n
    info = project.info
    return {
        "project": {"name": info.name, "uuid": info.uuid, "file": str(project.path)},
        "codebook": {"name": codebook_info(project).name,
                     "codes": sum(1 for c in codes.values() if c.kind == "code"),
                     "categories": sum(1 for c in codes.values() if c.kind == "category")},
        "coders": [{"name": c.name, "uuid": c.uuid, "consensus": c.is_consensus} for c in coders.values()],
        "documents": [{
            "file": d.file_name, "uuid": d.uuid, "sha256": d.sha256, "title": d.title, "author": d.author,
            "attributes": d.attributes or {}, "pages": d.page_count,
            "page_labels": [p.label for p in d.pages],
            "pages_without_text": [p.label for p in d.pages if not p.has_text],
            "pages_recognised": {p.label: p.ocr for p in d.pages if p.ocr},  # OCR'd: label -> engine
            "segments_by_coder": per_doc.get(d.id, {}),
        } for d in docs],
        "segments_by_coder": per_coder,
        "exact_duplicates": duplicate_count(project),
    }


def format_info(data: dict) -> str:
    lines = [f"Project {data['project']['name']} ({data['project']['file']})",
             f"Codebook {data['codebook']['name']}: {data['codebook']['codes']} codes in "
             f"{data['codebook']['categories']} categories", "", f"{len(data['documents'])} documents:"]
    for d in data["documents"]:
        attrs = d["attributes"]
        who = attrs.get("city") or d["title"] or d["file"]
        labels = d["page_labels"]
        label_text = f"{labels[0]}-{labels[-1]}" if labels else "-"
        notext = f"; no text on p. {', '.join(d['pages_without_text'])}" if d["pages_without_text"] else ""
        if d.get("pages_recognised"):
            notext += f"; text recognised (OCR) on p. {', '.join(d['pages_recognised'])}"
        coded = ", ".join(f"{k}: {v}" for k, v in d["segments_by_coder"].items()) or "not coded"
        lines.append(f"  {d['file']:<24} {who:<14} {d['pages']:>3} pages ({label_text}){notext}; {coded}")
    lines += ["", "Segments per coder:"]
    if not data["segments_by_coder"]:
        lines.append("  none yet")
    for name, entry in data["segments_by_coder"].items():
        codes = ", ".join(f"{k} {v}" for k, v in sorted(entry["codes"].items()))
        lines.append(f"  {name}: {entry['segments']} ({codes})")
    if data.get("exact_duplicates"):
        lines += ["", f"{data['exact_duplicates']} exact duplicate coding(s) (same code, span and coder): "
                      "'burgerannotator dedupe PROJECT' removes them, keeping the oldest."]
    engines = sorted({e for d in data["documents"] for e in (d.get("pages_recognised") or {}).values()})
    if engines:
        lines += ["", "Text recognised by:"] + [f"  {e}" for e in engines]
    return "\n".join(lines)
