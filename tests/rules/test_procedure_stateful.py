"""Procedure over whole histories (P4, P5, P12), on the 1922 example as shipped (14 days of
notice, 3 by its urgent procedure; every republic's veto on the national question; the
presiding republic's delegate signing the council's procedure): whatever commands come, in
whatever order and from whichever signer, no binding act is adopted before its notice has
run, none against a concerned member's veto, and every convening, tabling or count the rules
accept in the union council was signed by the delegate presiding that day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from builders import MEMBERS_1922, adopt, apply, command, delegate_id, found, seat_delegations
from isonomia.charter import load_charter
from isonomia.domain import (
    CastVote,
    Command,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FederationState,
    Stage,
    TableMotion,
    actors,
)
from isonomia.domain.procedure import CirculateDraft, book
from isonomia.domain.refusal import Refusal
from isonomia.rules import handle
from isonomia.rules.presiding import presiding_delegate
from isonomia.service import example_charter

COUNCIL = "union-council"
START = date(1923, 1, 8)
#: Who signs a procedural act: "chair" is the delegate presiding that day; the others may not.
SIGNERS = [
    "chair",
    "chair",
    actors.SECRETARIAT,
    actors.organ("presidium"),
    actors.organ(COUNCIL),
    *(actors.person(delegate_id(m, COUNCIL)) for m in MEMBERS_1922),
]
#: Mostly the chair, so that many motions get through; sometimes anyone else.
CARRY_SIGNERS = ["chair"] * 20 + SIGNERS[2:]
#: Fields of the motions drafted: joint ones, and the national question's.
FIELDS = ["railways", "finance", "education", "language"]
PROCEDURAL = (ConveneSession, TableMotion, CountVotes)


def _shipped() -> FederationState:
    charter = load_charter(example_charter("union-1922"))
    assert charter.procedure.notice and charter.presidency.presides == "delegate"
    state = apply(apply(FederationState(), adopt(charter)), found(charter))
    return seat_delegations(state, COUNCIL, date(1923, 1, 1))


class Procedure(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.state = _shipped()
        self.day = START
        self.motions: list[str] = []
        self.sessions: dict[str, date] = {}

    def _signer(self, signer: str) -> str:
        if signer != "chair":
            return signer
        _, chair = presiding_delegate(self.state, COUNCIL, self.day)
        return chair or actors.SECRETARIAT

    def _try(self, cmd: Command) -> bool:
        before = self.state
        handled = handle(before, cmd, cmd.day)
        if isinstance(handled, Refusal):
            return False
        if isinstance(cmd, PROCEDURAL) and not cmd.actor.startswith("council:"):
            organ = self._organ(before, cmd)
            if organ == COUNCIL:
                _, chair = presiding_delegate(before, COUNCIL, cmd.day)
                assert cmd.actor == chair, (type(cmd).__name__, cmd.actor, chair, cmd.day)
        self.state = handled.state
        return True

    @staticmethod
    def _organ(state: FederationState, cmd: Command) -> str | None:
        if isinstance(cmd, ConveneSession):
            return cmd.organ
        act = state.acts.get(getattr(cmd, "motion", ""))
        return act.organ if act is not None else None

    @precondition(lambda self: len(self.motions) < 3)
    @rule(field=st.sampled_from(FIELDS), binding=st.booleans())
    def draft(self, field: str, binding: bool) -> None:
        motion = f"m{len(self.motions) + 1}"
        drafted = self._try(
            command(
                DraftMotion,
                actors.SECRETARIAT,
                self.day,
                motion=motion,
                organ=COUNCIL,
                title="A motion",
                text="Its text.",
                field=field,
                kind="decision" if binding else "resolution",
                force="mandatory" if binding else "advisory",
            )
        )
        if drafted:
            self.motions.append(motion)

    @precondition(lambda self: self.motions)
    @rule(data=st.data(), urgent=st.booleans())
    def circulate(self, data: st.DataObject, urgent: bool) -> None:
        motion = data.draw(st.sampled_from(self.motions))
        fields: dict[str, Any] = {"urgent": urgent}
        if urgent:
            fields["justification"] = "the matter cannot wait"
        self._try(command(CirculateDraft, actors.SECRETARIAT, self.day, motion=motion, **fields))

    @rule(signer=st.sampled_from(SIGNERS), weeks=st.integers(0, 4))
    def convene(self, signer: str, weeks: int) -> None:
        """A session on a Monday (the council's weekday), up to four weeks ahead."""
        session = f"s{len(self.sessions) + 1}"
        held_on = self.day + timedelta(days=(-self.day.weekday()) % 7 + 7 * weeks)
        convene = command(
            ConveneSession,
            self._signer(signer),
            self.day,
            session=session,
            organ=COUNCIL,
            held_on=held_on,
        )
        if self._try(convene):
            self.sessions[session] = held_on

    @precondition(lambda self: any(d > self.day for d in self.sessions.values()))
    @rule(data=st.data())
    def go_to_a_session(self, data: st.DataObject) -> None:
        ahead = sorted(d for d in self.sessions.values() if d > self.day)
        self.day = data.draw(st.sampled_from(ahead))

    @precondition(lambda self: self.motions and any(d >= self.day for d in self.sessions.values()))
    @rule(data=st.data(), signer=st.sampled_from(SIGNERS))
    def table(self, data: st.DataObject, signer: str) -> None:
        motion = data.draw(st.sampled_from(self.motions))
        ahead = sorted(s for s, d in self.sessions.items() if d >= self.day)
        session = data.draw(st.sampled_from(ahead))
        self._try(
            command(TableMotion, self._signer(signer), self.day, motion=motion, session=session)
        )

    @precondition(lambda self: self.motions)
    @rule(data=st.data(), noes=st.sets(st.sampled_from(MEMBERS_1922), max_size=2))
    def vote(self, data: st.DataObject, noes: set[str]) -> None:
        """Every delegation votes on a motion, yes but for `noes`."""
        motion = data.draw(st.sampled_from(self.motions))
        for member in MEMBERS_1922:
            person = actors.person(delegate_id(member, COUNCIL))
            vote = "no" if member in noes else "yes"
            self._try(command(CastVote, person, self.day, motion=motion, member=member, vote=vote))

    @precondition(lambda self: self.motions)
    @rule(data=st.data(), signer=st.sampled_from(SIGNERS))
    def count(self, data: st.DataObject, signer: str) -> None:
        motion = data.draw(st.sampled_from(self.motions))
        self._try(command(CountVotes, self._signer(signer), self.day, motion=motion))

    @rule(
        field=st.sampled_from(FIELDS),
        binding=st.booleans(),
        circulated=st.sampled_from(["no", "yes", "urgent"]),
        wait=st.integers(0, 20),
        signers=st.lists(st.sampled_from(CARRY_SIGNERS), min_size=3, max_size=3),
        noes=st.sets(st.sampled_from(MEMBERS_1922), max_size=2),
    )
    def carry_a_motion(
        self,
        field: str,
        binding: bool,
        circulated: str,
        wait: int,
        signers: list[str],
        noes: set[str],
    ) -> None:
        """A motion drafted, perhaps circulated (urgently), and after some days convened,
        tabled, voted and counted, each procedural act by the chair or by someone else."""
        motion = f"c{len(self.motions) + 1}"
        kind, force = ("decision", "mandatory") if binding else ("resolution", "advisory")
        drafted = command(
            DraftMotion,
            actors.SECRETARIAT,
            self.day,
            motion=motion,
            organ=COUNCIL,
            title="A motion",
            text="Its text.",
            field=field,
            kind=kind,
            force=force,
        )
        if not self._try(drafted):
            return
        self.motions.append(motion)
        if circulated != "no":
            urgent = {"urgent": True, "justification": "it cannot wait"}
            extra = urgent if circulated == "urgent" else {}
            self._try(command(CirculateDraft, actors.SECRETARIAT, self.day, motion=motion, **extra))
        self.day += timedelta(days=wait)
        held_on = self.day + timedelta(days=(-self.day.weekday()) % 7)
        session = f"s{len(self.sessions) + 1}"
        convene, table, count = (self._signer(s) for s in signers)
        self._try(
            command(
                ConveneSession, convene, self.day, session=session, organ=COUNCIL, held_on=held_on
            )
        )
        self.sessions[session] = held_on
        self.day = held_on
        self._try(command(TableMotion, table, self.day, motion=motion, session=session))
        for member in MEMBERS_1922:
            person = actors.person(delegate_id(member, COUNCIL))
            vote = "no" if member in noes else "yes"
            self._try(command(CastVote, person, self.day, motion=motion, member=member, vote=vote))
        self._try(command(CountVotes, count, self.day, motion=motion))

    @rule(days=st.integers(1, 10))
    def wait(self, days: int) -> None:
        self.day += timedelta(days=days)

    @invariant()
    def no_binding_act_without_notice_or_against_a_veto(self) -> None:
        circulations = book(self.state).circulations
        national = self.state.charter.procedure if self.state.charter else None
        for act in self.state.acts.values():
            if act.stage is not Stage.ADOPTED or act.adopted_on is None:
                continue
            if act.binds():
                circulation = circulations.get(act.id)
                assert circulation is not None, f"{act.id} adopted without circulation"
                assert act.adopted_on >= circulation.notice_ends_on, act.id
            question = national.national_question(act.field, act.kind.value) if national else None
            if question is not None and question.protection == "veto":
                noes = [m for m, b in act.votes.get("", {}).items() if b.vote == "no"]
                assert not noes, f"{act.id} adopted against the veto of {noes}"


test_p4_p5_p12_procedure_over_whole_histories = Procedure.TestCase
test_p4_p5_p12_procedure_over_whole_histories.settings = settings(
    max_examples=60,
    stateful_step_count=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
