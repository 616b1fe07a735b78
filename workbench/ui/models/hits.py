"""The list of screening hits to review, as plain records built from the core's `list_hits()`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from sqlalchemy.orm import Session

from workbench.cases.hits import NEEDS_REVIEW, list_hits
from workbench.data.models import Match
from workbench.ui import theme
from workbench.ui.models.record_table import RecordTableModel

STATUS_LABELS = {
    "open": "Unreviewed",
    "confirmed": "Confirmed",
    "dismissed": "Dismissed",
    "escalated": "Escalated",
}
ACTION_LABELS = {"decide": "Decision", "revise": "Revision", "undo": "Undo"}
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # the names a search looks in
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a column sorts by (numbers as numbers)


@dataclass(frozen=True)
class Decision:
    """One step of a hit's decision history: a decision, a revision or an undo."""

    status: str
    rationale: str
    reviewer: str
    decided_at: datetime
    action: str = "decide"
    undone: bool = False


@dataclass(frozen=True)
class HitRecord:
    """Everything the review pane shows about one hit (read once, on the UI thread)."""

    id: int
    supplier_id: int
    supplier_name: str
    supplier_local_name: str
    supplier_aliases: tuple[str, ...]
    supplier_country: str
    supplier_region: str
    supplier_address: str
    entity_key: str
    entity_name: str
    matched_name: str
    score: float
    status: str
    present: bool
    changed: bool
    change_note: str
    features: tuple[dict[str, Any], ...]
    sentences: tuple[str, ...]
    measures: tuple[dict[str, Any], ...]
    details: dict[str, Any] = field(default_factory=dict)
    decisions: tuple[Decision, ...] = field(default_factory=tuple)
    version: int = 1

    @property
    def unreviewed(self) -> bool:
        return self.status in ("open", "escalated") or self.changed

    @property
    def standing(self) -> Decision | None:
        """The decision that set the status now (None while undecided)."""
        standing = [d for d in self.decisions if d.action != "undo" and not d.undone]
        return standing[-1] if standing else None

    def names(self) -> str:
        """Every name of the supplier and of the listed entity, for searching."""
        return " ".join(
            [
                self.supplier_name,
                self.supplier_local_name,
                *self.supplier_aliases,
                self.entity_name,
                self.matched_name,
            ]
        )

    def shared_words(self) -> list[str]:
        """Words of four letters or more that the supplier's names and the listed names both contain."""
        mine = " ".join([self.supplier_name, self.supplier_local_name, *self.supplier_aliases])
        theirs = " ".join([self.entity_name, self.matched_name])
        words = {w.casefold() for w in re.findall(r"[^\W_]{4,}", theirs)}
        return sorted({w for w in re.findall(r"[^\W_]{4,}", mine) if w.casefold() in words})

    def agreeing_tokens(self) -> tuple[list[str], list[str]]:
        """Query and listed words the matcher found to agree (from the match's stored details)."""
        pairs = self.details.get("pairs", []) or []
        return [str(p.get("query", "")) for p in pairs], [str(p.get("listed", "")) for p in pairs]


def hit_record(match: Match) -> HitRecord:
    """A plain record of a match, its supplier's input data and its decision history."""
    s = match.supplier
    evidence = match.evidence or []
    undone = {d.undoes_id for d in match.decisions if d.action == "undo"}
    return HitRecord(
        id=match.id,
        supplier_id=s.id,
        supplier_name=s.legal_name,
        supplier_local_name=s.local_name,
        supplier_aliases=tuple(s.aliases or ()),
        supplier_country=s.country,
        supplier_region=s.region,
        supplier_address=s.address,
        entity_key=match.entity_key,
        entity_name=match.entity_name,
        matched_name=match.matched_name,
        score=float(match.score),
        status=match.status,
        present=match.present,
        changed=match.changed,
        change_note=match.change_note,
        features=tuple(e for e in evidence if e.get("kind") == "feature"),
        sentences=tuple(str(e.get("text", "")) for e in evidence if e.get("kind") == "sentence"),
        measures=tuple(match.measures or ()),
        details=next((e for e in evidence if e.get("kind") == "details"), {}),
        decisions=tuple(
            Decision(d.status, d.rationale, d.reviewer, d.decided_at, d.action, d.id in undone)
            for d in match.decisions
        ),
        version=match.version,
    )


def load_hit(session: Session, match_id: int) -> HitRecord:
    """One hit as a record (after a decision changed it)."""
    match = session.get(Match, match_id)
    if match is None:
        raise LookupError(f"Hit {match_id} no longer exists.")
    return hit_record(match)


def load_hits(
    session: Session, status: str = NEEDS_REVIEW, supplier_id: int | None = None
) -> list[HitRecord]:
    """The hits in `status` (a `workbench.cases.hits.STATUS_FILTERS` name), for one supplier or all."""
    return [hit_record(m) for m in list_hits(session, status=status, supplier_id=supplier_id)]


class HitsModel(RecordTableModel[HitRecord]):
    """Supplier, listed entity, score, status and decision of each hit; decided hits stay until refresh."""

    COLUMNS = ("Supplier", "Listed entity", "Score", "Status", "Decided")

    def replace(self, record: HitRecord) -> None:
        """Update one hit in place (after a decision) without resetting the list."""
        for row, old in enumerate(self.records):
            if old.id == record.id:
                self.records[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
                return

    def row_of(self, match_id: int) -> int | None:
        for row, r in enumerate(self.records):
            if r.id == match_id:
                return row
        return None

    def cell(self, r: HitRecord, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            status = STATUS_LABELS.get(r.status, r.status)
            if r.changed and r.status != "open":
                status += " · changed"
            if not r.present:
                status += " · gone"
            return (r.supplier_name, r.entity_name, f"{r.score:.0f}", status, _decided(r))[col]
        if role == SORT_ROLE:
            standing = r.standing
            decided = standing.decided_at.isoformat() if standing else ""
            return (r.supplier_name.casefold(), r.entity_name.casefold(), r.score, r.status, decided)[col]
        if role == SEARCH_ROLE:
            return r.names()
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and r.unreviewed and col == 3:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            scheme = theme.current()
            colors = {
                "confirmed": scheme.risk["high"],
                "dismissed": scheme.risk["low"],
                "escalated": scheme.risk["medium"],
            }
            return QColor(colors[r.status]) if r.status in colors else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(r, col)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


def _decided(r: HitRecord) -> str:
    standing = r.standing
    if standing is None:
        return ""
    return f"{standing.decided_at.strftime('%Y-%m-%d')}\n{standing.reviewer}"


def _tooltip(r: HitRecord, col: int) -> str | None:
    """The full names (a narrow column elides them), the change note, or the standing rationale."""
    if col == 0:
        return "\n".join(
            dict.fromkeys(n for n in (r.supplier_name, r.supplier_local_name, *r.supplier_aliases) if n)
        )
    if col == 1:
        return "\n".join(dict.fromkeys(n for n in (r.entity_name, r.matched_name) if n))
    if col == 4 and r.standing is not None:
        return r.standing.rationale
    return r.change_note or None
