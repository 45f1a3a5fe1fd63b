"""Members' nodes (P3, P18): each keeps its own copy of the union's record, re-derives every
entry, co-signs only what it re-derived, and compares notes with the others.

The union's server runs in-process (ASGI transport: the same app `isonomia serve` runs);
the nodes' databases are SQLite and PostgreSQL (`database_url`). The clock is the tests'.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from isonomia.service import (
    Federation,
    Keyring,
    Node,
    NodeAlarmed,
    Transparency,
    Unavailable,
    at_day,
    follow,
    node_export,
    node_status,
    provide_key,
    verify_export_file,
    verify_record,
)
from isonomia.web.app import create_app
from node_world import plant_secession
from tlog_world import founded, log_key_beside, rewrite


@pytest.fixture
def union(tmp_path: Path, keyring: Keyring) -> Iterator[Federation]:
    federation = founded(f"sqlite:///{tmp_path / 'union.db'}", keyring)
    log_key_beside(federation, keyring)
    Transparency(federation).make_checkpoint(keyring)
    yield federation
    federation.close()


@pytest.fixture
def server(union: Federation) -> Iterator[TestClient]:
    with TestClient(create_app(federation=union, pages=False), base_url="http://union") as client:
        yield client


def _council(keyring: Keyring, member: str) -> Any:
    key = keyring.key_for(f"council:{member}")
    assert key is not None
    return key


def _more(union: Federation, keyring: Keyring, member: str = "rsfsr", day: int = 1) -> None:
    provide_key(union, keyring, f"council:{member}", member, at_day(date(1923, 2, day)))


def test_p18_a_node_replays_the_feed_accepts_the_checkpoint_and_cosigns_through_the_api(
    union: Federation, server: TestClient, keyring: Keyring, database_url: str
) -> None:
    size = Transparency(union).head().size  # type: ignore[union-attr]
    node = Node(database_url, server, key=_council(keyring, "ukraine"), page=7)
    report = node.sync()
    assert report.alarms == []
    assert (report.held, report.accepted, report.cosigned) == (size, size, [size])
    assert "council:ukraine" in Transparency(union).head().cosigners  # type: ignore[union-attr]
    published = server.get("/api/v1/ledger/cosignatures").json()
    assert [c["principal"] for c in published] == ["council:ukraine"]
    copy = Federation(database_url)
    assert verify_record(copy).ok, verify_record(copy).problem()
    status = node_status(database_url, server)
    assert status.accepted is not None and status.accepted.cosignature is not None
    assert status.lag == 0 and status.alarms == []


def test_p18_nodes_follow_new_entries_and_each_cosigns_each_new_checkpoint(
    union: Federation, server: TestClient, keyring: Keyring, tmp_path: Path
) -> None:
    nodes = {
        m: Node(f"sqlite:///{tmp_path / m}.db", server, key=_council(keyring, m))
        for m in ("ukraine", "armenia")
    }
    for node in nodes.values():
        node.sync()
    _more(union, keyring)
    size = Transparency(union).make_checkpoint(keyring).size
    for node in nodes.values():
        assert node.sync().cosigned == [size]
    assert set(Transparency(union).head().cosigners) >= {"council:ukraine", "council:armenia"}  # type: ignore[union-attr]


def test_p18_node_refuses_to_cosign_an_unsigned_insert_and_names_the_entry(
    union: Federation, server: TestClient, keyring: Keyring, database_url: str
) -> None:
    node = Node(database_url, server, key=_council(keyring, "ukraine"))
    first = node.sync()
    planted = plant_secession(union.db.url)
    union.close()
    reopened = Federation(union.db.url)
    Transparency(reopened).make_checkpoint(Keyring(reopened.keyring_folder()))  # type: ignore[arg-type]
    again = Node(database_url, server, key=_council(keyring, "ukraine"))
    report = again.sync()
    assert len(report.alarms) == 1
    assert f"entry {planted} (SecessionDecided)" in report.alarms[0]
    assert (
        "ukraine's name" in report.alarms[0] and "council:ukraine did not sign" in report.alarms[0]
    )
    assert report.cosigned == [] and report.held == first.held
    [alarm] = node_status(database_url).alarms
    assert alarm.kind == "in-our-name" and alarm.sequence == planted
    assert json.loads(alarm.evidence)["command_id"] == "planted"
    with pytest.raises(NodeAlarmed, match=f"entry {planted}"):
        follow(database_url, server, key=_council(keyring, "ukraine"))
    # the forged entry never entered the node's own copy, which still verifies
    assert verify_record(Federation(database_url)).ok


@pytest.mark.parametrize("peer_ahead", [False, True], ids=["same-size", "peer-ahead"])
def test_p18_a_split_view_is_caught_by_nodes_comparing_notes(
    tmp_path: Path, keyring: Keyring, peer_ahead: bool
) -> None:
    founding = founded(f"sqlite:///{tmp_path / 'a.db'}", keyring)
    Transparency(founding).make_checkpoint(keyring)
    founding.close()
    b_file = tmp_path / "b.db"
    b_file.write_bytes((tmp_path / "a.db").read_bytes())
    a = Federation(f"sqlite:///{tmp_path / 'a.db'}", signer=keyring)
    b = Federation(f"sqlite:///{b_file}", signer=keyring)
    _more(a, keyring, "rsfsr")
    _more(b, keyring, "georgia")
    assert (
        Transparency(a).make_checkpoint(keyring).size
        == Transparency(b).make_checkpoint(keyring).size
    )
    if peer_ahead:  # B's history grows on: no proof can show it extends A's
        _more(b, keyring, "azerbaijan", day=2)
        Transparency(b).make_checkpoint(keyring)
    with (
        TestClient(create_app(federation=a, pages=False), base_url="http://a") as server_a,
        TestClient(create_app(federation=b, pages=False), base_url="http://b") as server_b,
    ):
        node_b = f"sqlite:///{tmp_path / 'node-b.db'}"
        assert Node(node_b, server_b, key=_council(keyring, "armenia")).sync().alarms == []
        with TestClient(
            create_app(node_b, pages=False, read_only="http://b"), base_url="http://node-b"
        ) as peer:
            node_a = Node(
                f"sqlite:///{tmp_path / 'node-a.db'}",
                server_a,
                key=_council(keyring, "ukraine"),
                peers=[peer],
            )
            report = node_a.sync()
    assert len(report.alarms) == 1 and "split view" in report.alarms[0]
    assert ("does not extend" in report.alarms[0]) == peer_ahead
    assert report.cosigned == []
    [alarm] = node_status(f"sqlite:///{tmp_path / 'node-a.db'}").alarms
    assert alarm.kind == "split-view" and "http://node-b" in json.loads(alarm.evidence)["source"]


def test_p18_a_node_resumes_after_a_network_error_mid_sync_without_fetching_again(
    union: Federation, server: TestClient, keyring: Keyring, database_url: str
) -> None:
    asked: list[int] = []

    class Flaky(httpx.BaseTransport):
        def __init__(self, fail_at: int | None) -> None:
            self.fail_at = fail_at

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/ledger/feed"):
                start = int(request.url.params["from"])
                if start == self.fail_at:
                    raise httpx.ReadError("connection reset")
                asked.append(start)
            return server._transport.handle_request(request)  # type: ignore[attr-defined]

    def client(fail_at: int | None) -> httpx.Client:
        return httpx.Client(transport=Flaky(fail_at), base_url="http://union")

    size = Transparency(union).head().size  # type: ignore[union-attr]
    fail_at = 5 * ((size - 2) // 5) + 1  # the last page
    with pytest.raises(Unavailable, match="connection reset"):
        Node(database_url, client(fail_at), page=5).sync()
    held = node_status(database_url).held
    assert 0 < held < size
    asked.clear()
    report = Node(database_url, client(None), key=_council(keyring, "ukraine"), page=5).sync()
    assert report.alarms == [] and report.accepted == size
    assert asked[0] == held + 1 and asked[0] > 1  # resumed from what it held
    assert verify_record(Federation(database_url)).ok


def test_p3_a_nodes_own_export_verifies_against_a_checkpoint_another_node_accepted(
    union: Federation, server: TestClient, keyring: Keyring, tmp_path: Path
) -> None:
    mine = f"sqlite:///{tmp_path / 'ukraine.db'}"
    theirs = f"sqlite:///{tmp_path / 'armenia.db'}"
    Node(mine, server, key=_council(keyring, "ukraine")).sync()
    Node(theirs, server, key=_council(keyring, "armenia")).sync()
    size, full = node_export(mine, "ukraine", tmp_path / "ukraine.json")
    assert full > 0
    other = node_status(theirs).accepted
    assert other is not None and other.size == size
    check = verify_export_file(tmp_path / "ukraine.json", expect_head=other.root)
    assert check.ok, check.report.describe()


def test_p18_a_node_served_read_only_refuses_writes_pointing_to_the_union(
    union: Federation, server: TestClient, keyring: Keyring, tmp_path: Path
) -> None:
    mine = f"sqlite:///{tmp_path / 'ukraine.db'}"
    Node(mine, server, key=_council(keyring, "ukraine")).sync()
    with TestClient(
        create_app(mine, pages=False, read_only="https://union.example"), base_url="http://n"
    ) as node:
        assert node.get("/api/v1/members").status_code == 200
        accepted = node.get("/node/checkpoint").json()
        status = node.get("/node/status").json()
        assert status["held"] == accepted["size"] and status["alarms"] == []
        assert accepted["size"] == Transparency(union).head().size  # type: ignore[union-attr]
        refused = node.post("/api/v1/ledger/cosignatures", json={"size": 1, "line": "x"})
    assert refused.status_code == 405
    assert "P18" in refused.json()["detail"] and "https://union.example" in refused.json()["detail"]


def test_p18_a_history_rewritten_behind_the_node_raises_an_alarm_and_takes_nothing(
    union: Federation, server: TestClient, keyring: Keyring, database_url: str
) -> None:
    node = Node(database_url, server, key=_council(keyring, "ukraine"))
    held = node.sync().held
    rewrite(union.db.url, 5)
    union.close()
    reopened = Federation(union.db.url, signer=keyring)
    _more(reopened, keyring)
    report = Node(database_url, server, key=_council(keyring, "ukraine")).sync()
    assert len(report.alarms) == 1 and f"entry {held + 1}" in report.alarms[0]
    assert report.held == held and report.cosigned == []
    [alarm] = node_status(database_url).alarms
    assert alarm.kind == "chain"
    reopened.close()
