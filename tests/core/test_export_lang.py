"""Issue 11: exports keep stable English column names; --lang nl gives Dutch headers."""
from __future__ import annotations

import csv

from burgerannotator.cli import main


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_matrix_csv_headers_english_by_default_dutch_on_request(demo_project_path, tmp_path, capsys):
    en, nl = tmp_path / "en.csv", tmp_path / "nl.csv"
    # (totals are opt-in since issue 12)
    assert main(["matrix", str(demo_project_path), "--measure", "count", "--totals", "-o", str(en)]) == 0
    assert main(["matrix", str(demo_project_path), "--measure", "count", "--totals", "-o", str(nl),
                 "--lang", "nl"]) == 0
    english, dutch = _read(en), _read(nl)
    assert english[0][0] == "city" and english[0][-1] == "Total" and english[-1][0] == "Total"
    assert dutch[0][0] == "gemeente" and dutch[0][-1] == "Totaal" and dutch[-1][0] == "Totaal"
    assert dutch[0][1:-1] == english[0][1:-1]  # code names stay as the codebook has them
    assert dutch[1:-1] == english[1:-1]        # the data is the same


def test_summary_csv_in_dutch(demo_project_path, tmp_path):
    out = tmp_path / "citaten.csv"
    assert main(["summary", str(demo_project_path), "--format", "csv", "-o", str(out), "--lang", "nl"]) == 0
    header = _read(out)[0]
    assert header[:5] == ["Document", "Bestand", "Categorie", "Code-ID", "Code"]
    assert "Citaat" in header and "Codeur" in header


def test_unknown_language_is_a_usage_error(demo_project_path, tmp_path, capsys):
    try:
        code = main(["matrix", str(demo_project_path), "-o", str(tmp_path / "x.csv"), "--lang", "de"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2
