"""Whole histories through the service, on SQLite and PostgreSQL: after every command the
invariants of `histories.Histories` hold, the read tables equal a rebuild from the ledger,
and the ledger verifies (P18)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test

from builders import MEMBERS_1922, example_1922, found, union_1922
from histories import Histories, seat_founders
from isonomia.domain import Command, Event, FederationState
from isonomia.service import Federation, Keyring, Refused, at_day, queries
from isonomia.store import projections
from isonomia.store.db import Database


def _empty(url: str) -> None:
    """An empty database for each example: the ledger's triggers go with the schema."""
    engine = sa.create_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    else:
        tables = sa.MetaData()
        tables.reflect(engine)
        tables.drop_all(engine)
    engine.dispose()


class ServiceHistories(Histories):
    url = ""

    def __init__(self) -> None:
        _empty(self.url)
        keys = Keyring(Path(tempfile.mkdtemp(prefix="isonomia-keys-")), provision=True)
        self.federation = Federation(self.url, signer=keys)
        self.federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
        self.federation.execute(found(union_1922(), signed_in=self.federation))
        super().__init__()
        seat_founders(self.run, MEMBERS_1922)

    def state(self) -> FederationState:
        return self.federation.state()

    def run(self, command: Command) -> list[Event] | None:
        try:
            return self.federation.execute(command).events
        except Refused:
            return None

    def answer(self, state: FederationState, day: date) -> tuple[object, ...]:
        members = tuple(
            (r.id, r.joined_on, r.status)
            for r in queries.members(self.federation, day)
            if r.status in ("member", "seceding")
        )
        return (*super().answer(state, day), members)

    @invariant()
    def the_read_tables_equal_a_rebuild_and_the_ledger_verifies(self) -> None:
        with self.federation.db.engine.connect() as conn:
            transaction = conn.begin()
            try:
                live = projections.snapshot(conn)
                projections.rebuild(conn)
                assert projections.snapshot(conn) == live
            finally:
                transaction.rollback()
        assert self.federation.verify_ledger().ok

    def teardown(self) -> None:
        super().teardown()
        self.federation.close()


def test_p3_p5_p12_p18_histories_through_the_service(database: Database) -> None:
    class OnThisDatabase(ServiceHistories):
        url = database.url

    database.dispose()
    run_state_machine_as_test(
        OnThisDatabase,
        settings=settings(
            max_examples=4,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
