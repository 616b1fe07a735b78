"""The memo and `workbench measures` say how much of the UFLPA Entity List is covered; how to refresh it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

import workbench.cases  # noqa: F401  (installs the audit hooks)
from tests.memo.conftest import flat, pdftotext
from workbench.cases.suppliers import create_supplier
from workbench.cli import main
from workbench.data.models import ListSnapshot, ScreeningRun, Watchlist
from workbench.data.store import Store, open_store
from workbench.measures.catalogue import uflpa_coverage
from workbench.memo.assemble import build_memo_data
from workbench.memo.render import render_memo

DHS = "https://www.dhs.gov/uflpa-entity-list"


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    s = open_store(sqlite_url)
    yield s
    s.dispose()


def _supplier(store: Store) -> int:
    with store.transaction() as session:
        return create_supplier(session, {"legal_name": "Mekong Safety Gloves JSC", "country": "VN"}).id


def test_coverage_of_the_shipped_uflpa_entity_list(store: Store) -> None:
    with store.session() as session:
        coverage = uflpa_coverage(session)
    assert coverage is not None
    assert (coverage.held, coverage.official, coverage.as_of) == (136, 144, date(2025, 1, 15))
    assert coverage.missing == 8
    assert coverage.short == "136 of 144 entities as of 2025-01-15 (built-in snapshot)"
    assert "136 of the 144 entities on the UFLPA Entity List as of 2025-01-15" in coverage.sentence
    assert DHS in coverage.sentence and "workbench lists import FILE --type uflpa-html" in coverage.sentence


def test_memo_states_the_uflpa_list_coverage_and_how_to_refresh_it(store: Store, tmp_path: Path) -> None:
    sid = _supplier(store)
    with store.session() as session:
        memo = build_memo_data(session, [sid], "Dana Reviewer", created=date(2026, 11, 25))
    path = tmp_path / "memo.pdf"
    path.write_bytes(render_memo(memo).pdf)
    first_page = flat(pdftotext(path, 1, 1))
    assert "UFLPA Entity List 136 of 144 entities as of 2025-01-15 (built-in snapshot)" in first_page
    assert (
        "UFLPA Entity List coverage. The built-in dataset holds 136 of the 144 entities on the UFLPA "
        "Entity List as of 2025-01-15; 8 listed entities are not in it." in first_page
    )
    assert f"download the current list from {DHS}" in first_page
    assert "workbench lists import FILE --type uflpa-html" in first_page


def test_memo_names_an_imported_uflpa_list_snapshot(store: Store, tmp_path: Path) -> None:
    sid = _supplier(store)
    with store.transaction() as session:
        watchlist = Watchlist(name="uflpa", type="uflpa-html")
        snapshot = ListSnapshot(
            id="5e1f0c3a-0000-4000-8000-000000000001",
            watchlist=watchlist,
            source_file="uflpa-entity-list.html",
            sha256="cd" * 32,
            imported_at=datetime(2026, 11, 20, 9, 30),
            rows=151,
        )
        session.add_all([watchlist, snapshot])
        session.add(ScreeningRun(threshold=70.0, list_snapshots=[snapshot.id]))
    with store.session() as session:
        memo = build_memo_data(session, [sid], "Dana Reviewer", created=date(2026, 11, 25))
    assert memo.uflpa_list.endswith("; list imported 2026-11-20 (151 rows) also screened")
    path = tmp_path / "memo.pdf"
    path.write_bytes(render_memo(memo).pdf)
    text = flat(pdftotext(path, 1, 1))
    assert f"The UFLPA Entity List imported from {DHS} on 2026-11-20 (151 rows) was screened" in text
    assert "as well as the built-in snapshot (136 of 144 entities as of 2025-01-15). Entities listed" in text


def test_measures_table_states_the_uflpa_list_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["measures", "--kind", "uflpa_entity_list"]) == 0
    out = capsys.readouterr().out
    assert "UFLPA Entity List coverage: The built-in dataset holds 136 of the 144 entities" in out
    assert DHS in out
    assert main(["measures", "--kind", "wro"]) == 0
    assert "UFLPA Entity List coverage" not in capsys.readouterr().out
