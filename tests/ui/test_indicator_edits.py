"""Unsaved indicator edits are never lost silently; dates come from a calendar; 11 rows fit 1280x720."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from workbench.cases.indicators import SOURCE_LABELS, findings_for, set_finding
from workbench.cases.suppliers import create_supplier
from workbench.data.store import Store
from workbench.ui.main_window import MainWindow
from workbench.ui.views.indicators import NO_DATE, IndicatorsView

Button = QMessageBox.StandardButton


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, store: Store, reviewer: str) -> IndicatorsView:
    with store.transaction() as s:
        supplier = create_supplier(s, {"legal_name": "Hotan Taida Apparel Co., Ltd.", "country": "CN"})
        supplier_id = supplier.id
    indicators = window.show_view("indicators")
    assert isinstance(indicators, IndicatorsView)
    indicators.show_supplier(supplier_id)
    indicators.table.selectRow(0)
    return indicators


def answer(monkeypatch: pytest.MonkeyPatch, button: Button) -> list[str]:
    """Make the Save/Discard/Cancel question answer `button`; return the texts asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _type_evidence(qtbot: QtBot, view: IndicatorsView) -> None:
    view.status.setCurrentIndex(view.status.findData("suspected"))
    qtbot.keyClicks(view.evidence, "Workers say their passports are kept by the employer.")
    view.source_type.setCurrentIndex(view.source_type.findData("interview"))


def _stored(view: IndicatorsView, row: int) -> str:
    return view.ctx.read(lambda s: findings_for(s, view.supplier_id))[row].evidence


def test_clicking_another_indicator_with_unsaved_edits_asks_and_save_keeps_them(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, view: IndicatorsView
) -> None:
    asked = answer(monkeypatch, Button.Save)
    _type_evidence(qtbot, view)
    assert view.has_unsaved_edits()
    view.table.selectRow(3)
    assert len(asked) == 1 and "not saved yet" in asked[0]
    assert view.table.currentIndex().row() == 3
    assert _stored(view, 0) == "Workers say their passports are kept by the employer."
    assert not view.has_unsaved_edits()


def test_cancel_stays_on_the_edited_indicator_with_the_typing_intact(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, view: IndicatorsView
) -> None:
    answer(monkeypatch, Button.Cancel)
    _type_evidence(qtbot, view)
    view.table.selectRow(3)
    assert view.table.currentIndex().row() == 0
    assert view.evidence.toPlainText() == "Workers say their passports are kept by the employer."
    assert _stored(view, 0) == ""


def test_discard_drops_the_edits_and_moves_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, view: IndicatorsView
) -> None:
    answer(monkeypatch, Button.Discard)
    _type_evidence(qtbot, view)
    view.table.selectRow(3)
    assert view.table.currentIndex().row() == 3 and _stored(view, 0) == ""
    view.table.selectRow(0)
    assert view.evidence.toPlainText() == ""


def test_no_question_without_edits(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, view: IndicatorsView
) -> None:
    asked = answer(monkeypatch, Button.Cancel)
    view.table.selectRow(5)
    assert asked == [] and view.table.currentIndex().row() == 5


def test_closing_the_window_with_unsaved_edits_asks_and_cancel_keeps_it_open(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, view: IndicatorsView
) -> None:
    asked = answer(monkeypatch, Button.Cancel)
    _type_evidence(qtbot, view)
    window.close()
    assert asked and window.isVisible()
    answer(monkeypatch, Button.Discard)


def test_the_date_is_picked_from_a_calendar_and_saved(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, view: IndicatorsView
) -> None:
    assert view.observed_on.calendarPopup()
    assert view.observed_on.date() == NO_DATE and view.observed_on.text() == "—"
    _type_evidence(qtbot, view)
    view.observed_on.setDate(QDate(2025, 3, 14))
    assert view.save()
    found = view.ctx.read(lambda s: findings_for(s, view.supplier_id))[0]
    assert found.observed_on == date(2025, 3, 14)


def test_a_source_type_error_names_the_choices_as_users_know_them(store: Store, reviewer: str) -> None:
    from workbench.cases.errors import ValidationError

    with store.transaction() as s:
        supplier_id = create_supplier(s, {"legal_name": "Saigon Gloves JSC", "country": "VN"}).id
    with pytest.raises(ValidationError) as err, store.transaction() as s:
        set_finding(s, supplier_id, findings_for(s, supplier_id)[0].indicator.id, "observed", "seen", "")
    message = err.value.errors["source_type"]
    assert "Worker interview" in message and "audit_report" not in message
    assert all(label in message for label in SOURCE_LABELS.values())


def test_all_eleven_indicators_are_visible_at_1280x720(
    qtbot: QtBot, window: MainWindow, view: IndicatorsView
):
    window.resize(1280, 720)
    qtbot.wait(50)
    assert (window.width(), window.height()) == (1280, 720)
    table = view.table
    last = table.visualRect(view.model.index(10, 0))
    assert view.model.rowCount() == 11
    assert last.isValid() and last.bottom() <= table.viewport().height(), (last, table.viewport().height())
