"""Signing in and out, proving a key, and the administrator's management of accounts.

`POST /api/v1/session` checks a password (argon2) and sets the session cookie (HttpOnly,
SameSite=Strict, Secure when served over HTTPS), after the back-off for the account name and
the client's address (429 with `Retry-After`); `DELETE /api/v1/session` ends it;
`GET /api/v1/me` says who is signed in and for whom it acts.

An account acts for a principal only once it proves one of the principal's registered keys:
`POST /api/v1/me/challenge` gives the bytes to sign, `POST /api/v1/me/binding` binds the
account with the signature, `POST /api/v1/me/tokens` makes an API token the same way. The
administrator adds, lists and disables accounts; it never names whom an account acts for
(refused, P18) and makes no token (a token acts for its key's principal).
"""

from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from isonomia.service import SESSION_LIFETIME, Account, Accounts
from isonomia.web.auth import (
    ADMIN,
    ANYONE,
    BINDERS,
    SESSION_COOKIE,
    SIGNERS,
    allow,
    open_to_anyone,
)

__all__ = ["AccountOut", "install", "router"]

AccountName = Annotated[str, Path(min_length=1, max_length=63, pattern=r"^[a-z0-9._-]+$")]


class Login(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=63)
    password: str = Field(min_length=1, max_length=1024)


class NewAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=63)
    role: str = Field(min_length=1, max_length=40)
    password: str | None = Field(default=None, min_length=8, max_length=1024)
    principal: str | None = Field(
        default=None,
        max_length=200,
        description="Refused (P18): an account acts for a principal only by proving its key.",
    )


class KeyToProve(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key_id: str = Field(pattern=r"^[0-9a-f]{32}$")


class Proof(BaseModel):
    model_config = ConfigDict(extra="forbid")
    challenge: str = Field(min_length=1, max_length=64)
    signature: str = Field(min_length=1, max_length=200, description="Ed25519, base64.")


class AccountOut(BaseModel):
    name: str
    principal: str | None = Field(description="Whom it acts for; null until it proves a key.")
    role: str
    disabled: bool = False
    key_id: str | None = Field(default=None, description="The key that proved the principal.")


class MeOut(BaseModel):
    account: AccountOut | None
    role: str


class ChallengeOut(BaseModel):
    challenge: str
    message: str = Field(description="The bytes to sign with the key, base64.")
    key_id: str
    principal: str
    expires_at: str


class TokenOut(BaseModel):
    token: str = Field(description="Shown once: only its hash is kept.")
    account: str
    key_id: str


def _accounts(request: Request) -> Accounts:
    accounts: Accounts = request.app.state.accounts
    return accounts


def _out(account: Account) -> AccountOut:
    return AccountOut(
        name=account.name,
        principal=account.principal,
        role=account.role,
        disabled=account.disabled,
        key_id=account.bound_with,
    )


def _me(account: Account | None) -> MeOut:
    if account is None:
        return MeOut(account=None, role="anonymous")
    return MeOut(account=_out(account), role=account.role)


def _signed_in(account: Account | None) -> Account:
    assert account is not None  # the routes admit accounts only
    return account


def router() -> APIRouter:
    """Signing in and out, proving keys, and the administrator's routes."""
    api = APIRouter(prefix="/api/v1", tags=["accounts"])
    _session_routes(api)
    _binding_routes(api)
    _admin_routes(api)
    return api


def _session_routes(api: APIRouter) -> None:
    @api.post(
        "/session", name="login", response_model=MeOut, dependencies=[Depends(open_to_anyone)]
    )
    def login(request: Request, response: Response, body: Login) -> MeOut:
        """Sign in with a password: sets the session cookie."""
        accounts = _accounts(request)
        address = request.client.host if request.client else None
        secret = accounts.login(body.name, body.password, address)
        response.set_cookie(
            SESSION_COOKIE,
            secret,
            max_age=int(SESSION_LIFETIME.total_seconds()),
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
        return _me(accounts.get(body.name))

    @api.delete("/session", name="logout", status_code=204, dependencies=[Depends(open_to_anyone)])
    def logout(request: Request) -> Response:
        """Sign out: the session ends on the server, the cookie is cleared."""
        secret = request.cookies.get(SESSION_COOKIE)
        if secret:
            _accounts(request).logout(secret)
        response = Response(status_code=204)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
        return response

    @api.get("/me", name="me", response_model=MeOut)
    def me(account: Account | None = Depends(allow(ANYONE))) -> MeOut:
        """Who is signed in, and for whom it acts (the public when nobody is)."""
        return _me(account)


def _binding_routes(api: APIRouter) -> None:
    @api.post("/me/challenge", name="me-challenge", response_model=ChallengeOut)
    def challenge(
        request: Request, body: KeyToProve, account: Account | None = Depends(allow(BINDERS))
    ) -> ChallengeOut:
        """A challenge for the signed-in account to sign with one of its principal's keys:
        random, single use, valid five minutes."""
        made = _accounts(request).challenge(_signed_in(account).name, body.key_id)
        return ChallengeOut(
            challenge=made.nonce,
            message=base64.b64encode(made.message).decode("ascii"),
            key_id=made.key_id,
            principal=made.principal,
            expires_at=made.expires_at,
        )

    @api.post("/me/binding", name="me-binding", response_model=MeOut)
    def bind(
        request: Request, body: Proof, account: Account | None = Depends(allow(BINDERS))
    ) -> MeOut:
        """Bind the signed-in account to the key that signed its challenge: it acts for the
        key's principal from now on, and its other sessions end."""
        name = _signed_in(account).name
        session = request.cookies.get(SESSION_COOKIE)
        return _me(_accounts(request).bind(name, body.challenge, body.signature, session))

    @api.post("/me/tokens", name="me-token", response_model=TokenOut, status_code=201)
    def token(
        request: Request, body: Proof, account: Account | None = Depends(allow(SIGNERS))
    ) -> TokenOut:
        """A new API token for a script, tied to the key that signed the challenge."""
        name = _signed_in(account).name
        session = request.cookies.get(SESSION_COOKIE)
        accounts = _accounts(request)
        secret = accounts.create_token(name, body.challenge, body.signature, session)
        scripted = accounts.by_token(secret)
        assert scripted is not None and scripted.key_id is not None
        return TokenOut(token=secret, account=name, key_id=scripted.key_id)


def _admin_routes(api: APIRouter) -> None:
    @api.get("/accounts", name="accounts", response_model=list[AccountOut])
    def accounts(request: Request, _: Account | None = Depends(allow(ADMIN))) -> list[AccountOut]:
        """Every account (administrator only)."""
        return [_out(a) for a in _accounts(request).list()]

    @api.post("/accounts", name="account-add", response_model=AccountOut, status_code=201)
    def account_add(
        request: Request, body: NewAccount, _: Account | None = Depends(allow(ADMIN))
    ) -> AccountOut:
        """Add an account in a role (administrator only). It acts for no principal until it
        proves one of the principal's keys; a `principal` given here is refused (P18)."""
        added = _accounts(request).add(
            body.name, body.role, body.password, principal=body.principal
        )
        return _out(added)

    @api.post("/accounts/{name}/disable", name="account-disable", response_model=AccountOut)
    def account_disable(
        request: Request, name: AccountName, _: Account | None = Depends(allow(ADMIN))
    ) -> AccountOut:
        """Disable an account: its sessions end, its tokens stop working."""
        return _out(_accounts(request).disable(name))


def install(app: FastAPI) -> None:
    app.include_router(router())
