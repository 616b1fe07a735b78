"""Hostile and damaged supplier files fail fast, in bounded memory, naming the file and the line."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import psutil
import pytest

from tests.supplier_files.conftest import counts, write_csv, write_xlsx
from workbench.cases.importing import import_suppliers
from workbench.cases.supplier_files import guess_mapping, import_table, open_table
from workbench.cli import main
from workbench.errors import InputError

CHINESE_ROWS = "".join(f"新疆和田第{i}服装有限公司,CN,61091000\n" for i in range(50))


def _mixed_file(tmp_path: Path) -> Path:
    """A UTF-8 file of Chinese names where one later line was typed in a cp1252 program ('’')."""
    body = ("name,country,hs_code\n" + CHINESE_ROWS).encode("utf-8")
    body += "Smith’s Mill,US,520100\n".encode("cp1252")
    path = tmp_path / "mixed.csv"
    path.write_bytes(body)
    return path


def test_one_cp1252_byte_in_a_utf8_file_is_refused_naming_line_and_byte(tmp_path: Path) -> None:
    path = _mixed_file(tmp_path)
    with pytest.raises(InputError) as caught:
        open_table(path)
    message = str(caught.value)
    assert f"{path}, line 52: byte 0x92 at column 6 is not UTF-8" in message
    assert "--encoding" in message


def test_the_mixed_file_imports_nothing_and_exits_2_from_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _mixed_file(tmp_path)
    assert main(["suppliers", "import", str(path)]) == 2
    assert "line 52: byte 0x92" in capsys.readouterr().err
    assert main(["suppliers", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0


def test_a_named_encoding_reads_a_file_detection_would_not_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "big5.csv", "name,country\n台灣紡織股份有限公司,TW\n", "big5")
    assert main(["suppliers", "import", str(path), "--encoding", "big5", "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["suppliers", "list", "--format", "json"]) == 0
    assert "台灣紡織股份有限公司" in capsys.readouterr().out


def test_a_named_encoding_that_does_not_fit_is_refused_with_the_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", "name\nAcme\n和田\n", "utf-8")
    with pytest.raises(InputError, match=r"line 3: byte 0x\w\w at column 1 is not ascii text"):
        open_table(path, encoding="ascii")
    with pytest.raises(InputError, match="not an encoding Workbench knows"):
        open_table(path, encoding="klingon-8")


def test_a_wholly_gb18030_file_is_still_detected(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gb.csv", "name,country,hs_code\n" + CHINESE_ROWS, "gb18030")
    assert open_table(path).encoding == "gb18030"


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x08"])
def test_control_characters_in_a_csv_are_refused_with_the_line(store, tmp_path: Path, char: str) -> None:
    path = write_csv(tmp_path / "s.csv", f"name,country\nAcme,US\nEvil{char}Corp,CN\n")
    before = counts(store)
    with store.session() as session, session.begin(), pytest.raises(InputError) as caught:
        import_suppliers(session, path)
    assert f"{path}, line 3:" in str(caught.value) and f"U+{ord(char):04X}" in str(caught.value)
    assert counts(store) == before


def test_line_breaks_and_tabs_inside_quoted_values_are_kept(store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", 'name,address\n"Acme Ltd","Unit 5\n\tDock Road"\n')
    with store.session() as session, session.begin():
        summary = import_suppliers(session, path)
    assert summary.created == 1


def _patched_xlsx(path: Path, rows: list[list[str]], old: bytes, new: bytes) -> Path:
    """A workbook as Excel may write one but openpyxl will not (it refuses or cuts such values)."""
    write_xlsx(path, rows)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert any(old in data for data in parts.values())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.replace(old, new))
    return path


def _zip_bomb(path: Path, megabytes: int) -> Path:
    """A workbook whose sheet unpacks to `megabytes` MB of one repeated empty cell."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as sheet,
    ):
        sheet.write(b'<worksheet><sheetData><row r="1">')
        block = b'<c t="inlineStr"><is><t>A</t></is></c>' * 25_000
        for _ in range(megabytes):
            sheet.write(block)
        sheet.write(b"</row></sheetData></worksheet>")
    return path


def test_a_zip_bomb_workbook_fails_fast_in_bounded_memory(tmp_path: Path) -> None:
    path = _zip_bomb(tmp_path / "bomb.xlsx", 300)
    assert path.stat().st_size < 2 << 20
    rss = psutil.Process().memory_info().rss
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"unpacks to .* MB .*Nothing was read"):
        open_table(path)
    assert time.perf_counter() - started < 5
    assert psutil.Process().memory_info().rss - rss < 100 << 20


def test_a_cell_longer_than_excel_allows_is_refused(store, tmp_path: Path) -> None:
    rows = [["Supplier Name"], ["Acme"], ["LONGCELL"]]
    path = _patched_xlsx(tmp_path / "s.xlsx", rows, b"LONGCELL", b"x" * 40_000)
    table = open_table(path)
    with store.session() as session, session.begin(), pytest.raises(InputError) as caught:
        import_table(session, table, guess_mapping(table.header))
    assert "row 3: a cell holds 40,000 characters" in str(caught.value)


def test_a_sheet_claiming_the_full_grid_is_read_as_its_rows(store, tmp_path: Path) -> None:
    rows = [["Supplier Name", "Country"], ["Acme", "US"]]
    full_grid = b'<dimension ref="A1:XFD1048576"/>'
    path = _patched_xlsx(tmp_path / "s.xlsx", rows, b'<dimension ref="A1:B2"/>', full_grid)
    table = open_table(path)
    assert table.header == ["Supplier Name", "Country"]
    with store.session() as session, session.begin():
        summary = import_table(session, table, guess_mapping(table.header))
    assert summary.created == 1
