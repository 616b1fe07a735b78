"""`workbench screen FILE.csv`: the documented JSON shape, csv/table output, exit code 2 on bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from workbench.cli import main


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "suppliers.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_json_output_has_the_documented_shape(tmp_path, capsys):
    path = write(
        tmp_path,
        "name,country,local_name,address,aliases\n"
        "Acme Trading,US,,1 Main St,\n"
        "Hotan Haolin Hair Accessories,CN,,,\n"
        "Widgets Ltd,CN,和田泰达服饰有限公司,,Foo;Bar\n",
        "gb18030",
    )
    assert main(["screen", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"results"}
    rows = out["results"]
    assert [r["row"] for r in rows] == [1, 2, 3]
    assert rows[0] == {"row": 1, "input_name": "Acme Trading", "matches": []}
    [hit] = rows[1]["matches"]
    documented = {"entity_id", "entity_name", "authority", "measure", "score", "matched_name", "evidence"}
    assert set(hit) == documented
    assert "Haolin" in hit["entity_name"] and isinstance(hit["score"], int | float) and hit["score"] >= 70
    assert all(isinstance(e, str) for e in hit["evidence"]) and hit["authority"] and hit["measure"]
    assert "Taida" in rows[2]["matches"][0]["entity_name"]
    scores = [m["score"] for r in rows for m in r["matches"]]
    assert all(s >= 70 for s in scores)


def test_threshold_option(tmp_path, capsys):
    path = write(tmp_path, "name\nHuafu Textile\n")
    main(["screen", str(path), "--format", "json", "--threshold", "95"])
    high = json.loads(capsys.readouterr().out)["results"][0]["matches"]
    main(["screen", str(path), "--format", "json", "--threshold", "50"])
    low = json.loads(capsys.readouterr().out)["results"][0]["matches"]
    assert len(low) > len(high)
    assert [m["score"] for m in low] == sorted((m["score"] for m in low), reverse=True)


def test_blank_names_are_skipped_with_a_warning(tmp_path, capsys):
    path = write(tmp_path, "name,country\n,CN\n陈全国,CN\n")
    assert main(["screen", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "line 2: blank name, row 1 skipped" in captured.err
    rows = json.loads(captured.out)["results"]
    assert [r["row"] for r in rows] == [2]
    assert rows[0]["matches"][0]["entity_name"] == "Chen Quanguo"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("company,country\nAcme,US\n", "line 1: required column(s) name missing"),
        ("name,country\nAcme,US\nBad,row,extra\n", "line 3: 3 fields where the header has 2"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_bad_input_exits_2_naming_file_and_line_with_nothing_on_stdout(tmp_path, capsys, text, message, fmt):
    path = write(tmp_path, text)
    assert main(["screen", str(path), "--format", fmt]) == 2
    captured = capsys.readouterr()
    assert str(path) in captured.err and message in captured.err
    assert captured.out == ""


def test_a_bad_row_after_many_good_ones_prints_nothing_on_stdout(tmp_path, capsys):
    rows = "".join(f"Hikvision {i},CN\n" for i in range(3000))
    path = write(tmp_path, f"name,country\n{rows}Bad,row,extra\n")
    assert main(["screen", str(path), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert "line 3002: 3 fields where the header has 2" in captured.err
    assert captured.out == ""


def test_undecodable_file_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"name\n\xff\xfe\xff\x00\x81\n")
    assert main(["screen", str(path)]) == 2
    assert "UTF-8, UTF-16 or GB18030" in capsys.readouterr().err


def test_csv_and_table_formats(tmp_path, capsys):
    path = write(tmp_path, "name\nHikvision\nNobody Ltd\n", "utf-16")
    assert main(["screen", str(path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["row"] == "1" and "Hikvision" in rows[0]["entity_name"] and float(rows[0]["score"]) >= 70
    assert rows[-1]["row"] == "2" and rows[-1]["entity_name"] == ""
    assert main(["screen", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Hikvision" in out and "2 supplier(s) screened" in out
