"""The supplier table model: pages of `list_suppliers()` fetched on demand, cached, never reloaded whole.

`rowCount()` reports the full filtered total, so the scroll bar is true to size; `data()` loads
the page a row sits on the first time any of its cells is painted. An edit re-reads only the page
holding that supplier; sort and filter changes drop the cache and re-read the visible pages.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session

from workbench.cases.queries import SupplierPage, SupplierRow, list_suppliers

Index = QModelIndex | QPersistentModelIndex
Reader = Callable[[Callable[[Session], Any]], Any]
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    key: str  # the SupplierRow attribute and the list_suppliers sort key
    title: str
    numeric: bool = False


COLUMNS = (
    Column("legal_name", "Legal name"),
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
class SupplierFilters:
    search: str = ""
    country: str | None = None
    tier: int | None = None
    hits: str | None = None
    deleted: bool = False


class SuppliersModel(QAbstractTableModel):
    """Suppliers, a page at a time; `page_loads` counts queries (the tests check it stays small)."""

    PAGE = 200
    MAX_PAGES = 40

    def __init__(self, read: Reader) -> None:
        super().__init__()
        self._read = read
        self.filters = SupplierFilters()
        self.sort_key = "legal_name"
        self.descending = False
        self._total = 0
        self._pages: OrderedDict[int, list[SupplierRow]] = OrderedDict()
        self.page_loads = 0
        self.reload()

    # ---------------------------------------------------------------- queries

    def _fetch(self, page: int) -> SupplierPage:
        f = self.filters
        self.page_loads += 1
        return self._read(
            lambda s: list_suppliers(
                s,
                search=f.search,
                country=f.country,
                tier=f.tier,
                hits=f.hits,
                deleted=f.deleted,
                sort=self.sort_key,
                descending=self.descending,
                offset=page * self.PAGE,
                limit=self.PAGE,
            )
        )

    def _page(self, page: int) -> list[SupplierRow]:
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page).rows
            self._pages[page] = rows
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows

    def row_record(self, row: int) -> SupplierRow | None:
        """The supplier shown on `row` (loading its page if needed)."""
        if not 0 <= row < self._total:
            return None
        rows = self._page(row // self.PAGE)
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
        """Drop the cache and recount (after a filter, sort, add or delete)."""
        self.beginResetModel()
        self._pages.clear()
        first = self._fetch(0)
        self._total = first.total
        self._pages[0] = first.rows
        self.endResetModel()

    def set_filters(self, filters: SupplierFilters) -> None:
        if filters != self.filters:
            self.filters = filters
            self.reload()

    def refresh_supplier(self, supplier_id: int) -> bool:
        """Re-read the cached page holding `supplier_id` and repaint it; False when not cached."""
        row = self.row_of(supplier_id)
        if row is None:
            return False
        page = row // self.PAGE
        fresh = self._fetch(page)
        if fresh.total != self._total:
            self.reload()
            return True
        self._pages[page] = fresh.rows
        first = page * self.PAGE
        last = first + max(len(fresh.rows), 1) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
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
            return None
        column = COLUMNS[index.column()]
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
