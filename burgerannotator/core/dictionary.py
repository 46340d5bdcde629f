"""The codebook's dictionary: each code's terms, run over the documents, suggest codings.

Term syntax (the codebook's ``term_syntax``): a term matches case-insensitively (and
regardless of diacritics) on word boundaries in the document text, where words
hyphenated across line ends are already joined; a trailing ``*`` matches any word
ending (``burgerberad*`` matches ``burgerberaden``); a term of several words matches
those words in order, separated by any white space including line and page breaks.

Suggestions never code for the coder: ``autocode`` makes segments with status
``suggested`` (origin ``dictionary``) that the coder accepts or rejects
(``core.suggestions``). A span the coder rejected, or already coded, with the same code
is not suggested again. ``accept_all`` makes them codings at once.

Meaning traps: words that look like terms but are not about citizen participation
(``FALSE_FRIENDS``: Participatiewet, burgerzaken, uitdaging, initiatiefvoorstel,
initiatiefnemer) are never suggested, whatever a term says; the research codebook as
shipped catches none of them, the guard is there for terms coders add (``participatie*``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from .codebook import leaf_codes
from .documents import layout
from .errors import UserError
from .models import Code, Coder, Document, Segment, utcnow
from .search import QueryError, fts_phrase, pattern_head, words_pattern
from .search_index import candidate_ids, document_text, light_documents
from .segments import create_segment

UNITS = ("hit", "sentence")
FALSE_FRIENDS = ("participatiewet*", "burgerzaken", "uitdaging*", "initiatiefvoorstel*", "initiatiefnemer*")
DENSE = 64  # CodeTerms.finditer: heads closer than this on average -> the regex engine scans
SENTENCE_REACH = 1500  # characters looked at on each side of a hit for the sentence around it
_SENTENCE_END = re.compile(r"[.!?\u2026][\"')\]\u2019\u201d]*(?=\s)|\n[ \t]*\n|\f")
_WORD = re.compile(r"\w+")


# ---- compiling terms ----------------------------------------------------------------------------
def term_pattern(term: str) -> str:
    """Regex source of one term, for the folded document text (see ``search_index.fold``)."""
    words = term.split()
    if not words:
        raise UserError("A dictionary term is empty.")
    try:
        return words_pattern(words)
    except QueryError as exc:
        raise UserError(f"Dictionary term '{term}': {exc.message}") from None


@dataclass
class CodeTerms:
    """A code and its terms compiled into one pattern.

    ``heads``: the literal each term's pattern begins with (its first word's stem, folded). A hit
    of the pattern can only start where one of them occurs, which ``str.find`` finds many times
    faster than the regex engine scans an alternation (issue 17: autocode at ten times the demo)."""

    code: Code
    terms: list[str]
    pattern: re.Pattern
    heads: tuple[str, ...] = ()

    def starts(self, folded: str, limit: int | None = None) -> list[int] | None:
        """Every offset of ``folded`` where one of the terms' first literals occurs, in order;
        None once there are more than ``limit`` (a head as common as a letter)."""
        found: set[int] = set()
        find = folded.find
        for head in self.heads:
            i = find(head)
            while i >= 0:
                found.add(i)
                if limit is not None and len(found) > limit:
                    return None
                i = find(head, i + 1)
        return sorted(found)

    def finditer(self, folded: str):
        """The pattern's matches in ``folded``, exactly as ``pattern.finditer`` gives them: the
        leftmost match from where the previous one ended, tried only where a term can begin.
        Where the terms' heads are dense (more than one in ``DENSE`` characters) the regex engine
        scans instead: trying them one by one from Python would be slower."""
        starts = self.starts(folded, len(folded) // DENSE) if self.heads else None
        if starts is None:
            yield from self.pattern.finditer(folded)
            return
        match = self.pattern.match
        cursor = 0
        for q in starts:
            if q < cursor:
                continue
            m = match(folded, q)  # look-behinds see the text before q, as in a scan
            if m is not None:
                yield m
                cursor = m.end()  # never empty: every term begins with a non-empty literal

    def fts(self) -> str | None:
        """An FTS5 query for documents that may hold one of the terms (None: cannot narrow down)."""
        phrases = [fts_phrase(t.split()) for t in self.terms]
        return None if any(p is None for p in phrases) else " OR ".join(f"({p})" for p in phrases)


def compile_code(code: Code) -> CodeTerms | None:
    terms = [t.strip() for t in (code.terms or []) if isinstance(t, str) and t.strip()]
    if not terms:
        return None
    try:
        sources = [term_pattern(t) for t in terms]
    except UserError as exc:
        raise UserError(f"{code.code_id}: {exc.message}") from None
    heads = tuple(dict.fromkeys(term_head(t) for t in terms))
    return CodeTerms(code, terms, re.compile("|".join(f"(?:{s})" for s in sources)), heads)


def term_head(term: str) -> str:
    """The literal a term's pattern (``words_pattern``) begins with: its first word's stem, folded."""
    return pattern_head(term.split())


def compile_codes(codes) -> list[CodeTerms]:
    return [ct for ct in (compile_code(c) for c in codes) if ct is not None]


def _false_friend_patterns(words) -> list[re.Pattern]:
    return [re.compile(words_pattern([w])) for w in words]


def is_false_friend(folded: str, start: int, end: int, patterns: list[re.Pattern]) -> bool:
    """Whether a hit [start, end) of the folded text is, or contains, a false-friend word."""
    while start > 0 and folded[start - 1].isalnum():
        start -= 1
    while end < len(folded) and folded[end].isalnum():
        end += 1
    for m in _WORD.finditer(folded, start, end):
        if any(p.fullmatch(m.group()) for p in patterns):
            return True
    return False


# ---- finding -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DictionaryHit:
    document_id: int
    code_id: int
    start: int
    end: int
    matched: str


def candidates(project, compiled: list[CodeTerms]) -> dict[int, set[int] | None]:
    """Per code (by its position in ``compiled``): the ids of the documents the index says may hold
    one of its terms, or None where the index cannot say (then every document is read)."""
    return {i: candidate_ids(project, q) if (q := ct.fts()) else None for i, ct in enumerate(compiled)}


def find_hits(project, document: Document, compiled: list[CodeTerms], false_friends=FALSE_FRIENDS,
              excluded: list | None = None, only: dict[int, set[int] | None] | None = None) -> list[DictionaryHit]:
    """Every term hit of the compiled codes in one document (spans into ``Document.text``).

    ``only`` (from ``candidates``) skips the codes whose terms the index says are not in the document.
    """
    original, folded = document_text(project, document)
    guards = _false_friend_patterns(false_friends)
    hits = []
    for i, ct in enumerate(compiled):
        if only is not None and only.get(i) is not None and document.id not in only[i]:
            continue
        for m in ct.finditer(folded):
            s, e = m.span()
            hit = DictionaryHit(document.id, ct.code.id, s, e, original[s:e])
            if guards and is_false_friend(folded, s, e, guards):
                if excluded is not None:
                    excluded.append(hit)
                continue
            hits.append(hit)
    return hits


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end): from the end of the previous sentence (or block,
    or page) to the next full stop, question or exclamation mark (or block or page end)."""
    lo_limit = max(0, start - SENTENCE_REACH)
    lo = lo_limit
    for m in _SENTENCE_END.finditer(text, lo_limit, start):
        lo = m.end()
    while lo < start and text[lo].isspace():
        lo += 1
    m = _SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_REACH))
    if m is None:
        hi = min(len(text), end + SENTENCE_REACH)
    else:
        hi = m.end() if m.group()[0] not in "\n\f" else m.start()
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return min(lo, start), max(hi, end)


# ---- autocoding -------------------------------------------------------------------------------
@dataclass
class AutocodeResult:
    coder: str
    unit: str
    accept_all: bool
    created: Counter = field(default_factory=Counter)    # (code_id, document label) -> new segments
    accepted: Counter = field(default_factory=Counter)   # earlier suggestions now accepted
    skipped_rejected: int = 0   # the coder rejected this code on this span before
    skipped_existing: int = 0   # already coded (or already suggested) on this span
    excluded: int = 0           # false friends left alone

    @property
    def total(self) -> int:
        return sum(self.created.values()) + sum(self.accepted.values())

    def per_code(self) -> Counter:
        out = Counter()
        for (code_id, _label), n in (self.created + self.accepted).items():
            out[code_id] += n
        return out

    def to_dict(self) -> dict:
        rows = Counter()
        rows.update(self.created)
        rows.update(self.accepted)
        return {"coder": self.coder, "unit": self.unit, "accept_all": self.accept_all, "total": self.total,
                "skipped_rejected": self.skipped_rejected, "skipped_existing": self.skipped_existing,
                "excluded": self.excluded,
                "counts": [{"code": c, "document": d, "segments": n} for (c, d), n in sorted(rows.items())]}


def _earlier(project, coder: Coder, code_ids: list[int]) -> dict[tuple, list[Segment]]:
    """The coder's segments with these codes (deleted ones too), by (document, code, start, end)."""
    out: dict[tuple, list[Segment]] = {}
    if not code_ids:
        return out
    rows = project.session.scalars(select(Segment).where(Segment.coder_id == coder.id,
                                                         Segment.code_pk.in_(code_ids)))
    for seg in rows:
        out.setdefault((seg.document_id, seg.code_pk, seg.start, seg.end), []).append(seg)
    return out


def autocode(project, coder: Coder, codes: list[Code] | None = None, unit: str = "hit", accept_all: bool = False,
             documents: list[Document] | None = None, false_friends=FALSE_FRIENDS) -> AutocodeResult:
    """Run the codes' terms over the documents; suggest (or, with ``accept_all``, code) each hit.

    One transaction for the whole run. Returns counts per code and document.
    """
    if unit not in UNITS:
        raise UserError(f"Unknown unit '{unit}' (use hit or sentence).")
    if coder.is_consensus:
        raise UserError("The dictionary suggests codings to a coder, not to the consensus.")
    codes = [c for c in (codes if codes is not None else leaf_codes(project)) if c.kind != "category"]
    compiled = compile_codes(codes)
    docs = light_documents(project) if documents is None else list(documents)
    result = AutocodeResult(coder.name, unit, accept_all)
    earlier = _earlier(project, coder, [ct.code.id for ct in compiled])
    excluded: list[DictionaryHit] = []
    by_id = {ct.code.id: ct.code for ct in compiled}
    only = candidates(project, compiled)
    status = "coded" if accept_all else "suggested"
    with project.transaction():
        for doc in docs:
            hits = find_hits(project, doc, compiled, false_friends, excluded, only)
            if not hits:
                continue
            layout_key = ("layout", doc.id)
            keep_layout = layout_key in project.cache  # a window showing the document keeps its layout
            lay = layout(project, doc)
            original = document_text(project, doc)[0]
            seen = set()
            for hit in hits:
                s, e = (hit.start, hit.end) if unit == "hit" else sentence_around(original, hit.start, hit.end)
                span = lay.snap(s, e)
                key = (doc.id, hit.code_id, span.start, span.end)
                if key in seen:
                    continue  # several terms (or hits) in one sentence: one suggestion
                seen.add(key)
                before = earlier.get(key, [])
                if any(seg.status == "rejected" for seg in before):
                    result.skipped_rejected += 1
                    continue
                live = [seg for seg in before if seg.deleted is None]
                if any(seg.status == "coded" for seg in live):
                    result.skipped_existing += 1
                    continue
                pending = [seg for seg in live if seg.status == "suggested"]
                code = by_id[hit.code_id]
                if pending:
                    if accept_all:
                        _decide(project, pending[0], "coded", coder)
                        result.accepted[(code.code_id, doc.label)] += 1
                    else:
                        result.skipped_existing += 1
                    continue
                create_segment(project, doc, code, coder, span.start, span.end, status=status,
                               origin="dictionary", decided_by=coder if accept_all else None, flush=False)
                result.created[(code.code_id, doc.label)] += 1
            if not keep_layout:  # one document's word layout at a time: all of a 13,000-page corpus is ~240 MB
                project.cache.pop(layout_key, None)
        if accept_all:  # suggestions of earlier runs that this run did not meet again
            for segs in earlier.values():
                for seg in segs:
                    if seg.status == "suggested" and seg.deleted is None:
                        _decide(project, seg, "coded", coder)
                        result.accepted[(by_id[seg.code_pk].code_id, seg.document.label)] += 1
        result.excluded = len(excluded)
        project.log("autocode", f"Dictionary: {result.total} segment(s) {'coded' if accept_all else 'suggested'} "
                    f"for {coder.name}", coder, unit=unit, accept_all=accept_all,
                    codes=[ct.code.code_id for ct in compiled], created=sum(result.created.values()),
                    accepted=sum(result.accepted.values()), skipped_rejected=result.skipped_rejected,
                    skipped_existing=result.skipped_existing, excluded=result.excluded)
    return result


def _decide(project, segment: Segment, status: str, coder: Coder | None) -> None:
    segment.status = status
    segment.decided_by = coder
    segment.modified = utcnow()


__all__ = ["autocode", "AutocodeResult", "compile_code", "compile_codes", "CodeTerms", "find_hits", "candidates",
           "DictionaryHit", "sentence_around", "term_pattern", "is_false_friend", "FALSE_FRIENDS", "UNITS"]
