"""What an attacker with write access to the database does to the audit log."""

from __future__ import annotations

from sqlalchemy import select, text, update

from workbench.cases.audit import GENESIS_HASH, HEAD_SETTING, entry_hash
from workbench.data.models import AuditEntry
from workbench.data.store import Store


def rewrite_log(store: Store, position: int, keep: int | None = None) -> None:
    """Change entry `position` (1-based; 0 changes none), drop every entry after the first `keep`,
    recompute every hash and move `audit_head`, so the chain alone looks intact."""
    with store.engine.begin() as conn:
        table = AuditEntry.__table__
        rows = conn.execute(select(table).order_by(table.c.id)).mappings().all()
        if keep is not None:
            conn.execute(text("DELETE FROM audit_log WHERE id > :id"), {"id": rows[keep - 1]["id"]})
            rows = rows[:keep]
        prev = GENESIS_HASH
        for i, row in enumerate(rows, start=1):
            after = row["after"]
            if i == position:
                after = {**(after or {}), "region": "Guangdong"}
            digest = entry_hash(
                at=row["at"],
                actor=row["actor"],
                action=row["action"],
                object_type=row["object_type"],
                object_id=row["object_id"],
                before=row["before"],
                after=after,
                note=row["note"],
                prev_hash=prev,
            )
            conn.execute(
                update(table).where(table.c.id == row["id"]).values(after=after, prev_hash=prev, hash=digest)
            )
            prev = digest
        conn.execute(
            text("UPDATE setting SET value = :v WHERE key = :k"),
            {"v": f"{rows[-1]['id']}:{prev}", "k": HEAD_SETTING},
        )
