"""The Co-occurrence view (issue 13): code x code, as documents that have both codes or as one
coder's segments that overlap or lie within N characters; the matrix and the pairs with their
cities. While blind coding is on only the current coder's codings count."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from burgerannotator.core.cooccurrence import cooccurrence
from burgerannotator.core.errors import UserError

from .follow import LazyRefresh, follow_blind_mode, follow_changes, is_blind, notice_label
from .query_view import ResultFollowsCodings, coder_choice_box, selection_for


class CooccurrenceView(ResultFollowsCodings, QWidget):
    rerun = "compute"

    def __init__(self, project=None, parent=None):
        super().__init__(parent)
        self.project = None
        self.result = None
        self.blind_coder = None
        self.unit_box = QComboBox()
        self.unit_box.setAccessibleName(self.tr("Co-occurrence within"))
        self.unit_box.addItem(self.tr("Documents with both codes"), "document")
        self.unit_box.addItem(self.tr("Segments near each other"), "segment")
        self.unit_box.addItem(self.tr("Segments in one paragraph"), "paragraph")
        self.distance_box = QSpinBox(minimum=0, maximum=100_000, singleStep=50, value=0)
        self.distance_box.setAccessibleName(self.tr("Distance in characters"))
        self.distance_box.setSuffix(self.tr(" characters"))
        self.distance_box.setToolTip(self.tr("Segments of one coder that overlap (0) or lie at most this far apart"))
        self.coders = coder_choice_box()
        self.compute_button = QPushButton(self.tr("Compute"))
        self.matrix = QTableWidget(0, 0)
        self.matrix.setAccessibleName(self.tr("Co-occurrence matrix"))
        self.matrix.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.pairs = QTableWidget(0, 4)
        self.pairs.setAccessibleName(self.tr("Pairs of codes"))
        self.pairs.setHorizontalHeaderLabels([self.tr("code a"), self.tr("code b"), self.tr("count"), self.tr("documents")])
        self.pairs.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.pairs.verticalHeader().hide()
        self.pairs.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.blind_notice = notice_label(self)
        bar = QHBoxLayout()
        bar.addWidget(self.unit_box)
        bar.addWidget(self.distance_box)
        bar.addWidget(self.coders)
        bar.addStretch(1)
        bar.addWidget(self.compute_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.matrix)
        split.addWidget(self.pairs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.blind_notice)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.unit_box.currentIndexChanged.connect(self._unit_changed)
        self.compute_button.clicked.connect(self.compute)
        self._unit_changed()
        self.refresher = LazyRefresh(self, self._rerun, 150)
        self.set_project(project)


    def set_project(self, project) -> None:
        self.project = project
        self.result = None
        self.matrix.setRowCount(0)
        self.pairs.setRowCount(0)


    def _unit_changed(self) -> None:
        self.distance_box.setEnabled(self.unit_box.currentData() == "segment")

    def compute(self) -> None:
        if self.project is None:
            return
        try:
            selection = selection_for(self.project, self.coders.currentData(), self.blind_coder)
            unit = self.unit_box.currentData()
            distance = "paragraph" if unit == "paragraph" else self.distance_box.value()
            self.result = cooccurrence(self.project, selection, "segment" if unit == "paragraph" else unit, distance)
        except UserError as exc:
            self.message.setText(exc.message)
            return
        r = self.result
        ids = r.code_ids
        self.matrix.clear()
        self.matrix.setRowCount(len(ids))
        self.matrix.setColumnCount(len(ids))
        self.matrix.setHorizontalHeaderLabels(ids)
        self.matrix.setVerticalHeaderLabels(ids)
        peak = max(int(r.counts.max(initial=0)), 1)
        for i in range(len(ids)):
            for j in range(len(ids)):
                n = int(r.counts[i, j])
                item = QTableWidgetItem(str(n) if n else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if n and i != j:
                    shade = int(255 - 150 * n / peak)
                    item.setBackground(QBrush(QColor(shade, shade, 255)))
                self.matrix.setItem(i, j, item)
        self.matrix.resizeColumnsToContents()
        pairs = r.pairs()
        self.pairs.setRowCount(len(pairs))
        for i, (a, b, n, docs) in enumerate(pairs):
            for j, value in enumerate((a, b, str(n), ", ".join(docs))):
                self.pairs.setItem(i, j, QTableWidgetItem(value))
        self.pairs.resizeColumnsToContents()
        what = ("documents with both codes" if r.unit == "document" else
                "pairs of one coder's segments in one paragraph" if r.distance == "paragraph" else
                f"pairs of one coder's segments within {r.distance} characters")
        self.message.setText((self.tr("{n_pairs} pair(s) of codes co-occur ({what}; {selection}). The diagonal counts documents per code.")
                              if r.unit == "document" else
                              self.tr("{n_pairs} pair(s) of codes co-occur ({what}; {selection}). The diagonal counts segments per code.")
                              ).format(n_pairs=len(pairs), what=what, selection=r.selection))


def install(main_window) -> CooccurrenceView:
    """The view as a dock; follows the window's workspace (project, blind coding, changes)."""
    workspace = getattr(main_window, "workspace", None)
    view = CooccurrenceView(getattr(workspace, "project", None), main_window)
    view.setObjectName("cooccurrenceView")
    if hasattr(main_window, "workspaceChanged"):
        main_window.workspaceChanged.connect(lambda w: view.set_project(w.project if w is not None else None))
        view.refresher.lazy = True  # hidden in the window: no work until shown
        follow_changes(main_window, view, view.KINDS, view.on_changes)
    follow_blind_mode(main_window, lambda w: view.set_blind(w.coder if is_blind(w) else None))
    main_window.add_dock("Co-occurrence", view, area="bottom", name="cooccurrence")
    return view
