"""Export suppliers (rating, open hits, decision status) to CSV or XLSX in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from workbench.cases.supplier_files import export_suppliers
from workbench.ui.context import AppContext
from workbench.ui.worker import Task

FILTERS = {"Excel workbook (*.xlsx)": ".xlsx", "CSV, UTF-8 (*.csv)": ".csv"}


def start_supplier_export(ctx: AppContext, path: Path, parent: QWidget | None = None) -> Task:
    """Write every supplier to `path` (the suffix decides the format); report the count when done."""

    def success(count: int) -> None:
        message = f"Exported {count:,} suppliers to {path}."
        ctx.status.emit(message)
        QMessageBox.information(parent, "Suppliers exported", message)

    return ctx.runner.start(
        f"Exporting suppliers to {path.name}",
        lambda s, state: export_suppliers(s, path, state=state),
        success=success,
        key="supplier-export",
    )


def choose_and_export_suppliers(ctx: AppContext, parent: QWidget | None = None) -> Task | None:
    """Ask where to save (the File menu's "Export suppliers…"), then export in the background."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export suppliers", "suppliers.xlsx", ";;".join(FILTERS)
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        path = path.with_name(path.name + FILTERS.get(chosen, ".xlsx"))
    return start_supplier_export(ctx, path, parent)
