"""Accounts of the web interface: roles, passwords, login sessions and API tokens.

An account is access to the interface, bound to one principal of the union
(`person:ivanov`, `council:georgia`, `secretariat`); it is not an act of the union and is
never recorded in the ledger. What an account may do is its role's:

- ``public``: reads the published record (as anyone does without an account);
- ``delegate``: a person (`person:…`) submitting what it signs, for its own member, in the
  organs where it sits (the signature and the rules' authorization enforce the rest);
- ``council-secretary``: a member council (`council:…`), recording its own council's
  decisions;
- ``executive``: a union organ or office (`organ:…`, `secretariat`, `congress:…`, `log`);
- ``inspector``: the inspection (P16);
- ``administrator``: manages accounts only; it cannot vote, record a member's decision or
  touch the record.

A signed command is accepted from an account only when the envelope's signer is the
account's own principal (and, for an API token, the token's key signed it).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from isonomia.service.clock import current_clock
from isonomia.service.errors import BadRequest, ServiceError
from isonomia.store.accounts import web_account, web_session, web_token

if TYPE_CHECKING:
    from isonomia.service.federation import Federation

__all__ = [
    "ROLES",
    "SESSION_LIFETIME",
    "SIGNING_ROLES",
    "Account",
    "Accounts",
    "Forbidden",
    "Unauthenticated",
]

ROLES = ("public", "delegate", "council-secretary", "executive", "inspector", "administrator")
#: The roles that submit signed commands (each only as its own principal).
SIGNING_ROLES = frozenset({"delegate", "council-secretary", "executive", "inspector"})
SESSION_LIFETIME = timedelta(hours=12)

_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,62}")
_PRINCIPAL = re.compile(r"[a-z]+(:[A-Za-z0-9][A-Za-z0-9._-]{0,62})?")
_KEY_ID = re.compile(r"[0-9a-f]{32}")
#: Which principals each role may be bound to (by the principal's kind).
_KINDS: dict[str, frozenset[str] | None] = {
    "public": None,
    "delegate": frozenset({"person"}),
    "council-secretary": frozenset({"council"}),
    "executive": frozenset({"organ", "secretariat", "congress", "log", "department"}),
    "inspector": frozenset({"inspection"}),
    "administrator": None,
}


class Unauthenticated(ServiceError):
    """No account, or a wrong password, session or token (HTTP 401)."""


class Forbidden(ServiceError):
    """The account may not do this (HTTP 403)."""


@dataclass(frozen=True)
class Account:
    name: str
    principal: str
    role: str
    disabled: bool = False
    #: For a request authenticated by an API token: the key its scripts sign with.
    key_id: str | None = None

    @property
    def signs(self) -> bool:
        return self.role in SIGNING_ROLES


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return current_clock()()


def _hasher() -> object:
    from argon2 import PasswordHasher

    return PasswordHasher()


def _check_new(name: str, principal: str, role: str, password: str | None) -> None:
    if not _NAME.fullmatch(name):
        raise BadRequest(f"an account name is lowercase letters, digits, . _ -: {name!r}")
    if role not in ROLES:
        raise BadRequest(f"no role {role!r}; roles: {', '.join(ROLES)}")
    if not _PRINCIPAL.fullmatch(principal):
        raise BadRequest(f"{principal!r} is not a principal's name (kind or kind:name)")
    kinds = _KINDS[role]
    if kinds is not None and principal.partition(":")[0] not in kinds:
        raise BadRequest(f"a {role} account acts as {' or '.join(sorted(kinds))}")
    if password is not None and len(password) < 8:
        raise BadRequest("a password has at least 8 characters")


class Accounts:
    """The accounts kept in a union's database."""

    def __init__(self, federation: Federation) -> None:
        self.federation = federation
        self.db = federation.db

    def _ready(self) -> bool:
        return self.db.behind is None

    # -- administration --------------------------------------------------------------------

    def add(self, name: str, principal: str, role: str, password: str | None) -> Account:
        """A new account; refused when the name is taken or the role cannot act as the
        principal. Checked under the write lock, like every write."""
        with self.db.writing() as conn:
            _check_new(name, principal, role, password)
            if conn.execute(
                sa.select(web_account.c.name).where(web_account.c.name == name)
            ).first():
                raise BadRequest(f"account {name} exists already")
            hashed = None if password is None else _hasher().hash(password)  # type: ignore[attr-defined]
            conn.execute(
                web_account.insert().values(
                    name=name,
                    principal=principal,
                    role=role,
                    password_hash=hashed,
                    disabled=False,
                    created_at=_now().isoformat(),
                )
            )
        return Account(name, principal, role)

    def list(self) -> list[Account]:
        if not self._ready():
            return []
        with self.db.reading(check=False) as conn:
            rows = conn.execute(sa.select(web_account).order_by(web_account.c.name)).all()
        return [Account(r.name, r.principal, r.role, bool(r.disabled)) for r in rows]

    def get(self, name: str) -> Account | None:
        if not self._ready():
            return None
        with self.db.reading(check=False) as conn:
            r = conn.execute(sa.select(web_account).where(web_account.c.name == name)).first()
        return None if r is None else Account(r.name, r.principal, r.role, bool(r.disabled))

    def disable(self, name: str) -> Account:
        """Disable an account: its sessions end and its tokens stop working."""
        with self.db.writing() as conn:
            done = conn.execute(
                web_account.update().where(web_account.c.name == name).values(disabled=True)
            )
            if not done.rowcount:
                raise BadRequest(f"no account {name}")
            conn.execute(web_session.delete().where(web_session.c.account == name))
        account = self.get(name)
        assert account is not None
        return account

    def create_token(self, name: str, key_id: str) -> str:
        """A new API token for a script of the account, signing with `key_id`; shown once,
        stored hashed."""
        token = "iso_" + secrets.token_urlsafe(32)
        with self.db.writing() as conn:
            self._check_token(name, key_id)
            conn.execute(
                web_token.insert().values(
                    token_hash=_digest(token),
                    account=name,
                    key_id=key_id,
                    created_at=_now().isoformat(),
                )
            )
        return token

    def _check_token(self, name: str, key_id: str) -> None:
        if not _KEY_ID.fullmatch(key_id):
            raise BadRequest("a key id is 32 lowercase hex digits")
        account = self.get(name)
        if account is None or account.disabled:
            raise BadRequest(f"no account {name} in use")
        if not account.signs:
            raise BadRequest(f"a {account.role} account signs nothing: it needs no token")
        from isonomia.service.queries.principals import keys

        owned = [k for k in keys(self.federation, _now().date()) if k.key_id == key_id]
        if not owned or owned[0].principal != account.principal:
            raise BadRequest(f"key {key_id} is not a registered key of {account.principal}")
        if owned[0].status != "in force":
            raise BadRequest(f"key {key_id} is {owned[0].status}")

    # -- authentication --------------------------------------------------------------------

    def login(self, name: str, password: str) -> str:
        """A new session's secret for the account, or `Unauthenticated`."""
        from argon2.exceptions import Argon2Error, InvalidHashError

        account = None
        with self.db.reading(check=False) as conn:
            if self._ready():
                account = conn.execute(
                    sa.select(web_account).where(web_account.c.name == name)
                ).first()
        refused = Unauthenticated("wrong account name or password")
        if account is None or account.disabled or account.password_hash is None:
            raise refused
        try:
            _hasher().verify(account.password_hash, password)  # type: ignore[attr-defined]
        except (Argon2Error, InvalidHashError):
            raise refused from None
        secret = secrets.token_urlsafe(32)
        with self.db.writing() as conn:
            # Sessions past their time are of no use to anyone: dropped as new ones begin.
            conn.execute(web_session.delete().where(web_session.c.expires_at < _now().isoformat()))
            conn.execute(
                web_session.insert().values(
                    session_hash=_digest(secret),
                    account=name,
                    expires_at=(_now() + SESSION_LIFETIME).isoformat(),
                )
            )
        return secret

    def logout(self, secret: str) -> None:
        with self.db.writing() as conn:
            conn.execute(web_session.delete().where(web_session.c.session_hash == _digest(secret)))

    def by_session(self, secret: str) -> Account | None:
        """The account of a live session, or None."""
        if not self._ready():
            return None
        a, s = web_account, web_session
        query = (
            sa.select(a, s.c.expires_at)
            .join(s, s.c.account == a.c.name)
            .where(s.c.session_hash == _digest(secret))
        )
        with self.db.reading(check=False) as conn:
            row = conn.execute(query).first()
        if row is None or row.disabled or row.expires_at < _now().isoformat():
            return None
        return Account(row.name, row.principal, row.role)

    def by_token(self, token: str) -> Account | None:
        """The account of an API token, with the key id its scripts sign with, or None."""
        if not self._ready():
            return None
        a, t = web_account, web_token
        query = (
            sa.select(a, t.c.key_id)
            .join(t, t.c.account == a.c.name)
            .where(t.c.token_hash == _digest(token))
        )
        with self.db.reading(check=False) as conn:
            row = conn.execute(query).first()
        if row is None or row.disabled:
            return None
        return Account(row.name, row.principal, row.role, key_id=row.key_id)
