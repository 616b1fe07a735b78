"""A sample memo with realistic, multilingual content (for previews, benchmarks and tests)."""

from __future__ import annotations

from datetime import date

from workbench.measures.catalogue import ListCoverage
from workbench.memo.content import (
    Hit,
    IndicatorLine,
    MeasureRef,
    MemoData,
    ProductLine,
    Source,
    SupplierSection,
)
from workbench.memo.wording import NOT_SCREENED

UFLPA_COVERAGE = ListCoverage(held=136, official=144, as_of=date(2025, 1, 15))
UFLPA_LIST = MeasureRef(
    title="UFLPA Entity List addition",
    authority="Forced Labor Enforcement Task Force (DHS)",
    legal_basis="Uyghur Forced Labor Prevention Act, Pub. L. 117-78, sec. 2(d)(2)(B)",
    date=date(2023, 6, 12),
    source_url="https://www.dhs.gov/uflpa-entity-list",
    kind="uflpa_entity_list",
    measure_id="uflpa-entity-list-2023-06-12",
)
WRO = MeasureRef(
    title="Withhold Release Order: cotton and cotton products from XPCC",
    authority="U.S. Customs and Border Protection",
    legal_basis="19 U.S.C. 1307; 19 CFR 12.42",
    date=date(2020, 12, 2),
    source_url="https://www.cbp.gov/newsroom/national-media-release/cbp-issues-region-wide-withhold-release-order-products-made-slave",
    kind="wro",
    measure_id="wro-2020-12-02-xpcc-cotton",
    caveat="Date conflict: seed 003 gives 11/3/2020 as the date issued; verify on cbp.gov.",
)


def sample_supplier(i: int = 0) -> SupplierSection:
    """One supplier with a confirmed hit, a pending hit, indicators and actions."""
    return SupplierSection(
        name=f"Hotan Haolin Hair Accessories Co., Ltd. {i}"
        if i
        else "Hotan Haolin Hair Accessories Co., Ltd.",
        local_name="和田浩林发饰有限公司",
        aliases=("Haolin Hair", "خوتەن خاۋلىن چاچ بۇيۇملىرى شىركىتى"),
        country="China",
        region="Xinjiang Uyghur Autonomous Region",
        address="Lop County Industrial Park, Hotan Prefecture",
        tier=2,
        registration_id="91653200MA78XXXXXX",
        products=(
            ProductLine(
                "Human-hair wigs and extensions",
                "6704.20",
                "China (Xinjiang)",
                (("Human hair", "China (Xinjiang)"), ("Polyester fibre", "China (Jiangsu)")),
            ),
            ProductLine("Cotton hair ties", "6117.80", "China", (("Cotton yarn", "China (Xinjiang)"),)),
        ),
        hits=(
            Hit(
                entity_name="Hetian Haolin Hair Accessories Co. Ltd.",
                matched_name="Hotan Haolin Hair Accessories Co., Ltd.",
                score=93.0,
                decision="confirmed",
                rationale="Same registered address and product line as the listed entity; "
                "Hotan and Hetian are the Uyghur and Mandarin names of the same city.",
                reviewer="Amélie Dubois",
                decided_on=date(2026, 11, 20),
                evidence=(
                    "Matched 4 tokens: hotan→hetian, haolin, hair, accessories",
                    "Local-script name identical: 和田浩林发饰有限公司",
                ),
                measures=(UFLPA_LIST,),
            ),
            Hit(
                entity_name="Xinjiang Production and Construction Corps (XPCC)",
                matched_name="Haolin Hair",
                score=61.0,
                evidence=("Region and sector overlap only",),
                measures=(WRO,),
            ),
        ),
        indicators=(
            IndicatorLine(
                "Restriction of movement",
                "present",
                "Workers transferred under a government labour-transfer programme live in "
                "closed dormitories.",
                "ASPI, Uyghurs for Sale (2020)",
            ),
            IndicatorLine(
                "Intimidation and threats",
                "suspected",
                "Reported political indoctrination sessions.",
                "Media report, 2023",
            ),
            IndicatorLine("Excessive overtime", "not_assessed"),
        ),
        risk_rating="high",
        risk_reasons=(
            "Confirmed match with an entity on the UFLPA Entity List.",
            "Human hair and cotton inputs originate in the Xinjiang Uyghur Autonomous Region.",
            "Two ILO indicators present or suspected.",
        ),
        presumption=True,
        presumption_status="applies",
        indicators_assessed=2,
        confidence="limited",
        confidence_note="Confidence limited: 1 screening hit is not decided.",
        involvement="Directly linked (UNGP 19): the forced labour indicated here is imposed by the state.",
        potential_exposure=(
            "Xinjiang Production and Construction Corps (XPCC) (score 61, pending review): if confirmed, "
            "a Withhold Release Order under 19 U.S.C. 1307 allows CBP to detain the goods it covers.",
        ),
        legal_exposure=(
            "Goods produced by this supplier are subject to detention and exclusion by CBP under the UFLPA "
            "rebuttable presumption.",
            "Cotton inputs from the XPCC are also covered by the 2020 Withhold Release Order "
            "(19 U.S.C. 1307).",
        ),
        actions=(
            ("prevent_mitigate", "Suspend new purchase orders pending the review of the pending hit."),
            ("use_leverage", "Ask the tier-1 supplier for full traceability of hair and cotton inputs."),
            ("disengage", "Plan a responsible exit within 90 days if traceability cannot be shown."),
            ("monitor", "Re-screen monthly and on every update of the UFLPA Entity List."),
        ),
        last_screened=date(2026, 11, 20),
    )


def sample_memo(suppliers: int = 1) -> MemoData:
    """A memo over `suppliers` sample suppliers."""
    return MemoData(
        memo_id="M-2026-11-25-0001",
        created=date(2026, 11, 25),
        reviewer="Amélie Dubois",
        organisation="Dubois & Partners LLP",
        dataset_version="2026.11.1",
        coverage="Covers the UFLPA Entity List, CBP Withhold Release Orders and findings, the BIS Entity "
        "List and OFAC Global Magnitsky designations related to Xinjiang, as published up to 2026-11-01.",
        suppliers=tuple(sample_supplier(i) for i in range(suppliers)),
        list_snapshots=("csl 2026-11-18 (sha256 3f2a…)",),
        lists_screened=("Consolidated Screening List",),
        threshold=60.0,
        client="Acme Apparel Inc.",
        sources=(
            Source(
                "UFLPA Entity List",
                "https://www.dhs.gov/uflpa-entity-list",
                date(2026, 10, 1),
                "uflpa-entity-list-2023-06-12",
            ),
            Source(
                "Strategy to Prevent the Importation of Goods Mined, Produced, or Manufactured with Forced "
                "Labor in the People's Republic of China",
                "https://www.dhs.gov/uflpa-strategy",
                date(2025, 8, 19),
            ),
            Source(
                "ILO Indicators of Forced Labour",
                "https://www.ilo.org/publications/ilo-indicators-forced-labour",
            ),
        ),
        uflpa_list=UFLPA_COVERAGE.short,
        uflpa_coverage=UFLPA_COVERAGE.sentence,
        dataset_as_of=date(2026, 11, 1),
        not_screened=NOT_SCREENED,
    )
