"""Pick a supplier by typing part of its name (searches the store, 50 at a time)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from workbench.cases.queries import list_suppliers
from workbench.cases.suppliers import get_supplier
from workbench.ui.context import AppContext


class SupplierPicker(QComboBox):
    """An editable combo box: type to search, pick to emit `chosen(supplier_id)`."""

    chosen = Signal(int)
    LIMIT = 50

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(40)
        self.lineEdit().setPlaceholderText("Type a supplier name…")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._search)
        self.lineEdit().textEdited.connect(lambda _t: self._timer.start())
        self.activated.connect(self._activated)
        self.search("")

    def search(self, text: str, popup: bool = False) -> None:
        """Look suppliers up in the background (a search over 100,000 names takes ~0.7 s)."""
        limit = self.LIMIT
        self.ctx.reader.start(
            "Searching suppliers",
            lambda session, _state: list_suppliers(session, search=text, limit=limit),
            success=lambda page: self._fill(text, page, popup),
            key=f"supplier-picker-{id(self)}",
        )

    def _fill(self, text: str, page, popup: bool) -> None:
        if self.lineEdit().text() != text and self.count():
            return  # the user typed on; a newer search is on its way
        self.blockSignals(True)
        self.clear()
        for row in page.rows:
            label = row.legal_name + (f" — {row.local_name}" if row.local_name else "")
            self.addItem(label, row.id)
        self.setCurrentIndex(-1)
        self.lineEdit().setText(text)
        self.blockSignals(False)
        if popup and self.count():
            self.showPopup()

    def _search(self) -> None:
        self.search(self.lineEdit().text(), popup=True)

    def _activated(self, index: int) -> None:
        supplier_id = self.itemData(index)
        if supplier_id is not None:
            self.chosen.emit(int(supplier_id))

    def show_supplier(self, supplier_id: int) -> None:
        """Display `supplier_id` as the current choice (without emitting `chosen`)."""
        at = self.findData(supplier_id)
        if at < 0:
            name = self.ctx.read(lambda s: get_supplier(s, supplier_id).legal_name)
            self.blockSignals(True)
            self.insertItem(0, name, supplier_id)
            self.blockSignals(False)
            at = 0
        self.blockSignals(True)
        self.setCurrentIndex(at)
        self.blockSignals(False)
