"""`workbench trace import` and `trace show`: the T-shirt chain, flags with their paths, the JSON contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tracing.helpers import LISTED_SPINNER, PRODUCT, XINJIANG_GIN, run_json, write_bom
from workbench.cli import main as cli_main

NODE_KEYS = {"node", "parent", "supplier", "input", "country", "region", "flags", "documents", "missing"}


def test_clean_chain_is_traced_to_the_gin_without_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported = run_json(capsys, "trace", "import", str(write_bom(tmp_path / "bom.csv")))
    assert imported["nodes_added"] == 5 and imported["suppliers_created"] == 5
    assert imported["suppliers_screened"] == 5
    shown = run_json(capsys, "trace", "show", "--product", PRODUCT)
    assert set(shown) == {"product", "flagged", "paths", "nodes"}
    assert shown["product"] == PRODUCT and shown["flagged"] is False and shown["paths"] == []
    assert [n["node"] for n in shown["nodes"]] == ["garment", "fabric", "yarn", "lint", "gin"]
    assert [n["parent"] for n in shown["nodes"]] == [None, "garment", "fabric", "yarn", "lint"]
    for node in shown["nodes"]:
        assert set(node) == NODE_KEYS
        assert node["flags"] == [] and node["documents"] == 0
        assert {"transaction", "parties"} <= set(node["missing"])
    # payment and transport records are expected for the raw material only
    assert "payment" in shown["nodes"][-1]["missing"]


def test_listed_spinner_at_tier_3_flags_the_product_with_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "trace", "import", str(write_bom(tmp_path / "bom.csv", yarn=LISTED_SPINNER)))
    shown = run_json(capsys, "trace", "show", "--product", PRODUCT)
    assert shown["flagged"] is True
    assert shown["paths"] == [["garment", "fabric", "yarn"]]
    yarn = shown["nodes"][2]
    assert yarn["supplier"] == "Ninghai Huafu Textile Co., Ltd."
    assert any(f.startswith("uflpa: UFLPA Entity List") for f in yarn["flags"])
    assert all(n["flags"] == [] for n in shown["nodes"] if n["node"] != "yarn")


def test_xinjiang_gin_flags_the_product_with_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "trace", "import", str(write_bom(tmp_path / "bom.csv", gin=XINJIANG_GIN)))
    shown = run_json(capsys, "trace", "show", "--product", PRODUCT.upper())
    assert shown["flagged"] is True
    assert shown["paths"] == [["garment", "fabric", "yarn", "lint", "gin"]]
    gin = shown["nodes"][-1]
    assert gin["flags"] and all(f.startswith("xinjiang:") for f in gin["flags"])
    assert "Aksu" in gin["flags"][0]


def test_table_output_names_the_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "trace", "import", str(write_bom(tmp_path / "bom.csv", gin=XINJIANG_GIN)))
    assert cli_main(["trace", "show", "--product", PRODUCT]) == 0
    out = capsys.readouterr().out
    assert "FLAGGED" in out and "path: garment -> fabric -> yarn -> lint -> gin" in out


def test_unknown_product_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["trace", "show", "--product", "Nothing"]) == 2
    assert "No traced product with the name 'Nothing'" in capsys.readouterr().err
