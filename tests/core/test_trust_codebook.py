"""Issue 16: bad codebooks are refused in one line naming the bad field; no half-made project."""
from __future__ import annotations

import json

import pytest

from burgerannotator.cli import main
from burgerannotator.core.codebook import load_codebook_file
from burgerannotator.core.errors import UserError
from burgerannotator.core.resources import default_codebook_path


def good():
    return json.loads(default_codebook_path().read_text(encoding="utf-8"))


def _set(path, value):
    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return data
    return change


def _cycle(data):
    # a sub-code with the id of its own category: the tree would loop
    data["categories"][0]["codes"][0]["codes"] = [{"id": data["categories"][0]["id"], "name": "loop"}]
    return data


def _too_deep(data):
    data["categories"][0]["codes"][0]["codes"] = [{"id": "A-B-C", "name": "sub", "codes": [{"id": "X", "name": "x"}]}]
    return data


BAD = {
    "category-as-string": (lambda d: {**d, "categories": ["MECH"]}, "categories[0]"),
    "no-categories": (lambda d: {**d, "categories": []}, "categories"),  # found by the fuzz test
    "codes-as-string": (_set(["categories", 0, "codes"], "UITDAAGRECHT"), "categories[0].codes"),
    "integer-colour": (_set(["categories", 0, "codes", 0, "color"], 16711680), "categories[0].codes[0].color"),
    "scales-as-string": (lambda d: {**d, "document_scales": "DIEPGANG"}, "document_scales"),
    "terms-as-string": (_set(["categories", 0, "codes", 0, "terms"], "uitdaagrecht*"),
                        "categories[0].codes[0].terms"),
    "null-id": (_set(["categories", 0, "codes", 1, "id"], None), "categories[0].codes[1].id"),
    "list-as-name": (_set(["categories", 1, "name"], ["a", "b"]), "categories[1].name"),
    "missing-name-and-id": (lambda d: (d["categories"][0]["codes"][2].pop("name"),
                                       d["categories"][0]["codes"][2].pop("id"), d)[2], "categories[0].codes[2]"),
    "id-cycle": (_cycle, "categories[0].codes[0].codes[0].id"),
    "duplicate-id": (lambda d: (d["categories"][1]["codes"][0].update(id=d["categories"][0]["codes"][0]["id"]), d)[1],
                     "categories[1].codes[0].id"),
    "four-levels": (_too_deep, "categories[0].codes[0].codes[0].codes"),
    "scale-value-text": (_set(["document_scales", 0, "values", 0, "value"], "one"),
                         "document_scales[0].values[0].value"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_codebook_is_refused_naming_the_field_and_makes_no_file(name, tmp_path, capsys):
    change, where = BAD[name]
    cb = tmp_path / "cb.json"
    cb.write_text(json.dumps(change(good())), encoding="utf-8")
    project = tmp_path / "p.bap"
    rc = main(["new", str(project), "--codebook", str(cb)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and "internal error" not in err
    assert where in err, err
    assert not project.exists()
    assert list(tmp_path.iterdir()) == [cb]


def test_json_nested_100000_deep_is_refused_in_one_line(tmp_path, capsys):
    cb = tmp_path / "deep.json"
    cb.write_text('{"categories": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    rc = main(["new", str(tmp_path / "p.bap"), "--codebook", str(cb)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "nested" in err, err
    assert not (tmp_path / "p.bap").exists()


def test_a_utf8_codebook_with_a_bom_is_read(tmp_path):
    cb = tmp_path / "bom.json"
    cb.write_bytes(b"\xef\xbb\xbf" + json.dumps(good(), ensure_ascii=False).encode("utf-8"))
    data = load_codebook_file(cb)
    assert data["categories"][0]["id"] == "MECH"


def test_the_bundled_codebook_is_valid():
    assert load_codebook_file()["categories"][0]["id"] == "MECH"


def test_message_names_the_file(tmp_path):
    cb = tmp_path / "cb.json"
    cb.write_text(json.dumps({"categories": [{"name": 5}]}), encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_codebook_file(cb)
    assert str(err.value).startswith("cb.json: categories[0].name")
