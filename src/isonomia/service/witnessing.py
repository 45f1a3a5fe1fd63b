"""The union's side of members' nodes (P3, P18): cosignatures sent through the API, every
cosignature published, and the log's statement of a member's export at a checkpoint.

A node co-signs a checkpoint only after re-deriving every entry it covers; the union keeps
the cosignature when it verifies with a council's key in force, and publishes all it
received, so each node sees what the others signed. A node that co-signed asks for the
log's statement of its member's export at that size: with it, the node writes the member's
export from its own copy (`isonomia node export`), never asking the union again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from isonomia.domain import actors
from isonomia.domain.base import event_from_record
from isonomia.ledger.export_tlog import statement_text
from isonomia.ledger.keys import key_id
from isonomia.ledger.notes import (
    ED25519,
    Note,
    NoteError,
    NoteVerificationError,
    Signer,
    parse_note,
    sign_note,
    verify_note,
)
from isonomia.service.errors import BadRequest
from isonomia.service.transparency import Head, Transparency, cosigner_keys, log_origin, raw_key
from isonomia.store import checkpoints, ledger_store

if TYPE_CHECKING:
    from isonomia.service.federation import Federation
    from isonomia.service.keyring import Signer as KeySource

__all__ = ["member_statement", "receive_cosignature", "received_cosignatures"]


def receive_cosignature(federation: Federation, size: int, line: str) -> Head:
    """Keep a member node's cosignature of the checkpoint of ``size`` entries, sent through
    the API, when it verifies with a council's key in force (P18)."""
    state = federation.state()
    keys = cosigner_keys(state)
    with federation.db.reading() as conn:
        stored = checkpoints.checkpoint_at(conn, size)
    if stored is None:
        raise BadRequest(f"there is no checkpoint of size {size}")
    text = line.strip()
    if "\n" in text or not text.startswith("\u2014 "):
        raise BadRequest("a cosignature is one signature line of a signed note")
    try:
        signed = parse_note((stored.note + text + "\n").encode())
        verified = verify_note(Note(signed.text, (signed.signatures[-1],)), keys)
    except (NoteError, NoteVerificationError, ValueError) as error:
        raise BadRequest(
            f"refused (P18): the cosignature does not verify with a council's key in force "
            f"({error})"
        ) from None
    key = verified[0].key
    principal = keys[key]
    kid = next(
        found
        for found, k in state.keys.items()
        if k.principal == principal and k.valid() and raw_key(k.public_key) == key.public_key
    )
    with federation.db.writing() as conn:
        if not any(c.key_id == kid for c in checkpoints.cosignatures_of(conn, size)):
            checkpoints.add_cosignature(conn, size, kid, principal, text)
    head = Transparency(federation).head()
    assert head is not None
    return head


def received_cosignatures(federation: Federation, after: int = 0) -> list[dict[str, Any]]:
    """Every cosignature the union received for checkpoints larger than ``after``."""
    with federation.db.reading() as conn:
        return [
            {"size": size, "principal": c.principal, "key_id": c.key_id, "line": c.line}
            for size, c in checkpoints.all_cosignatures(conn, after)
        ]


def member_statement(federation: Federation, member: str, size: int, source: KeySource) -> str:
    """The log's signed statement of ``member``'s export at ``size`` entries: which of them
    are the member's, given in full (what a node's own export carries, P3)."""
    state = federation.state()
    if member not in state.members:
        raise BadRequest(f"{member} has never been a member of this union")
    key = source.key_for(actors.LOG)
    record = None if key is None else state.keys.get(key_id(key.public_key()))
    if key is None or record is None or record.principal != actors.LOG or not record.valid():
        raise BadRequest("the union's log key is not at hand on this server")
    origin = log_origin(state)
    full: list[int] = []
    with federation.db.reading() as conn:
        if checkpoints.checkpoint_at(conn, size) is None:
            raise BadRequest(f"there is no checkpoint of size {size}")
        for entry in ledger_store.read_entries(conn):
            if entry.sequence > size:
                break
            event = event_from_record(entry.event_type, entry.schema_version, entry.payload)
            if event.concerns(member):
                full.append(entry.sequence)
    text = statement_text(origin, member, size, full)
    return sign_note(text, Signer(origin, ED25519, key)).encode().decode()
