"""The duplicate report before an import: rows naming one supplier, suppliers already stored, look-alikes."""

from __future__ import annotations

from pathlib import Path

from tests.supplier_files.conftest import counts, write_csv
from workbench.cases.supplier_files import find_duplicates, guess_mapping, open_table
from workbench.cases.suppliers import create_supplier
from workbench.data.store import Store

FILE = (
    "Supplier Name,Country,Registration ID,Product\n"
    "Hotan Sunshine Garments Co. Ltd,CN,,shirts\n"  # line 2: stored as is
    "Saigon Nitrile Gloves JSC,VN,,gloves\n"  # line 3 and 4: the same supplier twice
    "saigon  nitrile gloves jsc,vn,,boxes\n"
    "ACME TRADING CO LTD,US,,widgets\n"  # line 5: stored as "Acme Trading Co., Ltd."
    "Delta Textiles,BD,BD-12345,yarn\n"  # line 6: same registration ID as a stored supplier
    "Izmir Cotton A.S.,TR,,cotton\n"  # line 7 and 8: written differently in the file
    "IZMIR COTTON AS,TR,,cotton\n"
    "New Supplier Ltd,MX,,parts\n"  # line 9: nothing to report
)


def _report(store: Store, tmp_path: Path):
    table = open_table(write_csv(tmp_path / "s.csv", FILE))
    with store.session() as s:
        return find_duplicates(s, table, guess_mapping(table.header))


def _stored(store: Store) -> dict[str, int]:
    ids = {}
    with store.transaction() as s:
        for name, country, reg in (
            ("Hotan Sunshine Garments Co. Ltd", "CN", ""),
            ("Acme Trading Co., Ltd.", "US", ""),
            ("Delta Knitting Mills", "BD", "bd-12345"),
        ):
            ids[name] = create_supplier(
                s, {"legal_name": name, "country": country, "registration_id": reg}
            ).id
    return ids


def test_rows_of_one_supplier_are_reported_as_merged(store: Store, tmp_path: Path) -> None:
    report = _report(store, tmp_path)
    assert (report.rows, report.suppliers) == (8, 7)
    [merged] = report.of_kind("in_file")
    assert merged.locations == ("line 3", "line 4") and merged.rows == 2
    assert "line 3, line 4: 2 rows for one supplier (Saigon Nitrile Gloves JSC, VN)" in merged.message
    [alike] = report.of_kind("similar_in_file")
    assert alike.locations == ("line 7", "line 8")
    assert "'Izmir Cotton A.S.' (line 7) / 'IZMIR COTTON AS' (line 8) look like one supplier" in alike.message
    assert not report.of_kind("in_store") and not report.of_kind("similar_in_store")


def test_suppliers_already_stored_and_look_alikes_are_named(store: Store, tmp_path: Path) -> None:
    ids = _stored(store)
    before = counts(store)
    report = _report(store, tmp_path)
    [stored] = report.of_kind("in_store")
    assert (stored.locations, stored.supplier_id) == (("line 2",), ids["Hotan Sunshine Garments Co. Ltd"])
    assert "only the products it lacks are added" in stored.message
    alike = {d.locations: d for d in report.of_kind("similar_in_store")}
    assert alike[("line 5",)].supplier_id == ids["Acme Trading Co., Ltd."]
    assert "same name apart from legal form" in alike[("line 5",)].message
    assert alike[("line 6",)].supplier_id == ids["Delta Knitting Mills"]
    assert "same registration ID BD-12345" in alike[("line 6",)].message
    assert "1 already in the store, 1 named on several rows, 3 likely duplicates" in report.summary
    assert counts(store) == before  # the report writes nothing
