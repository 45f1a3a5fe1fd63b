"""A member's node (P3, P18): its own copy of the union's record, re-derived and compared.

A node follows the union's log over HTTP (``/api/v1/ledger/feed``, page by page, asking
from what it holds), and keeps in its own database (an isonomia database like the union's)
only the entries it re-derived: each is chained after the one before exactly as the union
served it, and replayed as ``ledger verify`` replays (``rules.replay.Replayer``). A command
cut by a page's end waits in memory for the rest; so a node that stops (killed, or the
network gone) resumes from what it holds and fetches again at most that command's entries.

Each checkpoint the union serves is checked against the node's own tree: signed by the log
key the record registered, its root the root of the entries the node re-derived at its size
(so every entry it covers is included), and consistent with the last checkpoint the node
accepted. With its council's key the node co-signs, through the union's API, only the
latest checkpoint it accepted this way, and only while no alarm is raised.

An alarm is raised, with its evidence kept in the node's database, for: an entry that does
not replay (an INSERT nobody signed: in this member's name, said so), an entry that does not
chain, a gap in the feed, a checkpoint the node's tree does not match or that does not
extend the last one accepted, and a split view, two checkpoints that cannot both be of one
log (from the union or a peer's ``/node/checkpoint``). Once raised, the node co-signs
nothing more and stops taking entries; a person reads the evidence (`isonomia node status`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isonomia.domain.refusal import N_
from isonomia.ledger.chain import Entry, NewEntry, link
from isonomia.ledger.keys import Ed25519PrivateKey, key_id
from isonomia.ledger.merkle import MerkleProofError, verify_consistency
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    Note,
    NoteError,
    NoteVerificationError,
    Signer,
    cosign_note,
    parse_note,
    verify_checkpoint,
)
from isonomia.rules.replay import Replayer
from isonomia.service.clock import Clock, current_clock
from isonomia.service.errors import BadRequest, ServiceError, Unavailable
from isonomia.service.federation import Federation
from isonomia.service.pipeline import recorded_at
from isonomia.service.transparency import log_keys, log_origin
from isonomia.service.unit_of_work import event_of
from isonomia.store import checkpoints, ledger_store, merkle_nodes, node_records, projections

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ALARM_EXIT",
    "NodeAlarmed",
    "NodeReport",
    "NodeStatus",
    "follow",
    "node_checkpoint",
    "node_export",
    "node_status",
]

#: Exit code of `isonomia node follow --once` when the node raised an alarm.
ALARM_EXIT = 4
#: Entries asked for in one page of the feed.
PAGE = 500
FEED = "/api/v1/ledger/feed"
COSIGN = "/api/v1/ledger/cosignatures"

Progress = Callable[[int, int | None], None]


class NodeAlarmed(ServiceError):
    """The node raised an alarm: it co-signs nothing until a person looks (P18)."""

    exit_code = ALARM_EXIT


@dataclass
class NodeReport:
    """What one round of following did."""

    held: int = 0
    fetched: int = 0
    accepted: int | None = None
    cosigned: list[int] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NodeStatus:
    held: int
    accepted: node_records.AcceptedCheckpoint | None
    union_size: int | None
    alarms: list[node_records.Alarm]

    @property
    def lag(self) -> int | None:
        if self.union_size is None:
            return None
        return max(0, self.union_size - self.held)


def _client(base: str) -> httpx.Client:
    import httpx

    if not base.startswith(("http://", "https://")):
        raise BadRequest(f"{base} is not an http:// or https:// address")
    return httpx.Client(base_url=base, timeout=30.0)


def _get(client: httpx.Client, path: str, params: Mapping[str, Any] | None = None) -> Any:
    import httpx

    try:
        response = client.get(path, params=dict(params or {}))
    except httpx.HTTPError as error:
        raise Unavailable(
            f"cannot reach {client.base_url}: {error or type(error).__name__}"
        ) from None
    if response.status_code == 404:
        return None
    if response.status_code >= 400:
        raise Unavailable(
            f"{client.base_url}{path} answered {response.status_code}: {_said(response)}"
        )
    try:
        return response.json()
    except ValueError:
        raise Unavailable(f"{client.base_url}{path} did not answer JSON") from None


def _said(response: Any) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    text = str(detail or response.text or "").strip().splitlines()
    return text[0] if text else ""


class Node:
    """One member's node over its own database ``url``, following the union at ``union``."""

    def __init__(
        self,
        url: str | None,
        union: str | httpx.Client,
        *,
        key: Ed25519PrivateKey | None = None,
        member: str | None = None,
        peers: Iterable[str | httpx.Client] = (),
        clock: Clock | None = None,
        page: int = PAGE,
        progress: Progress | None = None,
    ) -> None:
        self.clock = clock or current_clock()
        self.federation = Federation(url, clock=self.clock)
        self.union = _client(union) if isinstance(union, str) else union
        self.peers = [_client(p) if isinstance(p, str) else p for p in peers]
        self.key = key
        self.member = member
        self.page = page
        self.progress = progress
        self._replayer: Replayer | None = None
        self._pending: list[tuple[Entry, dict[str, Any]]] = []
        self._head: tuple[int, str] = (0, "")
        self._loaded = False

    # -- opening ----------------------------------------------------------------------------

    def prepare(self) -> None:
        """Make the node's database if it is new, and replay what it holds (no network)."""
        schema = self.federation.schema()
        if schema.state == "foreign":
            raise Unavailable(
                f"{self.federation.describe_url()} is not an isonomia database ({schema.detail})"
            )
        if schema.state in ("missing", "empty", "behind"):
            self.federation.db.migrate()
        if self._loaded:
            return
        replayer = Replayer()
        with self.federation.db.plain_reading() as conn:
            self._head = ledger_store.head(conn)
            for entry in ledger_store.read_entries(conn):
                replayer.add(entry)
        replayer.settle()  # the node stores only re-derived entries: its head is a command's end
        failure = replayer.failure
        if failure is not None:
            raise NodeAlarmed(
                f"alarm (P18): the node's own copy does not replay at entry {failure[0]}: "
                f"{failure[1]}"
            )
        self._replayer = replayer
        self._loaded = True
        if self.key is not None and self.member is None:
            record = replayer.state.keys.get(key_id(self.key.public_key()))
            if record is not None and record.principal.startswith("council:"):
                self.member = record.principal.removeprefix("council:")

    def _council(self) -> str:
        """The council whose key this node signs with, as the record registers it."""
        assert self.key is not None and self._replayer is not None
        record = self._replayer.state.keys.get(key_id(self.key.public_key()))
        if record is None or not record.valid() or not record.principal.startswith("council:"):
            raise BadRequest(
                "refused (P18): a node co-signs with its council's key in force, and the "
                "record registers this key for no council"
            )
        return record.principal

    # -- following --------------------------------------------------------------------------

    def alarms(self) -> list[node_records.Alarm]:
        with self.federation.db.plain_reading() as conn:
            return node_records.alarms(conn)

    def sync(self) -> NodeReport:
        """Fetch and re-derive everything the union serves past what the node holds, check
        its checkpoints, co-sign the latest accepted, and compare notes with the peers."""
        self.prepare()
        report = NodeReport(held=self._head[0])
        raised = self.alarms()
        if raised:
            report.alarms = [a.line for a in raised]
            return report
        total = self._union_size()
        while True:
            start = self._head[0] + len(self._pending) + 1
            items = _get(self.union, FEED, {"from": start, "limit": self.page})
            if not isinstance(items, list):
                raise Unavailable(f"{self.union.base_url}{FEED} did not answer a list")
            entries = sum(1 for item in items if item.get("type") == "entry")
            report.fetched += entries
            at_head = entries < self.page
            self._take(items, at_head, report)
            if self.progress is not None:
                self.progress(self._head[0], total)
            if report.alarms or at_head:
                break
        report.held = self._head[0]
        if not report.alarms:
            self._compare_notes(report)
        if not report.alarms and self.key is not None:
            self._cosign(report)
        with self.federation.db.plain_reading() as conn:
            latest = node_records.latest_accepted(conn)
        report.accepted = None if latest is None else latest.size
        return report

    def _union_size(self) -> int | None:
        head = _get(self.union, "/api/v1/ledger/head")
        return int(head["size"]) if isinstance(head, dict) and "size" in head else None

    def _take(self, items: list[dict[str, Any]], at_head: bool, report: NodeReport) -> None:
        """Chain, replay and store one page's entries; check its checkpoints; one
        transaction, so a page is kept whole or not at all."""
        assert self._replayer is not None
        replayer = self._replayer
        with self.federation.db.writing() as conn:
            for item in items:
                if item.get("type") == "checkpoint":
                    if not self._settle_to(conn, int(item.get("size", 0)), report):
                        break
                    if not self._checkpoint(conn, item, report):
                        break
                    continue
                entry = self._chained(conn, item, report)
                if entry is None:
                    break
                replayer.add(entry)
                self._pending.append((entry, item))
                if not self._store_derived(conn, report):
                    break
            else:
                if at_head:
                    self._settle_to(conn, self._head[0] + len(self._pending), report)
            ledger_store.set_verified_head(conn, *self._head)
        if report.alarms:
            self._pending = []

    def _chained(self, conn: Any, item: dict[str, Any], report: NodeReport) -> Entry | None:
        last = self._pending[-1][0] if self._pending else None
        after = (last.sequence, last.hash) if last is not None else self._head
        sequence = item.get("sequence")
        if sequence != after[0] + 1:
            self._alarm(
                conn,
                report,
                "gap",
                after[0] + 1,
                f"alarm (P18): the union's feed skips from entry {after[0]} to {sequence}",
                item,
            )
            return None
        if item.get("sealed"):
            self._alarm(
                conn,
                report,
                "sealed",
                sequence,
                f"alarm (P17, P18): entry {sequence} is sealed in the public feed, so this node "
                "cannot replay it",
                item,
            )
            return None
        try:
            new = NewEntry(
                recorded_at=str(item["recorded_at"]),
                actor=str(item["actor"]),
                command_id=str(item["command_id"]),
                event_type=str(item["event_type"]),
                schema_version=int(item["schema_version"]),
                payload=dict(item["payload"]),
            )
            [entry] = link(after[0], after[1] or _genesis(), [new])
        except (KeyError, TypeError, ValueError) as error:
            self._alarm(
                conn,
                report,
                "chain",
                sequence,
                f"alarm (P18): entry {sequence} as served cannot be read ({error})",
                item,
            )
            return None
        if entry.hash != item.get("hash") or entry.prev_hash != item.get("prev_hash"):
            self._alarm(
                conn,
                report,
                "chain",
                sequence,
                f"alarm (P18): entry {sequence} does not hash to what the union says it does",
                item,
            )
            return None
        return entry

    def _store_derived(self, conn: Any, report: NodeReport) -> bool:
        """Append to the node's ledger the pending entries the replay has re-derived."""
        assert self._replayer is not None
        failure = self._replayer.failure
        if failure is not None:
            self._replay_alarm(conn, report, *failure)
            return False
        derived = self._replayer.derived
        ready = [(e, i) for e, i in self._pending if e.sequence <= derived]
        if not ready:
            return True
        self._pending = self._pending[len(ready) :]
        entries = [e for e, _ in ready]
        ledger_store.append(conn, [e.content() for e in entries], self._head)
        for entry in entries:
            projections.apply(conn, entry.sequence, event_of(entry))
        self._head = (entries[-1].sequence, entries[-1].hash)
        return True

    def _settle_to(self, conn: Any, size: int, report: NodeReport) -> bool:
        """Replay the pending command when the record is known to end at ``size``."""
        assert self._replayer is not None
        if self._pending and self._pending[-1][0].sequence == size:
            self._replayer.settle()
        return self._store_derived(conn, report)

    def _replay_alarm(self, conn: Any, report: NodeReport, sequence: int, why: str) -> None:
        item = next((i for e, i in self._pending if e.sequence == sequence), {"sequence": sequence})
        member = self.member
        found = item.get("payload")
        payload: dict[str, Any] = found if isinstance(found, dict) else {}
        ours = member is not None and member in {v for v in payload.values() if isinstance(v, str)}
        if ours:
            line = (
                f"alarm (P3, P18): entry {sequence} ({item.get('event_type')}) is recorded in "
                f"{member}'s name and council:{member} did not sign it: {why}"
            )
            kind = "in-our-name"
        else:
            line = (
                f"alarm (P18): entry {sequence} ({item.get('event_type')}) does not replay: {why}"
            )
            kind = "replay"
        self._alarm(conn, report, kind, sequence, line, item)

    def _checkpoint(self, conn: Any, item: dict[str, Any], report: NodeReport) -> bool:
        """Check a checkpoint the union served against the node's own tree; accept it."""
        assert self._replayer is not None
        size = int(item.get("size", 0))
        text = str(item.get("note", ""))
        if size > self._head[0]:
            return True  # its entries did not replay, or are still to come: not accepted
        checked = self._check_note(conn, text, size, "union", report)
        if checked is None:
            return False
        root = checked
        last = node_records.latest_accepted(conn)
        if last is not None and size <= last.size:
            if size == last.size and root != last.root:
                self._split(conn, report, last.note, text, "the union", size)
                return False
            return True
        if last is not None:
            tree = merkle_nodes.StoredTree(conn, self._head[0])
            try:
                proof = tree.consistency_proof(last.size, size)
                verify_consistency(
                    last.size, size, bytes.fromhex(last.root), bytes.fromhex(root), proof
                )
            except (LookupError, ValueError, MerkleProofError) as error:
                self._alarm(
                    conn,
                    report,
                    "not-extending",
                    size,
                    f"alarm (P18): the checkpoint of {size} entries does not extend the one "
                    f"accepted at {last.size} ({error})",
                    {"accepted": last.note, "served": text},
                )
                return False
        at = recorded_at(self.clock())
        node_records.accept(conn, size, root, text, "union", at)
        if checkpoints.checkpoint_at(conn, size) is None:
            signed = parse_note(text.encode())
            log_only = Note(signed.text, signed.signatures[:1]).encode().decode()
            checkpoints.add_checkpoint(conn, size, root, log_only, at)
        report.accepted = size
        return True

    def _check_note(
        self, conn: Any, text: str, size: int, source: str, report: NodeReport
    ) -> str | None:
        """The root of a checkpoint note when it is the log's and matches the node's own
        tree at its size; else an alarm, and None."""
        assert self._replayer is not None
        state = self._replayer.state
        try:
            checkpoint, _ = verify_checkpoint(parse_note(text.encode()), log_keys(state))
        except (NoteError, NoteVerificationError, ValueError) as error:
            self._alarm(
                conn,
                report,
                "checkpoint",
                size,
                f"alarm (P18): a checkpoint of {size} entries from {source} does not verify "
                f"with the log's key ({error})",
                {"note": text},
            )
            return None
        if checkpoint.size != size or checkpoint.origin != log_origin(state):
            self._alarm(
                conn,
                report,
                "checkpoint",
                size,
                f"alarm (P18): a checkpoint from {source} is not of this log at {size} entries",
                {"note": text},
            )
            return None
        own = merkle_nodes.StoredTree(conn, self._head[0]).root(size)
        if own != checkpoint.root_hash:
            self._alarm(
                conn,
                report,
                "split-view",
                size,
                f"alarm (P18): split view: the checkpoint of {size} entries from {source} "
                f"signs root {checkpoint.root_hash.hex()}, the entries this node re-derived "
                f"make {own.hex()}",
                {"theirs": text, "source": source, "our_root": own.hex()},
            )
            return None
        return checkpoint.root_hash.hex()

    def _split(
        self, conn: Any, report: NodeReport, ours: str, theirs: str, who: str, size: int
    ) -> None:
        self._alarm(
            conn,
            report,
            "split-view",
            size,
            f"alarm (P18): split view: {who} holds a checkpoint of {size} entries with "
            "another root than the one this node accepted",
            {"ours": ours, "theirs": theirs, "source": who},
        )

    def _alarm(
        self,
        conn: Any,
        report: NodeReport,
        kind: str,
        sequence: int | None,
        line: str,
        evidence: Any,
    ) -> None:
        text = json.dumps(evidence, sort_keys=True, ensure_ascii=False, default=str)
        node_records.add_alarm(conn, kind, sequence, line, text, recorded_at(self.clock()))
        report.alarms.append(line)

    # -- comparing notes --------------------------------------------------------------------

    def _compare_notes(self, report: NodeReport) -> None:
        """Fetch each peer's latest accepted checkpoint: one the node's own tree does not
        match at its size is a split view."""
        for peer in self.peers:
            try:
                found = _get(peer, "/node/checkpoint")
            except Unavailable as error:
                report.notices.append(str(error))
                continue
            if not isinstance(found, dict) or "note" not in found:
                continue
            text = str(found["note"])
            try:
                size = int(found["size"])
            except (KeyError, TypeError, ValueError):
                continue
            if size > self._head[0]:
                report.notices.append(
                    f"{peer.base_url} accepted {size} entries; this node holds {self._head[0]}"
                )
                continue
            with self.federation.db.writing() as conn:
                self._check_note(conn, text, size, f"the peer {peer.base_url}", report)
            if report.alarms:
                return

    # -- co-signing -------------------------------------------------------------------------

    def _cosign(self, report: NodeReport) -> None:
        """Co-sign the latest accepted checkpoint through the union's API, once."""
        council = self._council()
        if self.member is None:
            self.member = council.removeprefix("council:")
        with self.federation.db.plain_reading() as conn:
            latest = node_records.latest_accepted(conn)
        if latest is None or latest.cosignature is not None:
            return
        assert self.key is not None
        signed = parse_note(latest.note.encode())
        moment = int(self.clock().timestamp())
        cosigned = cosign_note(Note(signed.text), Signer(council, COSIGNATURE_V1, self.key), moment)
        line = cosigned.signatures[-1].line().rstrip("\n")
        import httpx

        try:
            response = self.union.post(COSIGN, json={"size": latest.size, "line": line})
        except httpx.HTTPError as error:
            raise Unavailable(
                f"cannot reach {self.union.base_url}: {error or type(error).__name__}"
            ) from None
        if response.status_code >= 400:
            report.notices.append(
                f"the union did not take this node's cosignature of {latest.size} entries: "
                f"{_said(response)}"
            )
            return
        statement = None
        if self.member is not None:
            found = _get(
                self.union,
                f"/api/v1/members/{self.member}/statement",
                {"size": latest.size},
            )
            if isinstance(found, dict) and isinstance(found.get("statement"), str):
                statement = found["statement"]
        with self.federation.db.writing() as conn:
            node_records.mark_cosigned(conn, latest.size, line)
            if checkpoints.checkpoint_at(conn, latest.size) is not None and not any(
                c.principal == council for c in checkpoints.cosignatures_of(conn, latest.size)
            ):
                kid = key_id(self.key.public_key())
                checkpoints.add_cosignature(conn, latest.size, kid, council, line)
            if statement is not None:
                node_records.keep_statement(conn, latest.size, statement)
        report.cosigned.append(latest.size)


def _genesis() -> str:
    from isonomia.ledger.chain import GENESIS_HASH

    return GENESIS_HASH


def follow(
    url: str | None,
    union: str | httpx.Client,
    **options: Any,
) -> NodeReport:
    """One round of following (``Node.sync``); raises ``NodeAlarmed`` on an alarm."""
    node = Node(url, union, **options)
    report = node.sync()
    if report.alarms:
        raise NodeAlarmed(report.alarms[0])
    return report


def node_status(url: str | None, union: str | httpx.Client | None = None) -> NodeStatus:
    """What the node holds, the last checkpoint it accepted, its alarms; with the union's
    address, how far behind the union's latest checkpoint it is."""
    federation = Federation(url)
    schema = federation.schema()
    if schema.state not in ("current", "behind"):
        raise Unavailable(f"no node database at {federation.describe_url()}")
    with federation.db.plain_reading() as conn:
        held = ledger_store.head(conn)[0]
        accepted = node_records.latest_accepted(conn)
        raised = node_records.alarms(conn)
    union_size = None
    if union is not None:
        client = _client(union) if isinstance(union, str) else union
        head = _get(client, "/api/v1/ledger/head")
        union_size = int(head["size"]) if isinstance(head, dict) and "size" in head else None
    return NodeStatus(held, accepted, union_size, raised)


def node_checkpoint(federation: Federation) -> node_records.AcceptedCheckpoint | None:
    """The latest checkpoint this node accepted (what it serves at ``/node/checkpoint``)."""
    with federation.db.plain_reading() as conn:
        return node_records.latest_accepted(conn)


NOT_A_NODE = N_("this server is not a member's node: it has accepted no checkpoint")


def node_export(url: str | None, member: str, out: str | Path) -> tuple[int, int]:
    """Write ``member``'s export from the node's own copy (P3): the entries up to the
    latest checkpoint the node accepted and holds the log's statement for, each of the
    member's with its inclusion proof in that checkpoint (with the cosignatures it carried,
    this node's own among them). Returns the checkpoint's size and the entries in full."""
    from isonomia.ledger.export import build_export, write_export
    from isonomia.ledger.export_tlog import attach
    from isonomia.ledger.merkle import MerkleTree
    from isonomia.service.member_export import EXPORT_FORMAT
    from isonomia.service.transparency import cosigner_keys, leaf

    federation = Federation(url)
    with federation.db.plain_reading() as conn:
        rows = [
            a
            for a in (node_records.accepted_at(conn, s) for s in _accepted_sizes(conn))
            if a is not None and a.statement is not None
        ]
        if node_records.alarms(conn):
            raise NodeAlarmed(
                "refused (P18): this node raised an alarm; its copy is evidence, not an export"
            )
    if not rows:
        raise BadRequest(
            f"this node holds no checkpoint with the log's statement for {member}: run "
            "`isonomia node follow` with the council's key first"
        )
    chosen = rows[-1]
    statement = parse_note(str(chosen.statement).encode())
    if f"member-export {member}\n" not in statement.text:
        raise BadRequest(f"the statement this node holds is for another member, not {member}")
    entries: list[Entry] = []
    with federation.db.plain_reading() as conn:
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
    tree = MerkleTree.from_entries(leaf(e) for e in entries)
    note = parse_note(chosen.note.encode())
    if chosen.cosignature is not None and chosen.cosignature not in chosen.note:
        note = parse_note((chosen.note + chosen.cosignature + "\n").encode())
    keys = log_keys(state)
    from isonomia.ledger.notes import verify_note

    signer = next((k for k in keys if any(v.key == k for v in verify_note(statement, keys))), None)
    if signer is None:
        raise BadRequest("the log's statement this node holds does not verify")
    doc = attach(doc, tree, note, statement, signer, cosigner_keys(state))
    try:
        write_export(out, doc)
    except OSError as error:
        raise BadRequest(f"cannot write {out}: {error.strerror or error}") from None
    return chosen.size, sum(1 for e in doc["entries"] if "payload" in e)


def _accepted_sizes(conn: Any) -> list[int]:
    import sqlalchemy as sa

    rows = conn.execute(
        sa.select(node_records.node_checkpoint.c.size).order_by(node_records.node_checkpoint.c.size)
    ).all()
    return [int(r.size) for r in rows]
