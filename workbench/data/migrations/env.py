"""Alembic environment: uses the engine handed over by `workbench.data.migrations`."""

from __future__ import annotations

from alembic import context

from workbench.data.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from workbench.data.store import make_engine
        from workbench.paths import store_url

        engine = make_engine(config.get_main_option("sqlalchemy.url") or store_url())
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch operations rebuild a table (copy, drop, rename): with foreign keys on, dropping
            # a parent table would delete its children's rows through ON DELETE CASCADE.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")


run_migrations_online()
