"""Signing in and out, and the administrator's management of accounts.

`POST /api/v1/session` checks a password (argon2) and sets the session cookie (HttpOnly,
SameSite=Strict, Secure when served over HTTPS); `DELETE /api/v1/session` ends it;
`GET /api/v1/me` says who is signed in. The administrator adds, lists and disables accounts
and makes API tokens; it does nothing else (it signs no command and records nothing).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from isonomia.service import SESSION_LIFETIME, Account, Accounts
from isonomia.web.auth import ADMIN, ANYONE, SESSION_COOKIE, allow

__all__ = ["AccountOut", "install", "router"]

AccountName = Annotated[str, Path(min_length=1, max_length=63, pattern=r"^[a-z0-9._-]+$")]


class Login(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=63)
    password: str = Field(min_length=1, max_length=1024)


class NewAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=63)
    principal: str = Field(min_length=1, max_length=200)
    role: str = Field(min_length=1, max_length=40)
    password: str | None = Field(default=None, min_length=8, max_length=1024)


class NewToken(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key_id: str = Field(pattern=r"^[0-9a-f]{32}$")


class AccountOut(BaseModel):
    name: str
    principal: str
    role: str
    disabled: bool = False


class MeOut(BaseModel):
    account: AccountOut | None
    role: str


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
    )


def router() -> APIRouter:
    """Signing in and out, and the administrator's routes."""
    api = APIRouter(prefix="/api/v1", tags=["accounts"])
    _session_routes(api)
    _admin_routes(api)
    return api


def _session_routes(api: APIRouter) -> None:

    @api.post("/session", name="login", response_model=MeOut, dependencies=[Depends(allow(ANYONE))])
    def login(request: Request, response: Response, body: Login) -> MeOut:
        """Sign in with a password: sets the session cookie."""
        accounts = _accounts(request)
        secret = accounts.login(body.name, body.password)
        response.set_cookie(
            SESSION_COOKIE,
            secret,
            max_age=int(SESSION_LIFETIME.total_seconds()),
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
        account = accounts.get(body.name)
        assert account is not None
        return MeOut(account=_out(account), role=account.role)

    @api.delete("/session", name="logout", status_code=204, dependencies=[Depends(allow(ANYONE))])
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
        """Who is signed in (the public when nobody is)."""
        if account is None:
            return MeOut(account=None, role="anonymous")
        return MeOut(account=_out(account), role=account.role)


def _admin_routes(api: APIRouter) -> None:
    @api.get("/accounts", name="accounts", response_model=list[AccountOut])
    def accounts(request: Request, _: Account | None = Depends(allow(ADMIN))) -> list[AccountOut]:
        """Every account (administrator only)."""
        return [_out(a) for a in _accounts(request).list()]

    @api.post("/accounts", name="account-add", response_model=AccountOut, status_code=201)
    def account_add(
        request: Request, body: NewAccount, _: Account | None = Depends(allow(ADMIN))
    ) -> AccountOut:
        """Add an account bound to a principal, in a role (administrator only)."""
        return _out(_accounts(request).add(body.name, body.principal, body.role, body.password))

    @api.post("/accounts/{name}/disable", name="account-disable", response_model=AccountOut)
    def account_disable(
        request: Request, name: AccountName, _: Account | None = Depends(allow(ADMIN))
    ) -> AccountOut:
        """Disable an account: its sessions end, its tokens stop working."""
        return _out(_accounts(request).disable(name))

    @api.post(
        "/accounts/{name}/tokens", name="token-create", response_model=TokenOut, status_code=201
    )
    def token_create(
        request: Request,
        name: AccountName,
        body: NewToken,
        _: Account | None = Depends(allow(ADMIN)),
    ) -> TokenOut:
        """A new API token for a script of the account, tied to one of its keys."""
        token = _accounts(request).create_token(name, body.key_id)
        return TokenOut(token=token, account=name, key_id=body.key_id)


def install(app: FastAPI) -> None:
    app.include_router(router())
