"""Read a REFI-QDA project (.qdpx or bare .qde) into a plan, touching no project.

Everything is checked here, before anything is written: GUIDs, references from codings to
codes and users, note references, that internal files exist, decode and open. What this app
cannot hold (pictures, audio, video, sets, graphs, links, codings of whole sources, external
files) is counted in the report; broken references are reported and left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pymupdf
from lxml import etree

from .codebook_xml import CodeSpec, find_child, read_codes
from .common import norm_guid, parse_date
from .report import Report
from .safety import ExchangeFileError, Package, local, parse_xml

MEDIA = {"PictureSource": "picture sources", "AudioSource": "audio sources", "VideoSource": "video sources"}
SELECTIONS = ("PictureSelection", "AudioSelection", "VideoSelection", "TranscriptSelection")


@dataclass
class CodingPlan:
    guid: str
    code: str
    user: str | None
    created: object = None


@dataclass
class SelectionPlan:
    guid: str
    codings: list[CodingPlan]
    memo: str = ""
    notes: list[str] = field(default_factory=list)
    start: int = 0  # text selections
    end: int = 0
    page: int = 0  # PDF selections
    box: tuple[int, int, int, int] | None = None
    text: str = ""  # the text a PDF selection says it covers, if any
    user: str | None = None
    created: object = None
    modified: object = None


@dataclass
class SourcePlan:
    kind: str  # pdf | text
    guid: str
    name: str
    user: str | None
    text: str | None = None  # plain text (text source) or the PDF's representation
    pdf_file: str | None = None  # its file in sources/, read again when it is imported (not kept in memory)
    pages: int = 0
    text_selections: list[SelectionPlan] = field(default_factory=list)
    pdf_selections: list[SelectionPlan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)  # variable guid -> value


@dataclass
class ProjectPlan:
    name: str
    origin: str
    users: list[tuple[str, str, str]] = field(default_factory=list)  # guid, name, id
    codes: list[CodeSpec] = field(default_factory=list)
    variables: dict[str, tuple[str, str]] = field(default_factory=dict)  # guid -> (name, description)
    cases: list[tuple[str, dict, list[str]]] = field(default_factory=list)  # name, values, source guids
    sources: list[SourcePlan] = field(default_factory=list)
    notes: dict[str, tuple[str, str | None, str]] = field(default_factory=dict)  # guid -> text, user, name
    project_notes: list[str] = field(default_factory=list)


def _children(el, name: str):
    return [c for c in el if local(c.tag) == name]


def _text_of(el) -> str:
    return (el.text or "") if el is not None else ""


def _int(el, attr: str) -> int | None:
    try:
        return int((el.get(attr) or "").strip())
    except ValueError:
        return None


def _value_of(vv) -> tuple[str | None, object]:
    ref = find_child(vv, "VariableRef")
    guid = norm_guid(ref.get("targetGUID")) if ref is not None else None
    for c in vv:
        kind = local(c.tag)
        if kind == "IntegerValue":
            try:
                return guid, int((c.text or "").strip())
            except ValueError:
                return guid, (c.text or "").strip()
        if kind in ("TextValue", "FloatValue", "DateValue", "DateTimeValue", "BooleanValue"):
            text = (c.text or "").strip()
            # as the attributes CSV is read: whole numbers are numbers (rank 3, not "3")
            return guid, int(text) if text.isdigit() and len(text) < 10 else text
    return guid, None


class Reader:
    def __init__(self, package: Package, report: Report):
        self.package = package
        self.report = report

    def read(self) -> ProjectPlan:
        root = parse_xml(self.package.xml, self.package.name)
        if local(root.tag) != "Project":
            raise ExchangeFileError(f"{self.package.name} is not a REFI-QDA project (its root is "
                                    f"<{local(root.tag)}>, not <Project>).")
        plan = ProjectPlan(name=(root.get("name") or "").strip(), origin=(root.get("origin") or "").strip())
        users = find_child(root, "Users")
        for u in _children(users, "User") if users is not None else []:
            guid = norm_guid(u.get("guid"))
            if guid is None:
                self.report.problem(f"A user ({u.get('name') or 'no name'}) has no valid guid; left out.")
                continue
            plan.users.append((guid, (u.get("name") or u.get("id") or "").strip(), (u.get("id") or "").strip()))
        self.users = {g for g, _, _ in plan.users}
        plan.codes = read_codes(find_child(find_child(root, "CodeBook"), "Codes"), self.report)
        self.codes = {c.guid for c in plan.codes}
        variables = find_child(root, "Variables")
        for v in _children(variables, "Variable") if variables is not None else []:
            guid = norm_guid(v.get("guid"))
            if guid and (v.get("name") or "").strip():
                plan.variables[guid] = (v.get("name").strip(), _text_of(find_child(v, "Description")))
        notes = find_child(root, "Notes")
        for n in _children(notes, "Note") if notes is not None else []:
            guid = norm_guid(n.get("guid"))
            if guid is None:
                self.report.problem("A note has no valid guid; left out.")
                continue
            text = _text_of(find_child(n, "PlainTextContent")) or self._internal_text(n.get("plainTextPath"), "note")
            plan.notes[guid] = (text or "", norm_guid(n.get("creatingUser")), (n.get("name") or "").strip())
            if n.get("richTextPath") and not text:
                self.report.dropped("notes in rich text only (.docx)")
        sources = find_child(root, "Sources")
        for src in sources if sources is not None else []:
            kind = local(src.tag)
            if kind in MEDIA:
                self.report.dropped(MEDIA[kind])
                self._count_dropped_selections(src)
            elif kind == "TextSource":
                self._add(plan, self._text_source(src))
            elif kind == "PDFSource":
                self._add(plan, self._pdf_source(src))
        cases = find_child(root, "Cases")
        for case in _children(cases, "Case") if cases is not None else []:
            values = dict(_value_of(vv) for vv in _children(case, "VariableValue"))
            refs = [norm_guid(r.get("targetGUID")) for r in _children(case, "SourceRef")]
            plan.cases.append(((case.get("name") or "").strip(), values, [r for r in refs if r]))
            if _children(case, "CodeRef") or _children(case, "SelectionRef"):
                self.report.dropped("case links to codes or selections")
        for what, label in (("Sets", "sets"), ("Links", "links"), ("Graphs", "graphs")):
            el = find_child(root, what)
            if el is not None:
                self.report.dropped(label, len(el))
        plan.project_notes = [g for g in (norm_guid(r.get("targetGUID")) for r in _children(root, "NoteRef")) if g]
        self._check_notes(plan)
        return plan

    # ---- sources ----------------------------------------------------------------------------
    def _add(self, plan: ProjectPlan, source: SourcePlan | None) -> None:
        if source is None:
            return
        if any(s.guid == source.guid for s in plan.sources):
            self.report.problem(f"Source guid {source.guid} ({source.name}) appears twice; the second is left out.")
            return
        plan.sources.append(source)

    def _count_dropped_selections(self, src) -> None:
        for el in src.iter():
            name = local(el.tag)
            if name in SELECTIONS:
                self.report.dropped(f"{name[:-9].lower()} selections")
            elif name == "Coding":
                self.report.dropped("codings on media sources")

    def _head(self, src, kind: str) -> tuple[str | None, str]:
        guid = norm_guid(src.get("guid"))
        name = (src.get("name") or "").strip() or (guid or "?")
        if guid is None:
            self.report.problem(f"{kind} {name} has no valid guid; left out.")
        return guid, name

    def _internal_text(self, path: str | None, what: str) -> str | None:
        if not path:
            return None
        data = self._internal(path, what)
        if data is None:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.report.problem(f"{what}: {path} is not UTF-8 text; left out.")
            return None

    def _internal(self, path: str, what: str) -> bytes | None:
        if not path.lower().startswith("internal://"):
            self.report.dropped("external files (relative:// or absolute:// paths, not in the .qdpx)")
            self.report.problem(f"{what} refers to {path}, outside the exchange file; left out.")
            return None
        file_name = path[len("internal://"):].strip("/")
        if "/" in file_name or "\\" in file_name or not self.package.has_source(file_name):
            self.report.problem(f"{what}: {path} is not in the file's sources folder; left out.")
            return None
        return self.package.read_source(file_name)

    def _text_source(self, src) -> SourcePlan | None:
        guid, name = self._head(src, "Text source")
        if guid is None:
            return None
        text = _text_of(find_child(src, "PlainTextContent")) or self._internal_text(src.get("plainTextPath"), name)
        if text is None:
            if src.get("richTextPath"):
                self.report.dropped("text sources in rich text only (.docx, no plain text)")
            else:
                self.report.problem(f"Text source {name} has no text; left out.")
            return None
        if not text.strip():
            if src.get("richTextPath"):
                self.report.dropped("text sources whose plain text is empty (content only in .docx)")
            else:
                self.report.problem(f"Text source {name} is empty; left out.")
            return None
        plan = SourcePlan("text", guid, name, norm_guid(src.get("creatingUser")), text=text)
        self._selections(src, plan)
        return plan

    def _pdf_source(self, src) -> SourcePlan | None:
        guid, name = self._head(src, "PDF source")
        if guid is None:
            return None
        data = self._internal(src.get("path") or "", name)
        if data is None:
            return None
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
            pages = doc.page_count
            doc.close()
        except Exception as exc:  # PyMuPDF raises several kinds
            self.report.problem(f"PDF source {name} cannot be opened ({str(exc)[:80]}); left out.")
            return None
        del data
        plan = SourcePlan("pdf", guid, name, norm_guid(src.get("creatingUser")),
                          pdf_file=src.get("path").strip()[len("internal://"):].strip("/"), pages=pages)
        rep = find_child(src, "Representation")
        if rep is not None:
            plan.text = _text_of(find_child(rep, "PlainTextContent")) or \
                self._internal_text(rep.get("plainTextPath"), f"text of {name}")
            if plan.text is not None:
                self._selections(rep, plan)
            elif _children(rep, "PlainTextSelection"):
                self.report.problem(f"{name}: its text representation is missing, so its "
                                    f"{len(_children(rep, 'PlainTextSelection'))} text selection(s) are left out.")
        for sel in _children(src, "PDFSelection"):
            page = _int(sel, "page")
            box = tuple(_int(sel, a) for a in ("firstX", "firstY", "secondX", "secondY"))
            sp = self._selection(sel, name)
            if sp is None:
                continue
            if page is None or None in box or not 0 <= page < pages:
                self.report.problem(f"{name}: PDF selection {sp.guid} has no valid page or corners; left out.")
                continue
            sp.page, sp.box = page, box
            nested = find_child(sel, "Representation")
            sp.text = _text_of(find_child(nested, "PlainTextContent")) if nested is not None else ""
            plan.pdf_selections.append(sp)
        self._source_extras(src, plan)
        return plan

    def _selections(self, src, plan: SourcePlan) -> None:
        limit = len((plan.text or "").encode("utf-16-le")) // 2  # NVivo counts UTF-16 units; decided later
        for sel in _children(src, "PlainTextSelection"):
            sp = self._selection(sel, plan.name)
            if sp is None:
                continue
            start, end = _int(sel, "startPosition"), _int(sel, "endPosition")
            if start is None or end is None or not 0 <= start < end <= limit:
                self.report.problem(f"{plan.name}: text selection {sp.guid} ({start}-{end}) lies outside the "
                                    f"text ({len(plan.text or '')} characters); left out.")
                continue
            sp.start, sp.end = start, end
            plan.text_selections.append(sp)
        if plan.kind == "text":
            self._source_extras(src, plan)

    def _source_extras(self, src, plan: SourcePlan) -> None:
        whole = _children(src, "Coding")
        if whole:
            self.report.dropped("codings of whole sources (no text span)", len(whole))
        plan.notes = [g for g in (norm_guid(r.get("targetGUID")) for r in _children(src, "NoteRef")) if g]
        for vv in _children(src, "VariableValue"):
            guid, value = _value_of(vv)
            if guid is not None and value not in (None, ""):
                plan.values[guid] = value

    def _selection(self, sel, source_name: str) -> SelectionPlan | None:
        guid = norm_guid(sel.get("guid"))
        if guid is None:
            self.report.problem(f"{source_name}: a selection has no valid guid; left out.")
            return None
        user = norm_guid(sel.get("creatingUser"))
        codings = []
        for c in _children(sel, "Coding"):
            ref = find_child(c, "CodeRef")
            code = norm_guid(ref.get("targetGUID")) if ref is not None else None
            cguid = norm_guid(c.get("guid")) or guid
            if code is None or code not in self.codes:
                self.report.problem(f"{source_name}: coding {cguid} refers to a code that is not in the codebook "
                                    f"({ref.get('targetGUID') if ref is not None else 'no CodeRef'}); left out.")
                continue
            cuser = norm_guid(c.get("creatingUser")) or user
            if cuser is not None and cuser not in self.users:
                self.report.problem(f"{source_name}: coding {cguid} names user {cuser}, who is not among the "
                                    "users; it is given to the importing coder.")
                cuser = None
            codings.append(CodingPlan(cguid, code, cuser, parse_date(c.get("creationDateTime"))))
        notes = [g for g in (norm_guid(r.get("targetGUID")) for r in _children(sel, "NoteRef")) if g]
        return SelectionPlan(guid, codings, memo=_text_of(find_child(sel, "Description")).strip(), notes=notes,
                             user=user if user in self.users else None,
                             created=parse_date(sel.get("creationDateTime")),
                             modified=parse_date(sel.get("modifiedDateTime")))

    def _check_notes(self, plan: ProjectPlan) -> None:
        refs = list(plan.project_notes)
        for s in plan.sources:
            refs += s.notes
            for sel in s.text_selections + s.pdf_selections:
                refs += sel.notes
        for c in plan.codes:
            refs += c.note_refs
        for r in refs:
            if r not in plan.notes:
                self.report.problem(f"A note reference points to note {r}, which is not in the file; left out.")


def read_plan(package: Package, report: Report) -> ProjectPlan:
    try:
        return Reader(package, report).read()
    except etree.LxmlError as exc:
        raise ExchangeFileError(f"{package.name}: {exc}") from None
