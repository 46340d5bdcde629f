"""Under the document list: the document scales (DIEPGANG) of the current document as
judged by the current coder, the document's attributes (a dialog) and the coder's memo on it."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from burgerannotator.core.codebook import scales
from burgerannotator.core.ops import SetAttributes, SetScaleValue
from burgerannotator.core.scales import scale_value

from .errors import guarded


class DocumentDetails(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.workspace = None
        self.form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        self.attributes_button = QPushButton(self.tr("Attributes..."))
        self.attributes_button.setToolTip(self.tr("Edit this document's attributes (city, rank, ...)"))
        self.attributes_button.clicked.connect(self.edit_attributes)
        self.memo_button = QPushButton(self.tr("Memo..."))
        self.memo_button.setToolTip(self.tr("Your memo on this document"))
        self.memo_button.clicked.connect(lambda: self.memo_requested())
        self.memo_requested = lambda: None  # set by the main window
        buttons = QHBoxLayout()
        buttons.addWidget(self.attributes_button)
        buttons.addWidget(self.memo_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 0, 4, 4)
        box.addLayout(self.form)
        box.addLayout(buttons)

    def set_workspace(self, workspace) -> None:
        self.workspace = workspace
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = {}
        for scale in scales(workspace.project):
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.addItem("—", None)
            for v in scale.values:
                combo.addItem(f"{v['value']} {v.get('label', '')}".strip(), v["value"])
                combo.setItemData(combo.count() - 1, v.get("definition", ""), 3)  # tooltip role
            combo.setToolTip(scale.description or scale.name)
            combo.activated.connect(lambda _i, sc=scale, c=combo: self._set_scale(sc, c.currentData()))
            self.form.addRow(scale.name + ":", combo)
            self.combos[scale.scale_id] = combo
        for signal in (workspace.documentChanged, workspace.coderChanged):
            signal.connect(lambda *_a: self.refresh())
        workspace.listen(self, ("scales", "documents"), lambda _c, _i: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        s = self.workspace
        doc = s.document if s else None
        self.setEnabled(doc is not None)
        if doc is None:
            return
        for scale in scales(s.project):
            combo = self.combos.get(scale.scale_id)
            if combo is not None:
                value = scale_value(s.project, doc, scale, s.coder)
                combo.setCurrentIndex(max(0, combo.findData(value)))

    @guarded
    def _set_scale(self, scale, value) -> None:
        s = self.workspace
        s.do(SetScaleValue(s.document.uuid, scale.uuid, s.coder.uuid, value), self)

    @guarded
    def edit_attributes(self) -> None:
        doc = self.workspace.document if self.workspace else None
        if doc is None:
            return
        dialog = AttributesDialog(dict(doc.attributes or {}), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_attributes(doc, dialog.values())

    def apply_attributes(self, doc, new: dict) -> None:
        old = dict(doc.attributes or {})
        if new != old:
            self.workspace.do(SetAttributes(doc.uuid, {key: new.get(key) for key in set(old) | set(new)}), self)


class AttributesDialog(QDialog):
    def __init__(self, attributes: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Document attributes"))
        self.resize(420, 360)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName(self.tr("Document attributes"))
        self.table.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for key, value in attributes.items():
            self._add(key, value)
        add = QPushButton(self.tr("Add attribute"))
        add.clicked.connect(lambda: self._add("", ""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.table, 1)
        box.addWidget(add)
        box.addWidget(buttons)

    def _add(self, key, value) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(str(key)))
        self.table.setItem(row, 1, QTableWidgetItem(str(value)))

    def values(self) -> dict:
        out = {}
        for row in range(self.table.rowCount()):
            key = (self.table.item(row, 0).text() if self.table.item(row, 0) else "").strip()
            value = (self.table.item(row, 1).text() if self.table.item(row, 1) else "").strip()
            if key and value:
                out[key] = int(value) if value.isdigit() and len(value) < 10 else value
        return out
