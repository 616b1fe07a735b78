"""The saved screening index: same results as a fresh build, used only for the lists it was built from."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime

import pytest

from tests.screening.fixtures import fixture_entities, fixture_screener, labelled_rows
from workbench.data.models import ListEntry, ListSnapshot, Watchlist
from workbench.screening import ListedEntity, Screener, SupplierQuery, build_screener, packed
from workbench.screening.index_cache import (
    EntityTable,
    StaleIndexError,
    load_for_entities,
    read_screener,
    save_for_entities,
    write_screener,
)
from workbench.screening.store import INDEX_FOLDER, index_key, index_path


def outcome(screener: Screener, queries: list[SupplierQuery], threshold: float | None = None) -> list:
    return [
        [(m.entity, m.score, m.matched_name, m.query_name, m.features, m.evidence) for m in ms]
        for ms in (screener.screen(q, threshold) for q in queries)
    ]


def labelled_queries() -> list[SupplierQuery]:
    return [
        SupplierQuery(name=r["query"], local_name=r["local_name"], country=r["country"],
                      aliases=tuple(a for a in r["aliases"].split(";") if a))
        for r in labelled_rows()
    ]


@pytest.mark.parametrize("shard_size", [packed.SHARD_SIZE, 4])
def test_a_loaded_index_gives_the_matches_and_scores_of_a_fresh_build(tmp_path, monkeypatch, shard_size):
    monkeypatch.setattr(packed, "SHARD_SIZE", shard_size)  # 4: the dicts of the index in hundreds of shards
    path = tmp_path / "fixture.index"
    save_for_entities(path, fixture_screener())
    loaded = load_for_entities(fixture_entities(), path)
    assert isinstance(loaded.entities, EntityTable)
    queries = labelled_queries()
    fresh = outcome(Screener(fixture_entities()), queries)
    assert sum(map(len, fresh)) > 1000, "the labelled queries find their entities"
    assert outcome(loaded, queries) == fresh
    low = queries[::10]
    assert outcome(loaded, low, threshold=30) == outcome(Screener(fixture_entities()), low, threshold=30)


def acme(key: str, name: str) -> ListedEntity:
    return ListedEntity(key=f"list:x:{key}", entity_id=key, name=name, names=(name,), type="company")


def test_the_index_of_other_entities_is_refused(tmp_path):
    path = tmp_path / "x.index"
    save_for_entities(path, Screener([acme("1", "Zorblax Industries")]))
    with pytest.raises(StaleIndexError):
        load_for_entities([acme("2", "Quintessa Mills")], path)
    with pytest.raises(StaleIndexError):
        load_for_entities([acme("1", "Zorblax Industries Renamed")], path)
    ok = load_for_entities([acme("1", "Zorblax Industries")], path)
    assert [m.entity.key for m in ok.screen(SupplierQuery("Zorblax Industries"))] == ["list:x:1"]


def _no_build(*_args: object) -> None:
    raise AssertionError("the screener was built although a current index is saved")


def add_snapshot(session, list_name: str, snap_id: str, names: list[str], day: int) -> None:
    wl = session.query(Watchlist).filter_by(name=list_name).one_or_none()
    if wl is None:
        wl = Watchlist(name=list_name, type="csl")
        session.add(wl)
        session.flush()
    session.add(ListSnapshot(
        id=snap_id, watchlist_id=wl.id, source_file=f"{list_name}.csv", sha256="0" * 64,
        imported_at=datetime(2025, 1, day, tzinfo=UTC), rows=len(names),
    ))
    session.flush()
    for i, name in enumerate(names):
        session.add(ListEntry(snapshot_id=snap_id, entry_key=str(i), name=name, aliases=[], type="company"))


def hits(screener: Screener, name: str) -> list[str]:
    return [m.entity.name for m in screener.screen(SupplierQuery(name))]


def test_the_store_screener_is_saved_once_and_follows_new_snapshots(sqlite_store, isolated_home, monkeypatch):
    with sqlite_store.transaction() as session:
        add_snapshot(session, "extra", "snap-1", ["Zorblax Industries Co Ltd"], 1)
    with sqlite_store.session() as session:
        first = build_screener(session)
        path = index_path(session, index_key(session))
    assert path.exists()
    with monkeypatch.context() as patch, sqlite_store.session() as session:
        patch.setattr(Screener, "__init__", _no_build)
        again = build_screener(session)
    assert hits(again, "Zorblax Industries") == ["Zorblax Industries Co Ltd"]
    assert hits(again, "Hikvision") == hits(first, "Hikvision") != []

    with sqlite_store.transaction() as session:
        add_snapshot(session, "extra", "snap-2", ["Quintessa Mills Co Ltd"], 2)
    with sqlite_store.session() as session:
        newer = build_screener(session)
        new_path = index_path(session, index_key(session))
    assert hits(newer, "Zorblax Industries") == []
    assert hits(newer, "Quintessa Mills") == ["Quintessa Mills Co Ltd"]
    assert [p.name for p in (isolated_home / INDEX_FOLDER).iterdir()] == [new_path.name], "old index removed"


def test_an_index_built_for_other_lists_is_never_used(sqlite_store):
    """Even put where the current index belongs, a file built for another key is rebuilt, not read."""
    with sqlite_store.transaction() as session:
        add_snapshot(session, "extra", "snap-a", ["Zorblax Industries Co Ltd"], 1)
    with sqlite_store.session() as session:
        foreign = build_screener(session)
        foreign_key = index_key(session)
    with sqlite_store.transaction() as session:
        add_snapshot(session, "extra", "snap-b", ["Quintessa Mills Co Ltd"], 2)
    with sqlite_store.session() as session:
        path = index_path(session, index_key(session))
        write_screener(path, foreign_key, foreign)
        assert read_screener(path, index_key(session)) is None
        screener = build_screener(session)
    assert hits(screener, "Zorblax Industries") == []
    assert hits(screener, "Quintessa Mills") == ["Quintessa Mills Co Ltd"]


def test_a_damaged_index_file_is_rebuilt(sqlite_store):
    with sqlite_store.session() as session:
        build_screener(session)
        path = index_path(session, index_key(session))
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        assert read_screener(path, index_key(session)) is None
        assert hits(build_screener(session), "Hikvision")
        assert read_screener(path, index_key(session)) is not None


def _write_many(path, times: int) -> None:
    screener = Screener(fixture_entities())
    for _ in range(times):
        write_screener(path, {"k": 1}, screener)


def test_processes_writing_at_once_never_leave_a_torn_file(tmp_path):
    path = tmp_path / "shared.index"
    write_screener(path, {"k": 1}, fixture_screener())
    ctx = multiprocessing.get_context("spawn")
    writers = [ctx.Process(target=_write_many, args=(path, 8)) for _ in range(2)]
    for w in writers:
        w.start()
    reads = 0
    while any(w.is_alive() for w in writers) or reads < 3:
        screener = read_screener(path, {"k": 1})
        assert screener is not None
        assert hits(screener, "Hotan Haolin Hair Accessories") == ["Hetian Haolin Hair Accessories Co. Ltd."]
        reads += 1
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert list(tmp_path.iterdir()) == [path], "no temporary file left behind"
