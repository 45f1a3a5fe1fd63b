"""The grove's trees, from its read table."""

from __future__ import annotations

import sqlalchemy as sa

from grove.projections import grove_tree
from isonomia.service import Federation


def trees(federation: Federation) -> list[str]:
    with federation.db.reading() as conn:
        return [
            str(r) for r in conn.execute(sa.select(grove_tree.c.tree).order_by("tree")).scalars()
        ]
