"""Charts people would rather look at than read: the matrix as a heat map and the codes
present per city, by category (the first category of the research codebook holds the
mechanisms), as SVG written directly and PNG rendered from it by PyMuPDF (already a
dependency; no plotting library needed).

``per_city(matrix)`` gives the bar data from a presence matrix; ``heatmap_svg``,
``bars_svg`` the pictures; ``write_charts(project, folder, selection, by)`` writes
heatmap.svg/.png (segments per city and code) and codes-per-city.svg/.png.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from .errors import UserError
from .matrix import Matrix, build_matrices

FONT = "font-family='Helvetica, Arial, sans-serif'"
PALETTE = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


def _blend(colour: str, share: float) -> str:
    """White blended towards ``colour`` by ``share`` (0..1)."""
    try:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    except (ValueError, IndexError, TypeError):
        r, g, b = 31, 119, 180
    mix = [round(255 + (c - 255) * max(0.0, min(1.0, share))) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def per_city(matrix: Matrix) -> tuple[list[str], list[tuple[str, str, list[int]]]]:
    """(row labels, [(category name, colour, codes present per row)]) from a presence matrix."""
    cats: dict[str, tuple[str, list[int]]] = {}
    for j, col in enumerate(matrix.columns):
        name = col.category or "Codes"
        colour, cols = cats.setdefault(name, (PALETTE[len(cats) % len(PALETTE)], []))
        cols.append(j)
    labels = [r.label for r in matrix.rows]
    series = [(name, colour, [int((matrix.values[i, cols] > 0).sum()) for i in range(len(labels))])
              for name, (colour, cols) in cats.items()]
    return labels, series


def heatmap_svg(matrix: Matrix, title: str, colour: str = "#1f4e9c") -> str:
    rows, cols = matrix.shape
    longest = max((len(c.header) for c in matrix.columns), default=0)
    cell, left, top = 22, 130, 50 + int(longest * 5.2)
    width, height = left + cols * cell + 20 + int(longest * 3), top + rows * cell + 40
    peak = float(matrix.values.max()) if matrix.values.size else 0.0
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
           f"viewBox='0 0 {width} {height}'>",
           f"<rect width='{width}' height='{height}' fill='white'/>",
           f"<text x='10' y='22' font-size='15' font-weight='bold' {FONT}>{escape(title)}</text>"]
    for j, col in enumerate(matrix.columns):
        x = left + j * cell + cell / 2
        out.append(f"<text x='{x:.1f}' y='{top - 6}' font-size='10' {FONT} "
                   f"transform='rotate(-60 {x:.1f} {top - 6})'>{escape(col.header)}</text>")
    for i, row in enumerate(matrix.rows):
        y = top + i * cell
        out.append(f"<text x='{left - 6}' y='{y + cell * 0.68:.1f}' font-size='11' text-anchor='end' {FONT}>"
                   f"{escape(row.label)}</text>")
        for j in range(cols):
            v = float(matrix.values[i, j])
            fill = _blend(colour, v / peak if peak else 0.0)
            out.append(f"<rect x='{left + j * cell}' y='{y}' width='{cell}' height='{cell}' fill='{fill}' "
                       f"stroke='#dddddd'><title>{escape(row.label)} / {escape(matrix.columns[j].header)}: "
                       f"{matrix.value(i, j)}</title></rect>")
            if v:
                ink = "white" if peak and v / peak > 0.55 else "black"
                shown = f"{v:.0%}" if matrix.measure == "coverage" else f"{int(v)}"
                out.append(f"<text x='{left + j * cell + cell / 2}' y='{y + cell * 0.68:.1f}' font-size='9' "
                           f"text-anchor='middle' fill='{ink}' {FONT}>{shown}</text>")
    out.append(f"<text x='{left}' y='{height - 14}' font-size='10' fill='#555555' {FONT}>"
               f"{escape(matrix.measure)} per document and code; darker = more (max {peak:g})</text>")
    out.append("</svg>")
    return "\n".join(out)


def bars_svg(labels: list[str], series: list[tuple[str, str, list[int]]], title: str) -> str:
    """Stacked horizontal bars: one bar per label, one segment per series."""
    bar, gap, left, top = 18, 6, 130, 60
    totals = [sum(s[2][i] for s in series) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    scale = 420 / peak
    width = left + 420 + 60
    height = top + len(labels) * (bar + gap) + 30 + 18 * len(series)
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
           f"viewBox='0 0 {width} {height}'>",
           f"<rect width='{width}' height='{height}' fill='white'/>",
           f"<text x='10' y='22' font-size='15' font-weight='bold' {FONT}>{escape(title)}</text>"]
    for i, label in enumerate(labels):
        y = top + i * (bar + gap)
        out.append(f"<text x='{left - 6}' y='{y + bar * 0.75:.1f}' font-size='11' text-anchor='end' {FONT}>"
                   f"{escape(label)}</text>")
        x = left
        for name, colour, values in series:
            w = values[i] * scale
            if w:
                out.append(f"<rect x='{x:.1f}' y='{y}' width='{w:.1f}' height='{bar}' fill='{_blend(colour, 0.85)}'>"
                           f"<title>{escape(label)}: {values[i]} {escape(name)}</title></rect>")
            x += w
        out.append(f"<text x='{x + 4:.1f}' y='{y + bar * 0.75:.1f}' font-size='10' {FONT}>{totals[i]}</text>")
    y = top + len(labels) * (bar + gap) + 14
    for k, (name, colour, _) in enumerate(series):
        out.append(f"<rect x='{left}' y='{y + 18 * k}' width='12' height='12' fill='{_blend(colour, 0.85)}'/>"
                   f"<text x='{left + 18}' y='{y + 18 * k + 10}' font-size='11' {FONT}>{escape(name)}</text>")
    out.append("</svg>")
    return "\n".join(out)


def svg_to_png(svg: str, path: Path, zoom: float = 2.0) -> Path:
    import pymupdf

    try:
        with pymupdf.open(stream=svg.encode("utf-8"), filetype="svg") as doc:
            doc[0].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False).save(str(path))
    except (RuntimeError, ValueError) as exc:
        raise UserError(f"Cannot render {path.name}: {exc}") from None
    return path


def write_charts(project, folder: str | Path, selection, by: str = "city", formats=("svg", "png")) -> list[Path]:
    """heatmap.* (segments per document and code) and codes-per-city.* into ``folder``."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot make the folder {folder}: {exc.strerror or exc}.") from None
    matrices = build_matrices(project, ("presence", "count"), selection, by, False)
    labels, series = per_city(matrices["presence"])
    pictures = {
        "heatmap": heatmap_svg(matrices["count"], f"Segments per {by} and code ({selection.description})"),
        "codes-per-city": bars_svg(labels, series, f"Codes present per {by}, by category ({selection.description})"),
    }
    written = []
    for name, svg in pictures.items():
        if "svg" in formats:
            target = folder / f"{name}.svg"
            try:
                target.write_text(svg, encoding="utf-8")
            except OSError as exc:
                raise UserError(f"Cannot write {target}: {exc.strerror or exc}.") from None
            written.append(target)
        if "png" in formats:
            written.append(svg_to_png(svg, folder / f"{name}.png"))
    return written


__all__ = ["bars_svg", "heatmap_svg", "per_city", "svg_to_png", "write_charts"]
