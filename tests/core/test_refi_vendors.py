"""The six vendor exports in ../shared/refi-qda/samples: each imports (and `info` shows its
codes, documents and codings) or is refused with one line naming the problem."""
from __future__ import annotations

import json
import zipfile

import pytest

from burgerannotator.cli import main
from support import shared_or_skip

# file: (command, exit code, codes, categories, documents, codings per coder, coders)
EXPECTED = {
    "atlasti-23.2-win_target-atlas-project.qdpx": ("new", 0, 3, 0, 0, {}, ["Enric Llagostera", "ATLAS.ti"]),
    "atlasti-23.4-win_codebook_from-requal-test.qdc": ("import", 0, 1, 0, 0, {}, []),
    "atlasti-8.4-mac_refi-standard-project.qde": ("new", 0, 14, 0, 0, {},
                                                  ["ATLAS.ti", "Friedrich Markgraf", "Sebastian Petrausch"]),
    "maxqda-24.7_icls-themes.qdpx": ("new", 0, 307, 0, 10, {}, ["johnb"]),
    "nvivo-12.6-win_oltas0517.qdpx": ("new", 0, 151, 1, 2, {"Gergo": 303}, ["Gergo", "floriansipos"]),
    "nvivo-15.0-mac_qc-project.qdpx": ("new", 0, 262, 0, 0, {}, ["chrisp", "cp"]),
}


def info(path, capsys) -> dict:
    capsys.readouterr()
    assert main(["info", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_vendor_sample(name, tmp_path, capsys):
    sample = shared_or_skip("refi-qda", "samples", name)
    command, rc, codes, categories, documents, codings, coders = EXPECTED[name]
    project = tmp_path / "p.bap"
    if command == "new":
        assert main(["new", str(project), "--from", str(sample)]) == rc
    else:
        assert main(["new", str(project)]) == 0  # the default codebook, then the .qdc into it
        default = info(project, capsys)["codebook"]
        assert main(["import", str(project), str(sample)]) == rc
        codes += default["codes"]
        categories += default["categories"]
    out = capsys.readouterr()
    assert out.err == ""
    data = info(project, capsys)
    assert (data["codebook"]["codes"], data["codebook"]["categories"]) == (codes, categories)
    assert len(data["documents"]) == documents
    assert {k: v["segments"] for k, v in data["segments_by_coder"].items()} == codings
    if command == "new":
        assert [c["name"] for c in data["coders"]] == coders


def test_atlas_84_reports_what_it_cannot_carry(tmp_path, capsys):
    sample = shared_or_skip("refi-qda", "samples", "atlasti-8.4-mac_refi-standard-project.qde")
    assert main(["new", str(tmp_path / "p.bap"), "--from", str(sample)]) == 0
    out = capsys.readouterr().out
    for line in ("picture sources: 1", "audio sources: 1", "video sources: 2", "sets: 16", "links: 1", "graphs: 1",
                 "Kellogg's Passion for Nutrition.pdf: internal://484934BD-97FF-4F8C-9690-B9E77A9092B5.pdf is not in "
                 "the file's sources folder; left out."):
        assert line in out


def test_maxqda_text_is_kept_character_for_character(tmp_path):
    sample = shared_or_skip("refi-qda", "samples", "maxqda-24.7_icls-themes.qdpx")
    from burgerannotator.core import refi
    from burgerannotator.core.documents import list_documents

    project, report = refi.new_from_qdpx(tmp_path / "p.bap", sample)
    try:
        with zipfile.ZipFile(sample) as zf:
            texts = sorted(zf.read(n).decode("utf-8-sig") for n in zf.namelist() if n.endswith(".txt"))
        assert sorted(d.text for d in list_documents(project)) == texts
        assert report.not_imported == {"sets": 2}
    finally:
        project.close()


def test_nvivo_12_codings_land_on_words(tmp_path):
    sample = shared_or_skip("refi-qda", "samples", "nvivo-12.6-win_oltas0517.qdpx")
    from burgerannotator.core import refi

    project, report = refi.new_from_qdpx(tmp_path / "p.bap", sample)
    project.close()
    assert report.counts["text selections counted in UTF-16 units (as NVivo writes them), converted"] == 303
    assert report.counts["text codings at their exact offsets"] == 294
    assert report.counts["text codings widened to whole words"] == 9
