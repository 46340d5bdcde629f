"""Issue 13: the replication package, and the agreement recomputed from its CSVs by independent code."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from itertools import combinations

import numpy as np
import pytest

from burgerannotator.cli import main
from burgerannotator.core import codebook, segments
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import layout, list_documents
from burgerannotator.core.store import Project

FILES = {"README.md", "codebook.json", "codebook.md", "documents.csv", "segments.csv", "scale_values.csv",
         "log.csv", "agreement.json", "agreement.xlsx", "reproduce_agreement.py"}
# a third coder with partial overlap, codes in a few documents only (missing data for the others)
PLAN = [("MECH-UITDAAGRECHT", 8, 30, 60), ("MECH-DIALOOG", 8, 100, 140), ("MECH-BUURTRECHTEN", 0, 50, 70),
        ("MECH-ZELFBEHEER", 5, 10, 30)]


@pytest.fixture
def package(demo_project_path, tmp_path, capsys):
    with Project.open(demo_project_path) as p:
        coder = get_or_create_coder(p, "Coder C")
        docs = list_documents(p)
        for code_id, d, first, last in PLAN:
            span = layout(p, docs[d]).span_of_words(first, last)
            segments.create_segment(p, docs[d], codebook.find_code(p, code_id), coder, span.start, span.end)
    out = tmp_path / "study-replication.zip"
    assert main(["package", str(demo_project_path), "-o", str(out), "--draws", "200"]) == 0
    assert "Wrote the replication package" in capsys.readouterr().out
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as z:
        z.extractall(folder)
        names = z.namelist()
    return folder / "replication", names, demo_project_path


def _rows(folder, name):
    return list(csv.DictReader(io.StringIO((folder / name).read_text(encoding="utf-8"))))


def test_package_holds_what_the_issue_lists(package):
    folder, names, path = package
    top = {n.split("/", 1)[1] for n in names}
    assert FILES <= top
    matrices = sorted(n for n in top if n.startswith("matrices/"))
    assert "matrices/presence-all-coders.csv" in matrices and "matrices/count-coder-Coder-C.csv" in matrices
    seg = _rows(folder, "segments.csv")
    assert list(seg[0]) == ["segment_uuid", "coder", "coder_uuid", "code", "code_name", "document_uuid",
                            "document_sha256", "city", "start", "end", "printed_pages", "quote", "memo", "origin",
                            "kind"]
    with Project.open(path, readonly=True) as p:
        docs = {d.uuid: d for d in list_documents(p)}
        live = segments.segments(p)
    assert len(seg) == len(live) == 11 + len(PLAN)
    for r in seg:  # the quote is the document text at the offsets; the hash is the PDF's
        d = docs[r["document_uuid"]]
        assert r["document_sha256"] == d.sha256 and len(r["document_sha256"]) == 64
        assert " ".join(d.text[int(r["start"]):int(r["end"])].split()) == " ".join(r["quote"].split())
    documents = _rows(folder, "documents.csv")
    assert len(documents) == 14 and all(r["extractor_version"] for r in documents)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "reproduce_agreement.py" in readme and "missing" in readme and "Hayes & Krippendorff" in readme
    assert "MECH-UITDAAGRECHT" in (folder / "codebook.md").read_text(encoding="utf-8")
    report = json.loads((folder / "agreement.json").read_text(encoding="utf-8"))
    assert report["options"]["uncoded_documents"] == "missing" and report["options"]["ci"]["draws"] == 200
    assert set(report["levels"]) == {"document", "segment", "text", "scale"}


def _units(folder, coders):
    docs = [r["document_uuid"] for r in _rows(folder, "documents.csv")]
    seg = _rows(folder, "segments.csv")
    seen = {(r["coder"], r["document_uuid"]) for r in seg}
    present = {(r["coder"], r["document_uuid"], r["code"]) for r in seg}

    def units(code):
        return [[np.nan if (c, d) not in seen else float((c, d, code) in present) for c in coders] for d in docs]
    return units, seg


def test_agreement_recomputed_from_the_csvs_with_independent_code(package):
    kd = pytest.importorskip("krippendorff")
    metrics = pytest.importorskip("sklearn.metrics")
    folder, _, _ = package
    report = json.loads((folder / "agreement.json").read_text(encoding="utf-8"))
    coders = report["coders"]
    assert coders == ["Demo coder A", "Demo coder B", "Coder C"]
    units, seg = _units(folder, coders)
    checked = 0
    for row in report["levels"]["document"]:
        if row["scope"] != "code":
            continue
        u = np.array(units(row["code"]))
        stats = row["stats"]
        pairable = u[(~np.isnan(u)).sum(axis=1) >= 2]
        if len(np.unique(pairable[~np.isnan(pairable)])) > 1:
            assert stats["krippendorff_alpha"]["value"] == pytest.approx(
                kd.alpha(reliability_data=u.T, level_of_measurement="nominal"), abs=1e-12), row["code"]
            checked += 1
        shares = []
        for unit in pairable:
            v = unit[~np.isnan(unit)]
            pairs = list(combinations(v, 2))
            shares.append(sum(a == b for a, b in pairs) / len(pairs))
        assert stats["percent_agreement"]["value"] == pytest.approx(np.mean(shares), abs=1e-12)
        for pair, pstats in row["pairs"].items():
            a, b = (coders.index(x) for x in pair.split(" | "))
            both = u[~np.isnan(u[:, a]) & ~np.isnan(u[:, b])]
            if len(both) and pstats["cohen_kappa"]["defined"]:
                assert pstats["cohen_kappa"]["value"] == pytest.approx(
                    metrics.cohen_kappa_score(both[:, a], both[:, b]), abs=1e-12)
    assert checked >= 3
    # text level: character percent agreement per code for the pair A | B, by sets of character positions
    lengths = {r["document_uuid"]: int(r["characters"]) for r in _rows(folder, "documents.csv")}
    total = sum(lengths.values())
    for row in report["levels"]["text"]:
        if row["scope"] != "code" or "Demo coder A | Demo coder B" not in row["pairs"]:
            continue
        chars = {c: {(r["document_uuid"], i) for r in seg if r["coder"] == c and r["code"] == row["code"]
                     for i in range(int(r["start"]), int(r["end"]))} for c in ("Demo coder A", "Demo coder B")}
        disagree = len(chars["Demo coder A"] ^ chars["Demo coder B"])
        value = row["pairs"]["Demo coder A | Demo coder B"]["char_percent"]["value"]
        assert value == pytest.approx(1 - disagree / total, abs=1e-12)


def test_reproduce_script_gives_the_report_numbers(package):
    folder, _, _ = package
    done = subprocess.run([sys.executable, str(folder / "reproduce_agreement.py")], capture_output=True, text=True,
                          check=True)
    mine = json.loads(done.stdout)["document_level"]
    report = json.loads((folder / "agreement.json").read_text(encoding="utf-8"))
    rows = {r["code"]: r["stats"] for r in report["levels"]["document"] if r["scope"] == "code"}
    assert set(mine) <= set(rows) and len(mine) >= 5
    for code, stats in mine.items():
        for key in ("percent_agreement", "krippendorff_alpha"):
            expected = rows[code][key]["value"]
            assert (stats[key] is None) == (expected is None), (code, key)
            if expected is not None:
                assert stats[key] == pytest.approx(expected, abs=1e-12), (code, key)


def test_package_refuses_other_names(demo_project_path, tmp_path, capsys):
    assert main(["package", str(demo_project_path), "-o", str(tmp_path / "x.tar")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
