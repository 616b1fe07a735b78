"""Append-only, hash-chained audit log of changes to the user's data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.data.models.base import Base, utcnow


class AuditEntry(Base):
    """Who changed what, when, with before/after; `hash` chains to the previous entry."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(80))
    before: Mapped[dict[str, Any] | None] = mapped_column()
    after: Mapped[dict[str, Any] | None] = mapped_column()
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")


class AuditCheckpoint(Base):
    """A signed statement that the audit log had `chain_length` entries ending in `head_hash`.

    `signature` (base64) is made with the key of `certificate` (PEM) over the canonical JSON of
    `at`, `chain_length` and `head_hash`; see `workbench.cases.checkpoints`.
    """

    __tablename__ = "audit_checkpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    chain_length: Mapped[int]
    head_hash: Mapped[str] = mapped_column(String(64))
    signer: Mapped[str] = mapped_column(String(500), default="")
    certificate: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
