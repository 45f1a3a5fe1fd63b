"""A case's ledger entries as each reader reads them (P17, P18): whole for the case's
readers; whole for a member's council when the case is sealed at rest and the entry holds no
clear confidential text, so the member's node can replay the record; sealed for anyone else:
their hashes and their leaf's hash, so the chain and the proofs still verify, but no signer,
payload or bytes."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from isonomia.domain.sealing import (
    case_of,
    confidential_texts_sealed,
    is_sealed,
    leaf_hash,
    seal_entry,
    sealed_field,
)
from isonomia.ledger.chain import Entry, canonical_entry
from isonomia.service.federation import Federation
from isonomia.service.queries.membership import members
from isonomia.store.projections.inspection import case_view

__all__ = [
    "Readers",
    "SealedEntry",
    "entry_for",
    "feed_sealer",
    "feed_shown",
    "member_council",
    "sealed_at_rest",
    "sealed_for",
]

#: Per case, the principals that see it whole (P17), from the read table of cases.
Readers = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class SealedEntry:
    """A case's entry as one who may not see the case reads it (P17): where it stands in
    the chain, its hashes and its leaf's hash (so proofs verify), and nothing of its content."""

    sequence: int
    recorded_at: str
    event_type: str
    schema_version: int
    prev_hash: str
    hash: str
    leaf_hash: str
    actor: None = None
    command_id: None = None
    payload: None = None
    sealed: bool = True


def sealed_for(
    readers: Readers,
    event_type: str,
    payload: Any,
    viewer: str,
    at_rest: Collection[str] = frozenset(),
) -> bool:
    """Whether an entry belongs to a case `viewer` may not see, and so is shown sealed; an
    entry of a case in `at_rest` (the cases sealed at rest, for a member's council) is shown
    whole when every confidential text it holds is sealed (`confidential_texts_sealed`)."""
    if not is_sealed(event_type, payload):
        return False
    case = case_of(event_type, payload)
    if case is None:
        return True
    if viewer in readers.get(case, frozenset()):
        return False
    return case not in at_rest or not confidential_texts_sealed(event_type, payload)


def entry_for(readers: Readers, entry: Entry, viewer: str) -> Entry | SealedEntry:
    """The entry whole, or sealed when it belongs to a case `viewer` may not see (P17);
    `readers` as `readers(federation)` gives them."""
    if not sealed_for(readers, entry.event_type, entry.payload, viewer):
        return entry
    return SealedEntry(
        entry.sequence,
        entry.recorded_at,
        entry.event_type,
        entry.schema_version,
        entry.prev_hash,
        entry.hash,
        leaf_hash(canonical_entry(entry.sequence, entry.content())),
    )


def feed_sealer(
    readers: Readers, viewer: str, at_rest: Collection[str] = frozenset()
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """How the feed shows an item to `viewer`: whole, or sealed when it belongs to a case
    `viewer` may not see (P17), as `sealed_for` decides."""

    def shown(item: dict[str, Any]) -> dict[str, Any]:
        event_type, payload = str(item.get("event_type")), item.get("payload")
        hidden = sealed_for(readers, event_type, payload, viewer, at_rest)
        return seal_entry(item) if hidden else item

    return shown


def sealed_at_rest(federation: Federation) -> frozenset[str]:
    """The cases whose texts are sealed at rest: their complaint's summary a sealed text."""
    c = case_view.c
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(c.id, c.summary)).all()
    return frozenset(str(r.id) for r in rows if sealed_field(r.summary or "") == "summary")


def member_council(federation: Federation, viewer: str) -> bool:
    """Whether `viewer` is the council of a member of the union (seceding ones included)."""
    member = viewer.removeprefix("council:")
    if member == viewer:
        return False
    return any(m.id == member and m.status in ("member", "seceding") for m in members(federation))


def feed_shown(
    federation: Federation, readers: Readers, viewer: str
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """How the feed shows items to `viewer`: a member's council reads whole the entries of
    cases sealed at rest that hold no clear text (so its node replays them), anyone else as
    `feed_sealer` shows them."""
    at_rest = sealed_at_rest(federation) if member_council(federation, viewer) else frozenset()
    return feed_sealer(readers, viewer, at_rest)
