"""Guessing which column holds what from the headers ERP exports and Chinese spreadsheets use."""

from __future__ import annotations

import pytest

from workbench.cases.supplier_files import apply_overrides, check_mapping, exact_mapping, guess_mapping
from workbench.errors import InputError


def test_english_erp_headers_are_recognised() -> None:
    header = [
        "Vendor Name", "Local name", "Aliases", "Country", "Address", "HS Code", "Product", "Origin",
        "Tier", "Website", "Registration ID", "Vendor ID",
    ]  # fmt: skip
    assert guess_mapping(header) == {
        "name": 0,
        "local_name": 1,
        "aliases": 2,
        "country": 3,
        "address": 4,
        "hs_code": 5,
        "product": 6,
        "origin": 7,
        "tier": 8,
        "website": 9,
        "registration_id": 10,
    }  # "Vendor ID" is not a name


def test_chinese_headers_are_recognised() -> None:
    header = ["供应商名称", "国家", "地址", "HS编码", "产品", "原产地", "统一社会信用代码", "备注"]
    assert guess_mapping(header) == {
        "name": 0,
        "country": 1,
        "address": 2,
        "hs_code": 3,
        "product": 4,
        "origin": 5,
        "registration_id": 6,
        "notes": 7,
    }
    assert guess_mapping(["供应商", "公司名称"])["name"] == 0


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Supplier Name (EN)", "name"),
        ("SUPPLIER_NAME", "name"),
        ("Company", "name"),
        ("Country/Region", "country"),
        ("国家/地区", "country"),
        ("HS_CODE", "hs_code"),
        ("HTS Code", "hs_code"),
        ("Country of Origin", "origin"),
        ("  Local Name  ", "local_name"),
        ("Ｈｓ编码", "hs_code"),  # full-width letters from a Chinese input method
    ],
)
def test_header_variants(header: str, field: str) -> None:
    assert guess_mapping(["x", header]) == {field: 1}


def test_the_more_specific_header_wins_and_each_column_is_used_once() -> None:
    assert guess_mapping(["Supplier", "Supplier Name", "Country"]) == {"name": 1, "country": 2}
    assert guess_mapping(["Name", "Name"]) == {"name": 0}


def test_the_strict_mapping_takes_only_the_field_names() -> None:
    assert exact_mapping(["Name", "supplier", "HS_CODE", "country"]) == {
        "name": 0,
        "hs_code": 2,
        "country": 3,
    }


def test_overrides_by_header_or_letter_and_unmapping() -> None:
    header = ["Vendor", "Factory", "Land", "HS Code"]
    mapping = guess_mapping(header)
    assert mapping == {"name": 0, "hs_code": 3}
    mapping = apply_overrides(header, mapping, ["name=factory", "country=C", "hs_code="])
    assert mapping == {"name": 1, "country": 2}
    with pytest.raises(InputError, match="FIELD=COLUMN with FIELD one of name, local_name"):
        apply_overrides(header, mapping, ["supplier=Vendor"])
    with pytest.raises(InputError, match=r"no column 'Lieferant'.*Vendor, Factory, Land, HS Code"):
        apply_overrides(header, mapping, ["name=Lieferant"])


def test_a_mapping_without_the_supplier_name_is_refused() -> None:
    with pytest.raises(InputError, match=r"f\.csv: no column is mapped to the supplier name.*Land"):
        check_mapping(["Land"], {"country": 0}, "f.csv")
