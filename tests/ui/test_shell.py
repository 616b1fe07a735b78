"""The main window's frame: navigation, remembered state, shortcuts, palettes, errors and crashes."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QSettings, Qt, qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from workbench.data.store import Store
from workbench.errors import InputError
from workbench.ui import crash, theme
from workbench.ui import settings as ui_settings
from workbench.ui.app import application, create_window
from workbench.ui.dialogs import show_error
from workbench.ui.logs import log_file, setup_logging
from workbench.ui.main_window import MainWindow


def test_every_view_opens_from_the_sidebar(qtbot: QtBot, window: MainWindow) -> None:
    for row, key in enumerate(window.keys()):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.views[key]
        assert window.views[key].isVisible()


def test_ctrl_number_switches_views(qtbot: QtBot, window: MainWindow) -> None:
    last = len(window.keys())
    qtbot.keyClick(window, str(last), Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == window.keys()[last - 1]


def test_window_reopens_on_the_last_view_with_its_size(qtbot: QtBot, store: Store) -> None:
    application()
    first = create_window(store)
    qtbot.addWidget(first)
    first.show()
    first.resize(1111, 777)
    first.show_view("measures")
    first.close()

    second = create_window(store)
    qtbot.addWidget(second)
    second.show()
    assert second.current_key() == "measures"
    assert (second.width(), second.height()) == (1111, 777)
    second.ctx.close()


def test_settings_live_in_the_data_dir(window: MainWindow, isolated_home) -> None:
    window.close()
    assert ui_settings.settings().format() == QSettings.Format.IniFormat
    assert (isolated_home / "ui-settings.ini").is_file()


def test_dark_system_scheme_gets_the_dark_palette(qtbot: QtBot, window: MainWindow) -> None:
    app = application()
    try:
        scheme = theme.apply(app, dark=True)
        assert scheme.dark
        assert app.palette().window().color().lightness() < 80
        assert app.palette().text().color().lightness() > 180
    finally:
        theme.apply(app, dark=False)
    assert app.palette().window().color().lightness() > 200


def test_a_user_error_is_shown_as_its_message(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: shown.append((title, text)))
    show_error(window, "Import failed", InputError("suppliers.csv, line 4: the country is missing"))
    assert shown == [("Import failed", "suppliers.csv, line 4: the country is missing")]


def test_an_unexpected_exception_is_logged_and_shows_the_log_path(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    setup_logging()
    dialogs: list[crash.CrashDialog] = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: dialogs.append(self) or 0)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        crash.handle_exception(*sys.exc_info())
    assert len(dialogs) == 1
    assert "boom in a slot" in dialogs[0].details.toPlainText()
    assert str(log_file()) in dialogs[0].message.text()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "RuntimeError: boom in a slot" in log_file().read_text(encoding="utf-8")


def test_qt_warnings_go_to_the_log(window: MainWindow) -> None:
    setup_logging()
    previous = qInstallMessageHandler(crash.qt_message_handler)
    try:
        qWarning("a warning from Qt")
    finally:
        qInstallMessageHandler(previous)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "Qt: a warning from Qt" in log_file().read_text(encoding="utf-8")


def test_dashboard_names_the_dataset_version_and_its_coverage(qtbot: QtBot, window: MainWindow) -> None:
    from tests.ui.conftest import wait_idle

    dashboard = window.show_view("dashboard")
    wait_idle(qtbot, window)
    text = dashboard.dataset_label.text()
    assert "Measures dataset 2" in text and "named parties" in text
    assert "Not covered" in text  # the dataset's own coverage statement


def test_ctrl_n_opens_the_new_supplier_dialog_and_ctrl_e_the_memo_export(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    from workbench.ui.views.memos import MemosView
    from workbench.ui.views.supplier_dialog import SupplierDialog

    opened: list[str] = []
    monkeypatch.setattr(SupplierDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["New supplier"]
    assert window.current_key() == "suppliers"

    monkeypatch.setattr(MemosView, "export_memo", lambda self: opened.append("export") or False)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened[-1] == "export"
    assert window.current_key() == "memos"


def test_switching_the_system_to_dark_restyles_the_window(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    app = application()
    hints = QGuiApplication.styleHints()
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.current().dark
        assert app.palette().window().color().lightness() < 80
    finally:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.current().dark
