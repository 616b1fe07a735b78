"""Exporting suppliers with rating, open hits and decision status; formula-like text is defused."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from tests.cases.helpers import TAIDA_WRO, ScriptedScreener, entity, hit
from tests.supplier_files.conftest import counts
from workbench.cases.decisions import confirm, dismiss
from workbench.cases.screening import screen_suppliers
from workbench.cases.supplier_files import EXPORT_HEADER, export_suppliers, import_file, safe_text
from workbench.cases.suppliers import add_product, create_supplier
from workbench.data.models import Match
from workbench.data.store import Store
from workbench.errors import InputError

HOSTILE = "=cmd|' /C calc'!A0"
TAIDA = entity("builtin:taida", "Hetian Taida Apparel Co., Ltd.", TAIDA_WRO)
OTHER = entity("builtin:other", "Xinjiang Other Apparel Co., Ltd.", TAIDA_WRO)
THIRD = entity("builtin:third", "Third Listed Co., Ltd.", TAIDA_WRO)


def _portfolio(store: Store) -> None:
    """Three suppliers: one with two open hits and a dismissed one, one confirmed, one hostile and clean."""
    with store.transaction() as s:
        taida = create_supplier(
            s, {"legal_name": "Hetian Taida Apparel", "country": "CN", "region": "Xinjiang"}
        )
        add_product(s, taida.id, {"description": "cotton T-shirts", "hs_code": "6109.10"})
        create_supplier(s, {"legal_name": "Confirmed Co", "country": "CN"})
        create_supplier(
            s,
            {
                "legal_name": HOSTILE,
                "local_name": "<b>Acme</b> & Sons",
                "aliases": ["+1 Trading", "@SUM(A1)", "-2 Ltd"],
                "address": "-5 Main Road",
                "country": "US",
            },
        )
        screener = ScriptedScreener(
            {
                "Hetian Taida Apparel": [hit(TAIDA, 95), hit(OTHER, 90), hit(THIRD, 85)],
                "Confirmed Co": [hit(TAIDA, 92)],
            }
        )
        screen_suppliers(s, screener, threshold=80)
    with store.transaction() as s:
        matches = {(m.supplier.legal_name, m.entity_key): m.id for m in s.query(Match)}
        dismiss(s, matches[("Hetian Taida Apparel", "builtin:third")], "Different company: other address.")
        confirm(s, matches[("Confirmed Co", "builtin:taida")], "Same registration number as the listing.")


def test_csv_export_has_rating_open_hits_and_decision_status(store: Store, tmp_path: Path) -> None:
    _portfolio(store)
    out = tmp_path / "suppliers.csv"
    with store.session() as s:
        assert export_suppliers(s, out) == 3
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the UTF-8 as UTF-8
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["Supplier Name"]: r for r in csv.DictReader(fh)}
    assert list(rows["Confirmed Co"]) == list(EXPORT_HEADER)
    taida = rows["Hetian Taida Apparel"]
    assert (taida["Open Hits"], taida["Confirmed Hits"], taida["Dismissed Hits"]) == ("2", "0", "1")
    assert (taida["Decision Status"], taida["Risk Rating"], taida["UFLPA Presumption"]) == (
        "review pending",
        "severe",
        "yes",
    )  # Xinjiang region
    assert taida["Products"] == "cotton T-shirts" and taida["Product HS codes"] == "6109.10"
    assert taida["Last Screened"] != ""
    confirmed = rows["Confirmed Co"]
    assert (confirmed["Open Hits"], confirmed["Confirmed Hits"], confirmed["Decision Status"]) == (
        "0",
        "1",
        "match confirmed",
    )
    assert confirmed["Risk Rating"] in ("high", "severe")
    hostile = rows["'" + HOSTILE]
    assert hostile["Local Name"] == "<b>Acme</b> & Sons"
    assert hostile["Aliases"] == "'+1 Trading; @SUM(A1); -2 Ltd"
    assert hostile["Address"] == "'-5 Main Road"
    assert (hostile["Decision Status"], hostile["Open Hits"]) == ("no hits", "0")


def test_xlsx_export_is_the_same_with_text_cells_only(store: Store, tmp_path: Path) -> None:
    _portfolio(store)
    out = tmp_path / "suppliers.xlsx"
    with store.session() as s:
        assert export_suppliers(s, out) == 3
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "Suppliers"
    header = [c.value for c in ws[1]]
    assert tuple(header) == EXPORT_HEADER
    rows = {r[1].value: {h: c for h, c in zip(header, r, strict=True)} for r in ws.iter_rows(min_row=2)}
    taida = rows["Hetian Taida Apparel"]
    assert (taida["Open Hits"].value, taida["Dismissed Hits"].value, taida["Risk Rating"].value) == (
        2,
        1,
        "severe",
    )
    hostile = rows["'" + HOSTILE]
    assert all(c.data_type != "f" for c in hostile.values())  # nothing Excel would evaluate
    assert hostile["Supplier Name"].data_type == "s"
    assert hostile["Local Name"].value == "<b>Acme</b> & Sons"


def test_an_exported_file_imports_back_as_the_same_suppliers(store: Store, tmp_path: Path) -> None:
    _portfolio(store)
    out = tmp_path / "suppliers.xlsx"
    with store.session() as s:
        export_suppliers(s, out)
    before = counts(store)
    with store.transaction() as s:
        summary = import_file(s, out)  # headers guessed: Supplier Name, Local Name, Country, ...
    assert (summary.rows, summary.created, summary.unchanged) == (3, 0, 3)  # the apostrophe is undone
    assert counts(store)[:2] == before[:2]


def test_export_needs_a_csv_or_xlsx_name(store: Store, tmp_path: Path) -> None:
    with store.session() as s, pytest.raises(InputError, match=r"\.csv or \.xlsx"):
        export_suppliers(s, tmp_path / "suppliers.ods")
    with store.session() as s, pytest.raises(InputError, match="does not exist"):
        export_suppliers(s, tmp_path / "missing" / "suppliers.csv")
    assert not list(tmp_path.glob("*suppliers*"))  # no file, no temporary file left


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+86 10 1234", "'+86 10 1234"),
        ("-", "'-"),
        ("@x", "'@x"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_text(text: str, safe: str) -> None:
    assert safe_text(text) == safe
