"""Cases sealed at rest (P17, P18): principals register an X25519 sealing key in the record;
a sealed case's content key, wrapped to each of its readers' sealing keys, is granted to
readers as they become entitled (the commission drawn, a defender or a conniver named).

The record keeps the wrapped keys and the sealed texts; it never holds a private key nor a
content key in clear. The rules check who may receive a key and that a sealed case's texts
come sealed (`rules.sealed_cases`); encryption is in `service.case_seal`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves, revise
from isonomia.domain.inspection_book import with_case
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class RegisterSealingKey(Command):
    """A principal registers the public half of its sealing key, to which cases' keys are
    wrapped for it to read them (P17); a new one replaces the old for later grants."""

    public_key: str = Field(
        min_length=1, max_length=200, description="The sealing public key (x25519:<base64>)."
    )


class GrantCaseKey(Command):
    """A reader of a sealed case who holds its key wraps it to readers newly entitled (P17)."""

    case: Slug = Field(description="The case.")
    keys: list[str] = Field(
        min_length=1,
        max_length=200,
        description="The case's key wrapped to a reader, PRINCIPAL=KEY_ID:BASE64 (HPKE).",
    )


class SealingKeyRegistered(Event):
    union_wide = True
    principal: str
    key_id: str
    public_key: str
    registered_on: date


class CaseKeyGranted(Event):
    case: str
    by: str
    #: [principal, sealing key id, the content key wrapped to it (base64)], in order.
    keys: list[list[str]]
    granted_on: date


@evolves(SealingKeyRegistered)
def _registered(state: FederationState, event: SealingKeyRegistered) -> FederationState:
    book = state.inspection
    keys = put(book.sealing_keys, event.principal, (event.key_id, event.public_key))
    return revise(state, inspection=replace(book, sealing_keys=keys))


@evolves(CaseKeyGranted)
def _granted(state: FederationState, event: CaseKeyGranted) -> FederationState:
    case = state.inspection.cases[event.case]
    given = {principal for principal, _key, _wrapped in event.keys}
    kept = tuple(w for w in case.wraps if w[0] not in given)
    wraps = (*kept, *((p, k, w) for p, k, w in event.keys))
    return with_case(state, event.case, wraps=wraps)
