"""The Matrix view: documents x codes as a heat map; clicking a cell lists its segments.

The numbers come from ``core.matrix.build_matrix`` (one query), the segments behind a
cell from ``core.matrix.cell_segments``. Clicking a cell lists its segments and emits
``segment_activated(document_uuid, start, end)`` for the first, so the main window can
jump there; clicking another segment in the list jumps to that one.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Signal, QCoreApplication
from PySide6.QtGui import QAction, QBrush, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from burgerannotator.core.coders import list_coders
from burgerannotator.core.documents import list_documents, page_label
from burgerannotator.core.errors import UserError
from burgerannotator.core.matrix import (MEASURES, Matrix, build_matrix, cell_segments, document_attributes,
                                         format_value, select_coders)

from .follow import LazyRefresh, follow_blind_mode, follow_changes, is_blind, notice_label, own_codings_notice
from .matrix_header import CATEGORY_ROLE, COLOUR_ROLE, CodeHeader

TOTAL_BRUSH = QBrush(QColor("#e6e6e6"))
SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1
MEASURE_NAMES = [QT_TRANSLATE_NOOP("Measures", "presence"), QT_TRANSLATE_NOOP("Measures", "count"),
                 QT_TRANSLATE_NOOP("Measures", "coverage")]  # for pyside6-lupdate


def _blend(colour: str, share: float) -> QColor:
    """White for nothing, the code's colour for the most; in between a mix."""
    base = QColor(colour if QColor.isValidColorName(colour) else "#888888")
    t = 0.15 + 0.85 * max(0.0, min(1.0, share))
    return QColor(round(255 + (base.red() - 255) * t), round(255 + (base.green() - 255) * t),
                  round(255 + (base.blue() - 255) * t))


def _swatch(colour: str) -> QIcon:
    pix = QPixmap(10, 10)
    pix.fill(QColor(colour if QColor.isValidColorName(colour) else "#888888"))
    return QIcon(pix)


class MatrixModel(QAbstractTableModel):
    """A ``core.matrix.Matrix`` plus a Total row and column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.matrix: Matrix | None = None
        self._max = 1.0
        self._icons: dict[str, QIcon] = {}

    def set_matrix(self, matrix: Matrix | None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._max = float(matrix.values.max()) if matrix is not None and matrix.values.size else 0.0
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.columns) + 1

    def is_cell(self, index: QModelIndex) -> bool:
        m = self.matrix
        return m is not None and index.isValid() and index.row() < len(m.rows) and index.column() < len(m.columns)

    def _value(self, row: int, col: int):
        m = self.matrix
        if row < len(m.rows) and col < len(m.columns):
            return m.values[row, col]
        if row < len(m.rows):
            return m.row_totals[row]
        if col < len(m.columns):
            return m.column_totals[col]
        return m.grand_total

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.matrix is None:
            return None
        m, r, c = self.matrix, index.row(), index.column()
        value = self._value(r, c)
        cell = self.is_cell(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if cell and not value else format_value(m.measure, value)
        if role == Qt.ItemDataRole.BackgroundRole:
            if not cell:
                return TOTAL_BRUSH
            if value:
                return QBrush(_blend(m.columns[c].color, float(value) / self._max if self._max else 1.0))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and cell and value:
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            row = m.rows[r].label if r < len(m.rows) else QCoreApplication.translate("MatrixView", "All documents")
            col = m.columns[c] if c < len(m.columns) else None
            who = f" ({col.coder_name})" if col is not None and col.coder_name else ""
            what = f"{col.category} > {col.name}{who}" if col is not None else QCoreApplication.translate("MatrixView", "all codes")
            return f"{row} x {what}: {format_value(m.measure, value)} ({m.measure})"
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        m = self.matrix
        if m is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            col = m.columns[section] if section < len(m.columns) else None
            if role == Qt.ItemDataRole.DisplayRole:
                if col is None:
                    return QCoreApplication.translate("MatrixView", "Total")
                return f"{col.name}\n{col.coder_name}" if col.coder_name else col.name
            if role == Qt.ItemDataRole.ToolTipRole and col is not None:
                return f"{col.category} > {col.name} ({col.code_id})" + (f", {col.coder_name}" if col.coder_name else "")
            if role == CATEGORY_ROLE:
                return col.category if col is not None else ""
            if role == COLOUR_ROLE:
                return col.color if col is not None else ""
            if role == Qt.ItemDataRole.DecorationRole and col is not None:
                if col.color not in self._icons:
                    self._icons[col.color] = _swatch(col.color)
                return self._icons[col.color]
        else:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                if section >= len(m.rows):
                    return QCoreApplication.translate("MatrixView", "Total")
                row = m.rows[section]
                return row.label if role == Qt.ItemDataRole.DisplayRole else row.file_name
        return None


class MatrixView(QWidget):
    """Selectors (measure, coders, row attribute, hide empty) over the heat map and a segment list."""

    header_category_role = CATEGORY_ROLE

    segment_activated = Signal(str, int, int)  # document uuid, start, end

    def __init__(self, project=None, parent=None):
        super().__init__(parent)
        self.project = None
        self.model = MatrixModel(self)
        self.measure_box = QComboBox(self)
        self.measure_box.setAccessibleName(self.tr("Measure"))
        for measure in MEASURES:  # shown in the user's language; the core's name is the item's data
            self.measure_box.addItem(QCoreApplication.translate("Measures", measure), measure)
        self.coder_box = QComboBox(self)
        self.coder_box.setAccessibleName(self.tr("Coders"))
        self.by_box = QComboBox(self)
        self.by_box.setAccessibleName(self.tr("Rows"))
        self.hide_empty = QCheckBox(self.tr("Hide empty codes"), self)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Matrix of documents and codes"))
        self.header = CodeHeader(self.table)
        self.table.setHorizontalHeader(self.header)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.header.setDefaultSectionSize(self.header.column_width())
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        rows.setSectionResizeMode(rows.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        self.segment_list = QListWidget(self)
        self.segment_list.setAccessibleName(self.tr("Segments of the chosen cell"))
        self.status = QLabel(self)
        self.blind_notice = notice_label(self)
        self._blind_coder: str | None = None     # uuid: blind coding, locked to this coder
        self._unlocked_choice = None             # the coder choice to return to after blind mode

        bar = QHBoxLayout()
        for text, w in ((self.tr("Measure"), self.measure_box), (self.tr("Coders"), self.coder_box),
                        (self.tr("Rows"), self.by_box)):
            bar.addWidget(QLabel(text, self))
            bar.addWidget(w)
        bar.addWidget(self.hide_empty)
        bar.addStretch(1)
        # the segments of a clicked cell beside the table: the table keeps the height for all rows
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.segment_list)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.segment_list.setMinimumWidth(200)
        self.segment_list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.blind_notice)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self.refresher = LazyRefresh(self, self.refresh, 150)
        self.measure_box.currentIndexChanged.connect(self.refresh)
        self.coder_box.currentIndexChanged.connect(self.refresh)
        self.by_box.currentIndexChanged.connect(self.refresh)
        self.hide_empty.toggled.connect(self.refresh)
        self.table.clicked.connect(self._on_cell_clicked)
        self.segment_list.itemClicked.connect(self._on_item)
        self.segment_list.itemActivated.connect(self._on_item)
        if project is not None:
            self.set_project(project)

    # ---- the project ---------------------------------------------------------------------
    def set_project(self, project) -> None:
        self.project = project
        self._fill_selectors()
        self.refresher.schedule(now=True)

    KINDS = ("segments", "codebook", "documents", "coders")

    def on_changes(self, _changes, _initiator=None) -> None:
        self.refresher.schedule()

    def set_blind(self, coder_uuid: str | None, coder_name: str = "") -> None:
        """Blind coding (``coder_uuid`` given): only that coder's codings, the coder choice locked
        to them; ``None``: any coders, as chosen."""
        if coder_uuid is not None and self._blind_coder is None:
            self._unlocked_choice = self.coder_box.currentData()
        self._blind_coder = coder_uuid
        self.blind_notice.setText(own_codings_notice(coder_name) if coder_uuid else "")
        self.blind_notice.setVisible(coder_uuid is not None)
        self._fill_selectors()
        self.coder_box.setEnabled(coder_uuid is None)
        self.refresher.schedule(now=True)

    def _fill_selectors(self) -> None:
        for box in (self.coder_box, self.by_box):
            box.blockSignals(True)
        keep_coder, keep_by = self.coder_box.currentData(), self.by_box.currentText() or "city"
        self.coder_box.clear()
        self.by_box.clear()
        if self.project is not None:
            self.coder_box.addItem(self.tr("All coders pooled"), ("all", None))
            self.coder_box.addItem(self.tr("Coders side by side"), ("by-coder", None))
            for c in list_coders(self.project):
                if c.is_consensus:
                    self.coder_box.addItem(self.tr("Consensus ({name})").format(name=c.name), ("consensus", None))
            for c in list_coders(self.project, include_consensus=False):
                self.coder_box.addItem(c.name, ("coder", c.uuid))
            attrs = document_attributes(list_documents(self.project)) or ["city"]
            self.by_box.addItems(attrs)
            if self._blind_coder is not None:
                keep_coder = ("coder", self._blind_coder)
            elif self._unlocked_choice is not None:
                keep_coder, self._unlocked_choice = self._unlocked_choice, None
            i = next((i for i in range(self.coder_box.count()) if self.coder_box.itemData(i) == keep_coder), 0)
            self.coder_box.setCurrentIndex(i)  # (findData cannot compare tuples)
            self.by_box.setCurrentIndex(max(self.by_box.findText(keep_by), 0))
        for box in (self.coder_box, self.by_box):
            box.blockSignals(False)

    # ---- reading the selectors --------------------------------------------------------------
    def set_measure(self, measure: str) -> None:
        self.measure_box.setCurrentIndex(max(self.measure_box.findData(measure), 0))

    def measure(self) -> str:
        return self.measure_box.currentData() or "presence"

    def set_coders(self, mode: str, name: str | None = None) -> None:
        for i in range(self.coder_box.count()):
            kind, uuid = self.coder_box.itemData(i)
            text = self.coder_box.itemText(i)
            if kind == mode and (name is None or text == name):
                self.coder_box.setCurrentIndex(i)
                return
        raise UserError(f"No coder choice {mode} {name or ''}".strip())

    def selection(self):
        mode, uuid = self.coder_box.currentData() or ("all", None)
        if self._blind_coder is not None:
            mode, uuid = "coder", self._blind_coder
        return select_coders(self.project, mode, uuid)

    def refresh(self) -> None:
        self.segment_list.clear()
        if self.project is None:
            self.model.set_matrix(None)
            return
        try:
            matrix = build_matrix(self.project, self.measure(), self.selection(),
                                  self.by_box.currentText() or "city", self.hide_empty.isChecked())
        except UserError as exc:
            self.model.set_matrix(None)
            self.status.setText(exc.message)
            return
        self.model.set_matrix(matrix)
        self._fit_columns()
        rows, cols = matrix.shape
        self.status.setText(self.tr("{rows} documents x {cols} columns; {segment_total} segments ({description}). Click a cell to list its segments.").format(rows=rows, cols=cols, segment_total=matrix.segment_total, description=self.coder_box.currentText() or matrix.selection.description))

    def _fit_columns(self) -> None:
        """Narrow columns (the names are written upwards), wide enough for the widest value."""
        fm = self.table.fontMetrics()
        widest = max((fm.horizontalAdvance(str(self.model.index(r, c).data() or ""))
                      for r in range(self.model.rowCount()) for c in range(self.model.columnCount())), default=0)
        width = max(self.header.column_width(), widest + 10)
        for c in range(self.model.columnCount()):
            self.header.resizeSection(c, width)
        self.header.updateGeometry()
        self.table.updateGeometries()

    # ---- clicking -------------------------------------------------------------------------------
    def _on_cell_clicked(self, index: QModelIndex) -> None:
        self.segment_list.clear()
        if not self.model.is_cell(index):
            return
        matrix = self.model.matrix
        found = cell_segments(self.project, matrix, index.row(), index.column())
        for seg in found:
            text = " ".join(seg.quote.split())
            item = QListWidgetItem(f"p. {page_label(seg.document, seg.page_first)} · {seg.coder.name} · "
                                   f"{text[:160]}{'…' if len(text) > 160 else ''}")
            item.setData(SEGMENT_ROLE, (seg.document.uuid, seg.start, seg.end))
            item.setToolTip(seg.memo or seg.quote)
            self.segment_list.addItem(item)
        if found:
            self.segment_list.setCurrentRow(0)
            self._on_item(self.segment_list.item(0))

    def _on_item(self, item: QListWidgetItem) -> None:
        data = item.data(SEGMENT_ROLE) if item is not None else None
        if data:
            self.segment_activated.emit(str(data[0]), int(data[1]), int(data[2]))


def install(main_window) -> MatrixView:
    """Add the Matrix view as a tab beside the page (Analysis > Matrix) and the File > Export actions."""
    from .export_actions import add_action, export_matrix, export_workbook, project_of

    view = MatrixView(project_of(main_window), main_window)
    view.setObjectName("matrixView")
    view.segment_activated.connect(main_window.show_span)
    view.refresher.lazy = True  # hidden in the window: no work until shown
    main_window.workspaceChanged.connect(lambda s: view.set_project(s.project if s is not None else None))
    follow_changes(main_window, view, view.KINDS, view.on_changes)
    follow_blind_mode(main_window, lambda s: view.set_blind(s.coder.uuid if is_blind(s) else None,
                                                            s.coder.name if s is not None else ""))
    main_window.add_central_view("Matrix", view)
    main_window.matrix_view = view
    show = QAction(QCoreApplication.translate("MatrixView", "&Matrix (city x code)"), main_window)
    show.setShortcut(QKeySequence("Ctrl+Shift+M"))
    show.triggered.connect(lambda: main_window.show_central_view(view))
    main_window.add_menu_action("Analysis", show)
    add_action(main_window, QCoreApplication.translate("MatrixView", "Matrix (CSV or Excel)..."), lambda: export_matrix(main_window, view))
    add_action(main_window, QCoreApplication.translate("MatrixView", "Everything (Excel workbook)..."), lambda: export_workbook(main_window, view))
    return view
