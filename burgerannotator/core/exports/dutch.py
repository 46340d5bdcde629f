"""Dutch column headers for the CSV exports (``--lang nl``). English stays the default: its
column names are a stable contract for scripts; Dutch is for reading in a Dutch Excel.
Only the words the exports make are translated; attribute names, code names and every
cell the project holds stay as they are."""
from __future__ import annotations

from dataclasses import replace

from .tables import Table

LANGUAGES = ("en", "nl")

HEADERS_NL = {
    "document": "document", "city": "gemeente", "file": "bestand", "Total": "Totaal",
    "Document": "Document", "File": "Bestand", "Category": "Categorie", "Code ID": "Code-ID", "Code": "Code",
    "Name": "Naam", "Path": "Pad", "Kind": "Soort", "Colour": "Kleur", "Definition": "Definitie",
    "Include": "Wel coderen", "Exclude": "Niet coderen", "Terms": "Termen", "Segments": "Segmenten",
    "Documents": "Documenten", "Uuid": "Uuid", "Title": "Titel", "Author": "Auteur", "Pages": "Pagina's",
    "Printed pages": "Gedrukte pagina's", "Printed page": "Gedrukte pagina", "Characters": "Tekens",
    "Page index": "Paginaindex", "Last page index": "Laatste paginaindex", "Start": "Begin", "End": "Einde",
    "Quote": "Citaat", "Quotes": "Citaten", "Coder": "Codeur", "Coders": "Codeurs", "Memo": "Memo",
    "Origin": "Herkomst", "Created (UTC)": "Gemaakt (UTC)", "Modified (UTC)": "Gewijzigd (UTC)",
    "Segment uuid": "Segment-uuid", "Document uuid": "Document-uuid",
}
NAMES_NL = {"Segments": "Segmenten", "Codebook": "Codeboek", "Summary": "Samenvatting", "Documents": "Documenten",
            "Quotes": "Citaten", "Matrix presence": "Matrix aanwezigheid", "Matrix count": "Matrix aantal",
            "Matrix coverage": "Matrix dekking"}


def localise(table: Table, lang: str = "en") -> Table:
    """``table`` with Dutch headers (``lang='nl'``), or unchanged."""
    if lang != "nl":
        return table
    totals = table.totals
    if totals and totals[0] == "Total":  # the Total row (--totals) is kept apart from the rows
        totals = ["Totaal", *totals[1:]]
    header = list(table.header)
    if table.name.startswith("Matrix"):  # only the row-label columns and Total: the rest are code names
        for j in range(table.repeat_columns):
            header[j] = HEADERS_NL.get(header[j], header[j])
        if totals and header[-1] == "Total":
            header[-1] = "Totaal"
    else:
        header = [HEADERS_NL.get(h, h) for h in header]
    return replace(table, name=NAMES_NL.get(table.name, table.name), header=header, totals=totals)
