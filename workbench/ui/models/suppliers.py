"""The supplier table model: pages of `list_suppliers()` fetched on demand, cached, never reloaded whole.

`rowCount()` reports the full filtered total, so the scroll bar is true to size; `data()` asks for
the page a row sits on the first time any of its cells is painted, and the page is read by a
background task (a query takes ~0.2 s at 100,000 suppliers), then painted. An edit re-reads only
the page holding that supplier; sort and filter changes drop the cache and re-read what is shown.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from sqlalchemy.orm import Session

from workbench.cases import rating_cache
from workbench.cases.queries import SupplierPage, SupplierRow, list_suppliers
from workbench.cases.risk import assess_many
from workbench.progress import TaskState
from workbench.ui import theme
from workbench.ui.worker import TaskRunner

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    key: str  # the SupplierRow attribute and the list_suppliers sort key
    title: str
    numeric: bool = False


COLUMNS = (
    Column("legal_name", "Legal name"),
    Column("risk", "Risk"),
    Column("local_name", "Local name"),
    Column("country", "Country"),
    Column("region", "Region"),
    Column("tier", "Tier", True),
    Column("products", "Products", True),
    Column("open_hits", "Open hits", True),
    Column("confirmed_hits", "Confirmed", True),
    Column("changed_hits", "Changed", True),
    Column("last_screened_at", "Last screened"),
)


@dataclass(frozen=True)
class RatedPage:
    """A page of rows with the risk level of each (rated by the core's `assess_many`)."""

    page: SupplierPage
    risk: dict[int, str]


@dataclass(frozen=True)
class SupplierFilters:
    search: str = ""
    country: str | None = None
    tier: int | None = None
    hits: str | None = None
    risk: str | None = None
    deleted: bool = False


class SuppliersModel(QAbstractTableModel):
    """Suppliers, a page at a time, read in the background; `page_loads` counts the queries."""

    PAGE = 200
    MAX_PAGES = 40
    loaded = Signal()  # a reload's first page has arrived (the row count is current)

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self._runner = runner
        self.filters = SupplierFilters()
        self.sort_key = "legal_name"
        self.descending = False
        self._total = 0
        self._pages: OrderedDict[int, list[SupplierRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._risk: dict[int, str] = {}  # supplier id -> risk level, from the pages read
        self._generation = 0
        self.loading = False
        self.page_loads = 0
        self.reload()

    # ---------------------------------------------------------------- queries

    def _query(self, page: int) -> Callable[[Session, TaskState], RatedPage]:
        f, sort, descending = self.filters, self.sort_key, self.descending
        self.page_loads += 1

        def op(session: Session, state: TaskState) -> RatedPage:
            if f.risk is not None or sort == "risk":
                rating_cache.fill(session, state)  # rates only suppliers changed since they were last rated
            rows = list_suppliers(
                session,
                search=f.search,
                country=f.country,
                tier=f.tier,
                hits=f.hits,
                risk=f.risk,
                deleted=f.deleted,
                sort=sort,
                descending=descending,
                offset=page * self.PAGE,
                limit=self.PAGE,
            )
            live = [r.id for r in rows.rows if not r.deleted]
            ratings = assess_many(session, live) if live else {}
            return RatedPage(rows, {sid: rating.level for sid, rating in ratings.items()})

        return op

    def _request(self, page: int) -> None:
        if page in self._pending or self.loading:
            return
        self._pending.add(page)
        generation = self._generation
        self._runner.start(
            "Loading suppliers",
            self._query(page),
            success=lambda result: self._page_arrived(generation, page, result),
        )

    def _page_arrived(self, generation: int, page: int, rated: RatedPage) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        result = rated.page
        self._risk.update(rated.risk)
        if result.total != self._total:  # rows were added or removed meanwhile: recount
            self.reload()
            return
        self._store_page(page, result.rows)
        first = page * self.PAGE
        last = min(first + self.PAGE, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _store_page(self, page: int, rows: list[SupplierRow]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)

    def row_record(self, row: int) -> SupplierRow | None:
        """The supplier shown on `row`, or None while its page is being read (then it is requested)."""
        if not 0 <= row < self._total:
            return None
        page = row // self.PAGE
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        at = row % self.PAGE
        return rows[at] if at < len(rows) else None

    def supplier_id(self, row: int) -> int | None:
        record = self.row_record(row)
        return record.id if record else None

    def row_of(self, supplier_id: int) -> int | None:
        """The row of a supplier if it is on a cached page (no query)."""
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r.id == supplier_id:
                    return page * self.PAGE + i
        return None

    @property
    def total(self) -> int:
        return self._total

    # ---------------------------------------------------------------- changes

    def reload(self) -> None:
        """Recount and re-read the first page in the background (after a filter, sort, add or delete).

        Until it arrives the table keeps showing what it had; a newer reload supersedes an older one.
        """
        self._generation += 1
        generation = self._generation
        self._pending.clear()
        self.loading = True
        self._runner.start(
            "Loading suppliers",
            self._query(0),
            success=lambda result: self._reset_with(generation, result),
            key="supplier-page-0",
        )

    def _reset_with(self, generation: int, rated: RatedPage) -> None:
        if generation != self._generation:
            return
        first = rated.page
        self.beginResetModel()
        self._pages.clear()
        self._risk = dict(rated.risk)
        self._total = first.total
        self._pages[0] = first.rows
        self.loading = False
        self.endResetModel()
        self.loaded.emit()

    def set_filters(self, filters: SupplierFilters) -> None:
        if filters != self.filters:
            self.filters = filters
            self.reload()

    def refresh_supplier(self, supplier_id: int) -> bool:
        """Re-read the cached page holding `supplier_id` (in the background); False when not cached."""
        row = self.row_of(supplier_id)
        if row is None:
            return False
        page = row // self.PAGE
        self._pending.discard(page)
        self._request(page)
        return True

    # ---------------------------------------------------------------- Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.row_record(index.row())
        if record is None:
            loading = role == Qt.ItemDataRole.DisplayRole and index.column() == 0
            return "Loading…" if loading else None
        column = COLUMNS[index.column()]
        if column.key == "risk":
            level = self._risk.get(record.id, "")
            if role == Qt.ItemDataRole.DisplayRole:
                return level.capitalize()
            if role == Qt.ItemDataRole.ForegroundRole and level:
                return QColor(theme.current().risk.get(level, theme.current().text))
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Risk rating; open Indicators for its reasons (Ctrl+4)" if level else None
            return record.id if role == ID_ROLE else (record if role == ROW_ROLE else None)
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(record, column.key)
            if isinstance(value, datetime):
                return value.strftime("%Y-%m-%d")
            if value is None:
                return "never" if column.key == "last_screened_at" else ""
            if column.numeric and value == 0 and column.key != "tier":
                return ""
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "legal_name":
            return f"{record.legal_name}\n{record.local_name}".strip()
        if role == ID_ROLE:
            return record.id
        if role == ROW_ROLE:
            return record
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self.reload()
