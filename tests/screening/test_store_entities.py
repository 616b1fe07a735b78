"""load_entities/build_screener read the built-in measures and the newest snapshot of each list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from workbench.data.models import Entity, ListEntry, ListSnapshot, Watchlist
from workbench.screening import Screener, SupplierQuery, build_screener, load_entities


def _add_list(session, name: str, snapshots: list[list[tuple[str, str, list[str], str]]]) -> None:
    wl = Watchlist(name=name, type="csl")
    session.add(wl)
    session.flush()
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for n, rows in enumerate(snapshots):
        snap = ListSnapshot(
            id=f"{name}-{n}",
            watchlist_id=wl.id,
            source_file=f"{name}.csv",
            sha256="0" * 64,
            imported_at=start + timedelta(days=n),
            rows=len(rows),
        )
        session.add(snap)
        session.flush()
        for key, entry_name, aliases, etype in rows:
            session.add(
                ListEntry(
                    snapshot_id=snap.id,
                    entry_key=key,
                    name=entry_name,
                    aliases=aliases,
                    type=etype,
                    country="CN",
                    program="CMIC-EO13959",
                    listed=date(2021, 6, 3),
                    source_url="https://ofac.treasury.gov/",
                )
            )


def test_builtin_entities_come_with_aliases_and_measures(any_store):
    with any_store.session() as session:
        entities = load_entities(session)
        region_ids = {e.id for e in session.query(Entity).filter(Entity.type.in_(["region", "good"]))}
    assert entities, "the built-in measures are loaded"
    assert all(e.key.startswith("builtin:") for e in entities)
    assert {e.type for e in entities} <= {"company", "government", "person", "site"}
    assert not region_ids & {e.entity_id for e in entities}
    hik = next(e for e in entities if "Hikvision" in e.names)
    assert hik.name in hik.names and any("\u4e00" <= ch <= "\u9fff" for n in hik.names for ch in n)
    assert hik.measures and all(m.authority and m.title and m.sources for m in hik.measures)


def test_list_entries_of_the_newest_snapshot_are_screened(sqlite_store):
    with sqlite_store.transaction() as session:
        _add_list(
            session,
            "csl",
            [
                [("old", "Old Removed Trading Co., Ltd.", [], "company")],
                [
                    ("30882", "China Telecom Corporation Limited", ["CHINA TELECOM"], "company"),
                    ("v1", "EBANO", [], "vessel"),
                ],
            ],
        )
    with sqlite_store.session() as session:
        entities = load_entities(session)
        screener = build_screener(session)
    listed = [e for e in entities if e.source == "csl"]
    assert [e.key for e in listed] == ["list:csl:30882", "list:csl:v1"]  # vessels are screened too
    assert listed[0].measures[0].title == "CMIC-EO13959" and listed[0].measures[0].date == "2021-06-03"
    [m] = screener.screen(SupplierQuery("China Telecom Corp Ltd"))
    assert m.entity.key == "list:csl:30882"
    assert screener.screen(SupplierQuery("Old Removed Trading")) == []
    assert screener.screen(SupplierQuery("陈全国"))[0].entity.name == "Chen Quanguo"
    assert screener.screen(SupplierQuery("Ebano"))[0].entity.key == "list:csl:v1"


def test_the_labelled_set_holds_against_the_shipped_measures(sqlite_store):
    """Positives whose listed name is in the shipped dataset are found; negatives stay clean."""
    from collections import defaultdict

    from tests.screening.fixtures import fixture_entities, labelled_rows
    from workbench.screening.normalize import normalize

    with sqlite_store.session() as session:
        screener = build_screener(session)
    by_tokens: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for e in screener.entities:
        for n in e.names:
            by_tokens[normalize(n).tokens].add(e.key)
    fixture = {e.key: e for e in fixture_entities()}
    found = positives = false_positives = negatives = 0
    for row in labelled_rows():
        q = SupplierQuery(name=row["query"], local_name=row["local_name"], country=row["country"])
        keys = {m.entity.key for m in screener.screen(q)}
        if not row["expected"]:
            negatives += 1
            false_positives += bool(keys)
            continue
        targets = set().union(
            *(by_tokens.get(normalize(n).tokens, set()) for n in fixture[row["expected"]].names)
        )
        if targets:
            positives += 1
            found += bool(keys & targets)
    assert positives > 800
    assert found / positives >= 0.95
    assert false_positives / negatives <= 0.05


def test_registered_chinese_names_of_solar_and_genomics_firms_reach_their_listings(sqlite_store):
    with sqlite_store.session() as session:
        screener = build_screener(session)
    for name, entity_id in [
        ("新疆大全新能源股份有限公司", "xinjiang-daqo-new-energy-co-ltd"),
        ("新疆协鑫新能源材料科技有限公司", "xinjiang-gcl-new-energy-material-technology-co-ltd"),
        ("北京六合华大基因科技有限公司", "beijing-liuhe-bgi"),
    ]:
        matches = screener.screen(SupplierQuery(name=name, country="CN"))
        assert matches and matches[0].entity.entity_id == entity_id, name


def test_listed_sites_of_the_builtin_measures_hit_by_their_exact_names(any_store):
    with any_store.session() as session:
        screener = Screener(load_entities(session))
    for name in (
        "Lop County No. 4 Vocational Skills Education and Training Center",
        "Lop County Hair Product Industrial Park",
    ):
        matches = screener.screen(SupplierQuery(name))
        assert matches and matches[0].entity.type == "site" and matches[0].score >= 95, name
