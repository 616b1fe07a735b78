"""workbench.csvio: encodings tried in order, header checks, ragged rows named by file and line."""

from __future__ import annotations

import pytest

from workbench.csvio import detect_encoding, read_rows
from workbench.errors import InputError

TEXT = "name,country\n和田浩林发饰品有限公司,中国\nAcme,US\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_each_supported_encoding_is_read(tmp_path, encoding):
    path = tmp_path / "s.csv"
    path.write_bytes(TEXT.encode(encoding))
    assert detect_encoding(path) == encoding
    rows = list(read_rows(path))
    assert rows == [
        (2, {"name": "和田浩林发饰品有限公司", "country": "中国"}),
        (3, {"name": "Acme", "country": "US"}),
    ]


def test_header_names_ignore_case_and_spaces(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(" Name , COUNTRY\nAcme,US\n", encoding="utf-8")
    assert list(read_rows(path)) == [(2, {"name": "Acme", "country": "US"})]


def test_missing_required_column_names_file_and_line(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("company,country\nAcme,US\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"{path.name}, line 1: .*name.*missing"):
        list(read_rows(path))


def test_ragged_row_names_file_and_line(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text('name,country\nAcme,US\n"Multi\nline",CN\nBad,row,extra\n', encoding="utf-8")
    rows = read_rows(path)
    assert next(rows)[0] == 2
    assert next(rows) == (3, {"name": "Multi\nline", "country": "CN"})
    with pytest.raises(InputError, match=rf"{path.name}, line 5: 3 fields where the header has 2"):
        next(rows)


def test_undecodable_bytes_are_reported_with_the_line(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes(b"name\nok\n\xff\xff\xff\n")
    with pytest.raises(InputError, match=rf"{path.name}, line 3: .*UTF-8, UTF-16 or GB18030"):
        list(read_rows(path))


def test_empty_file_and_blank_lines(tmp_path):
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        list(read_rows(empty))
    path = tmp_path / "s.csv"
    path.write_text("name,country\n\nAcme,US\n\n", encoding="utf-8")
    assert list(read_rows(path)) == [(3, {"name": "Acme", "country": "US"})]
