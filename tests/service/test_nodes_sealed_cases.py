"""Members' nodes and sealed cases (P3, P17, P18): a member's node that follows the feed with
its council's API token reads whole the entries of a case sealed at rest (their texts are
ciphertext), replays the record and co-signs; the council never receives a clear text. The
public, a node without a token, and a council reading a case whose texts are in clear still
meet the case's entries sealed, and a node that meets one raises the alarm `sealed`.

The union's server runs in-process (ASGI transport); the node's database is SQLite and
PostgreSQL (`database_url`). The clock is the tests'.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from case_world import FINDINGS_TEXT, PHOTO_NAME, SUMMARY, VICTIM, SealedCase, open_sealed_case
from isonomia.domain import actors
from isonomia.domain.sealing import is_sealed
from isonomia.service import (
    Accounts,
    Federation,
    Keyring,
    Node,
    Transparency,
    node_status,
    verify_record,
)
from isonomia.web.app import create_app
from tlog_world import founded, log_key_beside

SECRETS = (SUMMARY, FINDINGS_TEXT, PHOTO_NAME)


def _union(path: Path, keyring: Keyring, at_rest: bool) -> tuple[Federation, SealedCase]:
    federation = founded(f"sqlite:///{path}", keyring)
    log_key_beside(federation, keyring)
    case = open_sealed_case(federation, keyring, at_rest=at_rest)
    Transparency(federation).make_checkpoint(keyring)
    return federation, case


@pytest.fixture
def sealed_union(tmp_path: Path, keyring: Keyring) -> Iterator[tuple[Federation, SealedCase]]:
    """A union whose case is sealed at rest (its readers registered sealing keys first)."""
    federation, case = _union(tmp_path / "union.db", keyring, at_rest=True)
    yield federation, case
    federation.close()


@pytest.fixture
def clear_union(tmp_path: Path, keyring: Keyring) -> Iterator[Federation]:
    """A union whose case was filed before anyone had a sealing key: its texts in clear."""
    federation, _case = _union(tmp_path / "union.db", keyring, at_rest=False)
    yield federation
    federation.close()


def _server(union: Federation) -> TestClient:
    return TestClient(create_app(federation=union, pages=False), base_url="http://union")


def _token(union: Federation, keyring: Keyring, principal: str) -> str:
    """An API token of an account acting for `principal` (`isonomia web token create`)."""
    name = principal.replace(":", "-") + "-node"
    accounts = Accounts(union)
    accounts.add(
        name, "council-secretary" if principal.startswith("council:") else "delegate", None
    )
    key = keyring.key_for(principal)
    assert key is not None
    return accounts.token_with_key(name, key)


def _feed(server: TestClient, token: str | None = None) -> str:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    answer = server.get("/api/v1/ledger/feed", params={"limit": 1000}, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.text


def _case_entries(raw: str) -> list[dict[str, Any]]:
    items = json.loads(raw)
    return [i for i in items if i["type"] == "entry" and _of_case(i)]


def _of_case(item: dict[str, Any]) -> bool:
    return bool(item.get("sealed")) or is_sealed(item["event_type"], item["payload"])


def test_p18_a_councils_node_with_its_token_replays_a_case_sealed_at_rest_and_cosigns(
    sealed_union: tuple[Federation, SealedCase], keyring: Keyring, database_url: str
) -> None:
    union, _case = sealed_union
    size = Transparency(union).head().size  # type: ignore[union-attr]
    token = _token(union, keyring, actors.council("ukraine"))
    with _server(union) as server:
        key = keyring.key_for(actors.council("ukraine"))
        report = Node(database_url, server, key=key, token=token, page=9).sync()
    assert report.alarms == []
    assert (report.held, report.accepted, report.cosigned) == (size, size, [size])
    assert "council:ukraine" in Transparency(union).head().cosigners  # type: ignore[union-attr]
    copy = Federation(database_url)
    try:
        assert verify_record(copy).ok, verify_record(copy).problem()
        filed = next(e for e in copy.entries() if e.event_type == "ComplaintFiled")
        assert filed.payload["summary"].startswith("sealed:v1:summary:")
        assert copy.state().inspection.cases["case-1"].sealed
    finally:
        copy.close()
    assert node_status(database_url).alarms == []


def test_p17_a_node_without_a_token_meets_the_sealed_case_and_raises_the_alarm(
    sealed_union: tuple[Federation, SealedCase], keyring: Keyring, tmp_path: Path
) -> None:
    union, _case = sealed_union
    with _server(union) as server:
        key = keyring.key_for(actors.council("ukraine"))
        report = Node(f"sqlite:///{tmp_path / 'node.db'}", server, key=key).sync()
    assert len(report.alarms) == 1 and "is sealed in the feed" in report.alarms[0]
    assert report.cosigned == []
    alarms = node_status(f"sqlite:///{tmp_path / 'node.db'}").alarms
    assert [a.kind for a in alarms] == ["sealed"]
    assert Transparency(union).head().cosigners == []  # type: ignore[union-attr]


def test_p17_a_council_reads_the_sealed_case_whole_but_never_a_clear_text(
    sealed_union: tuple[Federation, SealedCase], keyring: Keyring
) -> None:
    union, _case = sealed_union
    token = _token(union, keyring, actors.council("ukraine"))
    with _server(union) as server:
        raw = _feed(server, token)
    for secret in SECRETS:
        assert secret not in raw, secret
    entries = _case_entries(raw)
    assert entries and not any(e.get("sealed") for e in entries)
    filed = next(e for e in entries if e["event_type"] == "ComplaintFiled")
    assert filed["payload"]["summary"].startswith("sealed:v1:summary:")
    assert filed["payload"]["complainant"] == actors.person(VICTIM)  # the metadata, as documented


def test_p17_the_public_and_a_person_who_is_no_reader_meet_the_sealed_case_sealed(
    sealed_union: tuple[Federation, SealedCase], keyring: Keyring
) -> None:
    union, case = sealed_union
    inspectors = (f"insp-{m}-{n}" for m in ("ukraine", "armenia") for n in (1, 2))
    outsider = actors.person(next(p for p in inspectors if p not in case.commission))
    token = _token(union, keyring, outsider)
    with _server(union) as server:
        for raw in (_feed(server), _feed(server, token)):
            entries = _case_entries(raw)
            assert entries and all(e.get("sealed") and e["payload"] is None for e in entries)
            assert "sealed:v1:" not in raw  # not even the ciphertext


def test_p17_a_council_meets_a_case_in_clear_sealed_and_its_node_raises_the_alarm(
    clear_union: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    token = _token(clear_union, keyring, actors.council("ukraine"))
    with _server(clear_union) as server:
        raw = _feed(server, token)
        entries = _case_entries(raw)
        assert entries and all(e.get("sealed") for e in entries)
        assert SUMMARY not in raw and FINDINGS_TEXT not in raw
        key = keyring.key_for(actors.council("ukraine"))
        report = Node(f"sqlite:///{tmp_path / 'node.db'}", server, key=key, token=token).sync()
    assert len(report.alarms) == 1 and "is sealed in the feed" in report.alarms[0]
    assert report.cosigned == []
