"""The rules of cases sealed at rest (P17, P18), checked without decrypting: sealing keys
well formed; once the inspection has one, complaints filed sealed and addressed to it; a
sealed case's later texts sealed too; keys granted only by and to those the case entitles."""

from __future__ import annotations

import base64

import pytest
from inspection_world import DAY, OFFICIAL, VICTIM, WITNESS, act, complaint, world

from builders import apply, run
from isonomia.domain import FederationState, actors
from isonomia.domain.inspection import DrawCommission, NameDefender, ProposeFindings
from isonomia.domain.refusal import Refusal
from isonomia.domain.sealed_cases import CaseKeyGranted, GrantCaseKey, RegisterSealingKey
from isonomia.service.case_seal import (
    X25519PrivateKey,
    new_content_key,
    open_text,
    seal_text,
    sealing_public_text,
    unwrap_key,
    wrap_key,
)

DEFENDER = "okudzhava"
CONTENT = new_content_key()
KEYS = {
    p: X25519PrivateKey.generate()
    for p in (actors.INSPECTION, *map(actors.person, (VICTIM, OFFICIAL, WITNESS, DEFENDER)))
}


def _registered(state: FederationState, principal: str) -> tuple[str, str]:
    return state.inspection.sealing_keys[principal]


def keyed() -> FederationState:
    state = world()
    for principal, key in KEYS.items():
        state = apply(
            state, act(RegisterSealingKey, principal, public_key=sealing_public_text(key))
        )
    return state


def _grant(state: FederationState, principal: str, case: str = "case-1") -> str:
    key_id, public = _registered(state, principal)
    return f"{principal}={key_id}:{wrap_key(CONTENT, public, case, principal)}"


def sealed_complaint(state: FederationState, readers: tuple[str, ...], **extra: object) -> object:
    summary = seal_text("struck Georgia's delegate", CONTENT, "case-1", "summary")
    keys = [_grant(state, r) for r in readers]
    return complaint(summary=summary, keys=keys, **extra)


FIRST = (actors.INSPECTION, actors.person(VICTIM), actors.person(OFFICIAL))


def _refusal(state: FederationState, command: object) -> Refusal:
    outcome = run(state, command)  # type: ignore[arg-type]
    assert isinstance(outcome, Refusal), outcome
    return outcome


@pytest.mark.parametrize(
    "public_key",
    [
        "ed25519:" + base64.b64encode(bytes(range(32))).decode(),
        "x25519:" + base64.b64encode(bytes(range(31))).decode(),
        "x25519:" + base64.b64encode(bytes(32)).decode(),
        "x25519:not base64!",
    ],
)
def test_p17_a_malformed_sealing_key_is_refused(public_key: str) -> None:
    refusal = _refusal(
        world(), act(RegisterSealingKey, actors.person(VICTIM), public_key=public_key)
    )
    assert refusal.principle == "P17" and "x25519" in str(refusal)


def test_p17_a_complaint_in_clear_is_refused_once_the_inspection_has_a_sealing_key() -> None:
    assert not isinstance(run(world(), complaint()), Refusal)  # no key yet: in clear
    refusal = _refusal(keyed(), complaint())
    assert refusal.principle == "P17" and "not in clear" in str(refusal)


def test_p17_a_sealed_complaint_is_recorded_with_its_keys_and_readers_open_it() -> None:
    state = keyed()
    events = run(state, sealed_complaint(state, FIRST))
    assert not isinstance(events, Refusal)
    [granted] = [e for e in events if isinstance(e, CaseKeyGranted)]
    assert [k[0] for k in granted.keys] == list(FIRST)
    state = apply(state, sealed_complaint(state, FIRST))
    case = state.inspection.cases["case-1"]
    assert case.sealed
    for principal, _key_id, wrapped in case.wraps:
        content = unwrap_key(wrapped, KEYS[principal], "case-1", principal)
        assert open_text(case.summary, content, "case-1") == "struck Georgia's delegate"


def test_p17_a_sealed_complaint_not_addressed_to_the_inspection_is_refused() -> None:
    state = keyed()
    refusal = _refusal(state, sealed_complaint(state, FIRST[1:]))
    assert refusal.principle == "P17" and "not addressed to the inspection" in str(refusal)
    summary = seal_text("struck", CONTENT, "case-1", "summary")
    refusal = _refusal(state, complaint(summary=summary))
    assert "not addressed to the inspection" in str(refusal)


def test_p17_a_case_key_for_someone_the_case_does_not_entitle_is_refused() -> None:
    state = keyed()
    refusal = _refusal(state, sealed_complaint(state, (*FIRST, actors.person(WITNESS))))
    assert refusal.principle == "P17" and "not entitled" in str(refusal)


def test_p17_a_case_key_wrapped_to_a_key_not_registered_is_refused() -> None:
    state = keyed()
    grant = _grant(state, actors.INSPECTION)
    principal, _, rest = grant.partition("=")
    forged = f"{principal}={'0' * 32}{rest[32:]}"
    summary = seal_text("struck", CONTENT, "case-1", "summary")
    refusal = _refusal(state, complaint(summary=summary, keys=[forged]))
    assert refusal.principle == "P17" and "no sealing key" in str(refusal)


@pytest.mark.parametrize(
    ("summary", "keys"),
    [
        ("sealed:v1:summary:!!", None),
        (None, ["inspection=not-a-key:AAAA"]),
    ],
)
def test_p18_a_malformed_sealed_text_or_key_is_refused(
    summary: str | None, keys: list[str] | None
) -> None:
    state = keyed()
    good = sealed_complaint(state, FIRST)
    command = good.model_copy(  # type: ignore[attr-defined]
        update={k: v for k, v in (("summary", summary), ("keys", keys)) if v is not None}
    )
    assert _refusal(state, command).principle == "P18"


def _sealed_case() -> FederationState:
    state = keyed()
    state = apply(state, sealed_complaint(state, FIRST))
    state = apply(state, act(DrawCommission, actors.INSPECTION, case="case-1"))
    return apply(state, act(NameDefender, actors.person(VICTIM), case="case-1", defender=DEFENDER))


def test_p17_a_key_grant_by_someone_the_case_does_not_entitle_is_refused() -> None:
    state = _sealed_case()
    grant = act(
        GrantCaseKey,
        actors.person(WITNESS),
        case="case-1",
        keys=[_grant(state, actors.person(DEFENDER))],
    )
    refusal = _refusal(state, grant)
    assert refusal.principle == "P17"


def test_p17_a_key_grant_by_a_reader_who_holds_no_key_is_refused() -> None:
    state = _sealed_case()
    defender = actors.person(DEFENDER)
    grant = act(GrantCaseKey, defender, case="case-1", keys=[_grant(state, defender)])
    refusal = _refusal(state, grant)
    assert refusal.principle == "P17" and "holds no key" in str(refusal)
    by_inspection = grant.model_copy(update={"actor": actors.INSPECTION})
    state = apply(state, by_inspection)
    assert defender in {w[0] for w in state.inspection.cases["case-1"].wraps}


def test_p17_a_sealed_case_takes_no_text_in_clear_and_an_unsealed_one_no_sealed_text() -> None:
    state = _sealed_case()
    judge = state.inspection.cases["case-1"].commission[0]
    findings = act(
        ProposeFindings,
        actors.person(judge),
        DAY,
        case="case-1",
        findings="f-1",
        text="the blow is established",
        established=True,
    )
    refusal = _refusal(state, findings)
    assert refusal.principle == "P17" and "comes sealed" in str(refusal)
    mislabelled = findings.model_copy(
        update={"text": seal_text("the blow", CONTENT, "case-1", "summary")}
    )
    assert _refusal(state, mislabelled).principle == "P18"
    sealed = findings.model_copy(update={"text": seal_text("the blow", CONTENT, "case-1", "text")})
    assert not isinstance(run(state, sealed), Refusal)
    clear_case = apply(world(), complaint())
    clear_case = apply(clear_case, act(DrawCommission, actors.INSPECTION, case="case-1"))
    judge = clear_case.inspection.cases["case-1"].commission[0]
    refusal = _refusal(clear_case, sealed.model_copy(update={"actor": actors.person(judge)}))
    assert refusal.principle == "P17" and "not sealed" in str(refusal)
