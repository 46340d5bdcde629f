"""The review queue of the dictionary's suggestions, driven from the keyboard.

A accepts the current suggestion (it becomes an ordinary coding), R rejects it (the
dictionary will not suggest it again), N or Down goes to the next, P or Up to the
previous. The suggestion is shown in its context, and each move emits
``hit_activated(document_uuid, start, end)`` so the window shows it on its page.
"Suggest" runs the dictionary for the current coder (matched words or whole sentences).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burgerannotator.core import suggestions
from burgerannotator.core.dictionary import UNITS
from burgerannotator.core.ops import Autocode, DecideSuggestion
from burgerannotator.core.documents import page_label
from burgerannotator.core.errors import UserError
from burgerannotator.core.search import context_of

from .follow import LazyRefresh, add_show_action, follow_workspace

UUID_ROLE = Qt.ItemDataRole.UserRole + 1

UNIT_NAMES = [QT_TRANSLATE_NOOP("Units", "hit"), QT_TRANSLATE_NOOP("Units", "sentence")]  # for pyside6-lupdate


class SuggestionReview(QWidget):
    hit_activated = Signal(str, int, int)   # document uuid, start, end
    decided = Signal(str, str)              # segment uuid, 'coded' | 'rejected'

    def __init__(self, parent=None):
        super().__init__(parent)
        self.workspace = None
        self._segments: dict[str, object] = {}
        self._announced: str | None = None  # the suggestion last sent with hit_activated
        self.refresher = LazyRefresh(self, self.refresh, 0)
        self.unit = QComboBox()
        self.unit.setAccessibleName(self.tr("Suggest"))
        for unit in UNITS:  # shown in the user's language; the core's name is the item's data
            self.unit.addItem(QCoreApplication.translate("Units", unit), unit)
        self.unit.setToolTip(self.tr("Suggest the matched words (hit) or the sentence around them"))
        self.suggest_button = QPushButton(self.tr("Suggest from dictionary"))
        self.suggest_button.clicked.connect(self.run_dictionary)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Suggestions"))
        self.list.currentItemChanged.connect(self._current_changed)
        self.context = QLabel("")
        self.context.setWordWrap(True)
        self.context.setTextFormat(Qt.TextFormat.RichText)
        self.context.setMinimumHeight(60)
        self.accept_button = QPushButton(self.tr("Accept (A)"))
        self.reject_button = QPushButton(self.tr("Reject (R)"))
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        top = QHBoxLayout()
        top.addWidget(self.unit)
        top.addWidget(self.suggest_button, 1)
        decide = QHBoxLayout()
        decide.addWidget(self.accept_button)
        decide.addWidget(self.reject_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(top)
        box.addWidget(self.status)
        box.addWidget(self.list, 1)
        box.addWidget(self.context)
        box.addLayout(decide)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((("A",), self.accept_current), (("R",), self.reject_current),
                           (("N",), self.next), (("P",), self.previous)):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot, context=within)
        self._update()

    # ---- wiring --------------------------------------------------------------------------------
    def set_workspace(self, workspace) -> None:
        self.workspace = workspace
        if workspace is not None:
            workspace.listen(self, ("segments",), self._changed)
            workspace.coderChanged.connect(lambda _c: self.refresher.schedule(now=True))
        self.refresher.schedule(now=True)

    def _changed(self, _changes, initiator) -> None:
        if initiator is not self:  # its own decisions it has shown already
            self.refresher.schedule(now=True)

    # ---- the queue --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the coder's pending suggestions, keeping the current one (or its place)."""
        current_uuid = self.current_uuid()
        row = max(self.list.currentRow(), 0)
        self.list.blockSignals(True)
        self.list.clear()
        self._segments = {}
        pending = suggestions.pending(self.workspace.project, self.workspace.coder) if self.workspace else []
        for seg in pending:
            self._segments[seg.uuid] = seg
            item = QListWidgetItem(f"{seg.code.code_id} · {seg.document.label} p. "
                                   f"{page_label(seg.document, seg.page_first)} · {seg.quote[:80]}")
            item.setData(UUID_ROLE, seg.uuid)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if pending:
            uuids = [s.uuid for s in pending]
            self.list.setCurrentRow(uuids.index(current_uuid) if current_uuid in uuids else min(row, len(pending) - 1))
        else:
            self._show(None)
        self._update()

    def count(self) -> int:
        return self.list.count()

    def current_uuid(self) -> str | None:
        item = self.list.currentItem()
        return item.data(UUID_ROLE) if item is not None else None

    def current_segment(self):
        uuid = self.current_uuid()
        return self._segments.get(uuid) if uuid else None

    def next(self) -> None:
        if self.list.currentRow() < self.list.count() - 1:
            self.list.setCurrentRow(self.list.currentRow() + 1)

    def previous(self) -> None:
        if self.list.currentRow() > 0:
            self.list.setCurrentRow(self.list.currentRow() - 1)

    def _current_changed(self, current, _previous) -> None:
        seg = self._segments.get(current.data(UUID_ROLE)) if current is not None else None
        self._show(seg)
        if seg is not None and seg.uuid != self._announced:  # a refresh that keeps the place does not jump
            self._announced = seg.uuid
            self.hit_activated.emit(seg.document.uuid, seg.start, seg.end)
        self._update()

    def _show(self, seg) -> None:
        if seg is None:
            self.context.setText("")
            return
        before, match, after = context_of(seg.document.text, seg.start, seg.end, width=160)
        self.context.setText(self.tr("<b>{code}</b> — {document}, p. {page}").format(
            code=html.escape(seg.code.name), document=html.escape(seg.document.label),
            page=html.escape(page_label(seg.document, seg.page_first)))
            + f"<br>{html.escape(before)}<span style='background:#ffe680'><b>{html.escape(match)}</b></span>"
            f"{html.escape(after)}")

    # ---- decisions --------------------------------------------------------------------------------
    def accept_current(self) -> None:
        self._decide("coded")

    def reject_current(self) -> None:
        self._decide("rejected")

    def _decide(self, status: str) -> None:
        seg = self.current_segment()
        if seg is None or self.workspace is None:
            return
        if self.read_only:
            self.status.setText(html.escape(self.read_only))
            return
        self.workspace.do(DecideSuggestion(seg.uuid, status, self.workspace.coder.uuid), self)
        self.refresh()  # at once: the next suggestion becomes current
        self.decided.emit(seg.uuid, status)
        self.status.setText((self.tr("Accepted {code}; {n} left.") if status == "coded" else self.tr("Rejected {code}; {n} left."))
                            .format(code=seg.code.name, n=self.count()))

    def run_dictionary(self) -> None:
        if self.workspace is None:
            return
        if self.read_only:
            self.status.setText(html.escape(self.read_only))
            return
        try:
            result = self.workspace.do(Autocode(self.workspace.coder.uuid, unit=self.unit.currentData() or self.unit.currentText()), self).value
        except UserError as exc:
            self.status.setText(f'<span style="color:#b00">{html.escape(exc.message)}</span>')
            return
        self.refresh()
        self.status.setText(self.tr("{new} new suggestion(s); {n} to review.").format(new=sum(result.created.values()), n=self.count()))

    read_only = ""  # why nothing can be decided or suggested (a read-only project), else ""

    def set_read_only(self, why: str) -> None:
        """A read-only project: Accept, Reject and Suggest are disabled, saying why."""
        self.read_only = why
        for b in (self.accept_button, self.reject_button, self.suggest_button):
            b.setToolTip(why)
        self._update()

    def _update(self) -> None:
        has = self.current_segment() is not None and not self.read_only
        self.accept_button.setEnabled(has)
        self.reject_button.setEnabled(has)
        self.suggest_button.setEnabled(self.workspace is not None and not self.read_only)


def install(main_window) -> SuggestionReview:
    """Add the review queue to the main window (a dock, Code menu) and keep it on the open project."""
    review = SuggestionReview()
    review.refresher.lazy = True  # hidden in the window: no work on each coding action
    review.hit_activated.connect(main_window.show_span)
    dock = main_window.add_dock("Suggestions", review, "right", "suggestions")

    follow_workspace(main_window, review.set_workspace)
    add_show_action(main_window, dock, "Code", QCoreApplication.translate("SuggestionReview", "Review dictionary suggestions…"), focus=review.list.setFocus)
    return review
