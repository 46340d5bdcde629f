"""Issue 11: a whole coding session by keyboard alone: open a document from the list, go to
a printed page, find a passage and select words with Shift+arrows, apply a code by its
key, write a memo, walk to the next and previous segment. No mouse event is sent."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication

from gui_helpers import SENTENCE, live_segments
from test_coding import _key_for

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _focused():
    return QApplication.focusWidget()


def _type_in_dialog_later(text: str, seen: list):
    """Type ``text`` into the memo dialog once it shows, Tab to its Save button, Space."""
    from PySide6.QtTest import QTest

    from burgerannotator.gui.memo_dialog import MemoDialog

    def attempt():
        dialogs = [d for d in QApplication.topLevelWidgets() if isinstance(d, MemoDialog) and d.isVisible()]
        if not dialogs or QApplication.focusWidget() is not dialogs[0].editor:
            QTimer.singleShot(20, attempt)
            return
        seen.append(dialogs[0].label.text())
        QTest.keyClicks(QApplication.focusWidget(), text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # Tab leaves the text box
        seen.append(QApplication.focusWidget().text())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    QTimer.singleShot(0, attempt)


def test_a_coding_session_by_keyboard_alone(qtbot, open_window, demo_project_path):
    w = open_window("Tester")
    key = _key_for(w, "MECH-BURGERBERAAD")
    # 1. the documents list (Alt+1), down to Haarlem: it opens
    qtbot.keyClick(w, Qt.Key.Key_1, ALT)
    table = w.documents.table
    assert _focused() is table
    while w.workspace.document.city != "Haarlem":
        before = table.currentIndex().row()
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert table.currentIndex().row() == before + 1
    # 2. go to printed page 15 (Ctrl+G)
    qtbot.keyClick(_focused(), Qt.Key.Key_G, CTRL)
    assert _focused() is w.pane.page_edit
    qtbot.keyClicks(w.pane.page_edit, "15")
    qtbot.keyClick(w.pane.page_edit, Qt.Key.Key_Return)
    assert w.pane.view.current_page() == 16
    # 3. find the passage's first words (Ctrl+F), Esc: they are selected; Shift+Right extends
    view = w.pane.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    assert _focused() is w.pane.find_bar.edit
    qtbot.keyClicks(w.pane.find_bar.edit, "Voor thema")
    qtbot.keyClick(w.pane.find_bar.edit, Qt.Key.Key_Escape)
    assert _focused() is view
    doc = w.workspace.document
    words = SENTENCE.split()
    span = view.selection_span()
    assert doc.text[span.start:span.end] == "Voor thema's"

    def selected():
        span = view.selection_span()
        return " ".join(doc.text[span.start:span.end].replace("-\n", "").split())

    presses = 0
    while selected() != SENTENCE and presses < 2 * len(words):  # word by word, as a user watches it grow
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
        presses += 1
    assert selected() == SENTENCE
    assert len(words) - 2 <= presses <= len(words)  # (a hyphenated word has a box per part)
    qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)  # one word back, and forth again
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    # 4. apply the code by its key
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{key}"))
    [seg] = live_segments(demo_project_path, coder="Tester")
    assert seg["code"] == "MECH-BURGERBERAAD" and seg["quote"] == SENTENCE and seg["page"] == "15"
    assert w.coding_actions.selected_uuid == seg["uuid"]
    # 5. a memo on it (Ctrl+M), typed and confirmed by keys
    seen: list = []
    _type_in_dialog_later("lot van bewoners", seen)
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL)
    assert seen == ["Memo on Burgerberaad:", "Save"]
    assert live_segments(demo_project_path, coder="Tester")[0]["memo"] == "lot van bewoners"
    # 6. a second segment, a line down with Shift+Down, then walk the segments with F8 / Shift+F8
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(w.pane.find_bar.edit, "Een gelote groep")
    qtbot.keyClick(w.pane.find_bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{_key_for(w, 'THEMA-WIJK')}"))
    rows = sorted(live_segments(demo_project_path, coder="Tester"), key=lambda r: r["quote"])
    assert [r["code"] for r in rows] == ["THEMA-WIJK", "MECH-BURGERBERAAD"]
    second = next(r["uuid"] for r in rows if r["code"] == "THEMA-WIJK")
    first = next(r["uuid"] for r in rows if r["code"] == "MECH-BURGERBERAAD")
    assert w.coding_actions.selected_uuid == second
    qtbot.keyClick(view, Qt.Key.Key_F8, SHIFT)
    assert w.coding_actions.selected_uuid == first
    qtbot.keyClick(_focused(), Qt.Key.Key_F8)
    assert w.coding_actions.selected_uuid == second
    qtbot.keyClick(_focused(), Qt.Key.Key_F8)  # none after the last: said, selection kept
    assert w.coding_actions.selected_uuid == second
    assert w.statusBar().currentMessage() == "No next segment in this document."


def test_shift_down_extends_by_a_line(qtbot, open_window):
    w = open_window("Tester")
    w.pane.go_to_label("15")
    view = w.pane.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)  # no selection: the page's first word
    lay = view.layout_
    first = view.selection_span()
    lo, _hi = lay.page_word_range(view.current_page())
    assert first == lay.span_of_words(lo, lo)
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    span = view.selection_span()
    last_word = lay.words_in_span(span.start, span.end)[1] - 1
    assert float(lay.boxes[last_word][1]) >= float(lay.boxes[lo][3]) - 1  # on the next line
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selection_span() is None
