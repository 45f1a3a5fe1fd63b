"""A state machine over whole histories of every area, shared by the pure and service tests.

Each step is a command of some area (foundings are the start; then accessions, secessions,
rejoins, withdrawals, the calendar, delegations, and the organs-and-acts actions of
`acts_strategies.Interpreter`: sessions, motions, votes, appeals, directives, departments,
amendments). After every step the invariants hold: the past never changes, nothing binds a
non-member, and no binding act is adopted under a rule that breaks the safeguards that day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import event, target
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from acts_strategies import ACTIONS, Interpreter, next_monday
from builders import at, candidate, cid, delegate_id
from isonomia.domain import (
    ActKind,
    ActPublished,
    AppealRuled,
    AppointDelegate,
    CastVote,
    Command,
    ConveneSession,
    CountVotes,
    DecideAccession,
    DecideSecession,
    Event,
    FederationState,
    MemberAdmitted,
    MotionAdopted,
    ProposeAdmission,
    SecessionTookEffect,
    SecessionWithdrawn,
    Settle,
    TableMotion,
    VoteCast,
    WithdrawSecession,
    actors,
)
from isonomia.rules.power import Voter, rule_power
from isonomia.rules.presidency import presiding_on

START = date(1923, 1, 1)
#: What a day looks like to a reader: who presides, who is a member, which acts are in force.
Answer = tuple[str | None, tuple[str, ...], tuple[str, ...]]


def answer(state: FederationState, day: date) -> Answer:
    tenure = presiding_on(state, day)
    return (
        tenure.member if tenure else None,
        tuple(m.id for m in state.members_on(day)),
        tuple(sorted(a for a in state.acts if state.in_force(a, day))),
    )


class Histories(RuleBasedStateMachine):
    """Subclasses give `run` (a command → recorded?) and `state` (the state now)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict[date, Answer] = {}
        self.fresh = 0
        self.acts = Interpreter(self.state, self.record, START)

    # -- what subclasses give --------------------------------------------------------------

    def run(self, command: Command) -> list[Event] | None:
        raise NotImplementedError

    def state(self) -> FederationState:
        raise NotImplementedError

    def answer(self, state: FederationState, day: date) -> tuple[object, ...]:
        """What a reader is told about a day; subclasses add what their interface shows."""
        return answer(state, day)

    # -- recording, and the checks each recorded event must pass -------------------------

    @property
    def day(self) -> date:
        through = self.state().recorded_through or START
        return max(self.acts.day, through)

    def record(self, command: Command) -> bool:
        before = self.state()
        events = self.run(command)
        if events is None:
            return False
        for e in events:
            self._check(before, e, command.day)
        return True

    def _check(self, before: FederationState, e: Event, day: date) -> None:
        after = self.state()
        if isinstance(e, SecessionTookEffect):
            event("a secession took effect")
        if isinstance(e, MemberAdmitted) and after.members[e.member].earlier:
            event("a member that left rejoined")
        if isinstance(e, AppealRuled):
            event(f"an appeal was ruled: {e.ruling}")
        if isinstance(e, SecessionWithdrawn):
            event("a secession was withdrawn")
        if isinstance(e, VoteCast):  # P3: only members vote
            assert after.is_member(e.member, day), e
        if isinstance(e, ActPublished):  # P3: a union act binds no non-member
            for member in e.addressees:
                assert after.is_member(member, e.published_on), (member, e)
        if isinstance(e, MotionAdopted):
            self._check_sound(after, e)

    def _check_sound(self, state: FederationState, e: MotionAdopted) -> None:
        """P12: no binding act adopted under a rule that breaks the safeguards that day."""
        act = state.acts[e.motion]
        charter = state.charter
        assert charter is not None
        members = state.members_on(e.counted_on)
        unanimous = all(e.votes.get(m.id) == "yes" for m in members)
        if (act.kind is ActKind.CHARTER_AMENDMENT and unanimous) or not act.binds():
            return
        rule = charter.rule(e.decision_rule)
        assert rule is not None
        voters = [Voter(m.id, m.population) for m in members]
        assert rule_power(charter, rule, voters).breaches == [], e
        event("a binding act was adopted")

    def _cmd(self, cls: type[Command], actor: str, **fields: Any) -> bool:
        day = self.day
        self.acts.day = day
        return self.record(cls(command_id=cid(), actor=actor, at=at(day), **fields))

    # -- the rules: one command (or a few) of some area per step --------------------------

    @rule(action=st.sampled_from(ACTIONS), seed=st.integers(0, 10**6))
    def organs_and_acts(self, action: str, seed: int) -> None:
        self.acts.day = self.day
        getattr(self.acts, "_" + action)(seed)

    @rule(days=st.integers(1, 120))
    def time_passes(self, days: int) -> None:
        self.acts.day = self.day + timedelta(days=days)
        self._cmd(Settle, actors.SECRETARIAT)

    @rule(seed=st.integers(0, 10**6))
    def secession(self, seed: int) -> None:
        state = self.state()
        staying = [m.id for m in state.members_on(self.day) if m.leaves_on is None]
        if len(staying) > 2:
            member = staying[seed % len(staying)]
            self._cmd(DecideSecession, actors.congress(member), member=member, decided_on=self.day)

    @rule(seed=st.integers(0, 10**6))
    def withdrawal(self, seed: int) -> None:
        seceding = [m.id for m in self.state().members_on(self.day) if m.leaves_on is not None]
        if seceding:
            member = seceding[seed % len(seceding)]
            self._cmd(WithdrawSecession, actors.congress(member), member=member)

    @rule(rejoin=st.booleans(), seed=st.integers(0, 10**6))
    def accession(self, rejoin: bool, seed: int) -> None:
        state = self.state()
        gone = sorted(m for m, r in state.members.items() if not r.is_member(self.day))
        if rejoin and gone:
            member = gone[seed % len(gone)]
        else:
            self.fresh += 1
            member = f"new-{self.fresh}"
        fields = {"candidate": candidate(member), "decided_on": self.day}
        fields["accepts_fields"] = ["military", "diplomacy", "railways"]
        if not self._cmd(DecideAccession, actors.congress(member), **fields):
            return
        if self.admission(member):
            self.delegation(member)

    def admission(self, member: str) -> bool:
        """The union council's motion to admit `member`, tabled at its next session and
        voted there by every delegation present; whether its count admitted it (P2, P4)."""
        session, motion = self.acts._id("s"), self.acts._id("admission")
        held = next_monday(self.day)
        self._cmd(
            ConveneSession,
            actors.SECRETARIAT,
            session=session,
            organ="union-council",
            held_on=held,
        )
        self._cmd(ProposeAdmission, actors.SECRETARIAT, motion=motion, candidate=member)
        self._cmd(TableMotion, actors.SECRETARIAT, motion=motion, session=session)
        self.acts.day = held
        for voter in self.state().present("union-council", held):
            delegate = actors.person(delegate_id(voter, "union-council"))
            self._cmd(CastVote, delegate, motion=motion, member=voter, vote="yes")
        self._cmd(CountVotes, actors.SECRETARIAT, motion=motion)
        return self.state().is_member(member, self.day)

    def delegation(self, member: str) -> None:
        for organ in ("union-council", "sto", "sovnarkom", "joint-conference"):
            self._cmd(
                AppointDelegate,
                actors.council(member),
                organ=organ,
                member=member,
                person=delegate_id(member, organ),
                term_from=self.day,
            )

    # -- the invariants -----------------------------------------------------------------

    @invariant()
    def the_past_never_changes(self) -> None:
        state = self.state()
        through = state.recorded_through
        if through is None:
            return
        for day in _sample_days(through):
            now = self.answer(state, day)
            first = self.answers.setdefault(day, now)
            assert first == now, (day, first, now)

    def teardown(self) -> None:
        state = self.state()
        target(float(len(state.seats)), label="seats in the rotation")
        target(float(sum(len(r.earlier) for r in state.members.values())), label="rejoins")
        target(float(len(state.appeals)), label="appeals")


def _sample_days(through: date) -> list[date]:
    """Days strictly before the day the record has reached: those answers are settled."""
    days, day = [], START
    while day < through:
        days.append(day)
        day += timedelta(days=17)
    return days


def seat_founders(runner: Callable[[Command], Any], members: tuple[str, ...]) -> None:
    for organ in ("union-council", "sto", "sovnarkom", "joint-conference"):
        for member in members:
            runner(
                AppointDelegate(
                    command_id=cid(),
                    actor=actors.council(member),
                    at=at(START),
                    organ=organ,
                    member=member,
                    person=delegate_id(member, organ),
                    term_from=START,
                )
            )
