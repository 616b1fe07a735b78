"""Per-user window settings (QSettings): geometry, last view, reviewer name."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from workbench import paths

ORGANISATION = paths.APP_AUTHOR
APPLICATION = paths.APP_NAME


def settings() -> QSettings:
    """The app's settings; stored as an INI file in the data dir so WORKBENCH_HOME isolates them."""
    path = paths.data_dir() / "ui-settings.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def load_bytes(key: str) -> QByteArray | None:
    value = settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def load_str(key: str, default: str = "") -> str:
    value = settings().value(key, default)
    return str(value) if value is not None else default
