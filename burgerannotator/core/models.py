"""The project's data model (SQLAlchemy 2). One SQLite file holds a whole project.

Identity that must survive copying a project between coders is a uuid (text);
integer primary keys are local to one file and never leave it.
Offsets are character offsets into a document's text (see ``pdftext``).
"""
from __future__ import annotations

import uuid as _uuid
from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SCHEMA_VERSION = 1  # bump together with a new Alembic migration in db/versions


def new_uuid() -> str:
    return str(_uuid.uuid4())


def utcnow() -> datetime:
    """Naive UTC (SQLite keeps no time zone); shown to users in local time."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict: JSON, list: JSON}


class ProjectInfo(Base):
    """Exactly one row: who this project is."""

    __tablename__ = "project"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(200))
    application: Mapped[str] = mapped_column(String(40), default="BurgerAnnotator")
    schema_version: Mapped[int] = mapped_column(Integer, default=SCHEMA_VERSION)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Coder(Base):
    __tablename__ = "coder"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(120))
    is_consensus: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PdfBlob(Base):
    """The PDF's bytes, content-addressed: one row per distinct file."""

    __tablename__ = "pdf_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)


def document_label(attributes: dict | None, title: str | None, file_name: str) -> str:
    """A document's label from its columns (``Document.label``; searches read the columns alone)."""
    city = str(attributes.get("city", "")) if attributes else ""
    return city or title or file_name


class Document(Base):
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    sha256: Mapped[str] = mapped_column(ForeignKey("pdf_blob.sha256"), unique=True)
    file_name: Mapped[str] = mapped_column(String(400))
    title: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    page_count: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    extractor: Mapped[str] = mapped_column(String(80))
    extractor_version: Mapped[str] = mapped_column(String(40))
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("coder.id"), nullable=True)
    imported: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)

    pages: Mapped[list["Page"]] = relationship(
        back_populates="document", order_by="Page.index", cascade="all, delete-orphan"
    )
    imported_by: Mapped[Coder | None] = relationship()

    @property
    def city(self) -> str:
        return str(self.attributes.get("city", "")) if self.attributes else ""

    @property
    def label(self) -> str:
        """How the study names this document: its city, else its title, else its file."""
        return document_label(self.attributes, self.title, self.file_name)


class Page(Base):
    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("document_id", "index"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)  # 0-based position in the file
    label: Mapped[str] = mapped_column(String(40))  # printed page label ("ii", "1", ...)
    width: Mapped[float] = mapped_column(Float)  # as displayed, rotation applied
    height: Mapped[float] = mapped_column(Float)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    has_text: Mapped[bool] = mapped_column(Boolean, default=True)
    text_start: Mapped[int] = mapped_column(Integer)  # offset of this page in document.text
    text_end: Mapped[int] = mapped_column(Integer)
    # word boxes (float32 x0,y0,x1,y1 in displayed page space) and their
    # (int32 start, end) offsets in document.text, packed; see anchoring.PageWords
    word_boxes: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    word_offsets: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    # "" for text from the PDF's text layer; else the OCR engine and language data that
    # recognised it (core.ocr.engine_version), migration 0003
    ocr: Mapped[str] = mapped_column(String(300), default="", server_default="")

    document: Mapped[Document] = relationship(back_populates="pages")


class Code(Base):
    """A node of the codebook tree: a category (kind='category') or a code."""

    __tablename__ = "code"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    code_id: Mapped[str] = mapped_column(String(120), unique=True)  # e.g. MECH-BURGERBERAAD
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10), default="code")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("code.id"), nullable=True)
    color: Mapped[str] = mapped_column(String(9), default="#888888")
    definition: Mapped[str] = mapped_column(Text, default="")
    include: Mapped[str] = mapped_column(Text, default="")
    exclude: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)
    pinned_key: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1..9 shortcut
    deleted: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    parent: Mapped["Code | None"] = relationship(remote_side="Code.id", back_populates="children")
    children: Mapped[list["Code"]] = relationship(back_populates="parent", order_by="Code.position")

    @property
    def path(self) -> str:
        parts, node = [], self
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return " > ".join(reversed(parts))


class CodebookInfo(Base):
    """Exactly one row: the codebook's own metadata (name, version, term syntax)."""

    __tablename__ = "codebook"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[str] = mapped_column(String(40), default="1")
    language: Mapped[str] = mapped_column(String(10), default="nl")
    about: Mapped[str] = mapped_column(Text, default="")
    term_syntax: Mapped[str] = mapped_column(Text, default="")


class Segment(Base):
    """A coded passage: a code applied by a coder to a span of a document's text."""

    __tablename__ = "segment"
    __table_args__ = (
        Index("ix_segment_doc_coder", "document_id", "coder_id"),
        Index("ix_segment_code", "code_id"),  # the column; the attribute is code_pk
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    # the code row's integer key (column "code_id"); the code's own id string is ``code.code_id``
    code_pk: Mapped[int] = mapped_column("code_id", ForeignKey("code.id"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    page_first: Mapped[int] = mapped_column(Integer)  # page indexes (0-based) it spans
    page_last: Mapped[int] = mapped_column(Integer)
    rects: Mapped[dict] = mapped_column(JSON, default=dict)  # {"page index": [[x0,y0,x1,y1], ...]}
    # 'text': a span of the text; 'area': the one rectangle in ``rects`` on page_first, start/end
    # the text it covers (empty where there is none), migration 0003
    kind: Mapped[str] = mapped_column(String(8), default="text", server_default="text")
    quote: Mapped[str] = mapped_column(Text, default="")
    memo: Mapped[str] = mapped_column(Text, default="")
    # 'coded' (a real coding), 'suggested' (dictionary proposal awaiting review), 'rejected'
    status: Mapped[str] = mapped_column(String(10), default="coded")
    origin: Mapped[str] = mapped_column(String(12), default="manual")  # manual|dictionary|consensus|merge
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("coder.id"), nullable=True)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    document: Mapped[Document] = relationship()
    code: Mapped[Code] = relationship()
    coder: Mapped[Coder] = relationship(foreign_keys=[coder_id])
    decided_by: Mapped[Coder | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_area(self) -> bool:
        return self.kind == "area"

    @property
    def area(self) -> list[float] | None:
        """An area segment's rectangle [x0, y0, x1, y1] on page_first (None for text)."""
        if self.kind != "area":
            return None
        rects = (self.rects or {}).get(str(self.page_first)) or [[0, 0, 0, 0]]
        return list(rects[0])

    @property
    def is_live(self) -> bool:
        """A live coding: not deleted and coded (not a suggestion, not a rejection)."""
        return self.deleted is None and self.status == LIVE_STATUS


# ---- the one definition of a live coding -------------------------------------------------------
LIVE_STATUS = "coded"


def live_coding():
    """WHERE clause of the live codings: ``deleted IS NULL AND status == 'coded'``
    (``Segment.is_live`` is the same test on a loaded row)."""
    from sqlalchemy import and_

    return and_(Segment.deleted.is_(None), Segment.status == LIVE_STATUS)


def live_coding_sql(alias: str = "segment") -> str:
    """The same clause for hand-written SQL over ``segment AS alias``."""
    return f"{alias}.deleted IS NULL AND {alias}.status = '{LIVE_STATUS}'"


class Memo(Base):
    """A memo on a document, a code or the project, written by one coder."""

    __tablename__ = "memo"
    __table_args__ = (UniqueConstraint("target_kind", "target_uuid", "coder_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    target_kind: Mapped[str] = mapped_column(String(10))  # document|code|project
    target_uuid: Mapped[str] = mapped_column(String(36))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    coder: Mapped[Coder] = relationship()


class Scale(Base):
    """An ordinal (or nominal) judgement made once per document, e.g. DIEPGANG."""

    __tablename__ = "scale"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    scale_id: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(10), default="ordinal")
    description: Mapped[str] = mapped_column(Text, default="")
    values: Mapped[list] = mapped_column(JSON, default=list)  # [{"value":1,"label":..,"definition":..}]


class ScaleValue(Base):
    __tablename__ = "scale_value"
    __table_args__ = (UniqueConstraint("document_id", "scale_id", "coder_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    # the scale row's integer key (column "scale_id"); the scale's own id string is ``scale.scale_id``
    scale_pk: Mapped[int] = mapped_column("scale_id", ForeignKey("scale.id"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id"))
    value: Mapped[int | None] = mapped_column(Integer, nullable=True)
    modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[Document] = relationship()
    scale: Mapped[Scale] = relationship()
    coder: Mapped[Coder] = relationship()


class LogEntry(Base):
    """What happened to the project beyond single codings: imports, merges, consensus."""

    __tablename__ = "log"
    id: Mapped[int] = mapped_column(primary_key=True)
    when: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    coder_name: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
