"""The store: SQLAlchemy models, engine and sessions, migrations, importers. No Qt here."""
