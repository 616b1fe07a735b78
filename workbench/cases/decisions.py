"""Reviewer decisions on screening hits: confirm, dismiss or escalate, each with a rationale.

A decision is a time-stamped `MatchDecision` row (never edited); the latest one sets
`Match.status`. Deciding also clears the match's "changed" flag: the reviewer has now seen
what changed. The caller owns the transaction (see `workbench.cases`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.cases.audit import REVIEWER_SETTING, acting_as
from workbench.cases.errors import NotFound, ValidationError
from workbench.cases.reviewer import current_reviewer, settings_name
from workbench.data.models import Match, MatchDecision, Setting

DECISIONS = ("confirmed", "dismissed", "escalated")
OPEN = "open"
VERBS = {"confirm": "confirmed", "dismiss": "dismissed", "escalate": "escalated"}


def get_reviewer_name(session: Session) -> str:
    """The reviewer name from the settings ("" when not set yet)."""
    return settings_name(session)


def set_reviewer_name(session: Session, name: str) -> None:
    """Store the reviewer name that decisions and audit entries are signed with."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(
            {"reviewer_name": "enter your name as it should appear on decisions and memos."}
        )
    if len(name) > 200:
        raise ValidationError({"reviewer_name": "at most 200 characters."})
    setting = session.get(Setting, REVIEWER_SETTING)
    if setting is None:
        session.add(Setting(key=REVIEWER_SETTING, value=name))
    else:
        setting.value = name
    session.flush()


def decide(
    session: Session, match_id: int, status: str, rationale: str, reviewer: str | None = None
) -> MatchDecision:
    """Record a decision on a match; `status` is confirmed, dismissed or escalated."""
    status = VERBS.get(status, status)
    errors: dict[str, str] = {}
    if status not in DECISIONS:
        errors["status"] = f"'{status}' is not a decision; use one of {', '.join(DECISIONS)}."
    rationale = (rationale or "").strip()
    if not rationale:
        errors["rationale"] = (
            "a rationale is required: say why (e.g. 'same registration number and address as the "
            "listed entity' or 'different company: other province, other business')."
        )
    who = " ".join((reviewer or current_reviewer(session)).split())
    if not who:
        errors["reviewer"] = "set your reviewer name in Settings before deciding on hits."
    if errors:
        raise ValidationError(errors, "The decision was not recorded")
    match = session.get(Match, match_id)
    if match is None:
        raise NotFound(f"Match {match_id} does not exist.")
    now = datetime.now(UTC)
    with acting_as(session, who):
        decision = MatchDecision(status=status, rationale=rationale, reviewer=who, decided_at=now)
        match.decisions.append(decision)
        match.status = status
        match.changed = False
        match.supplier.last_reviewed_at = now
        session.flush()
    return decision


def confirm(session: Session, match_id: int, rationale: str, reviewer: str | None = None) -> MatchDecision:
    """The supplier is the listed entity."""
    return decide(session, match_id, "confirmed", rationale, reviewer)


def dismiss(session: Session, match_id: int, rationale: str, reviewer: str | None = None) -> MatchDecision:
    """The supplier is not the listed entity (a false positive)."""
    return decide(session, match_id, "dismissed", rationale, reviewer)


def escalate(session: Session, match_id: int, rationale: str, reviewer: str | None = None) -> MatchDecision:
    """Undecided: needs a senior reviewer or more information."""
    return decide(session, match_id, "escalated", rationale, reviewer)


def decisions_for(session: Session, match_id: int) -> list[MatchDecision]:
    """Every decision on a match, oldest first."""
    stmt = (
        select(MatchDecision)
        .where(MatchDecision.match_id == match_id)
        .order_by(MatchDecision.decided_at, MatchDecision.id)
    )
    return list(session.scalars(stmt))
