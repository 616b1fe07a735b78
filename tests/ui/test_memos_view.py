"""The memos view: fields remembered across restarts, plain error messages, the new-identity passphrase
typed twice with a minimum length, replacing the identity, and opening exported memos."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from workbench.memo.identity import local_identity_exists, signing_dir
from workbench.memo.passphrase import passphrase_problems
from workbench.ui.main_window import MainWindow
from workbench.ui.views.memos import MemosView

GOOD = "correct horse battery"


def _memos(window: MainWindow) -> MemosView:
    view = window.show_view("memos")
    assert isinstance(view, MemosView)
    return view


def _export(qtbot: QtBot, window: MainWindow, memos: MemosView, out: Path) -> None:
    memos.choose_output = lambda: out  # type: ignore[method-assign]
    memos.passphrase.setText(GOOD)
    memos.passphrase_again.setText(GOOD)
    assert memos.export_memo()
    wait_idle(qtbot, window, timeout=60_000)
    wait_idle(qtbot, window, timeout=60_000)
    assert out.is_file()


def test_organisation_and_prepared_for_are_remembered_after_a_restart(
    qtbot: QtBot, window: MainWindow
) -> None:
    memos = _memos(window)
    qtbot.keyClicks(memos.organisation, "Acme Imports GmbH")
    memos.organisation.editingFinished.emit()
    qtbot.keyClicks(memos.client, "Board of directors")
    memos.client.editingFinished.emit()
    again = MemosView(window.ctx)  # what the next start of the app builds
    qtbot.addWidget(again)
    assert again.organisation.text() == "Acme Imports GmbH"
    assert again.client.text() == "Board of directors"


def test_form_errors_read_as_sentences_without_internal_keys(window: MainWindow) -> None:
    memos = _memos(window)
    memos.ids.clear()
    assert memos.export_memo() is False
    text = memos.errors.general.text()
    assert "Add at least one supplier." in text
    assert "suppliers:" not in text and "reviewer:" not in text


@pytest.mark.parametrize(
    ("first", "again", "field"),
    [
        ("a", "a", "passphrase"),
        ("short one", "short one", "passphrase"),
        ("aaaaaaaaaaaa", "aaaaaaaaaaaa", "passphrase"),
        (GOOD, GOOD + "!", "passphrase_again"),
    ],
)
def test_a_new_identity_passphrase_needs_ten_characters_and_the_same_twice(
    first: str, again: str, field: str
) -> None:
    assert set(passphrase_problems(first, again)) == {field}
    assert passphrase_problems(GOOD, GOOD) == {}


def test_the_view_refuses_a_one_letter_passphrase_for_a_new_identity(
    window: MainWindow,
    reviewed_supplier: int,
    tmp_path: Path,
) -> None:
    window.ctx.select_supplier(reviewed_supplier)
    memos = _memos(window)
    assert memos.creating_identity() and not memos.again_row.isHidden()
    memos.choose_output = lambda: tmp_path / "memo.pdf"  # type: ignore[method-assign]
    memos.passphrase.setText("x")
    memos.passphrase_again.setText("x")
    assert memos.export_memo() is False
    assert "at least 10 characters" in memos.errors.message("passphrase")
    memos.passphrase.setText(GOOD)
    memos.passphrase_again.setText(GOOD.upper())
    assert memos.export_memo() is False
    assert "differ" in memos.errors.message("passphrase_again")
    assert not local_identity_exists()


def test_replacing_the_identity_warns_and_keeps_the_old_one_aside(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    reviewed_supplier: int,
    tmp_path: Path,
) -> None:
    window.ctx.select_supplier(reviewed_supplier)
    memos = _memos(window)
    _export(qtbot, window, memos, tmp_path / "memo.pdf")
    assert local_identity_exists() and memos.again_row.isHidden()
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _p, _t, text, *_a: warned.append(text) or QMessageBox.StandardButton.Cancel,
    )
    assert memos.replace_identity() is False and local_identity_exists()
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _p, _t, text, *_a: warned.append(text) or QMessageBox.StandardButton.Yes,
    )
    assert memos.replace_identity()
    assert "stay valid" in warned[0]
    assert not local_identity_exists()
    retired = [p for p in signing_dir().iterdir() if p.name.startswith("retired-")]
    assert len(retired) == 1 and (retired[0] / "identity.p12").is_file()
    assert memos.creating_identity() and not memos.again_row.isHidden()
    memos.verify_file(tmp_path / "memo.pdf")  # the memo signed by the old identity still verifies
    wait_idle(qtbot, window, timeout=60_000)
    assert memos.last_verification is not None and memos.last_verification.ok


def test_open_pdf_show_in_folder_and_double_click_open_the_exported_memo(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    reviewed_supplier: int,
    tmp_path: Path,
) -> None:
    window.ctx.select_supplier(reviewed_supplier)
    memos = _memos(window)
    out = tmp_path / "memo.pdf"
    _export(qtbot, window, memos, out)
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toLocalFile()) or True
    )
    memos.table.selectRow(0)
    memos.open_button.click()
    memos.folder_button.click()
    memos.table.doubleClicked.emit(memos.model.index(0, 1))
    assert opened == [str(out), str(tmp_path), str(out)]
