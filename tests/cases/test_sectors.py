"""Risk sectors by HS code and keyword, and Xinjiang nexus by place name, each with its reason."""

from __future__ import annotations

import pytest

import workbench.cases  # noqa: F401
from workbench.cases.sectors import hs_matches, product_sectors, supplier_sector_ids, xinjiang_nexus
from workbench.data.models import Product, ProductInput, Supplier


def _product(description: str, hs_code: str = "", *inputs: str) -> Product:
    return Product(
        description=description,
        hs_code=hs_code,
        origin_country="",
        origin_region="",
        inputs=[ProductInput(material=m, origin_country="", origin_region="") for m in inputs],
    )


def _supplier(**fields: str) -> Supplier:
    base = {"legal_name": "Acme Trading Co", "local_name": "", "country": "", "region": "", "address": ""}
    return Supplier(**{**base, **fields}, aliases=[], products=[])


@pytest.mark.parametrize(
    ("code", "spec", "expected"),
    [
        ("6109.10.0012", "61", True),
        ("5206.11", "5204-5207", True),
        ("5208.11", "5204-5207", False),
        ("8541.43", "8541.43", True),
        ("8541.40", "8541.43", False),
        ("", "61", False),
    ],
)
def test_hs_code_prefixes_and_ranges(code: str, spec: str, expected: bool) -> None:
    assert hs_matches(code, spec) is expected


def test_sector_by_hs_code_cites_the_code() -> None:
    hits = product_sectors(_product("knitted tops", "6109.10"))
    assert [h.sector.id for h in hits] == ["apparel"]
    assert hits[0].reason == "knitted tops: Apparel and garments (HS code starts with 61)"
    assert "uflpa-sectors-2022-06-17" in hits[0].sector.measure_ids


def test_sector_by_english_chinese_and_input_keywords() -> None:
    assert {h.sector.id for h in product_sectors(_product("番茄酱 tomato paste"))} >= {"tomato_products"}
    by_input = product_sectors(_product("solar modules", "", "polysilicon wafers"))
    assert any(h.sector.id == "polysilicon_solar" for h in by_input)
    hair = product_sectors(_product("假发 wigs"))
    assert any(h.sector.id == "hair_products" and h.field == "description" for h in hair)
    supplier = _supplier()
    supplier.products = [_product("cotton T-shirts", "6109.10")]
    assert supplier_sector_ids(supplier)[:2] == ("cotton", "apparel")


def test_unrelated_products_have_no_sector() -> None:
    assert product_sectors(_product("industrial ball bearings", "8482.10")) == []


@pytest.mark.parametrize(
    ("fields", "word", "place"),
    [
        ({"address": "No. 8 Tanai Road, Hotan, Xinjiang"}, "Hotan", "Hotan Prefecture"),
        ({"address": "新疆和田市北京西路"}, "和田市", "Hotan (city), Hotan Prefecture"),
        ({"region": "XUAR"}, "XUAR", "Xinjiang Uyghur Autonomous Region"),
        ({"region": "CN-XJ"}, "CN-XJ", "Xinjiang Uyghur Autonomous Region"),
        ({"local_name": "喀什纺织有限公司"}, "喀什", "Kashgar Prefecture"),
        ({"address": "Ürümqi Economic Zone"}, "Urumqi", "Urumqi"),
        ({"address": "Industrial Park, Lop County", "country": "China"}, "Lop County", "Lop County"),
        ({"legal_name": "Aksu Huafu Textiles Co."}, None, None),
        ({"legal_name": "Inner Mongolia Yili Industrial Group", "country": "CN"}, None, None),
        ({"address": "100 Main St, Bay County, Florida", "country": "US"}, None, None),
        ({"legal_name": "Zhejiang Xinyuan Textile Co", "country": "CN"}, None, None),
    ],
)
def test_xinjiang_nexus_from_supplier_fields(
    fields: dict[str, str], word: str | None, place: str | None
) -> None:
    hits = xinjiang_nexus(_supplier(**fields))
    if word is None:
        assert hits == []
        return
    assert hits and hits[0].word.casefold() in (word.casefold(), "ürümqi")
    assert hits[0].place.startswith(place)
    assert hits[0].field == next(iter(fields))


def test_nexus_in_product_origin_and_inputs_says_where() -> None:
    supplier = _supplier(country="VN")
    product = _product("denim jeans", "6203.42")
    product.inputs = [ProductInput(material="cotton fabric", origin_country="CN", origin_region="Aksu")]
    supplier.products = [product, _product("Xinjiang long-staple cotton shirts")]
    hits = xinjiang_nexus(supplier)
    assert [h.reason for h in hits] == [
        "input 'cotton fabric' origin region mentions 'Aksu' (Aksu Prefecture, Xinjiang)",
        "product 'Xinjiang long-staple cotton shirts' description mentions 'Xinjiang' "
        "(Xinjiang Uyghur Autonomous Region)",
    ]
