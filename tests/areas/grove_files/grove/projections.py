"""The grove's read table."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from grove.domain import TreePlanted
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

grove_tree = read_table(
    sa.Table(
        "grove_tree",
        metadata,
        sa.Column("tree", ID, primary_key=True),
        sa.Column("planted_on", D, nullable=False),
    )
)


@projects(TreePlanted)
def _planted(conn: Connection, sequence: int, event: TreePlanted) -> None:
    conn.execute(grove_tree.insert().values(tree=event.tree, planted_on=iso(event.planted_on)))
