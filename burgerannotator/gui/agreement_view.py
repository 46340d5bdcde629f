"""The Agreement view: choose coders, level and overlap threshold; a table per code,
per document and overall with the coefficients (undefined ones say so, with why)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem, QWidget)

from burgerannotator.core.agreement.level_report import COUNT_LABELS, LEVELS, STAT_LABELS
from burgerannotator.core.agreement.coding_data import active_coders
from burgerannotator.core.agreement.levels import agreement
from burgerannotator.core.agreement.xlsx_export import write_agreement_xlsx
from burgerannotator.core.coders import list_coders
from burgerannotator.core.errors import UserError

from .follow import ComparisonGate, LazyRefresh, follow_blind_mode, follow_changes, is_blind

SCOPE_TITLES = {"code": "code", "document": "document", "overall": "", "scale": "scale"}

LEVEL_NAMES = [QT_TRANSLATE_NOOP("Levels", "Document"), QT_TRANSLATE_NOOP("Levels", "Segment"),
               QT_TRANSLATE_NOOP("Levels", "Text"), QT_TRANSLATE_NOOP("Levels", "Scale")]  # for pyside6-lupdate


class AgreementView(ComparisonGate, QWidget):
    def __init__(self, project=None, parent=None):
        super().__init__(parent)
        self.project = None
        self.report = None
        self._active: set[str] = set()  # uuids of the coders who have codings
        self.coder_list = QListWidget()
        self.coder_list.setAccessibleName(self.tr("Coders to compare"))
        self.coder_list.setMaximumHeight(90)
        self.level_box = QComboBox()
        self.level_box.setAccessibleName(self.tr("Agreement level"))
        for level in LEVELS:
            self.level_box.addItem(QCoreApplication.translate("Levels", level.capitalize()), level)
        self.overlap_box = QDoubleSpinBox(minimum=0.05, maximum=1.0, singleStep=0.05, decimals=2, value=0.9)
        self.overlap_box.setAccessibleName(self.tr("Overlap for a segment match"))
        self.overlap_box.setToolTip(self.tr("Segments match when intersection / union of their spans reaches this share"))
        self.uncoded_box = QComboBox()
        self.uncoded_box.setAccessibleName(self.tr("An uncoded document counts as"))  # issue 13: how a document a coder coded nothing in counts
        self.uncoded_box.addItem(self.tr("Uncoded document: missing"), "missing")
        self.uncoded_box.addItem(self.tr("Uncoded document: absent"), "absent")
        self.uncoded_box.setToolTip(self.tr("Document level: a document a coder coded nothing in (no segment of any "
                                            "code) counts as not judged (missing) or as 'absent' for every code"))
        self.ci_box = QCheckBox(self.tr("95% intervals"))
        self.ci_box.setToolTip(self.tr("Gwet's standard errors, Cohen's ASE, Hayes & Krippendorff bootstrap for "
                                       "alpha (1,000 draws, fixed seed), bootstrap over documents for segments and text"))
        self.compute_button = QPushButton(self.tr("Compute"))
        self.export_button = QPushButton(self.tr("Excel…"))
        self.export_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Level")))
        bar.addWidget(self.level_box)
        bar.addWidget(QLabel(self.tr("Overlap")))
        bar.addWidget(self.overlap_box)
        bar.addWidget(self.uncoded_box)
        bar.addWidget(self.ci_box)
        bar.addStretch(1)
        bar.addWidget(self.compute_button)
        bar.addWidget(self.export_button)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(self.tr("Agreement per code"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.message = QLabel("")
        self.message.setWordWrap(True)
        inner = self.build_gate()  # everything but the blind-coding notice goes in here
        inner.addWidget(QLabel(self.tr("Coders")))
        inner.addWidget(self.coder_list)
        inner.addLayout(bar)
        inner.addWidget(self.table, 1)
        inner.addWidget(self.message)
        self.compute_button.clicked.connect(self.compute)
        self.export_button.clicked.connect(self._ask_export)
        self.level_box.currentIndexChanged.connect(self._level_changed)
        self._level_changed()
        self.refresher = LazyRefresh(self, self._recompute, 150)
        self.set_project(project)

    def set_project(self, project, defer: bool = False) -> None:
        """``defer`` (a project opened in the window): a hidden view lists the coders when it is
        shown; finding who has coded reads every segment (a second at 500k) the opening need not wait for."""
        self.project = project
        self.report = None
        self.table.setRowCount(0)
        if defer and self.refresher.lazy and not self.isVisible():
            self.coder_list.clear()
            self._active = set()
            self._coders_stale = True
            self.refresher.schedule()
            return
        self._fill_coders(keep=False)

    def _fill_coders(self, keep: bool = True) -> None:
        """The coders to compare; coders already listed keep their tick (``keep``)."""
        ticked = {self.coder_list.item(i).data(Qt.ItemDataRole.UserRole): self.coder_list.item(i).checkState()
                  for i in range(self.coder_list.count())} if keep else {}
        was_active = self._active if keep else set()
        self.coder_list.clear()
        self._active = set()
        if self.project is None:
            return
        self._active = {c.uuid for c in active_coders(self.project)}
        for coder in list_coders(self.project, include_consensus=True):
            item = QListWidgetItem(coder.name)
            item.setData(Qt.ItemDataRole.UserRole, coder.uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            started = coder.uuid in self._active and coder.uuid not in was_active  # began coding: compare them
            default = Qt.CheckState.Checked if coder.uuid in self._active else Qt.CheckState.Unchecked
            item.setCheckState(default if started or coder.uuid not in ticked else ticked[coder.uuid])
            self.coder_list.addItem(item)

    KINDS = ("segments", "coders", "codebook", "scales", "documents")

    def on_changes(self, changes, _initiator=None) -> None:
        """Coders came or went, codings changed: the coder list and the figures are out of date
        (brought up to date at once if shown, else when the view is shown: coding costs nothing)."""
        self._coders_stale = self._coders_stale or changes.touches("coders", "segments")
        self.refresher.schedule()

    _coders_stale = False

    def set_blind(self, blind: bool) -> None:
        """Blind coding: no comparison between coders, only the notice."""
        if self.close_gate(blind) and blind:
            self.report = None
            self.table.setRowCount(0)
            self.export_button.setEnabled(False)

    def level(self) -> str:
        return self.level_box.currentData()

    def chosen_coders(self) -> list[str]:
        return [self.coder_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.coder_list.count())
                if self.coder_list.item(i).checkState() == Qt.CheckState.Checked]

    def _level_changed(self) -> None:
        self.overlap_box.setEnabled(self.level() == "segment")
        self.uncoded_box.setEnabled(self.level() == "document")

    def _recompute(self) -> None:
        if self._coders_stale:
            self._coders_stale = False
            self._fill_coders()
        if self.report is not None:
            self.compute()

    def compute(self) -> None:
        if self.project is None or self.blind:
            return
        try:
            self.report = agreement(self.project, coders=self.chosen_coders(), levels=[self.level()],
                                    overlap=self.overlap_box.value(), uncoded_documents=self.uncoded_box.currentData(),
                                    ci=self.ci_box.isChecked())
        except UserError as exc:
            self.message.setText(exc.message)
            return
        self._fill()
        self.export_button.setEnabled(True)
        notes = " ".join(self.report.notes)
        intervals = self.tr("; [low, high] = 95% interval, hover for the method") if self.report.ci else ""
        self.message.setText(self.tr("{n_coders} coders, {n_codes} codes, {documents} documents. 'undefined': hover "
                                     "for the reason").format(n_coders=len(self.report.coders),
                                                              n_codes=len(self.report.codes),
                                                              documents=self.report.documents)
                             + f"{intervals}. {notes}")

    def _fill(self) -> None:
        level = self.level()
        stats, counts = list(STAT_LABELS[level]), list(COUNT_LABELS[level])
        rows = self.report.rows[level]
        self.table.clear()
        self.table.setColumnCount(2 + len(stats) + len(counts))
        self.table.setHorizontalHeaderLabels(["", self.tr("name"), *STAT_LABELS[level].values(), *COUNT_LABELS[level].values()])
        self.table.setRowCount(len(rows))
        grey = QBrush(QColor("#888888"))
        for i, row in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(row.label))
            self.table.setItem(i, 1, QTableWidgetItem(row.code_name or SCOPE_TITLES[row.scope]))
            for j, key in enumerate(stats, start=2):
                stat = row.stats.get(key)
                shown = (f"{stat.text()} {stat.ci_text()}".strip()) if stat else ""
                item = QTableWidgetItem(shown)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if stat is not None and not stat.defined:
                    item.setToolTip(stat.reason)
                    item.setForeground(grey)
                elif stat is not None and stat.ci is not None:
                    item.setToolTip(_ci_tip(stat.ci))
                self.table.setItem(i, j, item)
            for j, key in enumerate(counts, start=2 + len(stats)):
                item = QTableWidgetItem(str(row.counts.get(key, "")))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def export_to(self, path) -> None:
        if self.report is not None:
            write_agreement_xlsx(self.report, path)

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Agreement to Excel"), "agreement.xlsx", self.tr("Excel (*.xlsx)"))
        if path:
            try:
                self.export_to(path)
                self.message.setText(self.tr("Wrote {path}.").format(path=path))
            except UserError as exc:
                self.message.setText(exc.message)


def _ci_tip(ci) -> str:
    lines = [ci.method]
    if getattr(ci, "se", None) is not None:
        lines.append(f"SE {ci.se:.4f}")
    if getattr(ci, "draws", None):
        lines.append(f"{ci.draws} draws, seed {ci.seed}")
    for minimum, share in getattr(ci, "q_below", {}).items():
        lines.append(f"q(alpha < {minimum:g}) = {share:.3f}")
    return "\n".join(lines)


def install(main_window) -> AgreementView:
    """The Agreement view as a dock; follows the project the window has open."""
    workspace = getattr(main_window, "workspace", None)
    view = AgreementView(getattr(workspace, "project", None) or getattr(main_window, "project", None), main_window)
    view.setObjectName("agreementView")
    if hasattr(main_window, "workspaceChanged"):
        view.refresher.lazy = True  # hidden in the window: no work until shown
        main_window.workspaceChanged.connect(lambda s: view.set_project(s.project if s is not None else None,
                                                                        defer=True))
        follow_changes(main_window, view, view.KINDS, view.on_changes)
    follow_blind_mode(main_window, lambda s: view.set_blind(is_blind(s)))
    main_window.add_dock("Agreement", view, area="bottom", name="agreement")
    return view
