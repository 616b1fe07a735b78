"""Progress reporting and cooperative cancellation for long core operations.

Core functions take a `TaskState` (or None) instead of knowing about Qt; the UI's worker
wraps one whose callbacks emit signals, the CLI passes a plain one or none.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside a long operation when the user asked it to stop."""


ProgressCallback = Callable[[int, int, str], None]


class TaskState:
    """Carries progress out of, and a cancel request into, a running operation."""

    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._on_progress = on_progress
        self._cancel = threading.Event()

    def set_progress(self, done: int, total: int, message: str = "") -> None:
        """Report that `done` of `total` units are finished."""
        if self._on_progress is not None:
            self._on_progress(done, total, message)

    def cancel(self) -> None:
        """Ask the operation to stop at its next check."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise `Cancelled` if a cancel was requested; call this in every long loop."""
        if self._cancel.is_set():
            raise Cancelled()


def ensure_state(state: TaskState | None) -> TaskState:
    """Return `state`, or a silent one that is never cancelled."""
    return state if state is not None else TaskState()
