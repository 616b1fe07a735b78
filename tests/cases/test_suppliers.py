"""Suppliers, products and inputs: validation with field messages, soft delete and undo, the table query."""

from __future__ import annotations

import pytest

from workbench.cases.errors import ValidationError
from workbench.cases.hs_codes import describe_hs_code, hs_level
from workbench.cases.queries import list_suppliers
from workbench.cases.sectors import classify
from workbench.cases.suppliers import (
    add_input,
    add_product,
    create_supplier,
    delete_input,
    delete_product,
    restore_supplier,
    soft_delete_supplier,
    undo_delete,
    update_supplier,
    validate_hs_code,
)
from workbench.data.models import Product, Supplier
from workbench.data.store import Store


def test_a_supplier_needs_a_legal_name(store: Store) -> None:
    with pytest.raises(ValidationError) as err, store.transaction() as s:
        create_supplier(s, {"legal_name": "  ", "tier": 0})
    assert set(err.value.errors) == {"legal_name", "tier"}
    assert "required" in err.value.errors["legal_name"]


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("61", "chapter"),
        ("03", "chapter"),
        ("6109", "heading"),
        ("52.01", "heading"),
        ("610910", "subheading"),
        ("6109.10", "subheading"),
        ("6109.10.0012", "tariff line"),
        ("8541.43.0010", "tariff line"),
        ("5201000000", "tariff line"),
    ],
)
def test_chapters_headings_and_subheadings_are_valid_hs_codes(code: str, level: str) -> None:
    assert validate_hs_code(code) is None
    assert hs_level(code) == level
    assert level in describe_hs_code(code)


@pytest.mark.parametrize("code", ["6", "610", "61-09-10", "6109.1O", "61091000001", "..610910", "61091"])
def test_invalid_hs_codes_are_explained(code: str) -> None:
    message = validate_hs_code(code) or ""
    assert "2, 4 or 6 to 10 digits" in message and "6109 (heading)" in message


@pytest.mark.parametrize(
    ("code", "sector"),
    [("6109", "apparel"), ("5201", "cotton"), ("6704", "hair_products"), ("61", "apparel")],
)
def test_sectors_map_by_heading_and_chapter(code: str, sector: str) -> None:
    found = {sid for sid, field, _ in classify("", code, ()) if field == "hs_code"}
    assert sector in found


def test_a_heading_does_not_claim_a_narrower_subheading_sector() -> None:
    """2804 (hydrogen, noble gases, silicon...) is not the polysilicon subheading 2804.61 by itself."""
    found = {sid for sid, _, _ in classify("", "2804", ())}
    assert "polysilicon_solar" not in found
    assert "polysilicon_solar" in {sid for sid, _, _ in classify("", "2804.61", ())}


def test_product_errors_name_the_field(store: Store) -> None:
    with store.transaction() as s:
        supplier = create_supplier(s, {"legal_name": "Saigon Gloves JSC", "country": "VN"})
    with pytest.raises(ValidationError) as err, store.transaction() as s:
        add_product(s, supplier.id, {"description": "", "hs_code": "401"})
    assert set(err.value.errors) == {"description", "hs_code"}
    with pytest.raises(ValidationError) as err, store.transaction() as s:
        create_supplier(
            s, {"legal_name": "X", "products": [{"description": "gloves", "inputs": [{"material": ""}]}]}
        )
    assert "products[0].inputs[0].material" in err.value.errors


def test_parent_must_exist_and_not_make_a_loop(store: Store) -> None:
    with store.transaction() as s:
        brand = create_supplier(s, {"legal_name": "Tier One Garments"})
        mill = create_supplier(s, {"legal_name": "Spinning Mill", "tier": 2, "parent_id": brand.id})
        gin = create_supplier(s, {"legal_name": "Cotton Gin", "tier": 3, "parent_id": mill.id})
    with pytest.raises(ValidationError) as err, store.transaction() as s:
        update_supplier(s, brand.id, {"parent_id": gin.id})
    assert "loop" in err.value.errors["parent_id"]
    with pytest.raises(ValidationError) as err, store.transaction() as s:
        update_supplier(s, brand.id, {"parent_id": brand.id})
    assert "loop" in err.value.errors["parent_id"]
    with pytest.raises(ValidationError) as err, store.transaction() as s:
        create_supplier(s, {"legal_name": "Orphan", "parent_id": 99999})
    assert "does not exist" in err.value.errors["parent_id"]


def test_soft_delete_and_restore(store: Store) -> None:
    with store.transaction() as s:
        supplier = create_supplier(
            s, {"legal_name": "Kashgar Textiles", "aliases": "Kashi Textiles; ; 喀什纺织"}
        )
        assert supplier.aliases == ["Kashi Textiles", "喀什纺织"]
        soft_delete_supplier(s, supplier.id)
    with store.session() as s:
        assert list_suppliers(s).total == 0
        assert list_suppliers(s, deleted=True).rows[0].legal_name == "Kashgar Textiles"
    with store.transaction() as s:
        restore_supplier(s, supplier.id)
    with store.session() as s:
        assert [r.id for r in list_suppliers(s).rows] == [supplier.id]


def test_deleting_a_product_can_be_undone(store: Store) -> None:
    with store.transaction() as s:
        supplier = create_supplier(s, {"legal_name": "Hotan Garments"})
        product = add_product(
            s,
            supplier.id,
            {
                "description": "T-shirts",
                "hs_code": "6109.10",
                "inputs": [{"material": "cotton yarn", "origin_region": "Xinjiang"}],
            },
        )
        extra = add_input(s, product.id, {"material": "polyester thread"})
    with store.transaction() as s:
        removed_input = delete_input(s, extra.id)
        removed = delete_product(s, product.id)
    with store.session() as s:
        assert s.get(Product, product.id) is None
    with store.transaction() as s:
        back = undo_delete(s, removed)
        assert back.id == product.id and [i.material for i in back.inputs] == ["cotton yarn"]
        undo_delete(s, removed_input)
    with store.session() as s:
        supplier = s.get(Supplier, supplier.id)
        assert [i.material for i in supplier.products[0].inputs] == ["cotton yarn", "polyester thread"]


def test_supplier_table_filters_sorts_and_pages(store: Store) -> None:
    with store.transaction() as s:
        for i in range(30):
            create_supplier(
                s,
                {
                    "legal_name": f"Supplier {i:02d}",
                    "country": "CN" if i % 3 else "VN",
                    "tier": 1 + i % 2,
                    "products": [{"description": "gloves"}] * (i % 4),
                },
            )
    with store.session() as s:
        page = list_suppliers(s, sort="legal_name", descending=True, offset=5, limit=10)
        assert page.total == 30 and len(page.rows) == 10
        assert page.rows[0].legal_name == "Supplier 24"
        assert list_suppliers(s, country="vn").total == 10
        assert list_suppliers(s, search="supplier 1", tier=2).total == 5
        assert list_suppliers(s, sort="products", descending=True, limit=1).rows[0].products == 3
        assert list_suppliers(s, hits="none").total == 30 and list_suppliers(s, hits="open").total == 0
        assert list_suppliers(s, offset=100).total == 30
        assert list_suppliers(s, search="100%").total == 0
