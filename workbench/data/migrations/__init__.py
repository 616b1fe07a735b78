"""Alembic migrations, run programmatically: the store is always at the head revision after opening."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

HERE = Path(__file__).resolve().parent


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at this package; `engine` is handed to env.py if given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest revision this version of Workbench knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the store is at, or None for an empty store."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def check_current(engine: Engine) -> str | None:
    """Raise StoreError if the store was written by a newer Workbench; return its revision."""
    from workbench.data.store import StoreError

    current = current_revision(engine)
    if current is not None and current not in _known_revisions():
        raise StoreError(
            f"This store was created by a newer version of Workbench (schema {current}). "
            "Install the newer version to open it; the store was left untouched."
        )
    return current


def upgrade(engine: Engine, backup: Callable[[], Path] | None = None) -> bool:
    """Bring the store to the head revision; back the SQLite file up first. Return True if it changed."""
    current = check_current(engine)
    head = head_revision()
    if current == head:
        return False
    has_tables = bool(inspect(engine).get_table_names())
    if backup is not None and has_tables:
        backup()
    command.upgrade(alembic_config(engine), "head")
    return True
