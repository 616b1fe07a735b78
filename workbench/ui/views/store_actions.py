"""File ▸ Back up store / Restore from backup: the core's online backup and checked restore."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from workbench.data.backup import backup_store, restore_store
from workbench.data.store import StoreError, open_store
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.dialogs import show_error

FILTER = "Workbench backups (*.sqlite3);;All files (*)"


def choose_and_back_up(ctx: AppContext, parent: QWidget) -> Path | None:
    """Ask where to write the backup, then write it; return the file (None when cancelled or failed)."""
    name = f"workbench-backup-{datetime.now():%Y-%m-%d}.sqlite3"
    path, _ = QFileDialog.getSaveFileName(parent, "Back up the store", str(Path.home() / name), FILTER)
    if not path:
        return None
    try:
        out = backup_store(path)
    except StoreError as exc:
        show_error(parent, "The backup was not written", exc)
        return None
    ctx.status.emit(f"Backed up the store to {out}")
    return out


def choose_and_restore(ctx: AppContext, parent: QWidget) -> bool:
    """Ask for a backup, warn, then restore it (the replaced store is kept); True when restored."""
    path, _ = QFileDialog.getOpenFileName(parent, "Restore from a backup", str(Path.home()), FILTER)
    if not path:
        return False
    answer = QMessageBox.warning(
        parent,
        "Restore from this backup?",
        f"Your current data will be replaced by {Path(path).name}. A copy of it is kept next to the store, "
        "so you can go back.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        result = restore_store(path, str(ctx.store.engine.url))
    except StoreError as exc:
        show_error(parent, "The backup was not restored", exc)
        return False
    ctx.store.engine.dispose()  # new connections read the restored file
    open_store(str(ctx.store.engine.url)).dispose()  # an older backup is upgraded now, not at next start
    ctx.announce(*topics.ALL)
    ctx.status.emit(f"Restored {result.source.name}; your previous data is kept at {result.replaced_copy}")
    return True
