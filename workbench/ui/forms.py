"""Form helpers: a field with its validation message shown right under it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget


class FieldErrors:
    """Keeps one message label per field name and shows `ValidationError.errors` next to the fields."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self.general = QLabel()
        self.general.setObjectName("fieldError")
        self.general.setWordWrap(True)
        self.general.hide()

    def add_row(self, form: QFormLayout, name: str, label: str, editor: QWidget) -> QWidget:
        """Add `editor` to `form` under `label`, with a hidden message label beneath it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        message = QLabel()
        message.setObjectName("fieldError")
        message.setWordWrap(True)
        message.hide()
        layout.addWidget(message)
        self.labels[name] = message
        form.addRow(label, box)
        return box

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()
        self.general.clear()
        self.general.hide()

    def show(self, errors: Mapping[str, str], prefix: str = "") -> None:
        """Put each message next to its field; messages for unknown fields go to the general label."""
        self.clear()
        rest = []
        for field, message in errors.items():
            name = field.removeprefix(prefix)
            label = self.labels.get(name)
            if label is None:  # a message about the whole form: shown without the internal field name
                rest.append(message[:1].upper() + message[1:])
                continue
            label.setText(message[:1].upper() + message[1:])
            label.show()
        if rest:
            self.general.setText("\n".join(rest))
            self.general.show()

    def message(self, name: str) -> str:
        label = self.labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""
