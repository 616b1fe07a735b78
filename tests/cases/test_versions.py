"""No lost updates: saving an outdated copy of a supplier or a finding is refused, saying by whom."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from workbench.cases.errors import ValidationError
from workbench.cases.indicators import findings_for, set_finding
from workbench.cases.suppliers import (
    create_supplier,
    get_supplier,
    restore_supplier,
    soft_delete_supplier,
    update_supplier,
)
from workbench.cases.versions import StaleEdit
from workbench.data.models import IndicatorFinding, Supplier
from workbench.data.store import Store


def _supplier(store: Store, name: str = "Kashgar Cotton Co", country: str = "CN") -> tuple[int, int]:
    with store.transaction() as s:
        supplier = create_supplier(s, {"legal_name": name, "country": country}, actor="Ana")
        return supplier.id, supplier.version


def test_a_save_based_on_an_old_version_is_refused_with_who_and_when(store: Store) -> None:
    supplier_id, shown = _supplier(store)
    with store.transaction() as s:
        update_supplier(s, supplier_id, {"region": "Xinjiang"}, actor="Bob", expected_version=shown)
    with pytest.raises(StaleEdit) as caught, store.transaction() as s:
        update_supplier(s, supplier_id, {"notes": "audited in May"}, actor="Ana", expected_version=shown)
    message = str(caught.value)
    assert "Supplier 'Kashgar Cotton Co' was changed by Bob at 20" in message and "not saved" in message
    with store.session() as s:
        supplier = get_supplier(s, supplier_id)
        assert (supplier.region, supplier.notes, supplier.version) == ("Xinjiang", "", shown + 1)


def test_two_saves_racing_on_one_supplier_cannot_both_win(store: Store) -> None:
    supplier_id, shown = _supplier(store)
    with store.session() as first, store.session() as second:
        first.begin()
        second.begin()
        get_supplier(first, supplier_id)
        get_supplier(second, supplier_id)  # both read version `shown`
        update_supplier(first, supplier_id, {"notes": "first"}, actor="Bob", expected_version=shown)
        first.commit()
        with pytest.raises(StaleEdit, match="changed by Bob"):
            update_supplier(second, supplier_id, {"notes": "second"}, actor="Ana", expected_version=shown)
        second.rollback()
    with store.session() as s:
        assert get_supplier(s, supplier_id).notes == "first"


def test_a_finding_saved_meanwhile_is_not_overwritten(store: Store) -> None:
    supplier_id, _ = _supplier(store)
    with store.session() as s:
        shown = next(f for f in findings_for(s, supplier_id) if f.indicator.id == "debt_bondage")
    assert shown.version == 0  # nothing recorded yet
    with store.transaction() as s:
        set_finding(
            s, supplier_id, "debt_bondage", "suspected", "Fees of 3 months' pay.", "interview",
            reviewer="Bob", expected_version=shown.version,
        )
    with pytest.raises(StaleEdit, match=r"finding on .* was changed by Bob"), store.transaction() as s:
        set_finding(s, supplier_id, "debt_bondage", "not_observed", reviewer="Ana", expected_version=0)
    with store.session() as s:
        current = next(f for f in findings_for(s, supplier_id) if f.indicator.id == "debt_bondage")
    assert (current.status, current.version) == ("suspected", 1)
    with store.transaction() as s:
        set_finding(
            s, supplier_id, "debt_bondage", "observed", "Payslips.", "audit_report",
            reviewer="Ana", expected_version=current.version,
        )
    with pytest.raises(StaleEdit, match="changed by Ana"), store.transaction() as s:
        set_finding(s, supplier_id, "debt_bondage", "not_observed", reviewer="Bob", expected_version=1)
    with store.session() as s:
        row = s.scalar(select(IndicatorFinding).where(IndicatorFinding.supplier_id == supplier_id))
        assert (row.status, row.version, row.reviewer) == ("observed", 2, "Ana")


def test_bookkeeping_does_not_make_a_form_stale(store: Store) -> None:
    supplier_id, shown = _supplier(store)
    with store.transaction() as s:
        update_supplier(s, supplier_id, {}, actor="Ana", expected_version=shown)  # nothing changed
    with store.session() as s:
        assert get_supplier(s, supplier_id).version == shown


def test_supplier_identity_is_unique_among_suppliers_in_use(store: Store) -> None:
    supplier_id, _ = _supplier(store, "Kashgar Cotton Co", "CN")
    twin = {"legal_name": "  kashgar  COTTON co ", "country": "cn"}
    expected = f"supplier {supplier_id}, 'Kashgar Cotton Co' in CN"
    with pytest.raises(ValidationError, match=expected), store.transaction() as s:
        create_supplier(s, twin)
    other_id, version = _supplier(store, "Kashgar Cotton Trading Co", "CN")
    with pytest.raises(ValidationError, match="already has this name and country"), store.transaction() as s:
        update_supplier(s, other_id, {"legal_name": "Kashgar Cotton Co"}, expected_version=version)
    with store.transaction() as s:
        soft_delete_supplier(s, supplier_id)
        twin = create_supplier(s, {"legal_name": "Kashgar Cotton Co", "country": "CN"})  # the name is free
    with pytest.raises(ValidationError, match=f"supplier {twin.id}"), store.transaction() as s:
        restore_supplier(s, supplier_id)
    with store.session() as s:
        keys = s.scalars(select(Supplier.identity_key).where(Supplier.deleted_at.is_(None))).all()
        assert sorted(keys) == ["kashgar cotton co\tcn", "kashgar cotton trading co\tcn"]
