"""Dashboard: where the portfolio stands (ratings, open hits, Xinjiang nexus) and what data it rests on."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from workbench.measures.catalogue import list_measures
from workbench.measures.dataset import installed_version
from workbench.resources import load_json
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.html_text import esc
from workbench.ui.views.base import View


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


class DashboardView(View):
    """Cards with the key counts, the risk distribution chart, alerts and the dataset's coverage."""

    key = "dashboard"
    title = "Dashboard"
    topics = frozenset({topics.SUPPLIERS, topics.MATCHES, topics.INDICATORS, topics.LISTS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.cards_row = QGridLayout()
        self.cards_row.setSpacing(12)
        self.body.addLayout(self.cards_row)
        self.middle = QHBoxLayout()
        self.middle.setSpacing(12)
        self.body.addLayout(self.middle, 1)

        self.dataset_box = QFrame()
        self.dataset_box.setObjectName("card")
        box = QVBoxLayout(self.dataset_box)
        box.setContentsMargins(14, 10, 14, 10)
        self.dataset_label = QLabel()
        self.dataset_label.setWordWrap(True)
        self.dataset_label.setOpenExternalLinks(True)
        box.addWidget(self.dataset_label)
        box.addStretch(1)
        self.body.addWidget(self.dataset_box)
        self.refresh()

    def refresh(self) -> None:
        self._refresh_dataset()

    def _refresh_dataset(self) -> None:
        def query(session):
            info = installed_version(session)
            return info, list_measures(session)

        info, measures = self.ctx.read(query)
        version = esc(info.version) if info else "not loaded"
        as_of = esc(info.as_of.isoformat()) if info and info.as_of else "unknown date"
        authorities = sorted({m.authority for m in measures})
        coverage = dataset_coverage()
        self.dataset_label.setText(
            f"<b>Measures dataset {version}</b> — as of {as_of}: {len(measures)} measures from "
            f"{len(authorities)} authorities, "
            f"{sum(len(m.targets) for m in measures)} named parties."
            + (f"<br><span>{esc(coverage)}</span>" if coverage else "")
        )
