"""The shipped measures dataset and reference data: schema, required counts, aliases, cross-references."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from importlib.resources import files
from typing import Any

import pytest

KINDS = {
    "magnitsky",
    "wro",
    "entity_list",
    "uflpa_entity_list",
    "visa_ban",
    "atrocity_determination",
    "license_policy",
    "business_advisory",
    "goods_list",
    "sector_guidance",
    "law",
}
ENTITY_TYPES = {"company", "government", "person", "site", "region", "good"}
SCRIPTS = {"latin", "han", "arabic"}
SEED_003 = "003_29f0e8d56f0acb0e.txt"
ENTITY_KEYS = {"id", "name", "type", "country", "region", "position", "sectors", "notes", "aliases"}
MEASURE_KEYS = {
    "id",
    "kind",
    "authority",
    "title",
    "summary",
    "announced",
    "effective",
    "legal_basis",
    "products",
    "indicators",
    "sectors",
    "sources",
    "seed",
    "confidence",
    "notes",
    "targets",
}
CONTEXT_KEYS = {"id", "title", "publisher", "published", "summary", "topics", "sources", "seed", "confidence"}


def _load(*parts: str) -> Any:
    node = files("workbench.resources")
    for part in parts:
        node = node / part
    return json.loads(node.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return _load("measures", "measures.json")


@pytest.fixture(scope="module")
def entities(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in data["entities"]}


@pytest.fixture(scope="module")
def measures(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in data["measures"]}


def _iso(value: str | None) -> None:
    if value is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
        date.fromisoformat(value)


def _targets(measures: dict[str, dict[str, Any]], kind: str, seed: str | None = None) -> set[str]:
    return {
        t["entity_id"]
        for m in measures.values()
        if m["kind"] == kind and (seed is None or m["seed"] == seed)
        for t in m["targets"]
    }


# --- schema -----------------------------------------------------------------------------------


def test_header(data: dict[str, Any]) -> None:
    assert data["dataset"] == "builtin"
    assert data["version"] == "2025.01.15-2"
    assert data["as_of"] == "2025-01-15"
    assert data["title"]
    for needle in ("May 2021", "136", "144", "https://www.dhs.gov/uflpa-entity-list"):
        assert needle in data["coverage"]


def test_file_is_utf8_with_unescaped_han(data: dict[str, Any]) -> None:
    raw = (files("workbench.resources") / "measures" / "measures.json").read_text(encoding="utf-8")
    assert "新疆生产建设兵团" in raw
    assert "\\u65b0" not in raw


def test_ids_unique(data: dict[str, Any]) -> None:
    for section in ("entities", "measures", "context"):
        ids = [r["id"] for r in data[section]]
        assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
        assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


def test_entity_schema(data: dict[str, Any]) -> None:
    for e in data["entities"]:
        assert set(e) == ENTITY_KEYS, e["id"]
        assert e["type"] in ENTITY_TYPES, e["id"]
        assert e["name"].strip()
        assert e["country"] == "" or re.fullmatch(r"[A-Z]{2}", e["country"]), e["id"]
        assert len(e["id"]) <= 120
        names = [a["name"] for a in e["aliases"]]
        assert len(names) == len(set(names)), e["id"]
        assert e["name"] not in names, e["id"]
        for a in e["aliases"]:
            assert set(a) == {"name", "script", "added", "source"}, e["id"]
            assert a["script"] in SCRIPTS
            assert isinstance(a["added"], bool)
            assert a["source"], (e["id"], a["name"])
            if re.search(r"[\u4e00-\u9fff]", a["name"]):
                assert a["script"] == "han", a["name"]
        if e["type"] == "person":
            assert e["position"], e["id"]


def test_measure_schema(data: dict[str, Any], entities: dict[str, dict[str, Any]]) -> None:
    for m in data["measures"]:
        assert set(m) == MEASURE_KEYS, m["id"]
        assert m["kind"] in KINDS, m["id"]
        assert len(m["id"]) <= 80
        assert m["authority"] and m["title"] and m["summary"], m["id"]
        _iso(m["announced"])
        _iso(m["effective"])
        assert m["announced"] or m["effective"] or m["confidence"], m["id"]
        assert m["sources"] and all(s.startswith("http") for s in m["sources"]), m["id"]
        assert m["seed"], m["id"]
        for field in ("products", "indicators", "sectors"):
            assert isinstance(m[field], list)
        seen = set()
        for t in m["targets"]:
            assert set(t) == {"entity_id", "listed", "detail"}
            assert t["entity_id"] in entities, (m["id"], t["entity_id"])
            assert t["entity_id"] not in seen, (m["id"], t["entity_id"])
            seen.add(t["entity_id"])
            _iso(t["listed"])


def test_context_schema(data: dict[str, Any]) -> None:
    seeds = {c["seed"] for c in data["context"]}
    assert {s[:3] for s in seeds} >= {"000", "001", "002", "004"}
    for c in data["context"]:
        assert set(c) == CONTEXT_KEYS, c["id"]
        _iso(c["published"])
        assert c["summary"] and c["topics"]
        assert all(s.startswith("http") for s in c["sources"])
        assert c["sources"] or "seed" in c["confidence"], c["id"]


def test_every_entity_is_targeted(data: dict[str, Any]) -> None:
    targeted = {t["entity_id"] for m in data["measures"] for t in m["targets"]}
    assert {e["id"] for e in data["entities"]} == targeted


# --- required content from seed 003 -----------------------------------------------------------


def test_global_magnitsky(measures: dict[str, dict[str, Any]], entities: dict[str, dict[str, Any]]) -> None:
    glomag = [m for m in measures.values() if m["kind"] == "magnitsky"]
    assert sorted(m["effective"] for m in glomag) == ["2020-07-09", "2020-07-31", "2021-03-22"]
    assert {s.rsplit("/", 1)[1] for m in glomag for s in m["sources"]} == {"sm1055", "sm1073", "jy0070"}
    targets = _targets(measures, "magnitsky")
    assert len(targets) == 10
    types = Counter(entities[t]["type"] for t in targets)
    assert types == {"person": 8, "government": 2}
    assert {"xpcc", "xpsb"} <= targets
    assert entities["chen-quanguo"]["position"].startswith("Communist Party Secretary of XUAR")


def test_seed_003_wros(measures: dict[str, dict[str, Any]], entities: dict[str, dict[str, Any]]) -> None:
    wros = [m for m in measures.values() if m["kind"] == "wro" and m["seed"] == SEED_003]
    assert len(wros) == 11
    assert all(m["legal_basis"] == "19 U.S.C. 1307" for m in wros)
    by_target = {m["targets"][0]["entity_id"]: m for m in wros}
    region = by_target["xinjiang-uyghur-autonomous-region"]
    assert entities["xinjiang-uyghur-autonomous-region"]["type"] == "region"
    assert set(region["indicators"]) == {
        "debt_bondage",
        "restriction_of_movement",
        "isolation",
        "intimidation_and_threats",
        "withholding_of_wages",
        "abusive_working_and_living_conditions",
    }
    assert region["effective"] == region["announced"] == "2021-01-13"
    assert by_target["xpcc"]["effective"] == "2020-11-03" and by_target["xpcc"]["announced"] == "2020-12-02"
    assert entities["lop-county-no-4-vsetc"]["type"] == "site"
    assert entities["lop-county-hair-product-industrial-park"]["type"] == "site"
    assert "unfree recruitment" in by_target["lop-county-no-4-vsetc"]["notes"]
    assert set(by_target["hefei-bitland"]["indicators"]) == {
        "abuse_of_vulnerability",
        "restriction_of_movement",
        "isolation",
        "intimidation_and_threats",
    }
    assert by_target["hetian-taida-apparel"]["effective"] == "2019-09-30"
    assert "2021-11-02" in by_target["xinjiang-junggar-cotton-linen"]["confidence"]


def test_later_wros_keep_confidence(measures: dict[str, dict[str, Any]]) -> None:
    later = [m for m in measures.values() if m["kind"] == "wro" and m["seed"] != SEED_003]
    assert {m["id"] for m in later} >= {
        "wro-2021-06-24-hoshine-silicon",
        "wro-2021-05-28-dalian-ocean-fishing",
    }
    assert all(m["confidence"] for m in later)
    junggar = [
        m
        for m in measures.values()
        if any(t["entity_id"] == "xinjiang-junggar-cotton-linen" for t in m["targets"]) and m["kind"] == "wro"
    ]
    assert len(junggar) == 1
    assert "2021-06-24" in measures["wro-2021-06-24-hoshine-silicon"]["notes"]


def test_entity_list(measures: dict[str, dict[str, Any]], entities: dict[str, dict[str, Any]]) -> None:
    rules = [m for m in measures.values() if m["kind"] == "entity_list"]
    assert sorted(m["effective"] for m in rules) == ["2019-10-09", "2020-06-05", "2020-07-22", "2020-12-18"]
    assert all(m["legal_basis"] == "15 CFR 744.11(b) (EAR)" for m in rules)
    assert all(m["sources"][0].startswith("https://www.federalregister.gov/") for m in rules)
    targets = _targets(measures, "entity_list")
    assert len(targets) == 52
    assert Counter(entities[t]["type"] for t in targets) == {"company": 31, "government": 21}
    dec = measures["entity-list-2020-12-18"]
    assert {t["entity_id"] for t in dec["targets"]} == {"agcu-scientech", "cnsim", "dji", "kuang-chi-group"}
    assert all("foreign policy" in t["detail"] for t in dec["targets"])
    assert "xpcc-psb" in targets and "xpcc" not in targets


def test_shared_entities_have_one_id(measures: dict[str, dict[str, Any]]) -> None:
    kinds: dict[str, set[str]] = {}
    for m in measures.values():
        for t in m["targets"]:
            kinds.setdefault(t["entity_id"], set()).add(m["kind"])
    assert kinds["hetian-taida-apparel"] == {"wro", "entity_list", "uflpa_entity_list"}
    assert kinds["hetian-haolin-hair"] == {"wro", "entity_list", "uflpa_entity_list"}
    assert kinds["hefei-bitland"] == {"wro", "entity_list", "uflpa_entity_list"}
    assert kinds["changji-esquel-textile"] == {"entity_list", "uflpa_entity_list"}
    assert kinds["xpcc"] == {"magnitsky", "wro", "uflpa_entity_list"}


def test_state_commerce_advisory(measures: dict[str, dict[str, Any]]) -> None:
    assert measures["visa-ban-2019-10-08"]["announced"] == "2019-10-08"
    pompeo = measures["atrocity-determination-2021-01-19"]
    assert pompeo["announced"] == "2021-01-19" and "visa" in pompeo["notes"]
    blinken = measures["atrocity-statement-2021-03-22"]
    assert blinken["announced"] == "2021-03-22" and "22/3/2021" in blinken["notes"]
    ear = measures["ear-742-7-license-policy-2020-10-06"]
    assert ear["kind"] == "license_policy" and "2020-21815" in ear["sources"][0]
    advisory = measures["xinjiang-supply-chain-business-advisory-2020-07-01"]
    assert {
        "https://www.state.gov/xinjiang-supply-chain-business-advisory/",
        "https://www.dhs.gov/publication/xinjiang-supply-chain-business-advisory",
    } <= set(advisory["sources"])


def test_dol_2020_goods(measures: dict[str, dict[str, Any]], entities: dict[str, dict[str, Any]]) -> None:
    m = measures["dol-tvpra-2020-xinjiang-goods"]
    assert m["kind"] == "goods_list" and m["announced"] == "2020-09-30"
    names = {entities[t["entity_id"]]["name"] for t in m["targets"]}
    assert names == {"Gloves", "Hair products", "Textiles", "Thread/yarn", "Tomato products"}
    assert all(entities[t["entity_id"]]["type"] == "good" for t in m["targets"])


# --- UFLPA -------------------------------------------------------------------------------------


def test_uflpa_law_and_sectors(measures: dict[str, dict[str, Any]]) -> None:
    law = measures["uflpa-law"]
    assert law["kind"] == "law" and law["announced"] == "2021-12-23" and law["effective"] == "2022-06-21"
    assert "Public Law 117-78" in law["legal_basis"]
    assert "clear and convincing" in law["summary"]
    sectors = {m["effective"]: len(m["targets"]) for m in measures.values() if m["kind"] == "sector_guidance"}
    assert sectors == {"2022-06-17": 4, "2024-07-09": 3, "2025-08-19": 5}


def test_uflpa_entity_list(measures: dict[str, dict[str, Any]], entities: dict[str, dict[str, Any]]) -> None:
    batches = [m for m in measures.values() if m["kind"] == "uflpa_entity_list"]
    assert len(batches) == 12
    rows = [t for m in batches for t in m["targets"]]
    assert len(rows) == len({t["entity_id"] for t in rows}) == 136
    assert all("2(d)(2)(B)(" in t["detail"] for t in rows)
    assert all(t["listed"] == m["effective"] for m in batches for t in m["targets"])
    assert all("136 of the 144" in m["summary"] for m in batches)
    assert all(m["confidence"] for m in batches)
    assert entities["xpcc"]["type"] == "government"
    assert "recalled" in entities["xpcc"]["notes"]
    counts = {m["effective"]: len(m["targets"]) for m in batches}
    assert counts["2022-06-21"] == 20 and counts["2024-05-17"] == 22 and counts["2024-11-25"] == 25
    assert counts["2025-01-15"] == 37


# --- aliases -----------------------------------------------------------------------------------


def _alias(entities: dict[str, dict[str, Any]], eid: str, name: str) -> dict[str, Any]:
    matches = [a for a in entities[eid]["aliases"] if a["name"] == name]
    assert matches, (eid, name)
    return matches[0]


def test_xpcc_aliases(entities: dict[str, dict[str, Any]]) -> None:
    bingtuan = _alias(entities, "xpcc", "Bingtuan")
    assert bingtuan["added"] is False and bingtuan["source"].startswith("002_")
    han = _alias(entities, "xpcc", "新疆生产建设兵团")
    assert han["added"] is True and han["script"] == "han"


@pytest.mark.parametrize(
    ("eid", "name"),
    [
        ("xpsb", "新疆维吾尔自治区公安厅"),
        ("hikvision", "海康威视"),
        ("hikvision", "Hangzhou Hikvision Digital Technology Co., Ltd."),
        ("dahua-technology", "浙江大华技术股份有限公司"),
        ("iflytek", "科大讯飞"),
        ("megvii-technology", "旷视科技"),
        ("sensetime", "商汤科技"),
        ("dji", "大疆创新"),
        ("chen-quanguo", "陈全国"),
        ("zhu-hailun", "朱海仑"),
        ("wang-mingshan", "王明山"),
        ("huo-liujun", "霍留军"),
        ("wang-junzheng", "王君正"),
        ("chen-mingguo", "陈明国"),
        ("peng-jiarui", "彭家瑞"),
        ("sun-jinlong", "孙金龙"),
        ("hetian-prefecture-psb", "Hotan Prefecture Public Security Bureau"),
        ("kelamayi-psb", "Karamay Municipality Public Security Bureau"),
    ],
)
def test_added_aliases_are_marked(entities: dict[str, dict[str, Any]], eid: str, name: str) -> None:
    assert _alias(entities, eid, name)["added"] is True


def test_seed_names_are_not_marked_added(entities: dict[str, dict[str, Any]]) -> None:
    for e in entities.values():
        for a in e["aliases"]:
            if a["source"] == SEED_003:
                assert a["added"] is False
            if a["source"] == "common usage":
                assert a["added"] is True


# --- reference data ------------------------------------------------------------------------------


def test_ilo_indicators() -> None:
    ilo = _load("reference", "ilo_indicators.json")
    indicators = ilo["indicators"]
    assert len(indicators) == 11
    assert [i["order"] for i in indicators] == list(range(1, 12))
    for i in indicators:
        assert {"id", "order", "name", "description", "examples"} <= set(i)
    assert ilo["source"]["verified_via"]


def test_indicator_ids_exist(data: dict[str, Any]) -> None:
    known = {i["id"] for i in _load("reference", "ilo_indicators.json")["indicators"]}
    used = {i for m in data["measures"] for i in m["indicators"]}
    assert used and used <= known


def test_uflpa_reference_has_no_entity_list() -> None:
    ref = _load("reference", "uflpa.json")
    assert "entity_list" not in ref
    assert len(ref["high_priority_sectors"]) == 12
    assert len(ref["exception_requirements"]["statutory_conditions"]) == 3


def test_ungp_hrdd() -> None:
    ref = _load("reference", "ungp_hrdd.json")
    assert [p["principle"] for p in ref["principles"]] == list(range(11, 25))
    assert [s["step"] for s in ref["oecd_due_diligence_guidance"]["steps"]] == list(range(1, 7))


def test_hs_sectors_cite_existing_measures(measures: dict[str, dict[str, Any]], data: dict[str, Any]) -> None:
    ref = _load("reference", "hs_sectors.json")
    sectors = {s["id"]: s for s in ref["sectors"]}
    for required in (
        "cotton",
        "apparel",
        "textiles",
        "tomato_products",
        "polysilicon_solar",
        "hair_products",
        "gloves_ppe",
        "electronics",
        "thread_yarn",
        "footwear",
        "carpets",
        "holiday_decorations",
        "building_materials",
        "extractives",
        "chemicals",
        "pharmaceuticals",
        "aluminum",
        "pvc",
        "seafood",
        "steel",
        "copper",
        "lithium",
        "caustic_soda",
        "red_dates",
    ):
        assert required in sectors, required
    context_ids = {c["id"] for c in data["context"]}
    for s in sectors.values():
        assert s["codes"] and s["keywords"]["en"] and s["keywords"]["zh"], s["id"]
        assert all(re.fullmatch(r"\d{2}(\d{2}(\.\d{2})?)?(-\d{2,4})?", c["code"]) for c in s["codes"]), s[
            "id"
        ]
        assert s["measures"] or s["documents"], s["id"]
        assert set(s["measures"]) <= set(measures), s["id"]
        assert set(s["documents"]) <= context_ids, s["id"]
    used = {x for m in data["measures"] for x in m["sectors"]} | {
        x for e in data["entities"] for x in e["sectors"]
    }
    assert used <= set(sectors)


def test_xinjiang_places() -> None:
    ref = _load("reference", "xinjiang_places.json")
    places = ref["places"]
    ids = [p["id"] for p in places]
    assert len(ids) == len(set(ids))
    by_id = {p["id"]: p for p in places}
    assert "和田" in by_id["hotan"]["chinese"] and {"Hetian", "Khotan"} <= set(by_id["hotan"]["variants"])
    assert "乌鲁木齐" in by_id["urumqi"]["chinese"]
    expected = {
        "xinjiang": ["XUAR", "East Turkistan"],
        "kashgar": ["Kashi"],
        "ili": ["Yili"],
        "turpan": ["Turfan", "Tulufan"],
        "karamay": ["Kelamayi"],
        "bortala": ["Boertala"],
        "tacheng": ["Qoqek", "Chuguchak"],
        "kizilsu": ["Kezilesu"],
        "tumxuk": ["Tumushuke"],
        "urumqi": ["Wulumuqi", "Urumchi"],
        "altay": ["Aletai"],
        "aksu": ["Akesu"],
        "hami": ["Kumul"],
        "bayingolin": ["Bayinguoleng"],
        "korla": ["Kuerle"],
        "lop": ["Luopu"],
        "artux": ["Atushi"],
    }
    for pid, variants in expected.items():
        assert set(variants) <= set(by_id[pid]["variants"]), pid
    for p in places:
        assert p["name"] and p["chinese"] and p["level"], p["id"]
        assert p["parent"] is None or p["parent"] in by_id, p["id"]


def test_dol_reference() -> None:
    ref = _load("reference", "dol_tvpra_china.json")
    assert len(ref["china_as_of_2022_edition"]) == 18
