"""File > Merge coder project: choose another coder's copy, settle codebook conflicts one
by one, merge, and read the summary (which the project log keeps too)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from burgerannotator.core.errors import UserError
from burgerannotator.core.merge import find_conflicts
from burgerannotator.core.ops import MergeProjects, run

CHOICES = (("Keep mine", "keep-mine"), ("Take theirs", "take-theirs"))


class MergeDialog(QDialog):
    workspace = None  # the window's workspace (set by install): the merge runs through its history

    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.project = project
        self.report = None
        self.conflicts = []
        self.setWindowTitle(self.tr("Merge coder project"))
        self.resize(760, 520)
        self.path_edit = QLineEdit(placeholderText=self.tr("Another coder's copy of this project (.bap)"))
        self.path_edit.setAccessibleName(self.tr("Project to merge"))
        self.browse_button = QPushButton(self.tr("Choose…"))
        self.check_button = QPushButton(self.tr("Check"))
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        row.addWidget(self.check_button)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Conflicts"))
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Change"), self.tr("Here"),
                                              self.tr("In the other copy"), self.tr("Choice")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.message = QLabel(self.tr("Choose a file and press Check to see what differs."))
        self.message.setWordWrap(True)
        self.summary = QPlainTextEdit(readOnly=True)
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Codebook conflicts (choose per conflict):")))
        layout.addWidget(self.table, 2)
        layout.addWidget(self.message)
        layout.addWidget(self.summary, 1)
        layout.addWidget(buttons)
        self.browse_button.clicked.connect(self.browse)
        self.check_button.clicked.connect(self.check)
        self.merge_button.clicked.connect(self.merge)
        self.path_edit.textChanged.connect(lambda _t: self.merge_button.setEnabled(False))
        self.path_edit.returnPressed.connect(self.check)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Merge coder project"), "", self.tr("BurgerAnnotator project (*.bap)"))
        if path:
            self.path_edit.setText(path)
            self.check()

    def check(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            self.message.setText(self.tr("Choose the other coder's project file first."))
            return
        try:
            self.conflicts = find_conflicts(self.project, path)
        except UserError as exc:
            self.message.setText(exc.message)
            self.merge_button.setEnabled(False)
            return
        self.table.setRowCount(len(self.conflicts))
        what = {"name": "renamed", "color": "recoloured", "parent": "moved", "deleted": "deleted/restored"}
        for i, c in enumerate(self.conflicts):
            for j, text in enumerate((c.code_id, what.get(c.field, c.field), c.mine, c.theirs)):
                self.table.setItem(i, j, QTableWidgetItem(text))
            combo = QComboBox()
            for label, value in CHOICES:
                combo.addItem(label, value)
            self.table.setCellWidget(i, 4, combo)
        self.message.setText(f"{len(self.conflicts)} codebook conflict(s); choose for each, then Merge."
                             if self.conflicts else "No codebook conflicts. Press Merge.")
        self.merge_button.setEnabled(True)

    def choices(self) -> dict[str, str]:
        return {c.key: self.table.cellWidget(i, 4).currentData() for i, c in enumerate(self.conflicts)}

    def merge(self) -> None:
        try:
            op = MergeProjects([self.path_edit.text().strip()], conflicts=self.choices())
            # through the window's history: a merge is a barrier, so no undo reaches back over merged work
            result = self.workspace.do(op, self) if self.workspace is not None else run(self.project, op)
            self.report = result.value[0]
        except UserError as exc:
            self.message.setText(exc.message)
            return
        self.summary.setPlainText("\n".join(self.report.lines()))
        self.message.setText(self.tr("Merged. The summary is kept in the project log."))
        self.merge_button.setEnabled(False)


def _project_of(window):
    workspace = getattr(window, "workspace", None)
    return getattr(workspace, "project", None) or getattr(window, "project", None)


def install(main_window) -> QAction:
    """File > Merge coder project…"""
    action = QAction(QCoreApplication.translate("MergeDialog", "Merge coder project…"), main_window)

    def run():
        project = _project_of(main_window)
        if project is None:
            return
        dialog = MergeDialog(project, main_window)
        dialog.workspace = getattr(main_window, "workspace", None)
        dialog.open()

    action.triggered.connect(run)
    action.setProperty("writes", True)  # disabled in a read-only project
    main_window.add_menu_action("File", action)
    return action
