"""Small builders for commands and states, shared by the rules, service and CLI tests."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, date, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

from isonomia.charter import Charter, load_charter
from isonomia.domain import (
    AdoptCharter,
    AppointDelegate,
    Candidate,
    CastVote,
    Command,
    ConveneSession,
    CountVotes,
    DecideAccession,
    DecideSecession,
    Event,
    FederationState,
    FoundingDecision,
    FoundUnion,
    ProposeAdmission,
    TableMotion,
    actors,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules import handle
from isonomia.service import Federation, example_charter, founding_decisions

FOUNDED = date(1922, 12, 30)
_ids = count(1)


def example_1922() -> Path:
    """The 1922 example without its minimum notice (`[[procedure.notice]]`), with the
    secretariat signing the council's procedure (`presides = "secretariat"`) and without the
    window to commit to a case's draw (`draw_commit_days = 0`: the commission is drawn at once
    from the record's digest), for the tests of other areas, which draft and vote a motion on
    one day, convene as the secretariat and draw a commission on the day a case opens; the
    tests of procedure, of the presidency and of the draw's window, the demo and its story
    use the example as shipped."""
    global _example_1922
    if _example_1922 is None:
        text = example_charter("union-1922").read_text(encoding="utf-8")
        text = re.sub(r"\[\[procedure\.notice\]\]\n(?:[a-z_]+ = .*\n)+", "", text)
        text = text.replace('presides = "delegate"', 'presides = "secretariat"')
        text = re.sub(r"(?m)^draw_commit_days = \d+$", "draw_commit_days = 0", text)
        folder = Path(tempfile.mkdtemp(prefix="isonomia-tests-"))
        _example_1922 = folder / "union-1922.toml"
        _example_1922.write_text(text, encoding="utf-8")
    return _example_1922


_example_1922: Path | None = None


def union_1922() -> Charter:
    """The 1922 example as the tests of other areas use it: without its minimum notice."""
    return load_charter(example_1922())


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def cid() -> str:
    return f"cmd-{next(_ids)}"


def adopt(charter: Charter, day: date = FOUNDED) -> AdoptCharter:
    return AdoptCharter(
        command_id=cid(),
        actor=actors.SECRETARIAT,
        at=at(day),
        charter=charter.model_dump(mode="json"),
    )


def found(
    charter: Charter,
    day: date = FOUNDED,
    skip: tuple[str, ...] = (),
    signed_in: Federation | None = None,
) -> FoundUnion:
    """The founding act; with `signed_in`, each decision is signed by its congress's key
    from that federation's keyring, as the service requires."""
    members = [m.id for m in charter.members if m.id not in skip]
    if signed_in is not None and signed_in.signer is not None:
        decisions = founding_decisions(signed_in, signed_in.signer, [(m, day) for m in members])
    else:
        decisions = [FoundingDecision(member=m, decided_on=day) for m in members]
    return FoundUnion(
        command_id=cid(),
        actor=actors.SECRETARIAT,
        at=at(day),
        founded_on=day,
        decisions=decisions,
    )


def candidate(member_id: str, population: int = 1_000_000) -> Candidate:
    return Candidate(
        id=member_id,
        name=f"Republic {member_id}",
        congress=f"Congress of {member_id}",
        population=population,
        population_year=1926,
        population_source="test census",
        languages=["ru"],
    )


def request_accession(member_id: str, day: date, **extra: Any) -> DecideAccession:
    fields: dict[str, Any] = {
        "command_id": cid(),
        "actor": actors.congress(member_id),
        "at": at(day),
        "candidate": candidate(member_id),
        "decided_on": day,
        "accepts_fields": ["military", "diplomacy"],
    }
    fields.update(extra)
    return DecideAccession(**fields)


def _session_day(state: FederationState, organ: str, day: date, in_order: bool) -> date:
    """The day of `organ`'s session for a vote by `day`: the latest its calendar allows on
    or before `day` (`in_order`: and not before the day the record has reached, as the
    service requires, P18), else the first after `day` (P4)."""
    from isonomia.charter.model import OrganKind
    from isonomia.rules.organs import calendar_problem

    charter, founded_on = state.charter, state.founded_on
    assert charter is not None and founded_on is not None
    kind = charter.organ(organ)
    if kind is None or kind.kind is not OrganKind.UNION_COUNCIL:
        return day
    earliest = max(founded_on, state.recorded_through or founded_on) if in_order else founded_on
    allowed = [
        d
        for d in (day + timedelta(days=n) for n in range(-40, 40))
        if d >= earliest and calendar_problem(charter, founded_on, d) is None
    ]
    before = [d for d in allowed if d <= day]
    return before[-1] if before else allowed[0]


def admission_commands(
    state: FederationState,
    member_id: str,
    day: date,
    votes: dict[str, str],
    in_order: bool = False,
) -> list[Command]:
    """The commands that decide `member_id`'s admission, in the order of their days, the
    count last (P2, P4).

    The admitting organ's session is held on the last day its calendar allows by `day` (or
    the first after it), where the secretariat moves and tables the admission motion, its
    vote open until `day`. Each voter's own delegate (seated for it if none sits) casts its
    vote on `day`, and the count is dated `day`. Members left out of `votes` have no
    delegate seated by this builder: they are not present, so they do not hold the count
    back. With `in_order`, no command is dated before the day the record has reached, as
    the service requires."""
    assert state.charter is not None
    organ = state.charter.accession.decided_by
    held = _session_day(state, organ, day, in_order)
    day = max(day, held)
    session, motion = f"session-{held}", f"admission-{member_id}-{next(_ids)}"
    commands: list[Command] = []
    if session not in state.sessions:
        commands.append(
            command(
                ConveneSession, actors.SECRETARIAT, held, session=session, organ=organ, held_on=held
            )
        )
    commands += [
        command(ProposeAdmission, actors.SECRETARIAT, held, motion=motion, candidate=member_id),
        command(
            TableMotion,
            actors.SECRETARIAT,
            held,
            motion=motion,
            session=session,
            voting_closes_on=day,
        ),
    ]
    for voter in sorted(votes, key=lambda v: not state.is_member(v, held)):
        if not state.seated(voter, organ, day):
            seated_on = held if state.is_member(voter, held) else day
            commands.append(
                command(
                    AppointDelegate,
                    actors.council(voter),
                    seated_on,
                    organ=organ,
                    member=voter,
                    person=delegate_id(voter, organ),
                    term_from=seated_on,
                )
            )
    for voter, vote in votes.items():
        person = actors.person(delegate_id(voter, organ))
        commands.append(command(CastVote, person, day, motion=motion, member=voter, vote=vote))
    commands.append(command(CountVotes, actors.SECRETARIAT, day, motion=motion))
    return commands


def admission(
    state: FederationState, member_id: str, day: date, votes: dict[str, str]
) -> tuple[FederationState, CountVotes]:
    """The state just before the count of `member_id`'s admission, and that count."""
    *before, count = admission_commands(state, member_id, day, votes)
    for step in before:
        state = apply(state, step)
    assert isinstance(count, CountVotes)
    return state, count


def admit(
    state: FederationState, member_id: str, day: date, votes: dict[str, str]
) -> FederationState:
    """`member_id` admitted (or rejected) by the admitting organ's vote by `day` (P2, P4)."""
    before, count = admission(state, member_id, day, votes)
    return apply(before, count)


def secede(member_id: str, day: date, actor: str | None = None) -> DecideSecession:
    return DecideSecession(
        command_id=cid(),
        actor=actor or actors.congress(member_id),
        at=at(day),
        member=member_id,
        decided_on=day,
    )


def apply(state: FederationState, command: Command) -> FederationState:
    """Run a command through the pure pipeline step, as the service does; fail on a refusal."""
    handled = handle(state, command, command.day)
    assert not isinstance(handled, Refusal), str(handled)
    return handled.state


def run(state: FederationState, command: Command) -> list[Event] | Refusal:
    """The command's own events (after what fell due), or its refusal."""
    handled = handle(state, command, command.day)
    return handled if isinstance(handled, Refusal) else handled.decided


def founded_1922() -> FederationState:
    charter = union_1922()
    return apply(apply(FederationState(), adopt(charter)), found(charter))


# -- organs and acts ----------------------------------------------------------------------

MEMBERS_1922 = ("rsfsr", "ukraine", "georgia", "belorussia", "armenia", "azerbaijan")
#: A Monday, the 1922 union council's weekday.
MONDAY = date(1923, 1, 8)


def command(cls: type[Command], actor: str, day: date, **fields: Any) -> Any:
    """Any command, with a fresh id, dated at noon on `day`."""
    return cls(command_id=cid(), actor=actor, at=at(day), **fields)


def delegate_id(member: str, organ: str) -> str:
    return f"{member}-{organ}"


def seat_delegations(
    state: FederationState, organ: str, day: date, members: tuple[str, ...] = MEMBERS_1922
) -> FederationState:
    """Each member's council names one delegate to `organ`, called MEMBER-ORGAN."""
    from isonomia.domain import AppointDelegate

    for member in members:
        state = apply(
            state,
            command(
                AppointDelegate,
                actors.council(member),
                day,
                organ=organ,
                member=member,
                person=delegate_id(member, organ),
                term_from=day,
            ),
        )
    return state


def pass_motion(
    state: FederationState,
    motion: str,
    session: str,
    organ: str,
    day: date,
    votes: dict[str, str] | None = None,
    **draft: Any,
) -> FederationState:
    """Draft, table at a new session of `organ` on `day`, vote (all yes by default), count."""
    from isonomia.domain import (
        CastVote,
        ConveneSession,
        CountVotes,
        DraftMotion,
        TableMotion,
    )

    if session not in state.sessions:
        state = apply(
            state,
            command(
                ConveneSession, actors.SECRETARIAT, day, session=session, organ=organ, held_on=day
            ),
        )
    fields: dict[str, Any] = {"title": motion, "text": f"text of {motion}"}
    fields.update(draft)
    state = apply(
        state, command(DraftMotion, actors.SECRETARIAT, day, motion=motion, organ=organ, **fields)
    )
    state = apply(
        state, command(TableMotion, actors.SECRETARIAT, day, motion=motion, session=session)
    )
    for member, vote in (votes or {m: "yes" for m in MEMBERS_1922}).items():
        state = apply(
            state,
            command(
                CastVote,
                actors.person(delegate_id(member, organ)),
                day,
                motion=motion,
                member=member,
                vote=vote,
            ),
        )
    return apply(state, command(CountVotes, actors.SECRETARIAT, day, motion=motion))
