"""Every entry the demo stores is verified by its stored bytes exactly as by re-encoding:
its payload text is what RFC 8785 (the pure-Python encoder) makes of it, ``parse_canonical``
says so by the quick way, and the entry spelled from its stored text is ``canonical_entry``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from isonomia.cli.main import app
from isonomia.ledger import NewEntry, canonical_json
from isonomia.ledger.canonical import parse_canonical, parse_json
from isonomia.ledger.chain import canonical_entry, entry_hash, spell_entry


def test_every_demo_entry_hashes_the_same_by_its_stored_bytes_as_by_re_encoding(
    tmp_path: Path,
) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(db), "--exports", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT sequence, recorded_at, actor, command_id, event_type, schema_version,"
            " payload, prev_hash, hash FROM ledger ORDER BY sequence"
        ).fetchall()
    finally:
        connection.close()
    assert len(rows) > 400
    for sequence, at, actor, command, kind, version, text, prev, digest in rows:
        value = parse_json(text)
        assert canonical_json(value) == text.encode("utf-8")
        assert parse_canonical(text) == (value, True)
        encoded = canonical_entry(sequence, NewEntry(at, actor, command, kind, version, value))
        assert spell_entry(sequence, at, actor, command, kind, version, text) == encoded
        assert entry_hash(prev, encoded) == digest
