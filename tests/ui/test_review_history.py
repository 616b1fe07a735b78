"""Screening & Review with past decisions: status filter, search, sort, full names, history, revise, undo."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from workbench.cases.decisions import decide
from workbench.cases.screening import needs_review, screen_suppliers
from workbench.cases.suppliers import create_supplier
from workbench.data.store import Store
from workbench.screening import build_screener
from workbench.ui.main_window import MainWindow
from workbench.ui.views.review import ReviewView

SAME = "Same company: Chinese name and Hotan address match the WRO."
OTHER = "Different company: other province, other business, no Xinjiang address."
LONG = "Hetian Taida Apparel Co Ltd (Hotan Prefecture Lop County Beijing Industrial Park Garment Branch)"


@pytest.fixture
def screened(store: Store, reviewer: str) -> dict[str, int]:
    """Three suppliers screened against the built-in measures; the Taida hit confirmed."""
    with store.transaction() as session:
        ids = [
            create_supplier(session, {"legal_name": name, "country": "China", "aliases": aliases}).id
            for name, aliases in (
                (LONG, ["Hetian Taida Apparel Co Ltd"]),
                ("Hikvision", []),
                ("Xinjiang Zhongtai Chemical Trading", []),
            )
        ]
        screen_suppliers(session, build_screener(session), ids)
        hits = {m.supplier.legal_name + "/" + m.entity_name: m.id for m in needs_review(session)}
        taida = next(i for k, i in hits.items() if k.startswith(LONG) and "Taida" in k)
        decide(session, taida, "confirmed", SAME)
    return {**hits, "taida": taida}


def _review(qtbot: QtBot, window: MainWindow) -> ReviewView:
    review = window.show_view("review")
    assert isinstance(review, ReviewView)
    wait_idle(qtbot, window)
    return review


def _filter(qtbot: QtBot, window: MainWindow, review: ReviewView, key: str) -> None:
    review.status_filter.setCurrentIndex(review.status_filter.findData(key))
    wait_idle(qtbot, window)


def _shown(review: ReviewView) -> list[str]:
    return [review.record_at(r).supplier_name for r in range(review.proxy.rowCount())]


def test_past_decisions_are_listed_by_status_searched_and_sorted(
    qtbot: QtBot, window: MainWindow, screened: dict[str, int]
) -> None:
    review = _review(qtbot, window)
    assert screened["taida"] not in [r.id for r in review.model.records]  # decided: not waiting
    _filter(qtbot, window, review, "confirmed")
    assert [r.id for r in review.model.records] == [screened["taida"]]
    assert (
        review.proxy.index(0, 3).data() == "Confirmed" and "Test Reviewer" in review.proxy.index(0, 4).data()
    )
    _filter(qtbot, window, review, "all")
    total = review.proxy.rowCount()
    assert total == len(screened) - 1 and {"Hikvision", "Xinjiang Zhongtai Chemical Trading", LONG} <= set(
        _shown(review)
    )

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert review.search.hasFocus()
    qtbot.keyClicks(review.search, "hikv")
    assert set(_shown(review)) == {"Hikvision"} and review.current().supplier_name == "Hikvision"
    review.search.clear()
    assert review.proxy.rowCount() == total

    header = review.table.horizontalHeader()
    header.sectionClicked.emit(2)  # Score, as a number
    scores = [review.record_at(r).score for r in range(total)]
    assert scores in (sorted(scores), sorted(scores, reverse=True)) and len(set(scores)) > 1
    review.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _shown(review) == sorted(_shown(review), key=str.casefold)
    review.select_match(screened["taida"])
    review.supplier_only.setChecked(True)  # every hit of the supplier in view, whatever its status
    wait_idle(qtbot, window)
    assert {r.supplier_name for r in review.model.records} == {LONG}
    review.supplier_only.setChecked(False)
    wait_idle(qtbot, window)
    _filter(qtbot, window, review, "dismissed")
    assert review.empty.isVisible() and "Dismissed" in review.empty.text()


def test_long_names_wrap_and_show_in_full_as_tooltips(
    qtbot: QtBot, window: MainWindow, screened: dict[str, int]
) -> None:
    window.resize(1280, 800)
    review = _review(qtbot, window)
    _filter(qtbot, window, review, "all")
    row = _shown(review).index(LONG)
    metrics = review.table.fontMetrics()
    width = review.table.columnWidth(0)
    assert metrics.horizontalAdvance(LONG) > width  # does not fit on one line at this size
    lines = math.ceil(metrics.horizontalAdvance(LONG) / width)
    height = review.table.rowHeight(row)
    assert height >= lines * metrics.lineSpacing()
    window.resize(1920, 1080)  # wider columns: fewer lines, and the row shrinks to fit them
    qtbot.waitUntil(lambda: review.table.columnWidth(0) > width)
    wider = math.ceil(metrics.horizontalAdvance(LONG) / review.table.columnWidth(0))
    qtbot.waitUntil(lambda: wider * metrics.lineSpacing() <= review.table.rowHeight(row) < height)
    assert (
        review.proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == f"{LONG}\nHetian Taida Apparel Co Ltd"
    )
    assert "Hetian Taida" in review.proxy.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_revise_undo_and_redo_keep_the_whole_history(
    qtbot: QtBot, window: MainWindow, screened: dict[str, int]
) -> None:
    review = _review(qtbot, window)
    _filter(qtbot, window, review, "confirmed")
    review.select_match(screened["taida"])
    assert review.history.rowCount() == 1 and review.history.item(0, 2).text() == "Decision\n→ Confirmed"
    assert "Revise the decision" in review.decision_label.text() and review.undo_button.isEnabled()

    qtbot.keyClicks(review.rationale, "ok")
    assert review.decide_current("dismissed") is False
    assert "too short to justify a decision" in review.rationale_error.text()
    review.rationale.clear()
    qtbot.keyClicks(review.rationale, OTHER)
    assert review.decide_current("dismissed")
    record = review.model.records[0]
    assert record.status == "dismissed" and [d.action for d in record.decisions] == ["decide", "revise"]
    review.select_match(screened["taida"])
    assert [review.history.item(r, 2).text() for r in range(2)] == [
        "Revision\n→ Dismissed",
        "Decision\n→ Confirmed",
    ]
    assert review.history.item(0, 3).text() == OTHER and review.history.item(1, 3).text() == SAME

    assert QApplication.focusWidget() is review.rationale  # the cursor waits for the next rationale
    qtbot.keyClick(review.rationale, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the revision
    record = review.model.records[0]
    assert record.status == "confirmed" and record.standing.rationale == SAME
    assert review.history.item(0, 2).text() == "Undo\n→ Confirmed"
    assert (
        review.history.item(1, 2).text() == "Revision\n→ Dismissed\n(undone)"
        and review.history.item(1, 0).font().strikeOut()
    )
    qtbot.keyClicks(review.rationale, "Typing")
    qtbot.keyClick(review.rationale, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the text's undo
    assert review.model.records[0].status == "confirmed" and review.rationale.toPlainText() == ""
    review.rationale.clear()
    window.act_redo.trigger()  # Edit > Redo: the revision recorded again
    assert review.model.records[0].status == "dismissed"

    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    record = review.model.records[0]
    assert record.status == "open" and record.standing is None and not review.undo_button.isEnabled()
    assert [d.action for d in record.decisions] == ["decide", "revise", "undo", "revise", "undo", "undo"]


def test_a_hit_changed_meanwhile_is_refused_with_who_and_when_and_the_list_reloads(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, store: Store, screened: dict[str, int]
) -> None:
    review = _review(qtbot, window)
    hik = next(i for k, i in screened.items() if k.startswith("Hikvision/"))
    review.select_match(hik)
    told: list[str] = []
    monkeypatch.setattr(review, "tell", lambda title, message: told.append(f"{title}: {message}"))
    with store.transaction() as session:  # another reviewer, another window
        decide(session, hik, "escalated", "Asked the distributor for its supplier contracts.", "Lee Other")
    qtbot.keyClicks(review.rationale, SAME)
    assert review.decide_current("confirmed") is False
    assert told and told[0].startswith("The hit changed: ") and "by Lee Other on " in told[0]
    assert "Nothing was recorded" in told[0]
    wait_idle(qtbot, window)
    reloaded = next(r for r in review.model.records if r.id == hik)
    assert reloaded.status == "escalated" and [d.reviewer for d in reloaded.decisions] == ["Lee Other"]
