"""Disagreements of the two demo coders, decided into the Consensus coder and its presence matrix."""
from __future__ import annotations

from burgerannotator.cli import main as cli_main
from burgerannotator.core import consensus, segments
from burgerannotator.core.coders import consensus_coder, find_coder
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.disagreements import disagreements, passages
from burgerannotator.core.documents import find_document
from burgerannotator.core.matrix import build_matrix, select_coders


def _by(found, code_id, city):
    return next(p for p in found if p.code_id == code_id and p.document == city)


def test_disagreements_list_code_document_printed_page_and_quotes(demo_project):
    found = disagreements(demo_project)
    assert sorted((p.code_id, p.document) for p in found) == [
        ("MECH-DIALOOG", "Nijmegen"), ("MECH-PARTICIPATIEKADER", "Amsterdam"), ("MECH-UITDAAGRECHT", "Haarlem"),
        ("TERM-BEWONERSINITIATIEF", "Haarlem"), ("TERM-BURGERINITIATIEF", "Arnhem")]
    p = _by(found, "MECH-PARTICIPATIEKADER", "Amsterdam")
    amsterdam = find_document(demo_project, "Amsterdam")
    seg = segments.find_segment(demo_project, p.by_coder[CODER_A][0].uuid)
    assert p.page == next(pg.label for pg in amsterdam.pages if pg.index == seg.page_first)
    assert p.by_coder[CODER_B] == [] and p.absent_coders == [CODER_B] and p.kind == "absent"
    assert p.by_coder[CODER_A][0].quote.startswith("Wij zetten het beleidskader participatie")
    assert "(not coded)" in p.describe()
    agreed = passages(demo_project, which="agreed")
    assert len(agreed) == 3 and all(x.kind == "agreed" for x in agreed)


def test_differing_boundaries_are_a_disagreement(demo_project):
    a = find_coder(demo_project, CODER_A)
    seg = segments.segments(demo_project, coder=a, document=find_document(demo_project, "Rotterdam"))[0]
    segments.set_bounds(demo_project, seg, seg.start, seg.start + (seg.end - seg.start) // 2)
    p = _by(disagreements(demo_project), "MECH-ZELFBEHEER", "Rotterdam")
    assert p.kind == "boundaries" and all(p.by_coder.values())
    assert not any(x.code_id == "MECH-ZELFBEHEER" for x in disagreements(demo_project, overlap=0.3))


def test_decisions_make_consensus_segments_and_a_consensus_matrix(demo_project):
    project = demo_project
    assert consensus.accept_agreed(project, CODER_A) == 3
    assert consensus.accept_agreed(project, CODER_A) == 0  # already decided
    found = disagreements(project)
    taken = consensus.accept_coder(project, _by(found, "MECH-PARTICIPATIEKADER", "Amsterdam"), CODER_A, CODER_B)
    source = segments.find_segment(project, _by(found, "MECH-PARTICIPATIEKADER", "Amsterdam")
                                   .by_coder[CODER_A][0].uuid)
    made = taken[0]
    assert (made.start, made.end, made.quote, made.rects) == (source.start, source.end, source.quote, source.rects)
    assert made.coder.is_consensus and made.origin == "consensus" and made.decided_by.name == CODER_B
    assert made.created is not None and made.uuid != source.uuid
    consensus.reject(project, _by(found, "MECH-DIALOOG", "Nijmegen"), CODER_B)
    consensus.accept_all(project, _by(found, "TERM-BURGERINITIATIEF", "Arnhem"), CODER_B)
    haarlem = _by(found, "MECH-UITDAAGRECHT", "Haarlem")
    seg = segments.find_segment(project, haarlem.by_coder[CODER_A][0].uuid)
    edited = consensus.accept_span(project, haarlem, seg.start, seg.start + 20, CODER_B)
    assert edited.start == seg.start and edited.end >= seg.start + 20 and edited.decided_by.name == CODER_B
    left = disagreements(project)
    assert [(p.code_id, p.document) for p in left] == [("TERM-BEWONERSINITIATIEF", "Haarlem")]
    assert len(disagreements(project, include_decided=True)) == 5
    assert consensus.decision_counts(project) == {"agreed": 3, "agreed_open": 0, "disagreements": 5,
                                                  "disagreements_open": 1}

    matrix = build_matrix(project, "presence", select_coders(project, "consensus"))
    cells = {(row.label, col.code_id) for i, row in enumerate(matrix.rows)
             for j, col in enumerate(matrix.columns) if matrix.value(i, j)}
    assert cells == {("Nijmegen", "MECH-UITDAAGRECHT"), ("Amsterdam", "MECH-BUURTRECHTEN"),
                     ("Rotterdam", "MECH-ZELFBEHEER"), ("Amsterdam", "MECH-PARTICIPATIEKADER"),
                     ("Arnhem", "TERM-BURGERINITIATIEF"), ("Haarlem", "MECH-UITDAAGRECHT")}  # not the rejected one
    assert consensus.undo_decision(project, _by(found, "MECH-DIALOOG", "Nijmegen")) == 1
    assert len(disagreements(project)) == 2


def test_the_consensus_coder_cannot_decide(demo_project):
    import pytest

    from burgerannotator.core.errors import UserError
    consensus_coder(demo_project)
    with pytest.raises(UserError):
        consensus.accept_all(demo_project, disagreements(demo_project)[0], "Consensus")


def test_cli_consensus(demo_project_path, capsys):
    assert cli_main(["consensus", str(demo_project_path), "--decider", CODER_A, "--list"]) == 0
    out = capsys.readouterr().out
    assert "5 open disagreement(s)." in out and "MECH-DIALOOG in Nijmegen, p." in out
    assert cli_main(["consensus", str(demo_project_path), "--decider", CODER_A, "--accept-agreed"]) == 0
    assert "3 agreed passage(s) accepted" in capsys.readouterr().out
    assert cli_main(["consensus", str(demo_project_path), "--decider", CODER_A]) == 0
    assert "agreed passages: 3 (0 not yet consensus); disagreements: 5 (5 open)" in capsys.readouterr().out
    assert cli_main(["agreement", str(demo_project_path), "--json", "--level", "segment"]) == 0
    assert '"segment"' in capsys.readouterr().out
    assert cli_main(["agreement", str(demo_project_path), "--coders", "Nobody"]) != 0
    assert capsys.readouterr().err.count("\n") == 1
