"""Hypothesis strategies for random command sequences over organs and acts (P4, P6–P11).

A sequence is a list of (action, seed) pairs. `Interpreter` turns each pair into a command
that makes sense in the current state (ids of existing motions, sessions, appeals…),
runs it through a `runner` (the pure rules, or a `Federation` on a database) and ignores
refusals: refusals are part of any real history and write nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from builders import MEMBERS_1922, at, cid, delegate_id
from isonomia.domain import (
    ActKind,
    AppealFiled,
    AppointRepresentative,
    AssignStaff,
    BindResolution,
    CastVote,
    Command,
    ConsentToDepartment,
    ConveneSession,
    CountVotes,
    DraftMotion,
    Event,
    FederationState,
    FileAppeal,
    Force,
    GiveInstructions,
    ProposeDepartment,
    PublishAct,
    ReportCompliance,
    RequestInstructions,
    Ruling,
    Stage,
    TableMotion,
    actors,
    evolve,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules import handle
from isonomia.rules.competences import binding_in_reserved

START = date(1923, 1, 1)

ORGANS = ("union-council", "sto", "sovnarkom", "joint-conference")
FIELDS = ("railways", "finance", "military", "culture", "education", "justice", "diplomacy")
KINDS = ("decision", "directive", "resolution")
FORCES = ("advisory", "mandatory", "conditional")
GROUNDS = ("harms trade", "exceeds the field", "no consultation")
ACTIONS = (
    "session",
    "draft",
    "table",
    "vote",
    "count",
    "publish",
    "enact",
    "enact",
    "enact",
    "appeal",
    "appeal",
    "ruling",
    "ruling",
    "bind",
    "request",
    "instruct",
    "comply",
    "urgent",
    "department",
    "consent",
    "staff",
    "staff",
    "narrow",
)

actions = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(min_value=0, max_value=10**6)),
    min_size=5,
    max_size=60,
)


def next_monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


class Interpreter:
    """Turns (action, seed) pairs into commands against the current state."""

    def __init__(
        self,
        state: Callable[[], FederationState],
        runner: Callable[[Command], bool],
        start: date,
        prefix: str = "",
    ) -> None:
        self.state, self.runner, self.day, self.prefix = state, runner, start, prefix
        self.n = 0

    def _id(self, kind: str) -> str:
        self.n += 1
        return f"{self.prefix}{kind}-{self.n}"

    def _cmd(self, cls: type[Command], actor: str, day: date, **fields: Any) -> bool:
        return self.runner(cls(command_id=cid(), actor=actor, at=at(day), **fields))

    def play(self, steps: list[tuple[str, int]]) -> None:
        for action, seed in steps:
            self.day += timedelta(days=seed % 3)
            getattr(self, "_" + action)(seed)

    # -- the actions ----------------------------------------------------------------------

    def _pick(self, items: list[Any], seed: int) -> Any:
        return items[seed % len(items)] if items else None

    def _session(self, seed: int) -> None:
        organ = ORGANS[seed % len(ORGANS)]
        held = next_monday(self.day) if organ == "union-council" else self.day
        self._cmd(
            ConveneSession,
            actors.SECRETARIAT,
            self.day,
            session=self._id("s"),
            organ=organ,
            held_on=held,
        )

    def _draft(self, seed: int) -> None:
        organ = ORGANS[seed % len(ORGANS)]
        kind = KINDS[(seed // 7) % len(KINDS)]
        self._cmd(
            DraftMotion,
            actors.SECRETARIAT,
            self.day,
            motion=self._id("m"),
            organ=organ,
            title="t",
            text="x",
            field=FIELDS[(seed // 3) % len(FIELDS)],
            kind=kind,
            force=FORCES[(seed // 11) % len(FORCES)],
        )

    def _mine(self, stage: Stage) -> list[Any]:
        return sorted(
            (
                a
                for a in self.state().acts.values()
                if a.stage is stage and a.id.startswith(self.prefix)
            ),
            key=lambda a: (len(a.id), a.id),
        )

    def _table(self, seed: int) -> None:
        act = self._pick(self._mine(Stage.DRAFTED), seed)
        if act is None:
            return
        state = self.state()
        sessions = sorted(
            (
                s
                for s in state.sessions.values()
                if s.organ == act.organ and s.held_on >= self.day and s.id.startswith(self.prefix)
            ),
            key=lambda s: s.held_on,
        )
        if not sessions:
            held = next_monday(self.day) if act.organ == "union-council" else self.day
            session = self._id("s")
            self._cmd(
                ConveneSession,
                actors.SECRETARIAT,
                self.day,
                session=session,
                organ=act.organ,
                held_on=held,
            )
        else:
            session = sessions[0].id
        self._cmd(TableMotion, actors.SECRETARIAT, self.day, motion=act.id, session=session)

    def _vote(self, seed: int) -> None:
        act = self._pick(self._mine(Stage.TABLED), seed)
        if act is None:
            return
        state = self.state()
        held = state.sessions[act.session].held_on
        # Every delegation present votes (founders and members admitted since alike).
        for i, member in enumerate(state.present(act.organ, held)):
            vote = "no" if (seed >> i) % 5 == 0 else "yes"
            self._cmd(
                CastVote,
                actors.person(delegate_id(member, act.organ)),
                held,
                motion=act.id,
                member=member,
                vote=vote,
            )

    def _count(self, seed: int) -> None:
        act = self._pick(self._mine(Stage.TABLED), seed)
        if act is not None:
            held = self.state().sessions[act.session].held_on
            self._cmd(CountVotes, actors.SECRETARIAT, held, motion=act.id)

    def _publish(self, seed: int) -> None:
        act = self._pick(self._mine(Stage.ADOPTED), seed)
        if act is not None:
            self.day = max(self.day, act.adopted_on)
            self._cmd(PublishAct, actors.SECRETARIAT, self.day, act=act.id)

    def _enact(self, seed: int) -> None:
        """Draft, table, vote, count and publish one act of an executive (or other) organ."""
        organ = ("sto", "sovnarkom", "sto", "union-council", "joint-conference")[seed % 5]
        self._draft_in(organ, seed)
        self._carry(publish=True)

    def _carry(self, publish: bool) -> None:
        """Table, vote on and count the newest motion (and publish it if adopted)."""
        for step in (self._table, self._vote, self._count):
            step(-1)  # -1 picks the newest
        if publish:
            self._publish(-1)

    def _draft_in(self, organ: str, seed: int) -> None:
        kind = "resolution" if organ == "joint-conference" else KINDS[(seed // 7) % 2]
        force = "advisory" if organ == "joint-conference" else FORCES[(seed // 11) % 3]
        self._cmd(
            DraftMotion,
            actors.SECRETARIAT,
            self.day,
            motion=self._id("m"),
            organ=organ,
            title="t",
            text="x",
            field=FIELDS[(seed // 3) % len(FIELDS)],
            kind=kind,
            force=force,
        )

    def _appeal(self, seed: int) -> None:
        executive = [a for a in self._mine(Stage.PUBLISHED) if a.organ_kind == "executive"]
        act = self._pick(executive or self._mine(Stage.PUBLISHED), seed)
        if act is not None:
            member = MEMBERS_1922[seed % len(MEMBERS_1922)]
            self._cmd(
                FileAppeal,
                actors.council(member),
                self.day,
                appeal=self._id("a"),
                act=act.id,
                member=member,
                ground=GROUNDS[seed % 3],
            )

    def _ruling(self, seed: int) -> None:
        state = self.state()
        pending = sorted(
            a.id
            for a in state.appeals.values()
            if a.ruling is None and a.id.startswith(self.prefix)
        )
        appeal = self._pick(pending, seed)
        if appeal is None:
            return
        act = state.acts[state.appeals[appeal].act]
        outcome = ("uphold", "amend", "annul")[seed % 3]
        self._cmd(
            DraftMotion,
            actors.SECRETARIAT,
            self.day,
            motion=self._id("m"),
            organ="union-council",
            title="ruling",
            text="ruled",
            field=act.field,
            kind="decision",
            force=act.force.value,
            ruling=Ruling(on="appeal", ref=appeal, outcome=outcome),
        )
        self._carry(publish=seed % 2 == 0)

    def _bind(self, seed: int) -> None:
        act = self._pick(self._mine(Stage.PUBLISHED), seed)
        if act is not None:
            self._cmd(
                BindResolution,
                actors.organ("union-council"),
                self.day,
                act=act.id,
                force="mandatory",
            )

    def _directive(self, seed: int) -> tuple[str, str] | None:
        keys = sorted(k for k in self.state().compliance if k[0].startswith(self.prefix))
        return self._pick(keys, seed)

    def _request(self, seed: int) -> None:
        key = self._directive(seed)
        if key:
            self._cmd(
                RequestInstructions,
                actors.council(key[1]),
                self.day,
                directive=key[0],
                member=key[1],
                question="?",
            )

    def _instruct(self, seed: int) -> None:
        key = self._directive(seed)
        if key:
            organ = self.state().acts[key[0]].organ
            self._cmd(
                GiveInstructions,
                actors.organ(organ),
                self.day,
                directive=key[0],
                member=key[1],
                instructions="go",
            )

    def _comply(self, seed: int) -> None:
        key = self._directive(seed)
        if key:
            self._cmd(
                ReportCompliance, actors.council(key[1]), self.day, directive=key[0], member=key[1]
            )

    def _urgent(self, seed: int) -> None:
        key = self._directive(seed)
        if key:
            self._cmd(
                ReportCompliance,
                actors.council(key[1]),
                self.day,
                directive=key[0],
                member=key[1],
                urgent=True,
                justification="" if seed % 4 == 0 else "urgent",
            )

    def _department(self, seed: int) -> None:
        self._cmd(
            ProposeDepartment,
            actors.SECRETARIAT,
            self.day,
            department=self._id("d"),
            name="dept",
            field=FIELDS[seed % len(FIELDS)],
        )

    def _departments(self) -> list[str]:
        return sorted(d for d in self.state().departments if d.startswith(self.prefix))

    def _consent(self, seed: int) -> None:
        department = self._pick(self._departments(), seed)
        if department:
            for i, member in enumerate(MEMBERS_1922):
                if (seed >> i) % 7:
                    self._cmd(
                        ConsentToDepartment,
                        actors.council(member),
                        self.day,
                        department=department,
                        member=member,
                    )

    def _staff(self, seed: int) -> None:
        """A representative and staff in some members (in all, one time in three)."""
        department = self._pick(self._departments(), seed)
        if department:
            for i, member in enumerate(MEMBERS_1922):
                if seed % 3 == 0 or (seed >> i) % 2:
                    for cls in (AppointRepresentative, AssignStaff):
                        self._cmd(
                            cls,
                            actors.SECRETARIAT,
                            self.day,
                            department=department,
                            member=member,
                            person=self._id("p"),
                        )

    def _narrow(self, seed: int) -> None:
        """A charter amendment returning one joint field to the members, voted at once."""
        if seed % 3:
            return
        field = ("railways", "finance", "posts-and-telegraphs")[seed % 3]
        held = next_monday(self.day)
        session, motion = self._id("s"), self._id("m")
        self._cmd(
            ConveneSession,
            actors.SECRETARIAT,
            self.day,
            session=session,
            organ="union-council",
            held_on=held,
        )
        self._cmd(
            DraftMotion,
            actors.SECRETARIAT,
            self.day,
            motion=motion,
            organ="union-council",
            title="narrow",
            text="x",
            field="charter",
            kind=ActKind.CHARTER_AMENDMENT.value,
            force="mandatory",
            competence_changes={field: "reserved"},
        )
        self._cmd(TableMotion, actors.SECRETARIAT, self.day, motion=motion, session=session)
        for member in self.state().present("union-council", held):
            self._cmd(
                CastVote,
                actors.person(delegate_id(member, "union-council")),
                held,
                motion=motion,
                member=member,
                vote="yes",
            )
        self._cmd(CountVotes, actors.SECRETARIAT, held, motion=motion)
        self.day = held


# -- the invariants of issue 3 --------------------------------------------------------------


def check_invariants(
    events: Iterable[Event], state: FederationState | None = None
) -> FederationState:
    """Fold `events`, checking at each step every invariant of issue 3; returns the state."""
    current = state or FederationState()
    for event in events:
        before, current = current, evolve(current, event)
        if isinstance(event, AppealFiled) and not event.suspensive:
            # P6: an appeal never changes whether an act is in force until it is ruled.
            for days in (0, 1, 10, 100):
                day = event.filed_on + timedelta(days=days)
                assert before.in_force(event.act, day) == current.in_force(event.act, day)
    assert_state_invariants(current)
    return current


def sample_days(state: FederationState) -> list[date]:
    days = {START}
    for act in state.acts.values():
        days |= {d for d in (act.in_force_on, act.lapsed_on, act.annulled_on) if d is not None}
    return sorted(days)


def assert_state_invariants(state: FederationState) -> None:
    for act in state.acts.values():
        if act.organ_kind == "conference":  # P9: no conference resolution ever binds
            assert act.force is Force.ADVISORY, act
    for day in sample_days(state):
        assert binding_in_reserved(state, day) == [], day  # P11
        members = [m.id for m in state.members_on(day)]
        for department in state.departments.values():  # P7
            if department.operational(members):
                for member in members:
                    if member in department.participants:
                        assert department.representatives.get(member)
                        assert department.staff.get(member)


class Pure:
    """Runs commands through the pure rules as the service does, keeping every event."""

    def __init__(self, state: FederationState) -> None:
        self.state = state
        self.events: list[Event] = []

    def run(self, command: Command) -> bool:
        handled = handle(self.state, command, command.day)
        if isinstance(handled, Refusal):
            return False
        self.events.extend(handled.events)
        self.state = handled.state
        return True
