"""Apply a read REFI-QDA project plan to a project, as one transaction.

Users become coders (identity = guid), codes join the codebook (same guid: updated),
PDF sources are imported as PDFs, text sources become laid-out documents whose text is
the source text (``textdoc``). Text selections map by offsets (one to one when the text
is the same, else by finding the quote); PDF selections map through the page's word
boxes to a word-snapped span. A PDF selection that repeats a text selection of the same
code and coder (as this app's own export writes them) is not imported twice.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pymupdf
from sqlalchemy import select

from .. import importer
from ..anchoring import quote_of, quote_pattern
from ..areas import anchor_area
from ..codebook import codebook_info
from ..coders import list_coders
from ..documents import layout
from ..errors import UserError
from ..models import Coder, Document, Memo, Scale, Segment, utcnow
from ..scales import set_scale_value
from . import textdoc
from .codebook_xml import apply_codes
from .coords import from_refi
from .common import derived
from .project_export import AREA_CODING, CONSENSUS_ID
from .project_read import ProjectPlan, SourcePlan, read_plan
from .report import Report
from .safety import ExchangeFileError, Package, open_package

SCALE_NOTE = re.compile(r"BurgerAnnotator document scale (\S+) coded by ([0-9a-fA-F-]{36})")
_WS = re.compile(r"\s+")


class Importer:
    def __init__(self, project, plan: ProjectPlan, report: Report, coder_name: str | None = None,
                 package: Package | None = None):
        self.project = project
        self.package = package
        self.plan = plan
        self.report = report
        self.coder_name = coder_name
        self.coders: dict[str, Coder] = {}
        self._fallback: Coder | None = None
        self.documents: dict[str, Document] = {}
        self.segments: dict[str, list[Segment]] = {}  # document uuid -> segments made by this import
        self.known_uuids: set[str] | None = None
        self.new_segments = 0

    # ---- who ------------------------------------------------------------------------------------
    def fallback(self) -> Coder:
        """The coder for codings and notes that name no (known) user."""
        if self._fallback is None:
            name = self.coder_name or (self.plan.users[0][1] if len(self.plan.users) == 1 else "") or "REFI-QDA import"
            if len(self.plan.users) == 1 and not self.coder_name:
                self._fallback = self.coders[self.plan.users[0][0]]
            else:
                self._fallback = self._coder(None, name)
        return self._fallback

    def _coder(self, guid: str | None, name: str, consensus: bool = False) -> Coder:
        existing = list_coders(self.project)
        for c in existing:
            if guid and c.uuid.lower() == guid:
                return c
        if consensus:
            for c in existing:
                if c.is_consensus:
                    return c
        if guid is None:
            for c in existing:
                if c.name.casefold() == name.casefold():
                    return c
        names = {c.name.casefold() for c in existing}
        base, n = (name or "Coder")[:100], 2
        while name.casefold() in names:
            name, n = f"{base} ({n})", n + 1
        coder = Coder(name=name, is_consensus=consensus, **({"uuid": guid} if guid else {}))
        self.project.session.add(coder)
        self.project.session.flush()
        return coder

    def user(self, guid: str | None) -> Coder:
        return self.coders.get(guid) if guid in self.coders else self.fallback()

    # ---- run ------------------------------------------------------------------------------------
    def run(self) -> None:
        plan, report = self.plan, self.report
        for guid, name, uid in plan.users:
            self.coders[guid] = self._coder(guid, name or f"User {guid[:8]}", consensus=uid == CONSENSUS_ID)
        report.count("coders (users)", len(plan.users))
        self.codes = apply_codes(self.project, plan.codes, report) if plan.codes else {}
        attributes = self._attributes()
        for source in plan.sources:
            doc = self._document(source, attributes.get(source.guid, {}))
            if doc is None:
                continue
            self.documents[source.guid] = doc
            self._text_codings(source, doc)
            self._pdf_codings(source, doc)
        self._scales(attributes)
        self._memos()
        self.project.session.flush()
        if self.new_segments:
            self.project.changed("segments")

    def _attributes(self) -> dict[str, dict]:
        """source guid -> {variable name: value}; the source's own values win over its case's."""
        out: dict[str, dict] = {}
        names = {g: n for g, (n, _) in self.plan.variables.items()}
        for _, values, refs in self.plan.cases:
            for ref in refs:
                for g, v in values.items():
                    if g in names and v not in (None, ""):
                        out.setdefault(ref, {})[g] = v
        for s in self.plan.sources:
            for g, v in s.values.items():
                if g in names:
                    out.setdefault(s.guid, {})[g] = v
                else:
                    self.report.problem(f"{s.name}: a value refers to variable {g}, which is not defined; left out.")
        return out

    def _plain_attributes(self, values: dict) -> dict:
        attrs = {}
        for g, v in values.items():
            name, description = self.plan.variables[g]
            if not SCALE_NOTE.match(description or ""):
                attrs[name] = v
        return attrs

    def _document(self, source: SourcePlan, values: dict) -> Document | None:
        attrs = self._plain_attributes(values)
        creator = self.coders.get(source.user)
        if source.kind == "pdf":
            try:
                result = importer.import_pdf(self.project, data=self._pdf(source), file_name=source.name,
                                             coder=creator, attributes=attrs)
            except UserError as exc:
                self.report.problem(f"{source.name}: {exc.message} Left out.")
                return None
            doc = result.document
            if result.status == "duplicate":
                self.report.count("documents already in the project")
            else:
                self.report.count("PDF documents")
        else:
            doc = textdoc.text_document(self.project, source.name, source.text or "", creator, attrs)
            self.report.count("text documents (laid out as PDF pages)")
        taken = self.project.session.scalar(select(Document.id).where(Document.uuid == source.guid))
        if taken is None and doc.uuid != source.guid:
            doc.uuid = source.guid
        return doc

    def _pdf(self, source: SourcePlan) -> bytes:
        self.package.total_read = 0  # each read is still held to the entry's declared size
        return self.package.read_source(source.pdf_file)

    # ---- codings ----------------------------------------------------------------------------------
    def _make(self, doc: Document, start: int, end: int, coding, sel, what: str, area=None) -> Segment | None:
        code = self.codes.get(coding.code)
        if code is None:
            return None
        if code.kind == "category":
            self.report.problem(f"{doc.file_name}: coding {coding.guid} is on {code.name}, which is not codable; "
                                "left out.")
            return None
        uuid = sel.guid if len(sel.codings) == 1 else coding.guid
        if self.known_uuids is None:  # one query for the whole import, not one per coding
            self.known_uuids = set(self.project.session.scalars(select(Segment.uuid)))
        if uuid in self.known_uuids:
            existing = self.project.session.scalar(select(Segment).where(Segment.uuid == uuid))
            if existing is not None:
                self.report.count("codings already in the project")
                self.segments.setdefault(doc.uuid, []).append(existing)  # so its PDF selections are not doubled
            return None
        memo = sel.memo
        for ref in sel.notes:
            if ref in self.plan.notes and self.plan.notes[ref][0].strip():
                memo = (memo + "\n\n" if memo else "") + self.plan.notes[ref][0].strip()
        coder = self.user(coding.user or sel.user)
        try:
            if area is not None:
                anchor = anchor_area(self.project, doc, area[0], list(area[1]))
            else:
                anchor = self._anchor(doc, start, end)
        except UserError as exc:
            self.report.problem(f"{doc.file_name}: {what} {sel.guid}: {exc.message} Left out.")
            return None
        now = utcnow()
        seg = Segment(uuid=uuid, document=doc, code=code, coder=coder, memo=memo, status="coded", origin="merge",
                      created=coding.created or sel.created or now, modified=sel.modified or now, **anchor)
        self.project.session.add(seg)  # flushed with the rest, not one by one
        self.known_uuids.add(uuid)
        self.segments.setdefault(doc.uuid, []).append(seg)
        self.new_segments += 1
        return seg

    def _anchor(self, doc: Document, start: int, end: int) -> dict:
        """A text segment's stored fields: the span snapped to whole words, pages, rectangles, quote
        (as ``segments.create_segment`` anchors a selection)."""
        lay = layout(self.project, doc)
        span = lay.snap(start, end)
        if span.end <= span.start:
            raise UserError("The selection is empty.")
        first, last = lay.pages_for_span(span.start, span.end)
        rects = lay.rects_for_span(span.start, span.end)
        return {"kind": "text", "start": span.start, "end": span.end, "page_first": first, "page_last": last,
                "rects": {str(k): v for k, v in rects.items()}, "quote": quote_of(doc.text, span.start, span.end)}

    def _text_codings(self, source: SourcePlan, doc: Document) -> None:
        if not source.text_selections:
            return
        if utf16_offsets(source.text or "", source.text_selections):
            self.report.count("text selections counted in UTF-16 units (as NVivo writes them), converted",
                              len(source.text_selections))
        same = (source.text == doc.text)
        for sel in source.text_selections:
            if sel.end > len(source.text or ""):
                self.report.problem(f"{source.name}: text selection {sel.guid} ends after the text; left out.")
                continue
            if same:
                start, end = sel.start, sel.end
            else:
                found = self._find(source.text, doc.text, sel.start, sel.end)
                if found is None:
                    self.report.count("text selections not found in the document's text", len(sel.codings))
                    continue
                start, end = found
            for coding in sel.codings:
                seg = self._make(doc, start, end, coding, sel, "text selection")
                if seg is None:
                    continue
                if not same:
                    self.report.count("text codings placed by their quote")
                elif (seg.start, seg.end) == (sel.start, sel.end):
                    self.report.count("text codings at their exact offsets")
                else:
                    self.report.count("text codings widened to whole words")

    @staticmethod
    def _find(source_text: str, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Where a passage of another text stands in this one: the occurrence nearest its place."""
        passage = source_text[start:end]
        if not passage.strip():
            return None
        try:
            matches = list(quote_pattern(passage).finditer(text)) or \
                list(quote_pattern(passage, re.IGNORECASE).finditer(text))
        except (ValueError, re.error):
            return None
        if not matches:
            return None
        where = start * len(text) / max(1, len(source_text))
        m = min(matches, key=lambda m: abs(m.start() - where))
        return m.start(), m.end()

    def _pdf_codings(self, source: SourcePlan, doc: Document) -> None:
        if not source.pdf_selections:
            return
        lay = layout(self.project, doc)
        pdf = pymupdf.open(stream=self._pdf(source), filetype="pdf")
        try:
            for sel in source.pdf_selections:
                rect = from_refi(pdf.load_page(sel.page), *sel.box)
                span = self._words_in(lay, sel.page, rect)
                ours = any(c.guid == derived(sel.guid, AREA_CODING) for c in sel.codings)
                if span is None or ours:  # a region without text (a figure), or this app's area segment
                    for coding in sel.codings:
                        if self._make(doc, 0, 0, coding, sel, "PDF selection", area=(sel.page, rect)) is not None:
                            self.report.count("PDF selections kept as areas of their page")
                    continue
                for coding in sel.codings:
                    if self._repeats(doc, coding, span):
                        self.report.count("PDF selections repeating a text selection (not doubled)")
                        continue
                    seg = self._make(doc, span[0], span[1], coding, sel, "PDF selection")
                    if seg is None:
                        continue
                    said = _WS.sub("", sel.text or "")
                    if said and said == _WS.sub("", quote_of(doc.text, seg.start, seg.end)):
                        self.report.count("PDF codings snapped exactly to their text")
                    else:
                        self.report.count("PDF codings snapped to the words in their rectangle")
        finally:
            pdf.close()

    @staticmethod
    def _words_in(lay, page: int, rect: pymupdf.Rect) -> tuple[int, int] | None:
        """The span from the first to the last word whose centre lies in ``rect`` (1 pt of slack)."""
        lo, hi = lay.page_word_range(page)
        b = lay.boxes[lo:hi]
        cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
        inside = np.nonzero((cx >= rect.x0 - 1) & (cx <= rect.x1 + 1) & (cy >= rect.y0 - 1) & (cy <= rect.y1 + 1))[0]
        if not len(inside):
            return None
        return int(lay.spans[lo + inside[0], 0]), int(lay.spans[lo + inside[-1], 1])

    def _repeats(self, doc: Document, coding, span: tuple[int, int]) -> bool:
        code = self.codes.get(coding.code)
        for seg in self.segments.get(doc.uuid, []):
            if seg.code is code and (coding.user is None or seg.coder.uuid.lower() == coding.user):
                overlap = min(seg.end, span[1]) - max(seg.start, span[0])
                if overlap > 0 and overlap >= 0.5 * (seg.end - seg.start):
                    return True
        return False

    # ---- scales and memos ------------------------------------------------------------------------
    def _scales(self, attributes: dict[str, dict]) -> None:
        scales = {sc.scale_id: sc for sc in self.project.session.scalars(select(Scale))}
        for source_guid, values in attributes.items():
            doc = self.documents.get(source_guid)
            if doc is None:
                continue
            for g, v in values.items():
                m = SCALE_NOTE.match(self.plan.variables[g][1] or "")
                if not m:
                    continue
                scale, coder = scales.get(m.group(1)), self.coders.get(m.group(2).lower())
                if scale is None or coder is None or not isinstance(v, int):
                    attrs = dict(doc.attributes or {})
                    attrs[self.plan.variables[g][0]] = v
                    doc.attributes = attrs
                    self.report.count("scale values kept as attributes (no such scale or coder here)")
                    continue
                set_scale_value(self.project, doc, scale, coder, v)
                self.report.count("document scale values")

    def _memos(self) -> None:
        used: set[str] = set()
        targets: list[tuple[str, str, list[str]]] = [("project", self.project.info.uuid, self.plan.project_notes)]
        for s in self.plan.sources:
            if s.guid in self.documents:
                targets.append(("document", self.documents[s.guid].uuid, s.notes))
            for sel in s.text_selections + s.pdf_selections:
                used.update(sel.notes)
        for c in self.plan.codes:
            if c.guid in self.codes:
                targets.append(("code", self.codes[c.guid].uuid, c.note_refs))
        referenced = {r for _, _, refs in targets for r in refs} | used
        loose = [g for g in self.plan.notes if g not in referenced]
        if loose:
            targets[0] = ("project", targets[0][1], targets[0][2] + loose)
            self.report.count("notes attached to nothing (kept as project memos)", len(loose))
        for kind, target, refs in targets:
            for ref in refs:
                if ref not in self.plan.notes:
                    continue
                text, user, _name = self.plan.notes[ref]
                if text.strip():
                    self._memo(kind, target, self.user(user), text.strip())
                    self.report.count(f"{kind} memos")

    def _memo(self, kind: str, target: str, coder: Coder, text: str) -> None:
        s = self.project.session
        s.flush()
        row = s.scalar(select(Memo).where(Memo.target_kind == kind, Memo.target_uuid == target,
                                          Memo.coder_id == coder.id))
        if row is None:
            s.add(Memo(target_kind=kind, target_uuid=target, coder=coder, text=text))
        elif text not in row.text:
            row.text = (row.text + "\n\n" + text) if row.text else text
            row.modified = utcnow()
        self.project.changed("memos", target)


def _aligned(text: str, spans) -> int:
    """How many spans start and end at word boundaries of ``text``."""
    n = len(text)
    return sum(1 for a, b in spans if 0 <= a < b <= n and (a == 0 or not text[a - 1].isalnum())
               and (b == n or not text[b].isalnum()))


def utf16_offsets(text: str, selections) -> bool:
    """Convert the selections' offsets from UTF-16 code units to characters if that is what they are.

    The spec counts Unicode code points; NVivo counts UTF-16 units, which differ after every
    character outside the Basic Multilingual Plane (emoji). The reading that puts more
    selections on word boundaries wins. Returns True if the offsets were converted."""
    if not any(ord(ch) > 0xFFFF for ch in text):
        return False
    index = []
    for k, ch in enumerate(text):
        index.append(k)
        if ord(ch) > 0xFFFF:
            index.append(k)
    index.append(len(text))
    as_units = [(index[sel.start], index[sel.end]) for sel in selections if sel.end < len(index)]
    if len(as_units) < len(selections):
        return False
    if _aligned(text, as_units) <= _aligned(text, [(sel.start, sel.end) for sel in selections]):
        return False
    for sel, (a, b) in zip(selections, as_units):
        sel.start, sel.end = a, b
    return True


def read(path: str | Path) -> tuple[ProjectPlan, Report, Package]:
    """Open and check a .qdpx/.qde completely (no project touched). The caller closes the package."""
    package = open_package(path)
    report = Report(f"Project {package.name}")
    try:
        plan = read_plan(package, report)
        if not plan.codes and not plan.sources:
            raise ExchangeFileError(f"{package.name} holds no codes and no text or PDF sources to import.")
    except BaseException:
        package.close()
        raise
    return plan, report, package


def import_qdpx(project, path: str | Path, coder_name: str | None = None) -> Report:
    """Import a REFI-QDA project into ``project``: all of it in one transaction, or nothing."""
    plan, report, package = read(path)
    try:
        with project.transaction():
            Importer(project, plan, report, coder_name, package).run()
            project.log("import-qdpx", f"Imported {Path(path).name} ({plan.origin or 'unknown origin'})", None,
                        **report.counts)
    except BaseException:
        project.cache.clear()
        raise
    finally:
        package.close()
    if not codebook_info(project).name and plan.name:
        with project.transaction():
            codebook_info(project).name = plan.name
    return report


def new_from_qdpx(path: str | Path, source: str | Path, coder_name: str | None = None):
    """A new project made from a REFI-QDA project; the file is only left behind if the import worked.

    The new project also gets the bundled codebook's document scales (DIEPGANG), so scale
    values exported by this app come back as scale values."""
    from ..codebook import load_codebook_file
    from ..ops import ImportCodebook, ImportQdc, ImportQdpx, run
    from ..store import Project

    is_codebook = Path(source).suffix.lower() == ".qdc"
    if not is_codebook:
        read(source)[2].close()  # a refused file makes no project at all (read again below)
    path = Path(path)
    project = Project.create(path, name=None)
    try:
        scales = load_codebook_file().get("document_scales", [])
        if scales:
            run(project, ImportCodebook({"categories": [], "document_scales": scales}))
        op = ImportQdc(str(source)) if is_codebook else ImportQdpx(str(source), coder_name)
        report = run(project, op).value
    except BaseException:
        project.close()
        path.unlink(missing_ok=True)
        for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            extra.unlink(missing_ok=True)
        raise
    return project, report
