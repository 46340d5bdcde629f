"""Merge another coder's copy of the project into this one.

Everything of the other copy comes in: coders (matched by uuid), documents
(matched by SHA-256; a document only there is copied with its PDF, pages and
words), codes (see ``merge_codebook``), segments, memos, scales and scale
values. Rows with a uuid match by uuid and the copy edited later (``modified``)
wins, deletions (tombstones) included, so merging a newer copy of a coder's
project carries that coder's edits and deletions, and merging the same file
twice changes nothing. Nothing of this project is removed. The whole merge is
one transaction; its summary goes to the project log.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from sqlalchemy import func, insert, select, update

from .anchoring import find_quote, quote_of, unpack_words
from .documents import layout
from .errors import UserError
from .merge_codebook import merge_codes
from .merge_report import CodebookConflict, MergeConflictError, MergeReport
from .pdftext import PAGE_SEPARATOR
from .models import Code, Coder, Document, Memo, Page, PdfBlob, ProjectInfo, Scale, ScaleValue, Segment, new_uuid
from .store import Project

CONFLICT_CHOICES = ("ask", "keep-mine", "take-theirs")
_SEGMENT_FIELDS = ("start", "end", "page_first", "page_last", "rects", "quote", "memo", "status", "origin",
                   "created", "modified", "deleted", "kind")


class _DryRun(Exception):
    def __init__(self, report: MergeReport):
        self.report = report


def merge_project(project, other_path, conflicts="ask", dry_run: bool = False) -> MergeReport:
    """Merge the project file at ``other_path`` into ``project``; returns what was merged.

    ``conflicts``: 'ask' raises ``MergeConflictError`` (with ``.conflicts``) when the
    codebooks conflict, changing nothing; 'keep-mine' / 'take-theirs' resolve every
    conflict; a dict {conflict.key: 'keep-mine'|'take-theirs'} resolves each one.
    ``dry_run`` computes the report (conflicts resolved as 'keep-mine' unless given)
    and rolls everything back; do not call it inside another transaction.
    """
    if not isinstance(conflicts, dict) and conflicts not in CONFLICT_CHOICES:
        raise UserError(f"Unknown conflict choice '{conflicts}'; use ask, keep-mine or take-theirs.")
    other_path = Path(other_path)
    if project.path is not None and other_path.resolve() == Path(project.path).resolve():
        raise UserError(f"{other_path.name} is this project itself; choose another coder's copy.")
    other = Project.open(other_path, readonly=True, trust_memo=False)  # another coder's file: always checked
    try:
        report = MergeReport(source=other_path.name)
        try:
            with project.transaction() as s:
                _merge(project, s, other.session, report, conflicts if not dry_run or conflicts != "ask"
                       else "keep-mine")
                if dry_run:
                    raise _DryRun(report)
                if report.changed:
                    project.log("merge", report.summary(), **report.as_dict())
                for kind in ("coders", "documents", "codebook", "segments", "memos", "scales"):
                    project.changed(kind)
        except _DryRun:
            pass
        project.session.expire_all()  # bulk statements bypass the identity map: reload on next access
        return report
    finally:
        other.close()


def find_conflicts(project, other_path) -> list[CodebookConflict]:
    """The codebook conflicts a merge of ``other_path`` would meet (nothing is changed)."""
    return merge_project(project, other_path, conflicts="keep-mine", dry_run=True).conflicts


def _merge(project, s, o, report: MergeReport, conflicts) -> None:
    mine_info, their_info = s.scalars(select(ProjectInfo)).one(), o.scalars(select(ProjectInfo)).one()
    report.same_project = mine_info.uuid == their_info.uuid
    coders = _merge_coders(s, o, report)
    docs = _merge_documents(s, o, report, coders)
    codes = merge_codes(s, o, report, conflicts)
    s.flush()
    _merge_segments(project, s, o, report, docs, codes, coders)
    uuid_map = {t.uuid: docs[t.id][0].uuid for t in o.scalars(select(Document)) if t.id in docs}
    uuid_map.update({t.uuid: codes[t.id].uuid for t in o.scalars(select(Code))})
    uuid_map[their_info.uuid] = mine_info.uuid
    refused = {t.uuid for t in o.scalars(select(Document)) if t.id not in docs}
    _merge_memos(s, o, report, coders, uuid_map, refused)
    _merge_scales(s, o, report, docs, coders)
    s.flush()


# ---- coders ---------------------------------------------------------------------------------------
def _merge_coders(s, o, report: MergeReport) -> dict[int, Coder]:
    mine = list(s.scalars(select(Coder)))
    by_uuid = {c.uuid: c for c in mine}
    consensus = next((c for c in mine if c.is_consensus), None)
    mapping: dict[int, Coder] = {}
    for t in o.scalars(select(Coder).order_by(Coder.id)):
        m = by_uuid.get(t.uuid) or (consensus if t.is_consensus else None)
        if m is not None:
            report.coders_matched.append(m.name)
            if t.name != m.name and t.modified > m.modified and not m.is_consensus:
                report.coders_renamed.append(f"{m.name} -> {t.name}")
                m.name, m.modified = t.name, t.modified
        else:
            if any(c.name.casefold() == t.name.casefold() for c in mine):
                report.warnings.append(f"two different coders are named {t.name} (different uuids); "
                                       "rename one to tell them apart")
            m = Coder(uuid=t.uuid, name=t.name, is_consensus=t.is_consensus, created=t.created, modified=t.modified)
            s.add(m)
            mine.append(m)
            report.coders_added.append(t.name)
        mapping[t.id] = m
    s.flush()
    return mapping


# ---- documents --------------------------------------------------------------------------------------
def _merge_documents(s, o, report: MergeReport, coders: dict[int, Coder]) -> dict[int, tuple[Document, bool]]:
    """{their document id: (my document, same text)}."""
    by_sha = {d.sha256: d for d in s.scalars(select(Document))}
    uuids = {d.uuid for d in by_sha.values()}
    position = s.scalar(select(func.max(Document.position))) or 0
    mapping: dict[int, tuple[Document, bool]] = {}
    for t in o.scalars(select(Document).order_by(Document.position, Document.id)):
        m = by_sha.get(t.sha256)
        if m is not None:
            report.documents_matched += 1
            missing = {k: v for k, v in (t.attributes or {}).items() if k not in (m.attributes or {})}
            if missing:
                m.attributes = {**(m.attributes or {}), **missing}
            same = m.text == t.text
            if not same:
                report.documents_reanchored.append(m.label)
            mapping[t.id] = (m, same)
            continue
        blob = o.get(PdfBlob, t.sha256)
        their_pages = list(o.scalars(select(Page).where(Page.document_id == t.id).order_by(Page.index)))
        problem = document_problem(t, blob, their_pages)
        if problem is not None:  # refuse this document (and what hangs on it), not the whole merge
            report.documents_refused.append(f"{t.label} ({t.file_name}): {problem}")
            continue
        if s.get(PdfBlob, t.sha256) is None:
            s.add(PdfBlob(sha256=t.sha256, data=blob.data, size=len(blob.data)))
        position += 1
        m = Document(uuid=t.uuid if t.uuid not in uuids else new_uuid(), sha256=t.sha256, file_name=t.file_name,
                     title=t.title, author=t.author, page_count=t.page_count, text=t.text, extractor=t.extractor,
                     extractor_version=t.extractor_version, imported=t.imported,
                     imported_by=coders.get(t.imported_by_id) if t.imported_by_id else None,
                     attributes=dict(t.attributes or {}), position=position)
        for p in their_pages:
            m.pages.append(Page(index=p.index, label=p.label, width=p.width, height=p.height, rotation=p.rotation,
                                has_text=p.has_text, text_start=p.text_start, text_end=p.text_end,
                                word_boxes=p.word_boxes, word_offsets=p.word_offsets, ocr=p.ocr))
        s.add(m)
        by_sha[t.sha256] = m
        report.documents_added.append(t.file_name)
        mapping[t.id] = (m, True)
    s.flush()
    return mapping


def document_problem(doc: Document, blob: PdfBlob | None, pages: list[Page]) -> str | None:
    """Why another copy's document cannot be trusted, or None: its PDF must hash to its
    SHA-256, and its text must be exactly what its pages and words point into."""
    if blob is None or not blob.data:
        return "its PDF is missing from the copy"
    if not isinstance(doc.sha256, str) or hashlib.sha256(blob.data).hexdigest() != doc.sha256.lower():
        return "its PDF bytes do not match its SHA-256 (a damaged or altered copy)"
    text = doc.text if isinstance(doc.text, str) else None
    if text is None:
        return "it has no text"
    if [p.index for p in pages] != list(range(len(pages))) or len(pages) != doc.page_count or not pages:
        return "its pages are incomplete"
    expected = 0
    for p in pages:
        if p.text_start != expected or not isinstance(p.text_end, int) or p.text_end < p.text_start:
            return f"its text does not fit its pages (page {p.index + 1})"
        try:
            boxes, spans = unpack_words(p.word_boxes, p.word_offsets)
        except (ValueError, TypeError):
            return f"its word boxes are damaged (page {p.index + 1})"
        if len(boxes) != len(spans) or (len(spans) and (spans.min() < p.text_start or spans.max() > p.text_end
                                                        or np.any(spans[:, 1] < spans[:, 0]))):
            return f"its word boxes do not fit its text (page {p.index + 1})"
        expected = p.text_end + len(PAGE_SEPARATOR)
    if pages[-1].text_end != len(text):
        return "its text does not fit its pages (the text is longer or shorter than its pages)"
    return None


# ---- segments ---------------------------------------------------------------------------------------
def _merge_segments(project, s, o, report: MergeReport, docs, codes, coders) -> None:
    t_seg = Segment.__table__
    mine = {r.uuid: r for r in s.execute(select(Segment.id, Segment.uuid, Segment.modified, Segment.deleted))}
    inserts, updates = [], []
    for r in o.execute(select(t_seg)).mappings():
        if r["document_id"] not in docs:  # its document was refused
            report.segments_unplaced += 1
            continue
        doc, same_text = docs[r["document_id"]]
        values = {f: r[f] for f in _SEGMENT_FIELDS}
        values.update(document_id=doc.id, code_pk=codes[r["code_id"]].id, coder_id=coders[r["coder_id"]].id,
                      decided_by_id=coders[r["decided_by_id"]].id if r["decided_by_id"] else None)
        m = mine.get(r["uuid"])
        if m is not None and r["modified"] <= m.modified:
            if r["modified"] == m.modified:
                report.segments_unchanged += 1
            else:
                report.segments_kept_mine += 1
            continue
        if not same_text and not _reanchor(project, doc, values):
            report.segments_unplaced += 1
            continue
        if m is None:
            inserts.append(dict(values, uuid=r["uuid"]))
            report.segments_added += 1
        else:
            updates.append(dict(values, id=m.id))
            if r["deleted"] is not None and m.deleted is None:
                report.segments_deleted += 1
            else:
                report.segments_updated += 1
    if inserts:
        s.execute(insert(Segment), inserts)
    if updates:
        s.execute(update(Segment), updates)


def _reanchor(project, doc: Document, values: dict) -> bool:
    """Place a segment by its quote in a document whose text was extracted differently."""
    if values.get("kind") == "area":  # an area keeps its rectangle; it takes the text now inside it
        from .areas import covered_span

        rect = ((values.get("rects") or {}).get(str(values["page_first"])) or [None])[0]
        start, end = covered_span(layout(project, doc), values["page_first"], rect)
        values.update(start=start, end=end, quote=quote_of(doc.text, start, end))
        return True
    span = find_quote(doc.text, values["quote"]) if values["quote"] else None
    if span is None or span.end <= span.start:
        return False
    lay = layout(project, doc)
    first, last = lay.pages_for_span(span.start, span.end)
    values.update(start=span.start, end=span.end, page_first=first, page_last=last,
                  rects={str(k): v for k, v in lay.rects_for_span(span.start, span.end).items()},
                  quote=quote_of(doc.text, span.start, span.end))
    return True


# ---- memos and scales ----------------------------------------------------------------------------------
def _merge_memos(s, o, report: MergeReport, coders, uuid_map: dict[str, str], refused: set[str]) -> None:
    mine = list(s.scalars(select(Memo)))
    by_uuid = {m.uuid: m for m in mine}
    by_key = {(m.target_kind, m.target_uuid, m.coder_id): m for m in mine}
    for t in o.scalars(select(Memo)):
        if t.target_uuid in refused:
            continue
        coder = coders[t.coder_id]
        target = uuid_map.get(t.target_uuid, t.target_uuid)
        m = by_uuid.get(t.uuid) or by_key.get((t.target_kind, target, coder.id))
        if m is None:
            m = Memo(uuid=t.uuid, target_kind=t.target_kind, target_uuid=target, coder=coder, text=t.text,
                     modified=t.modified)
            s.add(m)
            by_key[(t.target_kind, target, coder.id)] = m
            report.memos_added += 1
        elif t.modified > m.modified and t.text != m.text:
            m.text, m.modified = t.text, t.modified
            report.memos_updated += 1


def _merge_scales(s, o, report: MergeReport, docs, coders) -> None:
    scales = {sc.scale_id: sc for sc in s.scalars(select(Scale))}
    scale_map: dict[int, Scale] = {}
    for t in o.scalars(select(Scale)):
        m = scales.get(t.scale_id)
        if m is None:
            used = {sc.uuid for sc in scales.values()}
            m = Scale(uuid=t.uuid if t.uuid not in used else new_uuid(), scale_id=t.scale_id, name=t.name,
                      level=t.level, description=t.description, values=list(t.values or []))
            s.add(m)
            scales[t.scale_id] = m
            report.scales_added.append(t.scale_id)
        scale_map[t.id] = m
    s.flush()
    mine = {(v.document_id, v.scale_pk, v.coder_id): v for v in s.scalars(select(ScaleValue))}
    for t in o.scalars(select(ScaleValue)):
        if t.document_id not in docs:  # its document was refused
            continue
        key = (docs[t.document_id][0].id, scale_map[t.scale_pk].id, coders[t.coder_id].id)
        m = mine.get(key)
        if m is None:
            s.add(ScaleValue(document_id=key[0], scale_pk=key[1], coder_id=key[2], value=t.value, modified=t.modified))
            report.scale_values_added += 1
        elif t.modified > m.modified and t.value != m.value:
            m.value, m.modified = t.value, t.modified
            report.scale_values_updated += 1


__all__ = ["merge_project", "find_conflicts", "MergeReport", "MergeConflictError", "CodebookConflict",
           "CONFLICT_CHOICES"]
