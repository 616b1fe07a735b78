"""Screening behaviour on the fixture list: one test per variant kind and per safeguard."""

from __future__ import annotations

import pytest

from tests.screening.fixtures import fixture_screener
from workbench.progress import Cancelled, TaskState
from workbench.screening import DEFAULT_THRESHOLD, ListedEntity, Screener, SupplierQuery


def top(name: str, **kw: object) -> str | None:
    matches = fixture_screener().screen(SupplierQuery(name=name, **kw))  # type: ignore[arg-type]
    return matches[0].entity.name if matches else None


def keys(name: str, threshold: float | None = None, **kw: object) -> list[str]:
    q = SupplierQuery(name=name, **kw)  # type: ignore[arg-type]
    return [m.entity.key for m in fixture_screener().screen(q, threshold)]


def test_chinese_characters_find_a_romanised_listing():
    assert top("和田浩林发饰品有限公司") == "Hetian Haolin Hair Accessories Co. Ltd."
    assert top("伊犁卓婉服装制造有限公司") == "Yili Zhuowan Garment Manufacturing Co., Ltd."
    assert top("阿克苏地区公安局") == "Aksu District Public Security Bureau"


def test_pinyin_with_or_without_spaces():
    for q in (
        "Hetian Hao Lin Hair Accessories",
        "hetianhaolin hair accessories",
        "HetianHaolin Hair Accessories",
    ):
        assert top(q) == "Hetian Haolin Hair Accessories Co. Ltd.", q


def test_pinyin_descriptive_words_meet_english_ones():
    assert top("Hetian Taida Fuzhuang") == "Hetian Taida Apparel Co., Ltd."
    assert top("Xinjiang Tianshan Maofang Fangzhi") == "Xinjiang Tianshan Wool Textile Co., Ltd."


def test_old_romanisations_of_xinjiang_places():
    assert top("Khotan Haolin Hair Accessories") == "Hetian Haolin Hair Accessories Co. Ltd."
    assert top("Kashi Prefecture Public Security Bureau") == "Kashgar Prefecture Public Security Bureau"
    assert top("Qoqek Prefecture Public Security Bureau") == "Tacheng Prefecture Public Security Bureau"


def test_abbreviations():
    assert top("XPCC").startswith("Xinjiang Production and Construction Corps (XPCC) and")
    assert top("Bingtuan").startswith("Xinjiang Production and Construction Corps (XPCC) and")
    assert top("XPSB") == "Xinjiang Public Security Bureau (XPSB)"
    assert top("CNSIM") == "China National Scientific Instruments and Materials (CNSIM)"


@pytest.mark.parametrize(
    "name",
    [
        "Quanguo Chen",
        "CHEN, Quanguo",
        "chen quan-guo",
        "Chen Quan Guo",
        "陈全国",
        "ChenQuanguo",
        "QUANGUO chen",
    ],
)
def test_person_names_in_any_order_case_hyphenation_or_script(name):
    assert top(name) == "Chen Quanguo"


def test_typos_token_order_and_generic_words():
    assert top("Hikvison") == "Hangzhou Hikvision Digital Technology Co., Ltd."
    assert top("Haolin Hair Accessories Hetian") == "Hetian Haolin Hair Accessories Co. Ltd."
    assert top("Hetian Haolin") == "Hetian Haolin Hair Accessories Co. Ltd."
    assert top("Hetian Haolin Hair Accessories Trading Co") == "Hetian Haolin Hair Accessories Co. Ltd."


def test_a_company_sharing_only_a_place_and_generic_words_does_not_match():
    for q in (
        "Xinjiang Cotton Trading Co., Ltd.",
        "新疆棉花贸易有限公司",
        "Hetian Hair Products Co.",
        "Aksu Textile Co., Ltd.",
        "Xinjiang New Energy Co Ltd",
    ):
        assert keys(q) == [], q


def test_one_letter_off_a_short_brand_does_not_match():
    for q in (
        "Camal Group Co., Ltd.",
        "KTC Group",
        "DJL",
        "Dahwa Technology",
        "Geehi Semiconductor Co., Ltd.",
    ):
        assert keys(q) == [], q


def test_a_tax_bureau_is_not_the_public_security_bureau():
    assert keys("Hotan Prefecture Tax Bureau") == []
    assert keys("和田地区税务局") == []
    assert keys("Xinjiang Police Hospital") == []
    psb = fixture_screener().screen(SupplierQuery("Hotan Prefecture Tax Bureau"), threshold=0)
    assert any("function" in f.name for m in psb for f in m.features)


def test_another_person_with_the_same_surname_does_not_match():
    assert keys("Chen Quanming") == []
    assert keys("Wang Junjie") == []


def test_regions_and_goods_are_not_name_matched():
    types = {e.type for e in fixture_screener().entities}
    assert not types & {"region", "good"}
    assert not any("region" in k for k in keys("Xinjiang Uyghur Autonomous Region", threshold=0))
    assert not any("good" in k for k in keys("Cotton", threshold=0))


def test_listed_sites_are_name_matched_and_a_company_form_counts_against_a_site():
    site = "builtin:uflpa-lop-county-hair-product-industrial-park"
    assert keys("Lop County Hair Product Industrial Park")[0] == site
    exact = fixture_screener().screen(SupplierQuery("Lop County Hair Product Industrial Park"))[0]
    as_company = fixture_screener().screen(SupplierQuery(f"{exact.matched_name} Co. Ltd"))[0]
    assert as_company.entity.key == site and as_company.score < exact.score
    assert any(f.name == "legal form" and f.score < 0 for f in as_company.features)


def test_country_is_supporting_evidence_not_a_gate():
    screener = fixture_screener()
    same = screener.screen(SupplierQuery("Hikvision", country="China"))[0]
    other = screener.screen(SupplierQuery("Hikvision", country="Vietnam"))[0]
    none = screener.screen(SupplierQuery("Hikvision"))[0]
    assert other.entity.key == same.entity.key == none.entity.key
    assert other.score < none.score <= same.score
    assert any(f.name == "country" for f in other.features)


def test_local_name_and_aliases_are_screened_too():
    q = SupplierQuery(name="Acme Import Export", local_name="和田泰达服饰有限公司", aliases=("Widget Co",))
    [m] = fixture_screener().screen(q)
    assert m.entity.name == "Hetian Taida Apparel Co., Ltd." and m.query_name == "和田泰达服饰有限公司"


def test_evidence_explains_the_match():
    [m] = fixture_screener().screen(SupplierQuery("和田浩林发饰品有限公司", country="CN"))
    text = "\n".join(m.evidence)
    assert m.matched_name in text
    assert "hotan haolin hair accessories" in text  # normalised forms
    assert "Agreeing tokens: hotan = hotan; haolin = haolin" in text
    assert (
        "UFLPA Entity List (DHS / FLETF, 2022-06-21" in text
        and "https://www.dhs.gov/uflpa-entity-list" in text
    )
    names = {f.name for f in m.features}
    assert {"name tokens", "spelling", "country", "legal form"} <= names
    assert all(f.detail.endswith(".") for f in m.features)
    assert 0 <= m.score <= 100


def test_results_are_best_first_and_respect_the_threshold():
    screener = fixture_screener()
    matches = screener.screen(SupplierQuery("Huafu Textile"), threshold=40)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.score >= 40 for m in matches)
    assert len(screener.screen(SupplierQuery("Huafu Textile"), threshold=95)) < len(matches)
    assert all(m.score >= DEFAULT_THRESHOLD for m in screener.screen(SupplierQuery("Huafu Textile")))


def test_screen_many_streams_reports_progress_and_can_be_cancelled():
    seen: list[tuple[int, int]] = []
    state = TaskState(lambda done, total, _msg: seen.append((done, total)))
    queries = [SupplierQuery(f"Supplier {i}", ref=str(i)) for i in range(450)]
    out = list(fixture_screener().screen_many(queries, state=state))
    assert [q.ref for q, _ in out] == [str(i) for i in range(450)]
    assert seen[-1] == (450, 450)
    state = TaskState()
    stream = fixture_screener().screen_many(iter(queries), state=state)
    next(stream)
    state.cancel()
    with pytest.raises(Cancelled):
        list(stream)


def test_an_empty_list_or_blank_query_gives_no_matches():
    assert Screener([]).screen(SupplierQuery("Hikvision")) == []
    assert fixture_screener().screen(SupplierQuery("  ")) == []
    lone = ListedEntity(key="list:x:1", entity_id="1", name="Acme", names=("Acme",), type="company")
    assert [m.entity.key for m in Screener([lone]).screen(SupplierQuery("ACME"))] == ["list:x:1"]


def test_screen_many_with_worker_processes_gives_the_same_results_in_order():
    queries = [
        SupplierQuery(n, ref=str(i))
        for i, n in enumerate(
            ["陈全国", "Nobody Ltd", "Hotan Haolin Hair Accessories", "XPCC", "Hikvison"] * 120
        )
    ]
    serial = [(q.ref, [m.entity.key for m in ms]) for q, ms in fixture_screener().screen_many(queries)]
    seen: list[int] = []
    state = TaskState(lambda done, _total, _msg: seen.append(done))
    parallel = [
        (q.ref, [m.entity.key for m in ms])
        for q, ms in fixture_screener().screen_many(queries, state=state, workers=2)
    ]
    assert parallel == serial
    assert seen[-1] == len(queries)
