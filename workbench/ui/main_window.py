"""The main window: navigation sidebar, the views, menus, toolbar, status bar and shortcuts."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from workbench import __version__, paths
from workbench.ui import settings as ui_settings
from workbench.ui.context import AppContext
from workbench.ui.icons import app_icon
from workbench.ui.logs import log_file
from workbench.ui.views.base import View
from workbench.ui.widgets.task_progress import TaskProgress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str
    target: str  # "module:Class", imported when the view is first shown
    icon: QStyle.StandardPixmap


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "dashboard",
        "Dashboard",
        "workbench.ui.views.dashboard:DashboardView",
        QStyle.StandardPixmap.SP_ComputerIcon,
    ),
    ViewSpec(
        "suppliers",
        "Suppliers",
        "workbench.ui.views.suppliers:SuppliersView",
        QStyle.StandardPixmap.SP_DirHomeIcon,
    ),
    ViewSpec(
        "review",
        "Screening & Review",
        "workbench.ui.views.review:ReviewView",
        QStyle.StandardPixmap.SP_FileDialogContentsView,
    ),
    ViewSpec(
        "indicators",
        "Indicators",
        "workbench.ui.views.indicators:IndicatorsView",
        QStyle.StandardPixmap.SP_MessageBoxWarning,
    ),
    ViewSpec(
        "measures",
        "Measures",
        "workbench.ui.views.measures:MeasuresView",
        QStyle.StandardPixmap.SP_FileDialogDetailedView,
    ),
    ViewSpec(
        "memos", "Memos", "workbench.ui.views.memos:MemosView", QStyle.StandardPixmap.SP_DialogSaveButton
    ),
    ViewSpec(
        "tracing",
        "Supply-chain tracing",
        "workbench.ui.views.supply_map:TracingView",
        QStyle.StandardPixmap.SP_DirLinkIcon,
    ),
)


SHORTCUTS = (  # what F1 lists: every shortcut of the window
    ("Ctrl+N", "New supplier"),
    ("Ctrl+F", "Search the current view"),
    ("Ctrl+E", "Export a signed memo"),
    ("F5", "Screen again (the selected suppliers, or all)"),
    ("Ctrl+J / Ctrl+K", "Next / previous unreviewed hit"),
    ("Alt+C / Alt+D / Alt+E", "Confirm / dismiss / escalate the hit (with the rationale typed)"),
    ("Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y", "Undo / redo (e.g. a deleted supplier)"),
    ("Ctrl+1 … Ctrl+6", "Switch view"),
    ("Ctrl+I", "Import suppliers from a CSV or Excel file (or drop the file on the window)"),
    ("Ctrl+L", "Import a screening list"),
    ("Return", "Open the selected supplier (in the supplier table)"),
    ("Delete", "Delete the selected suppliers (Ctrl+Z brings them back)"),
    ("Tab / Shift+Tab", "Move to the next / previous control (also out of a table)"),
    ("Ctrl+Q", "Quit"),
    ("F1", "This list"),
)


SUPPLIER_FILE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def dropped_supplier_file(mime: QMimeData) -> str | None:
    """The CSV or Excel file being dragged onto the window (one local file), else None."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = urls[0].toLocalFile()
    return path if path.lower().endswith(SUPPLIER_FILE_SUFFIXES) else None


def available_views() -> tuple[ViewSpec, ...]:
    """The views whose module exists (a view ships once the core it adapts has landed)."""
    out = []
    for spec in VIEWS:
        module = spec.target.split(":")[0]
        if importlib.util.find_spec(module) is not None:
            out.append(spec)
    return tuple(out)


class MainWindow(QMainWindow):
    """The app's window. Views are created when first shown, so start-up stays fast."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Workbench — forced-labour due diligence")
        self.setWindowIcon(app_icon())
        self.specs = available_views()
        self.views: dict[str, View] = {}

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(215)
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(True)  # a CSV or Excel file dropped on the window opens the import wizard
        for spec in self.specs:
            item = QListWidgetItem(self.style().standardIcon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # placeholder until first shown
        self.nav.currentRowChanged.connect(self._show_row)

        self._build_actions()
        self._build_status_bar()
        ctx.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        ctx.runner.started.connect(self.progress.track)
        ctx.runner.ended.connect(self.progress.untrack)
        # a bound method (not a lambda), so the connection ends when this window is destroyed
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self._restore()

    # ------------------------------------------------------------------ views

    def keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def view(self, key: str) -> View:
        """The view with `key`, created on first use."""
        if key not in self.views:
            row = self.keys().index(key)
            spec = self.specs[row]
            module_name, cls_name = spec.target.split(":")
            cls = getattr(importlib.import_module(module_name), cls_name)
            view = cls(self.ctx)
            if hasattr(view, "open_view"):
                view.open_view.connect(self.show_view)
            if hasattr(view, "filter_suppliers"):
                view.filter_suppliers.connect(self.show_suppliers_rated)
            old = self.stack.widget(row)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(row, view)
            self.views[key] = view
        return self.views[key]

    def show_suppliers_rated(self, risk: str | None) -> None:
        """Open the supplier table filtered to a rating (a dashboard card or chart bar)."""
        suppliers = self.show_view("suppliers")
        suppliers.show_risk(risk)  # type: ignore[attr-defined]

    def show_view(self, key: str) -> View:
        """Switch to the view `key` (also selects it in the sidebar)."""
        row = self.keys().index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # calls _show_row
        else:
            self._show_row(row)
        return self.views[key]

    def current_key(self) -> str:
        row = self.nav.currentRow()
        return self.specs[row].key if row >= 0 else ""

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        view = self.view(self.specs[row].key)
        self.stack.setCurrentWidget(view)

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.restyle()

    def restyle(self) -> None:
        """Re-render the views' coloured rich text after the palette changed."""
        for view in self.views.values():
            view.restyle()

    # ------------------------------------------------------------------ actions

    def _action(
        self,
        text: str,
        slot,
        shortcut: QKeySequence | str | None = None,
        tip: str = "",
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                if shortcut
                else tip
            )
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.act_new_supplier = self._action(
            "&New supplier…", self.new_supplier, "Ctrl+N", "Add a supplier", sp.SP_FileIcon
        )
        self.act_search = self._action(
            "&Find…", self.focus_search, QKeySequence.StandardKey.Find, "Search the current view"
        )
        self.act_export_memo = self._action(
            "&Export memo…",
            self.export_memo,
            "Ctrl+E",
            "Export a signed due-diligence memo",
            sp.SP_DialogSaveButton,
        )
        self.act_rescreen = self._action(
            "&Re-screen",
            self.rescreen,
            "F5",
            "Screen the selected suppliers again (all when none selected)",
            sp.SP_BrowserReload,
        )
        self.act_quit = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_undo = self.ctx.undo.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.ctx.undo.createRedoAction(self, "&Redo")
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([self.act_undo, self.act_redo])

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.act_new_supplier)
        file_menu.addAction(self.act_export_memo)
        self.file_menu = file_menu
        file_menu.addSeparator()
        self.act_import_list = self._action(
            "Import screening &list…",
            self.import_list,
            "Ctrl+L",
            "Import an official screening list or a watchlist",
        )
        self.act_import_suppliers = self._action(
            "Import &suppliers…",
            self.import_suppliers,
            "Ctrl+I",
            "Add suppliers and products from a CSV or Excel file",
        )
        self.act_export_suppliers = self._action(
            "Export s&uppliers…", self.export_suppliers, None, "Save suppliers with ratings to CSV or Excel"
        )
        file_menu.addAction(self.act_import_suppliers)
        self.recent_menu = file_menu.addMenu("Recent supplier &files")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(self.act_export_suppliers)
        file_menu.addAction(self.act_import_list)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("&Back up store…", self.back_up, None, "Copy your data to a backup file")
        )
        file_menu.addAction(
            self._action("&Restore from backup…", self.restore, None, "Replace your data with a backup")
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("Se&ttings…", self.open_settings, QKeySequence.StandardKey.Preferences)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("Open &log folder", self.open_log_folder))
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_search)
        view_menu = menu.addMenu("&View")
        for i, spec in enumerate(self.specs, start=1):
            view_menu.addAction(
                self._action(spec.title, lambda _=False, k=spec.key: self.show_view(k), f"Ctrl+{i}")
            )
        screening_menu = menu.addMenu("&Screening")
        screening_menu.addAction(self.act_rescreen)
        self.act_next_hit = self._action("&Next unreviewed hit", lambda: self._review_step(1), "Ctrl+J")
        self.act_prev_hit = self._action("&Previous unreviewed hit", lambda: self._review_step(-1), "Ctrl+K")
        screening_menu.addAction(self.act_next_hit)
        screening_menu.addAction(self.act_prev_hit)
        self.screening_menu = screening_menu
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(
            self._action("&User guide", self.show_guide, None, "How to use Workbench (offline)")
        )
        help_menu.addAction(self._action("&Keyboard shortcuts", self.show_shortcuts, "F1"))
        help_menu.addAction(
            self._action("&Audit log", self.show_audit_log, None, "Every change to your data")
        )
        help_menu.addAction(self._action("&About Workbench", self.about))

        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.act_new_supplier)
        toolbar.addAction(self.act_rescreen)
        toolbar.addAction(self.act_export_memo)
        toolbar.addSeparator()
        toolbar.addAction(self.act_undo)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = TaskProgress()
        bar.addPermanentWidget(self.progress)
        self.store_label = QLabel()
        self.store_label.setObjectName("muted")
        url = self.ctx.store.engine.url
        where = paths.sqlite_file(url) or url.render_as_string(hide_password=True)
        self.store_label.setText(f"Store: {where}")
        bar.addPermanentWidget(self.store_label)

    # ------------------------------------------------------------------ commands

    def _delegate(self, key: str, method: str) -> None:
        view = self.show_view(key)
        getattr(view, method)()

    def new_supplier(self) -> None:
        if "suppliers" in self.keys():
            self._delegate("suppliers", "new_supplier")

    def export_memo(self) -> None:
        if "memos" in self.keys():
            self._delegate("memos", "export_memo")

    def rescreen(self) -> None:
        current = self.views.get(self.current_key())
        if current is not None and hasattr(current, "rescreen"):
            current.rescreen()
        elif "review" in self.keys():
            self._delegate("review", "rescreen")

    def _review_step(self, step: int) -> None:
        if "review" in self.keys():
            self.show_view("review").step_unreviewed(step)

    def focus_search(self) -> None:
        current = self.views.get(self.current_key())
        if current is not None and current.focus_search():
            return
        if "suppliers" in self.keys():
            self.show_view("suppliers").focus_search()

    def import_list(self) -> None:
        from workbench.ui.views.list_import import ListImportDialog, start_list_import

        dialog = ListImportDialog(self)
        if dialog.exec():
            start_list_import(self.ctx, *dialog.choice(), parent=self)

    def import_suppliers(self) -> None:
        from workbench.ui.views.supplier_import import open_import_wizard

        open_import_wizard(self.ctx, self)

    def import_supplier_file(self, path: str) -> None:
        """Open the import wizard on `path` (a dropped or recent file)."""
        from workbench.ui.views.supplier_import import SupplierImportDialog

        dialog = SupplierImportDialog(self.ctx, self, path=path)
        dialog.open()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = ui_settings.recent_files()
        for path in files:
            self.recent_menu.addAction(path, lambda p=path: self.import_supplier_file(p))
        if not files:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_supplier_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_supplier_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.import_supplier_file(path)

    def back_up(self) -> None:
        from workbench.ui.views.store_actions import choose_and_back_up

        choose_and_back_up(self.ctx, self)

    def restore(self) -> None:
        from workbench.ui.views.store_actions import choose_and_restore

        choose_and_restore(self.ctx, self)

    def show_guide(self) -> None:
        from workbench.ui.views.guide import GuideDialog

        self.guide = GuideDialog(self)
        self.guide.show()

    def show_audit_log(self) -> None:
        from workbench.ui.views.audit_log import AuditLogDialog

        self.audit_log = AuditLogDialog(self.ctx, self)
        self.audit_log.show()

    def export_suppliers(self) -> None:
        from workbench.ui.views.supplier_export import choose_and_export_suppliers

        choose_and_export_suppliers(self.ctx, self)

    def open_settings(self) -> None:
        from workbench.ui.views.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file().parent)))

    def show_shortcuts(self) -> None:
        table = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{table}</table>")

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Workbench",
            f"<b>Workbench {__version__}</b><br>Offline forced-labour supply-chain due diligence against "
            "the US measures on Uyghur forced labour.<br><br>"
            f"Data folder: {paths.data_dir()}<br>Log file: {log_file()}",
        )

    # ------------------------------------------------------------------ settings

    def _restore(self) -> None:
        s = ui_settings.settings()
        size = s.value("window/size")
        self.resize(size if isinstance(size, QSize) and size.isValid() else QSize(1280, 800))
        pos = s.value("window/pos")
        if isinstance(pos, QPoint) and any(
            screen.availableGeometry().contains(pos) for screen in QGuiApplication.screens()
        ):
            self.move(pos)
        if str(s.value("window/maximized", "false")).lower() == "true":
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        state = ui_settings.load_bytes("window/state")
        if state is not None:
            self.restoreState(state)
        last = ui_settings.load_str("window/view", "dashboard")
        self.show_view(last if last in self.keys() else self.keys()[0])

    def save_settings(self) -> None:
        s = ui_settings.settings()
        maximized = self.isMaximized()
        geometry = self.normalGeometry() if maximized else self.geometry()
        s.setValue("window/size", geometry.size())
        s.setValue("window/pos", self.pos() if not maximized else geometry.topLeft())
        s.setValue("window/maximized", maximized)
        s.setValue("window/state", self.saveState())
        s.setValue("window/view", self.current_key())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(view.settle_edits() for view in self.views.values()):
            event.ignore()  # the user chose Cancel: nothing typed is lost
            return
        self.save_settings()
        self.ctx.close()
        super().closeEvent(event)
