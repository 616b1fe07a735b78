"""Screening & Review: run screening in the background, then decide, revise or undo with the evidence.

The list shows the hits waiting for review or any status (search by name, sort by any column);
the selected hit's evidence, its decision history, and the decision (or revision) form are on the
right. A decision is refused, and the list reloaded, when someone else changed the hit after it
was shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from workbench.cases.decisions import HitChanged, get_reviewer_name, set_reviewer_name, undo_last
from workbench.cases.errors import ValidationError
from workbench.cases.hits import NEEDS_REVIEW, record_decision
from workbench.lists.formats import FORMATS
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.html_text import definition_list, esc, highlight, link
from workbench.ui.models.hits import (
    ACTION_LABELS,
    SEARCH_ROLE,
    SORT_ROLE,
    STATUS_LABELS,
    HitRecord,
    HitsModel,
    load_hit,
    load_hits,
)
from workbench.ui.models.measures import kind_label
from workbench.ui.screening_actions import TASK_KEY, screen_suppliers_in_background
from workbench.ui.views.base import View
from workbench.ui.widgets.tables import row_table
from workbench.ui.worker import Task


def review_html(r: HitRecord) -> str:
    """The hit side by side with the supplier, why it matched, and the measures behind the listing."""
    query_tokens, listed_tokens = r.agreeing_tokens()
    both = [*query_tokens, *listed_tokens, *r.shared_words()]
    status = STATUS_LABELS.get(r.status, r.status)
    parts = [f"<h3>Score {r.score:.0f} of 100 · {esc(status)}</h3>"]
    if r.change_note and r.changed:
        parts.append(f"<p><b>Since the last review:</b> {esc(r.change_note)}</p>")
    left = [
        ("Name", highlight(r.supplier_name, both)),
        ("Local name", highlight(r.supplier_local_name, both)),
        ("Other names", highlight("; ".join(r.supplier_aliases), both)),
        ("Country", esc(r.supplier_country)),
        ("Region", esc(r.supplier_region)),
        ("Address", esc(r.supplier_address)),
    ]
    right = [
        ("Name", highlight(r.entity_name, both)),
        ("Matched name", highlight(r.matched_name, both)),
        ("Source", esc("built-in measures" if r.entity_key.startswith("builtin:") else "imported list")),
    ]
    parts.append(
        '<table width="100%" cellspacing="0" cellpadding="6"><tr>'
        f'<td width="50%" valign="top"><b>Your supplier</b><br>{definition_list(left)}</td>'
        f'<td width="50%" valign="top"><b>Listed entity</b><br>{definition_list(right)}</td>'
        "</tr></table>"
    )
    if r.features:
        rows = "".join(
            f"<tr><td>{esc(f.get('name', ''))}</td><td align='right'>{float(f.get('score', 0)):.2f}</td>"
            f"<td align='right'>{float(f.get('weight', 0)):g}</td><td>{esc(f.get('detail', ''))}</td></tr>"
            for f in r.features
        )
        parts.append(
            "<h4>Feature scores</h4><table cellspacing='0' cellpadding='3' width='100%'>"
            "<tr><th align='left'>Feature</th><th align='right'>Score</th><th align='right'>Weight</th>"
            f"<th align='left'>What was compared</th></tr>{rows}</table>"
        )
    for m in r.measures:
        sources = "<br>".join(link(u) for u in dict.fromkeys(m.get("sources", []) or []))
        rows = [
            ("Authority", esc(m.get("authority", ""))),
            ("Kind", esc(_kind(str(m.get("kind", ""))))),
            ("Date", esc(m.get("date") or "not recorded")),
            ("Legal basis", esc(m.get("legal_basis", ""))),
            ("Source", sources),
        ]
        parts.append(f"<h4>Listed under: {esc(m.get('title', m.get('measure_id', '')))}</h4>")
        parts.append(definition_list(rows))
    if r.sentences:
        items = "".join(f"<li>{esc(s)}</li>" for s in r.sentences)
        parts.append(f"<h4>Evidence</h4><ul>{items}</ul>")
    return "".join(parts)


STATUS_FILTERS = (
    (NEEDS_REVIEW, "Needs review"),
    ("pending", "Unreviewed"),
    ("confirmed", "Confirmed"),
    ("dismissed", "Dismissed"),
    ("escalated", "Escalated"),
    ("all", "All hits"),
)
HISTORY_COLUMNS = ("When (UTC)", "Reviewer", "Step", "Rationale")


def _kind(kind: str) -> str:
    """A measure kind, or for an imported list the list format's title."""
    fmt = FORMATS.get(kind)
    return fmt.title if fmt is not None else kind_label(kind)


class ReviewView(View):
    """Hits waiting for review on the left, the selected hit's evidence and the decision on the right."""

    key = "review"
    title = "Screening & Review"
    topics = frozenset({topics.MATCHES, topics.SUPPLIERS, topics.LISTS})
    hits_loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.screen_all_button = QPushButton("Screen all suppliers")
        self.screen_all_button.setToolTip("Screen every supplier again (F5 in this view)")
        self.progress = QProgressBar()
        self.progress.setFixedWidth(220)
        self.progress.hide()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("muted")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        for w in (self.progress_label, self.progress, self.cancel_button, self.screen_all_button):
            self.header_tools.addWidget(w)
        self.screen_all_button.clicked.connect(self.screen_all)
        self.cancel_button.clicked.connect(self.cancel_screening)
        self.task: Task | None = None

        self.model = HitsModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = row_table(self.proxy)
        self.table.setWordWrap(True)  # long names wrap onto a second line rather than being cut
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the core's order until a header is clicked
        self.table.setSortingEnabled(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search supplier or listed names…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.status_filter = QComboBox()
        for key, label in STATUS_FILTERS:
            self.status_filter.addItem(label, key)
        self.status_filter.setToolTip("Which hits to list: those waiting for review, one status, or all")
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.supplier_only = QCheckBox("This supplier only")
        self.supplier_only.setToolTip("List only the hits of the supplier you are working on")
        self.supplier_only.toggled.connect(lambda _on: self.refresh())
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.supplier_only)
        self.empty = QLabel("No hits waiting for review. Screen your suppliers to find out.")
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)

        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(True)
        decision = QWidget()
        d_layout = QVBoxLayout(decision)
        d_layout.setContentsMargins(0, 6, 0, 0)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        d_layout.addWidget(self.decision_label)
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText(
            "e.g. Same registration number and address as the listed entity / different company: other "
            "province, other business"
        )
        self.rationale.setFixedHeight(70)
        self.rationale.setTabChangesFocus(True)
        self.rationale.installEventFilter(self)
        d_layout.addWidget(self.rationale)
        self.rationale_error = QLabel()
        self.rationale_error.setObjectName("fieldError")
        self.rationale_error.setWordWrap(True)
        self.rationale_error.hide()
        d_layout.addWidget(self.rationale_error)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("&Confirm match")
        self.dismiss_button = QPushButton("&Dismiss")
        self.escalate_button = QPushButton("&Escalate")
        self.confirm_button.setToolTip("The supplier is the listed entity (Alt+C)")
        self.dismiss_button.setToolTip("A false positive: a different company (Alt+D)")
        self.escalate_button.setToolTip("Needs a senior reviewer or more information (Alt+E)")
        self.prev_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next unreviewed ▶")
        self.prev_button.setToolTip("Previous unreviewed hit (Ctrl+K)")
        self.next_button.setToolTip("Next unreviewed hit (Ctrl+J)")
        for b in (self.confirm_button, self.dismiss_button, self.escalate_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.prev_button)
        buttons.addWidget(self.next_button)
        d_layout.addLayout(buttons)
        self.confirm_button.clicked.connect(lambda: self.decide_current("confirmed"))
        self.dismiss_button.clicked.connect(lambda: self.decide_current("dismissed"))
        self.escalate_button.clicked.connect(lambda: self.decide_current("escalated"))
        self.prev_button.clicked.connect(lambda: self.step_unreviewed(-1))
        self.next_button.clicked.connect(lambda: self.step_unreviewed(1))
        QShortcut(
            QKeySequence("Ctrl+Return"), self.rationale, activated=lambda: self.decide_current("confirmed")
        )

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.detail)
        right.addWidget(self._history_panel())
        right.addWidget(decision)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setCollapsible(2, False)
        right.setSizes([420, 220, 180])
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 5)
        split.setSizes([580, 720])
        self.body.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self._skip_refresh = False
        self.refresh()

    def _history_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Decision history</b> (every decision, revision and undo is kept)"), 1)
        self.undo_button = QPushButton("&Undo last decision")
        self.undo_button.setToolTip(
            "Take back the standing decision; the hit returns to its previous status (Ctrl+Z right after "
            "deciding)"
        )
        self.undo_button.clicked.connect(self.undo_current)
        top.addWidget(self.undo_button)
        layout.addLayout(top)
        self.history = QTableWidget(0, len(HISTORY_COLUMNS))
        self.history.setHorizontalHeaderLabels(HISTORY_COLUMNS)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setWordWrap(True)
        header = self.history.horizontalHeader()
        for col in range(len(HISTORY_COLUMNS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HISTORY_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.history.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.history, 1)
        return panel

    # ---------------------------------------------------------------- data

    def status_key(self) -> str:
        """The status filter chosen (one of `workbench.cases.hits.STATUS_FILTERS`)."""
        return str(self.status_filter.currentData())

    def refresh(self) -> None:
        """Re-read the hits in the chosen status (in the background)."""
        if self._skip_refresh:
            self._skip_refresh = False
            return
        status = self.status_key()
        supplier_id = self.ctx.current_supplier if self.supplier_only.isChecked() else None
        self.ctx.reader.start(
            "Loading hits",
            lambda session, _state: load_hits(session, status, supplier_id),
            success=self._show_hits,
            key="review-hits",
        )

    def _show_hits(self, records: list[HitRecord]) -> None:
        current = self.current()
        self.model.set_records(records)
        self._after_rows_changed(current.id if current else None)
        self.hits_loaded.emit()

    def _search(self, text: str) -> None:
        current = self.current()
        self.proxy.setFilterFixedString(" ".join(text.split()))
        self._after_rows_changed(current.id if current else None)

    def _after_rows_changed(self, keep_id: int | None) -> None:
        rows = self.proxy.rowCount()
        # Wrapped names need taller rows, kept fitting as columns resize; beyond 500 rows measuring
        # every row costs too much and the tooltips show the full names.
        fit = QHeaderView.ResizeMode.ResizeToContents if rows <= 500 else QHeaderView.ResizeMode.Interactive
        self.table.verticalHeader().setSectionResizeMode(fit)
        self.empty.setText(self._empty_text())
        self.empty.setVisible(rows == 0)
        row = self.row_of(keep_id) if keep_id is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.select_row(row)
        else:
            self._show_current()

    def _empty_text(self) -> str:
        if self.model.rowCount():
            return "No hit matches the search."
        if self.status_key() == NEEDS_REVIEW:
            return "No hits waiting for review. Screen your suppliers to find out."
        return f"No hits with the status “{self.status_filter.currentText()}”."

    def record_at(self, row: int) -> HitRecord:
        """The record shown in table row `row` (after sorting and search)."""
        return self.model.records[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]

    def row_of(self, match_id: int) -> int | None:
        """The table row showing hit `match_id`, if the search lets it show."""
        source = self.model.row_of(match_id)
        if source is None:
            return None
        index = self.proxy.mapFromSource(self.model.index(source, 0))
        return index.row() if index.isValid() else None

    def current(self) -> HitRecord | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.proxy.rowCount():
            return None
        return self.record_at(index.row())

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        self._show_current()

    def select_match(self, match_id: int) -> bool:
        row = self.row_of(match_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def _show_current(self) -> None:
        record = self.current()
        enabled = record is not None
        for w in (self.confirm_button, self.dismiss_button, self.escalate_button, self.rationale):
            w.setEnabled(enabled)
        self.undo_button.setEnabled(record is not None and record.standing is not None)
        self.rationale_error.hide()
        self._show_history(record)
        if record is None:
            self.decision_label.setText("<b>Rationale</b>")
            self.detail.setHtml("<p>Select a hit to see the evidence.</p>" if self.proxy.rowCount() else "")
            return
        if record.standing is None:
            self.decision_label.setText(
                "<b>Rationale</b> (required: say what you compared and why this is or is not the listed "
                "party)"
            )
        else:
            self.decision_label.setText(
                f"<b>Revise the decision</b> ({esc(STATUS_LABELS.get(record.status, record.status))} by "
                f"{esc(record.standing.reviewer)}): a revision is a new decision with its own rationale; "
                "the current one stays in the history."
            )
        self.detail.setHtml(review_html(record))
        self.ctx.select_supplier(record.supplier_id)

    def _show_history(self, record: HitRecord | None) -> None:
        steps = list(reversed(record.decisions)) if record is not None else []
        self.history.setRowCount(len(steps))
        for row, d in enumerate(steps):
            step = f"{ACTION_LABELS.get(d.action, d.action)}\n→ {STATUS_LABELS.get(d.status, d.status)}"
            cells = (
                d.decided_at.strftime("%Y-%m-%d\n%H:%M"),
                d.reviewer,
                step + ("\n(undone)" if d.undone else ""),
                d.rationale,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if col == len(cells) - 1 else "")
                if d.undone:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                self.history.setItem(row, col, item)

    def restyle(self) -> None:
        self._show_current()

    def step_unreviewed(self, step: int) -> bool:
        """Move to the next (step=1) or previous (step=-1) unreviewed hit; False when there is none."""
        rows = self.proxy.rowCount()
        if not rows:
            return False
        index = self.table.currentIndex()
        start = index.row() if index.isValid() else (-1 if step > 0 else rows)
        row = start + step
        while 0 <= row < rows:
            if self.record_at(row).unreviewed:
                self.select_row(row)
                self.rationale.setFocus()
                return True
            row += step
        self.ctx.status.emit("No more unreviewed hits in that direction.")
        return False

    # ---------------------------------------------------------------- decisions

    def ask_reviewer_name(self) -> str:
        """Ask for the reviewer name once (a seam the tests replace)."""
        name, ok = QInputDialog.getText(
            self, "Your name", "Your name as it should appear on decisions, audit entries and memos:"
        )
        return name if ok else ""

    def decide_current(self, status: str) -> bool:
        """Record Confirm/Dismiss/Escalate with the typed rationale; False if refused."""
        record = self.current()
        if record is None:
            return False
        rationale = self.rationale.toPlainText()
        if not self.ctx.read(get_reviewer_name) and rationale.strip():
            name = self.ask_reviewer_name()
            if not name.strip():
                return False
            try:
                self.ctx.write(lambda s: set_reviewer_name(s, name), (topics.SETTINGS,))
            except ValidationError as exc:
                self._show_error("; ".join(exc.errors.values()))
                return False

        def write(session: Session) -> HitRecord:
            record_decision(session, record.id, status, rationale, expected_version=record.version)
            return load_hit(session, record.id)

        try:
            updated = self.ctx.write(write)
        except ValidationError as exc:
            self._show_error("; ".join(exc.errors.values()))
            return False
        except HitChanged as exc:
            self.refused(exc)
            return False
        verb = "Revised" if record.standing is not None else STATUS_LABELS[status]
        self._updated(updated, f"{verb}: {record.supplier_name} ↔ {record.entity_name}")
        self.rationale.clear()
        self.ctx.undo.push(DecisionCommand(self, updated, status, rationale))
        if not self.step_unreviewed(1):
            self._show_current()
        return True

    def undo_current(self) -> bool:
        """Undo the selected hit's standing decision; False if there is none or it was refused."""
        record = self.current()
        if record is None or record.standing is None:
            return False
        return self.undo_decision_of(record.id, record.version)

    def undo_decision_of(self, match_id: int, version: int) -> bool:
        """Undo hit `match_id`'s standing decision if the hit is still at `version` (button, Ctrl+Z)."""
        return self._change(
            lambda s: undo_last(s, match_id, expected_version=version).match_id, match_id, "Decision undone"
        )

    def redecide(self, match_id: int, version: int, status: str, rationale: str) -> bool:
        """Record `status` with `rationale` again (redo after an undo) if the hit is still at `version`."""
        return self._change(
            lambda s: record_decision(s, match_id, status, rationale, expected_version=version).id,
            match_id,
            f"{STATUS_LABELS[status]} again",
        )

    def _change(self, op: Callable[[Session], int], match_id: int, message: str) -> bool:
        try:
            updated = self.ctx.write(lambda s: load_hit(s, op(s)))
        except HitChanged as exc:
            self.refused(exc)
            return False
        except ValidationError as exc:
            self.tell("Not recorded", str(exc))
            return False
        self._updated(updated, f"{message}: {updated.supplier_name} ↔ {updated.entity_name}")
        if self.current() is not None and self.current().id == match_id:
            self._show_current()
        return True

    def _updated(self, record: HitRecord, message: str) -> None:
        self.model.replace(record)
        self.rationale_error.hide()
        self._skip_refresh = True
        self.ctx.announce(topics.MATCHES, topics.INDICATORS, topics.SUPPLIERS)
        self._skip_refresh = False
        self.ctx.status.emit(message)

    def refused(self, exc: HitChanged) -> None:
        """Someone changed the hit after it was shown: say who and when, then reload the hits."""
        self.tell("The hit changed", str(exc))
        self.ctx.status.emit(f"Not recorded: hit {exc.match_id} changed meanwhile; the list was reloaded.")
        self.refresh()

    def tell(self, title: str, message: str) -> None:
        """Show a message box (a seam the tests replace)."""
        QMessageBox.warning(self, title, message)

    def _show_error(self, message: str) -> None:
        self.rationale_error.setText(message[:1].upper() + message[1:])
        self.rationale_error.show()
        self.rationale.setFocus()

    # ---------------------------------------------------------------- screening

    def screen_all(self) -> Task:
        """Screen every supplier; pressing it again restarts (the running one is cancelled)."""
        return self._start(None, "Screening all suppliers")

    def screen_supplier(self, supplier_id: int) -> Task:
        return self._start([supplier_id], "Screening one supplier")

    def rescreen(self) -> None:
        """F5 in this view: screen every supplier again."""
        self.screen_all()

    def _start(self, ids: list[int] | None, label: str) -> Task:
        task = screen_suppliers_in_background(self.ctx, ids, label, ended=self._task_done)
        self.task = task
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText(label + "…")
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        task.progress.connect(self._progress)
        return task

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if message:
            self.progress_label.setText(message)

    def _task_done(self, task: Task) -> None:
        if task is not self.task or self.ctx.runner.running(TASK_KEY) is not None:
            return
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.progress_label.setText(
            "Screening cancelled; nothing was changed." if task.state.cancelled else ""
        )

    def cancel_screening(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Cancelling…")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z / Ctrl+Shift+Z in a rationale with nothing to undo undo or redo the last decision."""
        if (
            watched is self.rationale
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
            and not self.rationale.document().isUndoAvailable()
            and not self.rationale.document().isRedoAvailable()
        ):
            event.ignore()  # not the editor's: the window's Undo/Redo shortcut takes it
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True


class DecisionCommand(QUndoCommand):
    """A decision taken in the review view: undo records an undo, redo records the decision again."""

    def __init__(self, view: ReviewView, record: HitRecord, status: str, rationale: str) -> None:
        super().__init__(f"{STATUS_LABELS[status]}: {record.supplier_name} ↔ {record.entity_name}")
        self.view, self.match_id, self.status, self.rationale = view, record.id, status, rationale
        self.version = record.version
        self._recorded = True  # push() calls redo(): the decision is already in the store

    def undo(self) -> None:
        if not self.view.undo_decision_of(self.match_id, self.version):
            self.setObsolete(True)
            return
        self.version += 1

    def redo(self) -> None:
        if self._recorded:
            self._recorded = False
            return
        if not self.view.redecide(self.match_id, self.version, self.status, self.rationale):
            self.setObsolete(True)
            return
        self.version += 1
