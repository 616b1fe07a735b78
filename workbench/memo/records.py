"""The memos exported so far (newest first), as recorded by `export_memo`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.data.models import Memo


def list_memos(session: Session, limit: int = 500) -> list[Memo]:
    """Issued memos (not those pending or abandoned mid-export), newest first."""
    stmt = select(Memo).where(Memo.status == "issued").order_by(Memo.created_at.desc()).limit(limit)
    return list(session.scalars(stmt))
