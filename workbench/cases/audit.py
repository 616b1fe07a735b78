"""The append-only, hash-chained audit log of changes to the user's due-diligence data.

How entries get written: `install()` (done on import of `workbench.cases`) hooks SQLAlchemy so
that every INSERT, UPDATE and DELETE of a supplier, product, product input, match decision,
indicator finding, store setting, watchlist, list snapshot (a list import), memo, or, for
supply-chain tracing, traced product, trace node or evidence document flushed through the ORM
queues an entry, as does every change of a match's status (a match's other columns are
screening output, re-created by every screen), and the queued entries are written
in the same transaction, right after the flush that changed the rows. ORM bulk statements
(`session.execute(update(Supplier)...)`) on those tables are refused, because they would bypass
the log; so are edits and deletes of `AuditEntry` rows through the ORM.

Who: `session.info["actor"]` (set with `acting_as`), else the reviewer name setting, else
"unknown". Each entry's `hash` is the SHA-256 of its canonical JSON (without the id) including
`prev_hash`, the hash of the entry before it. Appends are serialised: on PostgreSQL by a
transaction-scoped advisory lock, on SQLite by its single-writer lock; a unique index on
`prev_hash` makes a forked chain impossible to store. The newest id and hash are also kept in
the `audit_head` setting so that removing the last entries is detected too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Connection, event, func, insert, inspect, select, text, update
from sqlalchemy.orm import Mapper, Session, object_session
from sqlalchemy.orm.base import NO_VALUE

from workbench.data.models import (
    AuditEntry,
    EvidenceDocument,
    IndicatorFinding,
    ListSnapshot,
    Match,
    MatchDecision,
    Memo,
    Product,
    ProductInput,
    Setting,
    Supplier,
    TracedProduct,
    TraceNode,
    Watchlist,
)

GENESIS_HASH = "0" * 64
HEAD_SETTING = "audit_head"
REVIEWER_SETTING = "reviewer_name"
PG_LOCK_KEY = 7_281_530_114  # arbitrary constant naming "the audit chain" for pg_advisory_xact_lock

AUDITED: dict[type, str] = {
    Supplier: "supplier",
    Product: "product",
    ProductInput: "product_input",
    MatchDecision: "match_decision",
    IndicatorFinding: "indicator_finding",
    Match: "match",
    Setting: "setting",
    Watchlist: "watchlist",
    ListSnapshot: "list_snapshot",
    Memo: "memo",
    TracedProduct: "traced_product",
    TraceNode: "trace_node",
    EvidenceDocument: "evidence_document",
}
# Bookkeeping columns: changing only these is not a change a reviewer needs to see.
IGNORED_COLUMNS = frozenset({"updated_at", "last_screened_at", "last_reviewed_at", "version"})
# Classes whose rows are screening output: only these columns are logged (their creation is not).
TRACKED_ONLY: dict[type, tuple[str, ...]] = {Match: ("status",)}
# What identifies such a row in an entry.
IDENTIFYING: dict[type, tuple[str, ...]] = {Match: ("supplier_id", "entity_key", "entity_name", "score")}

_PENDING = "_audit_pending"


class AuditError(Exception):
    """A write would bypass or alter the audit log."""


@dataclass(frozen=True)
class PendingEntry:
    """An entry waiting to be written at the end of the current flush."""

    action: str
    object_type: str
    object_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str = ""


# ---------------------------------------------------------------- canonical form and hashing


def _utc_naive(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


_PLAIN = (str, int, float, bool, type(None))


def jsonable(value: Any) -> Any:
    """Turn a column value into plain JSON (dates as ISO strings, datetimes in UTC)."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, datetime):
        return _utc_naive(value).isoformat(timespec="microseconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def canonical_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(
    *,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    before: Any,
    after: Any,
    note: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical JSON of an entry's content and the previous entry's hash."""
    body = {
        "at": jsonable(at),
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "before": before,
        "after": after,
        "note": note,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def hash_of(entry: Any) -> str:
    """Recompute the hash of a stored entry (an AuditEntry or a row of audit_log) from its columns."""
    return entry_hash(
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        before=entry.before,
        after=entry.after,
        note=entry.note,
        prev_hash=entry.prev_hash,
    )


# ---------------------------------------------------------------- who is acting


@contextmanager
def acting_as(session: Session, actor: str | None, note: str = "") -> Iterator[Session]:
    """Attribute the writes flushed inside the block to `actor` (and `note`), then restore."""
    old = session.info.get("actor"), session.info.get("audit_note")
    if actor:
        session.info["actor"] = actor
    session.info["audit_note"] = note
    try:
        yield session
    finally:
        session.info["actor"], session.info["audit_note"] = old
        if old[0] is None:
            session.info.pop("actor", None)
        if old[1] is None:
            session.info.pop("audit_note", None)


def _actor(session: Session, conn: Connection) -> str:
    actor = session.info.get("actor")
    if actor:
        return str(actor)
    from workbench.cases.reviewer import current_reviewer  # it reads REVIEWER_SETTING from here

    return current_reviewer(conn) or "unknown"


# ---------------------------------------------------------------- capturing changes


@cache
def _column_keys(mapper: Mapper[Any]) -> tuple[str, ...]:
    return tuple(attr.key for attr in mapper.column_attrs)


def _logged_keys(mapper: Mapper[Any]) -> tuple[str, ...]:
    cls = mapper.class_
    if cls in TRACKED_ONLY:
        return ("id", *IDENTIFYING.get(cls, ()), *TRACKED_ONLY[cls])
    return _column_keys(mapper)


def _snapshot(target: Any, mapper: Mapper[Any]) -> dict[str, Any]:
    values = inspect(target).dict
    return {key: jsonable(values[key]) for key in _logged_keys(mapper) if key in values}


def _diff(target: Any, mapper: Mapper[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Changed columns (old and new values), from the committed values still held after the UPDATE."""
    state = inspect(target)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    columns = set(TRACKED_ONLY.get(mapper.class_, _column_keys(mapper)))
    for key, old in state.committed_state.items():
        if key not in columns or key in IGNORED_COLUMNS:
            continue
        old = None if old is NO_VALUE else jsonable(old)
        new = jsonable(state.dict.get(key))
        if old != new:
            before[key], after[key] = old, new
    return before, after


def _queue(target: Any, entry: PendingEntry) -> None:
    session = object_session(target)
    if session is not None:
        session.info.setdefault(_PENDING, []).append(entry)


def _after_insert(mapper: Mapper[Any], _conn: Connection, target: Any) -> None:
    if mapper.class_ in TRACKED_ONLY:
        return
    _queue(
        target,
        PendingEntry(
            "create",
            AUDITED[mapper.class_],
            _object_id(target),
            None,
            _snapshot(target, mapper),
            _note(target),
        ),
    )


def _after_update(mapper: Mapper[Any], _conn: Connection, target: Any) -> None:
    before, after = _diff(target, mapper)
    if not after:
        return
    action = "update"
    if set(after) == {"deleted_at"}:
        action = "soft_delete" if after["deleted_at"] else "restore"
    if mapper.class_ in IDENTIFYING:
        values = inspect(target).dict
        before = {**{k: jsonable(values.get(k)) for k in IDENTIFYING[mapper.class_]}, **before}
    _queue(
        target, PendingEntry(action, AUDITED[mapper.class_], _object_id(target), before, after, _note(target))
    )


def _after_delete(mapper: Mapper[Any], _conn: Connection, target: Any) -> None:
    before = _snapshot(target, mapper)
    _queue(
        target,
        PendingEntry("delete", AUDITED[mapper.class_], _object_id(target), before, None, _note(target)),
    )


def _object_id(target: Any) -> str:
    return ",".join(str(v) for v in inspect(target).identity or (getattr(target, "id", ""),))


def _note(target: Any) -> str:
    session = object_session(target)
    return str(session.info.get("audit_note") or "") if session is not None else ""


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    session.info[_PENDING] = []
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditError("The audit log is append-only: its entries cannot be changed or deleted.")
    for obj in session.new:
        if isinstance(obj, AuditEntry):
            raise AuditError("Audit entries are written by workbench.cases.audit, not added directly.")


def _after_flush(session: Session, _ctx: Any) -> None:
    pending: list[PendingEntry] = session.info.pop(_PENDING, [])
    if pending:
        write_entries(session, pending)


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _guard_bulk(state: Any) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    mapper = state.bind_arguments.get("mapper")
    if mapper is not None and mapper.class_ in AUDITED:
        raise AuditError(
            f"Bulk {'UPDATE' if state.is_update else 'DELETE' if state.is_delete else 'INSERT'} on "
            f"{mapper.class_.__tablename__} would bypass the audit log; change objects through the session."
        )
    if mapper is not None and mapper.class_ is AuditEntry and (state.is_update or state.is_delete):
        raise AuditError("The audit log is append-only: its entries cannot be changed or deleted.")


_MAPPER_EVENTS = (
    ("after_insert", _after_insert),
    ("after_update", _after_update),
    ("after_delete", _after_delete),
)
_SESSION_EVENTS = (
    ("before_flush", _before_flush),
    ("after_flush", _after_flush),
    ("after_rollback", _after_rollback),
    ("do_orm_execute", _guard_bulk),
)


def install(session_class: type[Session] = Session) -> None:
    """Hook the audit log into every session of `session_class` (idempotent)."""
    for cls in AUDITED:
        for name, fn in _MAPPER_EVENTS:
            if not event.contains(cls, name, fn):
                event.listen(cls, name, fn)
    for name, fn in _SESSION_EVENTS:
        if not event.contains(session_class, name, fn):
            event.listen(session_class, name, fn)


def uninstall(session_class: type[Session] = Session) -> None:
    """Remove the hooks (tests use this to show what tampering looks like)."""
    for cls in AUDITED:
        for name, fn in _MAPPER_EVENTS:
            if event.contains(cls, name, fn):
                event.remove(cls, name, fn)
    for name, fn in _SESSION_EVENTS:
        if event.contains(session_class, name, fn):
            event.remove(session_class, name, fn)


# ---------------------------------------------------------------- writing entries


def _lock_chain(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


def write_entries(session: Session, entries: list[PendingEntry], actor: str | None = None) -> list[int]:
    """Append `entries` to the chain on the session's connection (same transaction); return their ids."""
    conn = session.connection()
    _lock_chain(conn)
    who = actor or _actor(session, conn)
    last = conn.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    last_id, prev = (last[0], last[1]) if last else (0, GENESIS_HASH)
    now = datetime.now(UTC)
    rows = []
    for i, e in enumerate(entries, start=1):
        digest = entry_hash(
            at=now,
            actor=who,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            before=e.before,
            after=e.after,
            note=e.note,
            prev_hash=prev,
        )
        rows.append(
            {
                "id": last_id + i,
                "at": now,
                "actor": who,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "before": e.before,
                "after": e.after,
                "prev_hash": prev,
                "hash": digest,
                "note": e.note,
            }
        )
        prev = digest
    conn.execute(insert(AuditEntry.__table__), rows)
    _set_head(conn, rows[-1]["id"], prev)
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), :v)"), {"v": rows[-1]["id"]}
        )
    return [r["id"] for r in rows]


def _set_head(conn: Connection, last_id: int, last_hash: str) -> None:
    value = f"{last_id}:{last_hash}"
    table = Setting.__table__
    done = conn.execute(update(table).where(table.c.key == HEAD_SETTING).values(value=value)).rowcount
    if not done:
        conn.execute(insert(table).values(key=HEAD_SETTING, value=value))


def append_entry(
    session: Session,
    *,
    action: str,
    object_type: str,
    object_id: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    actor: str | None = None,
) -> int:
    """Append one entry for an event that is not a row change (e.g. a list import); return its id."""
    session.flush()
    entry = PendingEntry(action, object_type, object_id, jsonable(before), jsonable(after), note)
    return write_entries(session, [entry], actor)[0]


# ---------------------------------------------------------------- reading and verifying


@dataclass(frozen=True)
class ChainHead:
    """How long the log is and the hash of its newest entry (GENESIS_HASH when empty)."""

    length: int
    hash: str


def chain_head(session: Session) -> ChainHead:
    """The head of the chain as this transaction sees it (pending changes flushed first)."""
    session.flush()
    length = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    return ChainHead(int(length), last or GENESIS_HASH)


@dataclass
class ChainReport:
    """The result of walking the chain: intact or where it breaks, and the hashes asked for."""

    ok: bool
    first_bad_entry: int | None
    reason: str
    head: ChainHead
    hash_at: dict[int, str] = field(default_factory=dict)  # 1-based position -> hash, up to the break


def walk_chain(session: Session, positions: Collection[int] = ()) -> ChainReport:
    """Walk the log in id order, checking every link; remember the hashes at `positions`."""
    prev_hash, prev_id, count = GENESIS_HASH, None, 0
    wanted = set(positions)
    seen: dict[int, str] = {}
    table = AuditEntry.__table__
    stmt = select(table).order_by(table.c.id).execution_options(yield_per=5000)
    for entry in session.execute(stmt):
        if entry.prev_hash != prev_hash:
            where = f"entry {prev_id}" if prev_id is not None else "the start of the log"
            reason = (
                f"Entry {entry.id} does not follow {where}: an entry before it was removed, inserted "
                "or altered."
            )
            return ChainReport(False, entry.id, reason, ChainHead(count, prev_hash), seen)
        if hash_of(entry) != entry.hash:
            reason = (
                f"Entry {entry.id} ({entry.action} {entry.object_type} {entry.object_id}) was altered "
                "after it was written: its content no longer matches its hash."
            )
            return ChainReport(False, entry.id, reason, ChainHead(count, prev_hash), seen)
        count += 1
        if count in wanted:
            seen[count] = entry.hash
        prev_hash, prev_id = entry.hash, entry.id
    head = ChainHead(count, prev_hash)
    setting = session.get(Setting, HEAD_SETTING)
    if setting is not None and setting.value != f"{prev_id}:{prev_hash}":
        head_id = setting.value.split(":", 1)[0]
        reason = (
            f"The log ends at entry {prev_id} but entry {head_id} was written last: "
            "entries were removed from the end of the log."
        )
        return ChainReport(False, int(head_id) if head_id.isdigit() else None, reason, head, seen)
    if setting is None and count:
        reason = "The record of the newest entry is missing: the log may have been rewritten."
        return ChainReport(False, None, reason, head, seen)
    return ChainReport(True, None, f"{count} entries, chain intact.", head, seen)


def verify_chain(session: Session) -> tuple[bool, int | None, str]:
    """Walk the log in id order; return (ok, id of the first bad entry, reason)."""
    report = walk_chain(session)
    return report.ok, report.first_bad_entry, report.reason


def history(session: Session, object_type: str, object_id: str | int) -> list[AuditEntry]:
    """Every entry about one object, oldest first (for the UI's history pane and the memo)."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id))
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(stmt))
