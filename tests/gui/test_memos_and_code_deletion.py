"""Memos on documents and codes, and deleting a code that has segments, from the window:
each is stored at once and undoable."""
from __future__ import annotations

from burgerannotator.core.codebook import all_codes, find_code
from burgerannotator.core.memos import get_memo
from burgerannotator.core.segments import code_quote, segments


def test_document_and_code_memos_are_stored_and_undoable(open_window):
    window = open_window("Memo writer")
    s = window.workspace
    haarlem = next(d for d in s.documents() if d.city == "Haarlem")
    window.show_document(haarlem.uuid)
    window.memo_actions.set("document", haarlem.uuid, "Burgerberaad on city-wide themes only.")
    code = find_code(s.project, "MECH-BURGERBERAAD")
    window.memo_actions.set("code", code.uuid, "Lot is the criterion.")
    assert get_memo(s.project, "document", haarlem.uuid, s.coder) == "Burgerberaad on city-wide themes only."
    assert get_memo(s.project, "code", code.uuid, s.coder) == "Lot is the criterion."
    window.workspace.undo()
    assert get_memo(s.project, "code", code.uuid, s.coder) == ""
    window.workspace.undo()
    assert get_memo(s.project, "document", haarlem.uuid, s.coder) == ""
    window.workspace.redo()
    assert get_memo(s.project, "document", haarlem.uuid, s.coder) == "Burgerberaad on city-wide themes only."
    # another coder has their own memo on the same document
    window.switch_coder("Second coder")
    assert get_memo(s.project, "document", haarlem.uuid, s.coder) == ""


def test_deleting_a_code_with_segments_moves_or_deletes_them_and_undo_restores(open_window):
    window = open_window("Deleter")
    project = window.workspace.project
    haarlem = next(d for d in window.workspace.documents() if d.city == "Haarlem")
    platform, rights = find_code(project, "MECH-WIJKPLATFORM"), find_code(project, "MECH-BUURTRECHTEN")
    seg = code_quote(project, haarlem, "om tot wijkplatforms", platform, window.workspace.coder)
    window.codebook_editor.delete_now(platform, "move", rights)
    assert platform not in all_codes(project)
    assert seg.uuid in {x.uuid for x in segments(project, code=rights)}
    window.workspace.undo()
    assert platform in all_codes(project)
    assert [x.uuid for x in segments(project, code=platform)] == [seg.uuid]
    window.codebook_editor.delete_now(platform, "delete")
    assert segments(project, code=platform) == [] and platform not in all_codes(project)
    window.workspace.undo()
    assert [x.uuid for x in segments(project, code=platform)] == [seg.uuid]
