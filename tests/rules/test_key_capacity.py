"""Keys belong to whoever answers for them, and only there (P2–P4, P16, P18): every
registrar × principal × capacity, against the rules and against `docs/principals.md`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import MEMBERS_1922, apply, command, founded_1922
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    CommandSigned,
    ConveneSession,
    DraftMotion,
    FederationState,
    RegisterKey,
    TableMotion,
    actors,
)
from isonomia.domain.refusal import Refusal
from isonomia.ledger.keys import generate_private_key, key_id, public_key_text
from isonomia.rules import handle
from isonomia.rules.who import registrar

DOCS = Path(__file__).resolve().parents[2] / "docs" / "principals.md"
DAY = date(1923, 1, 8)  # a Monday: the union council sits
ORGANS = ("union-council", "sovnarkom", "presidium", "inspection")

BODIES = [
    actors.SECRETARIAT,
    actors.INSPECTION,
    actors.LOG,
    *(actors.organ(o) for o in ORGANS),
    *(actors.congress(m) for m in MEMBERS_1922),
    *(actors.council(m) for m in MEMBERS_1922),
]


def _register(
    state: FederationState, actor: str, principal: str, for_member: str | None
) -> tuple[FederationState, str] | Refusal:
    key = generate_private_key()
    cmd = command(
        RegisterKey,
        actor,
        DAY,
        principal=principal,
        public_key=public_key_text(key.public_key()),
        for_member=for_member,
    )
    handled = handle(state, cmd, DAY)
    if isinstance(handled, Refusal):
        return handled
    return handled.state, key_id(key.public_key())


@settings(max_examples=300, deadline=None)
@given(
    actor=st.sampled_from(BODIES),
    kind=st.sampled_from(["congress", "council", "person", "organ", "body"]),
    name=st.sampled_from([*MEMBERS_1922, "x1", "union-council"]),
    for_member=st.sampled_from([None, *MEMBERS_1922]),
)
def test_p4_a_key_is_registered_only_by_the_body_that_answers_for_its_principal(
    actor: str, kind: str, name: str, for_member: str | None
) -> None:
    principal = {"body": actors.INSPECTION}.get(kind, f"{kind}:{name}")
    result = _register(founded_1922(), actor, principal, for_member)
    expected = registrar(principal, for_member)
    assert (not isinstance(result, Refusal)) == (expected is not None and actor == expected)


def _doc_rows() -> dict[str, str]:
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `([a-z]+)(?::[A-Z])?` \| (.+?) \|", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_p4_the_table_of_principals_says_who_registers_each_key() -> None:
    rows = _doc_rows()
    assert set(rows) == {
        "congress",
        "council",
        "person",
        "organ",
        "secretariat",
        "inspection",
        "log",
    }
    for kind, principal, member in [
        ("congress", "congress:georgia", None),
        ("council", "council:georgia", None),
        ("person", "person:x1", "georgia"),
        ("organ", "organ:union-council", None),
        ("secretariat", actors.SECRETARIAT, None),
        ("inspection", actors.INSPECTION, None),
        ("log", actors.LOG, None),
    ]:
        by = registrar(principal, member)
        assert by is not None
        named = by.replace("georgia", "M")
        if by == principal:
            assert rows[kind].startswith("itself"), kind
        else:
            assert f"`{named}`" in rows[kind], (kind, named)


def _seated(state: FederationState, person: str, member: str, organ: str) -> FederationState:
    return apply(
        state,
        command(
            AppointDelegate,
            actors.council(member),
            DAY,
            organ=organ,
            member=member,
            person=person,
            term_from=DAY,
        ),
    )


def _motion(state: FederationState) -> FederationState:
    state = apply(
        state,
        command(
            ConveneSession,
            actors.SECRETARIAT,
            DAY,
            session="s1",
            organ="union-council",
            held_on=DAY,
        ),
    )
    state = apply(
        state,
        command(
            DraftMotion,
            actors.SECRETARIAT,
            DAY,
            motion="m1",
            organ="union-council",
            title="m1",
            text="t",
            field="railways",
            kind="decision",
            force="advisory",
        ),
    )
    return apply(state, command(TableMotion, actors.SECRETARIAT, DAY, motion="m1", session="s1"))


def _signed_by(key: str) -> CommandSigned:
    return CommandSigned(
        command_id="c",
        command_type="CastVote",
        principal="person:p",
        key_id=key,
        signature="",
        command={},
    )


@settings(max_examples=200, deadline=None)
@given(
    sits_for=st.sampled_from(MEMBERS_1922),
    also_sits_for=st.sampled_from([None, *MEMBERS_1922]),
    registered_by=st.sampled_from(MEMBERS_1922),
    votes_for=st.sampled_from(MEMBERS_1922),
)
def test_p4_a_persons_key_signs_only_in_the_capacity_of_the_member_that_registered_it(
    sits_for: str, also_sits_for: str | None, registered_by: str, votes_for: str
) -> None:
    state = _motion(founded_1922())
    state = _seated(state, "p", sits_for, "union-council")
    if also_sits_for is not None and also_sits_for != sits_for:
        state = _seated(state, "p", also_sits_for, "sovnarkom")
    registered = _register(state, actors.council(registered_by), "person:p", registered_by)
    appointed = {sits_for, also_sits_for}
    assert (not isinstance(registered, Refusal)) == (registered_by in appointed)
    if isinstance(registered, Refusal):
        assert registered.principle == "P4"
        return
    state, key = registered
    vote = command(CastVote, actors.person("p"), DAY, motion="m1", member=votes_for, vote="yes")
    handled = handle(state, vote, DAY, _signed_by(key))
    accepted = votes_for == sits_for == registered_by
    assert (not isinstance(handled, Refusal)) == accepted, handled
    if isinstance(handled, Refusal):
        assert handled.principle == "P4"


def test_p4_the_first_member_to_name_a_person_answers_for_them() -> None:
    state = _seated(founded_1922(), "p", "georgia", "union-council")
    squat = _register(state, actors.council("armenia"), "person:p", "armenia")
    assert isinstance(squat, Refusal) and "answers to georgia's council" in squat.reason
    own = _register(state, actors.council("georgia"), "person:p", "georgia")
    assert not isinstance(own, Refusal)
