"""The background worker: results on the UI thread, failures reported, cancel and supersede."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.data.store import Store, open_store
from workbench.progress import TaskState
from workbench.ui.worker import TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    store: Store = open_store(load_builtin=False)
    r = TaskRunner(store)
    yield r
    r.close()  # cancels, waits for the workers and delivers their queued signals
    assert not r.busy
    store.dispose()


def _slow(steps: int, started: threading.Event | None = None):
    def op(_session, state: TaskState) -> int:
        if started is not None:
            started.set()
        for i in range(steps):
            state.raise_if_cancelled()
            state.set_progress(i + 1, steps, f"step {i + 1}")
            time.sleep(0.01)
        return steps

    return op


def test_success_callback_runs_on_the_ui_thread_with_the_result(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: dict[str, object] = {}

    def success(result: object) -> None:
        seen["result"] = result
        seen["ui_thread"] = QThread.currentThread() is QApplication.instance().thread()

    def op(_session, _state) -> str:
        seen["worker_thread"] = QThread.currentThread() is not QApplication.instance().thread()
        return "done"

    runner.start("Test", op, success=success)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert seen == {"worker_thread": True, "result": "done", "ui_thread": True}


def test_progress_is_reported_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    reports: list[tuple[int, int, str]] = []
    runner.start("Test", _slow(5), progress=lambda d, t, m: reports.append((d, t, m)))
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert [r[0] for r in reports] == [1, 2, 3, 4, 5]
    assert reports[-1] == (5, 5, "step 5")


def test_a_failure_reaches_the_failure_callback_not_success(qtbot: QtBot, runner: TaskRunner) -> None:
    outcome: list[object] = []

    def op(_session, _state):
        raise ValueError("bad file: line 3")

    runner.start("Import", op, success=outcome.append, failure=lambda e: outcome.append(str(e)))
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert outcome == ["bad file: line 3"]


def test_cancel_stops_the_operation_and_emits_cancelled(qtbot: QtBot, runner: TaskRunner) -> None:
    started = threading.Event()
    results: list[object] = []
    task = runner.start("Long", _slow(10_000, started), success=results.append)
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert results == []


def test_starting_the_same_key_again_supersedes_the_running_task(qtbot: QtBot, runner: TaskRunner) -> None:
    started = threading.Event()
    results: list[object] = []
    first = runner.start("Screen all", _slow(10_000, started), success=results.append, key="screen-all")
    assert started.wait(5)
    second = runner.start("Screen all", _slow(3), success=results.append, key="screen-all")
    cancelled: list[bool] = []
    first.cancelled.connect(lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert second.running is False
    assert results == [3]
    assert cancelled == [True]
    assert runner.running("screen-all") is None


def test_the_operation_gets_a_session_of_its_own(qtbot: QtBot, runner: TaskRunner) -> None:
    sessions: list[object] = []
    for _ in range(2):
        runner.start("Read", lambda s, _st: sessions.append(s))
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert len(sessions) == 2 and sessions[0] is not sessions[1]


def test_close_waits_for_the_workers_and_delivers_their_last_signals(qtbot: QtBot) -> None:
    store: Store = open_store(load_builtin=False)
    runner = TaskRunner(store)
    started = threading.Event()
    ended: list[object] = []
    runner.ended.connect(ended.append)
    results: list[object] = []
    runner.start("Long", _slow(10_000, started), success=results.append)
    assert started.wait(5)
    runner.close()
    assert not runner.busy and len(ended) == 1 and results == []
    shiboken6.delete(runner)  # nothing queued for the UI thread refers to it any more
    QApplication.processEvents()
    store.dispose()
