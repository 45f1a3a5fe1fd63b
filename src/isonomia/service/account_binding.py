"""How an account comes to act for a principal: by proving it holds one of its keys.

Nobody grants an account a principal, the administrator included. The account asks for a
challenge naming one key in force in the key register; the key's holder signs it (in the
browser with the device's WebCrypto key, or on the command line with a key file); the
signature is checked against the register as it stands now, and only then is the account
bound, recording the key that proved it. A token for a script is made the same way.

A challenge is random (256 bits), single use (deleted when answered, whatever the answer,
or when the account asks for another), short-lived (`CHALLENGE_LIFETIME`) and bound to the
account, the key, its principal and the union. The bytes signed are `BINDING_CONTEXT`
followed by the RFC 8785 canonical JSON of those fields: a command's signed bytes begin
`isonomia signed command v1\\n` and a checkpoint's are a signed note, so a signature given
here can never pass for a command or a checkpoint, nor one of theirs for a binding.

Each session records the key its account was bound with when it began (or was bound), and
each token the key it was made with; every request checks that key in the register, so the
request right after a `RevokeKey` entry, and every one after it, is refused: revoking a key
ends every session and token standing on it at once, and no later binding revives them.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import FederationState
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.keys import parse_public_key
from isonomia.rules.capacity import proves_in_own_name
from isonomia.service.errors import BadRequest, Forbidden, Refused
from isonomia.store.accounts import web_account, web_challenge, web_session, web_token
from isonomia.store.projections.principals import key_view

__all__ = [
    "BINDING_CONTEXT",
    "CHALLENGE_LIFETIME",
    "KINDS",
    "ROLES",
    "SIGNING_ROLES",
    "Challenge",
    "Standing",
    "beside_binding",
    "bind",
    "binding_message",
    "check_kind",
    "key_in_force",
    "key_known",
    "new_challenge",
    "no_grant",
    "prove",
    "refuse_another_members_key",
    "signer_problem",
    "standing_of",
]

BINDING_CONTEXT = b"isonomia account binding v1\n"
CHALLENGE_LIFETIME = timedelta(minutes=5)

ROLES = ("public", "delegate", "council-secretary", "executive", "inspector", "administrator")
#: The roles that submit signed commands (each only as its own principal).
SIGNING_ROLES = frozenset({"delegate", "council-secretary", "executive", "inspector"})
#: Which principals each role may be bound to (by the principal's kind); the public may
#: prove any key (to read its own cases, P17); an administrator is bound to none.
KINDS: dict[str, frozenset[str] | None] = {
    "public": None,
    "delegate": frozenset({"person"}),
    "council-secretary": frozenset({"council"}),
    "executive": frozenset({"organ", "secretariat", "congress", "log", "department"}),
    "inspector": frozenset({"inspection"}),
    "administrator": frozenset(),
}

#: Who binds an account, said wherever someone else tries to (P18).
NO_GRANT = N_(
    "an account acts for a principal only once it proves it holds one of the principal's "
    "registered keys: nobody can grant it one"
)


def no_grant() -> Refused:
    """The refusal of any attempt to name an account's principal other than a proof."""
    return Refused(Refusal.of("P18", NO_GRANT), who=True)


@dataclass(frozen=True)
class Standing:
    """A key in force in the register as it stands now."""

    key_id: str
    principal: str
    public_key: str


@dataclass(frozen=True)
class Challenge:
    """What a key's holder signs to bind an account (`message`, base64 in the API)."""

    nonce: str
    account: str
    key_id: str
    principal: str
    expires_at: str
    message: bytes


def binding_message(
    union: str, account: str, principal: str, key_id: str, nonce: str, expires_at: str
) -> bytes:
    """The exact bytes a binding's signature covers."""
    body = {
        "account": account,
        "expires_at": expires_at,
        "key_id": key_id,
        "nonce": nonce,
        "principal": principal,
        "union": union,
    }
    return BINDING_CONTEXT + canonical_json(body)


def key_in_force(conn: Connection, key_id: str) -> Standing | None:
    """The key `key_id` if the register holds it and has not revoked it."""
    row = conn.execute(
        sa.select(key_view.c.key_id, key_view.c.principal, key_view.c.public_key).where(
            key_view.c.key_id == key_id, key_view.c.revoked_sequence.is_(None)
        )
    ).first()
    return None if row is None else Standing(row.key_id, row.principal, row.public_key)


def key_known(conn: Connection, key_id: str) -> bool:
    """Whether the register holds `key_id` at all (in force or revoked)."""
    found = conn.execute(sa.select(key_view.c.key_id).where(key_view.c.key_id == key_id))
    return found.first() is not None


def check_kind(role: str, principal: str, key_id: str) -> None:
    """Refuse a key whose principal an account of `role` cannot act for."""
    kinds = KINDS.get(role, frozenset())
    if kinds is not None and not kinds:
        raise Forbidden.of(N_("a {role} account acts for no principal"), role=role)
    if kinds is not None and principal.partition(":")[0] not in kinds:
        raise Forbidden.of(
            N_("a {role} account acts as {kinds}; key {key_id} is {principal}'s"),
            role=role,
            kinds=" or ".join(sorted(kinds)),
            key_id=key_id,
            principal=principal,
        )


def refuse_another_members_key(state: FederationState, key_id: str) -> None:
    """Refuse a person's key that another member's council registered: it signs in that
    member's capacity only, and proves nobody in their own name (P4)."""
    record = state.keys.get(key_id)
    if record is not None and not proves_in_own_name(state, record):
        raise Forbidden.of(
            N_(
                "key {key_id} was registered by {member}'s council for {principal}, who "
                "answers to another member: it proves no reader (P4)"
            ),
            key_id=key_id,
            member=record.for_member,
            principal=record.principal,
        )


def new_challenge(
    conn: Connection, union: str, account: str, role: str, key_id: str, now: datetime
) -> Challenge:
    """A new challenge for `account` to prove `key_id`, kept until answered or expired."""
    standing = key_in_force(conn, key_id)
    if standing is None:
        raise BadRequest.of(N_("key {key_id} is not a key in force in the register"), key_id=key_id)
    check_kind(role, standing.principal, key_id)
    # One challenge waits per account (a new one replaces it), and none past its time.
    conn.execute(
        web_challenge.delete().where(
            sa.or_(web_challenge.c.account == account, web_challenge.c.expires_at < now.isoformat())
        )
    )
    nonce = secrets.token_urlsafe(32)
    expires_at = (now + CHALLENGE_LIFETIME).isoformat()
    conn.execute(
        web_challenge.insert().values(
            nonce=nonce,
            account=account,
            key_id=key_id,
            principal=standing.principal,
            expires_at=expires_at,
        )
    )
    message = binding_message(union, account, standing.principal, key_id, nonce, expires_at)
    return Challenge(nonce, account, key_id, standing.principal, expires_at, message)


def prove(
    conn: Connection,
    union: str,
    account: str,
    role: str,
    nonce: str,
    signature: str,
    now: datetime,
) -> Standing | BadRequest | Forbidden | Refused:
    """Answer a challenge: the key proved, or why not. The challenge is deleted either way,
    so the caller must commit even when it reports the failure (hence a value, not a raise)."""
    row = conn.execute(
        sa.select(web_challenge).where(
            web_challenge.c.nonce == nonce, web_challenge.c.account == account
        )
    ).first()
    if row is None:
        return BadRequest.of(N_("no such challenge waits for this account: ask for a new one"))
    conn.execute(web_challenge.delete().where(web_challenge.c.nonce == nonce))
    if row.expires_at <= now.isoformat():
        return BadRequest.of(N_("the challenge has expired: ask for a new one"))
    standing = key_in_force(conn, row.key_id)
    if standing is None or standing.principal != row.principal:
        return BadRequest.of(
            N_("key {key_id} is not a key in force in the register"), key_id=row.key_id
        )
    try:
        check_kind(role, standing.principal, standing.key_id)
    except Forbidden as error:
        return error
    message = binding_message(union, account, row.principal, row.key_id, nonce, row.expires_at)
    if not _verifies(standing.public_key, message, signature):
        return Refused(
            Refusal.of("P18", N_("the signature does not prove key {key_id}"), key_id=row.key_id),
            who=True,
        )
    return standing


def _verifies(public_key: str, message: bytes, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        raw = base64.b64decode(signature, validate=True)
        parse_public_key(public_key).verify(raw, message)
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True


def bind(
    conn: Connection, account: str, standing: Standing, now: datetime, keep: str | None
) -> None:
    """Bind `account` to the key proved. The session `keep` (by hash) now stands on that
    key; the account's other sessions end, and its tokens for another principal go."""
    conn.execute(
        web_account.update()
        .where(web_account.c.name == account)
        .values(principal=standing.principal, key_id=standing.key_id, bound_at=now.isoformat())
    )
    others = web_session.c.account == account
    if keep is not None:
        others = sa.and_(others, web_session.c.session_hash != keep)
        conn.execute(
            web_session.update()
            .where(web_session.c.session_hash == keep, web_session.c.account == account)
            .values(key_id=standing.key_id)
        )
    conn.execute(web_session.delete().where(others))
    same = sa.select(key_view.c.key_id).where(key_view.c.principal == standing.principal)
    conn.execute(
        web_token.delete().where(web_token.c.account == account, web_token.c.key_id.not_in(same))
    )


def standing_of(conn: Connection, name: str) -> Standing | None:
    """The key the account `name` stands on, if it is bound and that key is in force; an
    account bound with a key since revoked is unbound here (it proves a key again)."""
    row = conn.execute(
        sa.select(web_account.c.principal, web_account.c.key_id).where(web_account.c.name == name)
    ).first()
    if row is None or row.key_id is None:
        return None
    standing = key_in_force(conn, row.key_id)
    if standing is not None and standing.principal == row.principal:
        return standing
    conn.execute(
        web_account.update()
        .where(web_account.c.name == name)
        .values(principal=None, key_id=None, bound_at=None)
    )
    return None


def beside_binding(
    conn: Connection, name: str, proved: Standing, now: datetime, keep: str | None
) -> Standing | Forbidden:
    """The key a new token of the account `name` may stand on: one of the principal the
    account acts for, or, for an account acting for no principal (or on a key since
    revoked), the key just proved, which binds it too."""
    standing = standing_of(conn, name)
    if standing is None:
        bind(conn, name, proved, now, keep)
    elif standing.principal != proved.principal:
        return Forbidden.of(
            N_("this account acts for {principal}; key {key_id} is {other}'s"),
            principal=standing.principal,
            key_id=proved.key_id,
            other=proved.principal,
        )
    return proved


UNBOUND = N_(
    "this account acts for no principal yet: prove that it holds one of the principal's keys"
)


def signer_problem(
    conn: Connection,
    role: str,
    acts_for: str | None,
    token_key: str | None,
    principal: str,
    key_id: str,
) -> Forbidden | None:
    """Why an account (of `role`, acting for `acts_for`, with a token on `token_key`) may
    not submit what `principal` signed with `key_id`, or None: a command of another
    principal, or under another key than its token's; from an account acting for no
    principal, anything but a command that brings its own key (a candidate's congress
    deciding to join): nobody can have proved a key the register does not hold yet, and the
    rules check the signature against the key the command brings."""
    if acts_for is None:
        if role not in SIGNING_ROLES or key_known(conn, key_id):
            return Forbidden.of(UNBOUND)
        try:
            check_kind(role, principal, key_id)
        except Forbidden as error:
            return error
        return None
    if principal != acts_for:
        return Forbidden.of(
            N_("this account acts for {principal}; the command is signed by {signer}"),
            principal=acts_for,
            signer=principal,
        )
    if token_key is not None and key_id != token_key:
        return Forbidden.of(N_("this API token signs with key {key_id} only"), key_id=token_key)
    return None
