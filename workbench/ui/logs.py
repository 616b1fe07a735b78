"""Log files for the desktop app: rotating, in the platform log directory."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from workbench import paths

LOG_FILENAME = "workbench.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def log_file() -> Path:
    """The current log file (its rotated predecessors sit next to it as .1 ... .5)."""
    return paths.log_dir() / LOG_FILENAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the root logger to a rotating file in `paths.log_dir()`; return the file's path.

    Calling it again (tests open several windows) replaces the handler instead of stacking one more.
    """
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_workbench", False):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._workbench = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
