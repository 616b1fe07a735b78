"""Official screening lists the user imports (CSL, OFAC, FtM, UFLPA page, custom), as snapshots."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.data.models.base import Base, utcnow


class Watchlist(Base):
    """A named list (e.g. "csl", "ofac-sdn"); each import of it is a snapshot."""

    __tablename__ = "watchlist"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    type: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    snapshots: Mapped[list[ListSnapshot]] = relationship(
        back_populates="watchlist", cascade="all, delete-orphan", order_by="ListSnapshot.imported_at"
    )


class ListSnapshot(Base):
    """One imported file of a list: its hash, when, how many rows. Old snapshots are kept."""

    __tablename__ = "list_snapshot"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id", ondelete="CASCADE"), index=True)
    source_file: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    rows: Mapped[int] = mapped_column(default=0)
    added: Mapped[int] = mapped_column(default=0)
    removed: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)

    watchlist: Mapped[Watchlist] = relationship(back_populates="snapshots")


class ListEntry(Base):
    """One listed party in a snapshot, normalised across list formats."""

    __tablename__ = "list_entry"
    __table_args__ = (Index("ix_list_entry_snapshot_key", "snapshot_id", "entry_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[str] = mapped_column(ForeignKey("list_snapshot.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(default=list)
    type: Mapped[str] = mapped_column(String(20), default="company")
    country: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    program: Mapped[str] = mapped_column(Text, default="")
    listed: Mapped[date | None]
    source_url: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
