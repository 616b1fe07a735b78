"""Alembic migrations, run programmatically: the store is always at the head revision after opening.

Opening a store that is already current must be fast (it happens at every start), so Alembic is
imported only when there is something to check or do: `HEAD` names the newest revision, and a test
keeps it equal to the head of the revision scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent
HEAD = "0012_tracing"


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at this package; `engine` is handed to env.py if given."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest revision among the revision scripts (what `HEAD` must equal)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the store is at, or None for an empty store."""
    if "alembic_version" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revisions() -> set[str]:
    """Every revision this version of Workbench knows (a store at another one is from a newer version)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def check_current(engine: Engine) -> str | None:
    """Raise StoreError if the store was written by a newer Workbench; return its revision."""
    from workbench.data.store import StoreError

    current = current_revision(engine)
    if current is not None and current != HEAD and current not in known_revisions():
        raise StoreError(
            f"This store was created by a newer version of Workbench (schema {current}). "
            "Install the newer version to open it; the store was left untouched."
        )
    return current


def upgrade(engine: Engine, backup: Callable[[], Path] | None = None) -> bool:
    """Bring the store to the head revision; back the SQLite file up first. Return True if it changed."""
    current = check_current(engine)
    if current == HEAD:
        return False
    from alembic import command

    has_tables = bool(inspect(engine).get_table_names())
    if backup is not None and has_tables:
        backup()
    command.upgrade(alembic_config(engine), "head")
    return True
