"""Random histories of language commands (P14): an act is never in force in a member without
a certified version in each of its official languages or a waiver, and a member's language
rules change only by that member's own council."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import (
    MEMBERS_1922,
    MONDAY,
    apply,
    command,
    founded_1922,
    pass_motion,
    run,
    seat_delegations,
)
from isonomia.domain import (
    AdoptLanguageRules,
    CertifyVersion,
    Command,
    DesignateCertifier,
    FederationState,
    PublishAct,
    SubmitVersion,
    WaiveVersions,
    actors,
)
from isonomia.domain.languages import in_force_in
from isonomia.domain.refusal import Refusal

START = MONDAY + timedelta(days=2)
LANGUAGES = ("ru", "uk", "ka", "be", "hy", "az", "pl", "yi")
ACTORS = (
    actors.SECRETARIAT,
    actors.organ("union-council"),
    "person:certifier",
    *(actors.council(m) for m in MEMBERS_1922),
)
KINDS = ("rules", "submit", "certify", "designate", "waive")


def _base() -> FederationState:
    state = seat_delegations(founded_1922(), "sto", date(1923, 1, 1))
    state = pass_motion(
        state, "sto-1", "sto-s1", "sto", START, field="railways", kind="decision", force="mandatory"
    )
    return apply(state, command(PublishAct, actors.SECRETARIAT, START, act="sto-1"))


BASE = _base()

steps = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.sampled_from(ACTORS),
        st.sampled_from(MEMBERS_1922),
        st.sampled_from(LANGUAGES),
        st.integers(min_value=0, max_value=3),
    ),
    max_size=25,
)


def _command(kind: str, actor: str, member: str, language: str, day: date) -> Command:
    fields: dict[str, Any] = {
        "rules": {"cls": AdoptLanguageRules, "member": member, "correspondence": [language]},
        "submit": {"cls": SubmitVersion, "act": "sto-1", "language": language, "text": "t"},
        "certify": {"cls": CertifyVersion, "act": "sto-1", "language": language},
        "designate": {
            "cls": DesignateCertifier,
            "member": member,
            "language": language,
            "principal": "person:certifier",
        },
        "waive": {"cls": WaiveVersions, "act": "sto-1", "member": member},
    }[kind]
    cls = fields.pop("cls")
    result: Command = command(cls, actor, day, **fields)
    return result


def _holds(state: FederationState, day: date) -> None:
    book = state.languages
    for member in MEMBERS_1922:
        if not in_force_in(state, "sto-1", member, day):
            continue
        waived = book.waivers.get(("sto-1", member))
        if waived is not None and waived <= day:
            continue
        for language in state.members[member].languages:
            version = book.versions.get(("sto-1", language))
            assert version is not None and version.certified(day), (member, language)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps)
def test_p14_no_act_in_force_in_a_member_without_its_versions_or_a_waiver(
    steps: list[tuple[str, str, str, str, int]],
) -> None:
    state, day = BASE, START
    for kind, actor, member, language, gap in steps:
        day += timedelta(days=gap)
        cmd = _command(kind, actor, member, language, day)
        before = state.languages.rules
        outcome = run(state, cmd)
        if not isinstance(outcome, Refusal):
            state = apply(state, cmd)
        changed = {m for m in state.languages.rules if state.languages.rules[m] != before.get(m)}
        assert changed <= ({cmd.member} if isinstance(cmd, AdoptLanguageRules) else set())
        if changed:
            assert cmd.actor == actors.council(cmd.member)  # type: ignore[attr-defined]
        _holds(state, day)
        _holds(state, day + timedelta(days=30))
