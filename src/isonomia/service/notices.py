"""Notices to members' institutions (P8, P14): each journal item and each reminder that
concerns a member, queued in the outbox for every address its council registered, and sent
by email (SMTP, the standard library's client) or by webhook (an HTTP POST whose body is
signed with the union's log key, Ed25519, the key `ledger verifier-keys --log` names).

Sending is at least once: a notice is marked sent after its server accepted it, so a crash
between the two sends it again (its Message-ID, or the webhook's `Isonomia-Notice` header,
is the same each time, for the receiver to drop the copy). A failed attempt waits 2^n
minutes before the next; after `MAX_ATTEMPTS` the notice is dead and listed by `status`.
Nothing here runs inside a command's transaction: the outbox is filled from the read tables.
"""

from __future__ import annotations

import base64
import json
import smtplib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from isonomia.catalogs import SHIPPED, catalog
from isonomia.domain.refusal import N_
from isonomia.ledger.keys import key_id
from isonomia.service.federation import Federation
from isonomia.service.queries.deadlines import reminders
from isonomia.service.queries.journal import KINDS, journal
from isonomia.store.outbox import notice_outbox

MAX_ATTEMPTS = 6
#: A notice's states, as the interfaces say them.
STATES = (N_("sent"), N_("waiting"), N_("dead"))
SENDER = "journal@isonomia.invalid"


@dataclass(frozen=True)
class Notice:
    key: str
    member: str
    subject: str
    body: str


@dataclass(frozen=True)
class Delivery:
    sent: int
    failed: int
    dead: int


@dataclass(frozen=True)
class OutboxRow:
    key: str
    member: str
    institution: str
    channel: str
    target: str
    attempts: int
    state: str
    last_error: str | None


def _notices(federation: Federation, on: date, member: str, language: str) -> Iterator[Notice]:
    say = catalog(language if language in SHIPPED else "en").gettext
    for issue in journal(federation, on, member, since=on):
        for item in issue.items:
            what = say(KINDS.get(item.kind, item.kind))
            yield Notice(
                f"journal:{item.sequence}",
                member,
                f"{say('Official journal')} {item.number}: {item.title}",
                f"{what}: {item.subject}\n{item.title}\n{say('ledger entry')} {item.sequence}",
            )
    for due in reminders(federation, on, member):
        yield Notice(
            f"reminder:{due.due_on}:{due.kind}:{due.subject}:{due.days_left}",
            member,
            f"{say(due.kind)}: {due.subject} ({due.due_on})",
            f"{say(due.kind)}: {due.subject}\n{due.due_on} ({due.days_left})",
        )


@dataclass(frozen=True)
class Address:
    member: str
    institution: str
    language: str
    email: str | None
    webhook: str | None


def addresses(federation: Federation) -> list[Address]:
    """Where each institution receives notices, folded from the hash-chained record itself,
    not from its read table: a row written into the table behind the record's back (to
    send a member's notices elsewhere) is never used. Each entry read is checked against the
    one before; `ledger verify` re-derives them from their signed commands."""
    found: dict[tuple[str, str, str], Address] = {}
    for entry in federation.entries():
        if entry.event_type != "NoticeAddressRegistered":
            continue
        p = entry.payload
        key = (str(p["member"]), str(p["institution"]), str(p["language"]))
        if p.get("email") is None and p.get("webhook") is None:
            found.pop(key, None)
        else:
            found[key] = Address(*key, p.get("email"), p.get("webhook"))
    return [found[key] for key in sorted(found)]


def queue(federation: Federation, on: date, at: datetime) -> int:
    """Queue every notice of day `on` for each registered address; each once (by its key)
    however often this runs. Returns how many were new."""
    new = 0
    stamp = at.isoformat()
    for a in addresses(federation):
        targets = [("email", a.email), ("webhook", a.webhook)]
        for notice in _notices(federation, on, str(a.member), str(a.language)):
            for channel, target in targets:
                if not target:
                    continue
                key = f"{notice.key}:{a.member}:{a.institution}:{a.language}:{channel}"[:200]
                with federation.db.writing() as conn:
                    found = conn.execute(
                        sa.select(notice_outbox.c.key).where(notice_outbox.c.key == key)
                    ).first()
                    if found is not None:
                        continue
                    conn.execute(
                        sa.insert(notice_outbox).values(
                            key=key,
                            member=a.member,
                            institution=a.institution,
                            language=a.language,
                            channel=channel,
                            target=target,
                            subject=notice.subject,
                            body=notice.body,
                            queued_at=stamp,
                            attempts=0,
                            next_at=stamp,
                        )
                    )
                    new += 1
    return new


def _email(row: Any, smtp: tuple[str, int]) -> None:
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = row.target
    message["Subject"] = row.subject
    message["Message-ID"] = f"<{base64.urlsafe_b64encode(row.key.encode()).decode()}@isonomia>"
    message.set_content(row.body)
    with smtplib.SMTP(smtp[0], smtp[1], timeout=10) as client:
        client.send_message(message)


def signed_body(row: Any) -> bytes:
    """The webhook's body: the notice as JSON, the bytes the signature covers."""
    fields = ("key", "member", "institution", "language", "subject", "body")
    return json.dumps({f: getattr(row, f) for f in fields}, ensure_ascii=False).encode()


def _webhook(row: Any, key: Ed25519PrivateKey | None) -> None:
    if key is None:
        raise RuntimeError("a webhook is signed with the union's log key: none was given")
    body = signed_body(row)
    signature = base64.b64encode(key.sign(body)).decode()
    headers = {
        "content-type": "application/json",
        "isonomia-notice": row.key,
        "isonomia-signature": f"ed25519 {key_id(key.public_key())} {signature}",
    }
    httpx.post(row.target, content=body, headers=headers, timeout=10).raise_for_status()


def deliver(
    federation: Federation,
    at: datetime,
    smtp: tuple[str, int] | None,
    key: Ed25519PrivateKey | None,
) -> Delivery:
    """Send every notice due by `at`; each sent is marked at once, each failure waits."""
    o = notice_outbox.c
    due = sa.select(notice_outbox).where(
        o.sent_at.is_(None), o.dead_at.is_(None), o.next_at <= at.isoformat()
    )
    with federation.db.reading() as conn:
        rows = conn.execute(due.order_by(o.queued_at, o.key)).all()
    sent = failed = dead = 0
    for row in rows:
        try:
            if row.channel == "email":
                if smtp is None:
                    raise RuntimeError("no SMTP server was given (--smtp HOST:PORT)")
                _email(row, smtp)
            else:
                _webhook(row, key)
        except (OSError, RuntimeError, httpx.HTTPError, smtplib.SMTPException) as error:
            attempts = row.attempts + 1
            gone = attempts >= MAX_ATTEMPTS
            later = at + timedelta(minutes=2**attempts)
            values: dict[str, Any] = {
                "attempts": attempts,
                "next_at": later.isoformat(),
                "last_error": str(error)[:500] or type(error).__name__,
                "dead_at": at.isoformat() if gone else None,
            }
            dead, failed = dead + gone, failed + (not gone)
        else:
            values = {"attempts": row.attempts + 1, "sent_at": at.isoformat()}
            sent += 1
        with federation.db.writing() as conn:
            conn.execute(sa.update(notice_outbox).where(o.key == row.key).values(**values))
    return Delivery(sent, failed, dead)


def outbox(federation: Federation) -> list[OutboxRow]:
    """Every notice queued, with its state: sent, waiting, or dead."""
    o = notice_outbox.c
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(notice_outbox).order_by(o.queued_at, o.key)).all()
    return [
        OutboxRow(
            r.key,
            r.member,
            r.institution,
            r.channel,
            r.target,
            r.attempts,
            "sent" if r.sent_at else "dead" if r.dead_at else "waiting",
            r.last_error,
        )
        for r in rows
    ]
