"""Issue 13: agreement --uncoded, pooled rows over used codes, --ci, weighted kappa on DIEPGANG."""
from __future__ import annotations

import json

import pytest

from burgerannotator.cli import main
from burgerannotator.core import codebook, segments
from burgerannotator.core.agreement.levels import agreement
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import layout, list_documents
from burgerannotator.core.scales import find_scale, set_scale_value
from burgerannotator.core.store import Project

X, Y = "MECH-BURGERBERAAD", "MECH-DIGITAAL"
# P codes X in documents 0 and 1, Y in 2; Q codes X in 0 and only Y in 1 (so Q judged document 1).
PLAN = {"P": [(X, 0), (X, 1), (Y, 2)], "Q": [(X, 0), (Y, 1)]}
DIEPGANG = {"P": [1, 2, 3, 2, 1, 3, 2, 2], "Q": [1, 2, 2, 2, 1, 3, 3, 1]}


@pytest.fixture
def project_path(demo_project_path):
    with Project.open(demo_project_path) as p:
        docs = list_documents(p)
        for name, plan in PLAN.items():
            coder = get_or_create_coder(p, name)
            for code_id, d in plan:
                span = layout(p, docs[d]).span_of_words(10, 20)
                segments.create_segment(p, docs[d], codebook.find_code(p, code_id), coder, span.start, span.end)
            for d, value in enumerate(DIEPGANG[name]):
                set_scale_value(p, docs[d], find_scale(p, "DIEPGANG"), coder, value)
    return demo_project_path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_uncoded_documents_missing_looks_at_every_code(project_path):
    with Project.open(project_path, readonly=True) as p:
        missing = agreement(p, coders="P,Q", codes=[X], levels="document")
        absent = agreement(p, coders="P,Q", codes=[X], levels="document", uncoded_documents="absent")
    x = missing.row("document", code_id=X)
    # both judged documents 0 (X, X) and 1 (X vs nothing-of-X: Q coded Y there); 2: Q coded nothing -> missing
    assert x.counts == {"units": 2, "present": 2, "unanimous": 1}
    assert x.stats["percent_agreement"].value == 0.5
    assert missing.uncoded_documents == "missing" and "counts as missing" in missing.notes[0]
    xa = absent.row("document", code_id=X)
    assert xa.counts["units"] == 14 and xa.stats["percent_agreement"].value == pytest.approx(13 / 14)


def test_cli_uncoded_flag_and_statement(project_path, capsys):
    code, out, err = run(capsys, "agreement", project_path, "--coders", "P,Q", "--codes", X, "--level", "document",
                         "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["uncoded_documents"] == "missing"
    row = next(r for r in data["levels"]["document"] if r["code"] == X)
    assert row["stats"]["percent_agreement"]["value"] == 0.5
    code, out, err = run(capsys, "agreement", project_path, "--coders", "P,Q", "--codes", X, "--level", "document",
                         "--uncoded", "absent")
    assert code == 0 and "uncoded documents: absent" in out and "counts as 'absent'" in out
    code, out, err = run(capsys, "agreement", project_path, "--uncoded", "sometimes")
    assert code == 2 and "invalid choice" in err


def test_pooled_rows_leave_out_unused_codes(project_path):
    with Project.open(project_path, readonly=True) as p:
        r = agreement(p, coders="P,Q", codes=[X, Y, "MECH-BUURTBUDGET"], levels=["document", "text"],
                      uncoded_documents="absent")
    assert r.excluded_codes == ["MECH-BUURTBUDGET"]
    used, every = r.level_rows("document", "overall")
    assert (used.all_codes, every.all_codes) == (False, True)
    assert used.counts["units"] == 28 and every.counts["units"] == 42
    # X: 13/14 agree; Y: P in 2, Q in 1 -> 12/14; the unused code adds 14 unanimous zeros
    assert used.stats["percent_agreement"].value == pytest.approx(25 / 28)
    assert every.stats["percent_agreement"].value == pytest.approx(39 / 42)
    assert every.stats["brennan_prediger"].value > used.stats["brennan_prediger"].value
    text_used, text_all = r.level_rows("text", "overall")
    assert text_all.stats["char_percent"].value > text_used.stats["char_percent"].value


def test_ci_in_json_and_reproducible(project_path, capsys):
    args = ("agreement", project_path, "--coders", "P,Q", "--ci", "--json", "--draws", "500")
    code, out, err = run(capsys, *args)
    assert code == 0, err
    data = json.loads(out)
    assert data["ci"]["draws"] == 500 and data["ci"]["minima"] == [0.667, 0.8]
    overall = next(r for r in data["levels"]["document"] if r["scope"] == "overall")
    alpha = overall["stats"]["krippendorff_alpha"]
    assert alpha["ci"]["low"] <= alpha["value"] <= alpha["ci"]["high"]
    assert set(alpha["ci"]["q_below"]) == {"0.667", "0.8"}
    assert overall["stats"]["gwet_ac1"]["ci"]["se"] > 0
    scale = data["levels"]["scale"][0]["stats"]
    assert scale["cohen_kappa_linear"]["ci"]["method"].startswith("Fleiss, Cohen & Everitt")
    assert run(capsys, *args)[1] == out  # same seed, same numbers
    code, out, err = run(capsys, "agreement", project_path, "--ci", "--alpha-min", "high")
    assert code == 2 and err.count("\n") == 1 and "--alpha-min" in err


def test_weighted_kappa_on_diepgang_matches_scikit_learn(project_path):
    metrics = pytest.importorskip("sklearn.metrics")
    with Project.open(project_path, readonly=True) as p:
        row = agreement(p, coders="P,Q", levels="scale").row("scale", code_id="DIEPGANG")
    for weights in ("linear", "quadratic"):
        expected = metrics.cohen_kappa_score(DIEPGANG["P"], DIEPGANG["Q"], labels=[1, 2, 3], weights=weights)
        assert row.stats[f"cohen_kappa_{weights}"].value == pytest.approx(expected, abs=1e-12)


def test_workbook_has_the_intervals(project_path, tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    out_file = tmp_path / "agreement.xlsx"
    code, out, err = run(capsys, "agreement", project_path, "--coders", "P,Q", "--ci", "--level", "document",
                         "-o", out_file)
    assert code == 0, err
    book = openpyxl.load_workbook(out_file)
    sheet = book["Intervals"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["level", "row", "statistic", "value", "SE", "95% low", "95% high"]
    assert header[-2:] == ["q(alpha < 0.667)", "q(alpha < 0.8)"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    alpha = next(r for r in rows if r[1] == "Overall" and r[2] == "Krippendorff alpha (nominal)")
    assert alpha[5] <= alpha[3] <= alpha[6] and alpha[8] == 1000 and 0 <= alpha[10] <= alpha[11] <= 1
    scopes = [r[0].value for r in book["Document"].iter_rows(min_row=2)]
    assert scopes[-2:] == ["overall", "overall (all codes)"]  # P and Q used 2 of the 26 codes
    about = {r[0].value: r[1].value for r in book["About"].iter_rows() if r[0].value}
    assert about["Uncoded documents (document level)"] == "missing"


@pytest.mark.parametrize("args,words", [(("--draws", "10"), "100 to 100,000"), (("--draws", "1000000000"), "100 to"),
                                        (("--seed", "-1"), "seed"), (("--alpha-min", "2"), "between -1 and 1")])
def test_bad_bootstrap_options_are_one_line_errors(project_path, capsys, args, words):
    assert main(["agreement", str(project_path), "--coders", "P,Q", "--ci", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err
