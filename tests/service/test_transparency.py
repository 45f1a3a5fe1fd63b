"""The transparency log (P3, P18) on both databases: checkpoints signed by the log key,
council witnesses, proofs checked offline, rewrites caught against a kept checkpoint."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from isonomia.ledger.keys import generate_private_key
from isonomia.ledger.notes import ED25519, Note, Signer, VerifierKey, parse_note, sign_note
from isonomia.ledger.tlog_proof import (
    check_consistency_proof,
    check_inclusion_proof,
    parse_consistency_proof,
    parse_inclusion_proof,
)
from isonomia.service import (
    BadRequest,
    Federation,
    Keyring,
    Transparency,
    at_day,
    log_verifier_keys,
    provide_key,
)
from isonomia.service.errors import RecordBroken
from isonomia.service.transparency import Head
from tlog_world import WITNESSES, founded, rewrite, truncate, unguarded


@pytest.fixture
def federation(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = founded(database_url, keyring)
    yield federation
    federation.close()


def _log_keys(federation: Federation) -> list[VerifierKey]:
    return [VerifierKey.parse(text) for text in log_verifier_keys(federation)]


def _council_key(keyring: Keyring, member: str):  # type: ignore[no-untyped-def]
    key = keyring.key_for(f"council:{member}")
    assert key is not None
    return key


def _more_entries(federation: Federation, keyring: Keyring, member: str = "rsfsr") -> None:
    provide_key(federation, keyring, f"council:{member}", member, at_day(date(1923, 2, 1)))


def test_p18_a_checkpoint_signs_the_tree_of_every_entry_and_a_proof_checks_offline(
    federation: Federation, keyring: Keyring
) -> None:
    log = Transparency(federation)
    head = log.make_checkpoint(keyring)
    assert head.size == federation.ledger_length()
    assert head.note.startswith(f"isonomia/union\n{head.size}\n")
    for sequence in (1, head.size // 2, head.size):
        proof = parse_inclusion_proof(log.prove(sequence))
        verified = check_inclusion_proof(
            proof, log.leaf_bytes(sequence), _log_keys(federation), "isonomia/union"
        )
        assert verified.checkpoint.size == head.size
        with pytest.raises(ValueError, match="root"):
            check_inclusion_proof(
                proof, log.leaf_bytes(sequence % head.size + 1), _log_keys(federation)
            )


def test_p18_a_checkpoint_needs_the_log_key_the_record_registers(
    federation: Federation, tmp_path: Path
) -> None:
    stranger = Keyring(tmp_path / "stranger", provision=False)
    stranger.create("log")
    with pytest.raises(BadRequest, match=r"refused \(P18\): this key is not a key of log"):
        Transparency(federation).make_checkpoint(stranger)
    assert Transparency(federation).head() is None


def test_p18_each_witness_cosigns_after_checking_the_log_only_grew(
    federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    log = Transparency(federation)
    first = log.make_checkpoint(keyring)
    states = {m: tmp_path / f"{m}.json" for m in WITNESSES}
    for member in WITNESSES:
        log.witness(_council_key(keyring, member), states[member])
    head = log.head()
    assert head is not None and head.size == first.size
    assert head.cosigners == sorted(f"council:{m}" for m in WITNESSES)
    _more_entries(federation, keyring)
    second = log.make_checkpoint(keyring)
    assert second.size > first.size and second.cosigners == []
    after = log.witness(_council_key(keyring, "ukraine"), states["ukraine"])
    assert after.cosigners == ["council:ukraine"]
    kept = json.loads(states["ukraine"].read_text())["checkpoint"]
    assert kept.startswith(f"isonomia/union\n{second.size}\n")
    consistency = parse_consistency_proof(log.consistency(first.size))
    old, new = check_consistency_proof(consistency, _log_keys(federation))
    assert (old.checkpoint.size, new.checkpoint.size) == (first.size, second.size)


def test_p18_a_witness_refuses_a_checkpoint_that_forks_from_the_one_it_cosigned(
    federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    log = Transparency(federation)
    head = log.make_checkpoint(keyring)
    log_key = keyring.key_for("log")
    assert log_key is not None
    forked_root = "A" * 43 + "="
    fork = sign_note(
        f"isonomia/union\n{head.size}\n{forked_root}\n", Signer("isonomia/union", ED25519, log_key)
    )
    state = tmp_path / "ukraine.json"
    state.write_text(json.dumps({"checkpoint": fork.encode().decode()}))
    with pytest.raises(BadRequest, match=r"refused \(P18\): the latest checkpoint does not extend"):
        log.witness(_council_key(keyring, "ukraine"), state)
    assert log.head() == head


def test_p18_only_a_council_key_in_force_cosigns(federation: Federation, keyring: Keyring) -> None:
    log = Transparency(federation)
    log.make_checkpoint(keyring)
    with pytest.raises(BadRequest, match=r"refused \(P18\): a witness signs with its council"):
        log.witness(generate_private_key(), Path("unused.json"))
    log_key = keyring.key_for("log")
    assert log_key is not None
    with pytest.raises(BadRequest, match=r"refused \(P18\)"):
        log.witness(log_key, Path("unused.json"))


def _kept(head: Head, path: Path) -> Path:
    path.write_text(head.note, encoding="utf-8")
    return path


def test_p18_a_rehashed_rewrite_is_caught_against_an_earlier_checkpoint_naming_the_entry(
    database_url: str, federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    log = Transparency(federation)
    size = federation.ledger_length()
    log.make_checkpoint(keyring)
    _more_entries(federation, keyring)
    newer = log.make_checkpoint(keyring).size
    _more_entries(federation, keyring, "belorussia")
    kept = _kept(log.make_checkpoint(keyring), tmp_path / "kept.note")
    assert log.audit_against(kept) is None
    rewrite(database_url, newer + 1)
    reopened = Federation(database_url)
    assert reopened.verify_ledger().ok  # the chain alone no longer shows it
    problem = Transparency(reopened).audit_against(kept)
    assert problem is not None
    assert problem.endswith(f"the first entry that differs is entry {newer + 1}")
    assert size < newer
    reopened.close()


def test_p18_a_rewrite_before_any_stored_checkpoint_is_named_exactly(
    database_url: str, federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    kept = _kept(Transparency(federation).make_checkpoint(keyring), tmp_path / "kept.note")
    rewrite(database_url, 3)
    reopened = Federation(database_url)
    problem = Transparency(reopened).audit_against(kept)
    assert problem is not None and problem.endswith("the first entry that differs is entry 3")
    reopened.close()


def test_p18_a_truncated_record_is_caught_against_a_kept_checkpoint(
    database_url: str, federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    size = federation.ledger_length()
    kept = _kept(Transparency(federation).make_checkpoint(keyring), tmp_path / "kept.note")
    truncate(database_url, size - 2)
    reopened = Federation(database_url)
    problem = Transparency(reopened).audit_against(kept)
    assert problem is not None and f"entry {size - 1} and after are gone" in problem
    reopened.close()


def test_p18_a_checkpoint_signed_by_a_key_not_in_the_record_is_refused(
    federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    head = Transparency(federation).make_checkpoint(keyring)
    text = head.note.partition("\n\n")[0] + "\n"
    forged = sign_note(text, Signer("isonomia/union", ED25519, generate_private_key()))
    path = tmp_path / "forged.note"
    path.write_bytes(forged.encode())
    with pytest.raises(BadRequest, match=r"refused \(P18\): the checkpoint in .* does not verify"):
        Transparency(federation).audit_against(path)
    assert parse_note(path.read_bytes()) == Note(text, forged.signatures)


def test_p18_no_statement_replaces_a_ledger_entry(
    database_url: str, federation: Federation
) -> None:
    engine = sa.create_engine(database_url)
    columns = (
        "sequence, recorded_at, actor, command_id, event_type, schema_version, payload, "
        "prev_hash, hash"
    )
    with engine.connect() as conn:
        first = conn.exec_driver_sql(f"SELECT {columns} FROM ledger WHERE sequence = 1").one()
        last = conn.exec_driver_sql(f"SELECT {columns} FROM ledger ORDER BY sequence DESC").first()
    assert last is not None
    forged = (last[0] + 1, last[1], "x", "x", "x", 1, "{}", last[8], first[8])
    if engine.dialect.name == "sqlite":
        statement = f"INSERT OR REPLACE INTO ledger ({columns}) VALUES ({', '.join('?' * 9)})"
        refusal = "entries are never replaced"
    else:
        refusal = "append-only"
        statement = (
            f"INSERT INTO ledger ({columns}) VALUES ({', '.join(['%s'] * 9)}) "
            "ON CONFLICT (hash) DO UPDATE SET actor = 'x'"
        )
    with pytest.raises(sa.exc.DBAPIError, match=refusal), engine.begin() as conn:
        conn.exec_driver_sql(statement, forged)
    with engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT COUNT(*) FROM ledger").scalar()
    assert count == last[0]
    assert federation.verify_ledger().ok
    engine.dispose()


def test_p18_the_feed_gives_entries_and_the_checkpoints_between_them(
    federation: Federation, keyring: Keyring
) -> None:
    log = Transparency(federation)
    size = log.make_checkpoint(keyring).size
    _more_entries(federation, keyring)
    items = list(log.feed(size - 1, 3))
    assert [i["type"] for i in items] == ["entry", "entry", "checkpoint", "entry"]
    assert [i["sequence"] for i in items if i["type"] == "entry"] == [size - 1, size, size + 1]
    assert items[2]["size"] == size and items[2]["note"].startswith("isonomia/union\n")


def test_p18_an_entry_edited_without_rehashing_stops_the_audit_naming_it(
    database_url: str, federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    kept = _kept(Transparency(federation).make_checkpoint(keyring), tmp_path / "kept.note")
    engine = unguarded(database_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE ledger SET actor = 'forged' WHERE sequence = 5")
    engine.dispose()
    reopened = Federation(database_url)
    with pytest.raises(RecordBroken) as caught:
        Transparency(reopened).audit_against(kept)
    assert caught.value.sequence == 5
    reopened.close()
