"""Recommended actions for a rating, per UNGP 17-22 and the OECD due-diligence steps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workbench.cases.risk_case import AUDIT_FINDINGS, EXPORT_CONTROL, IMPORT_BAN, SANCTIONS, STATE_IMPOSED

STEPS = (
    "investigate",
    "prevent_mitigate",
    "use_leverage",
    "remediate",
    "disengage",
    "communicate",
    "monitor",
)
IDENTIFY = "UNGP 17-18; OECD step 2 (identify and assess)"
ACT = "UNGP 19; OECD step 3 (cease, prevent, mitigate)"


@dataclass(frozen=True)
class Action:
    """A recommended step, with the UNGP principle and OECD step it implements."""

    step: str  # one of STEPS
    text: str
    basis: str

    def __iter__(self) -> Iterator[str]:
        """Unpacks as (step, sentence with its basis), e.g. for a two-column table."""
        return iter((self.step, f"{self.text} ({self.basis})"))


def recommend(level: str, presumption: bool, codes: set[str], types: Sequence[str] = ()) -> list[Action]:
    """The actions for a level, the presumption flag, the codes of the reasons and the case types."""
    kinds = set(types)
    acts = _identify(level, codes, kinds)
    if STATE_IMPOSED in kinds or presumption:
        acts += _state_imposed(level)
    elif IMPORT_BAN in kinds:
        acts += _import_ban("finding" in codes)
    if SANCTIONS in kinds:
        acts.append(Action("prevent_mitigate", SANCTIONS_STOP, "E.O. 13818; 31 CFR 501; " + ACT))
    if EXPORT_CONTROL in kinds:
        acts += _export_control()
    if AUDIT_FINDINGS in kinds and STATE_IMPOSED not in kinds and not presumption:
        acts += _audit_findings(level)
    if level in ("high", "severe"):
        acts.append(
            Action(
                "communicate",
                "Record the decision, its basis and the evidence, and be ready to explain "
                "externally how the risk is addressed.",
                "UNGP 21; OECD step 5 (communicate)",
            )
        )
    if level == "low":
        acts.append(
            Action(
                "prevent_mitigate",
                "Keep forced-labour clauses in the contract and the supplier code "
                "of conduct, and ask for origin information for new products.",
                "UNGP 16; OECD step 1 (embed responsible business conduct)",
            )
        )
    acts.append(
        Action(
            "monitor",
            "Re-screen after every list update and at least quarterly; reassess when "
            "products, sourcing or the measures change, and check that the responses work.",
            "UNGP 20; OECD step 4 (track)",
        )
    )
    return acts


EXIT = Action(
    "disengage",
    "If leverage cannot end the abuse, plan a responsible exit: give notice, weigh the effects on workers, "
    "and document the decision and its reasons.",
    "UNGP 19 (commentary on ending a relationship); OECD step 3",
)
SANCTIONS_STOP = (
    "Stop dealings with the blocked party and with entities it owns 50 % or more, make no payment to it, "
    "and take legal advice on blocking, reporting and licences from OFAC before any further step."
)


def _identify(level: str, codes: set[str], kinds: set[str]) -> list[Action]:
    acts = []
    if codes & {"pending_hits", "pending_close_hit"}:
        acts.append(
            Action(
                "investigate",
                "Decide every pending screening hit with a written rationale: compare "
                "registration number, address and business, and ask the supplier if needed.",
                IDENTIFY,
            )
        )
    if "pending_close_hit" in codes:
        acts.append(
            Action(
                "prevent_mitigate",
                "Until the close hit is decided, treat the goods as if the listing applied: hold US-bound "
                "shipments or prepare the evidence the listing would require.",
                ACT,
            )
        )
    if "not_screened" in codes:
        acts.append(
            Action("investigate", "Screen the supplier against the measures and official lists.", IDENTIFY)
        )
    if "nothing_assessed" in codes:
        acts.append(
            Action(
                "investigate",
                "Assess the ILO forced-labour indicators from documents, audits and worker voice, and record "
                "the products and the origin of their inputs.",
                IDENTIFY,
            )
        )
    if level != "low" and (not kinds or not kinds <= {EXPORT_CONTROL, SANCTIONS}):
        acts.append(
            Action(
                "investigate",
                "Map the supply chain to raw material: every producer at every tier, "
                "with origin documents for the inputs (CBP UFLPA guidance: supply chain tracing).",
                IDENTIFY,
            )
        )
    return acts


def _state_imposed(level: str) -> list[Action]:
    """State-imposed forced labour: audits cannot show it has ended; trace, suspend, exit."""
    acts = [
        Action(
            "prevent_mitigate",
            "Do not ship these goods to the US unless you can show that they "
            "and all their inputs have no Xinjiang or UFLPA Entity List nexus, or can rebut the "
            "presumption: full compliance with the FLETF importer guidance, complete answers to CBP, "
            "and clear and convincing evidence that no forced labour was used.",
            "UFLPA s.3; " + ACT,
        ),
        Action(
            "prevent_mitigate",
            "Suspend new orders for goods linked to the listed entity or the region while the tracing is "
            "done, and review goods in transit.",
            ACT,
        ),
        Action(
            "use_leverage",
            "Use leverage with the supplier, and together with other buyers, to move production and inputs "
            "away from the listed entity or the region. Where the labour is imposed by the state, social "
            "audits are not credible evidence that it has ended.",
            "UNGP 19 (leverage); OECD step 3",
        ),
    ]
    if level in ("high", "severe"):
        acts.append(
            Action(
                "disengage",
                "If the link cannot be ended, end the relationship responsibly: give notice, weigh the "
                "effects on workers, and document the decision and its reasons.",
                "UNGP 19 (commentary on ending a relationship); OECD step 3",
            )
        )
    return acts


def _import_ban(finding: bool) -> list[Action]:
    consequence = (
        "under the Finding CBP seizes them and they are subject to forfeiture"
        if finding
        else "under the Withhold Release Order CBP detains them"
    )
    return [
        Action(
            "prevent_mitigate",
            f"Stop US-bound shipments of the goods covered: {consequence}.",
            "19 U.S.C. 1307; " + ACT,
        ),
        Action(
            "use_leverage",
            "Make continued business conditional on a time-bound corrective action plan that ends the "
            "practices CBP named, verified independently with off-site worker interviews.",
            "UNGP 19 (leverage); OECD step 3",
        ),
        EXIT,
    ]


def _export_control() -> list[Action]:
    """Entity List: an export control; the concern is the listed conduct, not the supplier's workers."""
    return [
        Action(
            "investigate",
            "Check whether the company exports, re-exports or transfers items subject to the EAR to this "
            "party; each such transaction needs a BIS licence (15 CFR 744.11).",
            "15 CFR 744.11; " + IDENTIFY,
        ),
        Action(
            "investigate",
            "Assess the goods bought against the conduct the listing names (for example surveillance or "
            "genetic collection used in repression): whether buying or using them could contribute to it.",
            IDENTIFY,
        ),
        Action(
            "use_leverage",
            "Decide at senior level whether to continue the relationship on that evidence, and record the "
            "conditions set.",
            "UNGP 19 (leverage); OECD step 3",
        ),
    ]


def _audit_findings(level: str) -> list[Action]:
    """Indicators observed or suspected at a supplier where independent verification is possible."""
    acts = [
        Action(
            "prevent_mitigate",
            "Commission an independent assessment, unannounced where possible, with off-site worker "
            "interviews, to verify the indicators.",
            "UNGP 18-19; OECD step 3",
        ),
        Action(
            "use_leverage",
            "Agree a time-bound corrective action plan with the supplier and make continued business "
            "conditional on it.",
            "UNGP 19 (leverage); OECD step 3",
        ),
        Action(
            "remediate",
            "Use leverage so that the supplier remediates the affected workers (back wages, return of "
            "documents, cancelled recruitment debts, freedom to leave), verified with the workers; provide "
            "for or cooperate in remediation itself where the company's own practices contributed.",
            "UNGP 22; OECD step 6 (remediation)",
        ),
    ]
    if level == "severe":
        acts.append(EXIT)
    return acts
