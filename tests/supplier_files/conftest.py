"""Fixtures for supplier files: a fresh store with a reviewer name, and helpers to write test files."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

import workbench.cases  # noqa: F401  (installs the audit hooks)
from workbench.cases.decisions import set_reviewer_name
from workbench.data.models import AuditEntry, Product, Supplier
from workbench.data.store import Store, open_store


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    """A migrated SQLite store without the built-in measures, with a reviewer name set."""
    s = open_store(sqlite_url, load_builtin=False)
    with s.transaction() as session:
        set_reviewer_name(session, "Dana Reviewer")
    yield s
    s.dispose()


@pytest.fixture
def both_store(any_url: str) -> Iterator[Store]:
    """The same on SQLite and on PostgreSQL in turn."""
    s = open_store(any_url, load_builtin=False)
    with s.transaction() as session:
        set_reviewer_name(session, "Dana Reviewer")
    yield s
    s.dispose()


def counts(store: Store) -> tuple[int, int, int]:
    """(suppliers, products, audit entries) in the store."""
    with store.session() as s:
        return tuple(  # type: ignore[return-value]
            int(s.scalar(select(func.count()).select_from(m)) or 0) for m in (Supplier, Product, AuditEntry)
        )


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Suppliers", *more: Any) -> Path:
    """A workbook whose first sheet holds `rows`; `more` are (sheet name, rows) pairs for further sheets."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for name, extra in more:
        other = book.create_sheet(name)
        for row in extra:
            other.append(list(row))
    book.save(path)
    return path
