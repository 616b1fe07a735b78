"""`workbench suppliers import` with XLSX, --guess, --map, --sheet, --check; `workbench suppliers export`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.supplier_files.conftest import write_csv, write_xlsx
from workbench.cli import main

ROWS = [
    ["Vendor Name", "国家", "HS Code", "Product"],
    ["Hotan Sunshine Garments Co. Ltd", "CN", 6109.1, "cotton T-shirts"],
    ["Saigon Nitrile Gloves JSC", "VN", "4015.19", "nitrile gloves"],
]


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


def test_check_reports_the_mapping_and_duplicates_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "v.xlsx", [*ROWS, ["Saigon Nitrile Gloves JSC", "VN", "3926.20", "boxes"]])
    assert main(["suppliers", "import", str(path), "--guess", "--check", "--format", "json"]) == 0
    out = _json(capsys)
    assert out["mapping"] == {
        "name": "Vendor Name",
        "country": "国家",
        "hs_code": "HS Code",
        "product": "Product",
    }
    assert (out["imported"], out["rows"], out["suppliers_created"], out["supplier_ids"]) == (False, 3, 2, [])
    assert [d["kind"] for d in out["duplicates"]] == ["in_file"]
    assert out["duplicates"][0]["locations"] == ["sheet 'Suppliers', row 3", "sheet 'Suppliers', row 4"]
    assert main(["suppliers", "list", "--format", "json"]) == 0
    assert _json(capsys)["total"] == 0


def test_guess_and_map_import_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "v.xlsx", [["x"]], "Notes", ("Vendors", ROWS))
    args = ["suppliers", "import", str(path), "--sheet", "Vendors", "--guess", "--map", "country=", "--map"]
    assert main([*args, "origin=B"]) == 0
    out = capsys.readouterr().out
    assert "Columns: name <- Vendor Name; origin <- 国家; hs_code <- HS Code; product <- Product" in out
    assert "Imported" in out and "2 new suppliers, 2 products added" in out
    assert main(["suppliers", "list", "--format", "json"]) == 0
    assert {s["country"] for s in _json(capsys)["suppliers"]} == {""}


def test_a_workbook_without_guess_needs_the_field_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "v.xlsx", ROWS)
    assert main(["suppliers", "import", str(path)]) == 2
    assert "no column is mapped to the supplier name" in capsys.readouterr().err
    assert main(["suppliers", "import", str(path), "--map", "supplier=Vendor Name"]) == 2
    assert "FIELD=COLUMN with FIELD one of name" in capsys.readouterr().err


def test_a_bad_row_exits_2_naming_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "v.csv", "Supplier,HS编码\nAcme,6109.10\nBeta,841\n", "gb18030")
    assert main(["suppliers", "import", str(path), "--guess"]) == 2
    assert f"{path}, line 3: HS编码: '841' is not an HS code" in capsys.readouterr().err
    assert main(["suppliers", "list", "--format", "json"]) == 0
    assert _json(capsys)["total"] == 0


def test_export_to_csv_and_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suppliers", "import", str(write_xlsx(tmp_path / "v.xlsx", ROWS)), "--guess"]) == 0
    capsys.readouterr()
    out = tmp_path / "out.csv"
    assert main(["suppliers", "export", str(out), "--format", "json"]) == 0
    assert _json(capsys) == {"file": str(out), "suppliers": 2}
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["Supplier Name"] for r in rows] == [
        "Hotan Sunshine Garments Co. Ltd",
        "Saigon Nitrile Gloves JSC",
    ]
    assert {r["Decision Status"] for r in rows} == {"not screened"}
    assert main(["suppliers", "export", str(tmp_path / "out.xlsx")]) == 0
    assert (tmp_path / "out.xlsx").stat().st_size > 0
    assert main(["suppliers", "export", str(tmp_path / "out.pdf")]) == 2
    assert ".csv or .xlsx" in capsys.readouterr().err
