"""What every view shares: the store, the UI-thread session, the task runner, undo, change events."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workbench.data.store import Store, unreadable_store
from workbench.ui.worker import TaskRunner

#: Change topics a mutating action announces; each view refreshes only for the topics it shows.
SUPPLIERS = "suppliers"
MATCHES = "matches"
INDICATORS = "indicators"
LISTS = "lists"
MEMOS = "memos"
SETTINGS = "settings"
ALL = (SUPPLIERS, MATCHES, INDICATORS, LISTS, MEMOS, SETTINGS)


class AppContext(QObject):
    """Shared services; views receive it instead of reaching for globals."""

    changed = Signal(object)  # frozenset[str] of topics
    status = Signal(str)  # a short message for the status bar
    supplier_selected = Signal(int)  # the supplier the user is working on (views follow it)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = TaskRunner(store, self)
        #: quick reads for item models (table pages), on their own thread so long tasks never delay them
        self.reader = TaskRunner(store, self, max_threads=1)
        self.undo = QUndoStack(self)
        self._session: Session | None = None
        self.current_supplier: int | None = None

    def select_supplier(self, supplier_id: int) -> None:
        """Make `supplier_id` the supplier the Indicators and Memos views show."""
        if supplier_id != self.current_supplier:
            self.current_supplier = supplier_id
            self.supplier_selected.emit(supplier_id)

    @property
    def session(self) -> Session:
        """The UI thread's session for quick reads (workers open their own)."""
        if self._session is None:
            self._session = self.store.session()
        return self._session

    def read(self, fn: Callable[[Session], Any]) -> Any:
        """Run a quick core query on the UI thread, seeing the latest committed data."""
        session = self.session
        session.expire_all()
        try:
            return fn(session)
        finally:
            if session.in_transaction():
                session.rollback()

    def write(self, fn: Callable[[Session], Any], topics: Iterable[str] = ()) -> Any:
        """Run a quick core write in one transaction, then announce `topics`.

        A busy, full or unreachable store raises `StoreError` saying so (nothing was saved).
        """
        try:
            with self.store.transaction() as session:
                result = fn(session)
        except DBAPIError as exc:
            raise unreadable_store(self.store.url, exc) from exc
        if topics:
            self.announce(*topics)
        return result

    def announce(self, *topics: str) -> None:
        """Tell the views that data under `topics` changed."""
        self.changed.emit(frozenset(topics))

    def close(self) -> None:
        for runner in (self.runner, self.reader):
            runner.close()
        if self._session is not None:
            self._session.close()
            self._session = None
