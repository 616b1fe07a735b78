"""Export a signed memo for suppliers in the store: screen if needed, build, render, sign, record.

The memo is recorded before its file exists and marked issued once the file is in place, so a
store row never stands for a file that was never written and no file exists without its row.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

import workbench.cases  # noqa: F401  (installs the audit hooks before the export writes to the store)
from workbench.cases.audit import chain_head
from workbench.cases.checkpoints import create_checkpoint, remember
from workbench.cases.errors import NotFound
from workbench.data.models import Memo, Supplier
from workbench.memo.assemble import build_memo_data
from workbench.memo.identity import SigningError, SigningIdentity
from workbench.memo.issued import IssueRecord
from workbench.memo.render import render_memo
from workbench.memo.sign import check_folder, sign_memo
from workbench.progress import TaskState, ensure_state

PENDING, ISSUED, ABANDONED = "pending", "issued", "abandoned"
RECONCILE_GRACE = timedelta(minutes=2)


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
    chain_length: int = 0
    chain_head: str = ""
    timestamped: bool = False
    timestamp_note: str = ""
    self_signed: bool = False
    fingerprint: str = ""
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


def part_path(final: Path, memo_id: str) -> Path:
    """The hidden file a memo is written to before it is moved into place."""
    return final.with_name(f".{final.name}.{memo_id}.part")


def export_memo(
    session: Session,
    supplier_ids: Sequence[int],
    out_path: Path,
    identity: SigningIdentity,
    reviewer: str,
    organisation: str = "",
    *,
    client: str = "",
    tsa_url: str = "",
    state: TaskState | None = None,
) -> ExportResult:
    """Write the signed memo to `out_path`, recorded first; this commits the session in steps.

    1. the memo is recorded as pending, with its hash and the audit log's head (commit);
    2. the signed PDF is written to a hidden `.part` file beside `out_path` and moved into place;
    3. the memo is marked issued and a signed checkpoint of the log is stored (commit).
    A failure in 2 marks the memo abandoned and removes the `.part` file; a process killed in
    between leaves a pending record that `reconcile_memos` settles by what is on disk.
    """
    state = ensure_state(state)
    out_path = Path(out_path)
    check_folder(out_path)
    reconcile_memos(session)
    screened = screen_if_needed(session, supplier_ids, state)
    memo = build_memo_data(session, supplier_ids, reviewer, organisation, client=client, state=state)
    rendered = render_memo(memo, state)
    state.set_progress(0, 0, "Signing the memo…")
    head = chain_head(session)
    issue = IssueRecord(memo.memo_id, head.length, head.hash, reviewer)
    with tempfile.TemporaryDirectory(prefix="workbench-memo-") as work:
        signed = sign_memo(rendered, identity, Path(work), issue, tsa_url)
    final = out_path.resolve()
    record = Memo(
        id=memo.memo_id,
        title=memo.display_title[:500],
        supplier_ids=[str(i) for i in supplier_ids],
        path=str(final),
        sha256=hashlib.sha256(signed.data).hexdigest(),
        signer=identity.common_name,
        dataset_version=memo.dataset_version,
        list_snapshots=list(memo.list_snapshots),
        status=PENDING,
        chain_length=head.length,
        chain_head=head.hash,
    )
    session.add(record)
    session.commit()
    try:
        write_file(part_path(final, record.id), signed.data)
        move_into_place(part_path(final, record.id), final)
    except BaseException as exc:
        part_path(final, record.id).unlink(missing_ok=True)
        _abandon(session, record)
        if isinstance(exc, OSError):
            raise SigningError(
                f"Cannot write the memo to {out_path}: {exc.strerror or exc}. "
                "Choose a folder you can write to."
            ) from exc
        raise
    record.status = ISSUED
    checkpoint = create_checkpoint(session, identity, note=f"memo {record.id} issued")
    session.commit()
    remember(session, checkpoint)
    return ExportResult(
        record.id,
        out_path,
        rendered.pages,
        record.sha256,
        identity.common_name,
        len(supplier_ids),
        screened,
        chain_length=head.length,
        chain_head=head.hash,
        timestamped=signed.timestamped,
        timestamp_note=signed.timestamp_note,
        self_signed=identity.self_signed,
        fingerprint=identity.fingerprint,
        summary=memo.summary_json(),
    )


def write_file(path: Path, data: bytes) -> None:
    """Write and flush `data` to disk at `path`."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def move_into_place(part: Path, final: Path) -> None:
    """Rename the finished `.part` file to its final name (atomic on one file system)."""
    os.replace(part, final)


def _abandon(session: Session, record: Memo) -> None:
    session.rollback()
    record.status = ABANDONED
    session.commit()


def reconcile_memos(session: Session, grace: timedelta = RECONCILE_GRACE) -> list[Memo]:
    """Settle memos left pending by a process that stopped mid-export; return those settled.

    A pending memo whose file is in place with the recorded hash is issued; any other is
    abandoned and its `.part` file removed. Memos pending for less than `grace` may belong to an
    export still running and are left alone.
    """
    cutoff = datetime.now(UTC) - grace
    settled = []
    for record in session.scalars(select(Memo).where(Memo.status == PENDING)):
        created = record.created_at if record.created_at.tzinfo else record.created_at.replace(tzinfo=UTC)
        if created > cutoff:
            continue
        final = Path(record.path)
        part_path(final, record.id).unlink(missing_ok=True)
        in_place = final.is_file() and hashlib.sha256(final.read_bytes()).hexdigest() == record.sha256
        record.status = ISSUED if in_place else ABANDONED
        settled.append(record)
    if settled:
        session.commit()
    return settled
