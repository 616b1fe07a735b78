"""Fixtures for the list import tests: sample files and a store without the built-in measures."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.data.store import Store, open_store

DATA = Path(__file__).resolve().parent.parent / "data" / "lists"


@pytest.fixture
def samples() -> Path:
    return DATA


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    """A migrated SQLite store (the list code does not need the built-in measures)."""
    opened = open_store(sqlite_url, load_builtin=False)
    yield opened
    opened.dispose()


@pytest.fixture
def ofac_folder(tmp_path: Path) -> Path:
    """sdn.csv, alt.csv and add.csv in one folder, as OFAC names them."""
    folder = tmp_path / "ofac"
    folder.mkdir()
    for kind in ("sdn", "alt", "add"):
        shutil.copy(DATA / f"{kind}_sample.csv", folder / f"{kind}.csv")
    return folder
