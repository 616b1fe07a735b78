"""Add or edit a supplier with its products and their raw-material inputs.

Validation is the core's: `ValidationError.errors` messages appear under the fields they are
about, and the dialog stays open until the supplier is saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from workbench.cases import suppliers as core
from workbench.cases.errors import ValidationError
from workbench.cases.versions import StaleEdit
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.dialogs import show_error
from workbench.ui.forms import FieldErrors
from workbench.ui.widgets.supplier_picker import SupplierPicker

TEXT_FIELDS = (
    ("legal_name", "Legal name *"),
    ("local_name", "Local-script name"),
    ("aliases", "Other names (; between)"),
    ("country", "Country"),
    ("region", "Region / province"),
    ("address", "Address"),
    ("website", "Website"),
    ("registration_id", "Registration id"),
    ("contact", "Contact"),
)
PRODUCT_TEXT = (
    ("description", "Description *"),
    ("hs_code", "HS code"),
    ("origin_country", "Origin country"),
    ("origin_region", "Origin region"),
    ("annual_volume", "Annual volume"),
    ("annual_value", "Annual value"),
)
INPUT_COLUMNS = (
    ("material", "Raw material"),
    ("origin_country", "Origin country"),
    ("origin_region", "Origin region"),
)


def supplier_form_data(session: Session, supplier_id: int) -> dict[str, Any]:
    """The supplier's editable fields and products (with inputs) as plain values."""
    s = core.get_supplier(session, supplier_id)
    data: dict[str, Any] = {k: getattr(s, k) for k in core.SUPPLIER_FIELDS}
    data["version"] = s.version  # saving checks nobody changed the supplier meanwhile
    data["products"] = [
        {
            "id": p.id,
            **{k: getattr(p, k) for k in core.PRODUCT_FIELDS},
            "inputs": [{"id": i.id, **{k: getattr(i, k) for k in core.INPUT_FIELDS}} for i in p.inputs],
        }
        for p in s.products
    ]
    return data


class ProductDialog(QDialog):
    """One product: description, HS code, origin, volume/value, and its inputs with their origins."""

    def __init__(self, product: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Product" if product else "Add product")
        self.setMinimumWidth(560)
        self.original = dict(product or {})
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FieldErrors()
        self.edits: dict[str, QLineEdit] = {}
        for name, label in PRODUCT_TEXT:
            edit = QLineEdit(str(self.original.get(name, "") or ""))
            edit.setObjectName(name)
            self.edits[name] = edit
            self.errors.add_row(form, name, label, edit)
        self.edits["hs_code"].setPlaceholderText("e.g. 6109.10")
        layout.addLayout(form)
        box = QGroupBox("Raw-material inputs and where they come from")
        inner = QVBoxLayout(box)
        self.inputs = QTableWidget(0, len(INPUT_COLUMNS))
        self.inputs.setHorizontalHeaderLabels([t for _, t in INPUT_COLUMNS])
        self.inputs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.inputs.verticalHeader().hide()
        for item in self.original.get("inputs", []):
            self._add_input_row(item)
        inner.addWidget(self.inputs)
        row = QHBoxLayout()
        add = QPushButton("Add input")
        remove = QPushButton("Remove input")
        add.clicked.connect(lambda: self._add_input_row({}))
        remove.clicked.connect(lambda: self.inputs.removeRow(self.inputs.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        inner.addLayout(row)
        self.input_error = QLabel()
        self.input_error.setObjectName("fieldError")
        self.input_error.hide()
        inner.addWidget(self.input_error)
        layout.addWidget(box)
        layout.addWidget(self.errors.general)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.result_data: dict[str, Any] = {}

    def _add_input_row(self, item: dict[str, Any]) -> None:
        row = self.inputs.rowCount()
        self.inputs.insertRow(row)
        for col, (name, _title) in enumerate(INPUT_COLUMNS):
            cell = QTableWidgetItem(str(item.get(name, "") or ""))
            if col == 0 and item.get("id") is not None:
                cell.setData(0x0100, item["id"])  # Qt.UserRole: the stored input's id
            self.inputs.setItem(row, col, cell)

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        inputs = []
        for row in range(self.inputs.rowCount()):
            cells = [self.inputs.item(row, c) for c in range(len(INPUT_COLUMNS))]
            item = {
                name: (cell.text().strip() if cell else "")
                for (name, _), cell in zip(INPUT_COLUMNS, cells, strict=True)
            }
            if not any(item.values()):
                continue
            if cells[0] is not None and cells[0].data(0x0100) is not None:
                item["id"] = int(cells[0].data(0x0100))
            inputs.append(item)
        data["inputs"] = inputs
        if "id" in self.original:
            data["id"] = self.original["id"]
        return data

    def accept(self) -> None:
        data = self.values()
        try:
            core.validate_product({k: v for k, v in data.items() if k not in ("id", "inputs")})
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return
        self.errors.clear()
        for n, item in enumerate(data["inputs"], start=1):
            try:
                core.validate_input({k: v for k, v in item.items() if k != "id"})
            except ValidationError as exc:
                self.input_error.setText(f"Input {n}: " + "; ".join(exc.errors.values()))
                self.input_error.show()
                return
        self.result_data = data
        super().accept()


def product_summary(p: dict[str, Any]) -> str:
    inputs = ", ".join(
        f"{i['material']}"
        + (
            f" ({i.get('origin_region') or i.get('origin_country')})"
            if i.get("origin_region") or i.get("origin_country")
            else ""
        )
        for i in p.get("inputs", [])
    )
    return inputs


class SupplierDialog(QDialog):
    """Create a supplier (`supplier_id=None`) or edit one; saves through the core in one transaction."""

    def __init__(
        self, ctx: AppContext, supplier_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supplier_id = supplier_id
        self.setWindowTitle("New supplier" if supplier_id is None else "Edit supplier")
        self.setMinimumWidth(720)
        self.original: dict[str, Any] = (
            ctx.read(lambda s: supplier_form_data(s, supplier_id)) if supplier_id is not None else {}
        )
        self.products: list[dict[str, Any]] = [dict(p) for p in self.original.get("products", [])]
        self.removed_products: list[int] = []

        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors = FieldErrors()
        self.edits: dict[str, QLineEdit] = {}
        for name, label in TEXT_FIELDS:
            value = self.original.get(name, "")
            edit = QLineEdit("; ".join(value) if isinstance(value, list) else str(value or ""))
            edit.setObjectName(name)
            self.edits[name] = edit
            self.errors.add_row(form, name, label, edit)
        self.edits["legal_name"].setPlaceholderText("As on the business registration")
        self.edits["local_name"].setPlaceholderText("e.g. 和田泰达服装有限公司")
        self.tier = QSpinBox()
        self.tier.setRange(1, 20)
        self.tier.setValue(int(self.original.get("tier", 1) or 1))
        self.tier.setToolTip("1 = direct supplier; 2 and up = upstream (supplier of a supplier)")
        self.errors.add_row(form, "tier", "Tier", self.tier)
        self.parent_picker = SupplierPicker(ctx)
        self.parent_picker.lineEdit().setPlaceholderText("For tier 2+: the supplier this one supplies")
        if self.original.get("parent_id"):
            self.parent_picker.show_supplier(int(self.original["parent_id"]))
        self.errors.add_row(form, "parent_id", "Supplies", self.parent_picker)
        self.notes = QPlainTextEdit(str(self.original.get("notes", "") or ""))
        self.notes.setFixedHeight(60)
        self.errors.add_row(form, "notes", "Notes", self.notes)
        layout.addLayout(form)

        box = QGroupBox("Products")
        inner = QVBoxLayout(box)
        self.product_table = QTableWidget(0, 4)
        self.product_table.setHorizontalHeaderLabels(["Description", "HS code", "Origin", "Inputs"])
        self.product_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.product_table.verticalHeader().hide()
        self.product_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.product_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.product_table.setMinimumHeight(110)
        self.product_table.doubleClicked.connect(lambda _i: self.edit_product())
        inner.addWidget(self.product_table)
        row = QHBoxLayout()
        self.add_product_button = QPushButton("Add product…")
        edit_button = QPushButton("Edit…")
        remove_button = QPushButton("Remove")
        self.add_product_button.clicked.connect(self.add_product)
        edit_button.clicked.connect(self.edit_product)
        remove_button.clicked.connect(self.remove_product)
        for b in (self.add_product_button, edit_button, remove_button):
            row.addWidget(b)
        row.addStretch(1)
        inner.addLayout(row)
        self.products_error = QLabel()
        self.products_error.setObjectName("fieldError")
        self.products_error.setWordWrap(True)
        self.products_error.hide()
        inner.addWidget(self.products_error)
        layout.addWidget(box)
        layout.addWidget(self.errors.general)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self._fill_products()
        self.saved_id: int | None = None

    # ---------------------------------------------------------------- products

    def _fill_products(self) -> None:
        self.product_table.setRowCount(len(self.products))
        for row, p in enumerate(self.products):
            origin = ", ".join(v for v in (p.get("origin_region", ""), p.get("origin_country", "")) if v)
            for col, text in enumerate(
                (p.get("description", ""), p.get("hs_code", ""), origin, product_summary(p))
            ):
                self.product_table.setItem(row, col, QTableWidgetItem(text))

    def product_dialog(self, product: dict[str, Any] | None = None) -> ProductDialog:
        """The dialog for one product (a seam the tests use to fill it in)."""
        return ProductDialog(product, self)

    def add_product(self) -> None:
        dialog = self.product_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.products.append(dialog.result_data)
            self._fill_products()

    def edit_product(self) -> None:
        row = self.product_table.currentRow()
        if row < 0:
            return
        dialog = self.product_dialog(self.products[row])
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.products[row] = dialog.result_data
            self._fill_products()

    def remove_product(self) -> None:
        row = self.product_table.currentRow()
        if row < 0:
            return
        removed = self.products.pop(row)
        if removed.get("id") is not None:
            self.removed_products.append(int(removed["id"]))
        self._fill_products()

    # ---------------------------------------------------------------- saving

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        data["aliases"] = core.normalise_aliases(data["aliases"])
        data["tier"] = self.tier.value()
        data["parent_id"] = self.parent_id()
        data["notes"] = self.notes.toPlainText()
        return data

    def parent_id(self) -> int | None:
        """The chosen parent supplier, or None when the field is empty; ValueError for unmatched text."""
        text = self.parent_picker.currentText().strip()
        if not text:
            return None
        index = self.parent_picker.currentIndex()
        if index < 0 or self.parent_picker.itemText(index) != self.parent_picker.currentText():
            raise ValueError("pick the supplier from the list (type part of its name, then choose it).")
        return int(self.parent_picker.itemData(index))

    def save(self) -> None:
        try:
            data = self.values()
        except ValueError as exc:
            self.errors.show({"parent_id": str(exc)})
            return
        try:
            self.saved_id = self.ctx.write(lambda s: self._save(s, data), topics=(topics.SUPPLIERS,))
        except ValidationError as exc:
            self.errors.show(exc.errors)
            product_errors = [f"{k}: {v}" for k, v in exc.errors.items() if k.startswith("products[")]
            self.products_error.setText("\n".join(product_errors))
            self.products_error.setVisible(bool(product_errors))
            return
        except StaleEdit as exc:
            show_error(self, "Supplier not saved", exc)
            return
        self.accept()

    def _save(self, session: Session, data: dict[str, Any]) -> int:
        if self.supplier_id is None:
            new = [{k: v for k, v in p.items() if k != "id"} for p in self.products]
            for p in new:
                p["inputs"] = [{k: v for k, v in i.items() if k != "id"} for i in p.get("inputs", [])]
            return core.create_supplier(session, {**data, "products": new}).id
        changes = {k: v for k, v in data.items() if _differs(self.original.get(k), v)}
        if changes:
            version = self.original["version"]
            core.update_supplier(session, self.supplier_id, changes, expected_version=version)
        for product_id in self.removed_products:
            core.delete_product(session, product_id)
        before = {p["id"]: p for p in self.original.get("products", [])}
        for p in self.products:
            fields = {k: v for k, v in p.items() if k not in ("id", "inputs")}
            if p.get("id") is None:
                core.add_product(session, self.supplier_id, {**fields, "inputs": p.get("inputs", [])})
                continue
            old = before[p["id"]]
            changed = {k: v for k, v in fields.items() if _differs(old.get(k), v)}
            if changed:
                core.update_product(session, p["id"], changed)
            _save_inputs(session, p["id"], old.get("inputs", []), p.get("inputs", []))
        return self.supplier_id


def _save_inputs(
    session: Session, product_id: int, old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> None:
    kept = {i["id"] for i in new if i.get("id") is not None}
    for item in old:
        if item["id"] not in kept:
            core.delete_input(session, item["id"])
    by_id = {i["id"]: i for i in old}
    for item in new:
        fields = {k: v for k, v in item.items() if k != "id"}
        if item.get("id") is None:
            core.add_input(session, product_id, fields)
        else:
            changed = {k: v for k, v in fields.items() if _differs(by_id[item["id"]].get(k), v)}
            if changed:
                core.update_input(session, item["id"], changed)


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, list) or isinstance(new, list):
        return list(old or []) != list(new or [])
    if old is None and new in ("", None):
        return False
    return str(old if old is not None else "") != str(new if new is not None else "")
