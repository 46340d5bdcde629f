"""Issue 11: no silent double codings (same code, same span, same coder)."""
from __future__ import annotations

import json

import pytest

from burgerannotator.cli import main
from burgerannotator.core import duplicates
from burgerannotator.core.anchoring import find_quote
from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.models import LogEntry, Segment
from burgerannotator.core.segments import code_quote, create_segment, delete_segment, segments
from burgerannotator.core.store import Project

QUOTE = "Een gelote groep bewoners"


def _setup(project):
    doc = find_document(project, "Haarlem")
    return doc, find_code(project, "MECH-BURGERBERAAD"), get_or_create_coder(project, "Tester")


def test_same_code_same_span_same_coder_adds_nothing(demo_project):
    doc, code, coder = _setup(demo_project)
    first = code_quote(demo_project, doc, QUOTE, code, coder)
    with pytest.raises(duplicates.AlreadyCoded) as err:
        code_quote(demo_project, doc, QUOTE, code, coder)
    assert err.value.segment.uuid == first.uuid
    assert "Already coded" in err.value.message and "nothing added" in err.value.message
    assert len(segments(demo_project, document=doc, coder=coder, code=code)) == 1


def test_a_selection_that_snaps_to_the_same_words_is_the_same_span(demo_project):
    doc, code, coder = _setup(demo_project)
    span = find_quote(doc.text, QUOTE)
    create_segment(demo_project, doc, code, coder, span.start, span.end)
    with pytest.raises(duplicates.AlreadyCoded):  # mid-word ends snap to the same whole words
        create_segment(demo_project, doc, code, coder, span.start + 2, span.end - 2)
    assert len(segments(demo_project, document=doc, coder=coder, code=code)) == 1


def test_other_coder_other_code_or_deleted_segment_are_no_duplicates(demo_project):
    doc, code, coder = _setup(demo_project)
    seg = code_quote(demo_project, doc, QUOTE, code, coder)
    code_quote(demo_project, doc, QUOTE, code, get_or_create_coder(demo_project, "Other"))
    code_quote(demo_project, doc, QUOTE, find_code(demo_project, "MECH-PARTICIPATIEKADER"), coder)
    delete_segment(demo_project, seg)
    again = code_quote(demo_project, doc, QUOTE, code, coder)  # the first one was deleted
    assert again.uuid != seg.uuid
    assert len(segments(demo_project, document=doc, code=code)) == 2


def test_overlapping_codings_and_the_extended_span(demo_project):
    doc, code, coder = _setup(demo_project)
    seg = code_quote(demo_project, doc, QUOTE, code, coder)
    longer = find_quote(doc.text, "gelote groep bewoners adviseert")
    found = duplicates.overlapping_codings(demo_project, doc, code, coder, longer.start, longer.end)
    assert [s.uuid for s in found] == [seg.uuid]
    assert duplicates.extended_span(seg, longer.start, longer.end) == (seg.start, longer.end)
    other = find_code(demo_project, "MECH-PARTICIPATIEKADER")
    assert duplicates.overlapping_codings(demo_project, doc, other, coder, longer.start, longer.end) == []
    after = find_quote(doc.text, "adviseert dan de gemeenteraad")
    assert duplicates.overlapping_codings(demo_project, doc, code, coder, after.start, after.end) == []


def _stack_duplicates(path):
    """Two extra copies of one coding, as an older version of the app made them."""
    project = Project.open(path)
    try:
        doc, code, coder = _setup(project)
        seg = code_quote(project, doc, QUOTE, code, coder)
        with project.transaction() as s:
            for _ in range(2):
                s.add(Segment(document=doc, code=code, coder=coder, start=seg.start, end=seg.end,
                              page_first=seg.page_first, page_last=seg.page_last, rects=seg.rects, quote=seg.quote))
        return seg.uuid
    finally:
        project.close()


def test_info_reports_and_dedupe_removes_exact_duplicates_keeping_the_oldest(demo_project_path, capsys):
    oldest = _stack_duplicates(demo_project_path)
    assert main(["info", str(demo_project_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exact_duplicates"] == 2
    assert main(["info", str(demo_project_path)]) == 0
    assert "2 exact duplicate coding(s)" in capsys.readouterr().out
    assert main(["dedupe", str(demo_project_path), "--coder", "Tester"]) == 0
    assert capsys.readouterr().out.strip() == "Removed 2 exact duplicate coding(s); the oldest of each was kept."
    project = Project.open(demo_project_path, readonly=True)
    try:
        doc, code, coder = _setup_readonly(project)
        left = segments(project, document=doc, coder=coder, code=code)
        assert [s.uuid for s in left] == [oldest]
        entry = project.session.query(LogEntry).filter_by(action="dedupe").one()
        assert len(entry.details["removed"]) == 2 and entry.coder_name == "Tester"
        assert duplicates.duplicate_count(project) == 0
    finally:
        project.close()
    assert main(["dedupe", str(demo_project_path)]) == 0
    assert capsys.readouterr().out.strip() == "No exact duplicate codings."


def _setup_readonly(project):
    from burgerannotator.core.coders import find_coder

    return (find_document(project, "Haarlem"), find_code(project, "MECH-BURGERBERAAD"),
            find_coder(project, "Tester"))


def test_cli_code_twice_says_already_coded_and_exits_0(demo_project_path, capsys):
    argv = ["code", str(demo_project_path), "--doc", "Haarlem", "--quote", QUOTE, "--code", "MECH-BURGERBERAAD",
            "--coder", "Tester"]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("Coded MECH-BURGERBERAAD")
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("already coded: ") and "nothing added" in out
    assert main(["info", str(demo_project_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["segments_by_coder"]["Tester"]["codes"] == {"MECH-BURGERBERAAD": 1}
    assert data["exact_duplicates"] == 0
