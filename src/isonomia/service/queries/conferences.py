"""Queries over conferences (P9)."""

from __future__ import annotations

from isonomia.charter.model import OrganKind
from isonomia.service.federation import Federation
from isonomia.service.queries.union import charter


def conference_organs(federation: Federation) -> list[str]:
    return [o.id for o in charter(federation).organs if o.kind is OrganKind.CONFERENCE]
