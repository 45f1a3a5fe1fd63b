"""Shared fixtures: ``database_url`` and ``database``, one storage suite over both backends.

Every test that takes ``database`` (or ``database_url``) runs twice: on a fresh SQLite file
in ``tmp_path``, and on a fresh PostgreSQL database created for that one test from
``$ISONOMIA_TEST_DATABASE_URL`` (marked ``postgres``). Without that URL, or when the server
does not answer, the PostgreSQL runs are skipped, except under ``CI=true`` where they fail:
CI must prove the PostgreSQL path, never skip it.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest
import sqlalchemy as sa
import typer.testing
from sqlalchemy.engine import make_url

from isonomia.service.clock import FixedClock, use_clock
from isonomia.store.db import Database, resolve_url
from password_cost import hash_cheaply
from played_demo import PlayedDemo

TEST_URL_VAR = "ISONOMIA_TEST_DATABASE_URL"
#: The time the tests' clock says, unless $ISONOMIA_TEST_NOW names another: no test reads
#: the wall clock, so a test that passes today passes on any later day.
TEST_NOW_VAR = "ISONOMIA_TEST_NOW"
TEST_NOW = "2027-01-04T09:00:00+00:00"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"PostgreSQL storage tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL storage tests skipped: {reason}")


@functools.cache
def _postgres_problem(admin_url: str) -> str | None:
    """Why the PostgreSQL server at ``admin_url`` cannot be used, or None (checked once)."""
    engine = sa.create_engine(admin_url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        first_line = str(exc.orig or exc).strip().splitlines()[0]
        return f"the server at {TEST_URL_VAR} does not answer ({first_line})"
    finally:
        engine.dispose()
    return None


def _shape(app: typer.Typer) -> tuple[object, ...]:
    """What an app's click command is built from: its commands and groups, nested."""
    return (
        tuple(id(command) for command in app.registered_commands),
        tuple(
            (id(group), _shape(group.typer_instance))
            for group in app.registered_groups
            if group.typer_instance
        ),
    )


def _built_once(get_command):
    """`CliRunner.invoke` has Typer convert the whole application into its click command on
    every call, about a quarter of a second for isonomia's commands: most of what a CLI
    test costs. The command is built again only when the application has changed."""
    built: dict[int, tuple[typer.Typer, tuple[object, ...], object]] = {}

    def get(app: typer.Typer):
        shape = _shape(app)
        kept = built.get(id(app))
        if kept is None or kept[0] is not app or kept[1] != shape:
            kept = built[id(app)] = (app, shape, get_command(app))
        return kept[2]

    return get


typer.testing._get_command = _built_once(typer.testing._get_command)  # type: ignore[attr-defined]
hash_cheaply()


def _test_now() -> datetime:
    return datetime.fromisoformat(os.environ.get(TEST_NOW_VAR) or TEST_NOW)


@pytest.fixture(autouse=True)
def test_clock() -> Iterator[FixedClock]:
    """Every test runs on a fixed clock: `ISONOMIA_TEST_NOW`, or TEST_NOW."""
    clock = FixedClock(_test_now())
    with use_clock(clock):
        yield clock


@pytest.fixture(scope="session")
def played_demo(tmp_path_factory: pytest.TempPathFactory) -> PlayedDemo:
    """The worked example played once a test process, on the tests' clock: the tests that
    read what it printed or recorded share it (each play takes some fifteen seconds)."""
    from typer.testing import CliRunner

    from isonomia.cli.main import app

    folder = tmp_path_factory.mktemp("played-demo")
    with use_clock(FixedClock(_test_now())):
        played = CliRunner().invoke(
            app, ["demo", "--db", str(folder / "demo.db"), "--exports", str(folder)]
        )
    assert played.exit_code == 0, played.stderr
    return PlayedDemo(played.stdout, folder)


@pytest.fixture
def postgres_admin_url() -> str:
    """The PostgreSQL URL to create test databases from (skips or fails if unusable)."""
    raw = os.environ.get(TEST_URL_VAR)
    if not raw:
        _unavailable(f"{TEST_URL_VAR} is not set")
        raise AssertionError("unreachable")
    url = resolve_url(raw)
    problem = _postgres_problem(url)
    if problem:
        _unavailable(problem)
    return url


@pytest.fixture
def fresh_postgres_url(postgres_admin_url: str, worker_id: str) -> Iterator[str]:
    """URL of a new, empty PostgreSQL database, dropped after the test."""
    name = f"isonomia_test_{worker_id}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield make_url(postgres_admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """URL of a new, empty database: a SQLite file, or a PostgreSQL database of its own."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'isonomia.db'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated ``Database`` on a new, empty database of each backend."""
    db = Database(database_url)
    db.migrate()
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def keyring(tmp_path):
    """A folder of keys that plays every part of a test union, making missing keys through
    the bodies that answer for them (as a worked example does)."""
    from isonomia.service import Keyring

    return Keyring(tmp_path / "keys", provision=True)
