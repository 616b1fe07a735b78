"""Indicators: the 11 ILO indicators for one supplier, their assessment, and the resulting rating."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.cases.errors import NotFound, ValidationError
from workbench.cases.indicators import SOURCE_TYPES, STATUSES, Finding, findings_for, set_finding
from workbench.cases.risk import RiskRating, assess_supplier
from workbench.cases.versions import StaleEdit
from workbench.ui import context as topics
from workbench.ui import theme
from workbench.ui.context import AppContext
from workbench.ui.dialogs import show_error
from workbench.ui.forms import FieldErrors
from workbench.ui.html_text import esc, link
from workbench.ui.models.indicators import SOURCE_LABELS, STATUS_LABELS, IndicatorsModel, prefill_label
from workbench.ui.views.base import View
from workbench.ui.widgets.supplier_picker import SupplierPicker
from workbench.ui.widgets.tables import row_table

LEVEL_LABELS = {"low": "Low", "medium": "Medium", "high": "High", "severe": "Severe"}
NO_DATE = QDate(1900, 1, 1)  # the date picker's "no date" (shown as "—")


def date_picker() -> QDateEdit:
    """A date field with a calendar pop-up that can also be left empty ("—")."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate.currentDate())
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    edit.setMaximumWidth(160)
    return edit


def picked_date(edit: QDateEdit) -> date | None:
    """The picked date, or None for "—"."""
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


def rating_html(rating: RiskRating) -> str:
    """The rating with every reason (and its citations) and the recommended actions."""
    scheme = theme.current()
    color = scheme.risk.get(rating.level, scheme.text)
    parts = [
        f"<p style='font-size:13pt'><b>Risk: <span style='color:{color}'>"
        f"{esc(LEVEL_LABELS.get(rating.level, rating.level))}</span></b>"
        + (" · <b>UFLPA rebuttable presumption applies</b>" if rating.presumption else "")
        + (f" · {rating.pending_hits} hit(s) awaiting review" if rating.pending_hits else "")
        + "</p>"
    ]
    if rating.reasons:
        items = []
        for r in rating.reasons:
            cites = "; ".join(link(c.url, c.label) if c.url else esc(c.label) for c in r.citations)
            level = "info" if r.level == "info" else LEVEL_LABELS.get(r.level, r.level)
            items.append(
                f"<li><b>{esc(level)}</b>: {esc(r.text)}"
                + (f"<br><small>{cites}</small>" if cites else "")
                + "</li>"
            )
        parts.append(f"<h4>Why</h4><ul>{''.join(items)}</ul>")
    if rating.actions:
        items = "".join(
            f"<li><b>{esc(a.step)}</b>: {esc(a.text)} <small>({esc(a.basis)})</small></li>"
            for a in rating.actions
        )
        parts.append(f"<h4>Recommended actions</h4><ul>{items}</ul>")
    return "".join(parts)


class IndicatorsView(View):
    """Pick a supplier; assess each indicator with evidence; the rating updates as you save."""

    key = "indicators"
    title = "Indicators"
    topics = frozenset({topics.INDICATORS, topics.MATCHES, topics.SUPPLIERS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.picker = SupplierPicker(ctx)
        self.header_tools.insertWidget(1, QLabel("Supplier:"))
        self.header_tools.insertWidget(2, self.picker, 1)
        self.picker.chosen.connect(self.show_supplier)
        ctx.supplier_selected.connect(self._follow)
        self.supplier_id: int | None = None

        self.model = IndicatorsModel()
        self.table = row_table(self.model)
        header = self.table.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.shown_values: dict[str, Any] | None = None  # the form as last loaded or saved

        editor = QFrame()
        editor.setObjectName("card")
        e_layout = QVBoxLayout(editor)
        self.definition = QLabel()
        self.definition.setWordWrap(True)
        self.definition.setTextFormat(Qt.TextFormat.RichText)
        e_layout.addWidget(self.definition)
        self.prefill_note = QLabel()
        self.prefill_note.setObjectName("notice")
        self.prefill_note.setWordWrap(True)
        e_layout.addWidget(self.prefill_note)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(4)
        self.errors = FieldErrors()
        self.status = QComboBox()
        for s in STATUSES:
            self.status.addItem(STATUS_LABELS[s], s)
        self.evidence = QPlainTextEdit()
        self.evidence.setFixedHeight(76)
        self.evidence.setTabChangesFocus(True)
        self.evidence.setPlaceholderText("What was seen or reported, by whom")
        self.source_type = QComboBox()
        self.source_type.addItem("—", "")
        for s in SOURCE_TYPES:
            self.source_type.addItem(SOURCE_LABELS[s], s)
        self.source_ref = QLineEdit()
        self.source_ref.setPlaceholderText("Report title, interview id or URL")
        self.observed_on = date_picker()
        self.errors.add_row(form, "status", "Status", self.status)
        self.errors.add_row(form, "evidence", "Evidence", self.evidence)
        self.errors.add_row(form, "source_type", "Source type", self.source_type)
        self.errors.add_row(form, "source_ref", "Source", self.source_ref)
        self.errors.add_row(form, "observed_on", "Date observed", self.observed_on)
        e_layout.addLayout(form)
        e_layout.addWidget(self.errors.general)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton("Save assessment")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        e_layout.addLayout(row)

        self.rating = QTextBrowser()
        self.rating.setOpenExternalLinks(True)
        # The 11 indicators take the full height (all visible at 1280x720); form and rating share the right.
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(editor)
        right.addWidget(self.rating)
        right.setStretchFactor(1, 1)
        right.setSizes([430, 250])
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 560])
        self.body.addWidget(split, 1)
        self._set_enabled(False)
        if ctx.current_supplier is not None:
            self.show_supplier(ctx.current_supplier)
        else:
            self.rating.setHtml("<p>Choose a supplier to assess its forced-labour indicators.</p>")

    def _follow(self, supplier_id: int) -> None:
        if self.isVisible() or self.supplier_id is not None:
            self.show_supplier(supplier_id)
        else:
            self._stale = True

    def _set_enabled(self, on: bool) -> None:
        for w in (
            self.status,
            self.evidence,
            self.source_type,
            self.source_ref,
            self.observed_on,
            self.save_button,
        ):
            w.setEnabled(on)

    def show_supplier(self, supplier_id: int) -> None:
        """Show the indicators and rating of `supplier_id` (asking first about unsaved edits)."""
        if supplier_id != self.supplier_id and not self.settle_edits():
            if self.supplier_id is not None:
                self.picker.show_supplier(self.supplier_id)
            return
        pending = self.form_values() if self.has_unsaved_edits() else None  # a refresh keeps typing
        try:
            findings = self.ctx.read(lambda s: findings_for(s, supplier_id))
        except NotFound:
            return
        self.supplier_id = supplier_id
        self.picker.show_supplier(supplier_id)
        self.ctx.select_supplier(supplier_id)
        current = self.table.currentIndex().row()
        self.model.set_records(findings)
        self.table.selectRow(max(current, 0))
        self._show_finding()
        if pending is not None:
            self._fill_form(pending)
        self._show_rating()

    def refresh(self) -> None:
        target = self.ctx.current_supplier or self.supplier_id
        if target is not None:
            self.show_supplier(target)

    def restyle(self) -> None:
        self._show_rating()

    def _show_rating(self) -> None:
        if self.supplier_id is None:
            return
        rating = self.ctx.read(lambda s: assess_supplier(s, self.supplier_id))
        self.current_rating = rating
        self.rating.setHtml(rating_html(rating))

    def current_finding(self) -> Finding | None:
        row = self.table.currentIndex().row()
        return self.model.records[row] if 0 <= row < len(self.model.records) else None

    def _show_finding(self) -> None:
        f = self.current_finding()
        self.errors.clear()
        self._set_enabled(f is not None)
        if f is None:
            self.definition.clear()
            self.prefill_note.clear()
            return
        examples = "".join(f"<li>{esc(e)}</li>" for e in f.indicator.examples[:3])
        self.definition.setText(
            f"<b>{f.indicator.order}. {esc(f.indicator.name)}</b><br>{esc(f.indicator.description)}"
            + (f"<ul style='margin:0'>{examples}</ul>" if examples else "")
        )
        self.prefill_note.setText(
            prefill_label(f) + ": corroborate before recording it as observed." if f.prefilled_from else ""
        )
        self.prefill_note.setVisible(bool(f.prefilled_from))
        self._fill_form(
            {
                "status": f.status,
                "evidence": f.evidence,
                "source_type": f.source_type,
                "source_ref": f.source_ref,
                "observed_on": f.observed_on,
            }
        )
        self.shown_values = self.form_values()

    def _fill_form(self, values: dict[str, Any]) -> None:
        self.status.setCurrentIndex(max(self.status.findData(values["status"]), 0))
        self.evidence.setPlainText(values["evidence"])
        self.source_type.setCurrentIndex(max(self.source_type.findData(values["source_type"]), 0))
        self.source_ref.setText(values["source_ref"])
        self.source_ref.setCursorPosition(0)
        when = values["observed_on"]
        self.observed_on.setDate(QDate(when.year, when.month, when.day) if when else NO_DATE)

    def form_values(self) -> dict[str, Any]:
        """The assessment as the form shows it now."""
        return {
            "status": self.status.currentData(),
            "evidence": self.evidence.toPlainText(),
            "source_type": self.source_type.currentData(),
            "source_ref": self.source_ref.text(),
            "observed_on": picked_date(self.observed_on),
        }

    def has_unsaved_edits(self) -> bool:
        """True when the form differs from the assessment it was loaded with."""
        return self.shown_values is not None and self.form_values() != self.shown_values

    def settle_edits(self) -> bool:
        """Before the form shows something else: ask Save / Discard / Cancel about unsaved edits.

        True when the view may move on (saved, discarded or nothing to keep); False to stay.
        """
        if not self.has_unsaved_edits():
            return True
        f = self.current_finding()
        name = f.indicator.name if f is not None else "this indicator"
        answer = QMessageBox.question(
            self,
            "Unsaved assessment",
            f"Your changes to '{name}' are not saved yet.",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save(reselect=False)
        if answer == QMessageBox.StandardButton.Discard:
            self.shown_values = None
            return True
        return False

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid() and previous.row() != current.row() and self.has_unsaved_edits():
            selection = self.table.selectionModel()
            selection.blockSignals(True)  # the form still shows `previous`: make it current again to ask
            selection.setCurrentIndex(
                previous,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(False)
            if not self.settle_edits():
                return
            selection.setCurrentIndex(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            return
        self._show_finding()

    def save(self, *, reselect: bool = True) -> bool:
        """Save the shown indicator's assessment; field messages appear when the core refuses it."""
        f = self.current_finding()
        if f is None or self.supplier_id is None:
            return False
        supplier_id, row = self.supplier_id, self.table.currentIndex().row()
        values = self.form_values()
        try:
            self.ctx.write(
                lambda s: set_finding(s, supplier_id, f.indicator.id, **values, expected_version=f.version)
            )
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return False
        except StaleEdit as exc:
            show_error(self, "Finding not saved", exc)
            self.ctx.announce(topics.INDICATORS)  # show the version that was saved instead
            return False
        self.shown_values = values
        self.ctx.announce(topics.INDICATORS)
        self.ctx.status.emit(f"Saved: {f.indicator.name} — {STATUS_LABELS[values['status']]}")
        if reselect:
            self.table.selectRow(row)
        return True
