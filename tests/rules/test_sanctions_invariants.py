"""Property (P17): over random histories of complaints decided with any sanction, votes,
motions and re-appointments, no sanctioned person ever acts in a capacity the sanction took:
every vote and motion recorded for a person falls outside the spans their removal or
suspension took that seat, unless they were seated there again afterwards; and no one is
seated during a removal's bar."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from inspection_world import inspectors

from builders import MEMBERS_1922, adopt, command, found, union_1922
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    DelegateAppointed,
    DraftMotion,
    FederationState,
    MotionDrafted,
    TableMotion,
    VoteCast,
    actors,
)
from isonomia.domain.inspection import (
    REMOVAL,
    DrawCommission,
    FileComplaint,
    ProposeFindings,
    SanctionTookEffect,
    SignFindings,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules.pipeline import handle

START = date(1923, 2, 1)
#: Officials who may be accused, each seated in the Sovnarkom for a member.
OFFICIALS = {"off-a": "rsfsr", "off-b": "ukraine"}
SANCTIONS = ("removal from office", "suspension from office", "transfer", "reprimand", None)


def _apply(state: FederationState, cmd: Any, log: list[Any]) -> FederationState:
    handled = handle(state, cmd, cmd.day)
    if isinstance(handled, Refusal):
        return state
    log.extend((cmd.day, e) for e in handled.events)
    return handled.state


def _seat(person: str, member: str, day: date) -> AppointDelegate:
    return command(
        AppointDelegate,
        actors.council(member),
        day,
        organ="sovnarkom",
        member=member,
        person=person,
        term_from=day,
    )


@functools.cache
def _world() -> FederationState:
    """The 1922 charter with no notice before a vote, the inspection staffed and each
    official seated in the Sovnarkom."""
    example = union_1922()
    procedure = example.procedure.model_copy(update={"notice": []})
    charter = example.model_copy(update={"procedure": procedure})
    log: list[Any] = []
    state = _apply(_apply(FederationState(), adopt(charter), log), found(charter), log)
    for member in MEMBERS_1922:
        for person in inspectors(member):
            state = _apply(
                state,
                command(
                    AppointDelegate,
                    actors.council(member),
                    START,
                    organ="inspection",
                    member=member,
                    person=person,
                    term_from=START,
                ),
                log,
            )
    for person, member in OFFICIALS.items():
        state = _apply(state, _seat(person, member, START), log)
    return state


def _decide(
    state: FederationState, n: int, accused: str, sanction: str | None, day: date, log: list[Any]
) -> FederationState:
    case = f"case-{n}"
    kind = "violence" if sanction == REMOVAL else "abuse-of-office"
    complaint = command(
        FileComplaint,
        actors.person("complainant"),
        day,
        case=case,
        kind=kind,
        accused=[accused],
        summary="s",
    )
    state = _apply(state, complaint, log)
    state = _apply(state, command(DrawCommission, actors.INSPECTION, day, case=case), log)
    commission = state.inspection.cases[case].commission if case in state.inspection.cases else ()
    if len(commission) < 2:
        return state
    chosen = None if sanction in (None, REMOVAL) else sanction
    propose = command(
        ProposeFindings,
        actors.person(commission[0]),
        day,
        case=case,
        findings=f"f-{n}",
        text="t",
        established=sanction is not None,
        sanction=chosen,
    )
    state = _apply(state, propose, log)
    sign = command(SignFindings, actors.person(commission[1]), day, case=case, findings=f"f-{n}")
    return _apply(state, sign, log)


def _vote(
    state: FederationState, n: int, person: str, day: date, log: list[Any]
) -> FederationState:
    member = OFFICIALS[person]
    session, motion = f"s-{n}", f"m-{n}"
    sec = actors.SECRETARIAT
    steps = [
        command(ConveneSession, sec, day, session=session, organ="sovnarkom", held_on=day),
        command(
            DraftMotion,
            sec,
            day,
            motion=motion,
            organ="sovnarkom",
            title="t",
            text="t",
            field="railways",
            kind="decision",
            force="advisory",
        ),
        command(TableMotion, sec, day, motion=motion, session=session),
        command(CastVote, actors.person(person), day, motion=motion, member=member, vote="yes"),
        command(
            DraftMotion,
            actors.person(person),
            day,
            motion=f"own-{n}",
            organ="sovnarkom",
            title="t",
            text="t",
            field="railways",
            kind="decision",
            force="advisory",
        ),
    ]
    for step in steps:
        state = _apply(state, step, log)
    return state


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["decide", "vote", "reseat"]),
        st.sampled_from(sorted(OFFICIALS)),
        st.sampled_from(SANCTIONS),
        st.integers(0, 400),  # days after the step before
    ),
    min_size=1,
    max_size=10,
)


def _lost_on(log: list[Any], person: str, day: date) -> bool:
    """Whether, by the events alone, a sanction took the person's seat on `day` and no
    seating after it gave it back."""
    lost = False
    for _, event in log:
        if isinstance(event, SanctionTookEffect) and event.person == person and event.offices:
            until = event.resumes_on
            if event.effective_on <= day and (until is None or day < until):
                lost = True
        if (
            isinstance(event, DelegateAppointed)
            and event.person == person
            and event.organ == "sovnarkom"
            and lost
            and event.term_from <= day
        ):
            lost = False
    return lost


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEPS)
@example([("vote", "off-b", REMOVAL, 0), ("decide", "off-b", REMOVAL, 0)])
def test_p17_no_sanctioned_person_acts_in_a_lost_capacity(steps: list[Any]) -> None:
    state, log, day = _world(), [], START
    for n, (action, person, sanction, gap) in enumerate(steps):
        day += timedelta(days=gap)
        if action == "decide":
            state = _decide(state, n, person, sanction, day, log)
        elif action == "vote":
            state = _vote(state, n, person, day, log)
        else:
            state = _apply(state, _seat(person, OFFICIALS[person], day), log)
    for position, (on, event) in enumerate(log):
        # What was recorded before the act: a vote cast on the morning of a removal that
        # takes effect that day was cast before any sanction existed to refuse it.
        before = log[:position]
        if isinstance(event, VoteCast):
            assert not _lost_on(before, event.person, on), (event, on)
        if isinstance(event, MotionDrafted) and event.drafted_by.startswith("person:"):
            assert not _lost_on(before, actors.split(event.drafted_by)[1], on), (event, on)
        if isinstance(event, DelegateAppointed):
            for _, s in before:
                if (
                    isinstance(s, SanctionTookEffect)
                    and s.person == event.person
                    and s.bar_until is not None
                ):
                    assert not (s.effective_on <= event.term_from < s.bar_until), (event, s)
