"""The Measures view: browse, filter and read a measure with its provenance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.ui.main_window import MainWindow
from workbench.ui.views.measures import MeasuresView


def _view(window: MainWindow) -> MeasuresView:
    view = window.show_view("measures")
    assert isinstance(view, MeasuresView)
    return view


def _titles(view: MeasuresView) -> list[str]:
    return [view.proxy.index(r, 3).data() for r in range(view.proxy.rowCount())]


def test_all_shipped_measures_are_listed(window: MainWindow) -> None:
    view = _view(window)
    assert view.model.rowCount() >= 40
    assert view.proxy.rowCount() == view.model.rowCount()
    assert "measures shown" in view.count.text()


def test_searching_a_party_name_finds_the_measure_that_lists_it(qtbot: QtBot, window: MainWindow) -> None:
    view = _view(window)
    qtbot.keyClicks(view.search, "Hetian Taida")
    titles = _titles(view)
    assert titles and all(
        view.model.record(view.proxy.mapToSource(view.proxy.index(r, 0)).row()).targets
        for r in range(view.proxy.rowCount())
    )
    assert any(
        "Hetian Taida"
        in " ".join(
            t.name for t in view.model.record(view.proxy.mapToSource(view.proxy.index(r, 0)).row()).targets
        )
        for r in range(view.proxy.rowCount())
    )


def test_filtering_by_kind_and_authority(qtbot: QtBot, window: MainWindow) -> None:
    view = _view(window)
    view.kind.setCurrentIndex(view.kind.findData("wro"))
    kinds = {view.proxy.index(r, 2).data() for r in range(view.proxy.rowCount())}
    assert kinds == {"Withhold Release Order"}
    authority = view.proxy.index(0, 1).data()
    view.authority.setCurrentIndex(view.authority.findData(authority))
    assert {view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())} == {authority}


def test_a_selected_measure_shows_its_sources_and_legal_basis(qtbot: QtBot, window: MainWindow) -> None:
    view = _view(window)
    qtbot.keyClicks(view.search, "Hetian Taida")
    view.kind.setCurrentIndex(view.kind.findData("wro"))
    view.table.selectRow(0)
    html = view.detail.toHtml()
    record = view.model.record(view.proxy.mapToSource(view.proxy.index(0, 0)).row())
    assert "Provenance" in html
    assert record.sources and record.sources[0] in html
    assert "Legal basis" in view.detail.toPlainText()
    assert view.detail.openExternalLinks()


def test_sorting_by_date_puts_the_newest_first(window: MainWindow) -> None:
    view = _view(window)
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    dates = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    dated = [d for d in dates if d != "—"]
    assert dated == sorted(dated, reverse=True)


def test_ctrl_f_focuses_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    view = _view(window)
    window.act_search.trigger()
    assert view.search.hasFocus() or window.focusWidget() is view.search


def test_measures_models_pass_the_model_tester(qtmodeltester, window: MainWindow) -> None:
    view = _view(window)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)


def test_no_measure_shows_research_notes_to_users(qtbot: QtBot, window: MainWindow) -> None:
    from workbench.ui.views.measures import measure_html

    view = _view(window)
    for row in range(view.model.rowCount()):
        html = measure_html(view.model.record(row))
        assert "Seed document" not in html and "reference/" not in html and ".txt" not in html
        assert "seed 0" not in html.lower() and "README" not in html and "fixture" not in html


def test_searching_a_chinese_name_finds_the_measure(qtbot: QtBot, window: MainWindow) -> None:
    view = _view(window)
    view.search.setText("和田泰达")  # typed through an input method, not key by key
    assert any("Taida" in t or "Hetian" in t for t in _titles(view))
