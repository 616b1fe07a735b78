"""Starting the app: the window opens on the user's store; an unusable store is explained, not hidden."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench import paths
from workbench.ui import app as ui_app
from workbench.ui.logs import log_file
from workbench.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _restore_excepthook():
    yield
    sys.excepthook = sys.__excepthook__


def test_run_app_opens_the_window_and_exits_cleanly(qapp: QApplication) -> None:
    seen: list[MainWindow] = []

    def ready(window: MainWindow) -> None:
        seen.append(window)
        QTimer.singleShot(0, window.close)

    assert ui_app.run_app(on_ready=ready) == 0
    assert seen and seen[0].windowTitle().startswith("Workbench")
    assert seen[0].current_key() == "dashboard"
    assert paths.store_path().is_file()
    assert "Starting Workbench" in log_file().read_text(encoding="utf-8")


def test_a_store_that_is_not_a_database_is_explained_and_the_app_exits(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    paths.store_path().write_bytes(b"this is not an SQLite file")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text, *_a: shown.append((title, text)))
    assert ui_app.run_app() == 2
    assert shown and "not a Workbench store" in shown[0][1]
    assert str(paths.data_dir()) in shown[0][1]
    assert paths.store_path().read_bytes() == b"this is not an SQLite file"  # left untouched
