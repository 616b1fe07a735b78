"""The whole due-diligence story in the window: add, screen, review, assess, see the rating change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from workbench.cases.reviewer import os_account
from workbench.ui.main_window import MainWindow
from workbench.ui.models.suppliers import COLUMNS
from workbench.ui.views.indicators import IndicatorsView
from workbench.ui.views.review import ReviewView
from workbench.ui.views.supplier_dialog import ProductDialog, SupplierDialog
from workbench.ui.views.suppliers import SuppliersView


def col(key: str) -> int:
    """The supplier table's column showing `key`."""
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def _fill_product(dialog: ProductDialog, qtbot: QtBot, hs_code: str = "8525.89") -> None:
    qtbot.keyClicks(dialog.edits["description"], "IP security cameras")
    qtbot.keyClicks(dialog.edits["hs_code"], hs_code)
    qtbot.keyClicks(dialog.edits["origin_country"], "China")


def add_supplier_through_the_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, view: SuppliersView, name: str, alias: str = ""
) -> SupplierDialog:
    """Click New supplier, type the fields, add a product in its dialog, press Save."""
    shown: list[SupplierDialog] = []

    def run_product_dialog(dialog: ProductDialog) -> int:
        _fill_product(dialog, qtbot)
        dialog.accept()
        return dialog.result()

    def run_supplier_dialog(dialog: SupplierDialog) -> int:
        shown.append(dialog)
        qtbot.keyClicks(dialog.edits["legal_name"], name)
        if alias:
            qtbot.keyClicks(dialog.edits["aliases"], alias)
        qtbot.keyClicks(dialog.edits["country"], "Netherlands")
        qtbot.mouseClick(dialog.add_product_button, Qt.MouseButton.LeftButton)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ProductDialog, "exec", run_product_dialog)
    monkeypatch.setattr(SupplierDialog, "exec", run_supplier_dialog)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.window())
    return shown[0]


def test_add_screen_confirm_assess_and_see_the_rating_change(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, reviewer: str
) -> None:
    suppliers = window.show_view("suppliers")
    assert isinstance(suppliers, SuppliersView)
    dialog = add_supplier_through_the_dialog(
        qtbot,
        monkeypatch,
        suppliers,
        "Hikvision Europe B.V.",
        "Hangzhou Hikvision Digital Technology Co., Ltd.",
    )
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert suppliers.model.total == 1
    assert suppliers.model.index(0, 0).data() == "Hikvision Europe B.V."
    assert suppliers.model.index(0, col("products")).data() == "1"  # one product
    supplier_id = suppliers.selected_ids()[0]

    indicators = window.show_view("indicators")
    assert isinstance(indicators, IndicatorsView)
    assert indicators.current_rating.level == "medium"

    window.show_view("suppliers")
    suppliers.select_supplier(supplier_id)
    qtbot.mouseClick(suppliers.screen_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)

    review = window.show_view("review")
    assert isinstance(review, ReviewView)
    wait_idle(qtbot, window)
    assert [r.entity_name for r in review.model.records] == ["Hikvision"]
    review.select_row(0)
    assert "Hikvision" in review.detail.toPlainText()
    assert "Entity List" in review.detail.toPlainText()
    qtbot.mouseClick(review.confirm_button, Qt.MouseButton.LeftButton)  # no rationale yet
    assert review.model.records[0].status == "open"
    assert "rationale is required" in review.rationale_error.text()
    qtbot.keyClicks(review.rationale, "Same company: the distributor trades under the listed manufacturer.")
    qtbot.mouseClick(review.confirm_button, Qt.MouseButton.LeftButton)
    assert review.model.records[0].status == "confirmed"
    assert review.model.index(0, 3).data() == "Confirmed"

    indicators = window.show_view("indicators")
    assert indicators.supplier_id == supplier_id
    assert indicators.current_rating.level == "high"
    row = next(
        i for i, f in enumerate(indicators.model.records) if f.indicator.id == "physical_and_sexual_violence"
    )
    indicators.table.selectRow(row)
    indicators.status.setCurrentIndex(indicators.status.findData("observed"))
    qtbot.keyClicks(indicators.evidence, "Two workers describe beatings by line supervisors.")
    indicators.source_type.setCurrentIndex(indicators.source_type.findData("interview"))
    qtbot.mouseClick(indicators.save_button, Qt.MouseButton.LeftButton)
    assert indicators.model.index(row, 2).data() == "Observed"
    assert indicators.current_rating.level == "severe"
    assert "Severe" in indicators.rating.toPlainText()


def test_confirming_a_hit_requires_a_rationale(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, reviewer: str
) -> None:
    suppliers = window.show_view("suppliers")
    add_supplier_through_the_dialog(qtbot, monkeypatch, suppliers, "Hikvision")
    review = window.show_view("review")
    review.screen_all()
    wait_idle(qtbot, window)
    review.select_row(0)
    qtbot.keyClicks(review.rationale, "   ")
    assert review.decide_current("confirmed") is False
    assert review.rationale_error.isVisible()
    assert review.model.records[0].status == "open"
    review.refresh()
    wait_idle(qtbot, window)
    assert review.model.records[0].decisions == ()


def test_the_reviewer_is_asked_for_a_name_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    suppliers = window.show_view("suppliers")
    add_supplier_through_the_dialog(qtbot, monkeypatch, suppliers, "Hikvision")
    review = window.show_view("review")
    review.screen_all()
    wait_idle(qtbot, window)
    asked: list[bool] = []
    monkeypatch.setattr(review, "ask_reviewer_name", lambda: asked.append(True) or "Ana Reviewer")
    review.select_row(0)
    qtbot.keyClicks(review.rationale, "Different company: other province, other business.")
    assert review.decide_current("dismissed")
    assert asked == [True]
    account = os_account()  # the embedded store records the name with the OS account
    assert review.model.records[0].decisions[0].reviewer == f"Ana Reviewer (OS account {account})"


def test_validation_messages_appear_next_to_the_fields(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    suppliers = window.show_view("suppliers")
    dialog = suppliers.supplier_dialog()
    qtbot.addWidget(dialog)
    dialog.save()  # empty legal name
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "legal name is required" in dialog.errors.message("legal_name")
    assert suppliers.model.total == 0

    product = dialog.product_dialog()
    qtbot.addWidget(product)
    _fill_product(product, qtbot, hs_code="61A")
    product.accept()
    assert product.result() != QDialog.DialogCode.Accepted
    assert "not an HS code" in product.errors.message("hs_code")


def test_deleting_a_supplier_asks_first_and_undo_brings_it_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    suppliers = window.show_view("suppliers")
    add_supplier_through_the_dialog(qtbot, monkeypatch, suppliers, "Mekong Gloves JSC")
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.No
    )
    suppliers.table.selectRow(0)
    qtbot.mouseClick(suppliers.delete_button, Qt.MouseButton.LeftButton)
    assert asked and "Mekong Gloves JSC" in asked[0]
    wait_idle(qtbot, window)
    assert suppliers.model.total == 1

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(suppliers.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert suppliers.model.total == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert suppliers.model.total == 1
    assert suppliers.model.index(0, 0).data() == "Mekong Gloves JSC"


def test_editing_a_supplier_keeps_its_products_and_saves_changes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    suppliers = window.show_view("suppliers")
    add_supplier_through_the_dialog(qtbot, monkeypatch, suppliers, "Anatolia Denim")
    suppliers.table.selectRow(0)
    monkeypatch.undo()
    dialog = suppliers.supplier_dialog(suppliers.selected_ids()[0])
    qtbot.addWidget(dialog)
    assert dialog.product_table.rowCount() == 1
    dialog.edits["region"].setText("Denizli")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    wait_idle(qtbot, window)
    assert suppliers.model.index(0, col("region")).data() == "Denizli"
    assert suppliers.model.index(0, col("products")).data() == "1"


def test_next_and_previous_unreviewed_hit_with_the_keyboard(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, reviewer: str
) -> None:
    suppliers = window.show_view("suppliers")
    add_supplier_through_the_dialog(qtbot, monkeypatch, suppliers, "Hikvision")
    add_supplier_through_the_dialog(qtbot, monkeypatch, suppliers, "Dahua Technology")
    review = window.show_view("review")
    review.screen_all()
    wait_idle(qtbot, window)
    assert len(review.model.records) == 2
    review.select_row(0)
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert review.table.currentIndex().row() == 1
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert review.table.currentIndex().row() == 0
    qtbot.keyClicks(review.rationale, "Different company: other province, other business.")
    review.decide_current("dismissed")
    assert review.table.currentIndex().row() == 1  # moved on to the next unreviewed hit


def test_f5_rescreens_and_the_status_bar_reports_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    suppliers = window.show_view("suppliers")
    add_supplier_through_the_dialog(qtbot, monkeypatch, suppliers, "Hikvision")
    suppliers.table.clearSelection()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    wait_idle(qtbot, window)
    assert "Screened 1 supplier" in window.statusBar().currentMessage()
    assert suppliers.model.index(0, col("open_hits")).data() == "1"  # one open hit


def test_an_upstream_supplier_is_linked_to_the_supplier_it_supplies(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, store
) -> None:
    from workbench.cases.suppliers import get_supplier

    suppliers = window.show_view("suppliers")
    add_supplier_through_the_dialog(qtbot, monkeypatch, suppliers, "Anatolia Denim")
    parent_id = suppliers.model.supplier_id(0)
    monkeypatch.undo()
    dialog = suppliers.supplier_dialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edits["legal_name"], "Aksu Spinning Mill")
    dialog.tier.setValue(2)
    dialog.parent_picker.lineEdit().setText("no such supplier")
    dialog.save()
    assert "pick the supplier from the list" in dialog.errors.message("parent_id").lower()
    qtbot.waitUntil(lambda: dialog.parent_picker.count() >= 1, timeout=10_000)
    dialog.parent_picker.setCurrentIndex(dialog.parent_picker.findData(parent_id))
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with store.session() as session:
        child = get_supplier(session, dialog.saved_id)
        assert (child.tier, child.parent_id) == (2, parent_id)


def test_the_supplier_table_sorts_and_filters_by_risk_and_finds_countries_by_code(
    qtbot: QtBot, window: MainWindow, store, reviewer: str
) -> None:
    from workbench.cases.suppliers import create_supplier

    with store.transaction() as s:
        create_supplier(s, {"legal_name": "Nordic Organic Cotton AB", "country": "Sweden"})
        create_supplier(
            s,
            {
                "legal_name": "Kashgar Yarn Mill",
                "country": "China",
                "region": "Xinjiang Uyghur Autonomous Region",
            },
        )
        create_supplier(s, {"legal_name": "Saigon Knitwear Co", "country": "Vietnam"})
        create_supplier(s, {"legal_name": "Hanoi Gloves JSC", "country": "VN"})
    suppliers = window.show_view("suppliers")
    suppliers.refresh()
    wait_idle(qtbot, window)
    header = suppliers.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(col("risk")) + 5, 5),
    )
    wait_idle(qtbot, window)
    assert suppliers.model.sort_key == "risk"
    ranks = ["Low", "Medium", "High", "Severe"]
    shown = [suppliers.model.index(r, col("risk")).data() for r in range(suppliers.model.rowCount())]
    order = [ranks.index(level) for level in shown]
    assert order == sorted(order, reverse=suppliers.model.descending) and "Severe" in shown
    suppliers.risk.setCurrentIndex(suppliers.risk.findData("severe"))
    wait_idle(qtbot, window)
    names = [suppliers.model.index(r, col("legal_name")).data() for r in range(suppliers.model.rowCount())]
    assert names == ["Kashgar Yarn Mill"]
    suppliers.show_risk(None)
    qtbot.keyClicks(suppliers.country, "VN")
    suppliers.apply_filters()
    wait_idle(qtbot, window)
    assert suppliers.model.total == 2  # "Vietnam" and "VN"
    suppliers.country.setText("vietnam")
    suppliers.apply_filters()
    wait_idle(qtbot, window)
    assert suppliers.model.total == 2
