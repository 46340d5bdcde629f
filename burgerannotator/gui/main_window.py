"""The main window: documents (left), the PDF (centre), codebook (right), segments (bottom).

Extension points for other views (matrix, agreement, search):
  * ``add_dock(title, widget, area)`` and ``add_menu_action(menu_name, action)``;
  * ``show_span(document_uuid, start, end)`` and ``show_segment(segment_uuid)`` jump to a passage;
  * ``workspace`` (the open project, coder, current document; None with no project) and the
    ``workspaceChanged(workspace)`` signal, emitted when a project is opened or closed.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QDockWidget, QLabel, QMainWindow, QStackedWidget, QTabBar, QTabWidget, QToolButton,
                               QVBoxLayout, QWidget)

from burgerannotator.core.coders import find_coder, list_coders, reader_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.ops import EnsureCoder, run
from burgerannotator.core.segments import find_segment
from burgerannotator.core.store import Project, folder_writable

from . import screen_fit, settings
from .codebook_edit import CodebookEditor
from .codebook_panel import CodebookPanel
from .coder_dialog import ask_coder_name
from .coding_actions import CodingActions
from .document_details import DocumentDetails
from .document_list import DocumentList
from .document_pane import DocumentPane
from .errors import guarded
from .memo_actions import MemoActions
from .ocr_actions import OcrActions
from .menus import build_menus
from .pdf_view.render import PageRenderer
from .project_actions import ProjectActions
from .project_notice import ProjectNotice
from .segment_table import SegmentTable
from .workspace import Workspace
from .start_page import StartPage
from .undo import UndoActions
from .views import install_views

# titles given to add_dock / add_central_view and menus made by add_menu_action, for pyside6-lupdate
# (they are translated where the panel or menu is made; the English names stay the keys)
PANEL_TITLES = [
    QT_TRANSLATE_NOOP("Panels", "Documents"), QT_TRANSLATE_NOOP("Panels", "Codebook"),
    QT_TRANSLATE_NOOP("Panels", "Segments"), QT_TRANSLATE_NOOP("Panels", "Matrix"),
    QT_TRANSLATE_NOOP("Panels", "Summary"), QT_TRANSLATE_NOOP("Panels", "Agreement"),
    QT_TRANSLATE_NOOP("Panels", "Disagreements"), QT_TRANSLATE_NOOP("Panels", "Search"),
    QT_TRANSLATE_NOOP("Panels", "Suggestions"), QT_TRANSLATE_NOOP("Panels", "Query"),
    QT_TRANSLATE_NOOP("Panels", "Co-occurrence")]
MENU_NAMES = [QT_TRANSLATE_NOOP("Menus", "&Help"), QT_TRANSLATE_NOOP("Menus", "Analysis"),
              QT_TRANSLATE_NOOP("Menus", "&Analysis")]

AREAS = {"left": Qt.DockWidgetArea.LeftDockWidgetArea, "right": Qt.DockWidgetArea.RightDockWidgetArea,
         "bottom": Qt.DockWidgetArea.BottomDockWidgetArea, "top": Qt.DockWidgetArea.TopDockWidgetArea}


class MainWindow(QMainWindow):
    workspaceChanged = Signal(object)        # Workspace | None
    spanShown = Signal(str, int, int)      # document uuid, start, end

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("BurgerAnnotator"))
        self.workspace: Workspace | None = None
        self.menus: dict = {}
        self.docks_menu = None
        self.undo_actions = UndoActions(self)
        self.renderer = PageRenderer(parent=self)
        self.pane = DocumentPane(None, self.renderer)
        self.pane.view.setAcceptDrops(False)  # files dropped on the page go to the window (import)
        self.center = QStackedWidget()
        self.start_page = self._make_start_page()
        self.center.addWidget(self.start_page)
        # the page, and beside it (as tabs, once opened) views that need room: the matrix
        self.tabs = QTabWidget()
        self.tabs.setObjectName("centralTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)  # with only the page open, no tab bar takes its room
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._docks_put_away: list[QDockWidget] = []  # hidden while a central view has the room
        self.tabs.addTab(self.pane, self.tr("Document"))
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)  # the page stays
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.LeftSide, None)
        self.center.addWidget(self.tabs)
        self.setCentralWidget(self.center)
        self.documents = DocumentList()
        self.details = DocumentDetails()
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.documents, 1)
        box.addWidget(self.details)
        self.codebook = CodebookPanel()
        self.segments = SegmentTable()
        self.segments.setAccessibleName(self.tr("Segments"))
        self.setDockNestingEnabled(True)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.add_dock("Documents", left, "left", "documents")
        self.add_dock("Codebook", self.codebook, "right", "codebook")
        self.add_dock("Segments", self.segments, "bottom", "segments")
        self.coding_actions = CodingActions(self)
        self.project_actions = ProjectActions(self)
        self.codebook_editor = CodebookEditor(self)
        self.memo_actions = MemoActions(self)
        self.ocr_actions = OcrActions(self)
        self.details.memo_requested = self.memo_actions.edit_document_memo
        build_menus(self)
        for dock in self.findChildren(QDockWidget):
            self.docks_menu.addAction(dock.toggleViewAction())
        self.documents.documentChosen.connect(self.show_document)
        self.codebook.codeClicked.connect(self.coding_actions.apply_code_uuid)
        self.codebook.contextRequested.connect(self._codebook_menu)
        self.segments.segmentActivated.connect(self.show_segment)
        self.segments.deleteRequested.connect(self.coding_actions.delete_selected)
        self.segments.contextRequested.connect(self._segment_menu)
        self.coding_actions.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.coder_label = QLabel("")
        self.failure_label = QLabel("")  # a view that failed to follow a change (stays until the next project)
        self.failure_label.setStyleSheet("QLabel { color: #b00; }")
        self.failure_label.hide()
        self.statusBar().addPermanentWidget(self.failure_label)
        switch = QToolButton(text=self.tr("Switch coder"), autoRaise=True)
        switch.clicked.connect(self.switch_coder)
        self.switch_button = switch
        self.notice = ProjectNotice(self)  # read-only, repaired, the backup made beside the window
        self.statusBar().addPermanentWidget(self.notice.label, 1)
        self.statusBar().addPermanentWidget(self.coder_label)
        self.statusBar().addPermanentWidget(switch)
        self.setAcceptDrops(True)
        install_views(self)
        # the minimum size was fixed while the views' docks were still shown: recompute it, else
        # a smaller saved geometry (small or scaled screens) is restored too large
        self.layout().activate()
        restored = settings.restore_window(self)
        if restored:
            screen_fit.clamp_to_screen(self)    # saved on a bigger screen: shrink onto this one
        else:
            screen_fit.fit_first_start(self)    # the available screen area, status bar included
        self._needs_default_layout = not restored

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._needs_default_layout:
            self._needs_default_layout = False
            self.default_layout()

    def default_layout(self) -> None:
        """Panel sizes that leave the page room on a 1366x768 screen."""
        docks = {d.objectName(): d for d in self.findChildren(QDockWidget)}
        side = max(220, min(400, self.width() // 5))  # wider on big screens: code names stay whole
        self.resizeDocks([docks["dock-documents"], docks["dock-codebook"]], [side, side + 30],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([docks["dock-segments"]], [max(140, self.height() // 5)], Qt.Orientation.Vertical)

    # ---- extension points -------------------------------------------------------------------
    def add_dock(self, title: str, widget: QWidget, area="right", name: str | None = None) -> QDockWidget:
        """Add a panel; ``area`` is 'left'|'right'|'bottom'|'top' or a Qt.DockWidgetArea."""
        dock = QDockWidget(QCoreApplication.translate("Panels", title), self)
        dock.setObjectName(f"dock-{name or title}")
        dock.setWidget(widget)
        self.addDockWidget(AREAS.get(area, area), dock)
        if self.docks_menu is not None:
            self.docks_menu.addAction(dock.toggleViewAction())
        return dock

    def add_central_view(self, title: str, widget: QWidget) -> None:
        """A view that needs room (the matrix): a tab beside the page, opened by ``show_central_view``."""
        widget.setProperty("tabTitle", title)
        widget.hide()

    def show_central_view(self, widget: QWidget) -> None:
        if self.tabs.indexOf(widget) < 0:
            self.tabs.addTab(widget, QCoreApplication.translate("Panels", widget.property("tabTitle") or ""))
        self.tabs.setCurrentWidget(widget)
        if self.workspace is not None:
            self.center.setCurrentWidget(self.tabs)

    def _close_tab(self, index: int) -> None:
        if self.tabs.widget(index) is not self.pane:
            self.tabs.removeTab(index)

    def _tab_changed(self, index: int) -> None:
        """A central view (the matrix) gets the whole window: the coding panels step aside
        while it is in front and come back with the page."""
        if self.tabs.widget(index) is self.pane or index < 0:
            docks, self._docks_put_away = self._docks_put_away, []
            for dock in docks:
                dock.show()
        elif not self._docks_put_away:
            coding = ("dock-documents", "dock-codebook", "dock-segments")  # analysis views the user opened stay
            self._docks_put_away = [d for d in self.findChildren(QDockWidget)
                                    if d.objectName() in coding and d.isVisible() and not d.isFloating()]
            for dock in self._docks_put_away:
                dock.hide()

    def add_menu_action(self, menu_name: str, action) -> None:
        """Put an action in a menu by its name ('File', 'File/Export', 'Analysis', ... or a new
        top-level menu, made on demand). File actions go above Close and Quit."""
        key = menu_name.replace("&", "")
        menu = self.menus.get(key)
        if menu is None:
            menu = self.menus[key] = self.menuBar().addMenu(QCoreApplication.translate("Menus", menu_name))
        action.setParent(action.parent() or self)
        if key == "File":
            menu.insertAction(self.file_insert_point, action)
        else:
            menu.addAction(action)

    @guarded
    def show_span(self, document_uuid: str, start: int, end: int) -> None:
        """Show a passage: open its document, scroll to it and select its text."""
        if self.workspace is None:
            return
        self.show_document(document_uuid)
        self.tabs.setCurrentWidget(self.pane)
        self.pane.view.show_span(start, end, select=True)
        self.spanShown.emit(document_uuid, start, end)

    @guarded
    def show_segment(self, segment_uuid: str) -> None:
        """Show a segment: open its document, scroll to it, select it and flash it."""
        if self.workspace is None:
            return
        seg = find_segment(self.workspace.project, segment_uuid)
        self.show_document(seg.document.uuid)
        self.tabs.setCurrentWidget(self.pane)
        if self.workspace.is_visible(seg):
            self.pane.show_segment(seg)
            self.coding_actions.select_segment(seg.uuid)
        else:
            self.pane.view.show_span(seg.start, seg.end, select=True)
        self.spanShown.emit(seg.document.uuid, seg.start, seg.end)

    # ---- project ----------------------------------------------------------------------------
    @guarded
    def open_project(self, path: str, coder_name: str | None = None) -> bool:
        # a folder that cannot be written opens for reading (issue 16); the backup is made beside
        # the window once the first page is on screen, not before it (issue 17)
        readonly = Path(path).exists() and not folder_writable(Path(path))
        project = Project.open(Path(path), readonly=readonly, make_backup=False)
        try:
            name = coder_name or settings.coder_name() or ask_coder_name(
                self, [c.name for c in list_coders(project, include_consensus=False)])
            if not name:
                project.close()
                return False
            coder = (reader_coder(project, name) if project.readonly
                     else find_coder(project, run(project, EnsureCoder(name)).value))
        except BaseException:
            project.close()
            raise
        settings.set_coder_name(name)
        self.close_project()
        self.workspace = ws = Workspace(project, coder, settings.show_others(), self, count_now=False)
        self.notice.after_first_page(ws.recount)  # counts per code and document: after the page is shown
        self.undo_actions.follow(ws)
        self.pane.set_workspace(ws)
        self.documents.set_workspace(ws)
        self.details.set_workspace(ws)
        self.codebook.set_workspace(ws)
        self.segments.set_workspace(ws, self.coding_actions.set_memo)
        self.coding_actions.set_workspace(ws)
        ws.coderChanged.connect(lambda _c: self._show_coder())
        ws.showOthersChanged.connect(lambda _v: self._show_coder())
        ws.listen(self.coder_label, ("coders",), lambda _c, _i: self._show_coder())
        ws.listenerFailed.connect(self._view_failed)
        self.center.setCurrentWidget(self.tabs)
        settings.add_recent_project(path)
        self.setWindowTitle(self.tr("{name} (read-only) — BurgerAnnotator").format(name=project.info.name)
                            if project.readonly else self.tr("{name} — BurgerAnnotator").format(name=project.info.name))
        self.notice.project_opened(project)
        self._show_coder()
        docs = self.workspace.documents()
        place = settings.last_place(project.info.uuid)
        by_uuid = {d.uuid: d for d in docs}
        if place is not None and place[0] in by_uuid:  # where the coder stopped last time
            self.workspace.set_document(by_uuid[place[0]])
            self.pane.view.go_to_page(place[1])
        elif docs:
            self.workspace.set_document(docs[0])
        self.workspaceChanged.emit(self.workspace)
        return True

    def close_project(self) -> None:
        if self.workspace is None:
            return
        if self.workspace.document is not None:
            settings.set_last_place(self.workspace.project.info.uuid, self.workspace.document.uuid,
                                    self.pane.view.current_page())
        workspace, self.workspace = self.workspace, None
        self.tabs.setCurrentWidget(self.pane)
        self.undo_actions.update()
        workspace.set_document(None)
        workspace.close()
        self.notice.project_closing()  # a backup still running stops first, leaving nothing behind
        workspace.project.close()
        workspace.deleteLater()
        self.renderer.clear()
        for model in (self.documents.model, self.codebook.model, self.segments.model_):
            model.workspace = None
            model.refresh()
        self.start_page.set_recent(settings.recent_projects())  # the project just closed is listed
        self.center.setCurrentWidget(self.start_page)
        self.setWindowTitle(self.tr("BurgerAnnotator"))
        self.coder_label.setText("")
        self.failure_label.hide()
        self.workspaceChanged.emit(None)

    @guarded
    def show_document(self, document_uuid: str) -> None:
        if self.workspace is not None and (self.workspace.document is None or self.workspace.document.uuid != document_uuid):
            self.workspace.set_document(find_document(self.workspace.project, document_uuid))

    # ---- coder -------------------------------------------------------------------------------
    @guarded
    def switch_coder(self, name: str | None = None) -> None:
        if self.workspace is None:
            return
        project = self.workspace.project
        if not name:
            name = ask_coder_name(self, [c.name for c in list_coders(project, include_consensus=False)],
                                  self.workspace.coder.name)
        if name:
            coder = find_coder(project, self.workspace.do(EnsureCoder(name)).value)
            settings.set_coder_name(name)
            self.workspace.set_coder(coder)  # clears the selection; one coder does not undo another's work

    def _view_failed(self, line: str) -> None:
        """A view raised while following a change: the others went on; say which one, where it stays seen."""
        self.failure_label.setText(line[:160])
        self.failure_label.setToolTip(line)
        self.failure_label.show()

    def set_show_others(self, value: bool) -> None:
        settings.set_show_others(bool(value))
        if self.show_others_action.isChecked() != bool(value):
            self.show_others_action.setChecked(bool(value))
        if self.workspace is not None:
            self.workspace.set_show_others(bool(value))

    def _show_coder(self) -> None:
        s = self.workspace
        if s is not None:
            mode = self.tr("others' segments shown") if s.show_others else self.tr("blind coding")
            self.coder_label.setText(self.tr("Coder: <b>{name}</b> ({mode})").format(name=s.coder.name, mode=mode))

    # ---- menus, drops, closing -------------------------------------------------------------------
    def _make_start_page(self) -> StartPage:
        page = StartPage(settings.recent_projects())
        page.openDemo.connect(lambda: self.project_actions.open_demo())
        page.newProject.connect(lambda: self.project_actions.new_project())
        page.openProject.connect(lambda: self.project_actions.open_dialog())
        page.openRecent.connect(lambda path: self.project_actions.open_recent(path))
        return page

    def _codebook_menu(self, global_pos, uuid) -> None:
        if self.workspace is not None:
            self.codebook_editor.menu(uuid).exec(global_pos)

    def _segment_menu(self, global_pos, uuid) -> None:
        menu = self.coding_actions.context_menu(uuid) if uuid else None
        if menu is not None:
            self.pane.view.clear_selection()
            menu = self.coding_actions.context_menu(uuid)
            menu.exec(global_pos)

    def dragEnterEvent(self, event) -> None:
        # any files: the ones that are not PDFs (or projects) are named after the drop, not ignored
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.project_actions.drop(paths)

    def closeEvent(self, event) -> None:
        importing = getattr(self, "import_progress", None)
        if importing is not None:  # the import stops after the file being read; then the window closes
            importing.cancel()
            self.close_after_import = True
            self.statusBar().showMessage(self.tr("Stopping the import after the current file, then closing..."))
            event.ignore()
            return
        self.tabs.setCurrentWidget(self.pane)  # the coding panels back in place before the layout is saved
        settings.save_window(self)
        self.close_project()
        self.renderer.wait(3000)
        super().closeEvent(event)
