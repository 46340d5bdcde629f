"""What every table model of the window shares: one row per item, fixed named columns."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QAbstractTableModel, QModelIndex, Qt


class RowTableModel(QAbstractTableModel):
    """Subclasses set ``COLUMNS`` and keep their items in ``rows``."""

    COLUMNS: list[str] = []
    rows: list

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", self.COLUMNS[section])
        return None
