"""The search index of a project's documents, and the folded text that hits are found in.

Two layers:

* an SQLite FTS5 table (``document_fts``, migration 0002) over ``document.text``,
  filled at import (``index_document``), that says fast which documents can hold
  a query's words;
* the *folded* text of a document (``folded_text``): the same text lower-cased and
  with diacritics removed character by character (``coöperatie`` -> ``cooperatie``),
  with exactly the same length, so an offset found in it is an offset into
  ``Document.text``. Regular expressions over the folded text give exact spans.

The index is derived data: when it is missing or stale (documents added without the
importer, a project opened read-only) searching falls back to scanning every document.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select, text
from sqlalchemy.orm import defer
from sqlalchemy.exc import DatabaseError, OperationalError

from .models import Document, Page, document_label

FTS_TABLE = "document_fts"
STATE_TABLE = "document_fts_state"
# typographic variants folded to their plain form (one character for one: offsets stay)
_PLAIN = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
          "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "}


# ---- folding -------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character, lower-cased and without diacritics; always exactly one character."""
    if ch in _PLAIN:
        return _PLAIN[ch]
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    for candidate in (base.lower(), ch.lower(), base):
        if len(candidate) == 1:
            return candidate
    return ch


_TABLE: dict[int, str] = {}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(m: re.Match) -> str:
    return fold_char(m.group())


def fold(value: str) -> str:
    """``value`` lower-cased and without diacritics, character for character (same length)."""
    low = value.lower()
    if len(low) == len(value):
        return low if low.isascii() else _NON_ASCII.sub(_fold_match, low)
    for ch in set(value) - {chr(k) for k in _TABLE}:  # rare: a character whose lower case is longer
        _TABLE[ord(ch)] = fold_char(ch)
    return value.translate(_TABLE)


def document_text(project, document: Document) -> tuple[str, str]:
    """(text, folded text) of a document, cached per open project (forgotten when documents change).

    Reading from the cache avoids loading every text from the file for every query.
    """
    key = ("folded", document.id)
    cached = project.cache.get(key)
    if cached is None:
        _load_texts(project)
        cached = project.cache.get(key)
        if cached is None:  # a document not yet in the file (being imported)
            original = getattr(document, "text", None)
            if original is None and isinstance(document, DocumentRow):
                original = project.session.scalar(select(Document.text).where(Document.id == document.id))
            original = original or ""
            cached = project.cache[key] = (original, fold(original))
    return cached


def cached_text(project, document_id: int) -> str | None:
    """The document's text if a search has read it already (else None: read ``Document.text``)."""
    cached = project.cache.get(("folded", document_id))
    return None if cached is None else cached[0]


def _load_texts(project) -> None:
    """Read (one query) and fold the texts of all documents not in the cache yet."""
    _watch(project)
    known = {k[1] for k in project.cache if isinstance(k, tuple) and len(k) == 2 and k[0] == "folded"}
    missing = [i for i in project.session.scalars(select(Document.id)) if i not in known]
    if not missing:
        return
    rows = project.session.execute(select(Document.id, Document.text).where(Document.id.in_(missing))).all()
    for doc_id, original in rows:
        original = original or ""
        project.cache[("folded", doc_id)] = (original, fold(original))


def folded_text(project, document: Document) -> str:
    """The document's text folded (same length, so offsets in it are offsets in ``Document.text``)."""
    return document_text(project, document)[1]


def light_documents(project) -> list[Document]:
    """The project's documents in order, their text not loaded (it is read when first needed)."""
    return list(project.session.scalars(select(Document).options(defer(Document.text))
                                        .order_by(Document.position, Document.id)))


@dataclass(frozen=True)
class DocumentRow:
    """What a search needs of a document; its text comes from the folded-text cache."""

    id: int
    uuid: str
    label: str
    file_name: str


def document_rows(project) -> list[DocumentRow]:
    """The project's documents in order, as light rows, cached per open project (forgotten when
    documents change). Cached because ``attributes`` and ``position`` are stored after ``text``
    in each row: reading them walks every text's overflow pages (5 ms on the 10x corpus; issue 17)."""
    key = ("search", "documents")
    rows = project.cache.get(key)
    if rows is None:
        result = project.session.execute(select(Document.id, Document.uuid, Document.attributes, Document.title,
                                                Document.file_name).order_by(Document.position, Document.id))
        rows = [DocumentRow(i, uuid, document_label(attributes, title, file_name), file_name)
                for i, uuid, attributes, title, file_name in result]
        _watch(project)
        project.cache[key] = rows
    return list(rows)


# ---- pages -------------------------------------------------------------------------------
def _page_table(project) -> dict[int, tuple[list[int], list[int], list[str]]]:
    key = ("search", "pages")
    table = project.cache.get(key)
    if table is None:
        table = {}
        rows = project.session.execute(
            select(Page.document_id, Page.text_start, Page.index, Page.label)
            .order_by(Page.document_id, Page.text_start, Page.index)).all()
        for doc_id, start, index, label in rows:
            starts, indexes, labels = table.setdefault(doc_id, ([], [], []))
            starts.append(start)
            indexes.append(index)
            labels.append(label)
        project.cache[key] = table
        _watch(project)
    return table


def page_starts(project, document: Document) -> tuple[list[int], list[int], list[str]]:
    """The document's pages in text order: (text_start, page index, printed label) lists."""
    return _page_table(project).get(document.id, ([], [], []))


def page_at(project, document: Document, offset: int) -> tuple[int, str]:
    """(page index, printed page label) of the page holding ``offset`` of the document's text."""
    starts, indexes, labels = page_starts(project, document)
    if not starts:
        return 0, "1"
    i = max(0, bisect.bisect_right(starts, offset) - 1)
    return indexes[i], labels[i]


# ---- the FTS5 index --------------------------------------------------------------------------
def index_document(project, document: Document) -> None:
    """Add a just-imported document to the index (inside the import's transaction)."""
    if document.id is None:
        project.session.flush()
    try:
        project.session.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (:id, :text)"),
                                {"id": document.id, "text": document.text or ""})
        project.session.execute(text(f"INSERT OR REPLACE INTO {STATE_TABLE}(document_id, length) VALUES (:id, :n)"),
                                {"id": document.id, "n": len(document.text or "")})
    except OperationalError:
        pass  # a project without the index tables (older schema opened oddly): search scans instead
    project.cache.pop(("search", "ready"), None)


def _is_current(project) -> bool | None:
    """True if the index holds exactly the project's documents; None if there is no index."""
    try:
        state = dict(project.session.execute(text(f"SELECT document_id, length FROM {STATE_TABLE}")).all())
    except (OperationalError, DatabaseError):
        return None
    docs = dict(project.session.execute(text("SELECT id, length(text) FROM document")).all())
    return state == docs


def rebuild_index(project) -> None:
    """Index every document again (the backfill for projects whose index is stale)."""
    with project.transaction() as s:
        s.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
        s.execute(text(f"DELETE FROM {STATE_TABLE}"))
        s.execute(text(f"INSERT INTO {STATE_TABLE}(document_id, length) SELECT id, length(text) FROM document"))


def ensure_index(project) -> bool:
    """Whether the index can be used; rebuilds a stale one when the project is writable."""
    key = ("search", "ready")
    ready = project.cache.get(key)
    if ready is None:
        current = _is_current(project)
        if current is False and not project.readonly:
            try:
                rebuild_index(project)
                current = True
            except Exception:  # a locked or full disk: searching still works by scanning
                current = False
        ready = bool(current)
        project.cache[key] = ready
        _watch(project)
    return ready


def candidate_ids(project, fts_query: str) -> set[int] | None:
    """Ids of the documents the index says may match, or None when the index cannot be used."""
    if not fts_query or not ensure_index(project):
        return None
    try:
        rows = project.session.execute(text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"),
                                       {"q": fts_query}).all()
    except (OperationalError, DatabaseError):
        return None
    return {r[0] for r in rows}


def _watch(project) -> None:
    """Forget derived search data when documents change (once per open project)."""
    if project.cache.get(("search", "watching")):
        return

    def on_changes(changes) -> None:
        if changes.touches("documents"):
            for k in [k for k in project.cache if isinstance(k, tuple) and k and k[0] in ("search", "folded")]:
                if k != ("search", "watching"):
                    project.cache.pop(k, None)

    project.subscribe(on_changes)
    project.cache[("search", "watching")] = True
