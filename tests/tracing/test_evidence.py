"""Evidence register (content-addressed, read-only, audited) and the gap checklist."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.tracing.helpers import PRODUCT, write_bom
from workbench.cases.audit import verify_chain
from workbench.data.models import AuditEntry
from workbench.data.store import Store
from workbench.errors import InputError
from workbench.evidence import add_document, stored_path
from workbench.tracing import find_product, import_trace, trace_report
from workbench.tracing.gaps import MISSING, ON_FILE, STALE, UNTRANSLATED


@pytest.fixture
def traced(sqlite_store: Store, tmp_path: Path) -> Store:
    with sqlite_store.transaction() as s:
        import_trace(s, write_bom(tmp_path / "bom.csv"), actor="tester")
    return sqlite_store


def _doc(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_documents_are_stored_by_hash_read_only_and_once(traced: Store, tmp_path: Path) -> None:
    first = _doc(tmp_path, "invoice.pdf", b"%PDF-1.4 invoice 1")
    copy = _doc(tmp_path, "invoice-copy.pdf", b"%PDF-1.4 invoice 1")
    with traced.transaction() as s:
        product = find_product(s, PRODUCT)
        a = add_document(s, product, "gin", first, "payment", kind="invoice", actor="tester")
        b = add_document(s, product, "lint", copy, "payment", kind="invoice", actor="tester")
        assert a.sha256 == b.sha256 and a.size == 18 and a.media_type == "application/pdf"
        assert a.issuer == "Lubbock Cooperative Gin"  # the node's supplier by default
    path = stored_path(a.sha256)
    assert path.read_bytes() == b"%PDF-1.4 invoice 1"
    assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert len(os.listdir(path.parent)) == 1


def test_adding_a_document_is_audited(traced: Store, tmp_path: Path) -> None:
    with traced.transaction() as s:
        add_document(
            s, find_product(s, PRODUCT), "gin", _doc(tmp_path, "a.pdf", b"x"), "payment", actor="Ann"
        )
    with traced.session() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.object_type == "evidence_document")))
        assert [(e.action, e.actor, e.after["family"]) for e in entries] == [("create", "Ann", "payment")]
        assert {e.object_type for e in s.scalars(select(AuditEntry))} >= {"traced_product", "trace_node"}
        assert verify_chain(s)[0]


def test_bad_family_or_node_is_refused(traced: Store, tmp_path: Path) -> None:
    doc = _doc(tmp_path, "a.pdf", b"x")
    with traced.transaction() as s, pytest.raises(InputError, match="not a document family"):
        add_document(s, find_product(s, PRODUCT), "gin", doc, "receipts")
    with traced.transaction() as s, pytest.raises(InputError, match="has no node 'ginnery'"):
        add_document(s, find_product(s, PRODUCT), "ginnery", doc, "payment")


def _status(report, node: str, family: str) -> str:  # type: ignore[no-untyped-def]
    return next(
        g.status for g in report.checklist.gaps if g.node == node and g.family == family and not g.commodity
    )


def test_checklist_shows_on_file_stale_and_untranslated(traced: Store, tmp_path: Path) -> None:
    with traced.transaction() as s:
        product = find_product(s, PRODUCT)
        product.entry_date = date(2026, 11, 1)
        add_document(
            s,
            product,
            "gin",
            _doc(tmp_path, "old.pdf", b"old"),
            "payment",
            kind="invoice",
            issued_on=date(2025, 1, 5),
        )
        add_document(
            s, product, "gin", _doc(tmp_path, "pl.pdf", b"pl"), "transaction", issued_on=date(2026, 9, 1)
        )
        add_document(s, product, "yarn", _doc(tmp_path, "zh.pdf", b"zh"), "transaction", language="zh")
        add_document(
            s,
            product,
            "lint",
            _doc(tmp_path, "zh2.pdf", b"zh2"),
            "transaction",
            language="zh",
            translation=_doc(tmp_path, "en.pdf", b"en"),
        )
    with traced.session() as s:
        report = trace_report(s, find_product(s, PRODUCT))
    assert report.checklist.commodities == ["Cotton"]
    assert _status(report, "gin", "payment") == STALE
    assert _status(report, "gin", "transaction") == ON_FILE
    assert _status(report, "yarn", "transaction") == UNTRANSLATED
    assert _status(report, "lint", "transaction") == ON_FILE
    assert _status(report, "garment", "transaction") == MISSING
    assert not any(
        g.node == "garment" and g.family == "payment" and not g.commodity for g in report.checklist.gaps
    )
    gin = next(n for n in report.nodes if n.node == "gin")
    assert "payment" not in gin.missing and "parties" in gin.missing and gin.documents == 2
    # the cotton guidance asks for the bale's origin at the raw-material stage
    bale = [
        g
        for g in report.checklist.gaps
        if g.node == "gin" and g.commodity == "Cotton" and "bale" in g.expected
    ]
    assert bale and bale[0].status == MISSING
