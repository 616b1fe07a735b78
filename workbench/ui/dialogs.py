"""Small standard dialogs: user-facing errors, confirmations, a required-rationale prompt."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.data.store import StoreError
from workbench.errors import InputError

log = logging.getLogger(__name__)

#: Errors whose message is written for the user; anything else is a bug and gets the crash dialog.
USER_ERRORS: tuple[type[BaseException], ...] = (InputError, StoreError, ValueError, OSError)


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """Show a domain error's message plainly, or an unexpected one with the log path."""
    if isinstance(exc, USER_ERRORS):
        log.info("%s: %s", title, exc)
        QMessageBox.warning(parent, title, str(exc))
        return
    from workbench.ui.crash import CrashDialog

    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("%s\n%s", title, details)
    CrashDialog(f"{title}: {type(exc).__name__}: {exc}", details, parent).exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; True only for an explicit Yes."""
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    return answer == QMessageBox.StandardButton.Yes
