"""Screening & Review: run screening in the background, then decide on each hit with its evidence."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.cases.decisions import decide, get_reviewer_name, set_reviewer_name
from workbench.cases.errors import ValidationError
from workbench.cases.indicators import prefill_from_measures
from workbench.lists.formats import FORMATS
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.html_text import definition_list, esc, highlight, link
from workbench.ui.models.hits import STATUS_LABELS, HitRecord, HitsModel, load_hit, load_hits
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
    if r.decisions:
        items = "".join(
            f"<li><b>{esc(STATUS_LABELS.get(d.status, d.status))}</b> by {esc(d.reviewer)} on "
            f"{esc(d.decided_at.strftime('%Y-%m-%d %H:%M'))}: {esc(d.rationale)}</li>"
            for d in r.decisions
        )
        parts.append(f"<h4>Decisions</h4><ul>{items}</ul>")
    return "".join(parts)


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
        self.table = row_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel("No hits waiting for review. Screen your suppliers to find out.")
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)

        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(True)
        decision = QWidget()
        d_layout = QVBoxLayout(decision)
        d_layout.setContentsMargins(0, 6, 0, 0)
        d_layout.addWidget(QLabel("<b>Rationale</b> (required: say why this is or is not the listed party)"))
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText(
            "e.g. Same registration number and address as the listed entity / different company: other "
            "province, other business"
        )
        self.rationale.setFixedHeight(70)
        self.rationale.setTabChangesFocus(True)
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
        right.addWidget(decision)
        right.setStretchFactor(0, 1)
        right.setCollapsible(1, False)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 820])
        self.body.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self._skip_refresh = False
        self.refresh()

    # ---------------------------------------------------------------- data

    def refresh(self) -> None:
        """Re-read the hits waiting for review (in the background: one query per hit's decisions)."""
        if self._skip_refresh:
            self._skip_refresh = False
            return
        self.ctx.reader.start(
            "Loading hits",
            lambda session, _state: load_hits(session),
            success=self._show_hits,
            key="review-hits",
        )

    def _show_hits(self, records: list[HitRecord]) -> None:
        current = self.current()
        self.model.set_records(records)
        self.empty.setVisible(self.model.rowCount() == 0)
        row = self.model.row_of(current.id) if current else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.select_row(row)
        else:
            self._show_current()
        self.hits_loaded.emit()

    def current(self) -> HitRecord | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.records):
            return None
        return self.model.records[index.row()]

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        self._show_current()

    def select_match(self, match_id: int) -> bool:
        row = self.model.row_of(match_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def _show_current(self) -> None:
        record = self.current()
        enabled = record is not None
        for w in (self.confirm_button, self.dismiss_button, self.escalate_button, self.rationale):
            w.setEnabled(enabled)
        self.rationale_error.hide()
        if record is None:
            self.detail.setHtml("<p>Select a hit to see the evidence.</p>" if self.model.rowCount() else "")
            return
        self.detail.setHtml(review_html(record))
        self.ctx.select_supplier(record.supplier_id)

    def restyle(self) -> None:
        self._show_current()

    def step_unreviewed(self, step: int) -> bool:
        """Move to the next (step=1) or previous (step=-1) unreviewed hit; False when there is none."""
        rows = len(self.model.records)
        if not rows:
            return False
        index = self.table.currentIndex()
        start = index.row() if index.isValid() else (-1 if step > 0 else rows)
        row = start + step
        while 0 <= row < rows:
            if self.model.records[row].unreviewed:
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

        def write(session) -> HitRecord:
            decide(session, record.id, status, rationale)
            if status == "confirmed":
                prefill_from_measures(session, record.supplier_id)
            return load_hit(session, record.id)

        try:
            updated = self.ctx.write(write)
        except ValidationError as exc:
            self._show_error("; ".join(exc.errors.values()))
            return False
        self.model.replace(updated)
        self.rationale.clear()
        self.rationale_error.hide()
        self._skip_refresh = True
        self.ctx.announce(topics.MATCHES, topics.INDICATORS, topics.SUPPLIERS)
        self._skip_refresh = False
        self.ctx.status.emit(f"{STATUS_LABELS[status]}: {record.supplier_name} ↔ {record.entity_name}")
        if not self.step_unreviewed(1):
            self._show_current()
        return True

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

    def focus_search(self) -> bool:
        return False
