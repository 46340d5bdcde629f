"""The one undo history (no Qt): undo and redo walk it; import, merge and a coder switch are barriers."""
from __future__ import annotations

import shutil

from burgerannotator.core import codebook, ops
from burgerannotator.core.coders import find_coder
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.documents import find_document
from burgerannotator.core.history import History
from burgerannotator.core.resources import demo_dir
from burgerannotator.core.segments import find_segment
from burgerannotator.core.store import Project

from test_ops import dump


def _code(history, city="Utrecht", code="MECH-BURGERBERAAD", coder=CODER_A):
    p = history.project
    op = ops.CodeSpan(find_document(p, city).uuid, codebook.find_code(p, code).uuid, find_coder(p, coder).uuid, 10, 60)
    return history.do(op).value


def test_undo_and_redo_walk_the_history(demo_project):
    h = History(demo_project)
    heard = []
    h.subscribe(lambda: heard.append((h.can_undo(), h.can_redo())))
    start = dump(demo_project)
    uuid = _code(h)
    coded = dump(demo_project)
    h.do(ops.SetSegmentMemo(uuid, "why"))
    assert (len(h), h.undo_text()) == (2, "Edit memo")
    h.undo()
    assert find_segment(demo_project, uuid).memo == ""
    assert dump(demo_project) == coded
    h.undo()
    assert dump(demo_project) == start and not h.can_undo() and h.redo_text() == "Code MECH-BURGERBERAAD"
    h.redo()
    h.redo()
    assert find_segment(demo_project, uuid).memo == "why"
    assert heard == [(True, False), (True, False), (True, True), (False, True), (True, True), (True, False)]
    assert h.undo() is not None and h.redo() is not None and h.redo() is None


def test_a_new_step_forgets_the_redo(demo_project):
    h = History(demo_project)
    _code(h)
    h.undo()
    _code(h, city="Arnhem")
    assert not h.can_redo() and len(h) == 1


def test_a_merge_is_a_barrier_so_undo_cannot_write_over_merged_work(demo_project_path, tmp_path):
    other_path = tmp_path / "other.bap"
    shutil.copyfile(demo_project_path, other_path)
    with Project.open(other_path) as other:
        theirs = _code(History(other), coder=CODER_B)
    with Project.open(demo_project_path) as project:
        h = History(project)
        uuid = _code(h, city="Arnhem")
        assert h.can_undo()
        result = h.do(ops.MergeProjects([str(other_path)], conflicts="keep-mine"))
        assert result.inverse is None and result.changes.is_bulk("segments")
        assert not h.can_undo() and not h.can_redo()
        assert h.undo() is None
        assert find_segment(project, theirs).coder.name == CODER_B
        assert find_segment(project, uuid).deleted is None


def test_an_import_is_a_barrier(demo_project, tmp_path):
    h = History(demo_project)
    _code(h)
    pdf = tmp_path / "extra.pdf"
    pdf.write_bytes(sorted(demo_dir().glob("*.pdf"))[0].read_bytes() + b"\n% changed\n")
    results = h.do(ops.ImportPdfs([str(pdf)])).value
    assert [str(r.status) for r in results] == ["imported"]
    assert not h.can_undo()


def test_a_write_that_changes_nothing_is_no_barrier(demo_project):
    h = History(demo_project)
    _code(h)
    h.do(ops.EnsureCoder(CODER_B))  # exists already
    assert h.can_undo()
    h.do(ops.EnsureCoder("Carla"))
    assert not h.can_undo()


def test_a_coder_switch_is_a_barrier(demo_project):
    h = History(demo_project)
    _code(h)
    h.barrier()
    assert not h.can_undo() and h.undo() is None


def test_a_stale_undo_is_refused_and_empties_the_history(demo_project):
    from burgerannotator.core import segments as internal

    h = History(demo_project)
    uuid = _code(h)
    h.do(ops.SetSegmentMemo(uuid, "one"))
    internal.set_memo(demo_project, find_segment(demo_project, uuid), "outside")
    try:
        h.undo()
    except ops.StaleUndo as exc:
        assert "Edit memo" in str(exc)
    else:
        raise AssertionError("a stale undo went through")
    assert not h.can_undo() and find_segment(demo_project, uuid).memo == "outside"
