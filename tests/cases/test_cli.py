"""`workbench suppliers import/list` and `workbench audit verify` as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from workbench.cli import main
from workbench.data.store import open_store

GOOD = (
    "name,country,local_name,address,aliases,product,hs_code,origin\n"
    'Hotan Sunshine Garments Co. Ltd,CN,和田阳光服装有限公司,"Hotan, Xinjiang",'
    "Hetian Sunshine; 和田阳光,cotton T-shirts,6109.10,Xinjiang\n"
    "Hotan Sunshine Garments Co. Ltd,CN,,,,knitted sweaters,6110.20,CN\n"
    "Saigon Nitrile Gloves JSC,VN,,Binh Duong,,nitrile examination gloves,4015.19,VN\n"
)


def _csv(tmp_path: Path, body: str, name: str = "suppliers.csv") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_import_then_list_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, GOOD)
    assert main(["suppliers", "import", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["rows"], out["suppliers_created"], out["products_added"]) == (3, 2, 3)
    assert main(["suppliers", "import", str(path)]) == 0  # a second import changes nothing
    assert "0 new suppliers, 0 products added, 2 suppliers already up to date" in capsys.readouterr().out
    assert main(["suppliers", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["total"] == 2
    hotan = next(s for s in listed["suppliers"] if s["country"] == "CN")
    assert hotan["local_name"] == "和田阳光服装有限公司" and hotan["products"] == 2
    assert main(["suppliers", "list"]) == 0
    assert "Saigon Nitrile Gloves JSC" in capsys.readouterr().out


def test_a_bad_file_imports_nothing_and_names_the_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(tmp_path, GOOD + ",CN,,,,,,\nAcme,US,,,,widgets,841,\n")
    assert main(["suppliers", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}, line 5: name: the legal name is required" in err
    assert f"{path}, line 6: hs_code: '841' is not an HS code" in err
    assert "Nothing was imported" in err
    assert main(["suppliers", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0


def test_missing_name_column_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, "supplier,country\nAcme,US\n")
    assert main(["suppliers", "import", str(path)]) == 2
    assert "line 1: required column(s) name missing" in capsys.readouterr().err


def test_audit_verify_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["suppliers", "import", str(_csv(tmp_path, GOOD))])
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "Audit log intact: 5 entries" in capsys.readouterr().out
    store = open_store()
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET note = 'edited' WHERE id = 2"))
    store.dispose()
    assert main(["audit", "verify", "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["intact"] is False and out["first_bad_entry"] == 2 and "altered" in out["reason"]
