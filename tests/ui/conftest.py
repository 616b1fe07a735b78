"""Fixtures for the desktop-app tests: a store in the isolated home and a main window over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.data.store import Store, open_store
from workbench.ui.app import application, create_window
from workbench.ui.main_window import MainWindow

pytestmark = pytest.mark.ui


@pytest.fixture
def store() -> Iterator[Store]:
    """The user's store in this test's own WORKBENCH_HOME (built-in measures loaded)."""
    s = open_store()
    yield s
    s.dispose()


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    """The main window, shown, over `store`; closed (and its tasks finished) afterwards."""
    application()
    win = create_window(store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dashboard = win.views.get("dashboard")
    if dashboard is not None:  # its first figures are computed just after start-up
        qtbot.waitUntil(lambda: dashboard.summary is not None, timeout=30_000)
        wait_idle(qtbot, win)
    yield win
    # Before the store is disposed and the window destroyed: no worker may still run, and every
    # signal a worker queued must have been delivered (close() does both).
    win.ctx.close()
    assert not win.ctx.runner.busy and not win.ctx.reader.busy


def wait_idle(qtbot: QtBot, win: MainWindow, timeout: int = 30_000) -> None:
    """Wait until every background task (and table page read) has reported back on the UI thread."""
    qtbot.waitUntil(lambda: not win.ctx.runner.busy and not win.ctx.reader.busy, timeout=timeout)
    for _ in range(3):  # each slot of a queued signal is its own event: let the remaining ones run
        QApplication.processEvents()
        qtbot.wait(10)


@pytest.fixture
def reviewer(store: Store) -> str:
    """A reviewer name in the settings (decisions and findings are signed with it)."""
    from workbench.cases.decisions import set_reviewer_name

    with store.transaction() as session:
        set_reviewer_name(session, "Test Reviewer")
    return "Test Reviewer"


def bulk_suppliers(store: Store, count: int, prefix: str = "Supplier") -> None:
    """Insert `count` plain suppliers quickly (a scale fixture: plain table inserts, no audit entries)."""
    from workbench.data.models import Supplier
    from workbench.data.models.cases import supplier_identity

    rows = [
        {
            "legal_name": f"{prefix} {i:06d} Trading Co",
            "identity_key": supplier_identity(f"{prefix} {i:06d} Trading Co", "Vietnam"),
            "local_name": "",
            "aliases": [],
            "country": "Vietnam",
            "region": "",
            "address": "",
            "website": "",
            "registration_id": "",
            "contact": "",
            "tier": 1,
            "notes": "",
        }
        for i in range(count)
    ]
    with store.engine.begin() as conn:
        conn.execute(Supplier.__table__.insert(), rows)


@pytest.fixture
def reviewed_supplier(store: Store, reviewer: str) -> int:
    """A supplier screened and reviewed: its one hit confirmed."""
    from workbench.cases.decisions import confirm
    from workbench.cases.screening import needs_review, screen_suppliers
    from workbench.cases.suppliers import create_supplier
    from workbench.screening import build_screener

    with store.transaction() as session:
        sid = create_supplier(session, {"legal_name": "Hetian Taida Apparel Co Ltd", "country": "China"}).id
        screen_suppliers(session, build_screener(session), [sid])
        for match in needs_review(session, sid):
            confirm(session, match.id, "Same company as the WRO names.")
    return sid
