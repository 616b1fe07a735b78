"""Measures: browse and search the shipped measures dataset, with each record's provenance."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QWidget,
)

from workbench.measures.catalogue import MeasureRecord, list_measures
from workbench.measures.search import kind_label, user_confidence, without_research_notes
from workbench.ui.context import AppContext
from workbench.ui.html_text import definition_list, esc, link
from workbench.ui.models.measures import MeasuresFilter, MeasuresModel, measure_date
from workbench.ui.views.base import View


def measure_html(m: MeasureRecord) -> str:
    """The full record: what, who, when, legal basis, targets, and where it comes from."""
    rows = [
        ("Authority", esc(m.authority)),
        ("Kind", esc(kind_label(m.kind))),
        ("Announced", esc(m.announced.isoformat() if m.announced else "")),
        ("Effective", esc(m.effective.isoformat() if m.effective else "")),
        ("Legal basis", esc(m.legal_basis)),
        ("Products", esc(", ".join(m.products))),
        ("Sectors", esc(", ".join(m.sectors))),
        ("ILO indicators", esc(", ".join(i.replace("_", " ") for i in m.indicators))),
    ]
    parts = [f"<h3>{esc(m.title)}</h3>", definition_list(rows)]
    if m.summary:
        parts.append(f"<p>{esc(m.summary)}</p>")
    if m.targets:
        items = []
        for t in m.targets:
            extra = f" — also known as {esc('; '.join(t.aliases))}" if t.aliases else ""
            listed = f" (listed {esc(t.listed.isoformat())})" if t.listed else ""
            shown = without_research_notes(t.detail)
            detail = f"<br><i>{esc(shown)}</i>" if shown else ""
            items.append(f"<li><b>{esc(t.name)}</b> [{esc(t.type)}]{listed}{extra}{detail}</li>")
        parts.append(f"<h4>Named parties ({len(m.targets)})</h4><ul>{''.join(items)}</ul>")
    provenance = [
        ("Sources", "<br>".join(link(u) for u in m.sources)),
        ("Confidence", esc(user_confidence(m.confidence))),
    ]
    parts.append("<h4>Provenance</h4>" + definition_list(provenance))
    return "".join(parts)


class MeasuresView(View):
    """Table of measures with filters on the left, the selected record in full on the right."""

    key = "measures"
    title = "Measures"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, parties, aliases, products…")
        self.search.setClearButtonEnabled(True)
        self.authority = QComboBox()
        self.kind = QComboBox()
        self.sector = QComboBox()
        self.year = QComboBox()
        self.year.setMinimumContentsLength(8)
        for label, widget in (
            ("Authority", self.authority),
            ("Kind", self.kind),
            ("Sector", self.sector),
            ("Year", self.year),
        ):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(14)
            widget.setAccessibleName(label)
        filters.addWidget(self.search, 2)
        for widget in (self.authority, self.kind, self.sector, self.year):
            filters.addWidget(widget)
        self.body.addLayout(filters)

        self.model = MeasuresModel()
        self.proxy = MeasuresFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 230)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(True)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.body.addWidget(split, 1)
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.body.addWidget(self.count)

        self.search.textChanged.connect(self._apply_filters)
        for combo in (self.authority, self.kind, self.sector, self.year):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.refresh()

    def refresh(self) -> None:
        records = self.ctx.read(list_measures)
        self.model.set_records(records)
        self._fill(self.authority, "All authorities", sorted({m.authority for m in records}))
        self._fill(self.kind, "All kinds", sorted({m.kind for m in records}), kind_label)
        self._fill(self.sector, "All sectors", sorted({s for m in records for s in m.sectors}))
        years = sorted({d.year for m in records if (d := measure_date(m))}, reverse=True)
        self._fill(self.year, "All years", years, str)
        self._apply_filters()
        if self.proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, values: list, label=str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "" if not values or not isinstance(values[0], int) else 0)
        for value in values:
            combo.addItem(label(value), value)
        at = combo.findData(current)
        combo.setCurrentIndex(max(at, 0))
        combo.blockSignals(False)

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            text=self.search.text(),
            authority=self.authority.currentData() or "",
            kind=self.kind.currentData() or "",
            sector=self.sector.currentData() or "",
            year=self.year.currentData() or 0,
        )
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} measures shown")

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        record = self.model.record(self.proxy.mapToSource(rows[0]).row())
        self.detail.setHtml(measure_html(record))

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True
