"""Help ▸ User guide: the shipped guide (offline), with a search box that finds and highlights text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.resources import resource


def guide_text() -> str:
    """The user guide (Markdown), as shipped in the app."""
    return resource("guide", "user_guide.md").read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """The user guide with find-as-you-type; Return finds the next match, from the top again at the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Workbench user guide")
        self.resize(820, 760)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the guide (e.g. HS code, backup, Withhold Release Order)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.find(from_top=True))
        self.search.returnPressed.connect(self.find)
        self.next_button = QPushButton("Find next")
        self.next_button.clicked.connect(self.find)
        self.result = QLabel()
        self.result.setObjectName("muted")
        row.addWidget(self.search, 1)
        row.addWidget(self.next_button)
        row.addWidget(self.result)
        layout.addLayout(row)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setMarkdown(guide_text())
        layout.addWidget(self.text, 1)

    def find(self, from_top: bool = False) -> bool:
        """Select the next occurrence of the search text; True when found."""
        needle = self.search.text().strip()
        self.result.clear()
        if not needle:
            return False
        if from_top:
            self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
        found = self.text.find(needle)
        if not found:  # wrap around once
            self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
            found = self.text.find(needle)
        count = self.text.document().toPlainText().lower().count(needle.lower())
        self.result.setText(f"{count} found" if found else "Not found")
        return bool(found)
