"""Screening runs in the background: progress, Cancel, and a second "Screen all" superseding the first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import bulk_suppliers, wait_idle
from workbench.cases.queries import list_suppliers
from workbench.data.store import Store
from workbench.ui.main_window import MainWindow
from workbench.ui.views.review import ReviewView


def _any_screened(store: Store) -> bool:
    with store.session() as session:
        page = list_suppliers(session, sort="last_screened_at", descending=True, limit=1)
    return any(r.last_screened_at is not None for r in page.rows)


def test_cancelling_a_long_screening_changes_nothing(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    bulk_suppliers(store, 4000)
    review = window.show_view("review")
    assert isinstance(review, ReviewView)
    progress: list[int] = []
    task = review.screen_all()
    task.progress.connect(lambda done, _total, _msg: progress.append(done))
    assert review.cancel_button.isVisible() and review.progress.isVisible()
    qtbot.waitUntil(lambda: any(p > 0 for p in progress), timeout=30_000)
    with qtbot.waitSignal(task.cancelled, timeout=30_000):
        qtbot.mouseClick(review.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert not review.cancel_button.isVisible()
    assert "cancelled" in review.progress_label.text()
    assert not _any_screened(store)
    assert review.model.rowCount() == 0


def test_a_second_screen_all_supersedes_the_first(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    bulk_suppliers(store, 1500)
    review = window.show_view("review")
    first = review.screen_all()
    cancelled: list[bool] = []
    first.cancelled.connect(lambda: cancelled.append(True))
    second = review.screen_all()
    finished: list[object] = []
    second.finished.connect(finished.append)
    wait_idle(qtbot, window, timeout=120_000)
    assert first.superseded
    assert len(finished) == 1 and finished[0].suppliers == 1500
    assert _any_screened(store)
    assert not review.progress.isVisible()


def test_the_status_bar_shows_the_running_task_and_its_cancel_button_stops_it(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    bulk_suppliers(store, 4000)
    review = window.show_view("review")
    task = review.screen_all()
    qtbot.waitUntil(lambda: window.progress.bar.maximum() > 0, timeout=30_000)
    assert window.progress.isVisible()
    assert window.progress.task is task
    assert "of 4,000 suppliers" in window.progress.label.text()
    with qtbot.waitSignal(task.cancelled, timeout=30_000):
        qtbot.mouseClick(window.progress.cancel, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert not window.progress.isVisible()
    assert not _any_screened(store)
