"""Per-document (per-city) summaries: what a document's coding says, with the evidence.

For each document: its attributes; then, per category and code (codebook order), the
quotes with their printed page, coder and memo in document order; then its scale
values and its memos. Built from live codings only. Renderers (Markdown, HTML) are in
``core.exports.report``; the tables for CSV/Excel in ``core.exports.tables``.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select

from .areas import area_text
from .codebook import all_codes, scales
from .coders import list_coders
from .documents import list_documents
from .matrix import CoderSelection
from .models import Document, Memo, Page, ScaleValue, Segment, live_coding
from .scales import label_of


@dataclass
class Quote:
    segment_uuid: str
    document_uuid: str
    start: int
    end: int
    text: str
    page_index: int  # 0-based index of the first page
    page_last: int
    page: str  # printed label(s): "12" or "12-13"
    coder: str
    memo: str


@dataclass
class CodeSection:
    code_id: str
    name: str
    color: str
    path: str
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class CategorySection:
    code_id: str
    name: str
    color: str
    codes: list[CodeSection] = field(default_factory=list)

    @property
    def quote_count(self) -> int:
        return sum(len(c.quotes) for c in self.codes)


@dataclass
class ScaleEntry:
    scale_id: str
    scale: str
    coder: str
    value: int | None
    label: str


@dataclass
class MemoEntry:
    coder: str
    text: str


@dataclass
class DocumentSummary:
    uuid: str
    label: str
    file_name: str
    title: str
    page_count: int
    attributes: dict
    categories: list[CategorySection]
    scales: list[ScaleEntry]
    memos: list[MemoEntry]

    @property
    def quote_count(self) -> int:
        return sum(c.quote_count for c in self.categories)


def printed_pages(labels: dict[int, str], first: int, last: int) -> str:
    a = labels.get(first, str(first + 1))
    if last == first:
        return a
    return f"{a}-{labels.get(last, str(last + 1))}"


def page_labels(project, document_ids: list[int] | None = None) -> dict[int, dict[int, str]]:
    """{document id: {page index: printed label}} in one query."""
    q = select(Page.document_id, Page.index, Page.label)
    if document_ids is not None:
        q = q.where(Page.document_id.in_(document_ids))
    out: dict[int, dict[int, str]] = {}
    for doc_id, index, label in project.session.execute(q):
        out.setdefault(doc_id, {})[index] = label
    return out


def summarise(project, documents: list[Document] | None = None,
              selection: CoderSelection | None = None) -> list[DocumentSummary]:
    """Summaries of ``documents`` (default: all), counting the coders in ``selection`` (default: every coder)."""
    docs = list_documents(project) if documents is None else list(documents)
    if not docs:
        return []
    coders = {c.id: c for c in list_coders(project)}
    coder_ids = list(selection.coder_ids) if selection is not None else list(coders)
    doc_ids = [d.id for d in docs]
    labels = page_labels(project, doc_ids)
    tree = all_codes(project)
    by_id = {c.id: c for c in tree}

    rows = project.session.execute(
        select(Segment.document_id, Segment.code_pk, Segment.coder_id, Segment.uuid, Segment.start, Segment.end,
               Segment.page_first, Segment.page_last, Segment.quote, Segment.memo, Segment.kind)
        .where(live_coding(), Segment.document_id.in_(doc_ids),
               Segment.coder_id.in_(coder_ids))
        .order_by(Segment.document_id, Segment.start, Segment.end, Segment.coder_id, Segment.id)).all()
    quotes: dict[tuple[int, int], list[Quote]] = {}
    doc_uuid = {d.id: d.uuid for d in docs}
    for d, c, k, uuid, start, end, first, last, text, memo, kind in rows:
        if c not in by_id:
            continue
        printed = printed_pages(labels.get(d, {}), first, last)
        if kind == "area":
            text = area_text(printed, text)
        quotes.setdefault((d, c), []).append(Quote(
            uuid, doc_uuid[d], start, end, text, first, last, printed,
            coders[k].name if k in coders else "?", memo or ""))

    scale_rows = project.session.scalars(select(ScaleValue).where(
        ScaleValue.document_id.in_(doc_ids), ScaleValue.coder_id.in_(coder_ids))).all()
    scale_order = {sc.id: i for i, sc in enumerate(scales(project))}
    memo_rows = project.session.scalars(select(Memo).where(
        Memo.target_kind == "document", Memo.target_uuid.in_(list(doc_uuid.values())),
        Memo.coder_id.in_(coder_ids), Memo.text != "").order_by(Memo.coder_id)).all()

    out = []
    for doc in docs:
        categories: list[CategorySection] = []
        current: CategorySection | None = None
        for node in tree:
            if node.parent_id is None:
                current = CategorySection(node.code_id, node.name, node.color)
                categories.append(current)
            if node.kind == "category":
                continue
            found = quotes.get((doc.id, node.id))
            if found and current is not None:
                current.codes.append(CodeSection(node.code_id, node.name, node.color, node.path, found))
        sv = sorted((r for r in scale_rows if r.document_id == doc.id),
                    key=lambda r: (scale_order.get(r.scale_pk, 0), r.coder_id))
        out.append(DocumentSummary(
            doc.uuid, doc.label, doc.file_name, doc.title, doc.page_count, dict(doc.attributes or {}),
            [c for c in categories if c.codes],
            [ScaleEntry(r.scale.scale_id, r.scale.name, r.coder.name, r.value, label_of(r.scale, r.value))
             for r in sv],
            [MemoEntry(m.coder.name, m.text) for m in memo_rows if m.target_uuid == doc.uuid]))
    return out


@dataclass
class CodeDigest:
    """One code in one document as the Summary table shows it: how many live codings, by whom, on which
    printed pages (first appearance first), and only the first ``keep`` quotes."""
    category: str
    code_id: str
    name: str
    count: int = 0
    coders: set[str] = field(default_factory=set)
    pages: dict[str, None] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class DocumentDigest:
    label: str
    codes: list[CodeDigest]  # codebook order, codes with codings only
    scales: list[ScaleEntry]
    memos: list[MemoEntry]


def digests(project, documents: list[Document], selection: CoderSelection | None = None,
            keep: int = 25) -> Iterator[DocumentDigest]:
    """What ``summarise`` says of each document, one document at a time, holding at most ``keep``
    quotes per code: the codings are streamed from SQL, so memory does not grow with their number
    (the full Excel export's Summary sheet at 500,000 segments)."""
    docs = list(documents)
    if not docs:
        return
    coders = {c.id: c for c in list_coders(project)}
    coder_ids = list(selection.coder_ids) if selection is not None else list(coders)
    tree = all_codes(project)
    category_of: dict[int, str] = {}
    current: str | None = None
    for node in tree:
        if node.parent_id is None:
            current = node.name
        if node.kind != "category" and current is not None:
            category_of[node.id] = current
    order = {node.id: i for i, node in enumerate(tree)}
    scale_order = {sc.id: i for i, sc in enumerate(scales(project))}
    q = (select(Segment.code_pk, Segment.coder_id, Segment.uuid, Segment.start, Segment.end, Segment.page_first,
                Segment.page_last, Segment.quote, Segment.memo, Segment.kind)
         .where(live_coding(), Segment.coder_id.in_(coder_ids))
         .order_by(Segment.start, Segment.end, Segment.coder_id, Segment.id))
    for doc in docs:
        labels = page_labels(project, [doc.id]).get(doc.id, {})
        found: dict[int, CodeDigest] = {}
        result = project.session.execute(q.where(Segment.document_id == doc.id), execution_options={"yield_per": 2000})
        for c, k, uuid, start, end, first, last, text, memo, kind in result:
            if c not in category_of:
                continue
            digest = found.get(c)
            if digest is None:
                node = tree[order[c]]
                digest = found[c] = CodeDigest(category_of[c], node.code_id, node.name)
            printed = printed_pages(labels, first, last)
            coder = coders[k].name if k in coders else "?"
            digest.count += 1
            digest.coders.add(coder)
            digest.pages.setdefault(printed)
            if len(digest.quotes) < keep:
                if kind == "area":
                    text = area_text(printed, text)
                digest.quotes.append(Quote(uuid, doc.uuid, start, end, text, first, last, printed, coder, memo or ""))
        sv = sorted(project.session.scalars(select(ScaleValue).where(
            ScaleValue.document_id == doc.id, ScaleValue.coder_id.in_(coder_ids))).all(),
            key=lambda r: (scale_order.get(r.scale_pk, 0), r.coder_id))
        memo_rows = project.session.scalars(select(Memo).where(
            Memo.target_kind == "document", Memo.target_uuid == doc.uuid,
            Memo.coder_id.in_(coder_ids), Memo.text != "").order_by(Memo.coder_id)).all()
        yield DocumentDigest(
            doc.label, [found[c] for c in sorted(found, key=order.__getitem__)],
            [ScaleEntry(r.scale.scale_id, r.scale.name, r.coder.name, r.value, label_of(r.scale, r.value))
             for r in sv],
            [MemoEntry(m.coder.name, m.text) for m in memo_rows])


def document_summary(project, document: Document, selection: CoderSelection | None = None) -> DocumentSummary:
    return summarise(project, [document], selection)[0]


__all__ = ["Quote", "CodeSection", "CategorySection", "ScaleEntry", "MemoEntry", "DocumentSummary",
           "summarise", "document_summary", "page_labels", "printed_pages", "CodeDigest", "DocumentDigest", "digests"]
