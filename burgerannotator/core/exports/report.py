"""Per-document summaries as Markdown or HTML, for reading and printing.

Like the city sections of a comparative report, but built from the coding: the
document's attributes, then per category and code the quotes (printed page, coder,
memo) in document order, then its scale values and memos. In HTML each quote links
to ``segment:DOCUMENT-UUID:START:END`` so a viewer can jump to the passage.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from ..summary import DocumentSummary
from .atomic import replacing

FORMATS = ("md", "html")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")


def _md_escape(line: str) -> str:
    """HTML first (``<script>`` becomes ``&lt;script&gt;``: Markdown renderers pass raw HTML through,
    backslashes do not stop all of them), then Markdown's own special characters."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(line, quote=False))


def _md(text) -> str:
    """Inline Markdown text: one line, HTML and special characters escaped."""
    return _md_escape(" ".join(str(text or "").split()))


def _md_block(text) -> str:
    return "\n".join(_md_escape(line) for line in str(text or "").splitlines())


def _attributes(s: DocumentSummary) -> list[tuple[str, str]]:
    items = [(k, str(v)) for k, v in s.attributes.items() if v not in (None, "")]
    items.append(("file", s.file_name))
    items.append(("pages", str(s.page_count)))
    return items


def to_markdown(summaries: list[DocumentSummary], title: str = "Summary per document") -> str:
    out = [f"# {_md(title)}", ""]
    for s in summaries:
        out += [f"## {_md(s.label)}", ""]
        for k, v in _attributes(s):
            out.append(f"- **{_md(k)}**: {_md(v)}")
        out.append("")
        if not s.categories:
            out += ["_No codings._", ""]
        for cat in s.categories:
            out += [f"### {_md(cat.name)}", ""]
            for code in cat.codes:
                n = len(code.quotes)
                out += [f"#### {_md(code.name)} ({_md(code.code_id)}, {n} segment{'s' if n != 1 else ''})", ""]
                for q in code.quotes:
                    out.append(f"> {_md(q.text)}")
                    out.append(">")
                    out.append(f"> p. {_md(q.page)} · {_md(q.coder)}")
                    if q.memo:
                        out.append(f"> _Memo_: {_md(q.memo)}")
                    out.append("")
        if s.scales:
            out += ["### Scales", ""]
            out += [f"- **{_md(sc.scale)}** ({_md(sc.coder)}): {_md(sc.label or '-')}" for sc in s.scales]
            out.append("")
        if s.memos:
            out += ["### Memos", ""]
            for m in s.memos:
                out += [f"**{_md(m.coder)}**:", "", _md_block(m.text), ""]
    return "\n".join(out).rstrip() + "\n"


_CSS = """
body { font-family: sans-serif; max-width: 48em; margin: 2em auto; line-height: 1.4; }
h2 { border-bottom: 1px solid #999; page-break-before: always; }
h2.first { page-break-before: avoid; }
table.attrs td { padding: 0 1em 0 0; vertical-align: top; }
.code { border-left: 6px solid #888; padding-left: .6em; margin: .6em 0 1em 0; }
blockquote { margin: .4em 0 .1em 0; }
.meta { color: #555; font-size: 90%; margin-bottom: .5em; }
.memo { font-style: italic; }
a.quote { color: inherit; text-decoration: none; }
"""


def _e(text) -> str:
    return html.escape(str(text or ""), quote=True)


def document_html(s: DocumentSummary, first: bool = True) -> str:
    out = [f'<h2 class="{"first" if first else ""}">{_e(s.label)}</h2>', '<table class="attrs">']
    out += [f"<tr><td><b>{_e(k)}</b></td><td>{_e(v)}</td></tr>" for k, v in _attributes(s)]
    out.append("</table>")
    if not s.categories:
        out.append("<p><i>No codings.</i></p>")
    for cat in s.categories:
        out.append(f"<h3>{_e(cat.name)}</h3>")
        for code in cat.codes:
            n = len(code.quotes)
            colour = code.color if re.match(r"^#[0-9a-fA-F]{6}$", code.color or "") else "#888888"
            out.append(f'<div class="code" style="border-left-color: {colour}">')
            out.append(f"<h4>{_e(code.name)} <small>({_e(code.code_id)}, {n} segment{'s' if n != 1 else ''})"
                       "</small></h4>")
            for q in code.quotes:
                href = f"segment:{q.document_uuid}:{q.start}:{q.end}"
                out.append(f'<blockquote><a class="quote" href="{_e(href)}">{_e(q.text)}</a></blockquote>')
                memo = f'<br><span class="memo">Memo: {_e(q.memo)}</span>' if q.memo else ""
                out.append(f'<div class="meta">p. {_e(q.page)} · {_e(q.coder)}{memo}</div>')
            out.append("</div>")
    if s.scales:
        out.append("<h3>Scales</h3><ul>")
        out += [f"<li><b>{_e(sc.scale)}</b> ({_e(sc.coder)}): {_e(sc.label or '-')}</li>" for sc in s.scales]
        out.append("</ul>")
    if s.memos:
        out.append("<h3>Memos</h3>")
        out += [f"<p><b>{_e(m.coder)}</b>:<br>{_e(m.text).replace(chr(10), '<br>')}</p>" for m in s.memos]
    return "\n".join(out)


def to_html(summaries: list[DocumentSummary], title: str = "Summary per document") -> str:
    body = "\n".join(document_html(s, first=(i == 0)) for i, s in enumerate(summaries))
    return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{_CSS}</style></head>\n<body>\n<h1>{_e(title)}</h1>\n{body}\n</body></html>\n")


def write_report(summaries: list[DocumentSummary], path: str | Path, fmt: str = "md",
                 title: str = "Summary per document") -> Path:
    text = to_html(summaries, title) if fmt == "html" else to_markdown(summaries, title)
    path = Path(path)
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


__all__ = ["to_markdown", "to_html", "document_html", "write_report", "FORMATS"]
