"""Dashboard: where the portfolio stands (ratings, open hits, Xinjiang nexus) and what data it rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.measures.catalogue import list_measures
from workbench.measures.dataset import installed_version
from workbench.resources import load_json
from workbench.ui import context as topics
from workbench.ui import theme
from workbench.ui.context import AppContext
from workbench.ui.html_text import esc, link
from workbench.ui.views.base import View
from workbench.ui.widgets.cards import Card
from workbench.ui.widgets.chart import Bar, BarChart

if TYPE_CHECKING:
    from workbench.cases.portfolio import PortfolioSummary

LEVEL_TITLES = (("severe", "Severe"), ("high", "High"), ("medium", "Medium"), ("low", "Low"))
TASK_KEY = "dashboard"
COMPUTING = "Computing…"
GETTING_STARTED = (
    "Getting started:",
    "1. File ▸ Settings: enter your name (it signs decisions and memos).",
    "2. Suppliers ▸ New supplier (Ctrl+N), or File ▸ Import suppliers for a CSV or Excel file.",
    "3. Screen them: Screen selected in Suppliers, or F5 to screen all.",
    "4. Screening & Review: confirm, dismiss or escalate each hit with your reasons.",
    "5. Indicators: assess the ILO forced-labour indicators; the risk rating updates.",
    "6. Memos: export a signed due-diligence memo (Ctrl+E).",
)
STARTUP_DELAY_MS = 300


def dataset_coverage() -> str:
    """The shipped dataset's own statement of what it covers (and does not)."""
    try:
        data = load_json("measures", "measures.json")
    except (FileNotFoundError, ValueError):
        return ""
    coverage = data.get("coverage", "")
    if isinstance(coverage, dict):
        return " ".join(str(v) for v in coverage.values())
    if isinstance(coverage, list):
        return " ".join(str(v) for v in coverage)
    return str(coverage)


def alert_text(summary: PortfolioSummary) -> str:
    """The banner: hits found or changed after the reviewer's last decision, and nothing older."""
    n, s = summary.new_since_review, summary.suppliers_with_new
    if not n:
        return ""
    text = (
        f"<b>{n} new hit{'s' if n != 1 else ''} since your last review</b> at {s} "
        f"supplier{'s' if s != 1 else ''} you had already reviewed: found or changed by a screening after "
        "your last decision there (the lists or the measures changed). Check the new evidence."
    )
    older = summary.older_unreviewed
    if older:
        verb = "awaits" if older == 1 else "await"
        text += (
            f" {older} older hit{'s' if older != 1 else ''} found before your review still {verb} a decision."
        )
    return text


def _shorten(text: str, limit: int = 150) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def linkify(text: str) -> str:
    """Escape `text` and turn its http(s) URLs into links."""
    out = []
    for word in text.split(" "):
        stripped = word.rstrip(",.;)")
        tail = word[len(stripped) :]
        out.append(link(stripped) + esc(tail) if stripped.startswith(("http://", "https://")) else esc(word))
    return " ".join(out)


class DashboardView(View):
    """Cards with the key counts, the risk distribution chart, alerts and the dataset's coverage."""

    key = "dashboard"
    title = "Dashboard"
    topics = frozenset({topics.SUPPLIERS, topics.MATCHES, topics.INDICATORS, topics.LISTS})
    open_view = Signal(str)  # a card or alert asks the window to show a view
    filter_suppliers = Signal(object)  # a card or bar asks for the suppliers with a rating (None: all)
    summary_ready = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.summary: PortfolioSummary | None = None
        self.alert = QFrame()
        self.alert.setObjectName("alert")
        alert_row = QHBoxLayout(self.alert)
        alert_row.setContentsMargins(12, 8, 12, 8)
        self.alert_text = QLabel()
        self.alert_text.setWordWrap(True)
        self.alert_button = QPushButton("Review now")
        self.alert_button.clicked.connect(lambda: self.open_view.emit("review"))
        alert_row.addWidget(self.alert_text, 1)
        alert_row.addWidget(self.alert_button)
        self.alert.hide()
        self.body.addWidget(self.alert)

        cards = QGridLayout()
        cards.setSpacing(12)
        self.cards = {
            "suppliers": Card("Suppliers"),
            "high": Card("High or severe risk"),
            "presumption": Card("UFLPA presumption applies"),
            "nexus": Card("Suppliers with a Xinjiang nexus"),
            "unreviewed": Card("Hits awaiting review"),
        }
        risk_filters = {
            "suppliers": None,
            "high": "high_or_severe",
            "presumption": "presumption",
            "nexus": "nexus",
        }
        for i, (key, card) in enumerate(self.cards.items()):
            cards.addWidget(card, 0, i)
            if key in risk_filters:
                card.clicked.connect(lambda k=key: self.filter_suppliers.emit(risk_filters[k]))
            else:
                card.clicked.connect(lambda: self.open_view.emit("review"))
        self.body.addLayout(cards)

        middle = QHBoxLayout()
        middle.setSpacing(12)
        chart_box = QFrame()
        chart_box.setObjectName("card")
        chart_layout = QVBoxLayout(chart_box)
        self.chart = BarChart("Suppliers by risk rating")
        self.chart.empty_text = COMPUTING
        self.chart.bar_clicked.connect(lambda i: self.filter_suppliers.emit(LEVEL_TITLES[i][0]))
        chart_layout.addWidget(self.chart)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("muted")
        chart_layout.addWidget(self.progress_label)
        heading = QLabel("<b>Highest risk</b> (double-click to assess)")
        chart_layout.addWidget(heading)
        self.top_list = QListWidget()
        self.top_list.setWordWrap(True)
        self.top_list.itemActivated.connect(self._open_supplier)
        chart_layout.addWidget(self.top_list, 1)
        middle.addWidget(chart_box, 3)

        self.dataset_box = QFrame()
        self.dataset_box.setObjectName("card")
        box = QVBoxLayout(self.dataset_box)
        box.setContentsMargins(14, 10, 14, 10)
        self.dataset_label = QLabel()
        self.dataset_label.setWordWrap(True)
        self.dataset_label.setOpenExternalLinks(True)
        box.addWidget(self.dataset_label)
        box.addStretch(1)
        middle.addWidget(self.dataset_box, 2)
        self.body.addLayout(middle, 1)
        self._refresh_dataset()
        self.progress_label.setText("Updating…")
        # Rating every supplier is heavy Python work; start it once the window has painted.
        QTimer.singleShot(STARTUP_DELAY_MS, self.refresh)

    def refresh(self) -> None:
        """Recompute the figures in the background (a newer request replaces a running one)."""
        if self.ctx.runner.closed:  # the window closed before the delayed first update
            return
        from workbench.cases.portfolio import portfolio_summary  # heavy imports: not on the start-up path

        self.progress_label.setText("Updating…")
        self.ctx.runner.start(
            "Updating the dashboard",
            portfolio_summary,
            success=self.show_summary,
            progress=lambda d, t, m: self.progress_label.setText(m),
            key=TASK_KEY,
        )

    def show_summary(self, summary: PortfolioSummary) -> None:
        self.summary = summary
        risk = theme.current().risk
        self.cards["suppliers"].set_value(summary.suppliers)
        high = summary.by_level.get("high", 0) + summary.by_level.get("severe", 0)
        self.cards["high"].set_value(high, risk["high"] if high else None)
        self.cards["presumption"].set_value(
            summary.presumption, risk["severe"] if summary.presumption else None
        )
        self.cards["nexus"].set_value(summary.nexus, risk["severe"] if summary.nexus else None)
        self.cards["unreviewed"].set_value(
            summary.unreviewed_hits, risk["medium"] if summary.unreviewed_hits else None
        )
        self.chart.empty_text = "Add suppliers to see how their risk is distributed."
        self.chart.set_bars(
            [Bar(title, summary.by_level.get(level, 0), risk[level]) for level, title in LEVEL_TITLES]
        )
        self.progress_label.setText("")
        self.top_list.clear()
        for sid, name, level, reason in summary.top:
            item = QListWidgetItem(f"{level.capitalize()} · {name}\n{_shorten(reason)}")
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setForeground(QColor(risk[level]))
            self.top_list.addItem(item)
        if summary.suppliers == 0:
            for step in GETTING_STARTED:
                self.top_list.addItem(step)
        elif not summary.top:
            self.top_list.addItem("No supplier is rated high or severe.")
        self.alert_text.setText(alert_text(summary))
        self.alert.setVisible(bool(summary.new_since_review))
        self.summary_ready.emit(summary)

    def restyle(self) -> None:
        if self.summary is not None:
            self.show_summary(self.summary)
        text = self.dataset_label.text()
        self.dataset_label.clear()  # links take the new palette's colour only when the text is set again
        self.dataset_label.setText(text)

    def _open_supplier(self, item: QListWidgetItem) -> None:
        sid = item.data(Qt.ItemDataRole.UserRole)
        if sid is not None:
            self.ctx.select_supplier(int(sid))
            self.open_view.emit("indicators")

    def _refresh_dataset(self) -> None:
        """Describe the measures dataset (read in the background; the query loads every measure)."""

        def query(session, _state):
            return installed_version(session), list_measures(session)

        self.ctx.runner.start(
            "Reading the measures dataset", query, success=self._show_dataset, key="dataset"
        )

    def _show_dataset(self, result) -> None:
        info, measures = result
        version = esc(info.version) if info else "not loaded"
        as_of = esc(info.as_of.isoformat()) if info and info.as_of else "unknown date"
        authorities = sorted({m.authority for m in measures})
        coverage = dataset_coverage()
        self.dataset_label.setText(
            f"<b>Measures dataset {version}</b> (as of {as_of})<br>{len(measures)} measures from "
            f"{len(authorities)} authorities, {sum(len(m.targets) for m in measures)} named parties."
            + (f"<p style='margin-top:6px'>{linkify(coverage)}</p>" if coverage else "")
        )
