"""A cache of each supplier's risk rating, so portfolio figures are one set-based query.

Rows are derived data: `workbench.cases.rating_cache` deletes a supplier's row whenever something
its rating depends on changes, and fills missing rows before the dashboard reads them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.data.models.base import Base, utcnow


class SupplierRating(Base):
    """The last computed rating of one supplier."""

    __tablename__ = "supplier_rating"

    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id", ondelete="CASCADE"), primary_key=True)
    level: Mapped[str] = mapped_column(String(16), index=True)  # low / medium / high / severe
    rank: Mapped[int] = mapped_column(index=True)  # position of `level` in LEVELS (higher is worse)
    presumption: Mapped[bool] = mapped_column(default=False)
    nexus: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text, default="")  # the most serious reason, for the top list
    rated_at: Mapped[datetime] = mapped_column(default=utcnow)
