"""The 1922 union with a budget: the 1923 budget proposed under a motion, circulated with the
charter's notice, voted by the budget rule and adopted; for the budget's tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from builders import (
    MEMBERS_1922,
    apply,
    command,
    delegate_id,
    example_1922,
    found,
    founded_1922,
    seat_delegations,
    union_1922,
)
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FederationState,
    TableMotion,
    actors,
)
from isonomia.domain.budget import AdoptBudget, CallContributions, ProposeBudget
from isonomia.domain.procedure import CirculateDraft
from isonomia.service import Federation, Keyring, at_day

COUNCIL = "union-council"
YEAR = 1923
MOTION = "budget-1923"
DRAFTED = date(1923, 8, 6)  # a Monday
VOTED = date(1923, 9, 10)  # a Monday, after the budget's 30 days' notice
CALLED, DUE = date(1923, 10, 1), date(1923, 12, 31)
LINES = {
    "administration": Decimal("1200000.00"),
    "diplomacy": Decimal("800000.00"),
    "equalisation": Decimal("150000.00"),
}
SECRETARIAT = S = actors.SECRETARIAT


def do(
    state: FederationState, cls: type, day: date, actor: str = SECRETARIAT, **fields: Any
) -> FederationState:
    return apply(state, command(cls, actor, day, **fields))


def drafted() -> FederationState:
    """The union founded, delegations seated, the budget's motion drafted."""
    state = seat_delegations(founded_1922(), COUNCIL, date(1923, 1, 8))
    return do(
        state,
        DraftMotion,
        DRAFTED,
        motion=MOTION,
        organ=COUNCIL,
        title="The budget of 1923",
        text="The union's budget for the fiscal year 1923/24.",
        field="finance",
        kind="decision",
        force="mandatory",
    )


def proposed() -> FederationState:
    state = do(drafted(), ProposeBudget, DRAFTED, year=YEAR, motion=MOTION, lines=dict(LINES))
    return do(state, CirculateDraft, DRAFTED, motion=MOTION)


def voted(
    state: FederationState, day: date = VOTED, session: str = "uc-1923-09-10"
) -> FederationState:
    state = do(state, ConveneSession, day, session=session, organ=COUNCIL, held_on=day)
    state = do(state, TableMotion, day, motion=MOTION, session=session)
    for member in MEMBERS_1922:
        state = do(
            state,
            CastVote,
            day,
            actor=actors.person(delegate_id(member, COUNCIL)),
            motion=MOTION,
            member=member,
            vote="yes",
        )
    return do(state, CountVotes, day, motion=MOTION)


def adopted() -> FederationState:
    return do(voted(proposed()), AdoptBudget, VOTED + timedelta(days=1), year=YEAR)


def called() -> FederationState:
    return do(adopted(), CallContributions, CALLED, year=YEAR, due_on=DUE)


def budget_union(url: str, keyring: Keyring, call: bool = True) -> Federation:
    federation = Federation(url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    seated = date(1923, 1, 8)
    for member in MEMBERS_1922:
        federation.execute(
            command(
                AppointDelegate,
                actors.council(member),
                seated,
                organ=COUNCIL,
                member=member,
                person=delegate_id(member, COUNCIL),
                term_from=seated,
            )
        )
    draft = {
        "title": "Budget 1923",
        "text": "The budget.",
        "field": "finance",
        "kind": "decision",
        "force": "mandatory",
    }
    steps: list[Any] = [
        command(DraftMotion, S, DRAFTED, motion=MOTION, organ=COUNCIL, **draft),
        command(ProposeBudget, S, DRAFTED, year=YEAR, motion=MOTION, lines=dict(LINES)),
        command(CirculateDraft, S, DRAFTED, motion=MOTION),
        command(ConveneSession, S, VOTED, session="uc-9", organ=COUNCIL, held_on=VOTED),
        command(TableMotion, S, VOTED, motion=MOTION, session="uc-9"),
        *(
            command(
                CastVote,
                actors.person(delegate_id(m, COUNCIL)),
                VOTED,
                motion=MOTION,
                member=m,
                vote="yes",
            )
            for m in MEMBERS_1922
        ),
        command(CountVotes, S, VOTED, motion=MOTION),
        command(AdoptBudget, S, VOTED, year=YEAR),
    ]
    if call:
        steps.append(command(CallContributions, S, CALLED, year=YEAR, due_on=DUE))
    for step in steps:
        federation.execute(step)
    return federation
