"""Importing lists as snapshots: one transaction, diffs against the previous snapshot, re-screen hook."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.data.models import ListEntry, ListSnapshot, Watchlist
from workbench.data.store import Store
from workbench.errors import InputError
from workbench.lists import diff_snapshots, import_list, list_snapshots, snapshot_entries
from workbench.progress import Cancelled, TaskState


def csl_lines(samples: Path) -> list[str]:
    """The sample's records as lines (the one MEU row with an embedded newline is dropped)."""
    lines = (samples / "csl_sample.csv").read_text(encoding="utf-8").split("\n")
    records = [line for line in lines[1:] if line.startswith('"') and line.endswith('"')]
    return [lines[0], *records]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def table_counts(store: Store) -> tuple[int, int, int]:
    with store.session() as s:
        models = (Watchlist, ListSnapshot, ListEntry)
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0 for m in models)


def test_first_import_is_all_added(store: Store, samples: Path):
    path = samples / "csl_sample.csv"
    with store.session() as session:
        result = import_list(session, path)
    assert result.list_name == "csl" and result.list_type == "csl-csv"
    assert (result.rows, result.added, result.removed, result.changed, result.new_hits) == (25, 25, 0, 0, 0)
    assert result.previous_snapshot_id is None
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with store.session() as session:
        snap = session.get(ListSnapshot, result.snapshot_id)
        assert snap.rows == 25 and snap.added == 25 and snap.sha256 == result.sha256
        assert str(path.resolve()) in snap.source_file
        entries = snapshot_entries(session, result.snapshot_id)
        assert len(entries) == 25 and all(len(e.fingerprint) == 64 for e in entries)
        hik = next(e for e in entries if e.entry_key == "CMIC:30946")
        assert "Hikvision" in hik.aliases and hik.country == "CN"


def test_a_newer_download_becomes_a_new_snapshot_with_a_diff(store: Store, samples: Path, tmp_path: Path):
    lines = csl_lines(samples)
    header, rows = lines[0], lines[1:]
    old = write(tmp_path / "old.csv", [header, *rows])
    hik = next(r for r in rows if '"30946"' in r)
    dahua = next(r for r in rows if "DAHUA ELECTRONICS" in r)
    renamed = hik.replace('"Hangzhou Hikvision Digital Technology Co., Ltd."', '"Hikvision Digital Tech"')
    added = rows[0].replace('"30882"', '"99999"', 1)
    new_rows = [renamed if r == hik else r for r in rows if r != dahua] + [added]
    new = write(tmp_path / "new.csv", [header, *new_rows])
    with store.session() as session:
        first = import_list(session, old, "csl-csv")
    with store.session() as session:
        second = import_list(session, new, "csl-csv")
    assert (second.rows, second.added, second.removed, second.changed) == (len(rows), 1, 1, 1)
    assert second.previous_snapshot_id == first.snapshot_id
    kinds = {(c.kind, c.entry_key): c for c in second.changes}
    assert {k for k, _key in kinds} == {"added", "removed", "changed"}
    assert ("added", "CMIC:99999") in kinds and ("changed", "CMIC:30946") in kinds
    assert kinds[("changed", "CMIC:30946")].fields == ("name",)
    assert kinds[("changed", "CMIC:30946")].name == "Hikvision Digital Tech"
    assert [c.name for c in second.changes if c.kind == "removed"] == ["DAHUA ELECTRONICS CORPORATION"]
    with store.session() as session:
        snaps = list_snapshots(session)
        assert [s.snapshot_id for s in snaps] == [first.snapshot_id, second.snapshot_id]  # old one stays
        assert len(snapshot_entries(session, first.snapshot_id)) == len(rows)
        again = list(diff_snapshots(session, first.snapshot_id, second.snapshot_id))
        assert len(again) == 3


def test_reimporting_the_same_file_changes_nothing(store: Store, samples: Path):
    with store.session() as session:
        import_list(session, samples / "ftm_sample.json")
    with store.session() as session:
        again = import_list(session, samples / "ftm_sample.json")
    assert (again.rows, again.added, again.removed, again.changed) == (12, 0, 0, 0)
    assert again.changes == []


def test_alias_order_is_not_a_change(store: Store, tmp_path: Path):
    path = tmp_path / "mine.csv"
    write(path, ["name,aliases", "Hoshine Silicon,Hesheng; HSI"])
    with store.session() as session:
        import_list(session, path, "watchlist-csv", "mine")
    write(path, ["name,aliases", "Hoshine Silicon,HSI; Hesheng"])
    with store.session() as session:
        result = import_list(session, path, "watchlist-csv", "mine")
    assert result.changed == 0


def test_names_keep_lists_apart(store: Store, samples: Path):
    with store.session() as session:
        a = import_list(session, samples / "uflpa_sample.html", "uflpa-html")
        b = import_list(session, samples / "uflpa_sample_2.html", "uflpa-html", name="uflpa-2025-trimmed")
    assert a.list_name == "uflpa" and b.list_name == "uflpa-2025-trimmed"
    assert b.added == 4 and b.removed == 0
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Watchlist)) == 2


def test_ofac_csv_and_xml_are_snapshots_of_the_same_list(store: Store, ofac_folder: Path, samples: Path):
    with store.session() as session:
        first = import_list(session, ofac_folder / "sdn.csv")
        second = import_list(session, samples / "sdn_sample.xml")
    assert first.list_name == second.list_name == "ofac-sdn"
    assert first.rows == 24 and second.rows == 4
    assert (second.added, second.removed, second.changed) == (0, 20, 1)  # 16318 gains its nationality
    [changed] = [c for c in second.changes if c.kind == "changed"]
    assert (changed.entry_key, changed.fields) == ("16318", ("country",))
    with store.session() as session:
        snap = session.get(ListSnapshot, first.snapshot_id)
        assert snap.source_file.count("; ") == 2  # sdn.csv; alt.csv; add.csv


def test_repeated_keys_get_a_stable_suffix(store: Store, tmp_path: Path):
    path = write(tmp_path / "mine.csv", ["name,country,list section", "Camel Group,CN,A", "Camel Group,CN,B"])
    with store.session() as session:
        result = import_list(session, path, "watchlist-csv")
        keys = sorted((e.entry_key, e.program) for e in snapshot_entries(session, result.snapshot_id))
    assert keys == [("camel-group-cn", "A"), ("camel-group-cn#2", "B")]


def test_rescreen_gets_the_added_and_changed_keys(store: Store, tmp_path: Path):
    calls: list[set[str]] = []

    def rescreen(session, keys: Callable[[], set[str]]) -> int:
        assert session.in_transaction()
        calls.append(keys())
        return len(calls[-1]) * 10

    path = write(tmp_path / "mine.csv", ["id,name", "a,Alpha Cotton", "b,Beta Yarn", "c,Gamma Polysilicon"])
    with store.session() as session:
        first = import_list(session, path, "watchlist-csv", rescreen=rescreen)
    assert first.new_hits == 30 and calls == [{"a", "b", "c"}]
    write(path, ["id,name", "a,Alpha Cotton", "b,Beta Yarn Co", "d,Delta Silicon"])
    with store.session() as session:
        second = import_list(session, path, "watchlist-csv", rescreen=rescreen)
    assert calls[-1] == {"b", "c", "d"} and second.new_hits == 30  # changed, removed, added
    assert (second.added, second.removed, second.changed) == (1, 1, 1)
    with store.session() as session:
        third = import_list(session, path, "watchlist-csv", rescreen=rescreen)
    assert len(calls) == 2 and third.new_hits == 0  # nothing new or changed: no re-screen


def test_the_rescreen_hook_reads_no_keys_when_there_are_no_suppliers(store: Store):
    from workbench.lists.rescreen import rescreen_hook

    asked: list[bool] = []

    def keys() -> set[str]:
        asked.append(True)
        return {"a"}

    with store.session() as session, session.begin():
        assert rescreen_hook("Mine")(session, keys) == 0
    assert asked == []


def test_a_failing_rescreen_rolls_the_import_back(store: Store, samples: Path):
    def rescreen(session, keys):
        raise RuntimeError("screening failed")

    with store.session() as session, pytest.raises(RuntimeError):
        import_list(session, samples / "csl_sample.csv", rescreen=rescreen)
    assert table_counts(store) == (0, 0, 0)


def test_progress_and_cancel(store: Store, samples: Path, tmp_path: Path):
    header, row = csl_lines(samples)[:2]
    rows = [row.replace('"30882"', f'"{n}"', 1) for n in range(12_000)]
    path = write(tmp_path / "big.csv", [header, *rows])
    seen: list[tuple[int, int]] = []
    with store.session() as session:
        state = TaskState(lambda done, total, msg: seen.append((done, total)))
        result = import_list(session, path, state=state)
    assert result.rows == 12_000
    assert seen[-1][0] == seen[-1][1] == path.stat().st_size
    assert [d for d, _t in seen] == sorted(d for d, _t in seen) and len(seen) >= 3
    before = table_counts(store)

    state = TaskState(lambda done, total, msg: state.cancel() if done > 0 else None)
    with store.session() as session, pytest.raises(Cancelled):
        import_list(session, path, state=state)
    assert table_counts(store) == before


def test_the_caller_can_own_the_transaction(store: Store, samples: Path):
    with store.session() as session, pytest.raises(RuntimeError), session.begin():
        import_list(session, samples / "csl_sample.csv")
        assert session.scalar(select(func.count()).select_from(ListEntry)) == 25
        raise RuntimeError("the caller's later step failed")
    assert table_counts(store) == (0, 0, 0)


@pytest.mark.postgres
def test_import_is_all_or_nothing_on_each_backend(any_store: Store, samples: Path, tmp_path: Path):
    with any_store.session() as session:
        good = import_list(session, samples / "csl_sample.csv")
    header, row = csl_lines(samples)[:2]
    rows = [row.replace('"30882"', f'"{n}"', 1) for n in range(7_000)]
    rows.append(row.replace('"CMIC-EO13959"', '"CMIC"EO'))  # a stray quote
    bad = write(tmp_path / "bad.csv", [header, *rows])
    with any_store.session() as session, pytest.raises(InputError, match=r"bad.csv, line 7002: broken CSV"):
        import_list(session, bad)
    assert table_counts(any_store) == (1, 1, 25)
    with any_store.session() as session:
        again = import_list(session, samples / "csl_sample.csv")
        assert again.previous_snapshot_id == good.snapshot_id
        assert (again.added, again.removed, again.changed) == (0, 0, 0)
        info = list_snapshots(session)
        assert [i.rows for i in info] == [25, 25]
        assert all(i.imported_at.tzinfo is not None for i in info) or any_store.is_sqlite


@pytest.mark.postgres
def test_text_the_store_cannot_hold_is_made_storable(any_store: Store, tmp_path: Path):
    countries = ", ".join(f'"{a}{b}"' for a in "abcdefgh" for b in "abcdefgh")  # 64 codes
    path = tmp_path / "entities.ftm.json"
    path.write_text(
        '{"id":"x\\u0000y","schema":"Company","properties":{"name":["Bad \\ud800 Name\\u0000"],'
        f'"alias":["\\udfff"],"country":[{countries}],"sourceUrl":["http://e\\u0000x"]}}}}\n',
        encoding="utf-8",
    )
    with any_store.session() as session:
        result = import_list(session, path, "ftm")
    with any_store.session() as session:
        [entry] = snapshot_entries(session, result.snapshot_id)
    assert entry.entry_key == "xy" and entry.name == "Bad ? Name" and entry.aliases == ["?"]
    assert len(entry.country) <= 200 and entry.country.startswith("AA; AB")
    assert entry.source_url == "http://ex"


def test_ftm_progress_covers_both_passes_and_cancel_works_in_the_first(store: Store, tmp_path: Path):
    path = tmp_path / "entities.ftm.json"
    lines = [
        f'{{"id":"c{n}","schema":"Company","properties":{{"name":["Company {n}"],"country":["cn"]}}}}'
        for n in range(10_000)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    seen: list[tuple[int, int, str]] = []
    with store.session() as session:
        import_list(session, path, state=TaskState(lambda done, total, msg: seen.append((done, total, msg))))
    assert seen[-1][0] == seen[-1][1] == 2 * path.stat().st_size
    first_pass = [s for s in seen if s[2].endswith(": 0 entries so far") and s[0] > 0]
    assert first_pass  # the sanction pass reported progress before any entry was read

    state = TaskState(lambda done, total, msg: state.cancel() if done > 0 else None)
    with store.session() as session, pytest.raises(Cancelled):
        import_list(session, path, state=state)
    assert table_counts(store) == (1, 1, 10_000)
