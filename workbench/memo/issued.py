"""What a memo was issued on (its id and the audit log's head), and whether the store still holds it.

The signed revision of every memo carries these in its document information dictionary, so a
memo handed to a client is an anchor outside the database: if the first N entries of the log
no longer end in the hash the memo names, the history it was issued on was rewritten.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

INFO_MEMO_ID = "/WorkbenchMemoId"
INFO_CHAIN_LENGTH = "/WorkbenchAuditLength"
INFO_CHAIN_HEAD = "/WorkbenchAuditHead"


@dataclass(frozen=True)
class IssueRecord:
    """What a memo is issued on: its id, the audit log's head, and who prepared it."""

    memo_id: str
    chain_length: int
    chain_head: str
    reviewer: str = ""


@dataclass
class MemoCheck:
    """The result of checking a memo against the audit log."""

    path: str
    memo_id: str = ""
    chain_length: int | None = None
    chain_head: str = ""
    signature_ok: bool = False
    history_present: bool = False
    recorded: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signature_ok and self.history_present and self.recorded

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def check_memo(session: Session, path: Path, verification: Any, hash_at: dict[int, str]) -> MemoCheck:
    """Compare what the memo at `path` was issued on with the walked log (`hash_at` by position)."""
    from workbench.data.models import Memo

    check = MemoCheck(
        path=str(path),
        memo_id=verification.memo_id,
        chain_length=verification.audit_chain_length,
        chain_head=verification.audit_chain_head,
        signature_ok=verification.signature_ok,
    )
    if not check.signature_ok:
        problems = "; ".join(verification.problems) or "unsigned"
        check.problems.append(f"the memo's signature fails ({problems}), its content cannot be relied on")
        return check
    if check.chain_length is None or not check.chain_head:
        check.problems.append("the memo names no audit log head (it was made by an older version)")
        return check
    if check.chain_length == 0 or hash_at.get(check.chain_length) == check.chain_head:
        check.history_present = True
    else:
        check.problems.append(
            f"the memo was issued when the audit log had {check.chain_length} entries ending in "
            f"{check.chain_head[:16]}…; the log no longer holds that history (rewritten or truncated)"
        )
    record = session.get(Memo, check.memo_id) if check.memo_id else None
    if record is not None and record.status == "issued" and record.chain_head == check.chain_head:
        check.recorded = True
    else:
        memo_id = check.memo_id or "(no id)"
        check.problems.append(f"the store has no record of memo {memo_id} issued at this audit log head")
    return check
