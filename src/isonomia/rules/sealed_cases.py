"""Rules of cases sealed at rest (P17, P18), checked without decrypting anything.

- A principal registers its own sealing key; a malformed one is refused.
- Once the inspection has a sealing key, a complaint is filed sealed: its texts as sealed
  texts, its content key wrapped to the inspection (and to any other reader it names) with
  each reader's registered key. A complaint in clear, or one not addressed to the
  inspection, is refused.
- A sealed case's texts stay sealed: findings, evidence names, reasons to reopen and the
  grounds of challenges come sealed, or are refused; an unsealed case takes no sealed text.
- A reader who holds the case's key grants it to readers newly entitled; a key for someone
  the case does not entitle, or by someone it does not, is refused.
"""

from __future__ import annotations

from typing import Any

from isonomia.domain import FederationState, actors
from isonomia.domain.inspection import FileComplaint
from isonomia.domain.inspection_book import case_viewers
from isonomia.domain.refusal import N_, Refusal
from isonomia.domain.sealed_cases import (
    CaseKeyGranted,
    GrantCaseKey,
    RegisterSealingKey,
    SealingKeyRegistered,
)
from isonomia.domain.sealing import (
    SEALED_FIELDS,
    looks_sealed,
    parse_grant,
    sealed_field,
    sealing_key_id,
    sealing_key_raw,
)
from isonomia.rules.inspection_who import ANYONE, case_role
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who

__all__ = ["complaint_grant", "sealing_refusal"]


@decides(RegisterSealingKey, who=Who("P17", ANYONE, lambda s, c: True))
def register_sealing_key(state: FederationState, command: RegisterSealingKey) -> Decision:
    raw = sealing_key_raw(command.public_key)
    if raw is None:
        return Refusal.of(
            "P17",
            N_("a sealing key is x25519:<base64 of 32 bytes>, not {key}"),
            key=command.public_key[:40],
        )
    return [
        SealingKeyRegistered(
            principal=command.actor,
            key_id=sealing_key_id(raw),
            public_key=command.public_key,
            registered_on=command.day,
        )
    ]


def _grants(
    state: FederationState, case: str, keys: list[str], readers: frozenset[str]
) -> list[list[str]] | Refusal:
    """The grants `keys` give, each to a reader of the case with the key it registered."""
    grants: list[list[str]] = []
    for item in keys:
        parsed = parse_grant(item)
        if parsed is None:
            return Refusal.of(
                "P18",
                N_("a key of case {case} is PRINCIPAL=KEY_ID:BASE64 (HPKE), not {item}"),
                case=case,
                item=item[:60],
            )
        principal, key_id, wrapped = parsed
        if principal not in readers:
            return Refusal.of(
                "P17",
                N_("{principal} is not entitled to read case {case}; its key is not theirs"),
                principal=principal,
                case=case,
            )
        registered = state.inspection.sealing_keys.get(principal)
        if registered is None or registered[0] != key_id:
            return Refusal.of(
                "P17",
                N_("{principal} has no sealing key {key}… registered; wrap to the one it has"),
                principal=principal,
                key=key_id[:12],
            )
        if any(g[0] == principal for g in grants):
            return Refusal.of(
                "P17", N_("case {case}'s key is wrapped once to each reader"), case=case
            )
        grants.append([principal, key_id, wrapped])
    return grants


def _complaint_readers(command: FileComplaint) -> frozenset[str]:
    return case_viewers(command.actor, command.accused, (), None)


def complaint_grant(state: FederationState, command: FileComplaint) -> list[CaseKeyGranted]:
    """The key a sealed complaint wraps to its first readers, recorded beside it."""
    if not command.keys:
        return []
    grants = _grants(state, command.case, command.keys, _complaint_readers(command))
    assert not isinstance(grants, Refusal)  # checked by `sealing_refusal` before
    return [
        CaseKeyGranted(case=command.case, by=command.actor, keys=grants, granted_on=command.day)
    ]


def _complaint_refusal(state: FederationState, command: FileComplaint) -> Refusal | None:
    inspection = state.inspection.sealing_keys.get(actors.INSPECTION)
    if not command.keys:
        if inspection is not None and looks_sealed(command.summary):
            return Refusal.of(
                "P17",
                N_("the sealed case {case} is not addressed to the inspection"),
                case=command.case,
            )
        return None
    grants = _grants(state, command.case, command.keys, _complaint_readers(command))
    if isinstance(grants, Refusal):
        return grants
    if all(g[0] != actors.INSPECTION for g in grants):
        return Refusal.of(
            "P17",
            N_("the sealed case {case} is not addressed to the inspection"),
            case=command.case,
        )
    return None


def sealing_refusal(state: FederationState, command: Any) -> Refusal | None:
    """Why a command's case texts are refused as they come (clear where the case is sealed,
    sealed where it is not, or malformed), or None (P17, P18)."""
    fields = SEALED_FIELDS.get(type(command).__name__)
    if fields is None:
        return None
    if isinstance(command, FileComplaint):
        problem = _complaint_refusal(state, command)
        if problem is not None:
            return problem
        sealed = bool(command.keys) or actors.INSPECTION in state.inspection.sealing_keys
    else:
        case = state.inspection.cases.get(command.case)
        if case is None:
            return None  # the command's own rule says there is no such case
        sealed = case.sealed
    for field in fields:
        text = getattr(command, field)
        if sealed and sealed_field(text) != field:
            if looks_sealed(text):
                return Refusal.of(
                    "P18",
                    N_("the {field} of case {case} is not a sealed {field}"),
                    field=field,
                    case=command.case,
                )
            return Refusal.of(
                "P17",
                N_("case {case} is sealed: its {field} comes sealed to its readers, not in clear"),
                field=field,
                case=command.case,
            )
        if not sealed and looks_sealed(text):
            return Refusal.of(
                "P17",
                N_("case {case} is not sealed: a sealed {field} would be read by no one"),
                field=field,
                case=command.case,
            )
    return None


@decides(
    GrantCaseKey,
    who=Who("P17", "a reader of the case", lambda s, c: case_role(s, c, "sees")),
)
def grant_case_key(state: FederationState, command: GrantCaseKey) -> Decision:
    case = state.inspection.cases.get(command.case)
    if case is None:
        return Refusal.of("P17", N_("there is no case {case}"), case=command.case)
    readers = case.viewers()
    if command.actor not in readers:
        return Refusal.of(
            "P17",
            N_("{actor} is not entitled to read case {case}, nor to grant its key"),
            actor=command.actor,
            case=case.id,
        )
    if all(w[0] != command.actor for w in case.wraps):
        return Refusal.of(
            "P17",
            N_("{actor} holds no key of case {case} to grant"),
            actor=command.actor,
            case=case.id,
        )
    grants = _grants(state, case.id, command.keys, readers)
    if isinstance(grants, Refusal):
        return grants
    return [CaseKeyGranted(case=case.id, by=command.actor, keys=grants, granted_on=command.day)]
