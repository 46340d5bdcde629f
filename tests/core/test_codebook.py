"""Issue 2: the research codebook loads, edits (add, rename, move, merge, recolour, delete
with a choice for its segments) and writes back out."""
from __future__ import annotations

import json

import pytest

from burgerannotator.core import codebook
from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.errors import UserError
from burgerannotator.core.resources import default_codebook_path
from burgerannotator.core.segments import code_quote, segments


def test_default_codebook_is_loaded_whole(demo_project):
    source = json.loads(default_codebook_path().read_text(encoding="utf-8"))
    codes = codebook.leaf_codes(demo_project)
    expected = [c["id"] for cat in source["categories"] for c in cat["codes"]]
    assert [c.code_id for c in codes] == expected
    bb = find_code(demo_project, "MECH-BURGERBERAAD")
    assert bb.color == "#9467bd" and "lot" in bb.definition and "burgerberaad*" in bb.terms
    assert bb.parent.code_id == "MECH" and bb.path == "Mechanismen > Burgerberaad"
    assert [s.scale_id for s in codebook.scales(demo_project)] == ["DIEPGANG"]


def test_find_code_by_id_name_and_uuid(demo_project):
    code = find_code(demo_project, "burgerberaad")
    assert find_code(demo_project, code.uuid) is code
    assert find_code(demo_project, "mech-burgerberaad") is code
    with pytest.raises(UserError, match="No code"):
        find_code(demo_project, "MECH-NOPE")


def test_round_trip_through_json(demo_project, tmp_path):
    out = tmp_path / "cb.json"
    codebook.write_codebook(demo_project, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    source = json.loads(default_codebook_path().read_text(encoding="utf-8"))
    assert [c["id"] for c in data["categories"]] == [c["id"] for c in source["categories"]]
    for cat_out, cat_in in zip(data["categories"], source["categories"]):
        for a, b in zip(cat_out["codes"], cat_in["codes"]):
            assert {k: a[k] for k in ("id", "name", "color", "definition", "include", "exclude", "terms")} == \
                   {k: b[k] for k in ("id", "name", "color", "definition", "include", "exclude", "terms")}
    assert data["document_scales"][0]["values"] == source["document_scales"][0]["values"]
    # loading it again changes nothing (ids are matched, not doubled)
    n = len(codebook.all_codes(demo_project))
    assert codebook.import_codebook(demo_project, data) == 0
    assert len(codebook.all_codes(demo_project)) == n


def test_add_rename_recolour_move(demo_project):
    mech = find_code(demo_project, "MECH")
    code = codebook.add_code(demo_project, "Wijkwethouder", parent=mech, color="#123456", definition="d")
    assert code.code_id == "MECH-WIJKWETHOUDER" and code.parent is mech
    assert codebook.leaf_codes(demo_project)[len(mech.children) - 1] is code
    codebook.update_code(demo_project, code, name="Wijkwethouders", color="#abcdef")
    assert (code.name, code.color) == ("Wijkwethouders", "#abcdef")
    with pytest.raises(UserError):
        codebook.update_code(demo_project, code, color="red")
    thema = find_code(demo_project, "THEMA")
    codebook.move_code(demo_project, code, thema, 0)
    assert thema.children[0] is code and code.path.startswith("Motieven")
    with pytest.raises(UserError):
        codebook.move_code(demo_project, thema, code)


def test_merge_moves_segments(demo_project):
    a = find_code(demo_project, "MECH-WIJKPLATFORM")
    b = find_code(demo_project, "MECH-BUURTRECHTEN")
    coder = get_or_create_coder(demo_project, "Tester")
    code_quote(demo_project, find_document(demo_project, "Haarlem"), "om tot wijkplatforms", a, coder)
    before = len(segments(demo_project, code=b))
    assert codebook.merge_codes(demo_project, a, b) == 1
    assert len(segments(demo_project, code=b)) == before + 1
    assert a not in codebook.all_codes(demo_project)


def test_delete_code_with_segments_asks(demo_project):
    code = find_code(demo_project, "MECH-UITDAAGRECHT")
    with pytest.raises(UserError, match="segment"):
        codebook.delete_code(demo_project, code)
    assert codebook.delete_code(demo_project, code, segments="delete") == 3
    assert segments(demo_project, code=code) == []
    assert code not in codebook.all_codes(demo_project)


def test_pinning_a_key_unpins_the_previous_holder(demo_project):
    a = find_code(demo_project, "MECH-UITDAAGRECHT")
    b = find_code(demo_project, "MECH-BURGERBERAAD")
    codebook.update_code(demo_project, a, pinned_key=1)
    codebook.update_code(demo_project, b, pinned_key=1)
    demo_project.session.refresh(a)
    assert (a.pinned_key, b.pinned_key) == (None, 1)


def test_a_deleted_codes_id_can_be_used_again(demo_project):
    mech = find_code(demo_project, "MECH")
    first = codebook.add_code(demo_project, "Wijkwethouder", parent=mech)
    codebook.delete_code(demo_project, first, segments="delete")
    again = codebook.add_code(demo_project, "Wijkwethouder", parent=mech, color="#112233")
    assert again.code_id == "MECH-WIJKWETHOUDER" and again.deleted is None and again.color == "#112233"
    assert [c.code_id for c in codebook.all_codes(demo_project)].count("MECH-WIJKWETHOUDER") == 1
    with pytest.raises(UserError, match="already"):
        codebook.add_code(demo_project, "Wijkwethouder", parent=mech)
