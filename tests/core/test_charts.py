"""Issue 13: the heat map and codes-per-city charts, native in the workbook and as SVG/PNG."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

from burgerannotator.cli import main
from burgerannotator.core.charts import per_city
from burgerannotator.core.matrix import build_matrix, select_coders
from burgerannotator.core.store import Project

SVG = "{http://www.w3.org/2000/svg}"


def _expected(path):
    with Project.open(path, readonly=True) as p:
        presence = build_matrix(p, "presence", select_coders(p, "all"), "city", False)
        count = build_matrix(p, "count", select_coders(p, "all"), "city", False)
        return per_city(presence), count


def test_per_city_counts_codes_by_category(demo_project_path):
    (labels, series), count = _expected(demo_project_path)
    assert [name for name, _, _ in series] == ["Mechanismen", "Terminologie", "Motieven en thema's"]
    amsterdam = labels.index("Amsterdam")
    # the demo: Amsterdam has MECH-PARTICIPATIEKADER and MECH-BUURTRECHTEN, Arnhem one TERM code
    assert [s[2][amsterdam] for s in series] == [2, 0, 0]
    assert [s[2][labels.index("Arnhem")] for s in series] == [0, 1, 0]
    assert sum(sum(s[2]) for s in series) == int((count.values > 0).sum())


def test_export_charts_svg_png_and_workbook(demo_project_path, tmp_path, capsys):
    (labels, series), count = _expected(demo_project_path)
    book = tmp_path / "study.xlsx"
    folder = tmp_path / "charts"
    assert main(["export", str(demo_project_path), "-o", str(book), "--charts", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["codes-per-city.png", "codes-per-city.svg", "heatmap.png",
                                                       "heatmap.svg"]
    heat = ET.parse(folder / "heatmap.svg").getroot()
    cells = [r for r in heat.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(cells) == count.values.size
    numbers = [t.text for t in heat.iter(f"{SVG}text") if t.get("text-anchor") == "middle"]
    assert sorted(int(n) for n in numbers) == sorted(int(v) for v in count.values.ravel() if v)
    bars = ET.parse(folder / "codes-per-city.svg").getroot()
    titles = [r.find(f"{SVG}title").text for r in bars.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert "Amsterdam: 2 Mechanismen" in titles and "Arnhem: 1 Terminologie" in titles
    png = (folder / "heatmap.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with zipfile.ZipFile(book) as z:
        names = z.namelist()
        workbook = z.read("xl/workbook.xml").decode()
        assert "Heat map" in workbook and "Codes per city" in workbook
        chart = z.read(next(n for n in names if re.match(r"xl/charts/chart\d+\.xml", n))).decode()
        assert "<c:barChart>" in chart and 'val="stacked"' in chart
        assert chart.count("<c:ser>") == len(series)
        sheets = [z.read(n).decode() for n in names if n.startswith("xl/worksheets/sheet")]
        assert any('type="colorScale"' in s for s in sheets)
    openpyxl = __import__("openpyxl")
    sheet = openpyxl.load_workbook(book)["Co-occurrence"]
    ids = [c.value for c in sheet[2]][1:]
    row = {r[0].value: [c.value for c in r[1:]] for r in sheet.iter_rows(min_row=3)}
    # the demo, all coders pooled: MECH-UITDAAGRECHT in Nijmegen and Haarlem, with MECH-DIALOOG in Nijmegen
    assert row["MECH-UITDAAGRECHT"][ids.index("MECH-UITDAAGRECHT")] == 2
    assert row["MECH-UITDAAGRECHT"][ids.index("MECH-DIALOOG")] == 1 == row["MECH-DIALOOG"][ids.index("MECH-UITDAAGRECHT")]
    assert row["MECH-UITDAAGRECHT"][ids.index("MECH-BUURTBUDGET")] == 0
    assert main(["export", str(demo_project_path)]) == 2
    assert "--charts" in capsys.readouterr().err
