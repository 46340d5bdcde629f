"""Merging coders' copies of the demo project: what comes in, re-merge, newer copies, conflicts."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from burgerannotator.cli import main as cli_main
from burgerannotator.core import codebook, importer, memos, segments
from burgerannotator.core.coders import find_coder, get_or_create_coder
from burgerannotator.core.demo import demo_pdfs
from burgerannotator.core.documents import find_document, layout
from burgerannotator.core.errors import ProjectFileError, UserError
from burgerannotator.core.merge import MergeConflictError, find_conflicts, merge_project
from burgerannotator.core.models import Code, Coder, LogEntry, Memo, Page, ScaleValue, Segment
from burgerannotator.core.scales import find_scale, scale_value, set_scale_value
from burgerannotator.core.store import Project, copy_project

QUOTE_AMS = "Buurtrechten en buurtbudgetten worden verder uitgebouwd"
QUOTE_NIJ = "Nijmegenaren krijgen het Uitdaagrecht"
QUOTE_ROT = "Wij faciliteren zelfbeheer van groen door bewoners."


def _code(project, name, code_id, quote, city, memo=""):
    coder = get_or_create_coder(project, name)
    return segments.code_quote(project, find_document(project, city), quote, codebook.find_code(project, code_id),
                               coder, memo)


@pytest.fixture
def copies(demo_project_path, tmp_path):
    """The demo project plus Anna's and Bert's copies, each coded by its own coder."""
    anna_path, bert_path = tmp_path / "anna.bap", tmp_path / "bert.bap"
    copy_project(demo_project_path, anna_path)
    copy_project(demo_project_path, bert_path)
    with Project.open(anna_path) as anna:
        _code(anna, "Anna", "MECH-BUURTRECHTEN", QUOTE_AMS, "Amsterdam", "clear case")
        _code(anna, "Anna", "MECH-UITDAAGRECHT", QUOTE_NIJ, "Nijmegen")
        a = find_coder(anna, "Anna")
        amsterdam = find_document(anna, "Amsterdam")
        memos.set_memo(anna, "document", amsterdam.uuid, a, "Read twice.")
        set_scale_value(anna, amsterdam, find_scale(anna, "DIEPGANG"), a, 2)
    with Project.open(bert_path) as bert:
        _code(bert, "Bert", "MECH-ZELFBEHEER", QUOTE_ROT, "Rotterdam")
    return demo_project_path, anna_path, bert_path


def _snapshot(project) -> dict:
    s = project.session
    s.expire_all()
    return {
        "segments": sorted((x.uuid, x.start, x.end, x.code_pk, x.coder_id, x.memo, x.status, str(x.deleted),
                            str(x.modified)) for x in s.scalars(select(Segment))),
        "coders": sorted((c.uuid, c.name) for c in s.scalars(select(Coder))),
        "codes": sorted((c.uuid, c.code_id, c.name, c.color, c.parent_id) for c in s.scalars(select(Code))),
        "memos": sorted((m.target_uuid, m.coder_id, m.text) for m in s.scalars(select(Memo))),
        "scales": sorted((v.document_id, v.coder_id, v.value) for v in s.scalars(select(ScaleValue))),
        "log": s.query(LogEntry).count(),
    }


def test_merging_two_copies_brings_coders_segments_memos_and_scales(copies):
    main, anna_path, bert_path = copies
    with Project.open(main) as project:
        before = len(segments.segments(project))
        ra = merge_project(project, anna_path)
        rb = merge_project(project, bert_path)
        assert ra.coders_added == ["Anna"] and rb.coders_added == ["Bert"]
        assert (ra.segments_added, rb.segments_added) == (2, 1)
        assert ra.documents_matched == 14 and not ra.documents_added
        assert len(ra.codes_matched["uuid"]) == len(codebook.all_codes(project)) and not ra.codes_added
        assert len(segments.segments(project)) == before + 3
        anna = find_coder(project, "Anna")
        amsterdam = find_document(project, "Amsterdam")
        assert memos.get_memo(project, "document", amsterdam.uuid, anna) == "Read twice."
        assert scale_value(project, amsterdam, find_scale(project, "DIEPGANG"), anna) == 2
        seg = segments.segments(project, coder=anna, code=codebook.find_code(project, "MECH-BUURTRECHTEN"))[0]
        assert seg.memo == "clear case" and seg.quote.startswith(QUOTE_AMS) and seg.rects
        logged = project.session.scalars(select(LogEntry).where(LogEntry.action == "merge")).all()
        assert len(logged) == 2 and "anna.bap" in logged[0].summary
        assert logged[0].details["segments_added"] == 2


def test_merging_the_same_file_twice_changes_nothing(copies):
    main, anna_path, bert_path = copies
    with Project.open(main) as project:
        merge_project(project, anna_path)
        merge_project(project, bert_path)
        snap = _snapshot(project)
        again = merge_project(project, anna_path)
        assert not again.changed and again.segments_unchanged == len(snap["segments"]) - 1
        merge_project(project, bert_path)
        assert _snapshot(project) == snap


def test_a_newer_copy_carries_the_coders_edits_and_deletions(copies):
    main, anna_path, _ = copies
    with Project.open(main) as project:
        merge_project(project, anna_path)
    with Project.open(anna_path) as anna:
        coder = find_coder(anna, "Anna")
        mine = {s.code.code_id: s for s in segments.segments(anna, coder=coder)}
        segments.delete_segment(anna, mine["MECH-UITDAAGRECHT"])
        segments.set_memo(anna, mine["MECH-BUURTRECHTEN"], "on reflection: budgets only")
        _code(anna, "Anna", "MECH-ZELFBEHEER", QUOTE_ROT, "Rotterdam")
    with Project.open(main) as project:
        report = merge_project(project, anna_path)
        assert (report.segments_added, report.segments_updated, report.segments_deleted) == (1, 1, 1)
        coder = find_coder(project, "Anna")
        live = {s.code.code_id: s for s in segments.segments(project, coder=coder)}
        assert set(live) == {"MECH-BUURTRECHTEN", "MECH-ZELFBEHEER"}
        assert live["MECH-BUURTRECHTEN"].memo == "on reflection: budgets only"
        gone = segments.segments(project, coder=coder, include_deleted=True, status=None)
        assert sum(s.deleted is not None for s in gone) == 1
        # an edit made here after Anna's is kept: nothing of this project is lost
        segments.set_memo(project, live["MECH-ZELFBEHEER"], "edited by the lead")
        report = merge_project(project, anna_path)
        assert report.segments_kept_mine == 1 and not report.changed
        assert live["MECH-ZELFBEHEER"].memo == "edited by the lead"


def test_a_codebook_conflict_is_reported_and_resolved_by_choice(copies):
    main, anna_path, _ = copies
    with Project.open(anna_path) as anna:
        code = codebook.find_code(anna, "MECH-UITDAAGRECHT")
        codebook.update_code(anna, code, name="Right to challenge", color="#123456")
        codebook.move_code(anna, codebook.find_code(anna, "MECH-DIALOOG"), codebook.find_code(anna, "TERM"))
    with Project.open(main) as project:
        snap = _snapshot(project)
        with pytest.raises(MergeConflictError) as err:
            merge_project(project, anna_path)
        fields = sorted((c.code_id, c.field) for c in err.value.conflicts)
        assert fields == [("MECH-DIALOOG", "parent"), ("MECH-UITDAAGRECHT", "color"), ("MECH-UITDAAGRECHT", "name")]
        assert _snapshot(project) == snap  # ask: nothing changed
        assert len(find_conflicts(project, anna_path)) == 3 and _snapshot(project) == snap
        report = merge_project(project, anna_path, conflicts="keep-mine")
        assert report.segments_added == 2 and codebook.find_code(project, "MECH-UITDAAGRECHT").name == "Uitdaagrecht"
        assert "keep-mine" in report.summary()
        choices = {c.key: "take-theirs" if c.field == "name" else "keep-mine" for c in report.conflicts}
        merge_project(project, anna_path, conflicts=choices)
        code = codebook.find_code(project, "MECH-UITDAAGRECHT")
        assert code.name == "Right to challenge" and code.color != "#123456"
        merge_project(project, anna_path, conflicts="take-theirs")
        assert codebook.find_code(project, "MECH-DIALOOG").parent.code_id == "TERM"
        assert codebook.find_code(project, "MECH-UITDAAGRECHT").color == "#123456"
        with pytest.raises(MergeConflictError):  # a choice missing for one conflict is not a choice
            merge_project(project, tmp_conflict(anna_path, project), conflicts={})


def tmp_conflict(anna_path, project):
    with Project.open(anna_path) as anna:
        codebook.update_code(anna, codebook.find_code(anna, "MECH-DIGITAAL"), name="Online participation")
    return anna_path


def test_documents_only_in_the_other_copy_are_copied_and_codes_match_by_id_and_name(demo_project_path, tmp_path):
    fresh = Project.create(tmp_path / "fresh.bap")
    try:
        codebook.import_codebook(fresh, codebook.load_codebook_file())  # same ids, new uuids
        importer.import_pdf(fresh, demo_pdfs()[0])
        codebook.add_code(fresh, "Wijkraad", codebook.find_code(fresh, "MECH"), code_id="MECH-WIJKRAAD-HERE")
    finally:
        fresh.close()
    with Project.open(demo_project_path) as other:
        codebook.add_code(other, "Wijkraad", codebook.find_code(other, "MECH"), code_id="MECH-WIJKRAAD")
        _code(other, "Demo coder A", "MECH-WIJKRAAD", QUOTE_ROT, "Rotterdam")
    with Project.open(tmp_path / "fresh.bap") as project:
        report = merge_project(project, demo_project_path)
        assert not report.same_project
        assert len(report.documents_added) == 13 and report.documents_matched == 1
        assert "MECH-WIJKRAAD = MECH-WIJKRAAD-HERE" in report.codes_matched["name"]
        assert "MECH-UITDAAGRECHT" in report.codes_matched["code_id"] and not report.codes_matched["uuid"]
        assert report.segments_added == 12
        rotterdam = find_document(project, "Rotterdam")
        assert rotterdam.page_count == len(project.session.scalars(
            select(Page).where(Page.document_id == rotterdam.id)).all()) > 0
        seg = segments.segments(project, document=rotterdam, code=codebook.find_code(project, "MECH-WIJKRAAD-HERE"))
        assert seg and layout(project, rotterdam).rects_for_span(seg[0].start, seg[0].end)
        from burgerannotator.core.documents import pdf_bytes
        assert pdf_bytes(project, rotterdam)[:5] == b"%PDF-"
        assert not merge_project(project, demo_project_path).changed


def test_merging_a_project_into_itself_or_a_non_project_is_refused(demo_project, tmp_path):
    with pytest.raises(UserError, match="this project itself"):
        merge_project(demo_project, demo_project.path)
    junk = tmp_path / "junk.bap"
    junk.write_text("not a database")
    with pytest.raises(ProjectFileError):
        merge_project(demo_project, junk)
    with pytest.raises(UserError, match="conflict choice"):
        merge_project(demo_project, junk, conflicts="whatever")


def test_cli_merge_asks_then_resolves(copies, capsys):
    main, anna_path, bert_path = copies
    with Project.open(bert_path) as bert:
        codebook.update_code(bert, codebook.find_code(bert, "MECH-UITDAAGRECHT"), name="R2C")
    with Project.open(main) as project:
        snap = _snapshot(project)
    assert cli_main(["merge", str(main), str(anna_path), str(bert_path)]) != 0
    out, err = capsys.readouterr()
    assert "conflict: MECH-UITDAAGRECHT renamed" in out and err.count("\n") == 1 and "nothing was merged" in err
    with Project.open(main) as project:
        assert _snapshot(project) == snap  # anna's merge was rolled back too
    assert cli_main(["merge", str(main), str(anna_path), str(bert_path), "--on-conflict", "take-theirs"]) == 0
    out, _ = capsys.readouterr()
    assert "coders added: Anna" in out and "coders added: Bert" in out
    with Project.open(main) as project:
        assert codebook.find_code(project, "MECH-UITDAAGRECHT").name == "R2C"
    assert cli_main(["copy", str(main), str(main.parent / "carla.bap"), "--coder", "Carla"]) == 0
    with Project.open(main.parent / "carla.bap") as carla:
        assert find_coder(carla, "Carla")
