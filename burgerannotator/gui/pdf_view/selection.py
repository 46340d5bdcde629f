"""Selecting text the way a PDF reader does, and picking segments, with the mouse.

Drag over words (snapped to whole words; across lines, columns and pages); double-click
selects a word; shift-click extends the selection. A click on a highlight selects that
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
