"""Export a signed memo for suppliers in the store: screen if needed, build, render, sign, record."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

import workbench.cases  # noqa: F401  (installs the audit hooks before the export writes to the store)
from workbench.cases.errors import NotFound
from workbench.data.models import Memo, Supplier
from workbench.memo.assemble import build_memo_data
from workbench.memo.identity import SigningIdentity
from workbench.memo.render import render_memo
from workbench.memo.sign import write_signed_memo
from workbench.progress import TaskState, ensure_state


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    memo_id: str
    path: Path
    pages: int
    sha256: str
    signer: str
    suppliers: int
    screened: int
    summary: dict[str, object] = field(default_factory=dict)  # what the memo states (MemoData.summary_json)


def find_supplier_ids(session: Session, names: Sequence[str]) -> list[int]:
    """Active suppliers by exact legal or local name (case-insensitive) or by `#id`."""
    ids: list[int] = []
    for raw in names:
        name = raw.strip()
        if name.startswith("#") and name[1:].isdigit():
            stmt = select(Supplier.id).where(Supplier.id == int(name[1:]))
        else:
            folded = name.casefold()
            stmt = select(Supplier.id).where(
                or_(
                    func.lower(Supplier.legal_name) == folded,
                    func.lower(Supplier.local_name) == folded,
                    Supplier.legal_name == name,
                    Supplier.local_name == name,
                )
            )
        found = list(session.scalars(stmt.where(Supplier.deleted_at.is_(None)).order_by(Supplier.id)))
        if not found:
            raise NotFound(f"No active supplier named '{name}'. Check the spelling, or use '#ID'.")
        if len(found) > 1:
            listed = ", ".join(f"#{i}" for i in found)
            raise NotFound(f"Several suppliers are named '{name}' ({listed}); choose one with '#ID'.")
        ids.append(found[0])
    return list(dict.fromkeys(ids))


def screen_if_needed(session: Session, supplier_ids: Sequence[int], state: TaskState | None = None) -> int:
    """Screen the suppliers that were never screened; return how many were screened."""
    todo = list(
        session.scalars(
            select(Supplier.id).where(
                Supplier.id.in_(list(supplier_ids)), Supplier.last_screened_at.is_(None)
            )
        )
    )
    if not todo:
        return 0
    from workbench.cases.screening import screen_suppliers
    from workbench.screening.store import build_screener

    screen_suppliers(session, build_screener(session), todo, state=state)
    return len(todo)


def export_memo(
    session: Session,
    supplier_ids: Sequence[int],
    out_path: Path,
    identity: SigningIdentity,
    reviewer: str,
    organisation: str = "",
    *,
    client: str = "",
    state: TaskState | None = None,
) -> ExportResult:
    """Write the signed memo to `out_path` and record it in the store (caller owns the transaction)."""
    state = ensure_state(state)
    screened = screen_if_needed(session, supplier_ids, state)
    memo = build_memo_data(session, supplier_ids, reviewer, organisation, client=client, state=state)
    rendered = render_memo(memo, state)
    path = write_signed_memo(rendered, identity, Path(out_path))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    session.add(
        Memo(
            id=memo.memo_id,
            title=memo.display_title[:500],
            supplier_ids=[str(i) for i in supplier_ids],
            path=str(path.resolve()),
            sha256=digest,
            signer=identity.common_name,
            dataset_version=memo.dataset_version,
            list_snapshots=list(memo.list_snapshots),
        )
    )
    session.flush()
    return ExportResult(
        memo.memo_id,
        path,
        rendered.pages,
        digest,
        identity.common_name,
        len(supplier_ids),
        screened,
        memo.summary_json(),
    )
