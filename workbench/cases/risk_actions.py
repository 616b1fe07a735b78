"""Recommended actions for a rating, per UNGP 17-22 and the OECD due-diligence steps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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


def recommend(level: str, presumption: bool, codes: set[str]) -> list[Action]:
    """The actions for a level, the presumption flag and the codes of the reasons that fired."""
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
    if "not_screened" in codes:
        acts.append(
            Action("investigate", "Screen the supplier against the measures and official lists.", IDENTIFY)
        )
    if level != "low":
        acts.append(
            Action(
                "investigate",
                "Map the supply chain to raw material: every producer at every tier, "
                "with origin documents for the inputs (CBP UFLPA guidance: supply chain tracing).",
                IDENTIFY,
            )
        )
    if presumption:
        acts.append(
            Action(
                "prevent_mitigate",
                "Do not ship these goods to the US unless you can show that they "
                "and all their inputs have no Xinjiang or UFLPA Entity List nexus, or can rebut the "
                "presumption: full compliance with the FLETF importer guidance, complete answers to CBP, "
                "and clear and convincing evidence that no forced labour was used.",
                "UFLPA s.3; " + ACT,
            )
        )
    if level == "severe":
        acts.append(
            Action(
                "prevent_mitigate",
                "Place no new orders while the finding stands and review goods in transit.",
                ACT,
            )
        )
    if level in ("high", "severe"):
        acts.append(
            Action(
                "use_leverage",
                "Use and build leverage: make continued business conditional on a "
                "time-bound corrective action plan, and act together with other buyers where you can.",
                "UNGP 19 (leverage); OECD step 3",
            )
        )
        acts.append(
            Action(
                "prevent_mitigate",
                "Commission an independent, unannounced assessment with off-site "
                "worker interviews; where access is restricted, as in Xinjiang, audit results alone "
                "cannot be relied on.",
                "UNGP 18-19; OECD step 3",
            )
        )
    if codes & {"indicators_observed", "indicators_suspected"}:
        acts.append(
            Action(
                "remediate",
                "Provide for or cooperate in remediation for affected workers (back "
                "wages, return of documents, cancelled recruitment debts, freedom to leave), verified "
                "with the workers themselves.",
                "UNGP 22; OECD step 6 (remediation)",
            )
        )
    if level == "severe":
        acts.append(
            Action(
                "disengage",
                "If leverage cannot end the abuse, plan a responsible exit: give notice, "
                "weigh the effects on workers, and document the decision and its reasons.",
                "UNGP 19 (commentary on ending a relationship); OECD step 3",
            )
        )
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
