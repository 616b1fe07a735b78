"""Official lists in, alerts on the dashboard; signed memos out, verified in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from workbench.ui.main_window import MainWindow
from workbench.ui.views.dashboard import DashboardView
from workbench.ui.views.list_import import start_list_import
from workbench.ui.views.memos import MemosView

HEADER = "name,aliases,country,address,list section,date,source URL\n"
TAIDA = '"Hetian Taida Apparel Co., Ltd.",,CN,"Hotan, Xinjiang",UFLPA Entity List,2022-06-21,https://www.dhs.gov/uflpa-entity-list\n'
CAMEL = '"Camel Group Co., Ltd.",,CN,,UFLPA Entity List,2023-08-02,https://www.dhs.gov/uflpa-entity-list\n'


def _import(qtbot: QtBot, window: MainWindow, path: Path) -> list:
    results: list = []
    start_list_import(window.ctx, path, "watchlist-csv", "uflpa", on_done=results.append)
    wait_idle(qtbot, window)
    return results


def test_a_newer_list_shows_the_diff_and_raises_a_new_hit_alert(
    qtbot: QtBot, window: MainWindow, reviewed_supplier: int, tmp_path: Path
) -> None:
    dashboard = window.show_view("dashboard")
    assert isinstance(dashboard, DashboardView)
    wait_idle(qtbot, window)
    assert not dashboard.alert.isVisible()

    first = tmp_path / "uflpa-2023.csv"
    first.write_text(HEADER + CAMEL, encoding="utf-8")
    (result,) = _import(qtbot, window, first)
    assert (result.rows, result.new_hits) == (1, 0)

    second = tmp_path / "uflpa-2024.csv"
    second.write_text(HEADER + CAMEL + TAIDA, encoding="utf-8")
    (result,) = _import(qtbot, window, second)
    assert (result.added, result.removed, result.new_hits) == (1, 0, 1)
    window.show_view("dashboard")
    wait_idle(qtbot, window)
    assert dashboard.alert.isVisible()
    assert "1 new hit since your last review" in dashboard.alert_text.text()
    qtbot.mouseClick(dashboard.alert_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "review"


def test_a_bad_list_file_shows_its_error_and_imports_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: shown.append(text))
    bad = tmp_path / "junk.csv"
    bad.write_bytes(b"\x00\x01\x02 not a list")
    assert _import(qtbot, window, bad) == []
    assert shown and "junk.csv" in shown[0]


def test_exporting_a_memo_signs_it_and_lists_it_as_valid(
    qtbot: QtBot, qtmodeltester, window: MainWindow, reviewed_supplier: int, tmp_path: Path
) -> None:
    window.ctx.select_supplier(reviewed_supplier)
    memos = window.show_view("memos")
    assert isinstance(memos, MemosView)
    assert memos.ids == [reviewed_supplier]
    assert "Hetian Taida" in memos.preview.toPlainText()
    out = tmp_path / "memo.pdf"
    memos.choose_output = lambda: out  # type: ignore[method-assign]
    assert memos.export_memo() is False  # no passphrase yet
    assert "passphrase" in memos.errors.message("passphrase")
    memos.passphrase.setText("correct horse battery")
    memos.passphrase_again.setText("correct horse battery")
    assert memos.export_memo()
    wait_idle(qtbot, window, timeout=60_000)
    wait_idle(qtbot, window, timeout=60_000)
    assert out.is_file()
    assert memos.model.rowCount() == 1
    assert memos.model.index(0, 4).data().startswith("✔ Valid")
    assert memos.passphrase.text() == ""
    qtmodeltester.check(memos.model)


def test_dropping_an_altered_pdf_reports_it_is_not_valid(
    qtbot: QtBot, window: MainWindow, reviewed_supplier: int, tmp_path: Path
) -> None:
    window.ctx.select_supplier(reviewed_supplier)
    memos = window.show_view("memos")
    out = tmp_path / "memo.pdf"
    memos.choose_output = lambda: out  # type: ignore[method-assign]
    memos.passphrase.setText("correct horse battery")
    memos.passphrase_again.setText("correct horse battery")
    memos.export_memo()
    wait_idle(qtbot, window, timeout=60_000)
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x01
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(altered))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    memos.dropEvent(drop)
    wait_idle(qtbot, window, timeout=60_000)
    assert memos.last_verification is not None and not memos.last_verification.ok
    assert "NOT VALID" in memos.drop_label.text()

    memos.verify_file(out)
    wait_idle(qtbot, window, timeout=60_000)
    assert memos.last_verification.ok
    assert "Valid" in memos.drop_label.text()


def test_typing_a_name_in_the_memo_picker_finds_and_adds_the_supplier(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, reviewed_supplier: int
) -> None:
    memos = window.show_view("memos")
    assert isinstance(memos, MemosView)
    monkeypatch.setattr(memos.picker, "showPopup", lambda: None)
    memos.ids.clear()
    memos.suppliers.clear()
    qtbot.keyClicks(memos.picker.lineEdit(), "taida")
    qtbot.waitUntil(lambda: memos.picker.count() == 1, timeout=10_000)
    assert memos.picker.itemText(0).startswith("Hetian Taida Apparel Co Ltd")
    memos.picker.activated.emit(0)
    assert memos.ids == [reviewed_supplier]
    assert "Hetian Taida" in memos.preview.toPlainText()


def test_the_list_import_dialog_needs_an_existing_file(qtbot: QtBot, tmp_path: Path) -> None:
    from workbench.ui.views.list_import import ListImportDialog

    dialog = ListImportDialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.isVisibleTo(dialog)
    sample = tmp_path / "watchlist.csv"
    sample.write_text(HEADER + CAMEL, encoding="utf-8")
    dialog.path.setText(str(sample))
    dialog.list_type.setCurrentIndex(dialog.list_type.findData("watchlist-csv"))
    dialog.name.setText("internal")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.choice() == (sample, "watchlist-csv", "internal")
