"""The change contract of every operation (no Qt): ``do`` reports exactly the uuids it wrote,
``undo`` puts every row back (a dump of all tables, ``modified`` aside, equals the one before),
``redo`` makes it again."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from burgerannotator.core import codebook, ops
from burgerannotator.core.changes import Changes
from burgerannotator.core.coders import consensus_coder, find_coder
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.disagreements import disagreements
from burgerannotator.core.documents import find_document
from burgerannotator.core.models import Memo, Scale, Segment
from burgerannotator.core.scales import find_scale
from burgerannotator.core.segments import segments

SKIPPED_TABLES = ("alembic_version", "sqlite_sequence")


def dump(project) -> dict:
    """Every row of every table (FTS index aside), without the ``modified`` stamps."""
    con = project.session.connection()
    tables = [r[0] for r in con.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'document_fts%'")]
    out = {}
    for table in tables:
        if table in SKIPPED_TABLES:
            continue
        cur = con.exec_driver_sql(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cur.cursor.description]
        keep = [i for i, n in enumerate(names) if n != "modified"]
        out[table] = sorted((tuple(row[i] for i in keep) for row in cur), key=repr)
    return out


def uuid_of(project, ref_kind, ref):
    if ref_kind == "code":
        return codebook.find_code(project, ref).uuid
    if ref_kind == "document":
        return find_document(project, ref).uuid
    return find_coder(project, ref).uuid


def _seg(project, coder=CODER_A, city="Amsterdam", n=0) -> Segment:
    return segments(project, coder=find_coder(project, coder), document=find_document(project, city))[n]


def _passage(project, code_id, city):
    return next(p for p in disagreements(project) if p.code_id == code_id and p.document == city)


def _new_segment_uuids(project, before: set[str]) -> frozenset[str]:
    return frozenset(project.session.scalars(select(Segment.uuid)).all()) - before


# Each case: (name, make(project) -> (op, expected Changes or a function of the result)).
def case_code_span(p):
    doc = find_document(p, "Utrecht")
    op = ops.CodeSpan(doc.uuid, uuid_of(p, "code", "MECH-BURGERBERAAD"), uuid_of(p, "coder", CODER_A), 10, 60)
    return op, lambda r: Changes(segments=frozenset([r.value]))


def case_code_quote(p):
    op = ops.CodeQuote(uuid_of(p, "document", "Arnhem"), "Wij faciliteren zoveel mogelijk burgerinitiatieven.",
                       uuid_of(p, "code", "TERM-BURGERINITIATIEF"), uuid_of(p, "coder", CODER_A), memo="m")
    return op, lambda r: Changes(segments=frozenset([r.value]))


def case_recode(p):
    seg = _seg(p)
    return ops.Recode(seg.uuid, uuid_of(p, "code", "MECH-DIALOOG")), Changes(segments=frozenset([seg.uuid]))


def case_resize(p):
    seg = _seg(p)
    return ops.Resize(seg.uuid, seg.start, seg.end + 40), Changes(segments=frozenset([seg.uuid]))


def case_segment_memo(p):
    seg = _seg(p)
    return ops.SetSegmentMemo(seg.uuid, "A new memo"), Changes(segments=frozenset([seg.uuid]))


def case_delete_segment(p):
    seg = _seg(p)
    return ops.DeleteSegment(seg.uuid), Changes(segments=frozenset([seg.uuid]))


def case_add_code(p):
    parent = codebook.find_code(p, "MECH")
    return ops.AddCode("Wijkraad", parent.uuid), lambda r: Changes(codes=frozenset([r.value]), codebook=True)


def case_rename_code(p):
    code = codebook.find_code(p, "MECH-DIALOOG")
    return ops.UpdateCode(code.uuid, {"name": "Gesprek"}), Changes(codes=frozenset([code.uuid]), codebook=True)


def case_recolour_code(p):
    code = codebook.find_code(p, "MECH-DIALOOG")
    return ops.UpdateCode(code.uuid, {"color": "#123456"}), Changes(codes=frozenset([code.uuid]), codebook=True)


def case_pin_code_taking_a_key(p):
    first, second = codebook.find_code(p, "MECH-DIALOOG"), codebook.find_code(p, "MECH-BURGERBERAAD")
    codebook.update_code(p, first, pinned_key=4)
    return ops.PinCode(second.uuid, 4), Changes(codes=frozenset([first.uuid, second.uuid]), codebook=True)


def case_move_code(p):
    code, parent = codebook.find_code(p, "MECH-BURGERBERAAD"), codebook.find_code(p, "TERM")
    old_siblings = [c.uuid for c in codebook.all_codes(p) if c.parent_id == code.parent_id]
    new_siblings = [c.uuid for c in codebook.all_codes(p) if c.parent_id == parent.id]
    # positions are renumbered among the new siblings; the old ones keep theirs
    touched = {code.uuid} | set(new_siblings[1:])
    del old_siblings
    return ops.MoveCode(code.uuid, parent.uuid, 1), Changes(codes=frozenset(touched), codebook=True)


def case_merge_codes(p):
    src, dst = codebook.find_code(p, "MECH-UITDAAGRECHT"), codebook.find_code(p, "MECH-DIALOOG")
    moved = {s.uuid for s in p.session.scalars(select(Segment).where(Segment.code_pk == src.id))}
    assert len(moved) == 3
    return ops.MergeCodes(src.uuid, dst.uuid), Changes(segments=frozenset(moved), codes=frozenset([src.uuid]),
                                                      codebook=True)


def case_delete_code_with_segments(p):
    code = codebook.find_code(p, "MECH-BUURTRECHTEN")
    segs = {s.uuid for s in p.session.scalars(select(Segment).where(Segment.code_pk == code.id))}
    assert len(segs) == 2
    return ops.DeleteCode(code.uuid, "delete"), Changes(segments=frozenset(segs), codes=frozenset([code.uuid]),
                                                       codebook=True)


def case_attributes(p):
    doc = find_document(p, "Utrecht")
    return ops.SetAttributes(doc.uuid, {"rank": 7, "city": ""}), Changes(documents=frozenset([doc.uuid]))


def case_scale_value_new(p):
    doc, scale = find_document(p, "Utrecht"), find_scale(p, "DIEPGANG")
    return ops.SetScaleValue(doc.uuid, scale.uuid, uuid_of(p, "coder", CODER_A), 2), Changes(scales=True)


def case_scale_value_changed(p):
    doc, scale = find_document(p, "Nijmegen"), find_scale(p, "DIEPGANG")
    return ops.SetScaleValue(doc.uuid, scale.uuid, uuid_of(p, "coder", CODER_A), 1), Changes(scales=True)


def case_document_memo(p):
    doc = find_document(p, "Utrecht")
    return ops.SetMemo("document", doc.uuid, uuid_of(p, "coder", CODER_A), "Read again"), Changes(memos=True)


def case_project_memo(p):
    return ops.SetMemo("project", p.info.uuid, uuid_of(p, "coder", CODER_B), "Plan"), Changes(memos=True)


def case_accept_coder(p):
    consensus_coder(p)  # exists already: the decision writes segments only
    passage = _passage(p, "MECH-PARTICIPATIEKADER", "Amsterdam")
    return ops.AcceptCoder(passage, uuid_of(p, "coder", CODER_A), uuid_of(p, "coder", CODER_B)), \
        lambda r: Changes(segments=frozenset(r.value))


def case_accept_all_first_decision_makes_the_consensus_coder(p):
    passage = _passage(p, "MECH-UITDAAGRECHT", "Haarlem")

    def expected(r):
        return Changes(segments=frozenset(r.value), coders=frozenset([consensus_coder(p).uuid]))
    return ops.AcceptAll(passage, uuid_of(p, "coder", CODER_A)), expected


def case_accept_span(p):
    consensus_coder(p)
    passage = _passage(p, "MECH-DIALOOG", "Nijmegen")
    return ops.AcceptSpan(passage, passage.start, passage.end - 5, uuid_of(p, "coder", CODER_B)), \
        lambda r: Changes(segments=frozenset([r.value]))


def case_reject_passage(p):
    consensus_coder(p)
    passage = _passage(p, "TERM-BURGERINITIATIEF", "Arnhem")
    return ops.RejectPassage(passage, uuid_of(p, "coder", CODER_A)), lambda r: Changes(segments=frozenset([r.value]))


def case_accept_agreed(p):
    consensus_coder(p)
    before = set(p.session.scalars(select(Segment.uuid)).all())
    return ops.AcceptAgreed(uuid_of(p, "coder", CODER_A)), \
        lambda r: Changes(segments=_new_segment_uuids(p, before))


def case_autocode_suggests(p):
    before = set(p.session.scalars(select(Segment.uuid)).all())
    code = codebook.find_code(p, "MECH-BURGERBERAAD")
    return ops.Autocode(uuid_of(p, "coder", CODER_A), [code.uuid]), \
        lambda r: Changes(segments=_new_segment_uuids(p, before))


def case_accept_suggestion(p):
    from burgerannotator.core.dictionary import autocode

    code = codebook.find_code(p, "MECH-BURGERBERAAD")
    autocode(p, find_coder(p, CODER_A), [code])
    seg = p.session.scalars(select(Segment).where(Segment.status == "suggested")).first()
    return ops.DecideSuggestion(seg.uuid, "coded", uuid_of(p, "coder", CODER_A)), Changes(segments=frozenset([seg.uuid]))


def case_reject_suggestion(p):
    from burgerannotator.core.dictionary import autocode

    code = codebook.find_code(p, "MECH-BURGERBERAAD")
    autocode(p, find_coder(p, CODER_A), [code])
    seg = p.session.scalars(select(Segment).where(Segment.status == "suggested")).first()
    return ops.DecideSuggestion(seg.uuid, "rejected"), Changes(segments=frozenset([seg.uuid]))


def case_rename_coder(p):
    coder = find_coder(p, CODER_B)
    return ops.RenameCoder(coder.uuid, "Bea"), Changes(coders=frozenset([coder.uuid]))


CASES = [v for k, v in sorted(globals().items()) if k.startswith("case_")]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__[5:] for c in CASES])
def test_do_reports_what_it_wrote_and_undo_restores_every_row(demo_project, case):
    op, expected = case(demo_project)
    before = dump(demo_project)
    result = ops.run(demo_project, op)
    want = expected(result) if callable(expected) else expected
    assert result.changes == want
    assert demo_project.last_changes == want  # what the listeners heard
    assert result.inverse is not None
    after = dump(demo_project)
    assert after != before

    undone = ops.run(demo_project, result.inverse)
    assert dump(demo_project) == before
    assert undone.changes.kinds() == want.kinds()

    ops.run(demo_project, undone.inverse)  # redo
    assert dump(demo_project) == after


def test_an_operation_that_changes_nothing_has_no_inverse(demo_project):
    seg = _seg(demo_project)
    result = ops.run(demo_project, ops.SetSegmentMemo(seg.uuid, seg.memo))
    assert result.changes == Changes() and result.inverse is None


def test_a_failing_operation_writes_nothing(demo_project):
    from burgerannotator.core.errors import UserError

    before = dump(demo_project)
    code = codebook.find_code(demo_project, "MECH-BUURTRECHTEN")
    with pytest.raises(UserError, match="has 2 segment"):
        ops.run(demo_project, ops.DeleteCode(code.uuid))
    with pytest.raises(UserError, match="only change your own"):
        ops.run(demo_project, ops.DeleteSegment(_seg(demo_project).uuid, by=uuid_of(demo_project, "coder", CODER_B)))
    assert dump(demo_project) == before


def test_undo_refuses_to_write_over_a_row_changed_since(demo_project):
    from burgerannotator.core import segments as internal

    seg = _seg(demo_project)
    result = ops.run(demo_project, ops.SetSegmentMemo(seg.uuid, "mine"))
    internal.set_memo(demo_project, seg, "written by something outside the history")
    with pytest.raises(ops.StaleUndo, match="Edit memo"):
        ops.run(demo_project, result.inverse)
    assert seg.memo == "written by something outside the history"


def test_scale_and_memo_rows_made_by_an_operation_are_removed_by_its_undo(demo_project):
    doc = find_document(demo_project, "Utrecht")
    coder = uuid_of(demo_project, "coder", CODER_A)
    n_memos = len(demo_project.session.scalars(select(Memo)).all())
    result = ops.run(demo_project, ops.SetMemo("document", doc.uuid, coder, "x"))
    assert len(demo_project.session.scalars(select(Memo)).all()) == n_memos + 1
    ops.run(demo_project, result.inverse)
    assert len(demo_project.session.scalars(select(Memo)).all()) == n_memos
    assert demo_project.session.scalars(select(Scale)).first().scale_id == "DIEPGANG"
