"""Back-off for signing in: failed attempts counted by account name and by address.

The counts live in the database (`web_login_attempt`) and change under the write lock, so
the limit holds across every worker and server of one union. An attempt is counted as a
failure *before* its password is checked, and the count taken back when it succeeds:
guesses sent in parallel cannot slip between a check and its count. After its free
failures (`ACCOUNT_FREE` for a name, `ADDRESS_FREE` for an address), each further failure
of a subject doubles the wait before its next attempt is even looked at, from 2 seconds
up to `MAX_WAIT`; a subject's count is forgotten `FORGET` after its last failure.

A name is counted whether or not an account has it, and a name without an account has its
password checked against a stand-in hash of the same cost (`stand_in_hash`): the answer and
the time it takes say nothing about which names exist.
"""

from __future__ import annotations

import functools
import math
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.store.accounts import web_login_attempt

__all__ = [
    "ACCOUNT_FREE",
    "ADDRESS_FREE",
    "FORGET",
    "MAX_WAIT",
    "admit",
    "hash_password",
    "password_matches",
    "stand_in_hash",
    "subjects",
    "succeeded",
    "wait_after",
]

ACCOUNT_FREE = 5
ADDRESS_FREE = 20
MAX_WAIT = timedelta(hours=1)
FORGET = timedelta(hours=24)


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """A password's argon2 hash, as stored."""
    return str(_hasher().hash(password))


def password_matches(stored: str, password: str) -> bool:
    """Whether `password` is the one `stored` (an argon2 hash) was made from."""
    from argon2.exceptions import Argon2Error, InvalidHashError

    try:
        return bool(_hasher().verify(stored, password))
    except (Argon2Error, InvalidHashError):
        return False


@functools.cache
def stand_in_hash() -> str:
    """An argon2 hash of a random secret, made like every account's: what a name without an
    account (or an account without a password) is checked against."""
    return hash_password(secrets.token_urlsafe(32))


def subjects(name: str, address: str | None) -> dict[str, int]:
    """What an attempt is counted against, each with its free failures."""
    counted = {f"account:{name}": ACCOUNT_FREE}
    if address:
        counted[f"address:{address}"] = ADDRESS_FREE
    return counted


def wait_after(failures: int, free: int) -> timedelta:
    """How long a subject waits after `failures` failures (none while within `free`)."""
    if failures <= free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures - free, 32)), MAX_WAIT)


def admit(conn: Connection, counted: Mapping[str, int], now: datetime) -> int | None:
    """Count an attempt against each subject as a failure, or, when a subject must still
    wait, count nothing and give the whole seconds to wait."""
    t = web_login_attempt
    stale = (now - FORGET).isoformat()
    conn.execute(
        t.delete().where(
            t.c.last_failure_at < stale,
            sa.or_(t.c.blocked_until.is_(None), t.c.blocked_until < now.isoformat()),
        )
    )
    rows = {r.subject: r for r in conn.execute(sa.select(t).where(t.c.subject.in_(list(counted))))}
    waits = [
        math.ceil((datetime.fromisoformat(r.blocked_until) - now).total_seconds())
        for r in rows.values()
        if r.blocked_until is not None and r.blocked_until > now.isoformat()
    ]
    if waits:
        return max(1, *waits)
    for subject, free in counted.items():
        failures = (rows[subject].failures if subject in rows else 0) + 1
        wait = wait_after(failures, free)
        values = {
            "failures": failures,
            "last_failure_at": now.isoformat(),
            "blocked_until": (now + wait).isoformat() if wait else None,
        }
        if subject in rows:
            conn.execute(t.update().where(t.c.subject == subject).values(**values))
        else:
            conn.execute(t.insert().values(subject=subject, **values))
    return None


def succeeded(conn: Connection, counted: Mapping[str, int]) -> None:
    """Take back the failure an attempt that succeeded was counted as: its account's count
    starts again; its address keeps the failures before it."""
    t = web_login_attempt
    for subject, free in counted.items():
        row = conn.execute(sa.select(t).where(t.c.subject == subject)).first()
        if row is None:
            continue
        failures = row.failures - 1 if subject.startswith("address:") else 0
        if failures <= 0:
            conn.execute(t.delete().where(t.c.subject == subject))
            continue
        values: dict[str, object] = {"failures": failures}
        if failures <= free:
            values["blocked_until"] = None
        conn.execute(t.update().where(t.c.subject == subject).values(**values))
