"""The rules of the risk rating, each producing `Reason`s: listings, pending hits, Xinjiang nexus,
sectors and ILO indicators. docs/RISK.md states the same rules in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.cases.indicators import Finding
from workbench.cases.sectors import NexusHit, SectorHit
from workbench.data.models import Match, Measure, Supplier
from workbench.resources import load_json

LEVELS = ("low", "medium", "high", "severe")
INFO = "info"  # a reason that explains but does not raise the level
CHINA = frozenset({"cn", "chn", "china", "prc", "people's republic of china", "中国", "中华人民共和国"})
CLOSE_MATCH = 90.0  # an undecided hit at or above this score on a prohibitive measure raises to high
# UNGP 14/24 severity: indicators whose harm is gravest in scale and hardest to remedy.
GRAVE_INDICATORS = frozenset(
    {
        "physical_and_sexual_violence",
        "restriction_of_movement",
        "isolation",
        "debt_bondage",
        "retention_of_identity_documents",
        "intimidation_and_threats",
    }
)
# Measure kinds (built-in dataset) and imported list types, by what they mean for trade.
CATEGORIES = {
    "uflpa_entity_list": "uflpa",
    "uflpa": "uflpa",
    "uflpa-html": "uflpa",
    "wro": "wro",
    "magnitsky": "sanctions",
    "ofac-sdn": "sanctions",
    "ofac-csv": "sanctions",
    "ofac-xml": "sanctions",
    "entity_list": "entity_list",
    "visa_ban": "concern",
    "atrocity_determination": "concern",
    "license_policy": "concern",
    "business_advisory": "concern",
    "goods_list": "concern",
    "sector_guidance": "concern",
    "law": "concern",
}
PROHIBITIVE = frozenset({"uflpa", "wro", "sanctions"})


@dataclass(frozen=True)
class Citation:
    """The measure or document behind a reason."""

    authority: str
    title: str
    date: str = ""
    url: str = ""
    legal_basis: str = ""
    measure_id: str = ""

    @property
    def label(self) -> str:
        return ", ".join(p for p in (self.authority, self.title, self.date) if p)


@dataclass(frozen=True)
class Reason:
    """One rule that fired: the level it sets (or "info"), a sentence, and its citations."""

    code: str
    level: str
    text: str
    citations: tuple[Citation, ...] = ()

    def __str__(self) -> str:
        return self.text


TITLE_HINTS = (  # for imported lists that bundle several programs (e.g. the Consolidated Screening List)
    ("uflpa", "uflpa"),
    ("withhold release", "wro"),
    ("specially designated", "sanctions"),
    ("(sdn)", "sanctions"),
    ("magnitsky", "sanctions"),
    ("entity list", "entity_list"),
)


def category(kind: str, title: str = "") -> str:
    """What a measure kind or list type means for trade: uflpa, wro, sanctions, entity_list, concern, other.

    Imported lists carry their format as kind; their program title then decides.
    """
    if kind in CATEGORIES:
        return CATEGORIES[kind]
    lowered = title.casefold()
    return next((cat for hint, cat in TITLE_HINTS if hint in lowered), "other")


def measure_citation(m: dict[str, Any]) -> Citation:
    """A citation from a measure as stored on a match."""
    sources = m.get("sources") or []
    return Citation(
        authority=str(m.get("authority", "")),
        title=str(m.get("title", "")),
        date=str(m.get("date") or ""),
        url=str(sources[0]) if sources else "",
        legal_basis=str(m.get("legal_basis", "")),
        measure_id=str(m.get("measure_id", "")),
    )


def stored_citation(m: Measure) -> Citation:
    when = m.announced or m.effective
    return Citation(
        m.authority,
        m.title,
        when.isoformat() if when else "",
        m.sources[0] if m.sources else "",
        m.legal_basis,
        m.id,
    )


def uflpa_citation() -> Citation:
    """The UFLPA itself (Public Law 117-78), from the shipped reference data."""
    law = load_json("reference", "uflpa.json")["law"]
    return Citation(
        authority="U.S. Congress; enforced by CBP",
        title=f"{law['short_title']}, {law['public_law']}",
        date=str(law.get("enacted", "")),
        url="https://www.congress.gov/117/plaws/publ78/PLAW-117publ78.pdf",
        legal_basis="UFLPA s.3 rebuttable presumption; 19 U.S.C. 1307",
    )


REBUTTAL = (
    "CBP may grant an exception only if the importer (1) fully complied with the FLETF guidance on "
    "importers and any implementing regulations, (2) completely and substantively answered every CBP "
    "request for information, and (3) shows by clear and convincing evidence that the goods were not made "
    "wholly or in part with forced labour (UFLPA s.3(b))"
)


def is_finding(m: dict[str, Any]) -> bool:
    """True for a CBP Finding (seizure and forfeiture), as opposed to a Withhold Release Order (detention)."""
    title, measure_id = str(m.get("title", "")), str(m.get("measure_id", ""))
    return title.casefold().startswith("finding") or measure_id.startswith("finding-")


# ---------------------------------------------------------------- listings


def _quoted(title: str) -> str:
    return f", '{title}'" if title else ""


def _listing_text(cat: str, name: str, m: dict[str, Any]) -> tuple[str, str]:
    when = f" ({m['date']})" if m.get("date") else ""
    title, authority = str(m.get("title", "")), str(m.get("authority", ""))
    if cat == "uflpa":
        return "severe", (
            f"Confirmed match with {name}, which is on the UFLPA Entity List{when}. Goods it mines, produces "
            "or manufactures, wholly or in part, are presumed to be made with forced labour and are barred "
            f"from US entry under 19 U.S.C. 1307. {REBUTTAL}."
        )
    if cat == "wro" and is_finding(m):
        return "severe", (
            f"Confirmed match with {name}, named in a CBP Finding{when}{_quoted(title)}. Under a Finding CBP "
            "seizes the covered goods and they are subject to forfeiture (19 U.S.C. 1307; 19 CFR 12.42(f)), "
            "not only detained."
        )
    if cat == "wro":
        return "severe", (
            f"Confirmed match with {name}, named in a CBP Withhold Release Order{when}{_quoted(title)}. CBP "
            "detains the covered goods at US ports (19 U.S.C. 1307; 19 CFR 12.42(e)); the importer may "
            "re-export them or show that they were not made with forced labour (19 CFR 12.43)."
        )
    if cat == "sanctions":
        return "severe", (
            f"Confirmed match with {name}, sanctioned by {authority or 'OFAC'}{when}{_quoted(title)}. Its "
            "property in US jurisdiction is blocked and US persons are generally prohibited from dealing "
            "with it."
        )
    if cat == "entity_list":
        basis = f" on the basis stated in the rule{_quoted(title)}" if title else ""
        return "high", (
            f"Confirmed match with {name}, added to the BIS Entity List{when}{basis}. Exports, re-exports "
            "and in-country transfers of items subject to the EAR to it need a licence (15 CFR 744.11). This "
            "is an export control, not an import ban or a WRO."
        )
    if cat == "concern":
        by = f" by {authority}" if authority else ""
        return "medium", (
            f"Confirmed match with {name}, named in a measure{by}{when}{_quoted(title)}. This measure does "
            "not by itself bar trade with it, but it documents a forced-labour or human-rights concern."
        )
    return "high", (
        f"Confirmed match with {name}, listed by {authority or 'an official list'}{when}{_quoted(title)}. "
        "Check what this listing prohibits before trading."
    )


def listing_reasons(match: Match) -> tuple[list[Reason], bool]:
    """Reasons from a confirmed match, one per measure; and whether it triggers the UFLPA presumption."""
    reasons, presumption = [], False
    for m in match.measures:
        cat = category(str(m.get("kind", "")), str(m.get("title", "")))
        level, text = _listing_text(cat, match.entity_name, m)
        presumption |= cat == "uflpa"
        code = {"uflpa": "uflpa_entity_list", "other": "other_listing"}.get(cat, cat)
        if cat == "wro" and is_finding(m):
            code = "finding"
        reasons.append(Reason(code, level, text, (measure_citation(m),)))
    return reasons, presumption


def _kinds(match: Match) -> set[str]:
    return {category(str(m.get("kind", "")), str(m.get("title", ""))) for m in match.measures}


def pending_reason(pending: list[Match]) -> Reason | None:
    """Undecided hits keep the rating above low; a close hit on a prohibitive measure raises it to high."""
    if not pending:
        return None
    escalated = sum(1 for m in pending if m.status == "escalated")
    tail = f" ({escalated} escalated)" if escalated else ""
    close = [m for m in pending if m.score >= CLOSE_MATCH and _kinds(m) & PROHIBITIVE]
    if close:
        top = max(close, key=lambda m: m.score)
        cites = tuple(measure_citation(m) for m in top.measures)
        under = "; ".join(f"{c.title} ({c.date})" if c.date else c.title for c in cites)
        return Reason(
            "pending_close_hit",
            "high",
            f"A close match (score {top.score:.0f}) with {top.entity_name} has not been decided{tail}. "
            f"The entity is named in: {under}. Until the match is dismissed with a rationale, treat the "
            "supplier as potentially listed.",
            cites,
        )
    best = max(pending, key=lambda m: m.score)
    plural = "s await" if len(pending) > 1 else " awaits"
    return Reason(
        "pending_hits",
        "medium",
        f"{len(pending)} screening hit{plural} review{tail} (closest: {best.entity_name}, score "
        f"{best.score:.0f}). The rating cannot be low until every hit is decided.",
        tuple(measure_citation(m) for m in best.measures),
    )


def dismissed_reason(dismissed: list[Match]) -> Reason | None:
    if not dismissed:
        return None
    shown = "; ".join(
        f"{m.entity_name} ({m.current_decision.rationale if m.current_decision else 'no rationale'})"
        for m in dismissed[:5]
    )
    more = f" and {len(dismissed) - 5} more" if len(dismissed) > 5 else ""
    return Reason("dismissed", INFO, f"Dismissed after review: {shown}{more}.")


# ---------------------------------------------------------------- Xinjiang nexus


def nexus_reason(hits: list[NexusHit], upstream: str = "") -> Reason | None:
    """A Xinjiang mention anywhere in the supplier, its products or inputs triggers the presumption."""
    if not hits:
        return None
    who = f"Upstream supplier {upstream}: " if upstream else ""
    where = "; ".join(h.reason for h in hits[:4]) + ("; ..." if len(hits) > 4 else "")
    return Reason(
        "xinjiang_nexus",
        "severe",
        f"{who}Xinjiang nexus: {where}. Goods mined, produced or manufactured wholly or in part in the "
        "Xinjiang Uyghur Autonomous Region are presumed to be made with forced labour under the UFLPA, with "
        "no de minimis threshold, and are barred from US entry unless CBP grants an exception.",
        (uflpa_citation(),),
    )


# ---------------------------------------------------------------- sectors


def is_china(*values: str) -> bool:
    return any(v and v.strip().casefold() in CHINA for v in values)


def sector_reasons(session: Session, supplier: Supplier, hits: list[SectorHit]) -> list[Reason]:
    """UFLPA high-priority sectors raise to medium (high from China); other named sectors only from China."""
    if not hits:
        return []
    china = is_china(supplier.country) or any(is_china(p.origin_country) for p in supplier.products)
    ids = {mid for h in hits for mid in h.sector.measure_ids}
    measures = {m.id: m for m in session.scalars(select(Measure).where(Measure.id.in_(ids)))} if ids else {}
    groups: dict[str, list[SectorHit]] = {}
    for h in hits:
        groups.setdefault(h.sector.id, []).append(h)
    reasons = []
    for group in groups.values():
        sector = group[0].sector
        named = [measures[i] for i in sector.measure_ids if i in measures]
        guidance = [m for m in named if m.kind == "sector_guidance" and "UFLPA" in m.title]
        cited = guidance + [m for m in named if m.kind == "goods_list"]
        cites = tuple(stored_citation(m) for m in (cited or named)[:3])
        why = "; ".join(h.basis for h in group[:3]) + ("; ..." if len(group) > 3 else "")
        if guidance:
            when = guidance[0].announced
            since = f", designated {when.isoformat()}" if when else ""
            level = "high" if china else "medium"
            tail = (
                "The supplier or product is in China, where CBP expects importers to trace the goods to "
                "their raw materials."
                if china
                else "CBP scrutinises this sector's supply chains for Xinjiang inputs."
            )
            text = f"UFLPA high-priority enforcement sector ({sector.name}{since}): {why}. {tail}"
        else:
            level = "medium" if china else INFO
            tail = (
                "The products come from China, for which the measures name this sector."
                if china
                else "No link to China is recorded, so this does not raise the rating by itself."
            )
            text = f"Sector named in forced-labour measures ({sector.name}): {why}. {tail}"
        reasons.append(Reason("sector", level, text, cites))
    return reasons


# ---------------------------------------------------------------- ILO indicators


def _describe(findings: list[Finding]) -> str:
    parts = []
    for f in findings:
        when = f.observed_on.isoformat() if f.observed_on else ""
        src = ", ".join(p for p in (f.source_type.replace("_", " "), when, f.source_ref) if p)
        evidence = f.evidence if len(f.evidence) <= 160 else f.evidence[:157] + "..."
        parts.append(f"{f.indicator.name} ('{evidence}'; {src})")
    return "; ".join(parts)


def indicator_reasons(findings: list[Finding]) -> list[Reason]:
    """Observed indicators: high, or severe when grave or three or more; suspected: medium or high."""
    reasons = []
    observed = [f for f in findings if f.status == "observed"]
    suspected = [f for f in findings if f.status == "suspected"]
    if observed:
        grave = [f for f in observed if f.indicator.id in GRAVE_INDICATORS]
        severe = bool(grave) or len(observed) >= 3
        if grave:
            why = (
                "it includes indicators whose harm is grave and hard to remedy ("
                + ", ".join(f.indicator.name.lower() for f in grave)
                + ")"
            )
        elif severe:
            why = f"{len(observed)} indicators together point to forced labour"
        else:
            why = "one indicator alone is a warning sign that needs verification and remediation"
        level = "severe" if severe else "high"
        reasons.append(
            Reason(
                "indicators_observed",
                level,
                f"ILO forced-labour indicators observed: {_describe(observed)}. "
                f"Severity (UNGP 14 and 24: scale, "
                f"scope, irremediability) is {level}, because {why}.",
            )
        )
    if suspected:
        high = any(f.indicator.id in GRAVE_INDICATORS for f in suspected) or len(suspected) >= 3
        reasons.append(
            Reason(
                "indicators_suspected",
                "high" if high else "medium",
                f"ILO forced-labour indicators suspected, not yet corroborated: {_describe(suspected)}. "
                f"{'Their gravity or number' if high else 'This'} calls for verification with the workers.",
            )
        )
    not_assessed = sum(1 for f in findings if f.status == "not_assessed")
    if not_assessed:
        reasons.append(
            Reason(
                "indicators_not_assessed",
                INFO,
                f"{not_assessed} of {len(findings)} ILO forced-labour indicators have not been assessed.",
            )
        )
    return reasons
