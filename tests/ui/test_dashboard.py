"""The dashboard: 'Computing…' while it works, cards and chart bars open the supplier table filtered."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from workbench.cases.portfolio import PortfolioSummary
from workbench.cases.suppliers import create_supplier
from workbench.data.store import Store
from workbench.ui.app import create_window
from workbench.ui.main_window import MainWindow
from workbench.ui.views.dashboard import COMPUTING, DashboardView, alert_text
from workbench.ui.views.suppliers import SuppliersView


def _portfolio(store: Store) -> None:
    with store.transaction() as s:
        create_supplier(s, {"legal_name": "Nordic Organic Cotton AB", "country": "SE"})
        create_supplier(
            s,
            {
                "legal_name": "Kashgar Yarn Mill",
                "country": "CN",
                "region": "Xinjiang Uyghur Autonomous Region",
            },
        )


def test_while_computing_the_chart_says_computing_not_the_empty_text(qtbot: QtBot, store: Store) -> None:
    window = create_window(store)
    qtbot.addWidget(window)
    dashboard = window.views["dashboard"]
    assert isinstance(dashboard, DashboardView)
    assert dashboard.summary is None and dashboard.chart.empty_text == COMPUTING
    window.show()
    qtbot.waitUntil(lambda: dashboard.summary is not None, timeout=30_000)
    assert dashboard.chart.empty_text.startswith("Add suppliers")
    window.ctx.close()


def _shown_names(view: SuppliersView) -> list[str]:
    return sorted(view.model.index(r, 0).data() for r in range(view.model.rowCount()))


def test_cards_and_bars_open_the_supplier_table_filtered(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    _portfolio(store)
    dashboard = window.views["dashboard"]
    dashboard.refresh()
    wait_idle(qtbot, window)
    assert dashboard.summary.by_level["severe"] == 1
    dashboard.cards["nexus"].clicked.emit()
    wait_idle(qtbot, window)
    suppliers = window.views["suppliers"]
    assert window.current_key() == "suppliers" and suppliers.risk.currentData() == "nexus"
    assert _shown_names(suppliers) == ["Kashgar Yarn Mill"]
    window.show_view("dashboard")
    dashboard.cards["suppliers"].clicked.emit()
    wait_idle(qtbot, window)
    assert suppliers.risk.currentData() is None and len(_shown_names(suppliers)) == 2
    window.show_view("dashboard")
    qtbot.wait(20)
    row = dashboard.chart.rows[0]  # "Severe"
    dashboard.chart.bar_clicked.emit(dashboard.chart.bar_at(row.center().x(), row.center().y()))
    wait_idle(qtbot, window)
    assert suppliers.risk.currentData() == "severe"
    assert _shown_names(suppliers) == ["Kashgar Yarn Mill"]


def test_the_banner_names_new_hits_and_older_waiting_ones_apart() -> None:
    assert alert_text(PortfolioSummary(suppliers=3, unreviewed_hits=1)) == ""
    text = alert_text(
        PortfolioSummary(suppliers=3, unreviewed_hits=3, new_since_review=1, suppliers_with_new=1)
    )
    assert "1 new hit since your last review" in text and "2 older hits found before your review" in text
