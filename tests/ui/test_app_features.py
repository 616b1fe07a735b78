"""Keyboard, drag-and-drop import, recent files, settings, user guide, audit log, backup in the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.ui.conftest import wait_idle
from workbench.cases.preferences import get_screening_threshold
from workbench.cases.suppliers import create_supplier
from workbench.data.models import Supplier
from workbench.data.store import Store
from workbench.ui import theme
from workbench.ui.main_window import SHORTCUTS, MainWindow, dropped_supplier_file
from workbench.ui.settings import ORGANISATION_KEY, load_str, recent_files, remember_file
from workbench.ui.views.audit_log import AuditLogDialog
from workbench.ui.views.guide import GuideDialog, guide_text
from workbench.ui.views.settings_dialog import SettingsDialog
from workbench.ui.views.store_actions import choose_and_back_up, choose_and_restore
from workbench.ui.views.supplier_import import SupplierImportDialog
from workbench.ui.views.suppliers import SuppliersView
from workbench.ui.widgets.task_progress import LABEL_WIDTH, TaskProgress

DOCS_GUIDE = Path(__file__).parents[2] / "docs" / "USER_GUIDE.md"


def _suppliers(qtbot: QtBot, window: MainWindow, store: Store, *names: str) -> SuppliersView:
    with store.transaction() as s:
        for name in names:
            create_supplier(s, {"legal_name": name, "country": "VN"})
    view = window.show_view("suppliers")
    assert isinstance(view, SuppliersView)
    view.refresh()
    wait_idle(qtbot, window)
    return view


def _count(store: Store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(Supplier).where(Supplier.deleted_at.is_(None))))


def test_return_opens_delete_deletes_with_undo_and_tab_leaves_the_table(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, store: Store
) -> None:
    view = _suppliers(qtbot, window, store, "Alpha Garments Ltd", "Beta Gloves JSC")
    opened: list[int | None] = []
    monkeypatch.setattr(type(view), "supplier_dialog", lambda self, sid=None: opened.append(sid) or _Closed())
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [view.selected_ids()[0]]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    wait_idle(qtbot, window)
    assert _count(store) == 1
    window.ctx.undo.undo()
    wait_idle(qtbot, window)
    assert _count(store) == 2
    assert not view.table.tabKeyNavigation()
    window.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus, timeout=2000)
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert not view.table.hasFocus()


class _Closed:
    saved_id = None

    def exec(self) -> int:
        return 0


def test_f1_lists_every_window_shortcut_including_ctrl_i(window: MainWindow) -> None:
    listed = " ".join(k for k, _ in SHORTCUTS)
    for action in window.actions():
        key = action.shortcut().toString()
        if key[:5] == "Ctrl+" and key[5:].isdigit():
            assert "Ctrl+1 … Ctrl+6" in listed  # the view switches
        elif key:
            assert key in listed, key
    assert "Ctrl+I" in listed and "F1" in listed


def test_a_long_task_message_is_elided_before_the_progress_bar(qtbot: QtBot) -> None:
    progress = TaskProgress()
    qtbot.addWidget(progress)
    progress.set_label("Rating suppliers: " + "x" * 400)
    assert progress.label.maximumWidth() == LABEL_WIDTH
    assert progress.label.text().endswith("…") and len(progress.label.toolTip()) > 400


def test_dropping_a_csv_on_the_window_opens_the_import_wizard_on_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "vendors.csv"
    path.write_text("Supplier Name,Country\nAcme Ltd,VN\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert dropped_supplier_file(mime) == str(path)
    pdf = QMimeData()
    pdf.setUrls([QUrl.fromLocalFile(str(tmp_path / "memo.pdf"))])
    assert dropped_supplier_file(pdf) is None
    opened: list[SupplierImportDialog] = []
    monkeypatch.setattr(SupplierImportDialog, "open", lambda self: opened.append(self))
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert opened and opened[0].path.text() == str(path)


def test_recent_supplier_files_are_kept_newest_first_and_offered_in_the_file_menu(
    window: MainWindow, tmp_path: Path
) -> None:
    files = [tmp_path / f"f{i}.csv" for i in range(3)]
    for f in files:
        f.write_text("name\nA\n", encoding="utf-8")
        remember_file(str(f))
    remember_file(str(files[0]))
    assert recent_files() == [str(files[0]), str(files[2]), str(files[1])]
    files[1].unlink()
    window._fill_recent()
    assert [a.text() for a in window.recent_menu.actions()] == [str(files[0]), str(files[2])]


def test_settings_save_threshold_organisation_and_theme(
    qtbot: QtBot, window: MainWindow, store: Store, reviewer: str
) -> None:
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.data_folder.text()
    dialog.organisation.setText("Acme Imports GmbH")
    dialog.threshold.setValue(82)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    with store.session() as s:
        assert get_screening_threshold(s) == 82
    assert load_str(ORGANISATION_KEY) == "Acme Imports GmbH"
    assert theme.current().dark
    app = QApplication.instance()
    theme.choose(app, "system")  # later tests follow the system again


def test_the_user_guide_is_shipped_searchable_and_matches_the_docs(qtbot: QtBot) -> None:
    assert guide_text() == DOCS_GUIDE.read_text(encoding="utf-8")
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Withhold Release Order")
    assert dialog.text.textCursor().selectedText() == "Withhold Release Order"
    assert "found" in dialog.result.text()
    dialog.search.setText("no such words anywhere")
    assert dialog.result.text() == "Not found"


def test_the_audit_log_viewer_lists_changes_and_searches_them(
    qtbot: QtBot, window: MainWindow, store: Store, reviewer: str
) -> None:
    with store.transaction() as s:
        create_supplier(s, {"legal_name": "Audited Apparel Ltd", "country": "CN"})
        create_supplier(s, {"legal_name": "Other Gloves JSC", "country": "VN"})
    dialog = AuditLogDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() >= 2
    assert dialog.chain.text().startswith("✔ Intact")
    dialog.search.setText("audited apparel")
    dialog.reload()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text().startswith("supplier")


def test_backup_and_restore_from_the_file_menu(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    with store.transaction() as s:
        create_supplier(s, {"legal_name": "Kept Ltd", "country": "VN"})
    out = tmp_path / "backup.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert choose_and_back_up(window.ctx, window) == out
    with store.transaction() as s:
        create_supplier(s, {"legal_name": "Added Later Ltd", "country": "VN"})
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert choose_and_restore(window.ctx, window)
    wait_idle(qtbot, window)
    assert _count(store) == 1
