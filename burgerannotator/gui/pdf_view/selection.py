"""Selecting text the way a PDF reader does, and picking segments, with the mouse or keys.

Drag over words (snapped to whole words; across lines, columns and pages); double-click
selects a word; shift-click extends the selection. From the keyboard: Shift+Right/Left
extend the selection by a word, Shift+Down/Up by a line (with no selection they start at
the first word of the page in view, or at the find bar's hit); Escape clears it. A click on a highlight selects that
segment; dragging the handles of a selected segment of one's own moves its boundaries.
Mixed into ``PdfView``; all positions go through the document layout (``core.anchoring``).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtWidgets import QToolTip

from burgerannotator.core.anchoring import Span

from .overlay import handle_at

DRAG_START = 3  # pixels before a press becomes a drag
AUTOSCROLL_EDGE = 24


class SelectionMixin:
    def init_selection(self) -> None:
        self._anchor_word: int | None = None
        self._active_word: int | None = None
        self._press: tuple | None = None        # (page, x, y, viewport QPoint)
        self._dragging = False
        self._handle: str | None = None         # 'start' | 'end' while a boundary is dragged
        self._handle_span: Span | None = None

    # ---- the selection -------------------------------------------------------------------
    def selection_span(self) -> Span | None:
        if self._anchor_word is None or self._active_word is None or self.layout_ is None:
            return None
        return self.layout_.span_of_words(self._anchor_word, self._active_word)

    def _set_words(self, anchor: int | None, active: int | None, emit: bool = True) -> None:
        self._anchor_word, self._active_word = anchor, active
        span = self.selection_span()
        self._show_span_rects(span)
        if emit:
            self.selectionChanged.emit(span)

    def _show_span_rects(self, span: Span | None) -> None:
        rects: dict[int, list[QRectF]] = {}
        if span is not None and self.layout_ is not None:
            for page, rs in self.layout_.rects_for_span(span.start, span.end).items():
                rects[page] = [QRectF(r[0], r[1], r[2] - r[0], r[3] - r[1]) for r in rs]
        self.overlay.selection = rects
        self.viewport().update()

    def select_span(self, start: int, end: int) -> None:
        lay = self.layout_
        if lay is None:
            return
        first, last = lay.words_in_span(start, end)
        if first < last:
            self._set_words(first, last - 1)

    def clear_selection(self, emit: bool = True) -> None:
        self._set_words(None, None, emit)

    # ---- keyboard ------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        steps = {Qt.Key.Key_Right: ("word", 1), Qt.Key.Key_Left: ("word", -1),
                 Qt.Key.Key_Down: ("line", 1), Qt.Key.Key_Up: ("line", -1)}
        if self.layout_ is not None and key in steps and mods == Qt.KeyboardModifier.ShiftModifier:
            self.extend_selection(*steps[key])
            event.accept()
            return
        if key == Qt.Key.Key_Escape and self.selection_span() is not None:
            self.clear_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def extend_selection(self, unit: str, step: int) -> None:
        """Move the selection's free end by a word or a line (keyboard selection)."""
        lay = self.layout_
        count = len(lay.boxes)
        if count == 0:
            return
        if self._anchor_word is None or self._active_word is None:
            lo, hi = lay.page_word_range(self.current_page())
            start = lo if lo < hi else 0
            self._set_words(start, start)
        else:
            active = self._active_word
            target = active + step if unit == "word" else self._word_on_next_line(active, step)
            self._set_words(self._anchor_word, max(0, min(count - 1, target)))
        self._reveal_word(self._active_word)

    def _word_on_next_line(self, word: int, step: int) -> int:
        """The word on the line below (step 1) or above (-1) closest to ``word`` horizontally."""
        lay = self.layout_
        b = lay.boxes
        x = (float(b[word, 0]) + float(b[word, 2])) / 2
        page, top, bottom = int(lay.page_of[word]), float(b[word, 1]), float(b[word, 3])
        i = word
        while 0 <= i + step < len(b):  # walk to the first word of the neighbouring line
            i += step
            if int(lay.page_of[i]) != page or (float(b[i, 1]) >= bottom - 1 if step > 0 else float(b[i, 3]) <= top + 1):
                break
        else:
            return i
        line_page, line_top, line_bottom = int(lay.page_of[i]), float(b[i, 1]), float(b[i, 3])
        best, best_dx = i, abs((float(b[i, 0]) + float(b[i, 2])) / 2 - x)
        j = i
        while 0 <= j + step < len(b):
            j += step
            same_line = int(lay.page_of[j]) == line_page and float(b[j, 1]) < line_bottom and float(b[j, 3]) > line_top
            if not same_line:
                break
            dx = abs((float(b[j, 0]) + float(b[j, 2])) / 2 - x)
            if dx < best_dx:
                best, best_dx = j, dx
        return best

    def _reveal_word(self, word: int | None) -> None:
        if word is None:
            return
        b = self.layout_.boxes[word]
        page = int(self.layout_.page_of[word])
        rect = QRectF(float(b[0]), float(b[1]), float(b[2] - b[0]), float(b[3] - b[1]))
        item = self.items[page] if 0 <= page < len(self.items) else None
        if item is not None:
            z = self.zoom
            self.ensureVisible(QRectF(item.pos().x() + rect.x() * z, item.pos().y() + rect.y() * z,
                                      rect.width() * z, rect.height() * z), 20, 40)

    # ---- mouse ---------------------------------------------------------------------------
    def _hit(self, pos: QPoint):
        return self.page_at(self.mapToScene(pos))

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.layout_ is None:
            super().mousePressEvent(event)
            return
        self.setFocus()
        pos = event.position().toPoint()
        hit = self._hit(pos)
        if hit is None:
            return
        page, x, y = hit
        self._dragging = False
        if self.wants_area(event):  # Ctrl+drag or the Area tool: draw a rectangle (area_tool.py)
            self.area_press(page, x, y)
            return
        self.clear_area()
        handle = handle_at(self.overlay, page, x, y, self.zoom)
        if handle:
            mark = self.overlay.marks[self.overlay.selected]
            self._handle, self._handle_span = handle, Span(mark.start, mark.end)
            self._press = (page, x, y, pos)
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self._anchor_word is not None:
            word = self.layout_.word_at(page, x, y)
            if word is not None:
                self._set_words(self._anchor_word, word)
            self._press = None
            return
        self._press = (page, x, y, pos)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position().toPoint()
        if self._area_press is not None:
            self._autoscroll(pos)
            self.area_move(pos)
            return
        if self._press is None or self.layout_ is None:
            super().mouseMoveEvent(event)
            return
        if not self._dragging and (pos - self._press[3]).manhattanLength() < DRAG_START:
            return
        self._dragging = True
        self._autoscroll(pos)
        hit = self._hit(pos)
        if hit is None:
            return
        page, x, y = hit
        lay = self.layout_
        word = lay.word_at(page, x, y)
        if word is None:
            return
        if self._handle:
            span = self._handle_span
            ws = lay.span_of_words(word, word)
            start, end = (min(ws.start, span.end - 1), span.end) if self._handle == "start" \
                else (span.start, max(ws.end, span.start + 1))
            self._show_span_rects(lay.snap(start, end))
            return
        anchor = lay.word_at(self._press[0], self._press[1], self._press[2])
        if anchor is not None:
            self._set_words(anchor, word)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._area_press is not None:
            self.area_release(event.position().toPoint())
            return
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        press, self._press = self._press, None
        if self._handle:
            handle, self._handle = self._handle, None
            if self._dragging:
                self._finish_handle_drag(handle, event.position().toPoint())
            return
        if self._dragging:
            return
        marks = self.overlay.marks_at(press[0], press[1], press[2])
        if marks:
            # the innermost (shortest) segment under the pointer
            mark = min(marks, key=lambda m: m.end - m.start)  # ties: the first in text order
            self.clear_selection()
            self.set_selected_segment(mark.uuid)
            self.segmentClicked.emit(mark.uuid)
        else:
            self.clear_selection()
            if self.overlay.selected is not None:
                self.set_selected_segment(None)
                self.segmentClicked.emit(None)

    def _finish_handle_drag(self, handle: str, pos: QPoint) -> None:
        self.overlay.selection = {}
        hit = self._hit(pos)
        span = self._handle_span
        word = self.layout_.word_at(hit[0], hit[1], hit[2]) if hit else None
        if word is None or span is None:
            self.viewport().update()
            return
        ws = self.layout_.span_of_words(word, word)
        start, end = (ws.start, span.end) if handle == "start" else (span.start, ws.end)
        if end > start:
            self.boundsChanged.emit(self.overlay.selected, start, end)
        self.viewport().update()

    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.layout_ is None:
            return
        hit = self._hit(event.position().toPoint())
        if hit is None:
            return
        word = self.layout_.word_at(hit[0], hit[1], hit[2], nearest=False)
        if word is not None:
            self._set_words(word, word)
        self._press = None

    def contextMenuEvent(self, event) -> None:
        hit = self._hit(event.pos())
        uuid = None
        if hit is not None and self.selection_span() is None:
            marks = self.overlay.marks_at(*hit)
            if marks:
                mark = min(marks, key=lambda m: m.end - m.start)  # ties: the first in text order
                self.set_selected_segment(mark.uuid)
                uuid = mark.uuid
        self.contextRequested.emit(event.globalPos(), uuid)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self._hit(event.pos())
            marks = self.overlay.marks_at(*hit) if hit else []
            if marks:
                QToolTip.showText(event.globalPos(), "\n\n".join(m.tooltip for m in marks[:4]), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _autoscroll(self, pos: QPoint) -> None:
        bar = self.verticalScrollBar()
        if pos.y() < AUTOSCROLL_EDGE:
            bar.setValue(bar.value() - 20)
        elif pos.y() > self.viewport().height() - AUTOSCROLL_EDGE:
            bar.setValue(bar.value() + 20)
