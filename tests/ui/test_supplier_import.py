"""The supplier import wizard and the export, as a user goes through them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from workbench.data.models import Product, Supplier
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


def test_a_bad_row_is_shown_in_the_preview_before_import_and_blocks_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "vendors.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Vendors"
    ws.append(["Supplier Name", "Country", "HS Code", "Product"])
    ws.append(["Good Supplier Ltd", "CN", "6109.10", "T-shirts"])
    ws.append(["Bad Code Ltd", "CN", "841", "pumps"])
    book.save(path)
    dialog = _wizard(qtbot, window, path)
    assert "sheet Vendors" in dialog.file_info.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window, dialog)
    assert dialog.problems_table.isVisible() and dialog.problems_table.rowCount() == 1
    cells = [dialog.problems_table.item(0, c).text() for c in range(4)]
    assert cells[:3] == ["sheet 'Vendors', row 3", "HS code", "841"]
    assert "'841' is not an HS code" in cells[3]
    assert "1 row cannot be imported" in dialog.problems_label.text()
    assert not dialog.import_button.isEnabled()
    assert window.ctx.read(lambda s: s.scalar(select(func.count()).select_from(Supplier))) == 0


VENDORS_30 = Path(__file__).parent.parent / "data" / "supplier_files" / "apparel_vendors_30.csv"


def _review_30(qtbot: QtBot, window: MainWindow) -> SupplierImportDialog:
    dialog = _wizard(qtbot, window, VENDORS_30)
    assert dialog.pages.currentIndex() == MAPPING_PAGE
    dialog.combo(1).setCurrentIndex(dialog.combo(1).findData("local_name"))  # 供应商名称
    assert {"name", "local_name", "country", "hs_code", "product"} <= set(dialog.mapping())
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window, dialog)
    return dialog


def test_a_real_30_row_file_with_headings_and_chinese_names_lists_its_two_bad_rows_before_import(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _review_30(qtbot, window)
    hs_column = next(
        c
        for c in range(dialog.preview_table.columnCount())
        if dialog.preview_table.horizontalHeaderItem(c).text() == "HS code"
    )
    assert dialog.preview_table.item(0, hs_column).text() == "6109 (heading)"
    where = sorted(dialog.problems_table.item(r, 0).text() for r in range(dialog.problems_table.rowCount()))
    assert where == ["line 28", "line 29"]
    assert not dialog.import_button.isEnabled()


def test_skip_these_rows_imports_the_other_28_with_their_chinese_names(
    qtbot: QtBot, window: MainWindow, messages: list[tuple[str, str]]
) -> None:
    dialog = _review_30(qtbot, window)
    dialog.skip_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    names = _suppliers(window)
    assert len(names) == 28 and "Korla Jinfeng Cotton Linen Co., Ltd." not in names
    local = window.ctx.read(lambda s: set(s.scalars(select(Supplier.local_name))))
    assert "和田新源服装有限公司" in local
    assert messages[-1][0] == "Suppliers imported"


def test_fix_in_place_then_check_again_imports_all_30(
    qtbot: QtBot, window: MainWindow, messages: list[tuple[str, str]]
) -> None:
    dialog = _review_30(qtbot, window)
    table = dialog.problems_table
    for row in range(table.rowCount()):
        item = table.item(row, 2)
        item.setText("5203" if item.text() == "520" else "Alar Xinnong Cotton Pulp Co., Ltd.")
    qtbot.mouseClick(dialog.recheck_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window, dialog)
    assert dialog.problems == [] and not dialog.problems_table.isVisible()
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    names = _suppliers(window)
    assert len(names) == 30 and "Alar Xinnong Cotton Pulp Co., Ltd." in names
    codes = window.ctx.read(
        lambda s: set(
            s.scalars(select(Product.hs_code).join(Supplier).where(Supplier.legal_name.like("Korla%")))
        )
    )
    assert codes == {"5203"}


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
