"""Coding queries: which documents (and which of their segments) match a code expression.

Grammar (keywords in any case; a code is an id like ``MECH-BURGERBERAAD``, a name in
double quotes, or a category standing for all its codes)::

    expr   := and ( OR and )*
    and    := not ( AND not )*
    not    := NOT not | near
    near   := atom ( NEAR[/N] atom )*        N characters, default 0 (overlapping or touching)
    atom   := CODE | "code name" | ( expr )

A document matches when the expression holds for the selected coders' codings in it (a
code holds when one of them applied it). ``A NEAR/N B`` holds when a segment matching A and
a segment matching B by the same coder lie at most N characters apart. The segments that
make a document match (those of codes not under NOT) are the results, each with its quote,
city and printed page.

Attribute filters (``--attr``) keep the documents whose attribute compares true:
``rank<=4``, ``period=2022-2026``, ``province!=Utrecht``; ``= != < <= > >=``; numbers
compare as numbers, everything else as text (case-insensitive).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from .agreement.coding_data import resolve_codes
from .documents import list_documents
from .errors import UserError
from .matrix import CoderSelection
from .models import Segment, live_coding
from .summary import page_labels, printed_pages

_TOKEN = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|"(?P<quoted>[^"]*)"|(?P<word>[^\s()"]+))')
_NEAR = re.compile(r"^near(?:/(\d+))?$", re.IGNORECASE)
_ATTR = re.compile(r"^\s*([^<>=!\s]+)\s*(<=|>=|!=|=|<|>)\s*(.*?)\s*$")


class QueryError(UserError):
    """A malformed query or attribute filter (exit code 2)."""


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Node:
    op: str  # code | and | or | not | near
    args: tuple = ()
    ref: str = ""
    distance: int = 0


def tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"Query: cannot read '{text[pos:].strip()[:20]}' at position {pos + 1}.")
        at = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        if m.group("lp"):
            tokens.append(("(", "(", at))
        elif m.group("rp"):
            tokens.append((")", ")", at))
        elif m.group("quoted") is not None:
            tokens.append(("code", m.group("quoted"), at))
        else:
            word = m.group("word")
            low = word.lower()
            if low in ("and", "or", "not"):
                tokens.append((low, word, at))
            elif _NEAR.match(word):
                tokens.append(("near", word, at))
            elif low.startswith("near/"):
                raise QueryError(f"Query: NEAR takes a whole number of characters (NEAR/200), not '{word}'.")
            else:
                tokens.append(("code", word, at))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self):
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def where(self) -> str:
        if self.i < len(self.tokens):
            return f"at '{self.tokens[self.i][1]}' (position {self.tokens[self.i][2] + 1})"
        return "at the end"

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError("Query: the expression is empty; give a code, e.g. MECH-BURGERBERAAD.")
        node = self.expr()
        if self.i < len(self.tokens):
            raise QueryError(f"Query: unexpected {self.where()}; join codes with AND, OR, NOT or NEAR.")
        return node

    def expr(self) -> Node:
        args = [self.conj()]
        while self.peek() == "or":
            self.take()
            args.append(self.conj())
        return args[0] if len(args) == 1 else Node("or", tuple(args))

    def conj(self) -> Node:
        args = [self.neg()]
        while self.peek() == "and":
            self.take()
            args.append(self.neg())
        return args[0] if len(args) == 1 else Node("and", tuple(args))

    def neg(self) -> Node:
        if self.peek() == "not":
            self.take()
            return Node("not", (self.neg(),))
        return self.near()

    def near(self) -> Node:
        node = self.atom()
        while self.peek() == "near":
            word = self.take()[1]
            n = _NEAR.match(word).group(1)
            node = Node("near", (node, self.atom()), distance=int(n) if n else 0)
        return node

    def atom(self) -> Node:
        kind = self.peek()
        if kind == "code":
            return Node("code", ref=self.take()[1])
        if kind == "(":
            self.take()
            node = self.expr()
            if self.peek() != ")":
                raise QueryError(f"Query: missing ')' {self.where()}.")
            self.take()
            return node
        if kind is None:
            raise QueryError("Query: the expression ends where a code was expected.")
        raise QueryError(f"Query: expected a code or '(' {self.where()}.")


def parse_query(text: str) -> Node:
    return _Parser(text).parse()


@dataclass(frozen=True)
class AttributeFilter:
    name: str
    op: str
    value: str

    def test(self, attributes: dict) -> bool:
        have = {str(k).casefold(): v for k, v in (attributes or {}).items()}
        if self.name.casefold() not in have:
            return False
        left = str(have[self.name.casefold()]).strip()
        try:
            a, b = float(left), float(self.value)
        except ValueError:
            a, b = left.casefold(), self.value.casefold()
            if self.op not in ("=", "!="):
                raise QueryError(f"--attr {self.name}{self.op}{self.value}: '{left}' is not a number; "
                                 f"text attributes compare with = or != only.") from None
        return {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[self.op]


def parse_attribute(text: str) -> AttributeFilter:
    m = _ATTR.match(text or "")
    if not m or not m.group(3):
        raise QueryError(f"--attr '{text}': write NAME OP VALUE, e.g. rank<=4 or period=2022-2026.")
    return AttributeFilter(*m.groups())


# --------------------------------------------------------------------------- evaluation


@dataclass
class QueryHit:
    document: str  # label (city)
    file_name: str
    document_uuid: str
    code_id: str
    coder: str
    pages: str  # printed page(s)
    quote: str
    segment_uuid: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class QueryResult:
    expression: str
    filters: list[str]
    documents: list[str]  # labels of matching documents, in project order
    hits: list[QueryHit] = field(default_factory=list)
    searched: int = 0  # documents left after the attribute filters

    def as_dict(self) -> dict:
        return {"expression": self.expression, "filters": self.filters, "documents_searched": self.searched,
                "documents": self.documents, "segments": [h.as_dict() for h in self.hits]}


def _codes_of(project, node: Node, out: dict) -> None:
    if node.op == "code":
        if node.ref not in out:  # an unknown code is NotFoundError (exit 5)
            out[node.ref] = {c.id for c in resolve_codes(project, [node.ref])}
    for arg in node.args:
        _codes_of(project, arg, out)


def _evaluate(node: Node, segs: list, codes: dict) -> tuple[bool, set]:
    """segs: the document's segments (index, code_id, coder_id, start, end)."""
    if node.op == "code":
        found = {s[0] for s in segs if s[1] in codes[node.ref]}
        return bool(found), found
    if node.op == "not":
        ok, _ = _evaluate(node.args[0], segs, codes)
        return not ok, set()
    if node.op in ("and", "or"):
        results = [_evaluate(a, segs, codes) for a in node.args]
        if node.op == "and":
            ok = all(r[0] for r in results)
            return ok, set().union(*(r[1] for r in results)) if ok else set()
        return any(r[0] for r in results), set().union(*(r[1] for r in results if r[0]))
    # near: pairs of witnesses of both sides by the same coder within the distance
    left_ok, left = _evaluate(node.args[0], segs, codes)
    right_ok, right = _evaluate(node.args[1], segs, codes)
    if not (left_ok and right_ok):
        return False, set()
    by_index = {s[0]: s for s in segs}
    a = np.array([by_index[i] for i in sorted(left)], dtype=np.int64).reshape(-1, 5)
    b = np.array([by_index[j] for j in sorted(right)], dtype=np.int64).reshape(-1, 5)
    hits = set()
    for lo in range(0, len(a), 2000):  # numpy over blocks of pairs, not Python per pair
        part = a[lo:lo + 2000]
        gap = np.maximum(part[:, None, 3], b[None, :, 3]) - np.minimum(part[:, None, 4], b[None, :, 4])
        near = (gap <= node.distance) & (part[:, None, 2] == b[None, :, 2])
        hits.update(part[near.any(axis=1), 0].tolist())
        hits.update(b[near.any(axis=0), 0].tolist())
    return bool(hits), hits


def run_query(project, expression: str, selection: CoderSelection,
              attributes: list[str] | tuple = ()) -> QueryResult:
    tree = parse_query(expression)
    filters = [parse_attribute(a) for a in attributes]
    codes: dict = {}
    _codes_of(project, tree, codes)
    docs = [d for d in list_documents(project) if all(f.test(d.attributes) for f in filters)]
    result = QueryResult(expression, [f"{f.name}{f.op}{f.value}" for f in filters], [], searched=len(docs))
    if not docs or not selection.coders:
        return result
    doc_ids = [d.id for d in docs]
    rows = project.session.execute(
        select(Segment.id, Segment.code_pk, Segment.coder_id, Segment.start, Segment.end, Segment.document_id)
        .where(live_coding(), Segment.coder_id.in_(list(selection.coder_ids)),
               Segment.document_id.in_(doc_ids))).all()
    by_doc: dict[int, list] = {}
    for r in rows:
        by_doc.setdefault(r[5], []).append(tuple(r[:5]))
    matched: dict[int, set] = {}
    for d in docs:
        ok, witnesses = _evaluate(tree, by_doc.get(d.id, []), codes)
        if ok:
            result.documents.append(d.label)
            matched[d.id] = witnesses
    ids = sorted({i for w in matched.values() for i in w})
    if not ids:
        return result
    labels = page_labels(project, list(matched))
    doc_by_id = {d.id: d for d in docs}
    segments = []
    for chunk in np.array_split(np.array(ids), max(1, len(ids) // 900 + 1)):
        segments += project.session.scalars(select(Segment).where(Segment.id.in_(chunk.tolist()))).all()
    order = {d.id: i for i, d in enumerate(docs)}
    for s in sorted(segments, key=lambda s: (order[s.document_id], s.start, s.end, s.id)):
        d = doc_by_id[s.document_id]
        result.hits.append(QueryHit(d.label, d.file_name, d.uuid, s.code.code_id, s.coder.name,
                                    printed_pages(labels.get(d.id, {}), s.page_first, s.page_last),
                                    s.quote, s.uuid, s.start, s.end))
    return result


__all__ = ["AttributeFilter", "Node", "QueryError", "QueryHit", "QueryResult", "parse_attribute", "parse_query",
           "run_query", "tokenize"]
