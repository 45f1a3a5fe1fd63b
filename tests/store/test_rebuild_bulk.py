"""A rebuild folds the ledger into a scratch SQLite file and writes each read table once:
the tables it writes equal those the live writes kept, on both databases, for the worked
example's whole story; and the fold's writer lets every statement see what came before it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from isonomia.store import ledger_store, projections
from isonomia.store.db import Database
from isonomia.store.projections import bulk
from isonomia.store.projections.organs import _RECALL, delegation_view, session_view
from played_demo import PlayedDemo

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from scale_copy import copy_database

T = delegation_view


def _row(n: int, person: str) -> dict[str, object]:
    return {"sequence": n, "organ": "o", "member": "m", "person": person, "term_from": "1923-01-01"}


@pytest.fixture(scope="module")
def demo(played_demo: PlayedDemo) -> Path:
    """The worked example played once, on SQLite, with its read tables kept by live writes."""
    return played_demo.db


def test_p18_a_rebuild_of_the_demo_writes_the_tables_its_live_writes_kept(
    demo: Path, database_url: str, tmp_path: Path
) -> None:
    source = Database(f"sqlite:///{demo}")
    with source.reading() as conn:
        live, printed = projections.snapshot(conn), projections.fingerprint(conn)
        length = ledger_store.head(conn)[0]
    source.dispose()
    if database_url.startswith("sqlite"):
        shutil.copyfile(demo, Path(sa.make_url(database_url).database or ""))
    else:  # the live tables come along, as kept on SQLite
        copy_database(source.url, database_url)
    db = Database(database_url)
    try:
        with db.engine.connect() as conn, conn.begin() as transaction:
            conn.execute(sa.delete(session_view))  # a table out of step: the rebuild mends it
            assert projections.fingerprint(conn) != printed
            written: dict[str, str] = {}
            assert projections.rebuild(conn, fingerprints=written) == length > 400
            # Compared by the bytes of each row in key order (texts by their bytes everywhere).
            assert written == projections.fingerprint(conn) == printed
            if db.dialect_name == "sqlite":
                assert projections.snapshot(conn) == live
            transaction.rollback()
    finally:
        db.dispose()


def test_the_fold_holds_plain_inserts_and_writes_them_before_a_statement_on_their_table() -> None:
    with bulk.scratch() as scratch:
        with bulk.folding(scratch) as fold:
            fold.execute(T.insert(), _row(1, "p1"))
            fold.execute(sa.insert(T).values(**_row(2, "p2")))
            fold.execute(
                session_view.insert(),
                {"id": "s", "organ": "o", "held_on": "1923-01-01", "agenda": "[]"},
            )
            # Built once and run by the SQLite library: it sees the rows held for its table.
            fold.execute(
                _RECALL, {"b_organ": "o", "b_member": "m", "b_person": "p2", "b_on": "1923-02-01"}
            )
            fold.execute(T.insert(), _row(3, "p3"))
            # Any other statement sees every row held before it.
            seen = fold.execute(sa.select(T.c.person, T.c.recalled_on).order_by(T.c.sequence))
            assert seen.all() == [("p1", None), ("p2", "1923-02-01"), ("p3", None)]
            fold.execute(T.insert(), _row(4, "p4"))
        # Written at the end of the block.
        assert scratch.execute(sa.select(sa.func.count()).select_from(T)).scalar_one() == 4
        assert scratch.execute(sa.select(session_view.c.id)).scalars().all() == ["s"]


def test_only_an_insert_of_one_mapping_or_of_plain_values_is_held() -> None:
    assert bulk.plain_insert(T.insert(), _row(1, "p")) == (T, _row(1, "p"))
    assert bulk.plain_insert(sa.insert(T).values(**_row(1, "p"))) == (T, _row(1, "p"))
    assert bulk.plain_insert(T.insert(), [_row(1, "p"), _row(2, "q")]) is None
    assert bulk.plain_insert(T.insert().returning(T.c.sequence), _row(1, "p")) is None
    assert bulk.plain_insert(T.insert().prefix_with("OR IGNORE"), _row(1, "p")) is None
    assert bulk.plain_insert(sa.update(T), {"person": "q"}) is None
