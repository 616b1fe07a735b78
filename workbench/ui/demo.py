"""A realistic demo portfolio (for screenshots, the start-up benchmark and trying the app out).

Everything goes through the core: suppliers are created with `create_supplier`, screened with
`screen_suppliers`, decided with `decide`, indicators set with `set_finding`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from workbench.cases.decisions import decide, set_reviewer_name
from workbench.cases.indicators import prefill_from_measures, set_finding
from workbench.cases.screening import needs_review, screen_suppliers
from workbench.cases.suppliers import create_supplier
from workbench.screening import build_screener

REVIEWER = "Mei Lin Ong"

SUPPLIERS: tuple[dict[str, Any], ...] = (
    {
        "legal_name": "Hetian Taida Apparel Co Ltd",
        "local_name": "和田泰达服装有限公司",
        "country": "China",
        "region": "Xinjiang",
        "address": "Hotan (Hetian) Prefecture, Lop County industrial park",
        "registration_id": "91653200MA77XXXX1Q",
        "products": [
            {
                "description": "Knitted cotton T-shirts",
                "hs_code": "6109.10",
                "origin_country": "China",
                "origin_region": "Xinjiang",
                "annual_value": "USD 1.2m",
                "inputs": [
                    {"material": "Cotton yarn", "origin_country": "China", "origin_region": "Xinjiang"}
                ],
            }
        ],
    },
    {
        "legal_name": "Mekong Nitrile Gloves Joint Stock Company",
        "local_name": "Công ty Cổ phần Găng tay Nitrile Mê Kông",
        "country": "Vietnam",
        "region": "Binh Duong",
        "address": "Lot C3, VSIP II Industrial Park, Thu Dau Mot",
        "products": [
            {
                "description": "Disposable nitrile examination gloves",
                "hs_code": "4015.19",
                "origin_country": "Vietnam",
                "inputs": [{"material": "Nitrile butadiene latex", "origin_country": "Malaysia"}],
            }
        ],
    },
    {
        "legal_name": "Hikvision Europe B.V.",
        "aliases": ["Hangzhou Hikvision Digital Technology Co., Ltd."],
        "country": "Netherlands",
        "region": "North Holland",
        "address": "Dirk Storklaan 3, 2132 PX Hoofddorp",
        "notes": "Distributor of CCTV equipment made by Hangzhou Hikvision Digital Technology.",
        "products": [{"description": "IP security cameras", "hs_code": "8525.89", "origin_country": "China"}],
    },
    {
        "legal_name": "Xinjiang Junggar Cotton & Linen",
        "local_name": "新疆准噶尔棉麻有限公司",
        "country": "China",
        "region": "Xinjiang",
        "tier": 2,
        "products": [
            {
                "description": "Ginned cotton lint",
                "hs_code": "5201.00",
                "origin_country": "China",
                "origin_region": "Xinjiang",
            }
        ],
    },
    {
        "legal_name": "Aksu Huafu Textiles Co.",
        "country": "China",
        "region": "Xinjiang",
        "address": "Aksu, Xinjiang",
        "tier": 2,
        "products": [{"description": "Melange cotton yarn", "hs_code": "5205.12", "origin_country": "China"}],
    },
    {
        "legal_name": "Lop County Meixin Hair Products Co., Ltd.",
        "country": "China",
        "region": "Xinjiang",
        "products": [{"description": "Human-hair wigs and extensions", "hs_code": "6704.20"}],
    },
    {
        "legal_name": "Hoshine Silicon (Jiaxing) Co.",
        "country": "China",
        "region": "Zhejiang",
        "products": [{"description": "Metallurgical-grade silicon", "hs_code": "2804.69"}],
    },
    {
        "legal_name": "Baoding LYSZD Trade and Business Co.",
        "local_name": "保定市绿叶世纪达商贸有限公司",
        "country": "China",
        "region": "Hebei",
        "address": "Baoding, Hebei",
        "products": [
            {
                "description": "Children's cotton garments",
                "hs_code": "6111.20",
                "origin_country": "China",
                "inputs": [{"material": "Cotton knit fabric", "origin_country": "China"}],
            }
        ],
    },
    {
        "legal_name": "Nordic Organic Cotton AB",
        "country": "Sweden",
        "address": "Borås",
        "products": [
            {
                "description": "Organic cotton fabric",
                "hs_code": "5208.12",
                "origin_country": "Sweden",
                "inputs": [{"material": "Organic cotton fibre", "origin_country": "India"}],
            }
        ],
    },
    {
        "legal_name": "Guangzhou Bright Star Toys Ltd.",
        "local_name": "广州明星玩具有限公司",
        "country": "China",
        "region": "Guangdong",
        "products": [{"description": "Plush toys", "hs_code": "9503.00", "origin_country": "China"}],
    },
    {
        "legal_name": "Western Gold Trading Pty Ltd",
        "country": "Australia",
        "region": "Western Australia",
        "address": "Level 4, 190 St Georges Terrace, Perth WA 6000",
        "registration_id": "ABN 51 824 753 556",
        "products": [
            {"description": "Gold bullion bars", "hs_code": "7108.13", "origin_country": "Australia"}
        ],
    },
    {
        "legal_name": "Anatolia Denim Tekstil A.Ş.",
        "country": "Turkey",
        "region": "Denizli",
        "products": [
            {
                "description": "Denim jeans",
                "hs_code": "6203.42",
                "inputs": [{"material": "Cotton fibre", "origin_country": "Uzbekistan"}],
            }
        ],
    },
)


def add_demo_suppliers(session: Session) -> list[int]:
    """Create the demo suppliers; return their ids (the caller owns the transaction)."""
    set_reviewer_name(session, REVIEWER)
    return [create_supplier(session, data).id for data in SUPPLIERS]


def review_demo_hits(session: Session) -> None:
    """Decide some hits the way a reviewer would, leaving others open, and assess indicators."""
    hits = needs_review(session)
    for match in hits:
        name = match.supplier.legal_name
        if name.startswith("Hetian Taida") and "Taida" in match.entity_name:
            decide(
                session,
                match.id,
                "confirmed",
                "Same company: Chinese name, Hotan address and business match the WRO and the Entity List.",
            )
            prefill_from_measures(session, match.supplier_id)
            set_finding(
                session,
                match.supplier_id,
                "restriction_of_movement",
                "observed",
                evidence="Workers from the Lop County industrial park may not leave the dormitory compound.",
                source_type="media",
                source_ref="https://www.cbp.gov/newsroom",
                observed_on="2020-11-12",
            )
        elif name.startswith("Baoding LYSZD"):
            decide(
                session,
                match.id,
                "confirmed",
                "Same company: the Baoding address and the garment business match the September 2020 WRO.",
            )
            prefill_from_measures(session, match.supplier_id)
        elif name.startswith("Western Gold Trading"):
            decide(
                session,
                match.id,
                "dismissed",
                "Different company: Perth bullion dealer registered in Australia, no link to the Xinjiang "
                "gold miner; only the generic words 'Western Gold' agree.",
            )
        elif name.startswith("Aksu Huafu"):
            decide(
                session,
                match.id,
                "escalated",
                "Probably a trading arm of the listed spinner; asked the supplier for its registration.",
            )


def build_demo(session: Session) -> list[int]:
    """Suppliers, a screening run and a few decisions: the state the screenshots show."""
    ids = add_demo_suppliers(session)
    session.flush()
    screen_suppliers(session, build_screener(session), ids)
    review_demo_hits(session)
    return ids
