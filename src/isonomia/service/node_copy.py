"""A member's node's copy, read (P3, P18): its status, the checkpoint it serves to other
nodes, and the member's export written from it.

The export is the one `member export` writes (``ledger.export_tlog``, version 2), made from
the node's own entries: proved in the latest checkpoint the node accepted (with the
cosignatures it carried, the node's own among them), and carrying the log's statement of the
member's entries that the node fetched when it co-signed that checkpoint. So a member that
leaves holds its record without asking the union for it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isonomia.ledger.chain import Entry
from isonomia.ledger.export import build_export, write_export
from isonomia.ledger.export_tlog import attach
from isonomia.ledger.merkle import MerkleTree
from isonomia.ledger.notes import NoteError, NoteVerificationError, parse_note, verify_note
from isonomia.rules.replay import Replayer
from isonomia.service import node_http
from isonomia.service.clock import current_clock
from isonomia.service.errors import BadRequest, ServiceError, Unavailable
from isonomia.service.federation import EXPORT_FORMAT, Federation
from isonomia.service.pipeline import recorded_at
from isonomia.service.transparency import cosigner_keys, leaf, log_keys
from isonomia.service.unit_of_work import event_of
from isonomia.store import ledger_store, node_records

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ALARM_EXIT",
    "NodeAlarmed",
    "NodeStatus",
    "node_checkpoint",
    "node_export",
    "node_status",
]

#: Exit code of `isonomia node follow --once` (and `node status`) when the node raised an alarm.
ALARM_EXIT = 4


class NodeAlarmed(ServiceError):
    """The node raised an alarm: it co-signs nothing until a person looks (P18)."""

    exit_code = ALARM_EXIT


@dataclass(frozen=True)
class NodeStatus:
    held: int
    accepted: node_records.AcceptedCheckpoint | None
    union_size: int | None
    alarms: list[node_records.Alarm]

    def as_json(self) -> dict[str, Any]:
        accepted = self.accepted
        return {
            "held": self.held,
            "accepted": None
            if accepted is None
            else {
                "size": accepted.size,
                "root": accepted.root,
                "accepted_at": accepted.accepted_at,
                "cosigned": accepted.cosignature is not None,
            },
            "alarms": [
                {"kind": a.kind, "sequence": a.sequence, "line": a.line, "raised_at": a.raised_at}
                for a in self.alarms
            ],
        }

    @property
    def lag(self) -> int | None:
        """Entries the union's latest checkpoint has that this node does not hold."""
        if self.union_size is None:
            return None
        return max(0, self.union_size - self.held)


def _node_database(url: str | Federation | None) -> Federation:
    """The node's database at ``url``, refused in one line when it holds no node."""
    federation = url if isinstance(url, Federation) else Federation(url)
    if federation.schema().state not in ("current", "behind"):
        raise Unavailable(
            f"no node database at {federation.describe_url()}: run `isonomia node follow` first"
        )
    return federation


def node_status(
    url: str | Federation | None, union: str | httpx.Client | None = None
) -> NodeStatus:
    """What the node holds, the last checkpoint it accepted, its alarms; with the union's
    address, how far behind the union's latest checkpoint it is."""
    federation = _node_database(url)
    with federation.db.plain_reading() as conn:
        held = ledger_store.head(conn)[0]
        accepted = node_records.latest_accepted(conn)
        raised = node_records.alarms(conn)
    union_size = None
    if union is not None:
        server = node_http.client(union) if isinstance(union, str) else union
        head = node_http.get(server, node_http.HEAD)
        union_size = int(head["size"]) if isinstance(head, dict) and "size" in head else None
    return NodeStatus(held, accepted, union_size, raised)


def node_checkpoint(federation: Federation) -> node_records.AcceptedCheckpoint | None:
    """The latest checkpoint this node accepted (what it serves at ``/node/checkpoint``)."""
    with federation.db.plain_reading() as conn:
        return node_records.latest_accepted(conn)


def _chosen(federation: Federation, member: str) -> node_records.AcceptedCheckpoint:
    """The latest accepted checkpoint holding the log's statement of ``member``'s export."""
    with federation.db.plain_reading() as conn:
        if node_records.alarms(conn):
            raise NodeAlarmed(
                "refused (P18): this node raised an alarm; its copy is evidence, not an export"
            )
        held = [a for a in node_records.all_accepted(conn) if a.statement is not None]
    held = [a for a in held if f"\nmember-export {member}\n" in str(a.statement)]
    if not held:
        raise BadRequest(
            f"this node holds no checkpoint with the log's statement for {member}: run "
            f"`isonomia node follow` with council:{member}'s key first"
        )
    return held[-1]


def node_export(url: str | None, member: str, out: str | Path) -> tuple[int, int]:
    """Write ``member``'s export from the node's own copy; returns the size of the
    checkpoint it is proved in and the number of entries given in full."""
    federation = _node_database(url)
    chosen = _chosen(federation, member)
    with federation.db.plain_reading() as conn:
        entries: list[Entry] = []
        for entry in ledger_store.read_entries(conn):
            if entry.sequence > chosen.size:
                break
            entries.append(entry)
    replayer = Replayer()
    for entry in entries:
        replayer.add(entry)
    replayer.settle()
    state = replayer.state
    if state.charter is None or member not in state.members:
        raise BadRequest(f"{member} has never been a member of this union")
    meta = {
        "format": EXPORT_FORMAT,
        "union": state.charter.union.id,
        "union_name": state.charter.union.name,
        "member": member,
        "exported_at": recorded_at(current_clock()()),
    }
    doc = build_export(entries, lambda e: bool(event_of(e).concerns(member)), meta)
    text = chosen.note
    if chosen.cosignature is not None and chosen.cosignature not in text:
        text += chosen.cosignature + "\n"
    statement = parse_note(str(chosen.statement).encode())
    try:
        signer = verify_note(statement, log_keys(state))[0].key
    except (NoteError, NoteVerificationError) as error:
        raise BadRequest(f"the log's statement this node holds does not verify: {error}") from None
    tree = MerkleTree.from_entries(leaf(e) for e in entries)
    doc = attach(doc, tree, parse_note(text.encode()), statement, signer, cosigner_keys(state))
    try:
        write_export(out, doc)
    except OSError as error:
        raise BadRequest(f"cannot write {out}: {error.strerror or error}") from None
    return chosen.size, sum(1 for e in doc["entries"] if "payload" in e)
