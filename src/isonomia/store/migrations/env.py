"""Alembic environment for isonomia's schema.

Run programmatically by ``isonomia.store.db.Database.migrate()``, which passes its open
connection in ``config.attributes["connection"]`` (Alembic's documented recipe for sharing
a connection). Run from the ``alembic`` command line, it connects to ``-x url=...``, else
``sqlalchemy.url`` from the ini file, else the URL ``isonomia.store.db.resolve_url`` gives.
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import context

from isonomia.store.db import resolve_url
from isonomia.store.tables import metadata

# Projection tables register themselves on the shared metadata when their module is
# imported; autogenerate must see them. The module is optional while it is being written.
try:
    importlib.import_module("isonomia.store.projections")
except ModuleNotFoundError as exc:
    if exc.name != "isonomia.store.projections":
        raise

config = context.config
target_metadata = metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or config.get_main_option("sqlalchemy.url")
        or None
    )
    engine = sa.create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


def run_migrations_offline() -> None:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    context.configure(
        url=resolve_url(url),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
