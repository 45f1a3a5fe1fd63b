"""The API's commands: one route per command of the registry, generated, so the OpenAPI
schema names each command's body.

`POST /api/v1/commands/{Name}` takes a signed envelope, exactly as `isonomia … --sign-only`
writes it, and records it through `Federation.submit` (one transaction holding the append
lock; several workers on one PostgreSQL database act as one server). The envelope's signer
must be the account's own principal, proved by one of its keys (and, with an API token, the
token's key); an account acting for no principal yet submits only a command that brings its
own key (a candidate's congress deciding to join).

`POST /api/v1/commands/{Name}/prepare` takes the unsigned command (without `command_id` or
`at`, which the service fills in) and the signer's key id, and returns the exact bytes to
sign (base64) and their SHA-256, with the envelope to complete: a browser signs them with a
non-extractable WebCrypto Ed25519 key that the server never sees.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Request
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, create_model, field_validator
from starlette.concurrency import run_in_threadpool

from isonomia.service import (
    COMMAND_TYPES,
    Account,
    Accounts,
    BadRequest,
    Federation,
    Forbidden,
    Recorded,
    fit,
    make,
    now,
    prepare,
    queries,
)
from isonomia.web.auth import SIGNERS, allow
from isonomia.web.page_texts import N_

__all__ = ["EntryOut", "PreparedOut", "RecordedOut", "router"]

_KEY_ID = r"^[0-9a-f]{32}$"


class EntryOut(BaseModel):
    sequence: int
    event_type: str
    hash: str
    recorded_at: str


class RecordedOut(BaseModel):
    """What a command recorded: its entries (events that fell due first)."""

    entries: list[EntryOut]
    clock: str


class PreparedOut(BaseModel):
    """What to sign, and the envelope to complete with the signature."""

    message: str = Field(description="The bytes to sign with Ed25519, base64.")
    sha256: str = Field(description="SHA-256 of those bytes, hex.")
    envelope: dict[str, Any] = Field(description="The envelope, its `signature` to fill in.")


def _checked() -> dict[str, Any]:
    """What no input may hold (control characters, numbers past the record's JSON, times
    with no UTC), checked in the API's own models too, so it answers as bad input (400)."""
    return {"_fit": field_validator("*")(fit)}


def _body_models(name: str, cls: type[BaseModel]) -> tuple[type[BaseModel], type[BaseModel]]:
    """`{Name}Envelope` (the signed command) and `{Name}Draft` (to prepare) for a command."""
    forbid = ConfigDict(extra="forbid")
    fields: dict[str, Any] = {
        field: (info.annotation, info) for field, info in cls.model_fields.items()
    }
    typed: dict[str, Any] = {"type": (Literal[name], name)}
    signed = create_model(
        f"{name}Command", __config__=forbid, __validators__=_checked(), **typed, **fields
    )
    optional = {
        "command_id": (str | None, None),
        "at": (AwareDatetime | None, None),
    }
    draft_command = create_model(
        f"{name}Unsigned",
        __config__=forbid,
        __validators__=_checked(),
        **typed,
        **{**fields, **optional},
    )
    envelope_fields: dict[str, Any] = {
        "format": (Literal["isonomia-signed-command"], ...),
        # Version 1 named no union: the rules refuse it with their reason (P18).
        "version": (Literal[1, 2], ...),
        "command": (signed, ...),
        "principal": (str, Field(min_length=1)),
        "key_id": (str, Field(pattern=_KEY_ID)),
        "union": (
            dict[str, str | None] | None,
            Field(default=None, description="The union it is for: origin and charter entry."),
        ),
        "seen": (
            dict[str, int | str] | None,
            Field(default=None, description="The head its signer saw: size and hash."),
        ),
        "signature": (str, Field(min_length=1)),
    }
    envelope = create_model(
        f"{name}Envelope",
        __config__=forbid,
        __doc__=f"A signed {name}, as `--sign-only` writes it.",
        **envelope_fields,
    )
    draft = create_model(
        f"{name}Draft",
        __config__=forbid,
        __doc__=f"A {name} to prepare for signing.",
        command=(draft_command, ...),
        key_id=(str, Field(pattern=_KEY_ID)),
    )
    return envelope, draft


def _federation(request: Request) -> Federation:
    federation: Federation = request.app.state.federation
    return federation


def recorded_out(outcome: Recorded) -> RecordedOut:
    return RecordedOut(
        entries=[
            EntryOut(
                sequence=e.sequence,
                event_type=e.event_type,
                hash=e.hash,
                recorded_at=e.recorded_at,
            )
            for e in outcome.entries
        ],
        clock=outcome.clock,
    )


def _check_signer(request: Request, account: Account | None, principal: Any, key_id: Any) -> None:
    """The account may submit what `principal` signed with `key_id` (its own principal's,
    proved; with a token, the token's key), else `Forbidden`."""
    if account is None:  # not reached: the route admits signing roles only
        raise Forbidden.of(N_("sign in to submit a command"))
    accounts: Accounts = request.app.state.accounts
    accounts.check_signer(account, str(principal), str(key_id))


def _submit(federation: Federation, name: str, envelope: dict[str, Any]) -> RecordedOut:
    cls = COMMAND_TYPES[name]
    fields = {k: v for k, v in envelope["command"].items() if k != "type"}
    make(cls, **fields)  # bad input: one line naming the field (422), before any signature
    return recorded_out(federation.submit(envelope))


def _submit_route(name: str, model: type[BaseModel]) -> Any:
    async def submit(
        request: Request,
        body: model,  # type: ignore[valid-type]
        account: Account | None = Depends(allow(SIGNERS)),
    ) -> RecordedOut:
        envelope = json.loads(await request.body())  # the bytes as signed, not a re-spelling
        if not isinstance(envelope, dict) or not isinstance(envelope.get("command"), dict):
            raise BadRequest.of(N_("an envelope is a JSON object with a command"))
        signer = envelope.get("principal"), envelope.get("key_id")
        await run_in_threadpool(_check_signer, request, account, *signer)  # reads the register
        return await run_in_threadpool(_submit, _federation(request), name, envelope)

    submit.__annotations__["body"] = model
    submit.__doc__ = f"Record a signed {name} (the envelope `--sign-only` writes)."
    return submit


def _prepare_route(name: str, model: type[BaseModel]) -> Any:
    def prepare_command(
        request: Request,
        body: model,  # type: ignore[valid-type]
        account: Account | None = Depends(allow(SIGNERS)),
    ) -> PreparedOut:
        data = body.model_dump(mode="json", exclude_none=True)  # type: ignore[attr-defined]
        federation = _federation(request)
        live = queries.clock(federation) != "simulated"
        prepared = prepare(name, data["command"], data["key_id"], now(), live, federation.binding())
        _check_signer(request, account, prepared.principal, prepared.key_id)
        unsigned = prepared.envelope(b"")
        unsigned["signature"] = ""
        return PreparedOut(
            message=base64.b64encode(prepared.message).decode("ascii"),
            sha256=prepared.sha256,
            envelope=unsigned,
        )

    prepare_command.__annotations__["body"] = model
    prepare_command.__doc__ = f"The exact bytes to sign for a {name}, and its envelope."
    return prepare_command


def router() -> APIRouter:
    """One submit and one prepare route per command type."""
    api = APIRouter(prefix="/api/v1/commands", tags=["commands"])
    for name in sorted(COMMAND_TYPES):
        envelope, draft = _body_models(name, COMMAND_TYPES[name])
        api.add_api_route(
            f"/{name}",
            _submit_route(name, envelope),
            methods=["POST"],
            name=f"submit:{name}",
            response_model=RecordedOut,
            status_code=201,
        )
        api.add_api_route(
            f"/{name}/prepare",
            _prepare_route(name, draft),
            methods=["POST"],
            name=f"prepare:{name}",
            response_model=PreparedOut,
        )
    return api


def install(app: FastAPI) -> None:
    app.include_router(router())
