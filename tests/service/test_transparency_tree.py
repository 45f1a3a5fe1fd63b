"""The transparency log's tree kept between checkpoints (P18), on both databases: the
stored nodes give the same roots and proofs as a tree rebuilt from the entries, a record
from before the table is caught up, `ledger verify` catches a changed node table, no
checkpoint is signed over one, and the service signs a checkpoint every N entries (a
charter setting) when the log key is at hand, saying once when it is not."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
import sqlalchemy as sa

from builders import example_1922, found
from isonomia.charter import load_charter
from isonomia.ledger.merkle import MerkleTree
from isonomia.service import (
    BadRequest,
    Federation,
    Keyring,
    Transparency,
    at_day,
    auto_checkpoint,
    provide_key,
)
from isonomia.store import checkpoints, ledger_store, merkle_nodes
from tlog_world import FOUNDED, founded

EVERY = 4


@pytest.fixture
def federation(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = founded(database_url, keyring)
    yield federation
    federation.close()


def _rebuilt(federation: Federation) -> MerkleTree:
    return MerkleTree(merkle_nodes.leaf_hash(e) for e in federation.entries())


def _more(federation: Federation, keyring: Keyring, *members: str) -> None:
    for member in members:
        provide_key(federation, keyring, f"council:{member}", member, at_day(date(1923, 2, 1)))


def _execute(url: str, statement: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(statement)
    engine.dispose()


def test_p18_the_stored_tree_gives_the_rebuilt_trees_roots_and_proofs(
    federation: Federation,
) -> None:
    rebuilt = _rebuilt(federation)
    size = rebuilt.size
    with federation.db.reading() as conn:
        assert merkle_nodes.stored_size(conn) == size
        stored = merkle_nodes.StoredTree(conn, size)
        for m in range(1, size + 1):
            assert stored.root(m) == rebuilt.root(m)
            assert stored.consistency_proof(m) == rebuilt.consistency_proof(m)
            assert stored.inclusion_proof(m - 1) == rebuilt.inclusion_proof(m - 1)


def test_p18_a_proof_reads_the_stored_nodes_it_needs_in_one_query(
    federation: Federation,
) -> None:
    statements: list[str] = []
    with federation.db.reading() as conn:
        stored = merkle_nodes.StoredTree(conn, merkle_nodes.stored_size(conn))
        sa.event.listen(conn, "before_cursor_execute", lambda *a: statements.append(a[2]))
        stored.inclusion_proof(7)
        assert len(statements) == 1
        stored.root()
        assert len(statements) == 2


def test_p18_a_record_from_before_the_node_table_is_caught_up_at_the_next_checkpoint(
    database_url: str, federation: Federation, keyring: Keyring
) -> None:
    _execute(database_url, "DELETE FROM merkle_node")
    _more(federation, keyring, "rsfsr")  # appended while the nodes lag: left for later
    head = Transparency(federation).make_checkpoint(keyring)
    assert bytes.fromhex(head.root) == _rebuilt(federation).root()
    assert Transparency(federation).verify_nodes(None) is None


@pytest.mark.parametrize(
    ("tamper", "found_text"),
    [
        ("UPDATE merkle_node SET hash = {zero} WHERE end_leaf = 7 AND level = 1", "does not match"),
        ("DELETE FROM merkle_node WHERE end_leaf = 3 AND level = 2", "entry 4 is missing"),
        ("INSERT INTO merkle_node VALUES (9999, 0, {zero})", "beyond the last entry"),
    ],
)  # fmt: skip
def test_p18_verify_catches_a_changed_node_table(
    database_url: str, federation: Federation, tamper: str, found_text: str
) -> None:
    assert Transparency(federation).verify_nodes(None) is None
    zero = "X'" + "00" * 32 + "'" if "sqlite" in database_url else "'\\x" + "00" * 32 + "'"
    _execute(database_url, tamper.format(zero=zero))
    problem = Transparency(Federation(database_url)).verify_nodes(None)
    assert problem is not None and found_text in problem


def test_p18_no_checkpoint_is_signed_over_a_changed_node_table(
    database_url: str, federation: Federation, keyring: Keyring
) -> None:
    Transparency(federation).make_checkpoint(keyring)
    _more(federation, keyring, "rsfsr")
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:  # every node of the first 16 entries, the old tree's too
        node = merkle_nodes.merkle_node
        conn.execute(node.update().where(node.c.end_leaf < 16).values(hash=bytes(32)))
    engine.dispose()
    with pytest.raises(
        BadRequest, match=r"refused \(P18\): the stored Merkle tree does not extend"
    ):
        Transparency(federation).make_checkpoint(keyring)


def _union_every(tmp_path: Path, url: str, signer: Keyring | None, keyring: Keyring) -> Federation:
    charter = tmp_path / "union.toml"
    text = example_1922().read_text(encoding="utf-8")
    text = text.replace("checkpoint_every = 100", f"checkpoint_every = {EVERY}")
    charter.write_text(text, encoding="utf-8")
    federation = Federation(url, signer=keyring)
    federation.initialize(charter, clock="simulated", at=at_day(FOUNDED))
    federation.execute(found(load_charter(charter), signed_in=federation))
    federation.signer = signer
    return federation


def test_p18_a_checkpoint_is_signed_each_time_entries_cross_a_multiple_of_the_setting(
    database_url: str, keyring: Keyring, tmp_path: Path
) -> None:
    federation = _union_every(tmp_path, database_url, keyring, keyring)
    _more(federation, keyring, "rsfsr", "ukraine", "armenia")
    sizes = [h.size for h in _stored(federation)]
    assert sizes and sizes[-1] == federation.ledger_length()
    assert all(b // EVERY > a // EVERY for a, b in pairwise(sizes))
    tree = _rebuilt(federation)
    assert all(bytes.fromhex(h.root) == tree.root(h.size) for h in _stored(federation))
    federation.close()


def _stored(federation: Federation) -> list[checkpoints.StoredCheckpoint]:
    with federation.db.reading() as conn:
        return checkpoints.checkpoints_between(conn, 1, ledger_store.head(conn)[0])


def test_p18_without_the_log_key_the_service_says_so_once_and_records_anyway(
    database_url: str, keyring: Keyring, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    federation = _union_every(tmp_path, database_url, None, keyring)
    auto_checkpoint._TOLD.clear()
    before = federation.ledger_length()
    with caplog.at_level(logging.WARNING, logger="isonomia.transparency"):
        _more(federation, keyring, "rsfsr", "ukraine", "armenia", "georgia")
    said = [r.getMessage() for r in caplog.records if "log key is not at hand" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("no checkpoint made at ")
    assert federation.ledger_length() >= before + 2 * EVERY
    assert not any(h.size > before for h in _stored(federation))
    federation.close()


def test_p18_the_charter_setting_defaults_to_a_checkpoint_every_hundred_entries() -> None:
    assert load_charter(example_1922()).transparency.checkpoint_every == 100
