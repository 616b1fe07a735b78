"""Fixtures for the case-model tests: a fresh store on SQLite and on PostgreSQL, and a reviewer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import workbench.cases  # noqa: F401  (installs the audit hooks)
from workbench.cases.decisions import set_reviewer_name
from workbench.data.store import Store, open_store


@pytest.fixture
def store(any_url: str) -> Iterator[Store]:
    """A migrated store (no built-in measures: tests add what they need) with a reviewer name set."""
    s = open_store(any_url, load_builtin=False)
    with s.transaction() as session:
        set_reviewer_name(session, "Dana Reviewer")
    yield s
    s.dispose()


@pytest.fixture
def builtin_store(any_store: Store) -> Store:
    """The shared store with the built-in measures (SQLite and PostgreSQL) and a reviewer name set."""
    with any_store.transaction() as session:
        set_reviewer_name(session, "Dana Reviewer")
    return any_store
