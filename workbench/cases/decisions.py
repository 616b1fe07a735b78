"""Reviewer decisions on screening hits: confirm, dismiss or escalate, revise, and undo, all kept.

Every step is a new, audited `MatchDecision` row (never edited): a first decision, a revision (a
new decision on a decided hit, with its own rationale) or an undo (which takes back the latest
standing decision and returns the hit to the status it had before). The newest row sets
`Match.status`. Each step raises the hit's `version`; a caller that passes the version the
reviewer saw gets `HitChanged` (who changed it, when, how) instead of deciding on a hit that has
moved on. Deciding also clears the match's "changed" flag: the reviewer has now seen what changed.
The caller owns the transaction (see `workbench.cases`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workbench.cases.audit import REVIEWER_SETTING, acting_as
from workbench.cases.errors import NotFound, ValidationError
from workbench.cases.reviewer import current_reviewer, settings_name
from workbench.data.models import Match, MatchDecision, ScreeningRun, Setting

DECISIONS = ("confirmed", "dismissed", "escalated")
OPEN = "open"
VERBS = {"confirm": "confirmed", "dismiss": "dismissed", "escalate": "escalated"}
STATUS_WORDS = {OPEN: "pending", **{s: s for s in DECISIONS}}
ACTIONS = {"decide": "decision", "revise": "revision", "undo": "undo"}
MIN_RATIONALE_CHARS = 20
MIN_RATIONALE_WORDS = 3
MIN_RATIONALE_IDEOGRAPHS = 10  # for writing without spaces between words (Chinese, Japanese)

_WORD = re.compile(r"[^\W\d_]{2,}")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class HitChanged(Exception):
    """The hit changed after the reviewer was shown it; nothing was recorded."""

    def __init__(self, match_id: int, shown: int, version: int, by: str, at: datetime | None, what: str):
        self.match_id, self.shown, self.version = match_id, shown, version
        self.by, self.at, self.what = by, at, what
        when = f" on {at.strftime('%Y-%m-%d at %H:%M')} UTC" if at else ""
        super().__init__(
            f"Hit {match_id} was changed by {by}{when} after you opened it ({what}). Nothing was "
            "recorded: reload the hit, read the change, then decide again."
        )


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


def rationale_problem(rationale: str) -> str | None:
    """What is missing from a rationale, or None when it says enough to stand in a memo."""
    text = " ".join((rationale or "").split())
    example = (
        "say what you compared, e.g. 'same registration number and address as the listed entity' or "
        "'different company: other province, other business'."
    )
    if not text:
        return f"a rationale is required: {example}"
    words = {w.casefold() for w in _WORD.findall(text)}
    long_enough = len(text) >= MIN_RATIONALE_CHARS and len(words) >= MIN_RATIONALE_WORDS
    if long_enough or len(_IDEOGRAPH.findall(text)) >= MIN_RATIONALE_IDEOGRAPHS:
        return None
    return (
        f"'{text}' is too short to justify a decision (at least {MIN_RATIONALE_CHARS} characters and "
        f"{MIN_RATIONALE_WORDS} words): {example}"
    )


def _reviewer(session: Session, reviewer: str | None) -> str:
    return " ".join((reviewer or current_reviewer(session)).split())


def _claim(session: Session, match_id: int, expected_version: int | None) -> Match:
    """Raise the hit's version for the step about to be recorded, or refuse if it moved on.

    One conditional UPDATE, first in the transaction: it waits for a concurrent writer (PostgreSQL's
    row lock, SQLite's write lock), then sees the committed version, so two reviewers deciding at the
    same moment on the version they were both shown cannot both succeed.
    """
    table = Match.__table__
    stmt = update(table).where(table.c.id == match_id).values(version=table.c.version + 1)
    if expected_version is not None:
        stmt = stmt.where(table.c.version == expected_version)
    claimed = session.connection().execute(stmt).rowcount
    match = session.scalars(
        select(Match).where(Match.id == match_id).execution_options(populate_existing=True)
    ).first()
    if match is None:
        raise NotFound(f"Hit {match_id} does not exist; list the hits with `workbench hits`.")
    if not claimed:
        by, at, what = last_change(session, match)
        raise HitChanged(match.id, expected_version or 0, match.version, by, at, what)
    return match


def last_change(session: Session, match: Match) -> tuple[str, datetime | None, str]:
    """Who made the hit's current version, when, and what they did."""
    latest = match.decisions[-1] if match.decisions else None
    if latest is not None and latest.version == match.version:
        label = STATUS_WORDS.get(latest.status, latest.status)
        what = f"{ACTIONS.get(latest.action, latest.action)}: {label}"
        if latest.action == "undo":
            what = f"undid a decision; the hit is {label} again"
        return latest.reviewer, latest.decided_at, what
    run = session.get(ScreeningRun, match.last_run_id) if match.last_run_id else None
    what = f"re-screened: {match.change_note}" if match.change_note else "re-screened"
    if run is None:
        return "another user", None, what
    return run.reviewer or "a screening run", run.finished_at or run.started_at, what


def _append(
    session: Session,
    match: Match,
    who: str,
    *,
    status: str,
    changed: bool,
    rationale: str,
    action: str,
    undoes: int | None,
) -> MatchDecision:
    """Record one step and set the hit to `status`/`changed`, all audited under `who`."""
    now = datetime.now(UTC)
    with acting_as(session, who):
        decision = MatchDecision(
            status=status,
            rationale=rationale,
            reviewer=who,
            decided_at=now,
            action=action,
            previous_status=match.status,
            previous_changed=match.changed,
            version=match.version,
            undoes_id=undoes,
        )
        match.decisions.append(decision)
        match.supplier.last_reviewed_at = now
        match.status, match.changed = status, changed
        session.flush()
    return decision


def decide(
    session: Session,
    match_id: int,
    status: str,
    rationale: str,
    reviewer: str | None = None,
    *,
    expected_version: int | None = None,
) -> MatchDecision:
    """Record a decision (or, on a decided hit, a revision); `status` is confirmed, dismissed or escalated.

    With `expected_version` (the hit's version the reviewer was shown) a hit changed since then
    raises `HitChanged` and nothing is recorded.
    """
    status = VERBS.get(status, status)
    errors: dict[str, str] = {}
    if status not in DECISIONS:
        errors["status"] = f"'{status}' is not a decision; use one of {', '.join(DECISIONS)}."
    rationale = " ".join((rationale or "").split())
    problem = rationale_problem(rationale)
    if problem:
        errors["rationale"] = problem
    who = _reviewer(session, reviewer)
    if not who:
        errors["reviewer"] = "set your reviewer name in Settings before deciding on hits."
    if errors:
        raise ValidationError(errors, "The decision was not recorded")
    match = _claim(session, match_id, expected_version)
    standing = match.current_decision
    if standing is not None and (standing.status, standing.rationale) == (status, rationale):
        raise ValidationError(
            {"rationale": "this is the decision already recorded; a revision needs a new rationale."},
            "The decision was not recorded",
        )
    decision = _append(
        session,
        match,
        who,
        status=status,
        changed=False,
        rationale=rationale,
        action="decide" if standing is None else "revise",
        undoes=None,
    )
    return decision


def undo_last(
    session: Session,
    match_id: int,
    reviewer: str | None = None,
    *,
    expected_version: int | None = None,
    reason: str = "",
) -> MatchDecision:
    """Take back the hit's standing decision: record an undo and restore the status before it."""
    who = _reviewer(session, reviewer)
    if not who:
        raise ValidationError({"reviewer": "set your reviewer name in Settings before undoing a decision."})
    match = _claim(session, match_id, expected_version)
    standing = match.current_decision
    if standing is None:
        raise ValidationError({"undo": f"hit {match_id} has no decision to undo."}, "Nothing was undone")
    label = ACTIONS.get(standing.action, standing.action)
    rationale = (
        f"Undid the {label} '{STATUS_WORDS.get(standing.status, standing.status)}' by {standing.reviewer} "
        f"of {standing.decided_at.strftime('%Y-%m-%d %H:%M')} UTC"
    )
    reason = " ".join((reason or "").split())
    rationale += f": {reason}" if reason else "."
    decision = _append(
        session,
        match,
        who,
        status=standing.previous_status,
        changed=standing.previous_changed,
        rationale=rationale,
        action="undo",
        undoes=standing.id,
    )
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
    """The hit's whole decision history (decisions, revisions, undos), oldest first."""
    stmt = select(MatchDecision).where(MatchDecision.match_id == match_id).order_by(MatchDecision.id)
    return list(session.scalars(stmt))
