"""File ▸ Settings: reviewer name, organisation, screening threshold, theme, and where the data lives."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench import paths
from workbench.cases.decisions import get_reviewer_name, set_reviewer_name
from workbench.cases.errors import ValidationError
from workbench.cases.preferences import THRESHOLD_RANGE, get_screening_threshold, set_screening_threshold
from workbench.ui import context as topics
from workbench.ui import theme
from workbench.ui.context import AppContext
from workbench.ui.forms import FieldErrors
from workbench.ui.settings import ORGANISATION_KEY, THEME_KEY, load_str, save_str

THEME_CHOICES = (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark"))


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FieldErrors()
        self.reviewer = QLineEdit(ctx.read(get_reviewer_name))
        self.reviewer.setPlaceholderText("Your name as it appears on decisions and memos")
        self.errors.add_row(form, "reviewer_name", "Reviewer name", self.reviewer)
        self.organisation = QLineEdit(load_str(ORGANISATION_KEY))
        self.organisation.setPlaceholderText("Printed on memos and on a new signing identity")
        self.errors.add_row(form, "organisation", "Organisation", self.organisation)
        self.threshold = QSpinBox()
        self.threshold.setRange(*(int(v) for v in THRESHOLD_RANGE))
        self.threshold.setValue(round(ctx.read(get_screening_threshold)))
        self.threshold.setSuffix(" / 100")
        self.threshold.setToolTip("The lowest name-match score that makes a screening hit; lower finds more.")
        self.errors.add_row(form, "threshold", "Screening threshold", self.threshold)
        self.theme = QComboBox()
        for label, value in THEME_CHOICES:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(self.theme.findData(load_str(THEME_KEY, "system")), 0))
        self.errors.add_row(form, "theme", "Theme", self.theme)
        folder = QWidget()
        row = QHBoxLayout(folder)
        row.setContentsMargins(0, 0, 0, 0)
        self.data_folder = QLabel(str(paths.data_dir()))
        self.data_folder.setWordWrap(True)
        open_button = QPushButton("Open")
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))
        )
        row.addWidget(self.data_folder, 1)
        row.addWidget(open_button)
        form.addRow("Data folder", folder)
        hint = QLabel(
            "To keep the data elsewhere, set the WORKBENCH_HOME environment variable to a folder and "
            "restart; move your data there with File ▸ Back up store and Restore from backup."
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        name, threshold = self.reviewer.text(), self.threshold.value()

        def save(session) -> None:
            set_reviewer_name(session, name)
            set_screening_threshold(session, threshold)

        try:
            self.ctx.write(save, (topics.SETTINGS,))
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return
        save_str(ORGANISATION_KEY, self.organisation.text())
        save_str(THEME_KEY, self.theme.currentData())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.choose(app, self.theme.currentData())
            window = self.parentWidget()
            if window is not None and hasattr(window, "restyle"):
                window.restyle()
        super().accept()
