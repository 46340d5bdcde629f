"""What the window shows with no project open: demo, new, open, recent projects."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget


class StartPage(QWidget):
    openDemo = Signal()
    newProject = Signal()
    openProject = Signal()
    openRecent = Signal(str)

    def __init__(self, recent: list[str], parent=None):
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("<h2>BurgerAnnotator</h2><p>Code coalition agreements for citizen participation.</p>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        for text, signal in ((self.tr("Open the demo project (14 cities)"), self.openDemo),
                             (self.tr("New project..."), self.newProject), (self.tr("Open project..."), self.openProject)):
            button = QPushButton(text)
            button.setMinimumWidth(320)
            button.clicked.connect(signal.emit)
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.recent_label = QLabel(self.tr("Recent projects:"))
        box.addWidget(self.recent_label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent projects"))
        self.recent.setMaximumWidth(520)
        self.recent.itemActivated.connect(lambda item: self.openRecent.emit(item.text()))
        box.addWidget(self.recent, 0, Qt.AlignmentFlag.AlignHCenter)
        self.set_recent(recent)

    def set_recent(self, recent: list[str]) -> None:
        """Show these recent projects (a missing one greyed); the list is hidden when empty."""
        self.recent.clear()
        for path in recent:
            self.recent.addItem(path)
            if not Path(path).exists():
                self.recent.item(self.recent.count() - 1).setForeground(Qt.GlobalColor.gray)
        self.recent_label.setVisible(bool(recent))
        self.recent.setVisible(bool(recent))
