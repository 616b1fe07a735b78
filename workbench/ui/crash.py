"""Unexpected errors never end the app silently: they are logged and shown with the log path."""

from __future__ import annotations

import faulthandler
import html
import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.data.store import StoreError
from workbench.errors import InputError
from workbench.ui.logs import log_file

log = logging.getLogger("workbench.ui")


class CrashDialog(QDialog):
    """Says something went wrong, where the log is, and shows the details on request."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Workbench: unexpected error")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.message = message = QLabel(
            f"<b>Something went wrong.</b><br>{html.escape(summary)}<br><br>"
            "Your data is safe: changes are saved as you make them. "
            f"The details were written to the log file:<br><code>{html.escape(str(log_file()))}</code>"
        )
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(160)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """`sys.excepthook`: log the traceback and show the crash dialog (if a GUI is running)."""
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(exc, InputError | StoreError) and QApplication.instance() is not None:
        from workbench.ui.dialogs import show_error  # a message for the user, not a crash

        show_error(None, "Not done", exc)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Unexpected error\n%s", details)
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    CrashDialog(f"{exc_type.__name__}: {exc}", details).exec()


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Route Qt's own warnings into the log; a fatal message is logged before Qt aborts."""
    where = f" ({context.file}:{context.line})" if context.file else ""
    if mode == QtMsgType.QtFatalMsg:
        log.critical("Qt fatal: %s%s", message, where)
    elif mode == QtMsgType.QtCriticalMsg:
        log.error("Qt: %s%s", message, where)
    elif mode == QtMsgType.QtWarningMsg:
        log.warning("Qt: %s%s", message, where)
    else:
        log.debug("Qt: %s%s", message, where)


_fault_file = None


def install() -> None:
    """Install the exception hook, the Qt message handler, and a fault handler for native crashes."""
    global _fault_file
    sys.excepthook = handle_exception
    qInstallMessageHandler(qt_message_handler)
    # A crash inside Qt itself still leaves a Python traceback in the log folder, unless the fault
    # handler is already on (python -X faulthandler, PYTHONFAULTHANDLER, pytest): it keeps writing
    # to the console it was given, where whoever ran the process looks for it.
    if _fault_file is None and not faulthandler.is_enabled():
        path = log_file().with_name("native-crash.log")
        path.parent.mkdir(parents=True, exist_ok=True)
        _fault_file = path.open("a", encoding="utf-8")
        faulthandler.enable(_fault_file)
