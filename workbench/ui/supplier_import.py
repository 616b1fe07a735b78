"""Import suppliers and products from a CSV file (the core's `import_suppliers`) in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from workbench.cases.importing import COLUMNS, ImportSummary, import_suppliers
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.worker import Task


def summary_text(summary: ImportSummary) -> str:
    return (
        f"{summary.rows:,} rows read: {summary.created:,} new suppliers, {summary.products_added:,} products "
        f"added, {summary.unchanged:,} already in the store."
    )


def start_supplier_import(ctx: AppContext, path: Path, parent: QWidget | None = None) -> Task:
    """Import `path` in one transaction in the background; all rows or none."""

    def success(summary: ImportSummary) -> None:
        ctx.announce(topics.SUPPLIERS)
        ctx.status.emit(summary_text(summary))
        QMessageBox.information(parent, "Suppliers imported", summary_text(summary))

    return ctx.runner.start(
        f"Importing {path.name}",
        lambda s, state: import_suppliers(s, path, state=state),
        success=success,
        key="supplier-import",
    )


def choose_and_import_suppliers(ctx: AppContext, parent: QWidget | None = None) -> Task | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, f"Import suppliers (columns: {', '.join(COLUMNS)})", "", "CSV files (*.csv *.txt);;All (*)"
    )
    return start_supplier_import(ctx, Path(path), parent) if path else None
