"""Notices to members' institutions (P8, P14): a council registers where its institution
receives them, in one of the member's languages only; the day's journal items and reminders
are queued once however often the sender looks; a notice is delivered exactly once through a
local SMTP server that was down at first and a sender that restarted, waits its back-off,
and is given up after too many failures; a webhook's body is signed with the log key."""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from cli_world import founded_1922, invoke, ok

from isonomia.service import Federation, notices

START = datetime(1923, 1, 10, 13, tzinfo=UTC)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def db(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    keys = tmp_path / "keys"
    monkeypatch.setenv("ISONOMIA_KEYRING", str(keys))
    url = founded_1922(url=database_url, keys=keys)
    at = ["--db", url, "--at", "1923-01-10"]
    ok(
        invoke(
            "notices", "address", "council", "ka", "--member", "georgia", "--email", "c@gov.ge", *at
        )
    )
    draft = ["motion", "draft", "rails", "--organ", "union-council", "--title", "Rails"]
    ok(invoke(*draft, "--field", "railways", "--kind", "decision", "--force", "mandatory", *at))
    ok(invoke("motion", "circulate", "rails", *at))
    return url


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler, port = Inbox(), _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def test_p14_a_council_registers_its_institutions_address_in_its_own_language_only(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-11"]
    wrong = invoke(
        "notices", "address", "council", "uk", "--member", "georgia", "--email", "c@gov.ge", *at
    )
    assert wrong.exit_code == 2
    assert wrong.stderr.strip().splitlines() == [
        "refused (P14): uk is not one of georgia's official languages (Georgian (ka))"
    ]
    address = ["notices", "address", "council", "ka", "--member", "georgia", "--email", "x@y.z"]
    other = invoke(*address, "--actor", "council:ukraine", *at)
    assert other.exit_code == 2 and other.stderr.startswith("refused (P14): ")
    bad = invoke(
        "notices", "address", "council", "ka", "--member", "georgia", "--email", "nope", *at
    )
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_p8_notices_are_queued_once_and_delivered_exactly_once(
    db: str, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    union = Federation(db).open()
    day = START.date()
    assert notices.queue(union, day, START) >= 1
    assert notices.queue(union, day, START) == 0  # the same notices: queued once
    queued = len(notices.outbox(union))
    down = notices.deliver(union, START, ("127.0.0.1", _free_port()), None)
    assert (down.sent, down.failed) == (0, queued) and handler.messages == []
    early = notices.deliver(union, START + timedelta(seconds=30), ("127.0.0.1", port), None)
    assert early.sent == 0  # each failure waits its back-off (2 minutes after the first)
    later = START + timedelta(minutes=3)
    assert notices.deliver(union, later, ("127.0.0.1", port), None).sent == queued
    union.close()
    restarted = Federation(db).open()  # a new sender on the same database
    again = notices.deliver(restarted, later + timedelta(hours=1), ("127.0.0.1", port), None)
    assert again.sent == 0 and len(handler.messages) == queued
    assert {row.state for row in notices.outbox(restarted)} == {"sent"}
    assert all(m.rcpt_tos == ["c@gov.ge"] for m in handler.messages)
    ids = [
        m.content.decode().split("Message-ID: ", 1)[1].split("\r\n", 1)[0] for m in handler.messages
    ]
    assert len(set(ids)) == len(ids)


def test_p8_a_notice_failing_too_often_is_given_up_and_listed(db: str) -> None:
    union = Federation(db).open()
    notices.queue(union, START.date(), START)
    moment, nowhere = START, ("127.0.0.1", _free_port())
    for _ in range(notices.MAX_ATTEMPTS):
        notices.deliver(union, moment, nowhere, None)
        moment += timedelta(days=2)
    rows = notices.outbox(union)
    assert rows and {r.state for r in rows} == {"dead"}
    assert all(r.attempts == notices.MAX_ATTEMPTS and r.last_error for r in rows)
    shown = ok(invoke("notices", "status", "--db", db, "--json"))
    assert '"dead"' in shown


def test_p8_a_webhooks_body_is_signed_with_the_log_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key, posted = Ed25519PrivateKey.generate(), []

    class Answer:
        def raise_for_status(self) -> None:
            return None

    def post(url: str, content: bytes, headers: dict[str, str], timeout: float) -> Answer:
        posted.append((url, content, headers))
        return Answer()

    monkeypatch.setattr(notices.httpx, "post", post)
    fields = {"key": "journal:5:georgia", "member": "georgia", "institution": "council"}
    fields |= {"language": "ka", "subject": "s", "body": "b", "target": "https://h/x"}
    row = type("Row", (), fields)()
    notices._webhook(row, key)
    ((url, content, headers),) = posted
    scheme, _kid, signature = headers["isonomia-signature"].split(" ")
    assert url == "https://h/x" and scheme == "ed25519" and content == notices.signed_body(row)
    key.public_key().verify(base64.b64decode(signature), content)  # raises if forged
    with pytest.raises(RuntimeError):
        notices._webhook(row, None)


def test_p8_the_journal_publishes_the_circulated_draft_on_each_database(
    db: str, tmp_path: Path
) -> None:
    shown = json.loads(ok(invoke("journal", "show", "--db", db, "--on", "1923-01-10", "--json")))
    assert [(i["number"], i["kind"], i["subject"]) for i in shown] == [("1.1", "draft", "rails")]
    assert shown[0]["languages"]["georgia"] == {"ka": "version pending"}
    feed = ok(invoke("journal", "feed", "georgia", "ka", "--db", db, "--on", "1923-01-10"))
    assert f":entry:{shown[0]['sequence']}</id>" in feed
    out = tmp_path / "issue-1.pdf"
    ok(invoke("journal", "pdf", "1", "--out", str(out), "--db", db, "--on", "1923-01-10"))
    assert out.read_bytes().startswith(b"%PDF")


def test_p18_an_address_written_into_the_read_table_behind_the_record_gets_nothing(
    db: str,
) -> None:
    import sqlalchemy as sa

    from isonomia.store.projections.notices import notice_address_view

    union = Federation(db).open()
    with union.db.writing() as conn:  # an administrator's INSERT that no signed command made
        conn.execute(
            sa.insert(notice_address_view).values(
                member="georgia",
                institution="forged",
                language="ka",
                email="elsewhere@forged.example",
                webhook=None,
                registered_on="1923-01-10",
            )
        )
    assert [a.email for a in notices.addresses(union)] == ["c@gov.ge"]
    assert notices.queue(union, START.date(), START) >= 1
    assert {row.target for row in notices.outbox(union)} == {"c@gov.ge"}
