"""The storage conformance suite for the ledger: every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from isonomia.ledger import GENESIS_HASH, NewEntry, verify_chain
from isonomia.store import Database, NotWritingError, append, head, read_entries, verify


def new_entry(i: int, actor: str = "საქართველო") -> NewEntry:
    return NewEntry(
        recorded_at="2024-03-01T12:00:00Z",
        actor=actor,
        command_id=f"cmd-{i}",
        event_type="VoteCast",
        schema_version=1,
        payload={"motion": i, "choice": "yes", "note": "მხარს ვუჭერ", "weight": 0.5},
    )


def fill(database: Database, n: int) -> None:
    with database.writing() as conn:
        append(conn, [new_entry(i) for i in range(1, n + 1)])


def test_empty_ledger_has_the_genesis_head_and_verifies(database: Database) -> None:
    with database.reading() as conn:
        assert head(conn) == (0, GENESIS_HASH)
        assert list(read_entries(conn)) == []
        assert verify(conn).describe() == f"OK 0 entries, head {GENESIS_HASH}"


def test_append_read_verify_round_trip(database: Database) -> None:
    with database.writing() as conn:
        written = append(conn, [new_entry(i) for i in range(1, 6)])
    with database.writing() as conn:
        written += append(conn, [new_entry(i) for i in range(6, 8)])
    with database.reading() as conn:
        stored = list(read_entries(conn, batch=3))
        report = verify(conn)
        assert head(conn) == (7, written[-1].hash)
    assert stored == written
    assert stored[0].payload == {"motion": 1, "choice": "yes", "note": "მხარს ვუჭერ", "weight": 0.5}
    assert [e.sequence for e in stored] == list(range(1, 8))
    assert report.ok and report.count == 7 and report.head == written[-1].hash
    assert verify_chain(stored) == report


def test_read_entries_after_starts_past_the_given_sequence(database: Database) -> None:
    fill(database, 10)
    with database.reading() as conn:
        assert [e.sequence for e in read_entries(conn, after=7, batch=2)] == [8, 9, 10]


def test_payload_is_stored_as_its_canonical_json_text(database: Database) -> None:
    fill(database, 1)
    with database.reading() as conn:
        text = conn.execute(sa.text("SELECT payload FROM ledger")).scalar_one()
    assert text == '{"choice":"yes","motion":1,"note":"მხარს ვუჭერ","weight":0.5}'


def test_p18_update_and_delete_on_ledger_are_refused_by_trigger(database: Database) -> None:
    fill(database, 3)
    for statement in (
        "UPDATE ledger SET actor = 'someone else' WHERE sequence = 2",
        "UPDATE ledger SET payload = '{}'",
        "DELETE FROM ledger WHERE sequence = 3",
        "DELETE FROM ledger",
    ):
        with (
            pytest.raises(sa.exc.DatabaseError, match=r"ledger is append-only \(P18\)"),
            database.writing() as conn,
        ):
            conn.execute(sa.text(statement))
    with database.reading() as conn:
        assert verify(conn).describe().startswith("OK 3 entries")


@pytest.mark.postgres
def test_p18_truncate_on_ledger_is_refused_by_trigger_on_postgresql(
    fresh_postgres_url: str,
) -> None:
    database = Database(fresh_postgres_url)
    try:
        database.migrate()
        fill(database, 2)
        with (
            pytest.raises(sa.exc.DatabaseError, match=r"append-only \(P18\)"),
            database.writing() as conn,
        ):
            conn.execute(sa.text("TRUNCATE ledger"))
        with database.reading() as conn:
            assert head(conn)[0] == 2
    finally:
        database.dispose()


def test_p18_insert_that_skips_a_sequence_or_breaks_the_link_is_refused(
    database: Database,
) -> None:
    fill(database, 2)
    with database.reading() as conn:
        _, head_hash = head(conn)
    row = {
        "recorded_at": "2024-03-01T12:00:00Z",
        "actor": "x",
        "command_id": "c",
        "event_type": "Forged",
        "schema_version": 1,
        "payload": "{}",
        "hash": "e" * 64,
    }
    insert = sa.text(
        "INSERT INTO ledger (sequence, recorded_at, actor, command_id, event_type, "
        "schema_version, payload, prev_hash, hash) VALUES (:sequence, :recorded_at, :actor, "
        ":command_id, :event_type, :schema_version, :payload, :prev_hash, :hash)"
    )
    with pytest.raises(sa.exc.DatabaseError, match="without a gap"), database.writing() as conn:
        conn.execute(insert, {**row, "sequence": 4, "prev_hash": head_hash})
    with pytest.raises(sa.exc.DatabaseError, match="hash of the head"), database.writing() as conn:
        conn.execute(insert, {**row, "sequence": 3, "prev_hash": "d" * 64})


def test_tampered_payload_is_named_by_verify_once_the_trigger_is_dropped(
    database: Database,
) -> None:
    fill(database, 5)
    drop = {
        "sqlite": "DROP TRIGGER ledger_refuse_update",
        "postgresql": "DROP TRIGGER ledger_refuse_update ON ledger",
    }[database.dialect_name]
    with database.writing() as conn:
        conn.execute(sa.text(drop))
        conn.execute(
            sa.text("UPDATE ledger SET payload = replace(payload, 'yes', 'no') WHERE sequence = 4")
        )
    with database.reading() as conn:
        report = verify(conn)
    assert report.describe() == (
        "entry 4: hash does not match its content (payload or fields were changed)"
    )
    assert (report.ok, report.count) == (False, 3)


def test_append_outside_writing_is_refused(database: Database) -> None:
    with database.reading() as conn, pytest.raises(NotWritingError):
        append(conn, [new_entry(1)])


def test_transaction_that_raises_after_append_leaves_nothing_written(database: Database) -> None:
    fill(database, 2)

    class CommandFailed(Exception):
        pass

    with pytest.raises(CommandFailed), database.writing() as conn:
        append(conn, [new_entry(3), new_entry(4)])
        assert head(conn)[0] == 4
        raise CommandFailed
    with database.reading() as conn:
        assert head(conn)[0] == 2
        assert verify(conn).count == 2
    fill(database, 1)
    with database.reading() as conn:
        assert verify(conn).describe().startswith("OK 3 entries")


def test_concurrent_appends_through_writing_give_one_gapless_verified_chain(
    database: Database,
) -> None:
    threads, per_thread = 4, 200
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def writer(t: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                with database.writing() as conn:
                    append(conn, [new_entry(i, actor=f"writer-{t}")])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    workers = [threading.Thread(target=writer, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    with database.reading() as conn:
        entries = list(read_entries(conn))
        report = verify(conn)
    assert [e.sequence for e in entries] == list(range(1, threads * per_thread + 1))
    assert {e.actor for e in entries} == {f"writer-{t}" for t in range(threads)}
    assert report.ok and report.count == threads * per_thread


def test_p18_the_database_refuses_an_entry_recorded_before_the_one_before_it(
    database: Database,
) -> None:
    from dataclasses import replace

    fill(database, 1)
    earlier = replace(new_entry(2), recorded_at="2024-03-01T11:59:59Z")
    later = replace(new_entry(2), recorded_at="2024-03-01T12:00:00.5Z")
    with (
        pytest.raises(sa.exc.DatabaseError, match="never goes backwards"),
        database.writing() as conn,
    ):
        append(conn, [earlier])
    with database.writing() as conn:
        append(conn, [later])  # the same second with a fraction is not earlier
    with database.reading() as conn:
        assert head(conn)[0] == 2
