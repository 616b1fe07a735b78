"""The risk rating on realistic suppliers, with the built-in measures and the real screening engine."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.cases.helpers import ScriptedScreener, hit
from workbench.cases.decisions import confirm, escalate
from workbench.cases.indicators import findings_for, prefill_from_measures, set_finding
from workbench.cases.risk import RiskRating, assess_many, assess_supplier
from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import create_supplier
from workbench.data.models import Match
from workbench.data.store import Store
from workbench.screening import build_screener, load_entities


def _create(store: Store, **data: Any) -> int:
    with store.transaction() as s:
        return create_supplier(s, data).id


def _screen(store: Store, supplier_id: int) -> dict[str, int]:
    with store.transaction() as s:
        screen_suppliers(s, build_screener(s), [supplier_id], threshold=85)
        return {m.entity_key: m.id for m in s.scalars(select(Match).where(Match.supplier_id == supplier_id))}


def _rate(store: Store, supplier_id: int) -> RiskRating:
    with store.session() as s:
        return assess_supplier(s, supplier_id)


def _codes(rating: RiskRating) -> dict[str, str]:
    return {r.code: r.level for r in rating.reasons}


def test_hotan_garment_maker_with_wro_and_withheld_wages_is_severe(builtin_store: Store) -> None:
    store = builtin_store
    sid = _create(
        store,
        legal_name="Hetian Taida Apparel Co., Ltd.",
        local_name="和田泰达服装有限公司",
        country="CN",
        region="Xinjiang",
        address="Beijing West Road, Hotan City, Xinjiang",
        products=[{"description": "cotton knitted T-shirts", "hs_code": "6109.10.0012"}],
    )
    matches = _screen(store, sid)
    assert "builtin:hetian-taida-apparel" in matches
    with store.transaction() as s:
        confirm(
            s,
            matches["builtin:hetian-taida-apparel"],
            "Same name, Chinese name and Hotan address as the WRO.",
        )
        set_finding(
            s,
            sid,
            "withholding_of_wages",
            "observed",
            evidence="Payslips for March-May 2024 show wages paid into accounts workers cannot access.",
            source_type="audit_report",
            source_ref="Audit report AR-2024-117",
            observed_on="2024-06-12",
        )
    rating = _rate(store, sid)
    assert rating.level == "severe" and rating.presumption
    codes = _codes(rating)
    assert codes["wro"] == codes["uflpa_entity_list"] == codes["xinjiang_nexus"] == "severe"
    assert codes["entity_list"] == "high" and codes["indicators_observed"] == "high"
    wro = next(r for r in rating.reasons if r.code == "wro")
    assert "Withhold Release Order" in wro.text and "(2019-09-30)" in wro.text
    assert wro.citations[0].measure_id == "wro-2019-09-30-hetian-taida"
    assert "Customs and Border Protection" in wro.citations[0].authority
    assert wro.citations[0].url.startswith("http")
    nexus = next(r for r in rating.reasons if r.code == "xinjiang_nexus")
    assert "address mentions 'Hotan" in nexus.text and "Public Law 117-78" in nexus.citations[0].title
    wages = next(r for r in rating.reasons if r.code == "indicators_observed")
    assert "Withholding of wages" in wages.text and "Audit report AR-2024-117" in wages.text
    steps = [a.step for a in rating.actions]
    assert {"prevent_mitigate", "use_leverage", "disengage", "monitor"} <= set(steps)
    # state-imposed forced labour: no audit or corrective plan presented as credible, no remediation claim
    assert "remediate" not in steps
    assert not any("unannounced" in a.text or "corrective action plan that" in a.text for a in rating.actions)
    assert rating.case_types[0] == "state_imposed" and rating.presumption_status == "applies"
    assert rating.involvement.startswith("Directly linked (UNGP 19)")
    assert any("rebut the presumption" in a.text and "UFLPA s.3" in a.basis for a in rating.actions)
    assert rating.reasons[0].level == "severe"


def test_vietnamese_glove_maker_is_low_only_once_something_is_assessed(builtin_store: Store) -> None:
    store = builtin_store
    sid = _create(
        store,
        legal_name="Saigon Nitrile Gloves Joint Stock Company",
        country="VN",
        address="Lot 12, My Phuoc 3 Industrial Park, Binh Duong",
        products=[
            {
                "description": "nitrile examination gloves",
                "hs_code": "4015.19",
                "origin_country": "VN",
                "inputs": [{"material": "nitrile butadiene rubber latex", "origin_country": "MY"}],
            }
        ],
    )
    assert _screen(store, sid) == {}
    rating = _rate(store, sid)
    assert rating.level == "medium" and not rating.presumption and rating.indicators_assessed == 0
    assert "nothing_assessed" in _codes(rating) and "no_findings" not in _codes(rating)
    assert rating.confidence == "limited" and "none of the 11 ILO" in rating.confidence_note
    assert rating.presumption_status == "not indicated"
    with store.transaction() as s:
        set_finding(
            s,
            sid,
            "excessive_overtime",
            "not_observed",
            evidence="Time records 2024 checked.",
            source_type="audit_report",
        )
    rating = _rate(store, sid)
    assert rating.level == "low" and not rating.presumption
    assert rating.reasons[0].code == "no_findings"
    assert "1 of 11 ILO forced-labour indicators assessed, none observed" in rating.reasons[0].text
    sector = next(r for r in rating.reasons if r.code == "sector")
    assert sector.level == "info" and "gloves" in sector.text.lower() and "does not raise" in sector.text
    assert [a.step for a in rating.actions] == ["prevent_mitigate", "monitor"]


def test_an_entity_list_hit_is_not_a_wro(builtin_store: Store) -> None:
    store = builtin_store
    sid = _create(
        store,
        legal_name="Dahua Technology Co., Ltd.",
        country="VN",
        address="Hanoi",
        products=[{"description": "video surveillance cameras"}],
    )
    matches = _screen(store, sid)
    with store.transaction() as s:
        confirm(s, matches["builtin:dahua-technology"], "Vietnamese subsidiary of the listed company.")
    rating = _rate(store, sid)
    assert rating.level == "high" and not rating.presumption
    listing = next(r for r in rating.reasons if r.code == "entity_list")
    assert "not an import ban or a WRO" in listing.text
    assert "wro" not in _codes(rating)


def test_uflpa_listed_upstream_supplier_carries_the_presumption(builtin_store: Store) -> None:
    store = builtin_store
    buyer = _create(
        store,
        legal_name="Pacific Solar Modules Pte Ltd",
        country="SG",
        products=[{"description": "solar panels", "hs_code": "8541.43"}],
    )
    mill = _create(
        store,
        legal_name="Hoshine Silicon Industry (Shanshan) Co., Ltd.",
        country="CN",
        tier=2,
        parent_id=buyer,
    )
    matches = _screen(store, mill)
    with store.transaction() as s:
        confirm(
            s,
            matches["builtin:hoshine-silicon-industry-shanshan"],
            "Polysilicon source per bill of materials.",
        )
        screen_suppliers(s, ScriptedScreener(), [buyer], threshold=85)
    rating = _rate(store, buyer)
    assert rating.level == "severe" and rating.presumption
    upstream = next(r for r in rating.reasons if r.code == "uflpa_entity_list")
    assert upstream.text.startswith(
        "Upstream supplier Hoshine Silicon Industry (Shanshan) Co., Ltd. (tier 2)"
    )
    sector = next(r for r in rating.reasons if r.code == "sector")
    assert sector.level == "medium" and "UFLPA high-priority" in sector.text and "2022-06-17" in sector.text


def test_xinjiang_cotton_input_carries_the_presumption(builtin_store: Store) -> None:
    store = builtin_store
    sid = _create(
        store,
        legal_name="Dhaka Knit Composite Ltd",
        country="BD",
        products=[
            {
                "description": "men's polo shirts",
                "hs_code": "6105.10",
                "origin_country": "BD",
                "inputs": [
                    {"material": "combed cotton yarn", "origin_country": "CN", "origin_region": "新疆"}
                ],
            }
        ],
    )
    _screen(store, sid)
    rating = _rate(store, sid)
    assert rating.level == "severe" and rating.presumption
    nexus = next(r for r in rating.reasons if r.code == "xinjiang_nexus")
    assert "input 'combed cotton yarn' origin region mentions '新疆'" in nexus.text


def test_unreviewed_hits_are_never_silently_low(builtin_store: Store) -> None:
    store = builtin_store
    sid = _create(store, legal_name="Dalian Ocean Fishing Co Ltd", country="CN")
    _screen(store, sid)
    rating = _rate(store, sid)
    assert rating.level == "high" and rating.pending_hits >= 1
    assert "has not been decided" in next(r for r in rating.reasons if r.code == "pending_close_hit").text
    with store.transaction() as s:
        weak = s.scalars(select(Match).where(Match.supplier_id == sid)).first()
        weak.score = 86.0
    assert _codes(_rate(store, sid))["pending_hits"] == "medium"
    with store.transaction() as s:
        escalate(s, weak.id, "Need the supplier's business licence to compare.")
    assert "1 escalated" in next(r for r in _rate(store, sid).reasons if r.code == "pending_hits").text
    unscreened = _create(store, legal_name="Brand New Supplier Ltd", country="DE")
    assert _codes(_rate(store, unscreened)) == {"not_screened": "medium", "indicators_not_assessed": "info"}


def test_wro_indicators_prefill_as_government_findings(builtin_store: Store) -> None:
    store = builtin_store
    sid = _create(store, legal_name="Dalian Ocean Fishing Co., Ltd.", country="CN")
    matches = _screen(store, sid)
    with store.transaction() as s:
        set_finding(
            s, sid, "excessive_overtime", "not_observed", source_type="interview", source_ref="Crew, 2024"
        )
        confirm(s, matches["builtin:dalian-ocean-fishing"], "Same company and fleet.")
        written = prefill_from_measures(s, sid)
        assert len(written) == 10  # all 11 named; the one already assessed is kept
        assert prefill_from_measures(s, sid) == []
    with store.session() as s:
        findings = {f.indicator.id: f for f in findings_for(s, sid)}
    debt = findings["debt_bondage"]
    assert (debt.status, debt.source_type) == ("suspected", "government_finding")
    assert debt.prefilled_from == "measure:wro-2021-05-28-dalian-ocean-fishing"
    assert debt.observed_on.isoformat() == "2021-05-28" and debt.source_ref.startswith("http")
    assert findings["excessive_overtime"].status == "not_observed"
    rating = _rate(store, sid)
    assert _codes(rating)["indicators_suspected"] == "high" and rating.level == "severe"


@pytest.mark.parametrize(
    ("country", "level"),
    [("CN", "high"), ("IT", "medium")],
)
def test_high_priority_sector_depends_on_china(builtin_store: Store, country: str, level: str) -> None:
    store = builtin_store
    sid = _create(
        store,
        legal_name="Tomato Paste Exporters Co",
        country=country,
        products=[{"description": "tomato paste, 28-30 brix", "hs_code": "2002.90"}],
    )
    with store.transaction() as s:
        screen_suppliers(s, ScriptedScreener(), [sid], threshold=85)
    rating = _rate(store, sid)
    assert rating.level == level and not rating.presumption
    assert "tomato" in next(r for r in rating.reasons if r.code == "sector").text.lower()


@pytest.mark.parametrize(
    ("indicator", "status", "level"),
    [
        ("excessive_overtime", "observed", "high"),
        ("retention_of_identity_documents", "observed", "severe"),
        ("deception", "suspected", "medium"),
        ("debt_bondage", "suspected", "high"),
        ("deception", "not_observed", "low"),
    ],
)
def test_indicator_severity(builtin_store: Store, indicator: str, status: str, level: str) -> None:
    store = builtin_store
    sid = _create(store, legal_name="Porto Shoes Lda", country="PT")
    with store.transaction() as s:
        screen_suppliers(s, ScriptedScreener(), [sid], threshold=85)
        set_finding(
            s, sid, indicator, status, evidence="Seen during the 2024 visit.", source_type="audit_report"
        )
    assert _rate(store, sid).level == level


def test_assess_many_rates_a_page(builtin_store: Store) -> None:
    store = builtin_store
    ids = [_create(store, legal_name=f"Supplier {i}", country="DE") for i in range(5)]
    screener = ScriptedScreener({"Supplier 0": [hit(load_entities_one(store), 99.0)]})
    with store.transaction() as s:
        screen_suppliers(s, screener, ids, threshold=85)
        ratings = assess_many(s, ids)
    # nothing assessed anywhere: the unlisted suppliers cannot be low
    assert [ratings[i].level for i in ids] == ["high", "medium", "medium", "medium", "medium"]
    # the undecided hit names an entity also on the UFLPA Entity List: presumption "possible"
    assert ratings[ids[0]].presumption_status == "possible" and not ratings[ids[0]].presumption
    assert ratings[ids[0]].as_json()["reasons"][0]["code"] == "pending_close_hit"


def load_entities_one(store: Store) -> Any:
    with store.session() as s:
        return next(e for e in load_entities(s) if e.key == "builtin:hetian-taida-apparel")


def test_reasons_read_as_plain_sentences_without_repeats(builtin_store: Store) -> None:
    store = builtin_store
    sid = _create(
        store,
        legal_name="Saigon Nitrile Gloves Joint Stock Company",
        country="VN",
        products=[{"description": "nitrile examination gloves", "hs_code": "4015.19"}],
    )
    china = _create(
        store,
        legal_name="Jiangsu Cotton Yarn Co., Ltd.",
        country="CN",
        products=[{"description": "combed yarn", "hs_code": "5205.11"}],
    )
    for supplier in (sid, china):
        _screen(store, supplier)
    gloves = next(r for r in _rate(store, sid).reasons if r.code == "sector")
    assert gloves.text == (
        "Sector named in forced-labour measures (Gloves and personal protective equipment): product "
        "'nitrile examination gloves' (HS code 4015...). No link to China is recorded, so this does not "
        "raise the rating by itself."
    )
    yarn = [r for r in _rate(store, china).reasons if r.code == "sector"]
    uflpa = next(r for r in yarn if r.text.startswith("UFLPA high-priority enforcement sector"))
    assert uflpa.text.startswith(
        "UFLPA high-priority enforcement sector (Cotton and cotton products, designated 2022-06-17): "
        "product 'combed yarn' (HS code 52...)."
    )
    assert "CBP expects importers to trace the goods to their raw materials" in uflpa.text
    assert any("(HS code within 5204-5207)" in r.text for r in yarn)
    for reason in [*yarn, gloves]:
        assert reason.text.count("Cotton and cotton products") <= 1
        assert reason.text.count("Gloves and personal protective equipment") <= 1


def test_listing_reasons_name_the_measure_once_with_its_date() -> None:
    from workbench.cases.risk_rules import _listing_text

    wro = {"title": "WRO on apparel from Hetian Taida Apparel Co., Ltd.", "date": "2019-09-30"}
    level, text = _listing_text("wro", "Hetian Taida Apparel Co., Ltd.", wro)
    assert level == "severe"
    assert text.startswith(
        "Confirmed match with Hetian Taida Apparel Co., Ltd., named in a CBP Withhold Release Order "
        "(2019-09-30), 'WRO on apparel from Hetian Taida Apparel Co., Ltd.'. CBP detains"
    )
    finding = {"title": "Finding on cotton from Example Co.", "date": "2021-06-24"}
    assert "named in a CBP Finding (2021-06-24)" in _listing_text("wro", "Example Co.", finding)[1]
    assert "or Finding" not in text


def test_an_undecided_close_hit_names_its_measures_by_title_and_date(builtin_store: Store) -> None:
    sid = _create(builtin_store, legal_name="Xinjiang Zhongtai Group Co., Ltd.", country="CN")
    _screen(builtin_store, sid)
    reason = next(r for r in _rate(builtin_store, sid).reasons if r.code == "pending_close_hit")
    assert reason.level == "high"
    assert reason.text.startswith(
        "A close match (score 100) with Xinjiang Zhongtai Group Co., Ltd. has not been decided. "
        "The entity is named in: UFLPA Entity List additions of 2023-09-26"
    )
    assert "(2023-09-26). Until the match is dismissed with a rationale" in reason.text
    assert "Forced Labor Enforcement Task Force" not in reason.text  # authorities are in the citations
    assert reason.citations[0].authority.startswith("Forced Labor Enforcement Task Force")
