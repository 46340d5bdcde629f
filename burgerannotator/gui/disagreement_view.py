"""Walk through the coders' disagreements and decide each into the Consensus coder.

Keys (in the list): Up/Down move, Enter shows the passage in the document,
1..9 accept that coder's segment, B accept all (both), R reject, S accept the
span selected in the document (if the window offers one), U undo (the same as
Ctrl+Z: decisions are operations on the window's one history). Selecting a passage emits ``segment_activated(document_uuid, start, end)``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QTextBrowser,
                               QWidget)

from burgerannotator.core import ops
from burgerannotator.core.disagreements import disagreements
from burgerannotator.core.errors import UserError
from burgerannotator.core.history import History

from .follow import ComparisonGate, LazyRefresh, follow_blind_mode, follow_changes, is_blind

_HTML_ESCAPE = str.maketrans({"<": "&lt;", ">": "&gt;", "&": "&amp;"})


class DisagreementView(ComparisonGate, QWidget):
    segment_activated = Signal(str, int, int)  # document uuid, start, end

    def __init__(self, project=None, decider=None, parent=None):
        super().__init__(parent)
        self.project = None
        self.decider = None
        self.span_provider = None  # callable -> (document uuid, start, end) | None, set by install
        self.passages = []
        self.read_only = ""  # why no decision can be written (a read-only project), else ""
        self.history: History | None = None  # the window's (installed) or the view's own
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Disagreements"))
        self.list.installEventFilter(self)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("The passage and its codings"))
        self.buttons = QHBoxLayout()
        self.both_button = QPushButton(self.tr("Both (B)"))
        self.reject_button = QPushButton(self.tr("Reject (R)"))
        self.span_button = QPushButton(self.tr("Selection (S)"))
        self.undo_button = QPushButton(self.tr("Undo (U)"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self._coder_buttons: list[QPushButton] = []
        self._coder_row = QHBoxLayout()
        row = QHBoxLayout()
        for b in (self.both_button, self.reject_button, self.span_button, self.undo_button):
            row.addWidget(b)
        inner = self.build_gate()  # everything but the blind-coding notice goes in here
        inner.addWidget(self.list, 2)
        inner.addWidget(self.detail, 1)
        inner.addLayout(self._coder_row)
        inner.addLayout(row)
        inner.addWidget(self.message)
        self.refresher = LazyRefresh(self, self.refresh, 0)
        self.list.currentRowChanged.connect(self._show_current)
        self.list.itemActivated.connect(lambda _i: self.activate())
        self.both_button.clicked.connect(self.accept_all)
        self.reject_button.clicked.connect(self.reject)
        self.span_button.clicked.connect(self.accept_selection)
        self.undo_button.clicked.connect(self.undo)
        self.set_project(project, decider)

    # ---- data ---------------------------------------------------------------------------------
    def set_project(self, project, decider=None, history: History | None = None) -> None:
        self.project, self.decider = project, decider
        self.history = history or (History(project) if project is not None else None)
        self.refresher.schedule(now=True)

    KINDS = ("segments", "codes", "coders")

    def on_changes(self, _changes, initiator=None) -> None:
        if initiator is not self:  # its own decisions it has shown already
            self.refresher.schedule()

    def set_blind(self, blind: bool) -> None:
        """Blind coding: no coder's codings shown, only the notice."""
        if self.close_gate(blind):
            self.refresher.schedule(now=True)

    def refresh(self, keep_row: int = 0) -> None:
        self.list.clear()
        self.detail.clear()
        self.passages = []
        if self.project is None or self.blind:
            return
        try:
            self.passages = disagreements(self.project)
        except UserError as exc:
            self.message.setText(exc.message)
            return
        for p in self.passages:
            item = QListWidgetItem(f"{p.code_id} — {p.document}, p. {p.page} ({p.kind})")
            item.setToolTip(p.code_name)
            self.list.addItem(item)
        self._make_coder_buttons()
        self.message.setText(self.tr("{n_passages} open disagreement(s).").format(n_passages=len(self.passages)))
        if self.passages:
            self.list.setCurrentRow(min(keep_row, len(self.passages) - 1))

    def _make_coder_buttons(self) -> None:
        names = list(self.passages[0].by_coder) if self.passages else []
        if [b.property("coder") for b in self._coder_buttons] == names:
            return
        for b in self._coder_buttons:
            self._coder_row.removeWidget(b)
            b.deleteLater()
        self._coder_buttons = []
        for i, name in enumerate(names[:9]):
            b = QPushButton(self.tr("{key}: accept {name}").format(key=i + 1, name=name))
            b.setProperty("coder", name)
            b.clicked.connect(lambda _c=False, n=name: self.accept_coder(n))
            self._coder_row.addWidget(b)
            self._coder_buttons.append(b)
        self._show_read_only()

    def set_read_only(self, why: str) -> None:
        """A read-only project: every decision button is disabled, saying why; the keys decide nothing."""
        self.read_only = why
        self._show_read_only()

    def _show_read_only(self) -> None:
        for b in (self.both_button, self.reject_button, self.span_button, self.undo_button, *self._coder_buttons):
            b.setEnabled(not self.read_only)
            b.setToolTip(self.read_only)

    def current(self):
        row = self.list.currentRow()
        return self.passages[row] if 0 <= row < len(self.passages) else None

    def _show_current(self, _row: int) -> None:
        p = self.current()
        if p is None:
            self.detail.clear()
            return
        parts = [f"<b>{p.code_id}</b> {p.code_name.translate(_HTML_ESCAPE)} — {p.document}, p. {p.page}"]
        for name, segs in p.by_coder.items():
            quotes = "<br>".join(f"p. {s.page}: “{s.quote.translate(_HTML_ESCAPE)}”" for s in segs)
            parts.append(f"<p><b>{name.translate(_HTML_ESCAPE)}</b>: {quotes or '<i>not coded</i>'}</p>")
        self.detail.setHtml("".join(parts))
        self.segment_activated.emit(p.document_uuid, p.start, p.end)

    def activate(self) -> None:
        p = self.current()
        if p is not None:
            self.segment_activated.emit(p.document_uuid, p.start, p.end)

    # ---- decisions ------------------------------------------------------------------------------
    def _decide(self, make_op) -> None:
        p = self.current()
        if p is None or self.project is None or self.blind:
            return
        if self.read_only:
            self.message.setText(self.read_only)
            return
        if self.decider is None:
            self.message.setText(self.tr("Say who decides first (the coder working in the window)."))
            return
        row = self.list.currentRow()
        try:
            self.run(make_op(p, self.decider.uuid))
        except UserError as exc:
            self.message.setText(exc.message)
            return
        self.refresh(keep_row=row)

    def run(self, op) -> None:
        """A decision is an operation on the history (the window's: Ctrl+Z undoes it)."""
        if self.runner is not None:
            self.runner(op, self)
        else:
            self.history.do(op)

    runner = None  # set by install: the workspace's ``do``

    def accept_coder(self, name: str) -> None:
        coder = next((c for c in self._coders() if c.name == name), None)
        if coder is None:
            self.message.setText(self.tr("{name} is not one of the coders compared here.").format(name=name))
            return
        self._decide(lambda p, decider: ops.AcceptCoder(p, coder.uuid, decider))

    def _coders(self):
        from burgerannotator.core.coders import list_coders

        return list_coders(self.project) if self.project is not None else []

    def accept_all(self) -> None:
        self._decide(ops.AcceptAll)

    def reject(self) -> None:
        self._decide(ops.RejectPassage)

    def accept_selection(self) -> None:
        p = self.current()
        chosen = self.span_provider() if self.span_provider else None
        if p is None or not chosen or chosen[0] != p.document_uuid:
            self.message.setText(self.tr("Select the passage's new extent in the document first."))
            return
        self._decide(lambda p, decider: ops.AcceptSpan(p, chosen[1], chosen[2], decider))

    def undo(self) -> None:
        """U: undo the last change (a decision, or anything else done in the window), like Ctrl+Z."""
        if self.history is None:
            return
        if self.read_only:
            self.message.setText(self.read_only)
            return
        try:
            if self.undo_runner is not None:
                self.undo_runner()
            else:
                self.history.undo()
        except UserError as exc:
            self.message.setText(exc.message)
            return
        self.refresh(keep_row=self.list.currentRow())

    undo_runner = None  # set by install: the workspace's ``undo``

    def eventFilter(self, obj, event) -> bool:
        if obj is self.list and event.type() == event.Type.KeyPress:
            key, text = event.key(), event.text().lower()
            if text and text in "123456789" and int(text) <= len(self._coder_buttons):
                self.accept_coder(self._coder_buttons[int(text) - 1].property("coder"))
                return True
            actions = {"b": self.accept_all, "r": self.reject, "s": self.accept_selection, "u": self.undo}
            if text in actions and text:
                actions[text]()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate()
                return True
        return super().eventFilter(obj, event)


def install(main_window) -> DisagreementView:
    """The Disagreements dock; the deciding coder is the one working in the window."""
    def bind(workspace):
        if workspace is None:
            view.set_project(None)
            view.runner = view.undo_runner = None
            return
        view.set_project(workspace.project, workspace.coder, workspace.history)
        view.runner, view.undo_runner = workspace.do, workspace.undo
        workspace.coderChanged.connect(lambda coder: setattr(view, "decider", coder))

    workspace = getattr(main_window, "workspace", None)
    view = DisagreementView(parent=main_window)
    view.setObjectName("disagreementView")
    view.refresher.lazy = True  # hidden in the window: no work until shown
    bind(workspace)
    if hasattr(main_window, "workspaceChanged"):
        main_window.workspaceChanged.connect(bind)
        follow_changes(main_window, view, view.KINDS, view.on_changes)
        follow_blind_mode(main_window, lambda s: view.set_blind(is_blind(s)))
    if hasattr(main_window, "show_span"):
        view.segment_activated.connect(main_window.show_span)
    main_window.add_dock("Disagreements", view, area="right", name="disagreements")
    return view
