"""Memos on documents and codes (one per coder), written in a dialog and undoable."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from burgerannotator.core.memos import get_memo
from burgerannotator.core.ops import SetMemo

from .errors import guarded
from .memo_dialog import edit_memo


class MemoActions:
    def __init__(self, window):
        self.window = window

    @guarded
    def edit(self, kind: str, target_uuid: str, title: str) -> None:
        """Ask for the memo of the current coder on a document or code."""
        s = self.window.workspace
        if s is None:
            return
        old = get_memo(s.project, kind, target_uuid, s.coder)
        text, ok = edit_memo(self.window, QCoreApplication.translate("MemoActions", "Your memo on {title}:")
                             .format(title=title), old)
        if ok:
            self.set(kind, target_uuid, text)

    def set(self, kind: str, target_uuid: str, text: str) -> None:
        s = self.window.workspace
        s.do(SetMemo(kind, target_uuid, s.coder.uuid, text), self)

    def edit_document_memo(self) -> None:
        doc = self.window.workspace.document if self.window.workspace else None
        if doc is not None:
            self.edit("document", doc.uuid, doc.label)
