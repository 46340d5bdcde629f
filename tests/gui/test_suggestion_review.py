"""The review queue, driven from the keyboard: A accept, R reject, N/Down next, P/Up previous."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from burgerannotator.core import suggestions
from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.dictionary import autocode
from burgerannotator.core.segments import find_segment, segments
from burgerannotator.gui.workspace import Workspace
from burgerannotator.gui.suggestion_review import SuggestionReview


@pytest.fixture
def review(qtbot, demo_project):
    coder = get_or_create_coder(demo_project, "Reviewer")
    codes = [find_code(demo_project, c) for c in ("MECH-UITDAAGRECHT", "MECH-BURGERBERAAD")]
    autocode(demo_project, coder, codes)  # 9 suggestions (hits)
    workspace = Workspace(demo_project, coder)
    widget = SuggestionReview()
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    with qtbot.waitSignal(widget.hit_activated):
        widget.set_workspace(workspace)
    widget.list.setFocus()
    yield widget
    workspace.close()


def key(qtbot, widget, k):
    qtbot.keyClick(widget.list, k)


def test_keys_move_through_the_queue_and_jump(qtbot, review):
    assert review.count() == 9
    assert review.list.currentRow() == 0
    first = review.current_segment()
    assert first.document.label in review.context.text()
    with qtbot.waitSignal(review.hit_activated) as blocker:
        key(qtbot, review, Qt.Key.Key_N)
    second = review.current_segment()
    assert review.list.currentRow() == 1
    assert blocker.args == [second.document.uuid, second.start, second.end]
    key(qtbot, review, Qt.Key.Key_Down)
    assert review.list.currentRow() == 2
    key(qtbot, review, Qt.Key.Key_P)
    key(qtbot, review, Qt.Key.Key_Up)
    assert review.list.currentRow() == 0
    key(qtbot, review, Qt.Key.Key_P)  # stays at the first
    assert review.list.currentRow() == 0


def test_accept_and_reject_from_the_keyboard(qtbot, review, demo_project):
    coder = review.workspace.coder
    first = review.current_segment()
    with qtbot.waitSignal(review.decided) as blocker:
        key(qtbot, review, Qt.Key.Key_A)
    assert blocker.args == [first.uuid, "coded"]
    assert find_segment(demo_project, first.uuid).status == "coded"
    assert review.count() == 8
    second = review.current_segment()
    assert second.uuid != first.uuid
    key(qtbot, review, Qt.Key.Key_R)
    assert find_segment(demo_project, second.uuid).status == "rejected"
    assert review.count() == 7 and "7 left" in review.status.text()
    assert [s.uuid for s in segments(demo_project, coder=coder)] == [first.uuid]
    # the rejected one is not suggested again
    again = autocode(demo_project, coder, [second.code])
    assert again.skipped_rejected == 1
    assert second.uuid not in {s.uuid for s in suggestions.pending(demo_project, coder)}
    # the buttons do the same
    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    assert review.count() == 6 and len(segments(demo_project, coder=coder)) == 2


def test_suggest_button_fills_the_queue(qtbot, demo_project):
    coder = get_or_create_coder(demo_project, "Fresh")
    workspace = Workspace(demo_project, coder)
    widget = SuggestionReview()
    qtbot.addWidget(widget)
    widget.set_workspace(workspace)
    assert widget.count() == 0 and not widget.accept_button.isEnabled()
    widget.unit.setCurrentText("sentence")
    qtbot.mouseClick(widget.suggest_button, Qt.MouseButton.LeftButton)
    assert widget.count() == len(suggestions.pending(demo_project, coder)) > 50
    assert "new suggestion(s)" in widget.status.text()
    seg = widget.current_segment()
    assert seg.quote.endswith((".", "!", "?")) or "\n" not in seg.quote
    workspace.close()
