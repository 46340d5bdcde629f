"""Code many quotes at once (``code PROJECT --from FILE.csv``): one process, one transaction.

Each row names a document, a quote, a code and optionally a coder, a memo and which
occurrence of the quote. Every row gets an outcome: ``coded``, ``already coded`` (the same
coder already has this code on exactly this span: nothing is added), or ``not found``
(the quote, document, code or coder is not there, or the row is unusable). With
``strict`` nothing is written unless every row is coded or already coded.

Reading the CSV is here too, because a file from another machine is hostile: any problem
with it is one ``UserError`` line naming the file (and the line), and nothing is written.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from collections.abc import Iterable

from sqlalchemy import insert, select

from .anchoring import find_quote
from .codebook import find_code
from .coders import find_coder, get_or_create_coder
from .documents import find_document
from .duplicates import AlreadyCoded
from .errors import UserError
from .models import Coder, Segment, live_coding, new_uuid, utcnow
from .ops.base import Operation, run
from .segments import _anchor as anchor_span
from .segments import create_segment

COLUMNS = ("doc", "quote", "code", "coder", "memo", "occurrence")
REQUIRED = ("doc", "quote", "code")
CODED, ALREADY, NOT_FOUND = "coded", "already coded", "not found"
MAX_FIELD = 1_000_000  # characters: a longer cell is not a quote but a broken or hostile file


class BatchFileError(UserError):
    """The batch file cannot be read as the CSV ``code --from`` expects."""


@dataclass
class RowOutcome:
    line: int  # line of the CSV file the row starts on (the header is line 1)
    status: str  # coded | already coded | not found
    message: str
    segment_uuid: str = ""


@dataclass
class BatchReport:
    rows: list[RowOutcome] = field(default_factory=list)
    written: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def complete(self) -> bool:
        return all(r.status in (CODED, ALREADY) for r in self.rows)

    def summary(self) -> str:
        text = (f"{len(self.rows)} row(s): {self.count(CODED)} coded, {self.count(ALREADY)} already coded, "
                f"{self.count(NOT_FOUND)} not found")
        return text + ("." if self.written or not self.count(CODED) else "; nothing written (--strict).")


# ---- reading the file ------------------------------------------------------------------------
def read_rows(raw: bytes, name: str) -> list[tuple[int, dict]]:
    """(line, row) pairs from CSV bytes (UTF-8, with or without BOM; ',' ';' or tab separated)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BatchFileError(f"{name} is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8.") from None
    if "\x00" in text:
        raise BatchFileError(f"{name} contains NUL bytes: it is not a CSV text file.")
    if not text.strip():
        raise BatchFileError(f"{name} is empty: it needs a header line with the columns {', '.join(REQUIRED)}.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    old_limit = csv.field_size_limit(MAX_FIELD)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect, restkey="\x00extra")
    rows: list[tuple[int, dict]] = []
    try:
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise BatchFileError(f"{name} has no column {', '.join(missing)} (the header line needs "
                                 f"{', '.join(REQUIRED)}; optional: coder, memo, occurrence).")
        reader.fieldnames = header
        line = reader.line_num + 1
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise BatchFileError(f"{name}, line {reader.line_num}: not valid CSV ({exc}).") from None
    finally:
        csv.field_size_limit(old_limit)
    return rows


# ---- coding ------------------------------------------------------------------------------------
class _Lookups:
    """Documents, codes and coders by the names rows give them, each looked up once."""

    def __init__(self, project, default_coder, create_coders: bool):
        self.project = project
        self.default_coder = default_coder
        self.create_coders = create_coders
        self._cache: dict[tuple[str, str], object] = {}

    def get(self, kind: str, ref: str):
        key = (kind, ref.strip().casefold())
        if key not in self._cache:
            try:
                if kind == "doc":
                    value = find_document(self.project, ref)
                elif kind == "code":
                    value = find_code(self.project, ref)
                elif self.create_coders:
                    value = get_or_create_coder(self.project, ref)
                else:
                    value = find_coder(self.project, ref)
            except UserError as exc:
                value = exc
            self._cache[key] = value
        value = self._cache[key]
        if isinstance(value, UserError):
            raise value
        return value


class _Rollback(Exception):
    """Raised inside the transaction to undo a strict batch that is not complete."""


@dataclass
class CodeRows(Operation):
    """Code every row of a batch file in one transaction (one step in the history)."""

    rows: list  # (line, {column: text}) pairs from read_rows
    default_coder: str | None = None  # uuid of the coder for rows without one
    create_coders: bool = True
    strict: bool = False
    label = "Code from file"

    def apply(self, project) -> BatchReport:
        default = project.session.scalar(select(Coder).where(Coder.uuid == self.default_coder)) \
            if self.default_coder else None
        lookups = _Lookups(project, default, self.create_coders)
        report = BatchReport(rows=[_code_one(project, lookups, line, row) for line, row in self.rows])
        if self.strict and not report.complete:
            raise _Rollback(report)
        report.written = True
        return report


def code_rows(project, rows: list[tuple[int, dict]], default_coder=None, create_coders: bool = True,
              strict: bool = False) -> BatchReport:
    """Code every row in one transaction (through the operations, so the duplicate check and the
    journal apply); see the module doc. With ``strict``, a batch with a row that could not be coded
    is rolled back (``report.written`` is False)."""
    op = CodeRows(rows, default_coder.uuid if default_coder is not None else None, create_coders, strict)
    try:
        return run(project, op).value
    except _Rollback as exc:
        return exc.args[0]


def _code_one(project, lookups: _Lookups, line: int, row: dict) -> RowOutcome:
    if row.get("\x00extra"):
        return RowOutcome(line, NOT_FOUND, "more cells than the header has columns")
    values = {c: (row.get(c) or "").strip() for c in COLUMNS}
    missing = [c for c in REQUIRED if not values[c]]
    if missing:
        return RowOutcome(line, NOT_FOUND, f"empty {', '.join(missing)}")
    occurrence = 1
    if values["occurrence"]:
        if not values["occurrence"].isdigit() or not 1 <= int(values["occurrence"]) <= 100_000:
            return RowOutcome(line, NOT_FOUND, f"occurrence must be a whole number from 1, not "
                                               f"'{values['occurrence'][:20]}'")
        occurrence = int(values["occurrence"])
    try:
        document = lookups.get("doc", values["doc"])
        code = lookups.get("code", values["code"])
        if values["coder"]:
            coder = lookups.get("coder", values["coder"])
        elif lookups.default_coder is not None:
            coder = lookups.default_coder
        else:
            return RowOutcome(line, NOT_FOUND, "no coder: give a coder column or --coder NAME")
    except UserError as exc:
        return RowOutcome(line, NOT_FOUND, exc.message)
    if code.kind == "category":
        return RowOutcome(line, NOT_FOUND, f"{code.name} is a category; code with one of its codes")
    span = find_quote(document.text, values["quote"], occurrence)
    if span is None:
        return RowOutcome(line, NOT_FOUND, f"quote not in {document.file_name}: \"{values['quote'][:60]}\"")
    where = f"{code.code_id} on {document.label} by {coder.name}"
    try:
        seg = create_segment(project, document, code, coder, span.start, span.end, values["memo"])
    except AlreadyCoded as exc:  # the same coder, code and span: nothing added
        return RowOutcome(line, ALREADY, where, exc.segment.uuid)
    return RowOutcome(line, CODED, where, seg.uuid)


# ---- many spans at once (bench/scale.py, imports of codings) ---------------------------------------
@dataclass(frozen=True)
class Coding:
    """A span to code: what ``add_codings`` takes (ORM rows, already looked up)."""

    document: object
    code: object
    coder: object
    start: int
    end: int
    memo: str = ""


def add_codings(project, codings: Iterable[Coding], chunk: int = 5000) -> tuple[int, int]:
    """Code many spans in one transaction: each anchored as ``create_segment`` anchors it (snapped
    to words, its pages, rectangles and quote) and checked against the coder's live codings (same
    code, same span: skipped), then inserted in chunks. Returns (added, already coded).

    The batch path of the core for tens of thousands of codings at once; one coding at a time
    goes through ``segments.create_segment`` (or the ``CodeQuote`` operation)."""
    seen = _live_spans(project)
    added = skipped = 0
    rows: list[dict] = []
    now = utcnow()
    with project.transaction() as s:
        for c in codings:
            if c.code.kind == "category":
                raise UserError(f"{c.code.name} is a category; code with one of its codes.")
            anchor = anchor_span(project, c.document, c.start, c.end)
            key = (c.document.id, c.code.id, c.coder.id, anchor["start"], anchor["end"])
            if key in seen:
                skipped += 1
                continue
            seen.add(key)
            rows.append(dict(uuid=new_uuid(), document_id=c.document.id, code_pk=c.code.id, coder_id=c.coder.id,
                             memo=c.memo, status="coded", origin="manual", kind="text", created=now, modified=now,
                             **anchor))
            if len(rows) >= chunk:
                s.execute(insert(Segment), rows)
                added += len(rows)
                rows = []
        if rows:
            s.execute(insert(Segment), rows)
            added += len(rows)
        if added:
            project.changed("segments")  # a bulk statement: the journal does not see its rows
    return added, skipped


def _live_spans(project) -> set[tuple[int, int, int, int, int]]:
    """(document, code, coder, start, end) of every live text coding."""
    q = select(Segment.document_id, Segment.code_pk, Segment.coder_id, Segment.start, Segment.end).where(
        live_coding(), Segment.kind == "text")
    return {tuple(r) for r in project.session.execute(q)}
