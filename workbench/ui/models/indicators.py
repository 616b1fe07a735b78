"""Table model of the 11 ILO indicators with one supplier's findings (from `findings_for`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from workbench.cases.indicators import SOURCE_LABELS as CORE_SOURCE_LABELS
from workbench.cases.indicators import STATUS_LABELS, Finding
from workbench.ui import theme
from workbench.ui.models.record_table import RecordTableModel

SOURCE_LABELS = {"": "", **CORE_SOURCE_LABELS}


def prefill_label(finding: Finding) -> str:
    """'Pre-filled from WRO …' for findings the app filled from a measure, else ''."""
    if not finding.prefilled_from:
        return ""
    return "Pre-filled from WRO " + finding.prefilled_from.removeprefix("measure:")


class IndicatorsModel(RecordTableModel[Finding]):
    """One row per indicator, in the ILO booklet's order."""

    COLUMNS = ("#", "Indicator", "Status", "Evidence", "Source", "Date", "Pre-filled")

    def cell(self, f: Finding, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(f.indicator.order),
                f.indicator.name,
                STATUS_LABELS.get(f.status, f.status),
                " ".join(f.evidence.split())[:120],
                SOURCE_LABELS.get(f.source_type, f.source_type),
                f.observed_on.isoformat() if f.observed_on else "",
                "WRO" if f.prefilled_from else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 1:
                return f.indicator.description
            if col == 3 and f.evidence:
                return f.evidence
            if col == 6:
                return prefill_label(f) or None
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            risk = theme.current().risk
            colors = {"observed": risk["severe"], "suspected": risk["medium"], "not_observed": risk["low"]}
            return QColor(colors[f.status]) if f.status in colors else QColor(theme.current().muted)
        if role == Qt.ItemDataRole.UserRole:
            return f.indicator.id
        return None
