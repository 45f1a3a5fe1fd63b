"""A recall finds its delegation by an index, not by scanning every term ever recorded."""

from __future__ import annotations

import sqlalchemy as sa

from isonomia.store.db import Database


def test_p4_delegations_are_indexed_by_who_sits_so_a_recall_costs_the_same_at_any_size(
    database: Database,
) -> None:
    with database.engine.connect() as conn:
        indexes = sa.inspect(conn).get_indexes("delegation_view")
    assert any(ix["column_names"][:3] == ["organ", "member", "person"] for ix in indexes)


def test_p15_offices_are_indexed_by_person_so_ending_a_seat_costs_the_same_at_any_size(
    database: Database,
) -> None:
    with database.engine.connect() as conn:
        indexes = sa.inspect(conn).get_indexes("office_view")
    assert any(ix["column_names"][:2] == ["person", "office"] for ix in indexes)
