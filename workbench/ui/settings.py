"""Per-user window settings (QSettings): geometry, last view, reviewer name."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from workbench import paths

ORGANISATION = paths.APP_AUTHOR
APPLICATION = paths.APP_NAME
THEME_KEY = "ui/theme"  # "system", "light" or "dark"
ORGANISATION_KEY = "memo/organisation"
CLIENT_KEY = "memo/prepared_for"
RECENT_KEY = "files/recent_suppliers"
RECENT_LIMIT = 8


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


def save_str(key: str, value: str) -> None:
    """Store a text setting now (so a crash does not lose it)."""
    store = settings()
    store.setValue(key, value.strip())
    store.sync()


def recent_files() -> list[str]:
    """Supplier files imported lately, newest first, only those that still exist."""
    from pathlib import Path

    value = settings().value(RECENT_KEY, [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [p for p in items if p and Path(p).is_file()]


def remember_file(path: str) -> None:
    """Put `path` first in the recent supplier files."""
    items = [path, *(p for p in recent_files() if p != path)][:RECENT_LIMIT]
    store = settings()
    store.setValue(RECENT_KEY, items)
    store.sync()
