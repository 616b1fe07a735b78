"""Test helpers: listed entities, measures and a scripted screener with the engine's real types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from workbench.cases.reviewer import os_account
from workbench.data.models import Measure
from workbench.data.store import Store
from workbench.screening import FeatureScore, ListedEntity, MeasureRef, ScreeningMatch, SupplierQuery

TAIDA_WRO = MeasureRef(
    measure_id="test-wro-hetian-taida",
    kind="wro",
    authority="U.S. Customs and Border Protection (CBP)",
    title="WRO on apparel from Hetian Taida Apparel Co., Ltd.",
    date="2019-09-30",
    legal_basis="19 U.S.C. 1307; 19 CFR 12.42",
    sources=("https://www.cbp.gov/trade/forced-labor/withhold-release-orders-and-findings",),
)
TAIDA_UFLPA = MeasureRef(
    measure_id="test-uflpa-2022",
    kind="uflpa_entity_list",
    authority="Forced Labor Enforcement Task Force (DHS)",
    title="UFLPA Entity List: initial list",
    date="2022-06-21",
    legal_basis="UFLPA s.2(d)(2)(B)",
    sources=("https://www.dhs.gov/uflpa-entity-list",),
)
BIS_ENTITY_LIST = MeasureRef(
    measure_id="test-entity-list-2020",
    kind="entity_list",
    authority="U.S. Department of Commerce, Bureau of Industry and Security (BIS)",
    title="Entity List additions for Xinjiang-related human rights abuses",
    date="2020-07-22",
    legal_basis="15 CFR 744.11",
    sources=("https://www.federalregister.gov/d/2020-15827",),
)


def entity(key: str, name: str, *measures: MeasureRef, names: tuple[str, ...] = ()) -> ListedEntity:
    return ListedEntity(
        key=key,
        entity_id=key.split(":")[-1],
        name=name,
        names=(name, *names),
        type="company",
        country="China",
        measures=tuple(measures),
    )


def hit(ent: ListedEntity, score: float, query_name: str = "") -> ScreeningMatch:
    return ScreeningMatch(
        entity=ent,
        score=score,
        matched_name=ent.name,
        query_name=query_name or ent.name,
        features=(FeatureScore("name", score, 1.0, f"'{query_name}' ~ '{ent.name}'"),),
        evidence=(f"Name similarity {score:.0f}/100 with {ent.name}.",),
    )


@dataclass
class ScriptedScreener:
    """Returns the hits scripted for a supplier name; edit `hits` between runs to simulate list changes."""

    hits: dict[str, list[ScreeningMatch]] = field(default_factory=dict)
    queries: list[SupplierQuery] = field(default_factory=list)

    def screen(self, query: SupplierQuery, threshold: float | None = None) -> list[ScreeningMatch]:
        self.queries.append(query)
        return [h for h in self.hits.get(query.name, []) if h.score >= (threshold or 0)]


def add_wro_measure(session: Session, ref: MeasureRef = TAIDA_WRO, indicators: tuple[str, ...] = ()) -> None:
    """Store the measure a scripted hit cites (indicator pre-fill reads the Measure row)."""
    session.add(
        Measure(
            id=ref.measure_id,
            kind=ref.kind,
            authority=ref.authority,
            title=ref.title,
            announced=date.fromisoformat(ref.date) if ref.date else None,
            legal_basis=ref.legal_basis,
            indicators=list(indicators),
            sources=list(ref.sources),
            dataset="test",
        )
    )
    session.flush()


def recorded_reviewer(store: Store, name: str = "Dana Reviewer") -> str:
    """The reviewer a store records for the settings name `name`: the PostgreSQL login (the test
    server's superuser) or, on SQLite, the name with the OS account."""
    if store.engine.dialect.name == "postgresql":
        return str(store.engine.url.username)
    return f"{name} (OS account {os_account()})"
