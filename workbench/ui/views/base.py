"""The base of every main view: a title, refresh on relevant changes, optional search focus."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from workbench.ui.context import AppContext


class View(QWidget):
    """A page of the main window; subclasses set `key`, `title`, `topics` and fill `body`."""

    key = ""
    title = ""
    #: change topics (see workbench.ui.context) that make this view refresh
    topics: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 12)
        outer.setSpacing(10)
        header = QHBoxLayout()
        heading = QLabel(self.title)
        heading.setObjectName("viewTitle")
        header.addWidget(heading)
        header.addStretch(1)
        self.header_tools = header
        outer.addLayout(header)
        self.body = outer
        ctx.changed.connect(self._on_changed)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & self.topics:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        """Reload what the view shows from the core."""

    def restyle(self) -> None:
        """Re-render rich text that carries scheme colours (after a light/dark switch)."""

    def settle_edits(self) -> bool:
        """Before the window closes: save or discard unsaved edits (asking); False to stay open."""
        return True

    def focus_search(self) -> bool:
        """Put the cursor in this view's search field; False if it has none."""
        return False
