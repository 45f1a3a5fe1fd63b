"""A new union's SQLite file (with its -wal and -shm files) and its keys folder are readable
by their owner only, whatever the umask: the file is the whole record, accounts included,
and the folder holds every private key."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_world import invoke, ok


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that lets everyone read what is made (as on many shared machines)."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def assert_private(db: Path) -> None:
    assert mode(db) == 0o600
    keys = Path(f"{db}.keys")
    assert mode(keys) == 0o700
    files = list(keys.iterdir())
    assert files and all(mode(key) == 0o600 for key in files)
    # While a connection is open, SQLite keeps the -wal and -shm files: the file's mode too.
    reader = sqlite3.connect(db)
    try:
        reader.execute("SELECT count(*) FROM ledger").fetchone()
        beside = [Path(f"{db}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
        made = [path for path in beside if path.exists()]
        assert made, "SQLite made no -wal or -shm file"
        assert all(mode(path) == 0o600 for path in made), {p.name: oct(mode(p)) for p in made}
    finally:
        reader.close()


def test_init_makes_the_database_and_its_keys_readable_by_their_owner_only(
    tmp_path: Path, open_umask: None
) -> None:
    db = tmp_path / "union.db"
    ok(invoke("init", "--db", str(db), "--clock", "simulated", "--at", "1922-12-30"))
    assert_private(db)


def test_the_demo_makes_its_database_and_keys_readable_by_their_owner_only(
    tmp_path: Path, open_umask: None
) -> None:
    db = tmp_path / "demo.db"
    ok(invoke("demo", "--db", str(db)))
    assert_private(db)
