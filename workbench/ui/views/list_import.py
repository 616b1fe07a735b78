"""Import an official screening list (or a custom watchlist) in the background, then show the diff."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from workbench.lists.formats import FORMATS, detect_type, get_format
from workbench.lists.importer import ImportResult, import_list
from workbench.lists.rescreen import refresh_screening_index, rescreen_hook
from workbench.progress import TaskState
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.html_text import esc
from workbench.ui.worker import Task


def import_op(
    path: Path, list_type: str | None, name: str | None
) -> Callable[[Session, TaskState], ImportResult]:
    """The background operation: import the file as a snapshot, re-screen against what changed, and
    bring the screening index up to date."""

    def op(session: Session, state: TaskState) -> ImportResult:
        kind = list_type or detect_type(path)
        list_name = (name or get_format(kind).list_name).strip()
        result = import_list(session, path, kind, list_name, state, rescreen=rescreen_hook(list_name))
        refresh_screening_index(session, state)
        return result

    return op


def result_html(result: ImportResult) -> str:
    """The diff of this snapshot against the previous one, and the new hits it caused."""
    first = result.previous_snapshot_id is None
    parts = [
        f"<p><b>{esc(result.list_name)}</b>: {result.rows:,} entries imported"
        + (
            " (first snapshot)."
            if first
            else f": {result.added:,} added, {result.removed:,} removed, "
            f"{result.changed:,} changed since the previous snapshot."
        )
        + "</p>",
        f"<p><b>{result.new_hits:,} new hit{'s' if result.new_hits != 1 else ''}</b> on your suppliers"
        + (" — review them under Screening &amp; Review." if result.new_hits else ".")
        + "</p>",
    ]
    if result.changes and not first:
        items = "".join(
            f"<li>{esc(c.kind)}: {esc(c.name)}"
            + (f" ({esc(', '.join(c.fields))})" if c.fields else "")
            + "</li>"
            for c in result.changes[:30]
        )
        more = len(result.changes) - 30
        parts.append(f"<ul>{items}</ul>" + (f"<p>… and {more} more.</p>" if more > 0 else ""))
    return "".join(parts)


class ListImportDialog(QDialog):
    """Choose the file and its format; the import itself runs in the background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a screening list")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Import a list you downloaded from the official source (Consolidated Screening List CSV, "
            "OFAC SDN CSV or XML, OpenSanctions FtM JSON, the DHS UFLPA Entity List page saved from "
            "your browser) or "
            "your own watchlist CSV. Importing a newer download of the same list shows what changed and "
            "re-screens your suppliers against it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("File", row)
        self.list_type = QComboBox()
        self.list_type.addItem("Detect from the file", None)
        for key, fmt in FORMATS.items():
            self.list_type.addItem(f"{fmt.title} ({key})", key)
        form.addRow("Format", self.list_type)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Default: the format's list name (e.g. csl)")
        form.addRow("List name", self.name)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Choose a list file",
            "",
            "Lists (*.csv *.xml *.json *.jsonl *.ndjson *.html *.htm);;All (*)",
        )
        if path:
            self.path.setText(path)

    def accept(self) -> None:
        if not Path(self.path.text().strip()).is_file():
            self.error.setText("Choose an existing file.")
            self.error.show()
            return
        super().accept()

    def choice(self) -> tuple[Path, str | None, str | None]:
        return Path(self.path.text().strip()), self.list_type.currentData(), self.name.text().strip() or None


def start_list_import(
    ctx: AppContext,
    path: Path,
    list_type: str | None,
    name: str | None,
    parent: QWidget | None = None,
    on_done: Callable[[ImportResult], None] | None = None,
) -> Task:
    """Run the import in the background; announce LISTS and MATCHES, then show the diff."""

    def success(result: ImportResult) -> None:
        ctx.announce(topics.LISTS, topics.MATCHES, topics.SUPPLIERS)
        ctx.status.emit(
            f"Imported {result.rows:,} entries of {result.list_name}; {result.new_hits} new hits."
        )
        if on_done is not None:
            on_done(result)
        else:
            QMessageBox.information(parent, "List imported", result_html(result))

    return ctx.runner.start(
        f"Importing {path.name}", import_op(path, list_type, name), success=success, key="list-import"
    )
