"""`workbench measures` prints the documented JSON shape and a readable table."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from workbench.cli import main
from workbench.measures.catalogue import MEASURE_KINDS, TARGET_TYPES
from workbench.measures.dataset import read_dataset


def test_measures_json_has_the_documented_shape(capsys):
    assert main(["measures", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"dataset_version", "measures"}
    assert out["dataset_version"] == read_dataset()[0]["version"]
    keys = {
        "id",
        "kind",
        "authority",
        "title",
        "announced",
        "legal_basis",
        "sources",
        "products",
        "indicators",
        "targets",
        "confidence",
        "notes",
    }
    kingtom = next(m for m in out["measures"] if m["id"] == "finding-2024-11-kingtom-aluminio")
    assert kingtom["confidence"].startswith("Low:") and kingtom["notes"] == "A Finding, not a WRO."
    for m in out["measures"]:
        assert set(m) == keys
        assert m["kind"] in MEASURE_KINDS
        assert m["sources"] and all(s.startswith("http") for s in m["sources"])
        if m["announced"]:
            date.fromisoformat(m["announced"])
        for t in m["targets"]:
            assert set(t) == {"entity_id", "name", "type", "aliases", "listed"}
            assert t["type"] in TARGET_TYPES
            if t["listed"]:
                date.fromisoformat(t["listed"])


def test_measures_json_counts_match_the_seed_list(capsys):
    main(["measures", "--format", "json"])
    measures = json.loads(capsys.readouterr().out)["measures"]
    seed = "003_29f0e8d56f0acb0e.txt"
    by_kind: dict[str, list[dict]] = {}
    for m in measures:
        by_kind.setdefault(m["kind"], []).append(m)
    magnitsky = {t["entity_id"] for m in by_kind["magnitsky"] for t in m["targets"]}
    assert len(magnitsky) == 10
    seed_ids = {m["id"] for m in read_dataset()[0]["measures"] if m.get("seed") == seed}
    assert len([m for m in by_kind["wro"] if m["id"] in seed_ids]) == 11
    entity_list = {t["entity_id"]: t["type"] for m in by_kind["entity_list"] for t in m["targets"]}
    assert len(entity_list) == 52
    assert sorted(entity_list.values()).count("company") == 31
    assert sorted(entity_list.values()).count("government") == 21
    dol_2020 = [m for m in by_kind["goods_list"] if m["id"] in seed_ids]
    assert len(dol_2020) == 1 and len(dol_2020[0]["targets"]) == 5
    assert {t["type"] for t in dol_2020[0]["targets"]} == {"good"}


def test_measures_filter_by_kind_and_table(capsys):
    assert main(["measures", "--kind", "wro"]) == 0
    out = capsys.readouterr().out
    assert "Measures dataset" in out and "wro" in out and "magnitsky" not in out


def test_measures_runs_as_a_console_command():
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "measures", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["measures"]


def test_measures_are_listed_oldest_first_by_announcement_or_effective_date(capsys):
    assert main(["measures", "--format", "json"]) == 0
    listed = [m["id"] for m in json.loads(capsys.readouterr().out)["measures"]]
    by_id = {m["id"]: m for m in read_dataset()[0]["measures"]}
    dates = [by_id[i].get("announced") or by_id[i].get("effective") for i in listed]
    known = [d for d in dates if d]
    assert known == sorted(known)
    assert all(d for d in dates[: len(known)])  # undated measures come last
    assert main(["measures", "--kind", "uflpa_entity_list"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[2].startswith("date ")
    rows = [line for line in table if "uflpa_entity_list" in line]
    assert len(rows) == 12 and rows[0].startswith("2022-06-21") and rows[-1].startswith("2025-01-15")
