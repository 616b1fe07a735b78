"""Table model over `list_measures()` records and the proxy that filters them."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from workbench.measures.catalogue import MeasureRecord
from workbench.measures.search import kind_label, matches
from workbench.ui.models.record_table import RecordTableModel

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


def measure_date(m: MeasureRecord) -> date | None:
    """The date a measure speaks for: announced, else effective, else its earliest listing."""
    listed = [t.listed for t in m.targets if t.listed]
    return m.announced or m.effective or (min(listed) if listed else None)


class MeasuresModel(RecordTableModel[MeasureRecord]):
    """One row per measure: date, authority, kind, title, number of listed targets."""

    COLUMNS = ("Date", "Authority", "Kind", "Title", "Targets")

    def cell(self, m: MeasureRecord, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                when.isoformat() if (when := measure_date(m)) else "—",
                m.authority,
                kind_label(m.kind),
                m.title,
                str(len(m.targets)) if m.targets else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 3:
            return m.summary or m.title
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ROLE:
            return m
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return (
                (measure_date(m) or date.min).isoformat(),
                m.authority,
                m.kind,
                m.title,
                len(m.targets),
            )[col]
        return None


class MeasuresFilter(QSortFilterProxyModel):
    """Filters by free text (title, summary, targets, aliases), authority, kind, sector and year."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.text = ""
        self.authority = ""
        self.kind = ""
        self.sector = ""
        self.year = 0

    def set_filters(
        self, *, text: str = "", authority: str = "", kind: str = "", sector: str = "", year: int = 0
    ) -> None:
        self.beginFilterChange()
        self.text = text.strip().casefold()
        self.authority, self.kind, self.sector, self.year = authority, kind, sector, year
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, MeasuresModel)
        m = model.record(row)
        if self.authority and m.authority != self.authority:
            return False
        if self.kind and m.kind != self.kind:
            return False
        if self.sector and self.sector not in m.sectors:
            return False
        when = measure_date(m)
        if self.year and (when is None or when.year != self.year):
            return False
        if self.text:
            return matches(m, self.text)
        return True
