"""The Alembic migrations and the SQLAlchemy tables cannot drift apart (both databases)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from isonomia.store.db import Database
from isonomia.store.projections import VIEW_TABLES
from isonomia.store.tables import metadata


def test_migrations_create_exactly_the_tables_the_code_declares(database: Database) -> None:
    with database.reading() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_every_read_table_is_in_the_shared_metadata() -> None:
    assert {t.name for t in VIEW_TABLES} <= set(metadata.tables)
    assert "ledger" in metadata.tables
