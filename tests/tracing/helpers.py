"""The cotton T-shirt story: garment maker -> fabric -> yarn -> lint -> gin, written as a BOM file."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from workbench.cli import main as cli_main

PRODUCT = "Cotton T-shirt"
HEADER = [
    "product",
    "node",
    "parent",
    "supplier",
    "country",
    "region",
    "input",
    "hs_code",
    "quantity",
    "unit",
    "document_refs",
]
CLEAN = {
    "garment": [
        "",
        "Dhaka Knitwear Ltd.",
        "Bangladesh",
        "Dhaka",
        "cotton T-shirts",
        "6109.10",
        "12000",
        "pcs",
        "PO-4411;INV-9",
    ],
    "fabric": [
        "garment",
        "Pearl Fabrics Ltd.",
        "Bangladesh",
        "Gazipur",
        "knitted cotton fabric",
        "6006.21",
        "5000",
        "kg",
        "INV-F-120",
    ],
    "yarn": [
        "fabric",
        "Anatolia Spinning A.S.",
        "Turkey",
        "Kahramanmaras",
        "combed cotton yarn",
        "5205.12",
        "5200",
        "kg",
        "",
    ],
    "lint": [
        "yarn",
        "Gulf Cotton Traders LLC",
        "United States",
        "Texas",
        "cotton lint",
        "5201.00",
        "5600",
        "kg",
        "",
    ],
    "gin": [
        "lint",
        "Lubbock Cooperative Gin",
        "United States",
        "Texas",
        "cotton lint bales",
        "5201.00",
        "5600",
        "kg",
        "",
    ],
}
# A spinner on the UFLPA Entity List (Zhejiang, so only the listing flags it) and a gin in Xinjiang.
LISTED_SPINNER = [
    "fabric",
    "Ninghai Huafu Textile Co., Ltd.",
    "China",
    "Zhejiang",
    "combed cotton yarn",
    "5205.12",
    "5200",
    "kg",
    "",
]
XINJIANG_GIN = [
    "lint",
    "Tarim Basin Ginning Co.",
    "China",
    "Aksu Prefecture",
    "cotton lint bales",
    "5201.00",
    "5600",
    "kg",
    "",
]


def write_bom(path: Path, **changes: list[str]) -> Path:
    """The T-shirt chain as CSV, with some nodes replaced."""
    nodes = {**CLEAN, **changes}
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for node, values in nodes.items():
            writer.writerow([PRODUCT, node, *values])
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str, code: int = 0) -> Any:
    """Run the CLI with --format json; check the exit code; return the parsed output."""
    capsys.readouterr()
    assert cli_main([*args, "--format", "json"]) == code
    return json.loads(capsys.readouterr().out)
