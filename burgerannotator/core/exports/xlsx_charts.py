"""Native Excel charts in the full workbook (issue 13): the segment-count matrix as a heat map
(a three-colour scale on the cells, Excel's own way of drawing one), the codes present per
city, by category, as a stacked bar chart (XlsxWriter charts, editable in Excel), and the code
co-occurrence (documents with both codes: presence' x presence) with the same colour scale."""
from __future__ import annotations

from ..charts import per_city
from .xlsx_cells import page_setup, write_text


def write_chart_sheets(book, fmt, matrices: dict, taken: set[str], sheet_name) -> None:
    """Add 'Heat map' and 'Codes per city' sheets; ``sheet_name(name, taken)`` makes unique names.
    Text goes through the export writer's one rule (``write_text``: exact text, never a formula)."""
    counts, presence = matrices.get("count"), matrices.get("presence")
    if counts is not None and counts.rows and counts.columns:
        ws = book.add_worksheet(sheet_name("Heat map", taken))
        page_setup(ws, repeat_columns=1, header_rows=2)
        write_text(ws, fmt, 0, 0, f"Segments per {counts.by} and code ({counts.selection.description})", fmt.header)
        for j, col in enumerate(counts.columns, start=1):
            write_text(ws, fmt, 1, j, col.header, fmt.header)
        for i, row in enumerate(counts.rows, start=2):
            write_text(ws, fmt, i, 0, row.label)
            for j in range(len(counts.columns)):
                ws.write_number(i, j + 1, counts.value(i - 2, j))
        last_row, last_col = len(counts.rows) + 1, len(counts.columns)
        ws.conditional_format(2, 1, last_row, last_col, {"type": "3_color_scale", "min_color": "#FFFFFF",
                                                         "mid_color": "#9DB8E0", "max_color": "#1F4E9C"})
        ws.set_row(1, 150)
        ws.set_column(0, 0, 18)
        ws.set_column(1, last_col, 4)
        ws.freeze_panes(2, 1)
    if presence is not None and presence.rows and presence.columns:
        labels, series = per_city(presence)
        name = sheet_name("Codes per city", taken)
        ws = book.add_worksheet(name)
        page_setup(ws, repeat_columns=1)
        write_text(ws, fmt, 0, 0, presence.by, fmt.header)
        for k, (cat, _colour, _values) in enumerate(series, start=1):
            write_text(ws, fmt, 0, k, cat, fmt.header)
        for i, label in enumerate(labels, start=1):
            write_text(ws, fmt, i, 0, label)
            for k, (_cat, _colour, values) in enumerate(series, start=1):
                ws.write_number(i, k, values[i - 1])
        chart = book.add_chart({"type": "bar", "subtype": "stacked"})
        quoted = "'" + name.replace("'", "''") + "'"
        for k, (cat, colour, _values) in enumerate(series, start=1):
            chart.add_series({"name": [name, 0, k], "categories": f"={quoted}!$A$2:$A${len(labels) + 1}",
                              "values": [name, 1, k, len(labels), k], "fill": {"color": colour}, "gap": 60})
        chart.set_title({"name": f"Codes present per {presence.by}, by category"})
        chart.set_y_axis({"reverse": True})
        chart.set_x_axis({"name": "codes present", "major_gridlines": {"visible": True}})
        chart.set_size({"width": 720, "height": 28 * len(labels) + 120})
        ws.set_column(0, 0, 18)
        ws.insert_chart(1, len(series) + 2, chart)
        if presence.selection.mode != "by-coder":
            _cooccurrence_sheet(book, fmt, presence, taken, sheet_name)


def _cooccurrence_sheet(book, fmt, presence, taken: set[str], sheet_name) -> None:
    both = (presence.values > 0).astype("int64")
    both = both.T @ both
    ws = book.add_worksheet(sheet_name("Co-occurrence", taken))
    page_setup(ws, repeat_columns=1, header_rows=2)
    write_text(ws, fmt, 0, 0, f"Documents with both codes ({presence.selection.description}); "
                              f"the diagonal: documents with the code", fmt.header)
    ids = [c.header for c in presence.columns]
    for j, code_id in enumerate(ids, start=1):
        write_text(ws, fmt, 1, j, code_id, fmt.header)
    for i, code_id in enumerate(ids):
        write_text(ws, fmt, i + 2, 0, code_id)
        for j in range(len(ids)):
            ws.write_number(i + 2, j + 1, int(both[i, j]))
    ws.conditional_format(2, 1, len(ids) + 1, len(ids), {"type": "2_color_scale", "min_color": "#FFFFFF",
                                                         "max_color": "#1F4E9C"})
    ws.set_row(1, 150)
    ws.set_column(0, 0, 30)
    ws.set_column(1, len(ids), 4)
    ws.freeze_panes(2, 1)


__all__ = ["write_chart_sheets"]
