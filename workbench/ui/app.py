"""Start the desktop app: logging, crash handling, palette, the store, the main window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench import paths
from workbench.cases import audit
from workbench.data.store import Store, StoreError, open_store
from workbench.ui import crash, theme
from workbench.ui.context import AppContext
from workbench.ui.fonts import install_fonts
from workbench.ui.icons import app_icon
from workbench.ui.logs import setup_logging
from workbench.ui.main_window import MainWindow
from workbench.ui.settings import THEME_KEY, load_str

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named and themed to follow the system scheme."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    if not app.property("workbench-ready"):  # once per process, also when a test runner made the app
        app.setProperty("workbench-ready", True)
        app.setOrganizationName(paths.APP_AUTHOR)
        app.setApplicationName(paths.APP_NAME)
        app.setApplicationDisplayName("Workbench")
        app.setWindowIcon(app_icon())
        install_fonts(app)  # Chinese and Uyghur names render on machines without such fonts
        theme.choose(app, load_str(THEME_KEY, "system"))
        theme.follow_system(app)
    return app


def create_window(store: Store) -> MainWindow:
    """A main window over an open store (tests and the screenshot script use this too)."""
    return MainWindow(AppContext(store))


def open_store_or_explain() -> Store | None:
    """Open the store; on a `StoreError` show its message with the path and return None."""
    try:
        return open_store()
    except StoreError as exc:
        log.error("Cannot open the store: %s", exc)
        QMessageBox.critical(
            None,
            "Workbench cannot open its store",
            f"{exc}\n\nStore location: {paths.store_url()}\nData folder: {paths.data_dir()}",
        )
        return None


def run_app(on_ready: Callable[[MainWindow], None] | None = None) -> int:
    """Run the desktop app until the window closes; return the process exit code.

    `on_ready` (used by the start-up benchmark) runs once the window is shown and the event
    loop is taking input.
    """
    log_path = setup_logging()
    crash.install()
    log.info("Starting Workbench; log file %s", log_path)
    app = application()
    store = open_store_or_explain()
    if store is None:
        return 2
    audit.install()  # every write from the window is logged, whichever view makes it
    window = create_window(store)
    window.show()
    if on_ready is not None:
        QTimer.singleShot(0, lambda: on_ready(window))
    _schedule_smoke_exit(app, window)
    code = app.exec()
    window.ctx.close()  # quit without closing the window (smoke exit): no task may outlive the store
    store.dispose()
    log.info("Workbench closed (exit code %s)", code)
    return code


SMOKE_EXIT_ENV = "WORKBENCH_SMOKE_EXIT_AFTER_MS"


def _schedule_smoke_exit(app: QApplication, window: MainWindow) -> None:
    """With `$WORKBENCH_SMOKE_EXIT_AFTER_MS` set (installer smoke test): report the shown window, open
    every view (they are imported when first shown, so this proves the bundle has their modules), quit.
    """
    value = os.environ.get(SMOKE_EXIT_ENV, "").strip()
    if not value:
        return
    console = sys.stdout is not None  # a windowed Windows build has no console

    def report() -> None:
        log.info("Smoke test: main window shown (%s)", window.windowTitle())
        if console:
            print(f"window-shown visible={window.isVisible()} title={window.windowTitle()!r}", flush=True)
        QTimer.singleShot(0, open_views)

    def open_views() -> None:
        start, keys = window.current_key(), window.keys()
        for key in keys:
            try:
                window.show_view(key)
            except Exception:
                log.exception("Smoke test: the %s view failed to open", key)
                traceback.print_exc()
                app.exit(3)
                return
        if start:
            window.show_view(start)
        log.info("Smoke test: views opened: %s", " ".join(keys))
        if console:
            print(f"views-shown {' '.join(keys)}", flush=True)
        QTimer.singleShot(max(0, int(value)), app.quit)

    QTimer.singleShot(0, report)
