"""`workbench lists import FILE` and `workbench lists` print the documented shapes; bad input exits 2."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from workbench.cli import main

IMPORT_KEYS = {"list", "snapshot_id", "rows", "added", "removed", "changed", "new_hits"}


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_import_json_shape_and_a_second_snapshot_with_a_diff(capsys, samples: Path, tmp_path: Path):
    first = run_json(capsys, "lists", "import", str(samples / "uflpa_sample.html"), "--format", "json")
    assert set(first) == IMPORT_KEYS
    assert first["list"] == "uflpa" and first["rows"] == first["added"] == 3
    assert (first["removed"], first["changed"], first["new_hits"]) == (0, 0, 0)

    newer = tmp_path / "uflpa.html"
    text = (samples / "uflpa_sample.html").read_text(encoding="utf-8")
    newer.write_text(text.replace("August 3, 2026", "August 4, 2026", 1), encoding="utf-8")
    second = run_json(capsys, "lists", "import", str(newer), "--type", "uflpa-html", "--format", "json")
    assert (second["rows"], second["added"], second["removed"], second["changed"]) == (3, 0, 0, 1)
    assert second["snapshot_id"] != first["snapshot_id"]

    listed = run_json(capsys, "lists", "--format", "json")
    assert [set(s) for s in listed] == [{"list", "snapshot_id", "rows", "imported_at", "sha256"}] * 2
    assert [s["snapshot_id"] for s in listed] == [first["snapshot_id"], second["snapshot_id"]]
    assert all(datetime.fromisoformat(s["imported_at"]).tzinfo is not None for s in listed)
    assert all(len(s["sha256"]) == 64 for s in listed)


def test_every_type_imports_from_the_cli(capsys, samples: Path, ofac_folder: Path):
    files = {
        "csl-csv": (samples / "csl_sample.csv", "csl", 25),
        "ofac-csv": (ofac_folder / "sdn.csv", "ofac-sdn", 24),
        "ofac-xml": (samples / "sdn_sample.xml", "ofac-sdn", 4),
        "ftm": (samples / "ftm_sample.json", "opensanctions", 12),
        "uflpa-html": (samples / "uflpa_sample_2.html", "uflpa", 4),
        "watchlist-csv": (samples / "watchlist_sample.csv", "watchlist", 4),
    }
    for list_type, (path, name, rows) in files.items():
        out = run_json(capsys, "lists", "import", str(path), "--type", list_type, "--format", "json")
        assert (out["list"], out["rows"]) == (name, rows), list_type
    names = {s["list"] for s in run_json(capsys, "lists", "--format", "json")}
    assert names == {"csl", "ofac-sdn", "opensanctions", "uflpa", "watchlist"}


def test_detection_and_name_label(capsys, samples: Path):
    out = run_json(
        capsys, "lists", "import", str(samples / "ftm_sample.json"), "--name", "os-uflpa", "--format", "json"
    )
    assert out["list"] == "os-uflpa"


def test_table_output_shows_the_diff(capsys, samples: Path, tmp_path: Path):
    assert main(["lists", "import", str(samples / "watchlist_sample.csv")]) == 0
    assert "First snapshot" in capsys.readouterr().out
    changed = tmp_path / "mine.csv"
    text = (samples / "watchlist_sample.csv").read_text(encoding="utf-8")
    changed.write_text(text.replace("XPCC; Bingtuan", "XPCC; Bingtuan; 新疆生产建设兵团"), encoding="utf-8")
    assert main(["lists", "import", str(changed), "--type", "watchlist-csv"]) == 0
    out = capsys.readouterr().out
    assert "changed" in out and "Xinjiang Production and Construction Corps" in out and "aliases" in out
    assert main(["lists"]) == 0
    table = capsys.readouterr().out
    assert table.count("watchlist") >= 2 and "sha256" in table


@pytest.mark.parametrize(
    ("content", "list_type", "message"),
    [
        (b"", "csl-csv", "empty"),
        (b"\x00\x01binary\x00junk", None, "binary"),
        (b"just some words\n", None, "Cannot tell which list format"),
        (b'{"id": "x", "schema": "Company"}\n', "ftm", "line 1, field properties"),
    ],
)
def test_bad_input_exits_2_with_the_message(capsys, tmp_path: Path, content: bytes, list_type, message: str):
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    argv = ["lists", "import", str(path), "--format", "json"]
    if list_type:
        argv += ["--type", list_type]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err and str(path) in captured.err and captured.out == ""
    assert run_json(capsys, "lists", "--format", "json") == []


def test_missing_file_exits_2(capsys, tmp_path: Path):
    assert main(["lists", "import", str(tmp_path / "nope.csv"), "--type", "csl-csv"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_ofac_csv_reads_alt_and_add_next_to_sdn(capsys, samples: Path, tmp_path: Path):
    folder = tmp_path / "download"
    folder.mkdir()
    shutil.copy(samples / "sdn_sample.csv", folder / "SDN.CSV")
    shutil.copy(samples / "alt_sample.csv", folder / "ALT.CSV")
    out = run_json(capsys, "lists", "import", str(folder / "SDN.CSV"), "--format", "json")
    assert out["list"] == "ofac-sdn" and out["rows"] == 24


def test_import_rescreens_suppliers_and_counts_new_hits(capsys, samples: Path, tmp_path: Path):
    from sqlalchemy import select

    from workbench.cases.suppliers import create_supplier
    from workbench.data.models import Match
    from workbench.data.store import open_store

    store = open_store()
    with store.transaction() as session:
        supplier = create_supplier(
            session, {"legal_name": "Hesheng Silicon Industry (Shanshan) Co.", "country": "CN"}, actor="test"
        )
        supplier_id = supplier.id
    store.dispose()

    first = run_json(capsys, "lists", "import", str(samples / "uflpa_sample.html"), "--format", "json")
    assert first["new_hits"] >= 1
    key = "list:uflpa:hoshine-silicon-industry-shanshan-co-ltd"
    store = open_store()
    with store.session() as session:
        keys = set(session.scalars(select(Match.entity_key).where(Match.supplier_id == supplier_id)))
        assert key in keys
    store.dispose()

    again = run_json(capsys, "lists", "import", str(samples / "uflpa_sample.html"), "--format", "json")
    assert again["new_hits"] == 0  # nothing changed, nothing new

    newer = tmp_path / "uflpa.html"
    text = (samples / "uflpa_sample.html").read_text(encoding="utf-8")
    newer.write_text(text.replace("Hoshine Silicon", "Hoshine Silicone"), encoding="utf-8")
    third = run_json(capsys, "lists", "import", str(newer), "--format", "json")
    assert (third["added"], third["removed"]) == (1, 1)
    store = open_store()
    with store.session() as session:
        gone = session.scalar(select(Match).where(Match.supplier_id == supplier_id, Match.entity_key == key))
        assert gone is not None and gone.present is False  # the listing it matched was removed
    store.dispose()


def test_import_saves_the_screening_index_that_screen_then_reads(
    capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.data.store import open_store
    from workbench.screening import Screener
    from workbench.screening.index_cache import read_screener
    from workbench.screening.store import index_key, index_path

    run_json(capsys, "lists", "import", str(samples / "uflpa_sample.html"), "--format", "json")
    store = open_store()
    with store.session() as session:
        key = index_key(session)
        path = index_path(session, key)
    store.dispose()
    assert read_screener(path, key) is not None

    def no_build(*_args: object) -> None:
        raise AssertionError("the screening index was built again")

    monkeypatch.setattr(Screener, "__init__", no_build)
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text("name\nHoshine Silicon Industry (Shanshan) Co Ltd\n", encoding="utf-8")
    out = run_json(capsys, "screen", str(suppliers), "--format", "json")
    [first, *_] = out["results"][0]["matches"]  # type: ignore[index]
    assert first["entity_id"] == "hoshine-silicon-industry-shanshan-co-ltd"
