"""REFI-QDA round trip: demo project (three coders, memos, attributes, scale values) -> .qdpx ->
new project: the same documents, codes, coders, segments, memos; matrix and agreement equal.
Every file written validates against the REFI-QDA XSDs."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree
from sqlalchemy import select

from burgerannotator.cli import main
from burgerannotator.core import refi
from burgerannotator.core.agreement.levels import agreement
from burgerannotator.core.codebook import all_codes, find_code
from burgerannotator.core.coders import get_or_create_coder, list_coders
from burgerannotator.core.documents import find_document, list_documents
from burgerannotator.core.matrix import build_matrix, select_coders
from burgerannotator.core.memos import set_memo
from burgerannotator.core.models import Memo, ScaleValue
from burgerannotator.core.resources import resource_path
from burgerannotator.core.segments import code_quote, segments
from burgerannotator.core.store import Project

XSD = resource_path("refi-qda")


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


def assert_valid(xml: bytes, name: str) -> None:
    s = schema(name)
    ok = s.validate(etree.fromstring(xml))
    assert ok, str(s.error_log)


@pytest.fixture
def rich_project(demo_project):
    """The demo plus a third coder, segment/document/code/project memos."""
    p = demo_project
    c = get_or_create_coder(p, "Coder C")
    haarlem = find_document(p, "Haarlem")
    code_quote(p, haarlem, "Voor bewezen succesvolle bewonersinitiatieven experimenteren wij met het uitdaagrecht.",
               find_code(p, "MECH-UITDAAGRECHT"), c, memo="Third opinion: an experiment.")
    code_quote(p, find_document(p, "Nijmegen"), "Nijmegenaren krijgen het Uitdaagrecht",
               find_code(p, "MECH-UITDAAGRECHT"), c)
    set_memo(p, "document", haarlem.uuid, c, "Haarlem reads cautious.")
    set_memo(p, "code", find_code(p, "MECH-UITDAAGRECHT").uuid, c, "Right to challenge: watch for 'experiment'.")
    set_memo(p, "project", p.info.uuid, list_coders(p)[0], "Pilot round, December.")
    return p


def snapshot(p) -> dict:
    codes = {c.uuid: (c.name, c.color, c.parent.uuid if c.parent else None, c.kind, c.code_id, c.definition,
                      c.include, c.exclude, tuple(c.terms or ())) for c in all_codes(p)}
    segs = sorted((s.uuid, s.coder.uuid, s.coder.name, s.document.sha256, s.code.uuid, s.start, s.end,
                   s.page_first, s.page_last, s.quote, s.memo) for s in segments(p))
    memos = sorted((m.target_kind, m.target_uuid if m.target_kind != "project" else "-", m.coder.uuid, m.text)
                   for m in p.session.scalars(select(Memo)))
    scale_values = sorted((v.document.sha256, v.scale.scale_id, v.coder.uuid, v.value)
                          for v in p.session.scalars(select(ScaleValue)))
    docs = sorted((d.sha256, d.uuid, d.file_name, tuple(sorted((d.attributes or {}).items())), d.page_count)
                  for d in list_documents(p))
    coders = sorted((c.uuid, c.name, c.is_consensus) for c in list_coders(p))
    return {"codes": codes, "segments": segs, "memos": memos, "scales": scale_values, "documents": docs,
            "coders": coders}


def analysis(p) -> dict:
    m = build_matrix(p, "count", select_coders(p, "by-coder"))
    matrix = ([r.document_uuid for r in m.rows], [(c.code_uuid, c.coder_uuid) for c in m.columns],
              m.values.tolist())
    report = agreement(p).as_dict()
    report.pop("notes", None)
    return {"matrix": matrix, "agreement": report}


def test_round_trip_keeps_documents_codes_coders_segments_and_analysis(rich_project, tmp_path):
    before = snapshot(rich_project)
    before_analysis = analysis(rich_project)
    assert len(before["coders"]) == 3
    assert len(before["segments"]) == 13
    assert len(before["memos"]) == 3
    out = tmp_path / "demo.qdpx"
    counts = refi.write_qdpx(rich_project, out)
    assert counts["segments"] == 13 and counts["documents"] == 14 and counts["coders"] == 3
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert_valid(zf.read("project.qde"), "Project-mrt2019.xsd")
    assert "project.qde" in names
    assert sum(n.startswith("sources/") and n.endswith(".pdf") for n in names) == 14
    assert sum(n.startswith("sources/") and n.endswith(".txt") for n in names) == 14

    project, report = refi.new_from_qdpx(tmp_path / "back.bap", out)
    try:
        after = snapshot(project)
        assert after == before
        assert analysis(project) == before_analysis
        assert report.counts["text codings at their exact offsets"] == 13
        assert report.counts["PDF selections repeating a text selection (not doubled)"] == 13
        assert report.counts["document scale values"] == 5
        assert report.problems == []
    finally:
        project.close()


def test_export_one_coder_and_reimport_into_the_same_project_adds_nothing(rich_project, tmp_path):
    out = tmp_path / "c.qdpx"
    counts = refi.write_qdpx(rich_project, out, [c for c in list_coders(rich_project) if c.name == "Coder C"])
    assert counts["segments"] == 2 and counts["coders"] == 1
    before = snapshot(rich_project)
    report = refi.import_qdpx(rich_project, out)
    assert report.counts["documents already in the project"] == 14
    assert report.counts["codings already in the project"] == 2
    assert snapshot(rich_project) == before


def test_codebook_qdc_validates_and_updates_by_guid(demo_project, tmp_path):
    out = tmp_path / "codebook.qdc"
    n = refi.write_qdc(demo_project, out)
    assert n == len(all_codes(demo_project)) == 29
    assert_valid(out.read_bytes(), "Codebook-mrt2019.xsd")
    root = etree.parse(str(out)).getroot()
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    code = find_code(demo_project, "MECH-UITDAAGRECHT")
    el = root.find(f".//q:Code[@guid='{code.uuid}']", ns)
    assert el.get("isCodable") == "true" and el.get("color") == code.color
    assert el.getparent().get("isCodable") == "false"  # its category
    text = el.find("q:Description", ns).text
    assert text.startswith(code.definition) and f"Include: {code.include}" in text
    # edit the file: rename one code, add one new code; import it back
    el.set("name", "Uitdaagrecht (renamed)")
    new = etree.SubElement(el.getparent(), "{urn:QDA-XML:codebook:1.0}Code",
                           guid="0b7c1d8e-2f3a-4b5c-8d9e-0f1a2b3c4d5e", name="Nieuwe code", isCodable="true",
                           color="#abc")
    assert new is not None
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    report = refi.import_qdc(demo_project, out)
    assert report.counts == {"codes added": 1, "codes updated (same guid)": 1, "codes unchanged": 28}
    assert find_code(demo_project, "MECH-UITDAAGRECHT").name == "Uitdaagrecht (renamed)"
    added = find_code(demo_project, "Nieuwe code")
    assert (added.uuid, added.color, added.parent.code_id) == ("0b7c1d8e-2f3a-4b5c-8d9e-0f1a2b3c4d5e", "#aabbcc",
                                                              "MECH")


def test_cli_export_and_new_from(demo_project_path, tmp_path, capsys):
    out = tmp_path / "demo.qdpx"
    assert main(["export", str(demo_project_path), "-o", str(out), "--coder", "Demo coder B"]) == 0
    assert "5 segments by 1 coder(s)" in capsys.readouterr().out
    assert main(["export", str(demo_project_path), "-o", str(tmp_path / "cb.qdc")]) == 0
    assert main(["new", str(tmp_path / "b.bap"), "--from", str(out)]) == 0
    text = capsys.readouterr().out
    assert "text codings at their exact offsets: 5" in text
    with Project.open(tmp_path / "b.bap", readonly=True) as p:
        assert [c.name for c in list_coders(p)] == ["Demo coder B"]
        assert len(segments(p)) == 5
    assert main(["new", str(tmp_path / "c.bap"), "--from", str(tmp_path / "cb.qdc")]) == 0
    with Project.open(tmp_path / "c.bap", readonly=True) as p:
        assert len(all_codes(p)) == 29


def test_consensus_coder_comes_back_as_the_consensus_coder(demo_project, tmp_path):
    from burgerannotator.core.coders import consensus_coder

    c = consensus_coder(demo_project)
    code_quote(demo_project, find_document(demo_project, "Arnhem"), "Wij faciliteren zoveel mogelijk burgerinitiatieven.",
               find_code(demo_project, "TERM-BURGERINITIATIEF"), c)
    out = tmp_path / "c.qdpx"
    refi.write_qdpx(demo_project, out, [c])
    project, _ = refi.new_from_qdpx(tmp_path / "back.bap", out)
    try:
        (back,) = list_coders(project)
        assert (back.uuid, back.name, back.is_consensus) == (c.uuid, "Consensus", True)
        assert len(segments(project)) == 1
    finally:
        project.close()


def test_cli_refuses_by_coder_for_refi_and_bad_suffix(demo_project_path, tmp_path, capsys):
    assert main(["export", str(demo_project_path), "-o", str(tmp_path / "x.qdpx"), "--by-coder"]) == 2
    assert "--coder NAME or --all" in capsys.readouterr().err
    assert main(["export", str(demo_project_path), "-o", str(tmp_path / "x.txt")]) == 2
    assert main(["import", str(demo_project_path), str(tmp_path / "missing.qdpx")]) == 7
    assert capsys.readouterr().err.count("\n") == 2


def test_import_is_one_operation_and_a_history_barrier(rich_project, tmp_path):
    from burgerannotator.core.history import History
    from burgerannotator.core.ops import CodeQuote, ImportQdpx

    out = tmp_path / "c.qdpx"
    refi.write_qdpx(rich_project, out, [c for c in list_coders(rich_project) if c.name == "Coder C"])
    other, _ = refi.new_from_qdpx(tmp_path / "other.bap", out)
    try:
        history = History(other)
        doc = find_document(other, "Amsterdam")
        history.do(CodeQuote(doc.uuid, "Buurtrechten en buurtbudgetten worden verder uitgebouwd",
                             find_code(other, "MECH-BUURTRECHTEN").uuid, list_coders(other)[0].uuid))
        assert history.can_undo()
        again = tmp_path / "all.qdpx"
        refi.write_qdpx(rich_project, again)
        result = history.do(ImportQdpx(str(again)))
        assert result.inverse is None and not history.can_undo()
        assert result.value.counts["codings already in the project"] == 2
        assert len(segments(other)) == 14
    finally:
        other.close()


def test_awkward_text_still_validates(demo_project, tmp_path):
    from burgerannotator.core.codebook import update_code
    from burgerannotator.core.documents import set_attribute

    code = find_code(demo_project, "MECH-UITDAAGRECHT")
    update_code(demo_project, code, name="Uitdaag\x0brecht <&> \"x\"", definition="a\x00b ]]> c")
    doc = find_document(demo_project, "Haarlem")
    set_attribute(demo_project, doc, "note", "=1+1 <b>&amp;</b>\x1f")
    set_attribute(demo_project, doc, "rank", 3.5)
    out = tmp_path / "odd.qdpx"
    refi.write_qdpx(demo_project, out)
    with zipfile.ZipFile(out) as zf:
        assert_valid(zf.read("project.qde"), "Project-mrt2019.xsd")
    project, _ = refi.new_from_qdpx(tmp_path / "back.bap", out)
    try:
        back = find_code(project, code.code_id)
        assert back.name == "Uitdaagrecht <&> \"x\"" and back.definition == "ab ]]> c"
        attrs = find_document(project, "Haarlem").attributes
        assert attrs["note"] == "=1+1 <b>&amp;</b>" and attrs["rank"] == "3.5"
        assert find_document(project, "Nijmegen").attributes["rank"] == 9  # still a number beside the text one
    finally:
        project.close()


def test_a_file_the_schema_rejects_is_not_written(demo_project, tmp_path, monkeypatch):
    from burgerannotator.core.errors import UserError
    from burgerannotator.core.refi import project_export

    real = project_export.build_project

    def broken(project, coders):
        root, files, counts = real(project, coders)
        root[0].addprevious(etree.Element("{urn:QDA-XML:project:1.0}Sources"))  # Sources before Users: wrong order
        return root, files, counts

    monkeypatch.setattr(project_export, "build_project", broken)
    with pytest.raises(UserError, match="would not pass the REFI-QDA schema"):
        refi.write_qdpx(demo_project, tmp_path / "bad.qdpx")
    assert not (tmp_path / "bad.qdpx").exists()
