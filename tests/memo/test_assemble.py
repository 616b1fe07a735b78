"""Building memo content from the store: suppliers, products, matches with decisions, indicators."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import workbench.cases  # noqa: F401  (installs the audit hooks)
from tests.memo.conftest import flat, pdftotext
from workbench.cases.decisions import confirm, set_reviewer_name
from workbench.cases.errors import NotFound
from workbench.cases.suppliers import create_supplier
from workbench.data.models import DatasetInfo, IndicatorFinding, Match, ScreeningRun
from workbench.data.store import Store, open_store
from workbench.memo.assemble import build_memo_data
from workbench.memo.render import render_memo

WRO = {
    "measure_id": "cbp-wro-2021-01-13-xinjiang-cotton-tomato",
    "kind": "wro",
    "authority": "U.S. Customs and Border Protection",
    "title": "Region-wide WRO on cotton and tomato products from Xinjiang",
    "date": "2021-01-13",
    "legal_basis": "19 U.S.C. 1307",
    "sources": [
        "https://www.cbp.gov/newsroom/national-media-release/cbp-issues-region-wide-withhold-release-order"
    ],
}


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    s = open_store(sqlite_url, load_builtin=False)
    with s.transaction() as session:
        set_reviewer_name(session, "Dana Reviewer")
        session.add(
            DatasetInfo(name="builtin", version="2026.11.1", as_of=date(2026, 11, 1), sha256="ab" * 32)
        )
        session.add(ScreeningRun(threshold=72.0, dataset_version="2026.11.1"))
    yield s
    s.dispose()


def _supplier(store: Store) -> int:
    with store.transaction() as session:
        supplier = create_supplier(
            session,
            {
                "legal_name": "Hotan Textile & <Garment> Co., Ltd.",
                "local_name": "和田纺织服装有限公司",
                "country": "China",
                "region": "Xinjiang",
                "tier": 2,
                "products": [
                    {
                        "description": "Cotton T-shirts",
                        "hs_code": "6109.10",
                        "origin_country": "China",
                        "inputs": [
                            {
                                "material": "Cotton lint",
                                "origin_country": "China",
                                "origin_region": "Xinjiang",
                            }
                        ],
                    }
                ],
            },
        )
        confirmed = Match(
            entity_key="builtin:hotan-textile",
            entity_name="Hetian Textile and Garment Co",
            matched_name="Hotan Textile & <Garment> Co., Ltd.",
            score=91.0,
            evidence=[{"kind": "sentence", "text": "Hotan = Hetian (place-name variant)"}],
            measures=[WRO],
        )
        pending = Match(
            entity_key="builtin:other",
            entity_name="Xinjiang Garment Group",
            matched_name="Hotan Textile & <Garment> Co., Ltd.",
            score=74.0,
            measures=[],
        )
        supplier.matches.extend([confirmed, pending])
        session.add(
            IndicatorFinding(
                supplier=supplier,
                indicator_id="withholding_of_wages",
                status="observed",
                evidence="Wages paid into accounts controlled by the employer.",
                source_type="audit_report",
                source_ref="Audit 2026-03",
            )
        )
        session.flush()
        confirm(session, confirmed.id, "Same address and Chinese name as the listed entity.")
        return supplier.id


def test_memo_data_from_the_store_renders_every_fact(store: Store, tmp_path: Path) -> None:
    sid = _supplier(store)
    with store.session() as session:
        memo = build_memo_data(session, [sid], "Dana Reviewer", "Acme Compliance", created=date(2026, 11, 25))
    assert memo.dataset_version == "2026.11.1"
    assert memo.threshold == 72.0
    section = memo.suppliers[0]
    assert section.local_name == "和田纺织服装有限公司"
    assert [h.decision for h in section.hits] == ["confirmed", "open"]
    assert section.hits[0].measures[0].kind == "wro"
    assert section.risk_rating in ("high", "severe")
    assert any("1307" in s for s in section.legal_exposure)
    path = tmp_path / "memo.pdf"
    path.write_bytes(render_memo(memo).pdf)
    text = flat(pdftotext(path))
    for expected in (
        "Hotan Textile & <Garment> Co., Ltd.",
        "和田纺织服装有限公司",
        "Same address and Chinese name as the listed entity.",
        "U.S. Customs and Border Protection",
        "PENDING REVIEW",
        "Wages paid into accounts controlled by the employer.",
        "Cotton lint",
        "6109.10",
        "2026.11.1",
        "Dana Reviewer",
    ):
        assert expected in text, expected


def test_unknown_or_deleted_supplier_is_a_clear_error(store: Store) -> None:
    with store.session() as session, pytest.raises(NotFound, match="No active supplier with id 999"):
        build_memo_data(session, [999], "Dana Reviewer")
