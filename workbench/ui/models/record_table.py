"""A read-only table model over a list of records: one row per record, fixed column titles."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Record = TypeVar("Record")


class RecordTableModel(QAbstractTableModel, Generic[Record]):
    """Subclasses set `COLUMNS` and answer `cell(record, column, role)`; the rest is shared."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, records: list[Record] | None = None) -> None:
        super().__init__()
        self.records: list[Record] = list(records or [])

    def set_records(self, records: list[Record]) -> None:
        """Show `records` instead of what the table shows now."""
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Record:
        return self.records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        return self.cell(self.records[index.row()], index.column(), role)

    def cell(self, record: Record, column: int, role: int) -> Any:
        """What the table shows for `role` in `column` of the row of `record` (None: nothing)."""
        raise NotImplementedError
