"""The centre pane: zoom and page controls, the PDF view with the segments drawn on it, find."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from burgerannotator.core.documents import pdf_bytes
from burgerannotator.core.errors import NotFoundError
from burgerannotator.core.models import Segment

from .errors import guarded
from .find_bar import FindBar
from .pdf_view import PdfView
from .pdf_view.overlay import SegmentMark

ZOOM_STEPS = [50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400]


def mark_for(segment: Segment, own: bool) -> SegmentMark:
    code = segment.code
    rects = {int(k): [QRectF(r[0], r[1], r[2] - r[0], r[3] - r[1]) for r in v] for k, v in (segment.rects or {}).items()}
    memo = "\n" + QCoreApplication.translate("DocumentPane", "Memo: {memo}").format(memo=segment.memo) if segment.memo else ""
    suggested = segment.status == "suggested"
    note = "\n" + QCoreApplication.translate("DocumentPane", "Suggested by the dictionary: accept or reject it in the review queue") \
        if suggested else ""
    tip = f"{code.name} ({code.code_id})\n" + QCoreApplication.translate("DocumentPane", "Coder: {name}").format(name=segment.coder.name) \
        + memo + note
    return SegmentMark(segment.uuid, code.code_id, QColor(code.color), own and not suggested, rects, tip,
                       segment.start, segment.end, suggested=suggested, area=segment.kind == "area")


class DocumentPane(QWidget):
    pageShown = Signal(int)

    def __init__(self, workspace=None, renderer=None, parent=None):
        super().__init__(parent)
        self.workspace = None
        self.view = PdfView(renderer, self)
        self.view.setAccessibleName(self.tr("Pages of the document"))
        self.find_bar = FindBar(self)
        self.find_bar.hitsChanged.connect(self._show_hits)
        self.find_bar.closed.connect(self._find_closed)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 3, 6, 3)
        self.title = QLabel("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.title, 1)
        out_btn = QToolButton(text="−", toolTip=self.tr("Zoom out (Ctrl+-)"), autoRaise=True)
        out_btn.setAccessibleName(self.tr("Zoom out"))
        out_btn.clicked.connect(lambda: self.view.zoom_by(1 / 1.2))
        in_btn = QToolButton(text="+", toolTip=self.tr("Zoom in (Ctrl++)"), autoRaise=True)
        in_btn.setAccessibleName(self.tr("Zoom in"))
        in_btn.clicked.connect(lambda: self.view.zoom_by(1.2))
        self.zoom_box = QComboBox(editable=True, toolTip=self.tr("Zoom: fit width, fit page or 50-400 %"))
        self.zoom_box.setAccessibleName(self.tr("Zoom"))
        self.zoom_box.addItems([self.tr("Fit width"), self.tr("Fit page")] + [f"{z} %" for z in ZOOM_STEPS])
        self.zoom_box.setMinimumContentsLength(8)
        self.zoom_box.textActivated.connect(self._zoom_chosen)
        self.page_edit = QLineEdit(toolTip=self.tr("Go to a page by its printed number (Ctrl+G)"))
        self.page_edit.setAccessibleName(self.tr("Page number"))
        self.page_edit.setMaximumWidth(60)
        self.page_edit.returnPressed.connect(self._go_to_typed_page)
        self.page_count = QLabel("")
        for w in (out_btn, self.zoom_box, in_btn, QLabel(self.tr("  Page")), self.page_edit, self.page_count):
            bar.addWidget(w)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(bar)
        box.addWidget(self.view, 1)
        box.addWidget(self.find_bar)
        self.view.zoomChanged.connect(self._zoom_shown)
        self.view.currentPageChanged.connect(self._page_shown)
        if workspace is not None:
            self.set_workspace(workspace)

    # ---- workspace ---------------------------------------------------------------------------
    def set_workspace(self, workspace) -> None:
        self.workspace = workspace
        workspace.documentChanged.connect(self.load_document)
        workspace.showOthersChanged.connect(lambda _v: self.reload_marks())
        workspace.coderChanged.connect(lambda _c: self.reload_marks())
        workspace.listen(self, ("segments", "codebook"), self._changed)

    def load_document(self, document) -> None:
        view = self.view
        if document is None:
            view.clear_document()
            self.title.setText("")
            self.page_count.setText("")
            self.find_bar.set_text("")
            return
        project = self.workspace.project
        data = b"" if view.renderer.has_document(document.sha256) else pdf_bytes(project, document)
        pages = [(p.index, p.width, p.height, p.label) for p in document.pages]
        view.set_document(document.sha256, data, pages, self.workspace.layout(document))
        self.title.setText(f"{document.label} — {document.title or document.file_name}")
        labels = [p.label for p in document.pages]
        self.page_count.setText(f"({labels[0]}–{labels[-1]})" if labels else "")
        self.find_bar.set_text(document.text)
        self.reload_marks()
        self._page_shown(0)

    def reload_marks(self) -> None:
        s = self.workspace
        if s is None or s.document is None:
            return
        marks = [mark_for(seg, s.is_own(seg)) for seg in s.visible_segments()]
        marks += [mark_for(seg, True) for seg in s.suggested_segments()]
        self.view.set_marks(marks)

    def _changed(self, changes, _initiator) -> None:
        s = self.workspace
        if s.document is None:
            return
        if changes.touches("codebook") or changes.is_bulk("segments"):
            self.reload_marks()  # colours, code ids or any segment may have changed
            return
        marks, removed = [], []
        for uuid in changes.segments:
            seg = s.segment(uuid)
            if seg is not None and (s.is_visible(seg) or s.is_suggestion_shown(seg)):
                marks.append(mark_for(seg, s.is_own(seg)))
            else:
                removed.append(uuid)
        self.view.update_marks(marks, removed)
        if self.view.overlay.selected in removed:
            s.selection.select_segment(None, None)

    # ---- navigation ----------------------------------------------------------------------------
    def show_segment(self, segment: Segment) -> None:
        self.view.show_span(segment.start, segment.end)
        self.view.clear_selection()
        self.view.set_selected_segment(segment.uuid)
        self.view.flash(segment.uuid)

    def go_to_label(self, label: str) -> None:
        index = self.view.page_index(label)
        if index is None:
            raise NotFoundError(self.tr("This document has no page printed '{label}'.").format(label=label))
        self.view.go_to_page(index)
        self._page_shown(index)

    @guarded
    def _go_to_typed_page(self) -> None:
        self.go_to_label(self.page_edit.text())
        self.view.setFocus()

    def _page_shown(self, index: int) -> None:
        items = self.view.items
        if 0 <= index < len(items) and not self.page_edit.hasFocus():
            self.page_edit.setText(items[index].label)
        self.pageShown.emit(index)

    def _zoom_chosen(self, text: str) -> None:
        t = text.strip().lower()
        if t.startswith("fit w") or t == self.tr("Fit width").lower():
            self.view.fit_width()
        elif t.startswith("fit p") or t == self.tr("Fit page").lower():
            self.view.fit_page()
        else:
            try:
                self.view.set_zoom(float(t.rstrip("% ").replace(",", ".")) / 100)
            except ValueError:
                self._zoom_shown(self.view.zoom)
        self.view.setFocus()

    def _zoom_shown(self, zoom: float) -> None:
        mode = self.view.zoom_mode
        self.zoom_box.setEditText(self.tr("Fit width") if mode == "width" else self.tr("Fit page") if mode == "page"
                                  else f"{round(zoom * 100)} %")

    def _find_closed(self) -> None:
        hit = self.find_bar.last_hit
        if hit is not None:
            self.view.select_span(*hit)
        self.view.setFocus()

    def _show_hits(self, hits, current: int) -> None:
        self.view.set_find_hits(hits, current if current >= 0 else None)
        if 0 <= current < len(hits):
            self.view.show_span(*hits[current])
