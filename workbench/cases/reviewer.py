"""Who is acting: the one place decisions, undos and audit entries take the reviewer's name from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.cases.audit import REVIEWER_SETTING
from workbench.data.models import Setting


def current_reviewer(session: Session) -> str:
    """The name of the reviewer using this session: the reviewer-name setting ("" when not set yet)."""
    value = session.scalar(select(Setting.value).where(Setting.key == REVIEWER_SETTING))
    return (value or "").strip()
