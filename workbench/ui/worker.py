"""The one way the app runs slow work: a QRunnable with progress/finished/failed signals.

The operation is a plain function `op(session, state)` from the core (or a thin lambda over one).
It gets its own session (one per thread) and a `TaskState` for progress and cancel. `success`,
`failure` and `progress` callbacks always run on the UI thread (queued signal delivery).
Starting a task under a key that is still running cancels the older one and drops its result,
so a second "Screen all" supersedes the first instead of queueing a duplicate.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, Signal
from sqlalchemy.orm import Session

from workbench.data.store import Store
from workbench.progress import Cancelled, TaskState

log = logging.getLogger(__name__)

Op = Callable[[Session, TaskState], Any]


class Task(QObject):
    """A handle on one background operation; lives on the UI thread, emits its signals there."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()  # after finished, failed or cancelled

    def __init__(self, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.state = TaskState(on_progress=self._report)
        self.running = True
        self.superseded = False

    def _report(self, done: int, total: int, message: str) -> None:
        self.progress.emit(done, total, message)

    def cancel(self) -> None:
        """Ask the operation to stop at its next check."""
        self.state.cancel()


class _Runnable(QRunnable):
    def __init__(self, store: Store, op: Op, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._store = store
        self._op = op
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            with self._store.session() as session:
                result = self._op(session, task.state)
                if session.in_transaction():
                    session.commit()
        except Cancelled:
            task.cancelled.emit()
        except Exception as exc:
            log.exception("Background task %r failed", task.label)
            task.failed.emit(exc)
        else:
            task.finished.emit(result)
        task.done.emit()


class TaskRunner(QObject):
    """Starts operations on a thread pool and keeps their handles alive until they end."""

    started = Signal(object)  # Task
    ended = Signal(object)  # Task

    def __init__(self, store: Store, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.store = store
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._by_key: dict[str, Task] = {}
        self._alive: set[Task] = set()
        self.closed = False

    def start(
        self,
        label: str,
        op: Op,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        key: str | None = None,
        ended: Callable[[Task], None] | None = None,
    ) -> Task:
        """Run `op` in the background; a running task with the same `key` is cancelled first.

        `ended(task)` runs on the UI thread once the task is over, whatever the outcome (use it rather
        than connecting to `task.done`, which the runner also uses to release the task). After
        `close()` nothing new starts: the task is returned already cancelled.
        """
        if key is not None and (old := self._by_key.get(key)) is not None and old.running:
            old.superseded = True
            old.cancel()
        task = Task(label, self)
        if progress is not None:
            task.progress.connect(lambda d, t, m: None if self._dropped(task) else progress(d, t, m))
        if success is not None:
            task.finished.connect(lambda r: None if self._dropped(task) else success(r))
        task.failed.connect(lambda e: self._failed(task, e, failure))
        task.done.connect(lambda: self._done(task, key, ended))
        if self.closed:
            task.running = False
            task.cancel()
            return task
        self._alive.add(task)
        if key is not None:
            self._by_key[key] = task
        self.started.emit(task)
        self.pool.start(_Runnable(self.store, op, task))
        return task

    def running(self, key: str) -> Task | None:
        """The running task started under `key`, if any."""
        task = self._by_key.get(key)
        return task if task is not None and task.running else None

    @property
    def busy(self) -> bool:
        """True while any task has not yet reported its end on the UI thread."""
        return bool(self._alive)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task has finished (used on quit and in tests)."""
        return self.pool.waitForDone(msecs)

    def cancel_all(self) -> None:
        for task in list(self._alive):
            task.cancel()

    def close(self, msecs: int = 30_000) -> None:
        """Cancel everything, wait for it, and drop any result still on its way (the window is closing).

        A worker's last signals (`cancelled`, `done`, ...) are queued for the UI thread; they are
        delivered here, so that no queued call refers to this runner or its tasks once it is gone
        (delivering one to a destroyed runner crashes the process).
        """
        self.closed = True
        self.cancel_all()
        if not self.wait(msecs):
            log.warning("Background tasks still running after %d ms; waiting for them to stop", msecs)
            self.wait(-1)  # a task that outlives its runner would emit into a deleted object
        self.flush()

    def flush(self) -> None:
        """Deliver the signals finished workers have queued, so every ended task is released now."""
        for _ in range(3):  # `done` follows `finished`/`failed`/`cancelled` in the queue
            if not self._alive:
                return
            QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)

    def _dropped(self, task: Task) -> bool:
        return task.superseded or self.closed

    def _failed(
        self, task: Task, exc: BaseException, failure: Callable[[BaseException], None] | None
    ) -> None:
        if self._dropped(task):
            return
        if failure is not None:
            failure(exc)
        else:
            from workbench.ui.dialogs import show_error

            show_error(None, f"{task.label} failed", exc)

    def _done(self, task: Task, key: str | None, ended: Callable[[Task], None] | None) -> None:
        task.running = False
        self._alive.discard(task)
        if key is not None and self._by_key.get(key) is task:
            del self._by_key[key]
        try:
            if ended is not None and not self.closed:
                ended(task)
            self.ended.emit(task)
        finally:
            task.deleteLater()
