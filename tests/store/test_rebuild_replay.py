"""A rebuild's projectors write through a connection that holds plain inserts and sends them
together (pipelined on PostgreSQL): every other statement still sees all that came before."""

from __future__ import annotations

import sqlalchemy as sa

from isonomia.store.db import Database
from isonomia.store.projections import _plain_insert, _replaying
from isonomia.store.projections.organs import delegation_view, session_view

T = delegation_view
ROW = {"sequence": 1, "organ": "o", "member": "m", "person": "p", "term_from": "1923-01-01"}


def test_only_a_plain_insert_of_python_values_is_held() -> None:
    assert _plain_insert(sa.insert(T).values(**ROW)) == (T, ROW)
    assert _plain_insert(T.insert().values(ROW)) == (T, ROW)
    refused = [
        sa.insert(T).values(**ROW).returning(T.c.sequence),
        sa.insert(T).values(**ROW).prefix_with("OR IGNORE"),
        sa.insert(T).values(**{**ROW, "person": sa.func.lower("P")}),
        sa.insert(T).values([ROW, {**ROW, "sequence": 2}]),
        sa.insert(T).values({T.c.sequence: 1}),
        sa.insert(T).from_select(list(ROW), sa.select(*(T.c[k] for k in ROW))),
        sa.insert(T),
        sa.update(T).values(person="q"),
        sa.select(T),
    ]
    for statement in refused:
        assert _plain_insert(statement) is None, statement


def test_held_inserts_are_in_place_before_any_other_statement(database: Database) -> None:
    with database.writing() as conn:
        with _replaying(conn) as target:
            for n in range(1, 4):
                target.execute(sa.insert(T).values(**{**ROW, "sequence": n, "person": f"p{n}"}))
            target.execute(
                sa.insert(session_view).values(id="s", organ="o", held_on="1923-01-01", agenda="[]")
            )
            target.execute(sa.update(T).where(T.c.person == "p2").values(recalled_on="1923-02-01"))
            target.execute(sa.insert(T).values(**{**ROW, "sequence": 4, "person": "p4"}))
            seen = target.execute(sa.select(T.c.person, T.c.recalled_on).order_by(T.c.sequence))
            assert seen.all() == [("p1", None), ("p2", "1923-02-01"), ("p3", None), ("p4", None)]
            target.execute(sa.insert(T).values(**{**ROW, "sequence": 5, "person": "p5"}))
        # Sent at the end of the block: the plain connection sees the last one too.
        assert conn.execute(sa.select(sa.func.count()).select_from(T)).scalar_one() == 5
        assert conn.execute(sa.select(session_view.c.id)).scalars().all() == ["s"]
