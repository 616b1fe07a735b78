"""The supplier import wizard and the export, as a user goes through them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from workbench.data.models import Supplier
from workbench.ui.main_window import MainWindow
from workbench.ui.views.supplier_export import choose_and_export_suppliers
from workbench.ui.views.supplier_import import (
    FILE_PAGE,
    MAPPING_PAGE,
    REVIEW_PAGE,
    SupplierImportDialog,
)

VENDORS = (
    "Vendor Name,国家,HS编码,Product,Vendor ID\n"
    "Hotan Sunshine Garments Co. Ltd,CN,6109.10,cotton T-shirts,V-1\n"
    "Hotan Sunshine Garments Co. Ltd,CN,6110.20,sweaters,V-1\n"
    "Saigon Nitrile Gloves JSC,VN,4015.19,gloves,V-2\n"
)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes shown, as (title, text), instead of blocking the test."""
    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, title, text, *a, **k: shown.append((title, text)))
    return shown


def _suppliers(window: MainWindow) -> list[str]:
    return window.ctx.read(lambda s: list(s.scalars(select(Supplier.legal_name).order_by(Supplier.id))))


def _wizard(qtbot: QtBot, window: MainWindow, path: Path) -> SupplierImportDialog:
    dialog = SupplierImportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.path, str(path))
    dialog.path.editingFinished.emit()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    return dialog


def _wait(qtbot: QtBot, window: MainWindow, dialog: SupplierImportDialog | None = None) -> None:
    """Until the background tasks have ended and the dialog has taken in their end."""
    qtbot.waitUntil(
        lambda: not window.ctx.runner.busy and (dialog is None or dialog.task is None), timeout=20_000
    )


def test_guessed_columns_preview_duplicates_then_import(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, messages: list[tuple[str, str]]
) -> None:
    path = tmp_path / "vendors.csv"
    path.write_bytes(VENDORS.encode("gb18030"))
    dialog = _wizard(qtbot, window, path)
    assert dialog.pages.currentIndex() == MAPPING_PAGE
    assert "gb18030" in dialog.file_info.text()
    chosen = [dialog.combo(r).currentData() for r in range(dialog.mapping_table.rowCount())]
    assert chosen == ["name", "country", "hs_code", "product", None]  # "Vendor ID" is not guessed
    assert dialog.mapping_table.item(0, 1).text() == "Hotan Sunshine Garments Co. Ltd"

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == REVIEW_PAGE
    assert not dialog.import_button.isEnabled()  # not before the duplicate report is in
    _wait(qtbot, window, dialog)
    headers = [dialog.preview_table.horizontalHeaderItem(c).text() for c in range(5)]
    assert headers == ["Where", "Supplier name", "Country", "HS code", "Product"]
    assert dialog.preview_table.rowCount() == 3
    assert dialog.preview_table.item(2, 1).text() == "Saigon Nitrile Gloves JSC"
    assert "line 2, line 3: 2 rows for one supplier" in dialog.report_text.toPlainText()
    assert "Nothing has been saved yet" in dialog.report_label.text()
    assert _suppliers(window) == []

    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.ctx.changed, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    assert _suppliers(window) == ["Hotan Sunshine Garments Co. Ltd", "Saigon Nitrile Gloves JSC"]
    assert dialog.result() == dialog.DialogCode.Accepted
    assert messages[-1][0] == "Suppliers imported" and "2 new suppliers, 3 products added" in messages[-1][1]


def test_the_mapping_can_be_corrected_and_needs_a_name(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, messages: list[tuple[str, str]]
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Lieferant,Land\nMüller Weberei GmbH,DE\n", encoding="cp1252")
    dialog = _wizard(qtbot, window, path)
    assert [dialog.combo(r).currentData() for r in range(2)] == [None, None]
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == MAPPING_PAGE
    assert "Choose the column that holds the supplier name" in dialog.error.text()
    dialog.combo(0).setCurrentIndex(dialog.combo(0).findData("name"))
    dialog.combo(1).setCurrentIndex(dialog.combo(1).findData("name"))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert "one column only: Supplier name" in dialog.error.text()
    dialog.combo(1).setCurrentIndex(dialog.combo(1).findData("country"))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window, dialog)
    assert dialog.preview_table.item(0, 1).text() == "Müller Weberei GmbH"
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == MAPPING_PAGE


def test_a_bad_row_is_shown_with_file_line_and_field_and_nothing_is_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, messages: list[tuple[str, str]]
) -> None:
    path = tmp_path / "vendors.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Vendors"
    ws.append(["Supplier Name", "Country", "HS Code"])
    ws.append(["Good Supplier Ltd", "CN", "6109.10"])
    ws.append(["Bad Code Ltd", "CN", "84"])
    book.save(path)
    dialog = _wizard(qtbot, window, path)
    assert "sheet Vendors" in dialog.file_info.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window, dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window, dialog)
    title, text = messages[-1]
    assert title == f"Importing {path.name} failed"
    assert f"{path}, sheet 'Vendors', row 3: HS Code: '84' is not an HS code" in text
    assert "nothing was imported" in dialog.report_label.text()
    assert dialog.isVisible() and dialog.pages.currentIndex() == REVIEW_PAGE
    assert window.ctx.read(lambda s: s.scalar(select(func.count()).select_from(Supplier))) == 0


def test_a_file_that_cannot_be_read_stays_on_the_first_page(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
    dialog = _wizard(qtbot, window, path)
    assert dialog.pages.currentIndex() == FILE_PAGE
    assert "Excel 97-2003" in dialog.error.text()


def test_export_from_the_file_menu_runs_in_the_background(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:
    from workbench.cases.suppliers import create_supplier

    window.ctx.write(lambda s: create_supplier(s, {"legal_name": '=HYPERLINK("x") Ltd', "country": "CN"}))
    target = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV, UTF-8 (*.csv)"))
    task = choose_and_export_suppliers(window.ctx, window)
    assert task is not None
    _wait(qtbot, window)
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "not screened" in text
    assert messages[-1] == ("Suppliers exported", f"Exported 1 suppliers to {tmp_path / 'out.csv'}.")


def test_the_file_menu_opens_the_wizard_and_the_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list
) -> None:
    titles = [a.text() for a in window.file_menu.actions()]
    assert "Import &suppliers…" in titles and "Export s&uppliers…" in titles
    window.act_import_suppliers.trigger()
    [dialog] = window.findChildren(SupplierImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "s.xlsx"), ""))
    window.act_export_suppliers.trigger()
    _wait(qtbot, window)
    assert openpyxl.load_workbook(tmp_path / "s.xlsx").active["B1"].value == "Supplier Name"
