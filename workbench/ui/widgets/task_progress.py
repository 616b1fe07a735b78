"""The status bar's view of background work: the newest running task, its progress, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from workbench.ui.worker import Task

LABEL_WIDTH = 320


class TaskProgress(QWidget):
    """Status-bar progress of the newest running background task, with a Cancel button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setMaximumWidth(LABEL_WIDTH)  # long messages are elided, never drawn under the bar
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.cancel = QPushButton("Cancel")
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.tasks: list[Task] = []
        self.last: dict[int, tuple[int, int, str]] = {}
        self.cancel.clicked.connect(self._cancel)
        self.hide()

    @property
    def task(self) -> Task | None:
        return self.tasks[-1] if self.tasks else None

    def track(self, task: Task) -> None:
        self.tasks.append(task)
        task.progress.connect(lambda d, t, m: self._progress(task, d, t, m))
        self._show()

    def untrack(self, task: Task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
            self.last.pop(id(task), None)
        self._show()

    def _show(self) -> None:
        task = self.task
        if task is None:
            self.hide()
            return
        done, total, message = self.last.get(id(task), (0, 0, ""))
        self.set_label(message or task.label)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(done)
        self.cancel.setEnabled(not task.state.cancelled)
        self.show()

    def set_label(self, text: str) -> None:
        """Show `text`, elided to the label's width (the whole text in the tooltip)."""
        elided = self.label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, LABEL_WIDTH)
        self.label.setText(elided)
        self.label.setToolTip(text if elided != text else "")

    def _progress(self, task: Task, done: int, total: int, message: str) -> None:
        self.last[id(task)] = (done, total, message)
        if task is self.task:
            self._show()

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel.setEnabled(False)
            self.set_label("Cancelling…")
