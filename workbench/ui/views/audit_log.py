"""Help ▸ Audit log: every change to the user's data, newest first, searchable, with its hash check."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.cases.audit import verify_chain
from workbench.cases.audit_log import AuditRow, recent_entries
from workbench.ui.context import AppContext

COLUMNS = ("When", "Who", "What", "Change", "Note")


class AuditLogDialog(QDialog):
    """The newest 500 audit entries matching the search, and whether the hash chain is intact."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Audit log")
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by person, supplier, field or value")
        self.search.setClearButtonEnabled(True)
        self.chain = QLabel()
        row.addWidget(self.search, 1)
        row.addWidget(self.chain)
        layout.addLayout(row)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        ok, _bad, reason = ctx.read(verify_chain)
        self.chain.setText(("✔ Intact: " if ok else "✘ TAMPERED: ") + reason)
        self.reload()

    def reload(self) -> None:
        text = self.search.text()
        self.show_rows(self.ctx.read(lambda s: recent_entries(s, text)))

    def show_rows(self, rows: list[AuditRow]) -> None:
        self.table.setRowCount(len(rows))
        for r, entry in enumerate(rows):
            values = (entry.at.strftime("%Y-%m-%d %H:%M"), entry.actor, entry.what, entry.summary, entry.note)
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
