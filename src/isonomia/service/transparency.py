"""The transparency log over the ledger (P3, P18): checkpoints, witnesses, proofs, audits.

Leaf n of the Merkle tree (RFC 9162) is entry n's canonical bytes, ``canonical_entry``:
the sequence number and every hashed field, without the chain hashes. A checkpoint
(C2SP tlog-checkpoint, origin ``isonomia/<union id>``) is signed by the union's ``log``
key, which the record registers; a member's council witnesses it (C2SP tlog-cosignature)
after checking that it extends the last checkpoint it co-signed, kept on its own machine.

Checkpoints and cosignatures are the log's own records (``store.checkpoints``), not ledger
events: they are statements about the ledger, each verifiable on its own with keys the
ledger registers, and an event for each would change the tree they sign. They are made on
demand (`isonomia ledger checkpoint`), and every ``transparency.checkpoint_every`` entries
when the log key is at hand. The tree is kept between checkpoints (``store.merkle_nodes``),
so a checkpoint or a proof reads O(log n) stored nodes; ``tlog_tree`` checks them.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from isonomia.domain import FederationState, actors
from isonomia.domain.sealing import Shown, seal_entry
from isonomia.ledger.chain import Entry, canonical_entry
from isonomia.ledger.keys import Ed25519PrivateKey, key_id, parse_public_key
from isonomia.ledger.merkle import MerkleProofError, verify_consistency
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    Checkpoint,
    Note,
    NoteError,
    NoteVerificationError,
    Signer,
    VerifierKey,
    cosign_note,
    parse_checkpoint,
    parse_note,
    sign_note,
    verify_checkpoint,
)
from isonomia.ledger.tlog_proof import make_consistency_proof, make_inclusion_proof
from isonomia.service.errors import BadRequest
from isonomia.service.pipeline import now, recorded_at
from isonomia.service.tlog_tree import audit, catch_up, extending_root, verify_nodes
from isonomia.store import checkpoints, ledger_store, merkle_nodes

if TYPE_CHECKING:
    from isonomia.service.federation import Federation
    from isonomia.service.keyring import Signer as KeySource

__all__ = [
    "Head",
    "Transparency",
    "cosigner_keys",
    "leaf",
    "log_keys",
    "log_origin",
    "log_verifier_keys",
    "raw_key",
]


def log_origin(state: FederationState) -> str:
    """The log's origin line: ``isonomia/<union id>``."""
    if state.charter is None:
        raise BadRequest("this database has no charter: run `isonomia init`")
    return f"isonomia/{state.charter.union.id}"


def leaf(entry: Entry) -> bytes:
    """The bytes of an entry's leaf: exactly what its chain hash covers after the link."""
    return canonical_entry(entry.sequence, entry.content())


def raw_key(public_key: str) -> bytes:
    """The 32 bytes of an Ed25519 public key given as the record keeps it."""
    return _raw(public_key)


def _raw(public_key: str) -> bytes:
    return parse_public_key(public_key).public_bytes(Encoding.Raw, PublicFormat.Raw)


def log_keys(state: FederationState) -> list[VerifierKey]:
    """The note keys of the union's log, as the record registers them (in force)."""
    origin = log_origin(state)
    return [
        VerifierKey(origin, ED25519, _raw(k.public_key))
        for k in state.keys.values()
        if k.principal == actors.LOG and k.valid()
    ]


def log_verifier_keys(federation: Federation) -> list[str]:
    """The log's verifier keys (vkeys), for `isonomia-verify --key` and `check-proof`."""
    return [key.encode() for key in log_keys(federation.state())]


def cosigner_keys(state: FederationState) -> dict[VerifierKey, str]:
    """Each member council's cosigning key in force, with the principal it belongs to."""
    return {
        VerifierKey(k.principal, COSIGNATURE_V1, _raw(k.public_key)): k.principal
        for k in state.keys.values()
        if k.principal.startswith("council:") and k.valid()
    }


@dataclass(frozen=True)
class Head:
    """A stored checkpoint, with the principals whose cosignatures it carries."""

    size: int
    root: str
    note: str
    made_at: str
    cosigners: list[str]


class Transparency:
    """The transparency log of one union database."""

    def __init__(self, federation: Federation) -> None:
        self.federation = federation

    # -- the tree ---------------------------------------------------------------------------

    def leaf_bytes(self, sequence: int) -> bytes:
        found = next(self.federation.entries(after=sequence - 1), None)
        if found is None or found.sequence != sequence:
            raise BadRequest(f"there is no ledger entry {sequence}")
        return leaf(found)

    def synced(self) -> int:
        """Bring the stored tree up to the ledger's head if it lags; the ledger's size."""
        with self.federation.db.reading() as conn:
            top = ledger_store.head(conn)[0]
            if merkle_nodes.stored_size(conn) == top:
                return top
        with self.federation.db.writing() as conn:
            return catch_up(conn)

    # -- checkpoints ------------------------------------------------------------------------

    def make_checkpoint(self, source: KeySource, at: datetime | None = None) -> Head:
        """Sign the tree as it is now with the union's log key, and store the checkpoint."""
        state = self.federation.state()
        key = source.key_for(actors.LOG)
        if key is None:
            raise BadRequest(
                "a checkpoint is signed with the union's log key: give --key FILE or "
                "--keyring DIR holding log.key"
            )
        self._registered(state, key, actors.LOG)
        origin = log_origin(state)
        with self.federation.db.writing() as conn:
            size = catch_up(conn)
            if size == 0:
                raise BadRequest("the ledger is empty: there is nothing to sign")
            stored = checkpoints.checkpoint_at(conn, size)
            if stored is None:
                root = extending_root(conn, size)
                body = Checkpoint(origin, size, root).body()
                note = sign_note(body, Signer(origin, ED25519, key)).encode().decode()
                made = recorded_at(at or now())
                checkpoints.add_checkpoint(conn, size, root.hex(), note, made)
                stored = checkpoints.checkpoint_at(conn, size)
            assert stored is not None
            return _head(conn, stored)

    def head(self) -> Head | None:
        """The latest checkpoint, or None when none was made."""
        with self.federation.db.reading() as conn:
            stored = checkpoints.latest_checkpoint(conn)
            return None if stored is None else _head(conn, stored)

    def latest_note(self) -> Note:
        """The latest checkpoint with every stored cosignature, as one signed note."""
        with self.federation.db.reading() as conn:
            stored = checkpoints.latest_checkpoint(conn)
            if stored is None:
                raise BadRequest("no checkpoint yet: run `isonomia ledger checkpoint`")
            return _with_cosignatures(conn, stored)

    def note_at(self, size: int) -> Note:
        with self.federation.db.reading() as conn:
            stored = checkpoints.checkpoint_at(conn, size)
            if stored is None:
                raise BadRequest(f"there is no checkpoint of size {size}")
            return _with_cosignatures(conn, stored)

    # -- witnesses --------------------------------------------------------------------------

    def witness(self, key: Ed25519PrivateKey, state_file: Path, at: datetime | None = None) -> Head:
        """Co-sign the latest checkpoint as the council the key belongs to, after checking
        that it extends the one recorded in ``state_file`` (then updated)."""
        state = self.federation.state()
        principal = self._principal_of(state, key)
        note = self.latest_note()
        latest = _verified(note, log_keys(state), "the latest checkpoint")
        old = _read_state(state_file)
        if old is not None:
            seen = _verified(old, log_keys(state), f"the checkpoint kept in {state_file}")
            self._check_extends(seen, latest)
        moment = at or now()
        signed = cosign_note(
            Note(note.text), Signer(principal, COSIGNATURE_V1, key), int(moment.timestamp())
        )
        line = signed.signatures[-1].line().rstrip("\n")
        with self.federation.db.writing() as conn:
            kid = key_id(key.public_key())
            if not any(c.key_id == kid for c in checkpoints.cosignatures_of(conn, latest.size)):
                checkpoints.add_cosignature(conn, latest.size, kid, principal, line)
            stored = checkpoints.checkpoint_at(conn, latest.size)
            assert stored is not None
            head = _head(conn, stored)
        _write_state(state_file, Note(note.text, (note.signatures[0],)))
        return head

    def _check_extends(self, old: Checkpoint, new: Checkpoint) -> None:
        if old.origin != new.origin:
            raise BadRequest(f"refused (P18): the kept checkpoint is of {old.origin}")
        if new.size < old.size:
            raise BadRequest(
                f"refused (P18): the log went back from {old.size} entries to {new.size}"
            )
        proof = self._proof(lambda tree: tree.consistency_proof(old.size, new.size), new.size)
        try:
            verify_consistency(old.size, new.size, old.root_hash, new.root_hash, proof)
        except MerkleProofError as error:
            raise BadRequest(
                f"refused (P18): the latest checkpoint does not extend the one co-signed "
                f"at size {old.size} ({error})"
            ) from None

    @staticmethod
    def _registered(state: FederationState, key: Ed25519PrivateKey, principal: str) -> None:
        record = state.keys.get(key_id(key.public_key()))
        if record is None or record.principal != principal or not record.valid():
            raise BadRequest(f"refused (P18): this key is not a key of {principal} in force")

    @staticmethod
    def _principal_of(state: FederationState, key: Ed25519PrivateKey) -> str:
        record = state.keys.get(key_id(key.public_key()))
        if record is None or not record.valid() or not record.principal.startswith("council:"):
            raise BadRequest(
                "refused (P18): a witness signs with its council's key in force, and the "
                "record registers this key for no council"
            )
        return record.principal

    # -- proofs -----------------------------------------------------------------------------

    def _proof(self, make: Any, size: int) -> Any:
        """``make(tree)`` on the stored tree of ``size`` leaves (caught up first)."""
        self.synced()
        with self.federation.db.reading() as conn:
            try:
                return make(merkle_nodes.StoredTree(conn, size))
            except (LookupError, ValueError) as error:
                raise BadRequest(
                    f"the stored Merkle tree cannot prove this ({error}): run `isonomia "
                    "ledger verify`"
                ) from None

    def prove(self, sequence: int) -> bytes:
        """A C2SP tlog-proof of entry ``sequence`` against the latest checkpoint."""
        note = self.latest_note()
        size = parse_checkpoint(note.text).size
        if not 1 <= sequence <= size:
            raise BadRequest(
                f"entry {sequence} is not in the latest checkpoint ({size} entries): "
                "run `isonomia ledger checkpoint` first"
            )
        proof = self._proof(lambda tree: make_inclusion_proof(tree, sequence - 1, note), size)
        return bytes(proof.encode())

    def consistency(self, old_size: int, new_size: int | None = None) -> bytes:
        """A consistency proof between two stored checkpoints (the latest by default)."""
        new = self.latest_note() if new_size is None else self.note_at(new_size)
        old = self.note_at(old_size)
        size = parse_checkpoint(new.text).size
        if parse_checkpoint(old.text).size > size:
            raise BadRequest("the old checkpoint must not be larger than the new one")
        proof = self._proof(lambda tree: make_consistency_proof(tree, old, new), size)
        return bytes(proof.encode())

    # -- audit and feed ---------------------------------------------------------------------

    def audit_against(self, path: Path) -> str | None:
        """None when the record still holds the tree the checkpoint in ``path`` signed; else
        one line naming the first entry that differs (``tlog_audit``)."""
        state = self.federation.state()
        signed = _verified(_read_note(path), log_keys(state), f"the checkpoint in {path}")
        return audit(self.federation, signed, log_keys(state))

    def verify_nodes(self, progress: Callable[[int], None] | None = None) -> str | None:
        """Check every stored node of the tree against the entries: None, or what is wrong."""
        return verify_nodes(self.federation, progress)

    def feed(
        self, start: int = 1, limit: int | None = None, shown: Shown = seal_entry
    ) -> Iterator[dict[str, Any]]:
        """Entries from ``start`` (at most ``limit``) as ``shown``, checkpoints after theirs."""
        with self.federation.db.reading() as conn:
            last = ledger_store.head(conn)[0]
            end = last if limit is None else min(last, start + limit - 1)
            made = {c.size: c for c in checkpoints.checkpoints_between(conn, start, end)}
            cosigners = {size: checkpoints.cosignatures_of(conn, size) for size in made}
            for entry in ledger_store.read_entries(conn, after=start - 1):
                if entry.sequence > end:
                    break
                yield {"type": "entry", **shown(_entry_json(entry))}
                stored = made.get(entry.sequence)
                if stored is not None:
                    yield {
                        "type": "checkpoint",
                        "size": stored.size,
                        "note": _with_lines(stored.note, cosigners[stored.size]),
                        "cosigners": [c.principal for c in cosigners[stored.size]],
                    }


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "sequence": entry.sequence,
        "recorded_at": entry.recorded_at,
        "actor": entry.actor,
        "command_id": entry.command_id,
        "event_type": entry.event_type,
        "schema_version": entry.schema_version,
        "payload": entry.payload,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
        "leaf": base64.b64encode(leaf(entry)).decode(),
    }


def _head(conn: Any, stored: checkpoints.StoredCheckpoint) -> Head:
    cosignatures = checkpoints.cosignatures_of(conn, stored.size)
    note = _with_lines(stored.note, cosignatures)
    return Head(stored.size, stored.root, note, stored.made_at, [c.principal for c in cosignatures])


def _with_lines(note: str, cosignatures: list[checkpoints.StoredCosignature]) -> str:
    return note + "".join(c.line + "\n" for c in cosignatures)


def _with_cosignatures(conn: Any, stored: checkpoints.StoredCheckpoint) -> Note:
    lines = _with_lines(stored.note, checkpoints.cosignatures_of(conn, stored.size))
    return parse_note(lines.encode())


def _verified(note: Note, keys: list[VerifierKey], what: str) -> Checkpoint:
    try:
        return verify_checkpoint(note, keys)[0]
    except NoteVerificationError as error:
        raise BadRequest(f"refused (P18): {what} does not verify: {error}") from None
    except NoteError as error:
        raise BadRequest(f"{what} is not a checkpoint: {error}") from None


def _read_note(path: Path) -> Note:
    try:
        return parse_note(path.read_bytes())
    except OSError as error:
        raise BadRequest(f"cannot read {path}: {error.strerror or error}") from None
    except NoteError as error:
        raise BadRequest(f"{path} is not a signed checkpoint: {error}") from None


def _read_state(path: Path) -> Note | None:
    if not path.exists():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return parse_note(str(document["checkpoint"]).encode())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadRequest(f"cannot read the witness state {path}: {error}") from None


def _write_state(path: Path, note: Note) -> None:
    document = {"checkpoint": note.encode().decode()}
    try:
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise BadRequest(f"cannot write {path}: {error.strerror or error}") from None
