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

METHOD = (
    "Each supplier was screened by name, including local-script names and known aliases, against the "
    "measures dataset and the official lists named above. Candidate matches at or above the threshold "
    "were reviewed by the reviewer named on this memo, who confirmed or dismissed each with a written "
    "rationale. The eleven ILO indicators of forced labour were assessed on the evidence available to "
    "the reviewer. The risk rating combines the reviewed screening results, the indicators and the "
    "origin of products and inputs."
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
    "The Uyghur Forced Labor Prevention Act (Pub. L. 117-78) presumes that goods mined, produced or "
    "manufactured wholly or in part in the Xinjiang Uyghur Autonomous Region, or by an entity on the "
    "UFLPA Entity List, are made with forced labour and barred from entry under 19 U.S.C. 1307, unless "
    "the importer rebuts the presumption with clear and convincing evidence and full compliance with "
    "CBP guidance."
)

SIGN_OFF = (
    "I have reviewed the screening results, the indicator findings and the sources listed in this "
    "memo. The conclusions above state what this evidence supports as of the date of this memo."
)


ANSWERED_IN = {
    17: "this memo as a whole",
    18: "section 3: screening results and indicators",
    19: "section 3: risk assessment and recommended actions",
    20: "section 3: monitoring plan",
    21: "this memo, which can be shared",
    22: "section 3: remediation actions",
}


def framework() -> tuple[tuple[str, str, str], ...]:
    """UNGP 17-22 as (label, what it asks, where the memo answers it), from the shipped reference data."""
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
