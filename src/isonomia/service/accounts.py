"""Accounts of the web interface: roles, passwords, login sessions and API tokens.

An account is access to the interface; it is not an act of the union and is never
recorded in the ledger. It has a role, given by the administrator, and acts for a
principal (`person:ivanov`, `council:georgia`, `secretariat`) only once it has proved that
it holds one of that principal's registered keys (`isonomia.service.account_binding`);
nobody, the administrator included, can name its principal otherwise (P18). The roles:

- ``public``: reads the published record (as anyone does without an account), and, bound
  to a principal, the cases that principal may see (P17);
- ``delegate``: a person (`person:…`) submitting what it signs, for its own member, in the
  organs where it sits (the signature and the rules' authorization enforce the rest);
- ``council-secretary``: a member council (`council:…`), recording its own council's
  decisions;
- ``executive``: a union organ or office (`organ:…`, `secretariat`, `congress:…`, `log`);
- ``inspector``: the inspection (P16);
- ``administrator``: manages accounts only; it is bound to no principal, cannot vote,
  record a member's decision or touch the record.

A signed command is accepted from an account only when the envelope's signer is the
account's own principal (and, for an API token, the token's key signed it). Every request
checks the key it stands on against the register: once the key is revoked, the sessions
and tokens standing on it end, and that request is refused.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from isonomia.domain.refusal import N_
from isonomia.ledger.keys import key_id
from isonomia.service import account_binding as binding
from isonomia.service import login_throttle as throttle
from isonomia.service.account_binding import ROLES, SIGNING_ROLES, Challenge, Standing
from isonomia.service.clock import current_clock
from isonomia.service.errors import (
    BadRequest,
    Forbidden,
    TooManyAttempts,
    Unauthenticated,
)
from isonomia.store.accounts import web_account, web_session, web_token
from isonomia.store.projections.principals import key_view

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from isonomia.service.federation import Federation

__all__ = [
    "ROLES",
    "SESSION_LIFETIME",
    "SIGNING_ROLES",
    "Account",
    "Accounts",
    "Challenge",
    "Forbidden",
    "TooManyAttempts",
    "Unauthenticated",
]

SESSION_LIFETIME = timedelta(hours=12)

_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,62}")
_KEY_ID = re.compile(r"[0-9a-f]{32}")
WRONG = N_("wrong account name or password")
#: The one line a request standing on a revoked key is refused with.
KEY_ENDED = N_(
    "key {key_id} is no longer in force: the sessions and tokens standing on it have ended; "
    "sign in again and prove a key in force"
)


@dataclass(frozen=True)
class Account:
    name: str
    #: Who it acts for: None until it proves one of the principal's keys.
    principal: str | None
    role: str
    disabled: bool = False
    #: For a request authenticated by an API token: the key its scripts sign with.
    key_id: str | None = None
    #: The key whose proof the principal stands on (the binding's, or the token's).
    bound_with: str | None = None

    @property
    def signs(self) -> bool:
        return self.role in SIGNING_ROLES

    @property
    def bound(self) -> bool:
        return self.principal is not None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return current_clock()()


def _check_new(name: str, role: str, password: str | None) -> None:
    if not _NAME.fullmatch(name):
        raise BadRequest.of(
            N_("an account name is lowercase letters, digits, . _ -: {name}"), name=repr(name)
        )
    if role not in ROLES:
        raise BadRequest.of(
            N_("no role {role}; roles: {roles}"), role=repr(role), roles=", ".join(ROLES)
        )
    if password is not None and len(password) < 8:
        raise BadRequest.of(N_("a password has at least 8 characters"))


def _account(row: Any) -> Account:
    """An account row, its principal shown only while the key that proved it is in force."""
    stands = row.key_id is not None and row.key_principal == row.principal and not row.revoked
    principal, key = (row.principal, row.key_id) if stands else (None, None)
    return Account(row.name, principal, row.role, bool(row.disabled), bound_with=key)


def _with_binding() -> sa.Select[Any]:
    """Accounts with the standing of the key each was bound with."""
    a, k = web_account, key_view
    return sa.select(
        a,
        k.c.principal.label("key_principal"),
        k.c.revoked_sequence.is_not(None).label("revoked"),
    ).outerjoin(k, k.c.key_id == a.c.key_id)


class Accounts:
    """The accounts kept in a union's database."""

    def __init__(self, federation: Federation) -> None:
        self.federation = federation
        self.db = federation.db

    def _ready(self) -> bool:
        return self.db.behind is None

    def prepare_sign_in(self) -> None:
        """Make the stand-in hash a name without an account is checked against now, so that
        the first such name costs no more than any other (a server calls it at start)."""
        throttle.stand_in_hash()

    def _union(self) -> str:
        return str(self.federation.charter().union.id)

    # -- administration --------------------------------------------------------------------

    def add(
        self, name: str, role: str, password: str | None, *, principal: str | None = None
    ) -> Account:
        """A new account, acting for no principal until it proves a key. Naming its
        principal is refused (P18) and writes nothing. Checked under the write lock."""
        if principal is not None:
            raise binding.no_grant()
        with self.db.writing() as conn:
            _check_new(name, role, password)
            if conn.execute(
                sa.select(web_account.c.name).where(web_account.c.name == name)
            ).first():
                raise BadRequest.of(N_("account {name} exists already"), name=name)
            hashed = None if password is None else throttle.hash_password(password)
            conn.execute(
                web_account.insert().values(
                    name=name,
                    principal=None,
                    role=role,
                    password_hash=hashed,
                    disabled=False,
                    created_at=_now().isoformat(),
                )
            )
        return Account(name, None, role)

    def list(self) -> list[Account]:
        if not self._ready():
            return []
        with self.db.reading(check=False) as conn:
            rows = conn.execute(_with_binding().order_by(web_account.c.name)).all()
        return [_account(r) for r in rows]

    def get(self, name: str) -> Account | None:
        if not self._ready():
            return None
        with self.db.reading(check=False) as conn:
            row = conn.execute(_with_binding().where(web_account.c.name == name)).first()
        return None if row is None else _account(row)

    def disable(self, name: str) -> Account:
        """Disable an account: its sessions end and its tokens stop working."""
        with self.db.writing() as conn:
            done = conn.execute(
                web_account.update().where(web_account.c.name == name).values(disabled=True)
            )
            if not done.rowcount:
                raise BadRequest.of(N_("no account {name}"), name=name)
            conn.execute(web_session.delete().where(web_session.c.account == name))
        account = self.get(name)
        assert account is not None
        return account

    # -- proving a key ---------------------------------------------------------------------

    def _in_use(self, conn: sa.Connection, name: str) -> Any:
        row = conn.execute(sa.select(web_account).where(web_account.c.name == name)).first()
        if row is None or row.disabled:
            raise BadRequest.of(N_("no account {name} in use"), name=name)
        return row

    def challenge(self, name: str, key_id: str) -> Challenge:
        """A challenge for the account `name` to sign with the key `key_id`."""
        if not _KEY_ID.fullmatch(key_id):
            raise BadRequest.of(N_("a key id is 32 lowercase hex digits"))
        binding.refuse_another_members_key(self.federation.state(), key_id)
        union = self._union()
        with self.db.writing() as conn:
            row = self._in_use(conn, name)
            return binding.new_challenge(conn, union, name, row.role, key_id, _now())

    def bind(self, name: str, nonce: str, signature: str, session: str | None = None) -> Account:
        """Bind the account to the key that signed its challenge (base64 `signature`); its
        other sessions end (all but `session`, the secret of the one binding it)."""
        union = self._union()
        with self.db.writing() as conn:
            row = self._in_use(conn, name)
            proved = binding.prove(conn, union, name, row.role, nonce, signature, _now())
            if isinstance(proved, Standing):
                keep = None if session is None else _digest(session)
                binding.bind(conn, name, proved, _now(), keep)
        if not isinstance(proved, Standing):
            raise proved  # after the commit: the challenge is spent either way
        account = self.get(name)
        assert account is not None
        return account

    def create_token(
        self, name: str, nonce: str, signature: str, session: str | None = None
    ) -> str:
        """A new API token for a script of the account, tied to the key that signed the
        challenge (which binds the account too, if it acts for no principal yet); shown
        once, stored hashed."""
        union = self._union()
        token = "iso_" + secrets.token_urlsafe(32)
        with self.db.writing() as conn:
            row = self._in_use(conn, name)
            if row.role not in SIGNING_ROLES:
                raise BadRequest.of(
                    N_("a {role} account signs nothing: it needs no token"), role=row.role
                )
            proved = binding.prove(conn, union, name, row.role, nonce, signature, _now())
            if isinstance(proved, Standing):
                keep = None if session is None else _digest(session)
                proved = binding.beside_binding(conn, name, proved, _now(), keep)
            if isinstance(proved, Standing):
                conn.execute(
                    web_token.insert().values(
                        token_hash=_digest(token),
                        account=name,
                        key_id=proved.key_id,
                        created_at=_now().isoformat(),
                    )
                )
        if not isinstance(proved, Standing):
            raise proved
        return token

    def bind_with_key(self, name: str, key: Ed25519PrivateKey) -> Account:
        """Prove `key` for the account here and now (a key file on the command line)."""
        nonce, signature = self._signed_challenge(name, key)
        return self.bind(name, nonce, signature)

    def token_with_key(self, name: str, key: Ed25519PrivateKey) -> str:
        """A token tied to `key`, proved here and now (a key file on the command line)."""
        nonce, signature = self._signed_challenge(name, key)
        return self.create_token(name, nonce, signature)

    def _signed_challenge(self, name: str, key: Ed25519PrivateKey) -> tuple[str, str]:
        challenge = self.challenge(name, key_id(key.public_key()))
        return challenge.nonce, base64.b64encode(key.sign(challenge.message)).decode("ascii")

    # -- authentication --------------------------------------------------------------------

    def login(self, name: str, password: str, address: str | None = None) -> str:
        """A new session's secret for the account, `Unauthenticated`, or `TooManyAttempts`
        after repeated failures for this name or from this `address`. A name without an
        account costs the same work as a wrong password."""
        counted = throttle.subjects(name, address)
        with self.db.writing() as conn:
            waiting = throttle.admit(conn, counted, _now())
            row = conn.execute(sa.select(web_account).where(web_account.c.name == name)).first()
        if waiting is not None:
            raise TooManyAttempts(waiting)
        stored = None if row is None else row.password_hash
        matches = throttle.password_matches(stored or throttle.stand_in_hash(), password)
        if row is None or stored is None or row.disabled or not matches:
            raise Unauthenticated.of(WRONG)
        secret = secrets.token_urlsafe(32)
        with self.db.writing() as conn:
            throttle.succeeded(conn, counted)
            # Sessions past their time are of no use to anyone: dropped as new ones begin.
            conn.execute(web_session.delete().where(web_session.c.expires_at < _now().isoformat()))
            standing = binding.standing_of(conn, name)  # unbinds it if its key is revoked
            conn.execute(
                web_session.insert().values(
                    session_hash=_digest(secret),
                    account=name,
                    expires_at=(_now() + SESSION_LIFETIME).isoformat(),
                    key_id=None if standing is None else standing.key_id,
                )
            )
        return secret

    def logout(self, secret: str) -> None:
        with self.db.writing() as conn:
            conn.execute(web_session.delete().where(web_session.c.session_hash == _digest(secret)))

    def by_session(self, secret: str) -> Account | None:
        """The account of a live session, acting for the principal whose key the session
        stands on (none if it stands on none), or None; `Unauthenticated` once that key is
        revoked, or is no longer the one the account is bound with."""
        if not self._ready():
            return None
        a, s, k = web_account, web_session, key_view
        query = (
            sa.select(a.c.name, a.c.role, a.c.disabled, a.c.key_id, s.c.expires_at)
            .add_columns(s.c.key_id.label("stands_on"), a.c.principal, k.c.revoked_sequence)
            .add_columns(k.c.principal.label("key_principal"))
            .join(s, s.c.account == a.c.name)
            .outerjoin(k, k.c.key_id == s.c.key_id)
            .where(s.c.session_hash == _digest(secret))
        )
        with self.db.reading(check=False) as conn:
            row = conn.execute(query).first()
        if row is None or row.disabled or row.expires_at < _now().isoformat():
            return None
        if row.stands_on is None:
            return Account(row.name, None, row.role)
        stands = row.stands_on == row.key_id and row.key_principal == row.principal
        if not stands or row.revoked_sequence is not None:
            raise Unauthenticated.of(KEY_ENDED, key_id=row.stands_on)
        return Account(row.name, row.principal, row.role, bound_with=row.stands_on)

    def by_token(self, token: str) -> Account | None:
        """The account of an API token, acting for its key's principal, or None;
        `Unauthenticated` once that key is revoked."""
        if not self._ready():
            return None
        a, t, k = web_account, web_token, key_view
        query = (
            sa.select(
                a.c.name, a.c.role, a.c.disabled, t.c.key_id, k.c.principal, k.c.revoked_sequence
            )
            .join(t, t.c.account == a.c.name)
            .outerjoin(k, k.c.key_id == t.c.key_id)
            .where(t.c.token_hash == _digest(token))
        )
        with self.db.reading(check=False) as conn:
            row = conn.execute(query).first()
        if row is None or row.disabled:
            return None
        if row.principal is None or row.revoked_sequence is not None:
            raise Unauthenticated.of(KEY_ENDED, key_id=row.key_id)
        return Account(row.name, row.principal, row.role, key_id=row.key_id, bound_with=row.key_id)

    def check_signer(self, account: Account, principal: str, key_id: str) -> None:
        """Refuse (`Forbidden`) an envelope signed by `principal` with `key_id` that the
        account may not submit (`account_binding.signer_problem`)."""
        with self.db.reading(check=False) as conn:
            problem = binding.signer_problem(
                conn, account.role, account.principal, account.key_id, principal, key_id
            )
        if problem is not None:
            raise problem
