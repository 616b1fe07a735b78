"""The mapped import: CSV or XLSX rows into suppliers and products, all rows or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.supplier_files.conftest import counts, write_csv, write_xlsx
from workbench.cases.importing import import_suppliers
from workbench.cases.supplier_files import guess_mapping, import_file, import_table, open_table
from workbench.data.models import AuditEntry, Supplier
from workbench.data.store import Store
from workbench.errors import InputError

ERP = (
    "Vendor Name,Local name,Aliases,Country,Region,Address,Website,Registration ID,Tier,"
    "Product,HS Code,Origin\n"
    "Hotan Sunshine Garments Co. Ltd,和田阳光服装有限公司,Hetian Sunshine; 和田阳光,CN,Xinjiang,"
    '"No. 8 Beijing Road, Hotan",https://sunshine.example,91653200MA77XX,2,cotton T-shirts,6109.10,Xinjiang\n'
    "Hotan Sunshine Garments Co. Ltd,,,CN,,,,,,knitted sweaters,6110.20,CN\n"
    "Saigon Nitrile Gloves JSC,,,VN,,Binh Duong,,,1,nitrile gloves,4015.19,VN\n"
)


def test_an_erp_export_is_imported_under_the_guessed_mapping(both_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "vendors.csv", ERP)
    with both_store.transaction() as s:
        summary = import_file(s, path, actor="Dana Reviewer")
    assert (summary.rows, summary.created, summary.products_added) == (3, 2, 3)
    with both_store.session() as s:
        hotan = s.scalars(select(Supplier).where(Supplier.country == "CN")).one()
        assert (hotan.local_name, hotan.region, hotan.website, hotan.registration_id, hotan.tier) == (
            "和田阳光服装有限公司",
            "Xinjiang",
            "https://sunshine.example",
            "91653200MA77XX",
            2,
        )
        assert hotan.aliases == ["Hetian Sunshine", "和田阳光"]
        assert [(p.description, p.hs_code, p.origin_region, p.origin_country) for p in hotan.products] == [
            ("cotton T-shirts", "6109.10", "Xinjiang", ""),
            ("knitted sweaters", "6110.20", "", "CN"),
        ]
        notes = {e.note for e in s.scalars(select(AuditEntry).where(AuditEntry.object_type == "supplier"))}
        assert notes == {"import from vendors.csv"}
    with both_store.transaction() as s:  # importing the same file again changes nothing
        again = import_file(s, path)
    assert (again.created, again.products_added, again.unchanged) == (0, 0, 2)


def test_an_xlsx_workbook_is_imported(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "v.xlsx",
        [
            ["供应商名称", "国家", "HS编码", "产品", "层级"],
            ["和田阳光服装有限公司", "中国", 6109.1, "棉T恤", 2],
        ],
    )
    with store.transaction() as s:
        summary = import_file(s, path)
    assert (summary.created, summary.products_added) == (1, 1)
    with store.session() as s:
        supplier = s.scalars(select(Supplier)).one()
        assert (supplier.legal_name, supplier.country, supplier.tier) == ("和田阳光服装有限公司", "中国", 2)
        assert supplier.products[0].hs_code == "6109.10"


def test_a_ragged_row_names_file_line_and_field_and_imports_nothing(
    both_store: Store, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "vendors.csv", ERP + "Acme Trading,,,US\n")
    before = counts(both_store)
    with pytest.raises(InputError) as err, both_store.transaction() as s:
        import_file(s, path)
    assert f"{path}, line 5: 4 fields where the header has 12 (no value for column 'Region'" in str(err.value)
    assert counts(both_store) == before


def test_bad_values_name_the_sheet_row_and_column_and_import_nothing(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "v.xlsx",
        [
            ["Vendor Name", "Country", "HS Code", "Product", "Tier"],
            ["Good Supplier Ltd", "CN", "6109.10", "shirts", 1],
            ["Bad Code Ltd", "CN", "841", "widgets", 1],
            [None, "CN", "6109.10", "shirts", 1],
            ["Bad Tier Ltd", "CN", None, None, "first"],
        ],
        "Vendors",
    )
    before = counts(store)
    with pytest.raises(InputError) as err, store.transaction() as s:
        import_file(s, path)
    message = str(err.value)
    assert message.startswith("Nothing was imported.")
    assert f"{path}, sheet 'Vendors', row 3: HS Code: '841' is not an HS code" in message
    assert f"{path}, sheet 'Vendors', row 4: Vendor Name: the legal name is required" in message
    assert f"{path}, sheet 'Vendors', row 5: Tier: 'first' is not a whole number" in message
    assert "Good Supplier" not in message
    assert counts(store) == before


def test_a_user_mapping_replaces_the_guess(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "v.csv", "Vendor,Factory,Land\nAcme Holding,Acme Shoes Factory,VN\n")
    table = open_table(path)
    assert guess_mapping(table.header) == {"name": 0}
    with store.transaction() as s:
        import_table(s, table, {"name": 1, "country": 2})
    with store.session() as s:
        supplier = s.scalars(select(Supplier)).one()
        assert (supplier.legal_name, supplier.country) == ("Acme Shoes Factory", "VN")


def test_the_plain_csv_import_reads_cp1252(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", "name,country\nMüller Weberei GmbH,DE\n", "cp1252")
    with store.transaction() as s:
        import_suppliers(s, path)
    with store.session() as s:
        assert s.scalars(select(Supplier.legal_name)).one() == "Müller Weberei GmbH"
