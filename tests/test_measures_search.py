"""Searching the shipped measures as users do, and no research notes in what users see."""

from __future__ import annotations

from workbench.measures.catalogue import list_measures
from workbench.measures.search import matches, user_confidence, without_research_notes


def _titles(store, query: str) -> list[str]:
    with store.session() as s:
        return [m.title for m in list_measures(s) if matches(m, query)]


def test_withhold_release_order_finds_the_wros(any_store) -> None:
    found = _titles(any_store, "Withhold Release Order")
    with any_store.session() as s:
        wros = [m.title for m in list_measures(s) if m.kind == "wro"]
    assert found and set(wros) <= set(found)


def test_a_chinese_name_finds_the_measure_naming_its_pinyin(any_store) -> None:
    found = _titles(any_store, "和田泰达")
    assert any("Taida" in t or "Hetian" in t for t in found), found
    assert not _titles(any_store, "完全无关公司名称")


def test_words_may_come_in_any_order(any_store) -> None:
    assert _titles(any_store, "hoshine WRO") == _titles(any_store, "WRO hoshine") != []


def test_only_the_confidence_level_is_shown_to_users() -> None:
    assert (
        user_confidence("High (reference README: the Dalian and Hoshine WROs are high confidence).") == "High"
    )
    assert user_confidence("Date conflict: seed 003 gives 11/3/2020 ...") == "Date conflict"
    assert user_confidence("Row confidence notes in this batch: 'verified'.") == ""


def test_clauses_citing_research_files_are_dropped() -> None:
    text = "listed as 'Hikvision' (company); date sanctioned per seed 003: 2019-10-09"
    assert without_research_notes(text) == "listed as 'Hikvision' (company)"
