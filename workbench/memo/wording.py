"""Standard wording of the memo: method, framework references, limitations, action categories."""

from __future__ import annotations

from typing import Any

from workbench.resources import resource

# Used when resources/reference/ungp_hrdd.json is absent or has an unexpected shape.
FRAMEWORK = (
    ("UNGP 17", "Human rights due diligence: identify, prevent, mitigate and account for adverse impacts."),
    ("UNGP 18", "Identify and assess actual and potential impacts, drawing on credible sources."),
    ("UNGP 19", "Integrate the findings and take appropriate action, using and increasing leverage."),
    ("UNGP 20", "Track the effectiveness of the response with qualitative and quantitative indicators."),
    ("UNGP 21", "Communicate externally how impacts are addressed."),
    ("UNGP 22", "Provide for or cooperate in remediation where the company caused or contributed to harm."),
)

OECD_STEPS = (
    "1. Embed responsible business conduct into policies and management systems.",
    "2. Identify and assess adverse impacts in operations, supply chains and business relationships.",
    "3. Cease, prevent or mitigate adverse impacts.",
    "4. Track implementation and results.",
    "5. Communicate how impacts are addressed.",
    "6. Provide for or cooperate in remediation when appropriate.",
)

NOT_SCREENED = (
    "the EU Forced Labour Regulation (Regulation (EU) 2024/3015)",
    "the FCC Covered List",
    "NDAA section 889 (prohibited telecommunications and video surveillance equipment)",
    "the Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC)",
    "OFAC sanctions programmes other than those stored (Global Magnitsky designations related to Xinjiang "
    "and any OFAC list imported)",
)


def method(suppliers: int, decided: int, unresolved: int, assessed: int) -> str:
    """How the memo was made, stating only the work the record shows."""
    review = (
        f"{decided} candidate match{'es were' if decided != 1 else ' was'} confirmed or dismissed by a "
        "reviewer with a written rationale (reviewer and date are shown with each decision)"
        if decided
        else "no candidate match has been decided by a reviewer"
    )
    pending = (
        f"; {unresolved} {'are' if unresolved != 1 else 'is'} still pending or escalated, reported as "
        "unresolved potential exposure, not as conclusions"
        if unresolved
        else ""
    )
    indicators = (
        f"ILO forced-labour indicators were assessed for {assessed} of {suppliers} supplier"
        f"{'s' if suppliers != 1 else ''} (each assessment is shown with its evidence and source)"
        if assessed
        else "no ILO forced-labour indicator has been assessed for any supplier in this memo"
    )
    return (
        "Each supplier was screened by name, including local-script names and known aliases, against the "
        "measures dataset and the lists named above. Of the hits at or above the threshold, "
        f"{review}{pending}. "
        f"{indicators[0].upper()}{indicators[1:]}. The risk rating combines the screening results, the "
        "indicators and the origin of products and inputs; where the record has gaps the rating says so and "
        "its confidence is limited."
    )


LIMITATIONS = (
    "Screening compares names; it cannot show that a supplier is free of forced labour. A supplier "
    "absent from every list may still source from listed entities or from regions subject to the "
    "rebuttable presumption, through intermediaries, trading companies or renamed entities. Lists "
    "change: this memo speaks only for the dataset version and list snapshots named in it. Hits marked "
    "as pending have not been reviewed and are not conclusions. Indicator findings rest on the "
    "documents and audits available to the reviewer; social audits have known limits in the Xinjiang "
    "Uyghur Autonomous Region, where access is restricted and interviews are not free of coercion. "
    "This memo is not legal advice; the legal exposure section describes the measures, not the outcome "
    "of any proceeding before U.S. Customs and Border Protection or another authority."
)

# Days from the memo date by which the first action for a supplier is due, by rating.
ACT_WITHIN_DAYS = {"severe": 14, "high": 30, "medium": 60, "low": 90}

ACTION_CATEGORIES = (
    ("investigate", "Investigate"),
    ("prevent_mitigate", "Prevent and mitigate"),
    ("use_leverage", "Use and increase leverage"),
    ("remediate", "Remediation"),
    ("disengage", "Responsible disengagement"),
    ("communicate", "Communicate"),
    ("monitor", "Monitoring plan"),
)

PRESUMPTION = (
    "The Uyghur Forced Labor Prevention Act (Pub. L. 117-78, enacted 2021-12-23; presumption effective "
    "2022-06-21) presumes that goods mined, produced or manufactured wholly or in part in the Xinjiang "
    "Uyghur Autonomous Region, or by an entity on the UFLPA Entity List, are made with forced labour and "
    "barred from entry under 19 U.S.C. 1307. CBP may grant an exception only if the importer fully complied "
    "with the FLETF guidance on importers, completely and substantively answered every CBP request for "
    "information, and shows by clear and convincing evidence that the goods were not made wholly or in part "
    "with forced labour."
)


def sign_off(decided: int, unresolved: int, assessed: int) -> str:
    """The signer's statement, limited to what the record shows was done."""
    done = []
    if decided:
        done.append(f"decided {decided} screening hit{'s' if decided != 1 else ''}")
    if assessed:
        done.append("assessed the indicators shown")
    what = (" and ".join(done) + ";") if done else "no screening hit and no indicator has been reviewed;"
    remain = "s remain" if unresolved != 1 else " remains"
    gaps = f" {unresolved} hit{remain} unresolved." if unresolved else ""
    return (
        f"On the record in the store at the date of this memo, the reviewer {what} the memo states only "
        f"what that record supports.{gaps}"
    )


ANSWERED_IN = {
    17: "this memo as a whole",
    18: "section 3: screening results and indicators",
    19: "section 3: risk assessment, involvement and recommended actions",
    20: "section 3: monitoring plan",
    21: "this memo, which can be shared",
    22: "section 3: remediation actions",
}
SECTION_NEEDED = {20: "monitor", 22: "remediate"}  # principles answered only where the memo has the actions


def framework(action_steps: frozenset[str] | set[str] | None = None) -> tuple[tuple[str, str, str], ...]:
    """UNGP 17-22 as (label, what it asks, where the memo answers it), from the shipped reference data.

    With `action_steps`, a principle answered by a kind of action (monitoring, remediation) is listed
    only when the memo contains such an action, so the table never cites a section the memo lacks.
    """
    rows = _framework()
    if action_steps is None:
        return rows
    return tuple(r for r in rows if _answered(int(r[0].split()[1]), action_steps))


def _answered(principle: int, action_steps: frozenset[str] | set[str]) -> bool:
    needed = SECTION_NEEDED.get(principle)
    return needed is None or needed in action_steps


def _framework() -> tuple[tuple[str, str, str], ...]:
    try:
        data: Any = _load_reference()
    except (FileNotFoundError, ValueError, OSError):
        data = None
    items = data.get("principles") if isinstance(data, dict) else data
    found: list[tuple[str, str, str]] = []
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, dict):
            continue
        ref = str(item.get("principle") or item.get("id") or item.get("number") or "")
        digits = "".join(ch for ch in ref if ch.isdigit())
        title, summary = str(item.get("title") or ""), str(item.get("summary") or item.get("text") or "")
        if digits and int(digits) in ANSWERED_IN and (title or summary):
            text = f"{title}. {summary}" if title and summary else title or summary
            found.append((f"UNGP {int(digits)}", text, ANSWERED_IN[int(digits)]))
    if found:
        return tuple(found)
    return tuple((ref, text, ANSWERED_IN[int(ref.split()[1])]) for ref, text in FRAMEWORK)


def oecd_steps() -> tuple[str, ...]:
    """The six OECD due-diligence steps, from the shipped reference data when present."""
    try:
        data: Any = _load_reference()
        steps = data["oecd_due_diligence_guidance"]["steps"]
        out = tuple(f"{int(s['step'])}. {s['title']}." for s in steps)
    except (FileNotFoundError, ValueError, OSError, KeyError, TypeError):
        return OECD_STEPS
    return out or OECD_STEPS


def _load_reference() -> Any:
    import json

    node = resource("reference", "ungp_hrdd.json")
    return json.loads(node.read_text(encoding="utf-8"))
