"""Every item model passes Qt's model tester; the supplier model stays fast at 100,000 rows."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import bulk_suppliers, wait_idle
from workbench.cases.suppliers import update_supplier
from workbench.data.store import Store
from workbench.ui.main_window import MainWindow
from workbench.ui.models.suppliers import COLUMNS, SupplierFilters, SuppliersModel
from workbench.ui.views.indicators import IndicatorsView
from workbench.ui.views.memos import MemosView
from workbench.ui.views.review import ReviewView

REGION = next(i for i, c in enumerate(COLUMNS) if c.key == "region")


def _loaded(qtbot: QtBot, window: MainWindow, model: SuppliersModel) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=30_000)
    wait_idle(qtbot, window)


def test_supplier_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester, window: MainWindow, store: Store
) -> None:
    bulk_suppliers(store, 450)  # three pages
    model = SuppliersModel(window.ctx.reader)
    _loaded(qtbot, window, model)
    assert model.rowCount() == 450
    qtmodeltester.check(model)  # rows whose page is not read yet answer "Loading…" and ask for it
    _loaded(qtbot, window, model)
    qtmodeltester.check(model)  # and again with every page read
    model.set_filters(SupplierFilters(search="00012"))
    _loaded(qtbot, window, model)
    assert model.rowCount() == 11  # 000012 and 000120-000129
    qtmodeltester.check(model)


def test_hits_indicators_and_memos_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester, window: MainWindow, store: Store, reviewer: str
) -> None:
    from workbench.cases.suppliers import create_supplier

    with store.transaction() as session:
        sid = create_supplier(session, {"legal_name": "Hikvision", "country": "China"}).id
    review = window.show_view("review")
    assert isinstance(review, ReviewView)
    review.screen_all()
    wait_idle(qtbot, window)
    assert review.model.rowCount() == 1
    qtmodeltester.check(review.model)
    window.ctx.select_supplier(sid)
    indicators = window.show_view("indicators")
    assert isinstance(indicators, IndicatorsView)
    assert indicators.model.rowCount() == 11
    qtmodeltester.check(indicators.model)
    memos = window.show_view("memos")
    assert isinstance(memos, MemosView)
    qtmodeltester.check(memos.model)


def test_supplier_table_at_100000_rows_reads_only_what_is_shown_off_the_ui_thread(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    bulk_suppliers(store, 100_000)
    suppliers = window.show_view("suppliers")
    model = suppliers.model
    model.reload()
    assert model.loading  # reload() returned at once: the count and first page are read in the background
    _loaded(qtbot, window, model)
    assert model.rowCount() == 100_000

    loads = model.page_loads
    suppliers.table.scrollToBottom()
    assert model.index(99_999, 0).data() == "Loading…"  # shown at once, read in the background
    qtbot.waitUntil(lambda: model.index(99_999, 0).data() == "Supplier 099999 Trading Co", timeout=30_000)
    assert model.page_loads - loads <= 3

    target = model.supplier_id(99_999)
    with store.transaction() as session:
        update_supplier(session, target, {"region": "Binh Duong"})
    loads = model.page_loads
    assert model.refresh_supplier(target)
    qtbot.waitUntil(lambda: model.index(99_999, REGION).data() == "Binh Duong", timeout=10_000)
    assert model.page_loads - loads == 1  # one page re-read, not 100,000 rows
