"""Suppliers: the filterable, sortable table (paged model), add/edit dialog, undoable delete."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from workbench.cases import suppliers as core
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.dialogs import confirm
from workbench.ui.models.suppliers import COLUMNS, ID_ROLE, SupplierFilters, SuppliersModel
from workbench.ui.views.base import View
from workbench.ui.views.supplier_dialog import SupplierDialog

HIT_CHOICES = (
    ("All suppliers", None),
    ("With open hits", "open"),
    ("With confirmed hits", "confirmed"),
    ("Changed since review", "changed"),
    ("With any hit", "any"),
    ("Without hits", "none"),
)
RISK_CHOICES = (
    ("All ratings", None),
    ("Severe", "severe"),
    ("High or severe", "high_or_severe"),
    ("High", "high"),
    ("Medium", "medium"),
    ("Low", "low"),
    ("UFLPA presumption", "presumption"),
    ("Xinjiang nexus", "nexus"),
)


class DeleteSuppliers(QUndoCommand):
    """Soft-delete suppliers; undo restores them (both through the core, each in one transaction)."""

    def __init__(self, ctx: AppContext, ids: list[int], label: str) -> None:
        super().__init__(label)
        self.ctx = ctx
        self.ids = ids

    def redo(self) -> None:
        self.ctx.write(lambda s: [core.soft_delete_supplier(s, i) for i in self.ids], (topics.SUPPLIERS,))

    def undo(self) -> None:
        self.ctx.write(lambda s: [core.restore_supplier(s, i) for i in self.ids], (topics.SUPPLIERS,))


class SuppliersView(View):
    """All suppliers; double-click to edit, Delete to remove (undo with Ctrl+Z)."""

    key = "suppliers"
    title = "Suppliers"
    topics = frozenset({topics.SUPPLIERS, topics.MATCHES})
    selection_changed = Signal(list)  # supplier ids

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.new_button = QPushButton("New supplier…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.restore_button = QPushButton("Restore")
        self.screen_button = QPushButton("Screen selected")
        for b in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.restore_button,
            self.screen_button,
        ):
            self.header_tools.addWidget(b)
        self.new_button.clicked.connect(self.new_supplier)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.screen_button.clicked.connect(self.screen_selected)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, local names, aliases, registration id, address…")
        self.search.setClearButtonEnabled(True)
        self.country = QLineEdit()
        self.country.setPlaceholderText("Country or code")
        self.country.setMaximumWidth(170)
        self.risk = QComboBox()
        for label, value in RISK_CHOICES:
            self.risk.addItem(label, value)
        self.hits = QComboBox()
        for label, value in HIT_CHOICES:
            self.hits.addItem(label, value)
        self.tier = QComboBox()
        self.tier.addItem("All tiers", None)
        for t in range(1, 6):
            self.tier.addItem(f"Tier {t}", t)
        self.show_deleted = QCheckBox("Show deleted")
        filters.addWidget(self.search, 3)
        filters.addWidget(self.country)
        filters.addWidget(self.risk)
        filters.addWidget(self.hits)
        filters.addWidget(self.tier)
        filters.addWidget(self.show_deleted)
        self.body.addLayout(filters)

        self.model = SuppliersModel(ctx.reader)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {
            "risk": 70,
            "legal_name": 250,
            "local_name": 160,
            "country": 90,
            "region": 110,
            "tier": 45,
            "products": 75,
            "open_hits": 80,
            "confirmed_hits": 85,
            "changed_hits": 75,
        }
        for i, col in enumerate(COLUMNS):
            if col.key in widths:
                header.resizeSection(i, widths[col.key])
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control, not the next cell
        for keys, slot in (
            ((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.edit_selected),
            ((Qt.Key.Key_Delete,), self.delete_selected),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self.table)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)
        self.body.addWidget(self.table, 1)
        self.empty = QLabel(
            "No suppliers yet. Add one with <b>New supplier</b> (Ctrl+N), or import your supplier list with "
            "<b>File ▸ Import suppliers</b> (CSV or Excel). Then screen them with <b>Screen selected</b> "
            "or F5."
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.body.addWidget(self.empty)
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.body.addWidget(self.count)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self.country.textChanged.connect(lambda _t: self._filter_timer.start())
        self.hits.currentIndexChanged.connect(self.apply_filters)
        self.risk.currentIndexChanged.connect(self.apply_filters)
        self.tier.currentIndexChanged.connect(self.apply_filters)
        self.show_deleted.toggled.connect(self.apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.loaded.connect(self._after_load)
        self._select_after_load: int | None = None
        self._selection_changed()
        self._update_count()

    # ---------------------------------------------------------------- state

    def show_risk(self, risk: str | None) -> None:
        """Show only suppliers with this rating (a value of RISK_CHOICES), other filters cleared."""
        for widget in (self.search, self.country):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        for combo in (self.hits, self.tier):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.show_deleted.blockSignals(True)
        self.show_deleted.setChecked(False)
        self.show_deleted.blockSignals(False)
        self.risk.blockSignals(True)
        self.risk.setCurrentIndex(max(self.risk.findData(risk), 0))
        self.risk.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        self.model.set_filters(
            SupplierFilters(
                search=self.search.text(),
                country=self.country.text().strip() or None,
                tier=self.tier.currentData(),
                hits=self.hits.currentData(),
                risk=self.risk.currentData(),
                deleted=self.show_deleted.isChecked(),
            )
        )
        self._selection_changed()

    def _update_count(self) -> None:
        self.empty.setVisible(self.model.total == 0 and self.model.filters == SupplierFilters())
        deleted = " deleted" if self.model.filters.deleted else ""
        self.count.setText(f"{self.model.total:,}{deleted} suppliers")

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(r.data(ID_ROLE)) for r in rows if r.data(ID_ROLE) is not None]

    def select_supplier(self, supplier_id: int) -> bool:
        """Select a supplier shown on a loaded page (or once the running reload arrives)."""
        if self.model.loading:
            self._select_after_load = supplier_id
            return True
        row = self.model.row_of(supplier_id)
        if row is None:
            return False
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection_changed(self, *_args) -> None:
        ids = self.selected_ids()
        deleted = self.model.filters.deleted
        self.edit_button.setEnabled(len(ids) == 1 and not deleted)
        self.delete_button.setEnabled(bool(ids) and not deleted)
        self.screen_button.setEnabled(bool(ids) and not deleted)
        self.restore_button.setVisible(deleted)
        self.restore_button.setEnabled(bool(ids))
        self.selection_changed.emit(ids)
        if len(ids) == 1 and not deleted:
            self.ctx.select_supplier(ids[0])

    def refresh(self) -> None:
        selected = self.selected_ids()
        self.model.reload()
        if selected:
            self._select_after_load = selected[0]

    def _after_load(self) -> None:
        self._update_count()
        target, self._select_after_load = self._select_after_load, None
        if target is not None:
            self.select_supplier(target)
        self._selection_changed()

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    # ---------------------------------------------------------------- actions

    def supplier_dialog(self, supplier_id: int | None = None) -> SupplierDialog:
        """The add/edit dialog (a seam the tests use to fill it in)."""
        return SupplierDialog(self.ctx, supplier_id, self)

    def new_supplier(self) -> None:
        dialog = self.supplier_dialog()
        if dialog.exec() and dialog.saved_id is not None:
            self.ctx.status.emit(f"Supplier '{dialog.edits['legal_name'].text()}' added")
            self.select_supplier(dialog.saved_id)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        dialog = self.supplier_dialog(ids[0])
        if dialog.exec() and dialog.saved_id is not None:
            self.select_supplier(ids[0])

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = [self.model.data(r.siblingAtColumn(0)) for r in self.table.selectionModel().selectedRows()]
        what = f"'{names[0]}'" if len(ids) == 1 else f"{len(ids)} suppliers"
        if not confirm(
            self, "Delete supplier", f"Delete {what}? You can undo this with Edit ▸ Undo (Ctrl+Z)."
        ):
            return
        self.ctx.undo.push(DeleteSuppliers(self.ctx, ids, f"Delete {what}"))
        self.ctx.status.emit(f"Deleted {what}. Ctrl+Z brings it back.")

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.ctx.write(lambda s: [core.restore_supplier(s, i) for i in ids], (topics.SUPPLIERS,))

    def _screening_targets(self) -> list[int] | None:
        """The selected suppliers; None (every supplier) when nothing or every row is selected.

        Rows on pages not read yet have no id here, so "select all" must mean all, not the loaded part.
        """
        rows = self.table.selectionModel().selectedRows()
        if not rows or (len(rows) == self.model.total and self.model.filters == SupplierFilters()):
            return None
        return self.selected_ids()

    def screen_selected(self) -> None:
        self.rescreen()

    def rescreen(self) -> None:
        """Screen the selection again (F5), or every supplier when nothing is selected."""
        from workbench.ui.screening_actions import screen_suppliers_in_background

        ids = self._screening_targets()
        label = "Screening all suppliers" if ids is None else f"Screening {len(ids):,} selected suppliers"
        screen_suppliers_in_background(self.ctx, ids, label=label)
