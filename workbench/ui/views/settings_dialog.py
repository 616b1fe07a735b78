"""Settings kept in the store: the reviewer name written on decisions, findings and memos."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from workbench.cases.decisions import get_reviewer_name, set_reviewer_name
from workbench.cases.errors import ValidationError
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.forms import FieldErrors


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Settings")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FieldErrors()
        self.reviewer = QLineEdit(ctx.read(get_reviewer_name))
        self.reviewer.setPlaceholderText("Your name as it appears on decisions and memos")
        self.errors.add_row(form, "reviewer_name", "Reviewer name", self.reviewer)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        name = self.reviewer.text()
        try:
            self.ctx.write(lambda s: set_reviewer_name(s, name), (topics.SETTINGS,))
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return
        super().accept()
