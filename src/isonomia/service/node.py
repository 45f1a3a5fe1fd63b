"""A member's node (P3, P18): its own copy of the union's record, re-derived and compared.

A node follows the union's log over HTTP (``/api/v1/ledger/feed``, page by page, asking
from what it holds), and keeps in its own database (an isonomia database like the union's)
only the entries it re-derived: each is chained after the one before exactly as the union
served it, and replayed as ``ledger verify`` replays (``rules.replay.Replayer``). A page is
kept in one transaction; a command cut by a page's end waits in memory for the rest. So a
node that stops (killed, or the network gone) resumes from what it holds and fetches again
at most the entries of that one command.

Each checkpoint the union serves is checked against the node's own tree (``node_checks``):
signed by the log key the record registered, its root the root of the entries the node
re-derived at its size, and consistent with the last checkpoint the node accepted. With its
council's key the node co-signs, through the union's API, only the latest checkpoint it
accepted so, and only while no alarm is raised; it then fetches the log's statement of its
member's export at that size, so it can write the export itself (``node_copy``).

An alarm (a ``node_checks.Finding``) is kept with its evidence in the node's database: an
entry that does not replay (an INSERT nobody signed; in this member's name, said so), that
does not chain, a gap, a checkpoint the node's tree does not match or that does not extend
the last accepted, and a split view, two checkpoints that cannot both be of one log (from
the union, or a peer's ``/node/checkpoint``). Once one is raised the node co-signs nothing
and takes no more entries until a person looks (`isonomia node status`).

With its council's API token (``token``, sent to the union only, never to peers) the node
reads the feed as its member's council: the entries of cases sealed at rest come whole (their
confidential texts are ciphertext), so it replays them; to the public they are sealed, and a
node that meets a sealed entry raises the alarm ``sealed``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection

from isonomia.ledger.chain import Entry
from isonomia.ledger.keys import Ed25519PrivateKey, key_id
from isonomia.ledger.notes import COSIGNATURE_V1, Note, Signer, cosign_note, parse_note
from isonomia.rules.replay import Replayer
from isonomia.service import node_http
from isonomia.service.clock import Clock, current_clock
from isonomia.service.errors import BadRequest, Unavailable
from isonomia.service.federation import Federation
from isonomia.service.node_checks import (
    Finding,
    chained,
    not_derived,
    not_extending,
    note_root,
    unproved_extension,
)
from isonomia.service.node_copy import NodeAlarmed
from isonomia.service.pipeline import recorded_at
from isonomia.store import checkpoints, ledger_store, node_records, projections

if TYPE_CHECKING:
    import httpx

__all__ = ["PAGE", "Node", "NodeReport", "follow"]

#: Entries asked for in one page of the feed.
PAGE = 500

Progress = Callable[[int, int | None], None]


@dataclass
class NodeReport:
    """What one round of following did."""

    held: int = 0
    fetched: int = 0
    accepted: int | None = None
    cosigned: list[int] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


class Node:
    """One member's node over its own database ``url``, following the union at ``union``."""

    def __init__(
        self,
        url: str | None,
        union: str | httpx.Client,
        *,
        key: Ed25519PrivateKey | None = None,
        member: str | None = None,
        token: str | None = None,
        peers: Iterable[str | httpx.Client] = (),
        clock: Clock | None = None,
        page: int = PAGE,
        progress: Progress | None = None,
    ) -> None:
        self.clock = clock or current_clock()
        self.federation = Federation(url, clock=self.clock)
        self.union = node_http.client(union, token) if isinstance(union, str) else union
        if not isinstance(union, str):  # a client given: it sends the token from now on
            self.union.headers.update(node_http.bearer(token))
        self.peers = [node_http.client(p) if isinstance(p, str) else p for p in peers]
        self.key, self.member, self.page, self.progress = key, member, page, progress
        self._replayer = Replayer()
        self._pending: list[tuple[Entry, dict[str, Any]]] = []
        self._ready: list[Entry] = []
        self._head: tuple[int, str] = (0, "")
        self._loaded = False

    def prepare(self) -> None:
        """Make the node's database if it is new, and replay what it holds (no network)."""
        schema = self.federation.schema()
        if schema.state in ("foreign", "newer"):
            raise Unavailable(
                f"{self.federation.describe_url()} cannot be a node's database ({schema.detail})"
            )
        if schema.state in ("missing", "empty", "behind"):
            self.federation.db.migrate()
        if self._loaded:
            return
        with self.federation.db.plain_reading() as conn:
            self._head = ledger_store.head(conn)
            for entry in ledger_store.read_entries(conn):
                self._replayer.add(entry)
        self._replayer.settle()  # it holds only re-derived entries: its head ends a command
        failure = self._replayer.failure
        if failure is not None:
            raise NodeAlarmed(
                f"alarm (P18): the node's own copy does not replay at entry {failure[0]}: "
                f"{failure[1]}"
            )
        self._loaded = True
        if self.key is not None and self.member is None:
            record = self._replayer.state.keys.get(key_id(self.key.public_key()))
            if record is not None and record.principal.startswith("council:"):
                self.member = record.principal.removeprefix("council:")

    def _forget(self) -> None:
        self._replayer, self._pending, self._ready, self._loaded = Replayer(), [], [], False

    def _council(self) -> str:
        """The council whose key this node signs with, as the record registers it."""
        assert self.key is not None
        record = self._replayer.state.keys.get(key_id(self.key.public_key()))
        if record is None or not record.valid() or not record.principal.startswith("council:"):
            raise BadRequest(
                "refused (P18): a node co-signs with its council's key in force, and the "
                "record registers this key for no council"
            )
        return record.principal

    def sync(self) -> NodeReport:
        """Fetch and re-derive everything the union serves past what the node holds, check
        its checkpoints, compare notes with the peers, co-sign the latest accepted."""
        self.prepare()
        report = NodeReport(held=self._head[0])
        with self.federation.db.plain_reading() as conn:
            report.alarms = [a.line for a in node_records.alarms(conn)]
        if report.alarms:
            return report
        head = node_http.get(self.union, node_http.HEAD)
        total = int(head["size"]) if isinstance(head, dict) and "size" in head else None
        with ThreadPoolExecutor(max_workers=1) as fetcher:  # the next page comes meanwhile
            coming = fetcher.submit(self._page, self._tip()[0] + 1)
            while not report.alarms:
                start, items = coming.result()
                entries = sum(1 for item in items if item.get("type") == "entry")
                if entries == self.page:
                    coming = fetcher.submit(self._page, start + entries)
                report.fetched += entries
                try:
                    self._take(items, entries < self.page, report)
                except BaseException:
                    self._forget()  # the page was rolled back: start again from what is stored
                    raise
                if self.progress is not None:
                    self.progress(self._head[0], total)
                if entries < self.page:
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

    def _page(self, start: int) -> tuple[int, list[dict[str, Any]]]:
        """The feed's page from entry ``start``."""
        items = node_http.get(self.union, node_http.FEED, {"from": start, "limit": self.page})
        if not isinstance(items, list):
            raise Unavailable(f"{self.union.base_url}{node_http.FEED} did not answer a list")
        return start, items

    def _take(self, items: list[dict[str, Any]], at_head: bool, report: NodeReport) -> None:
        """Chain, replay and store one page's entries, check its checkpoints: one
        transaction, so a page is kept whole or not at all."""
        with self.federation.db.writing() as conn:
            for item in items:
                if item.get("type") == "checkpoint":
                    size = int(item.get("size", 0))
                    if not self._settle_to(conn, size, report):
                        break
                    if not self._checkpoint(conn, size, str(item.get("note", "")), report):
                        break
                    continue
                found = chained(self._tip(), item)
                if isinstance(found, Finding):
                    self._raise(conn, report, found)
                    break
                self._replayer.add(found)
                self._pending.append((found, item))
                if not self._store_derived(conn, report):
                    break
            else:
                if at_head:  # the union's head ends a command: its last command is whole
                    self._settle_to(conn, self._tip()[0], report)
            self._flush(conn)
            ledger_store.set_verified_head(conn, *self._head)
        if report.alarms:
            self._pending, self._ready = [], []

    def _store_derived(self, conn: Connection, report: NodeReport) -> bool:
        """Move the pending entries the replay has re-derived to those to store."""
        failure = self._replayer.failure
        if failure is not None:
            sequence, why = failure
            item = next((i for e, i in self._pending if e.sequence == sequence), {})
            self._raise(conn, report, not_derived(sequence, why, item, self.member))
            return False
        ready = [e for e, _ in self._pending if e.sequence <= self._replayer.derived]
        if ready:
            self._pending = self._pending[len(ready) :]
            self._ready.extend(ready)
        return True

    def _flush(self, conn: Connection) -> None:
        """Append to the node's ledger, its tree and its read tables what was re-derived."""
        ready, self._ready = self._ready, []
        if ready:
            ledger_store.append_linked(conn, ready)
            projections.apply_batched(conn, ready)
            self._head = (ready[-1].sequence, ready[-1].hash)

    def _tip(self) -> tuple[int, str]:
        """The last entry taken: pending, re-derived, or stored."""
        last = self._pending[-1][0] if self._pending else self._ready[-1] if self._ready else None
        return (last.sequence, last.hash) if last is not None else self._head

    def _settle_to(self, conn: Connection, size: int, report: NodeReport) -> bool:
        """Replay the pending command when the record is known to end at ``size``."""
        if self._pending and self._pending[-1][0].sequence == size:
            self._replayer.settle()
        return self._store_derived(conn, report)

    def _checkpoint(self, conn: Connection, size: int, text: str, report: NodeReport) -> bool:
        """Check a checkpoint the union served against the node's own tree; accept it."""
        self._flush(conn)
        if size > self._head[0]:
            return True  # its entries are still to come: nothing to accept yet
        state, held = self._replayer.state, self._head[0]
        root = note_root(conn, state, held, text, size, "the union")
        if isinstance(root, Finding):
            self._raise(conn, report, root)
            return False
        last = node_records.latest_accepted(conn)
        if last is not None:
            found = not_extending(conn, held, last, size, root, text)
            if found is not None:
                self._raise(conn, report, found)
                return False
            if size <= last.size:
                return True
        at = recorded_at(self.clock())
        node_records.accept(conn, size, root, text, "union", at)
        if checkpoints.checkpoint_at(conn, size) is None:  # the copy keeps the log's note too
            signed = parse_note(text.encode())
            log_only = Note(signed.text, signed.signatures[:1]).encode().decode()
            checkpoints.add_checkpoint(conn, size, root, log_only, at)
        report.accepted = size
        return True

    def _raise(self, conn: Connection, report: NodeReport, found: Finding) -> None:
        evidence = json.dumps(found.evidence, sort_keys=True, ensure_ascii=False, default=str)
        at = recorded_at(self.clock())
        node_records.add_alarm(conn, found.kind, found.sequence, found.line, evidence, at)
        report.alarms.append(found.line)

    def _compare_notes(self, report: NodeReport) -> None:
        """Fetch each peer's latest accepted checkpoint: one the node's own tree does not
        match at its size is a split view."""
        for peer in self.peers:
            try:
                found = node_http.get(peer, "/node/checkpoint")
            except Unavailable as error:
                report.notices.append(str(error))
                continue
            if not isinstance(found, dict) or not isinstance(found.get("size"), int):
                continue
            size, text = int(found["size"]), str(found.get("note", ""))
            where, state = f"the peer {peer.base_url}", self._replayer.state
            if size > self._head[0]:
                self._ahead(report, size, text, where)
            else:
                with self.federation.db.writing() as conn:
                    root = note_root(conn, state, self._head[0], text, size, where)
                    if isinstance(root, Finding):
                        self._raise(conn, report, root)
            if report.alarms:
                return

    def _ahead(self, report: NodeReport, size: int, text: str, where: str) -> None:
        """A peer accepted more than this node holds: the union must prove that its
        checkpoint extends the one this node accepted, or it is a split view."""
        with self.federation.db.plain_reading() as conn:
            ours = node_records.latest_accepted(conn)
        if ours is None:
            return
        params = {"old": ours.size, "new": size}
        status, proof = node_http.answer(self.union, node_http.CONSISTENCY, params)
        found = unproved_extension(
            self._replayer.state, ours, text, where, proof if status == 200 else None
        )
        if found is not None:
            with self.federation.db.writing() as conn:
                self._raise(conn, report, found)

    def _cosign(self, report: NodeReport) -> None:
        """Co-sign the latest accepted checkpoint through the union's API, once; then keep
        the log's statement of this member's export at its size."""
        council = self._council()
        self.member = self.member or council.removeprefix("council:")
        with self.federation.db.plain_reading() as conn:
            latest = node_records.latest_accepted(conn)
        if latest is None or latest.cosignature is not None:
            return
        assert self.key is not None
        signer = Signer(council, COSIGNATURE_V1, self.key)
        cosigned = cosign_note(
            Note(parse_note(latest.note.encode()).text), signer, int(self.clock().timestamp())
        )
        line = cosigned.signatures[-1].line().rstrip("\n")
        refused = node_http.post(self.union, node_http.COSIGN, {"size": latest.size, "line": line})
        if refused is not None:
            report.notices.append(
                f"the union did not take this node's cosignature of {latest.size} entries "
                f"({refused})"
            )
            return
        path = f"/api/v1/members/{self.member}/statement"
        found = node_http.get(self.union, path, {"size": latest.size})
        with self.federation.db.writing() as conn:
            node_records.mark_cosigned(conn, latest.size, line)
            if not any(
                c.principal == council for c in checkpoints.cosignatures_of(conn, latest.size)
            ):
                kid = key_id(self.key.public_key())
                checkpoints.add_cosignature(conn, latest.size, kid, council, line)
            if isinstance(found, dict) and isinstance(found.get("statement"), str):
                node_records.keep_statement(conn, latest.size, found["statement"])
        report.cosigned.append(latest.size)


def follow(url: str | None, union: str | httpx.Client, **options: Any) -> NodeReport:
    """One round of following (``Node.sync``); raises ``NodeAlarmed`` on an alarm."""
    report = Node(url, union, **options).sync()
    if report.alarms:
        raise NodeAlarmed(report.alarms[0])
    return report
