"""Search the project's documents: words, phrases and prefixes, with keyword-in-context hits.

Query syntax (case- and diacritic-insensitive; ``cooperatie`` finds ``coöperatie``):

* ``burgerberaad`` — the whole word (not ``burgerberaden``, not ``Participatiewet`` for
  ``participatie``);
* ``burgerbera*`` — any word that starts so;
* ``"lokale democratie"`` — the words in this order, separated by any white space,
  line breaks and page breaks included (hyphenated line ends are already joined in the
  document text, so ``burgerberaad`` also finds ``burger-``/``beraad``);
* several terms — a document must hold every term (AND); ``OR`` between groups of
  terms gives alternatives: ``burgerberaad OR burgerraad``.

The FTS5 index (``search_index``) narrows the documents down; a regular expression over
each candidate's folded text gives each hit's exact span in ``Document.text``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .errors import UserError
from .models import Document
from .search_index import candidate_ids, document_rows, document_text, fold, page_starts

CONTEXT = 45  # characters of context on each side of a hit
_QUERY_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_FTS_TOKEN = re.compile(r"[^\W_]+")
_WS = re.compile(r"\s+")


class QueryError(UserError):
    """A search query that cannot be understood."""


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query: its words, each optionally ending in ``*``."""

    words: tuple[str, ...]

    @property
    def text(self) -> str:
        joined = " ".join(self.words)
        return f'"{joined}"' if len(self.words) > 1 else joined


def _stem(word: str) -> tuple[str, bool]:
    wildcard = word.endswith("*")
    stem = word[:-1] if wildcard else word
    if not stem or "*" in stem:
        raise QueryError(f"'{word}': * may only end a word (as in burgerbera*).")
    return fold(stem), wildcard


def word_pattern(word: str) -> str:
    """Regex source for one word, ``*`` at its end matching any word ending."""
    stem, wildcard = _stem(word)
    return re.escape(stem) + (r"\w*" if wildcard else "")


def words_pattern(words) -> str:
    """Regex source (for the folded text) for words in order, separated by any white space,
    on word boundaries. The first word's letters come first in the pattern, so the regex
    engine scans for them fast; the boundary before them is checked by a look-behind."""
    stem, wildcard = _stem(words[0])
    first = re.escape(stem) + rf"(?<!\w(?s:.){{{len(stem)}}})" + (r"\w*" if wildcard else "")
    rest = [word_pattern(w) for w in words[1:]]
    return r"\s+".join([first] + rest) + r"(?!\w)"


def pattern_head(words) -> str:
    """The literal ``words_pattern(words)`` begins with: every match starts with it (the first word's
    folded stem). The dictionary looks for it with ``str.find`` before it runs the pattern."""
    return _stem(words[0])[0]


def fts_phrase(words) -> str | None:
    """The FTS5 phrase for a term (a superset of what the regex finds), or None if it has no tokens."""
    parts = []
    for word in words:
        wildcard = word.endswith("*")
        stem = fold(word.rstrip("*"))
        tokens = _FTS_TOKEN.findall(stem)
        for i, tok in enumerate(tokens):
            last = i == len(tokens) - 1
            star = "*" if (wildcard and last and stem[-1:].isalnum()) else ""
            parts.append(f'"{tok}"{star}')
    return " + ".join(parts) if parts else None


@dataclass
class Query:
    """A parsed query: alternatives (OR) of groups of terms that must all occur (AND)."""

    source: str
    groups: list[list[Term]]
    patterns: dict[Term, re.Pattern] = field(default_factory=dict)

    def fts(self) -> str | None:
        """The FTS5 MATCH expression, or None when the index cannot narrow this query down."""
        alternatives = []
        for group in self.groups:
            phrases = [fts_phrase(t.words) for t in group]
            if any(p is None for p in phrases):
                return None
            alternatives.append("(" + " AND ".join(phrases) + ")")
        return " OR ".join(alternatives)


def parse_query(source: str) -> Query:
    groups: list[list[Term]] = [[]]
    for m in _QUERY_TOKEN.finditer(source or ""):
        phrase, bare = m.group(1), m.group(2)
        if bare == "OR":
            if groups[-1]:
                groups.append([])
            continue
        words = tuple(_WS.split((phrase if phrase is not None else bare).strip()))
        words = tuple(w for w in words if w)
        if words:
            groups[-1].append(Term(words))
    groups = [g for g in groups if g]
    if not groups:
        raise QueryError("The search query is empty: give a word, a prefix (burgerbera*) or a \"phrase\".")
    query = Query(source, groups)
    for group in groups:
        for term in group:
            query.patterns[term] = re.compile(words_pattern(term.words))
    return query


@dataclass(slots=True, init=False)
class Hit:
    """One hit. Its words in context (``before``, ``match``, ``after``) are cut from the document
    text when first asked for: a search with thousands of hits does not pay for contexts nobody
    reads (issue 17: wijk* on ten times the demo corpus). Slots and a plain ``__init__``: a search
    builds thousands of them, and the generated one took twice as long."""

    document_uuid: str
    document_id: int
    label: str
    term: str
    start: int
    end: int
    page_index: int
    page_label: str
    _text: str = field(default="", repr=False, compare=False)
    _context: tuple[str, str, str] | None = field(default=None, repr=False, compare=False)

    def __init__(self, document_uuid: str, document_id: int, label: str, term: str, start: int, end: int,
                 page_index: int, page_label: str, _text: str = "",
                 _context: tuple[str, str, str] | None = None) -> None:
        self.document_uuid = document_uuid
        self.document_id = document_id
        self.label = label
        self.term = term
        self.start = start
        self.end = end
        self.page_index = page_index
        self.page_label = page_label
        self._text = _text
        self._context = _context

    def context(self) -> tuple[str, str, str]:
        if self._context is None:
            self._context = context_of(self._text, self.start, self.end)
        return self._context

    @property
    def before(self) -> str:
        return self.context()[0]

    @property
    def match(self) -> str:
        return self.context()[1]

    @property
    def after(self) -> str:
        return self.context()[2]

    @property
    def kwic(self) -> str:
        return f"{self.before}[{self.match}]{self.after}"

    def as_dict(self) -> dict:
        return {"term": self.term, "start": self.start, "end": self.end, "page_index": self.page_index,
                "page_label": self.page_label, "before": self.before, "match": self.match, "after": self.after}


@dataclass
class DocumentHits:
    document_uuid: str
    document_id: int
    label: str
    file_name: str
    hits: list[Hit]

    @property
    def count(self) -> int:
        return len(self.hits)


@dataclass
class SearchResult:
    query: str
    documents: list[DocumentHits]
    used_index: bool

    @property
    def total(self) -> int:
        return sum(d.count for d in self.documents)

    def to_dict(self) -> dict:
        return {"query": self.query, "total": self.total, "documents": [
            {"document": d.document_uuid, "label": d.label, "file": d.file_name, "count": d.count,
             "hits": [h.as_dict() for h in d.hits]}
            for d in self.documents]}


def _squash(value: str) -> str:
    if "  " not in value and value.isprintable():  # no white space but single spaces: nothing to do
        return value
    return _WS.sub(" ", value)


def context_of(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str, str]:
    """(before, match, after) around a span, white space (line and page breaks) as single spaces."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    before, after = _squash(text[lo:start]), _squash(text[end:hi])
    if lo > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1:]
    if hi < len(text) and " " in after:
        after = after[:after.rindex(" ")] + "…"
    return before, _squash(text[start:end]), after


def find_spans(query: Query, folded: str) -> list[tuple[int, int, Term]] | None:
    """Spans of the query's terms in a folded text; None if no group is fully present."""
    if len(query.groups) == 1 and len(query.groups[0]) == 1:  # one term: its matches are in order, apart
        term = query.groups[0][0]
        out = [(m.start(), m.end(), term) for m in query.patterns[term].finditer(folded)]
        return out or None
    found: list[tuple[int, int, Term]] = []
    matched = False
    cache: dict[Term, list] = {}
    for group in query.groups:
        spans = []
        for term in group:
            if term not in cache:
                cache[term] = [(m.start(), m.end(), term) for m in query.patterns[term].finditer(folded)]
            if not cache[term]:
                break
            spans.extend(cache[term])
        else:
            matched = True
            found.extend(spans)
    if not matched:
        return None
    found.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, Term]] = []
    for s in found:
        if out and s[1] <= out[-1][1] and s[0] >= out[-1][0]:
            continue  # inside the previous hit (two terms on the same words)
        out.append(s)
    return out


def search(project, query: str | Query, documents: list[Document] | None = None) -> SearchResult:
    """Hits of ``query`` in the project's documents (or the given ones), grouped per document."""
    parsed = query if isinstance(query, Query) else parse_query(query)
    docs = document_rows(project) if documents is None else list(documents)
    fts = parsed.fts()
    candidates = candidate_ids(project, fts) if fts else None
    term_text = {term: term.text for group in parsed.groups for term in group}
    results = []
    for doc in docs:
        if candidates is not None and doc.id not in candidates:
            continue
        original, folded = document_text(project, doc)
        spans = find_spans(parsed, folded)
        if not spans:
            continue
        uuid, doc_id, doc_label = doc.uuid, doc.id, doc.label  # once per document, not per hit
        starts, indexes, labels = page_starts(project, doc)
        if not starts:
            starts, indexes, labels = [0], [0], ["1"]
        hits = []
        append = hits.append
        for start, end, term in spans:
            i = bisect_right(starts, start) - 1
            if i < 0:
                i = 0
            append(Hit(uuid, doc_id, doc_label, term_text[term], start, end, indexes[i], labels[i], original))
        results.append(DocumentHits(uuid, doc_id, doc_label, doc.file_name, hits))
    return SearchResult(parsed.source, results, candidates is not None)


__all__ = ["search", "parse_query", "Query", "Term", "Hit", "DocumentHits", "SearchResult", "QueryError",
           "words_pattern", "word_pattern", "pattern_head", "fts_phrase", "context_of"]
