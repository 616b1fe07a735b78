"""Fixtures for the desktop-app tests: a store in the isolated home and a main window over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
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
    yield win
    win.ctx.close()
