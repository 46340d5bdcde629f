"""Segment counts per coder, as the window's codebook tree and document list show them."""
from __future__ import annotations

from burgerannotator.core.coders import find_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.info import coder_counts, project_info
from burgerannotator.core.segments import delete_segment, segments


def test_coder_counts_match_the_coders_live_segments(demo_project):
    a = find_coder(demo_project, "Demo coder A")
    by_code, by_document = coder_counts(demo_project, a)
    assert by_code == {"MECH-UITDAAGRECHT": 2, "MECH-BUURTRECHTEN": 1, "MECH-PARTICIPATIEKADER": 1,
                       "MECH-ZELFBEHEER": 1, "MECH-DIALOOG": 1}
    assert by_document[find_document(demo_project, "Nijmegen").uuid] == 2
    assert by_document == {uuid: n for uuid, n in by_document.items() if n}  # only coded documents
    # a deleted segment no longer counts, and the totals agree with project_info
    delete_segment(demo_project, segments(demo_project, coder=a, document=find_document(demo_project, "Nijmegen"))[0])
    by_code, by_document = coder_counts(demo_project, a)
    assert sum(by_code.values()) == sum(by_document.values()) == 5
    assert project_info(demo_project)["segments_by_coder"]["Demo coder A"]["codes"] == by_code
