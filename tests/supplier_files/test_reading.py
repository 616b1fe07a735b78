"""Supplier files as users have them: CSV in the encodings Excel and ERPs write, XLSX workbooks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.supplier_files.conftest import write_csv, write_xlsx
from workbench.cases.supplier_files import guess_mapping, open_table, preview
from workbench.errors import InputError

CHINESE = "供应商名称,国家,地址,HS编码,产品\n和田阳光服装有限公司,中国,新疆和田市,6109.10,棉T恤\n"
ACCENTED = (
    "Supplier Name,Country,Address\n"
    "Société Générale de Textiles,FR,12 rue de la Paix\n"
    "Müller Weberei GmbH,DE,Straße 5\n"
    "Confecções São João Ltda,BR,Avenida Ñandú\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_chinese_headers_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    table = open_table(write_csv(tmp_path / "s.csv", CHINESE, encoding))
    assert table.kind == "csv" and table.header[0] == "供应商名称"
    assert table.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    rows = preview(table, guess_mapping(table.header))
    assert rows == [
        (
            "line 2",
            {
                "name": "和田阳光服装有限公司",
                "country": "中国",
                "address": "新疆和田市",
                "hs_code": "6109.10",
                "product": "棉T恤",
            },
        )
    ]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_accented_names_are_read_exactly(tmp_path: Path, encoding: str) -> None:
    table = open_table(write_csv(tmp_path / "s.csv", ACCENTED, encoding))
    assert table.encoding == encoding
    names = [row["name"] for _, row in preview(table, guess_mapping(table.header))]
    assert names == ["Société Générale de Textiles", "Müller Weberei GmbH", "Confecções São João Ltda"]


def test_a_short_cp1252_file_is_not_taken_for_gb18030(tmp_path: Path) -> None:
    table = open_table(write_csv(tmp_path / "s.csv", "name\nMüller Textil GmbH\n", "cp1252"))
    assert table.encoding == "cp1252"
    assert preview(table, {"name": 0})[0][1]["name"] == "Müller Textil GmbH"


def test_preview_stops_after_the_first_rows(tmp_path: Path) -> None:
    body = "Vendor\n" + "".join(f"Supplier {i}\n" for i in range(100))
    table = open_table(write_csv(tmp_path / "s.csv", body))
    rows = preview(table, {"name": 0}, limit=5)
    assert [loc for loc, _ in rows] == ["line 2", "line 3", "line 4", "line 5", "line 6"]


def test_xlsx_sheet_header_row_and_numbers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "s.xlsx",
        [
            [None, None],
            ["Vendor Name", "HS Code", "Tier", "Registration ID", "Country"],
            ["Hotan Sunshine Garments", 6109.1, 2, 91653200, "CN"],
            [None, None, None],
            ["Vietnam Coffee JSC", 90111, 1.0, "0312345678", "VN"],
            ["Acme =Trading", "8541.43.0000", None, None, "US"],
        ],
        "Suppliers",
        ("Other", [["x"]]),
    )
    table = open_table(path)
    assert (table.kind, table.sheet, table.sheets, table.header_row) == (
        "xlsx",
        "Suppliers",
        ("Suppliers", "Other"),
        2,
    )
    rows = preview(table, guess_mapping(table.header))
    assert [loc for loc, _ in rows] == [
        "sheet 'Suppliers', row 3",
        "sheet 'Suppliers', row 5",
        "sheet 'Suppliers', row 6",
    ]
    assert rows[0][1] == {
        "name": "Hotan Sunshine Garments",
        "hs_code": "6109.10",  # Excel kept 6109.10 as the number 6109.1
        "tier": "2",
        "registration_id": "91653200",
        "country": "CN",
    }
    assert rows[1][1]["hs_code"] == "090111" and rows[1][1]["tier"] == "1"  # the leading zero Excel dropped
    assert rows[2][1]["hs_code"] == "8541.43.0000" and rows[2][1]["tier"] == ""
    assert open_table(path, sheet="Other").header == ["x"]


def test_xlsx_errors_name_the_file_sheet_and_cell(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", [["Vendor", "Country"], ["Acme", "US", "stray note"]])
    table = open_table(path)
    with pytest.raises(
        InputError, match=r"s\.xlsx, sheet 'Suppliers', row 2: cell C2 has a value but its column"
    ):
        preview(table, {"name": 0})
    with pytest.raises(InputError, match=r"no sheet named 'Vendors' \(sheets: Suppliers\)"):
        open_table(path, sheet="Vendors")
    empty = write_xlsx(tmp_path / "e.xlsx", [])
    with pytest.raises(InputError, match=r"e\.xlsx, sheet 'Suppliers': the sheet is empty"):
        open_table(empty)


def test_files_that_are_not_supplier_tables(tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match="Excel 97-2003"):
        open_table(old)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    with pytest.raises(InputError, match=r"broken\.xlsx: not a readable Excel \.xlsx workbook"):
        open_table(broken)
    with pytest.raises(InputError, match="no such file"):
        open_table(tmp_path / "missing.csv")
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"name\n\x81\x81\x81\n")
    with pytest.raises(InputError, match=r"junk\.csv, line 2: the file is not text"):
        open_table(junk)


def test_excel_semicolon_csv_and_unicode_text_are_read(tmp_path: Path) -> None:
    """Excel writes ';' in many European locales, and tab-separated UTF-16 as "Unicode Text"."""
    semicolons = write_csv(tmp_path / "eu.csv", "Lieferant;Land\r\nMüller Weberei GmbH;DE\r\n", "cp1252")
    table = open_table(semicolons)
    assert table.header == ["Lieferant", "Land"]
    assert preview(table, {"name": 0, "country": 1})[0][1] == {"name": "Müller Weberei GmbH", "country": "DE"}
    tabs = write_csv(tmp_path / "u.txt", "供应商名称\t国家\r\n和田阳光服装有限公司\t中国\r\n", "utf-16")
    table = open_table(tabs)
    assert guess_mapping(table.header) == {"name": 0, "country": 1}
    assert preview(table, {"name": 0})[0][1] == {"name": "和田阳光服装有限公司"}
