"""Sealed cases on the signer's side (P17): a command's case texts are sealed before it is
signed, so the signed envelope the record keeps already carries ciphertext; a sealed case's
key is granted to readers newly entitled right after the command that entitled them; and a
reader opens a case, or an evidence file, with its own key.

The service never needs a private key for this: only the signer (the CLI's key file or
keyring, a test's keyring) holds them. The server, the web pages and the API show sealed
texts as they are stored (`notice_sealed`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from isonomia.domain import Command, FederationState, actors
from isonomia.domain.inspection import FileComplaint
from isonomia.domain.inspection_book import Case, case_viewers
from isonomia.domain.refusal import N_, Refusal
from isonomia.domain.sealed_cases import GrantCaseKey, RegisterSealingKey
from isonomia.domain.sealing import SEALED_FIELDS, SEALED_TEXT, looks_sealed
from isonomia.service.building import make
from isonomia.service.case_seal import (
    SealError,
    X25519PrivateKey,
    new_content_key,
    open_bytes,
    open_text,
    seal_bytes,
    seal_text,
    sealing_key_of,
    sealing_public_text,
    unwrap_key,
    wrap_key,
)
from isonomia.service.errors import BadRequest, Refused
from isonomia.service.keyring import KeyFile, Signer
from isonomia.service.pipeline import new_command_id

__all__ = [
    "EVIDENCE_FIELD",
    "case_key",
    "grant_command",
    "grant_for",
    "notice_sealed",
    "open_case_texts",
    "open_evidence",
    "seal_command",
    "seal_evidence",
    "sealing_key_command",
    "sealing_public_key",
]

#: The associated-data label of evidence files' bytes.
EVIDENCE_FIELD = "evidence"

T = TypeVar("T")
C = TypeVar("C", bound=Command)


def _sealing_key(signer: Signer, principal: str) -> X25519PrivateKey | None:
    key = signer.key_for(principal)
    return None if key is None else sealing_key_of(key)


def sealing_public_key(signer: Signer, principal: str) -> str:
    """The sealing public key `principal` registers (derived from its signing key)."""
    key = _sealing_key(signer, principal)
    if key is None:
        raise BadRequest.of(
            N_("no key of {principal} to derive its sealing key"), principal=principal
        )
    return sealing_public_text(key)


def sealing_key_command(signer: Signer, principal: str, at: Any) -> RegisterSealingKey:
    """`principal`'s registration of its sealing key, to sign and submit."""
    return make(
        RegisterSealingKey,
        command_id=new_command_id(),
        actor=principal,
        at=at,
        public_key=sealing_public_key(signer, principal),
    )


def case_key(case: Case, principal: str, key: X25519PrivateKey) -> bytes | None:
    """The case's content key, unwrapped with `principal`'s sealing key; None when the case
    holds none for it. SealError when the wrapping does not open with this key."""
    wrap = next((w for w in case.wraps if w[0] == principal), None)
    return None if wrap is None else unwrap_key(wrap[2], key, case.id, principal)


def _wraps(state: FederationState, content: bytes, case: str, readers: frozenset[str]) -> list[str]:
    keys = state.inspection.sealing_keys
    return [
        f"{r}={keys[r][0]}:{wrap_key(content, keys[r][1], case, r)}"
        for r in sorted(readers)
        if r in keys
    ]


def _no_key(actor: str, case: str) -> Refused:
    return Refused(
        Refusal.of(
            "P17",
            N_(
                "{actor} holds no key of the sealed case {case}: a reader who holds it grants "
                "it (`isonomia case grant`)"
            ),
            actor=actor,
            case=case,
        )
    )


def seal_command(state: FederationState, command: C, signer: Signer) -> C:
    """`command` with its case texts sealed where the case is (or is to be) sealed: a new
    complaint gets a new content key wrapped to its readers with a registered sealing key;
    a later text is sealed under the key the actor unwraps with its own."""
    fields = SEALED_FIELDS.get(type(command).__name__)
    if fields is None or all(looks_sealed(getattr(command, f)) for f in fields):
        return command
    update: dict[str, Any] = {}
    case_id = str(getattr(command, "case", ""))
    if isinstance(command, FileComplaint):
        if command.keys or actors.INSPECTION not in state.inspection.sealing_keys:
            return command
        content = new_content_key()
        readers = case_viewers(command.actor, command.accused, (), None)
        update["keys"] = _wraps(state, content, case_id, readers)
    else:
        case = state.inspection.cases.get(case_id)
        if case is None or not case.sealed:
            return command
        private = _sealing_key(signer, command.actor)
        try:
            found = case_key(case, command.actor, private) if private is not None else None
        except SealError as error:
            raise BadRequest(str(error)) from error
        if found is None:
            raise _no_key(command.actor, case_id)
        content = found
    for f in fields:
        if not looks_sealed(getattr(command, f)):
            update[f] = seal_text(getattr(command, f), content, case_id, f)
    return command.model_copy(update=update)


def _due(state: FederationState, case: Case) -> frozenset[str]:
    """The readers `case` entitles whose registered sealing key holds no key of it."""
    keys = state.inspection.sealing_keys
    held = {p: k for p, k, _w in case.wraps}
    return frozenset(r for r in case.viewers() if r in keys and held.get(r) != keys[r][0])


def _grant(
    state: FederationState, case: Case, granter: str, signer: Signer, at: Any
) -> GrantCaseKey | None:
    """`granter`'s grant of the case's key to the readers due one, or None when it cannot
    unwrap the key (or nothing is due)."""
    new = _due(state, case)
    private = _sealing_key(signer, granter) if granter in case.viewers() else None
    try:
        content = case_key(case, granter, private) if private is not None else None
    except SealError:
        return None
    if content is None or not new:
        return None
    keys = _wraps(state, content, case.id, new)
    return make(
        GrantCaseKey, command_id=new_command_id(), actor=granter, at=at, case=case.id, keys=keys
    )


def grant_for(state: FederationState, command: Command, signer: Signer) -> GrantCaseKey | None:
    """After `command` touched a sealed case: the grant of its key to every reader it now
    entitles whose registered sealing key holds none, signed by the actor or the inspection,
    whichever this signer holds and holds the case's key; None when nothing is due."""
    case = state.inspection.cases.get(str(getattr(command, "case", "")))
    if case is None or not case.sealed or isinstance(command, GrantCaseKey):
        return None
    for granter in dict.fromkeys((command.actor, actors.INSPECTION)):
        grant = _grant(state, case, granter, signer, command.at)
        if grant is not None:
            return grant
    return None


def grant_command(
    state: FederationState, case_id: str, actor: str, signer: Signer, at: Any
) -> GrantCaseKey | None:
    """`actor`'s grant of a sealed case's key to every reader due one (`case grant`); None
    when every reader with a sealing key holds it. Refused when the actor is not entitled to
    the case or holds no key of it (P17)."""
    case = state.inspection.cases.get(case_id)
    if case is None or not case.sealed:
        raise Refused(Refusal.of("P17", N_("there is no sealed case {case}"), case=case_id))
    if actor not in case.viewers():
        raise Refused(
            Refusal.of(
                "P17",
                N_("{actor} is not entitled to read case {case}, nor to grant its key"),
                actor=actor,
                case=case_id,
            )
        )
    if not _due(state, case):
        return None
    grant = _grant(state, case, actor, signer, at)
    if grant is None:
        raise _no_key(actor, case_id)
    return grant


def seal_evidence(
    state: FederationState, case_id: str, actor: str, data: bytes, signer: Signer
) -> bytes:
    """An evidence file's bytes as a sealed case keeps them (sealed under its key), or as
    given for a case that is not sealed."""
    case = state.inspection.cases.get(case_id)
    if case is None or not case.sealed:
        return data
    private = _sealing_key(signer, actor)
    content = case_key(case, actor, private) if private is not None else None
    if content is None:
        raise _no_key(actor, case_id)
    return seal_bytes(data, content, case_id, EVIDENCE_FIELD)


def _reader_key(state: FederationState, case_id: str, principal: str, key_file: Path) -> bytes:
    case = state.inspection.cases.get(case_id)
    if case is None:
        raise BadRequest.of(N_("there is no case {case}"), case=case_id)
    try:
        content = case_key(case, principal, sealing_key_of(KeyFile(key_file).key))
    except SealError as error:
        raise BadRequest(str(error)) from error
    if content is None:
        raise _no_key(principal, case_id)
    return content


def open_evidence(
    state: FederationState, case_id: str, principal: str, key_file: Path, data: bytes
) -> bytes:
    """A kept evidence file in clear, for a reader of a sealed case with its key."""
    case = state.inspection.cases.get(case_id)
    if case is None or not case.sealed:
        return data
    content = _reader_key(state, case_id, principal, key_file)
    try:
        return open_bytes(data, content, case_id, EVIDENCE_FIELD)
    except SealError as error:
        raise BadRequest(str(error)) from error


def _map_text(value: T, change: Callable[[str], str]) -> T:
    """`value` with `change` applied to every string inside (dataclasses, lists, tuples)."""
    if isinstance(value, str):
        return change(value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [_map_text(v, change) for v in value]  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_map_text(v, change) for v in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _map_text(getattr(value, f.name), change) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def open_case_texts(
    state: FederationState, case_id: str, principal: str, key_file: Path, detail: T
) -> T:
    """`detail` (a case as a reader sees it) with each sealed text opened with the reader's
    key; BadRequest when one does not open (altered, or moved from another case)."""
    case = state.inspection.cases.get(case_id)
    if case is None or not case.sealed:
        return detail
    content = _reader_key(state, case_id, principal, key_file)

    def opened(match: Any) -> str:
        try:
            return open_text(match.group(0), content, case_id)
        except SealError as error:
            raise BadRequest(str(error)) from error

    return _map_text(detail, lambda text: SEALED_TEXT.sub(opened, text))


def notice_sealed(detail: T, notice: str) -> T:
    """`detail` with each sealed text replaced by `notice` (for readers without the key)."""
    return _map_text(detail, lambda text: SEALED_TEXT.sub(lambda _m: notice, text))
