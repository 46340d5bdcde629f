"""Ctrl+F: find text in the current document; every hit is highlighted, Enter goes to the next."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from burgerannotator.core.anchoring import quote_pattern

MAX_HITS = 5000


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive hits of ``needle`` in ``text``, tolerant of line breaks and hyphenation."""
    try:
        pattern = quote_pattern(needle, re.IGNORECASE)
    except ValueError:
        return []
    hits = []
    for m in pattern.finditer(text):
        hits.append((m.start(), m.end()))
        if len(hits) >= MAX_HITS:
            break
    return hits


class FindBar(QWidget):
    """Emits the hits and which one is current; the document pane draws and scrolls."""

    hitsChanged = Signal(list, int)   # [(start, end)], current index (-1: none)
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self.last_hit: tuple[int, int] | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel(self.tr("Find:")))
        self.edit = QLineEdit(placeholderText=self.tr("text in this document (Enter: next, Shift+Enter: previous)"))
        self.edit.setAccessibleName(self.tr("Find in this document"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.next)
        row.addWidget(self.edit, 1)
        self.count = QLabel("")
        row.addWidget(self.count)
        for text, tip, slot in (("▲", self.tr("Previous hit (Shift+Enter)"), self.previous),
                                ("▼", self.tr("Next hit (Enter)"), self.next), ("✕", self.tr("Close (Esc)"), self.close_bar)):
            b = QToolButton(text=text, toolTip=tip, autoRaise=True)
            b.setAccessibleName(tip.split(" (")[0])  # what the arrow does, without its key
            b.clicked.connect(slot)
            row.addWidget(b)
        self.hide()

    def set_text(self, text: str) -> None:
        """The document text searched (called when the document changes)."""
        self.text = text
        if self.isVisible():
            self._search(self.edit.text())

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        if self.edit.text():
            self._search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        # the hit in view when the bar closes becomes the selection (coding by keyboard: find, Esc, key)
        self.last_hit = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        self.hits, self.current = [], -1
        self.hitsChanged.emit([], -1)
        self.closed.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previous()
        else:
            super().keyPressEvent(event)

    def _search(self, needle: str) -> None:
        self.hits = find_all(self.text, needle) if needle.strip() else []
        self.current = 0 if self.hits else -1
        self._announce()

    def next(self) -> None:
        if self.hits:
            self.current = (self.current + 1) % len(self.hits)
            self._announce()

    def previous(self) -> None:
        if self.hits:
            self.current = (self.current - 1) % len(self.hits)
            self._announce()

    def _announce(self) -> None:
        if self.edit.text().strip():
            self.count.setText(f"{self.current + 1} of {len(self.hits)}" if self.hits else "no hits")
        else:
            self.count.setText("")
        self.hitsChanged.emit(self.hits, self.current)
