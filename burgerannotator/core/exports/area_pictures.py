"""Pictures of area segments in the xlsx export (issue 15): the Segments sheet shows each area
as "[area, p. 13]" in its Quote cell with the picture of the area embedded beside the text."""
from __future__ import annotations

import io

from sqlalchemy import select

from ..areas import picture
from ..models import Document, PdfBlob, Segment

THUMB_PX = 240  # the picture's longest side in the sheet, pixels
ROW_PT_PER_PX = 0.75


def area_rows(table) -> list[tuple[int, str]]:
    """(sheet row, segment uuid) of the area rows of a Segments table; call before writing it."""
    try:
        quote = table.header.index("Quote")
        uuid = table.header.index("Segment uuid")
    except ValueError:
        return []
    return [(i, row[uuid]) for i, row in enumerate(table.rows, start=1)
            if isinstance(row[quote], str) and row[quote].startswith("[area, p. ")]


def insert_area_pictures(project, ws, rows: list[tuple[int, str]], column: int) -> int:
    """Embed each area's picture in its row's ``column`` (the Quote column); returns how many."""
    if not rows:
        return 0
    wanted = {u for _, u in rows}
    segs = {s.uuid: s for s in project.session.scalars(select(Segment).where(Segment.uuid.in_(wanted)))}
    pdfs: dict[str, bytes] = {}
    done = 0
    for row, uuid in rows:
        seg = segs.get(uuid)
        if seg is None or seg.area is None:
            continue
        doc = project.session.get(Document, seg.document_id)
        data = pdfs.get(doc.sha256)
        if data is None:
            blob = project.session.get(PdfBlob, doc.sha256)
            data = pdfs[doc.sha256] = blob.data if blob is not None else b""
        try:
            png = picture(data, seg, max_side=THUMB_PX)
        except Exception:  # a damaged PDF: the row keeps its "[area, p. N]" text
            continue
        ws.set_row(row, _height(png) * ROW_PT_PER_PX + 16)
        ws.insert_image(row, column, f"area-{uuid}.png",
                        {"image_data": io.BytesIO(png), "x_offset": 2, "y_offset": 14, "object_position": 1})
        done += 1
    return done


def _height(png: bytes) -> int:
    """Pixel height from a PNG's IHDR chunk."""
    return int.from_bytes(png[20:24], "big")
