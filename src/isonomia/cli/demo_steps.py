"""What every episode of the worked example shares: the `Step` an interface prints, the
founding members, and helpers that run a command, expect a refusal, or carry a motion
through a vote."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from isonomia.service import (
    CastVote,
    CountVotes,
    DraftMotion,
    Federation,
    Refused,
    TableMotion,
    actors,
    at_day,
    make,
    new_command_id,
    queries,
)


@dataclass
class Step:
    title: str
    lines: list[str] = field(default_factory=list)
    refused: str | None = None
    table: str | None = None  # name of a table the interface may draw: "members", "presidency"
    on: date | None = None


FOUNDING_DECISIONS = {
    "rsfsr": date(1922, 12, 26),  # Tenth All-Russian Congress of Soviets
    "ukraine": date(1922, 12, 13),  # Seventh All-Ukrainian Congress of Soviets
    "belorussia": date(1922, 12, 18),  # Fourth All-Belorussian Congress of Soviets
    "georgia": date(1922, 12, 13),
    "armenia": date(1922, 12, 13),
    "azerbaijan": date(1922, 12, 13),
}
MEMBERS = tuple(FOUNDING_DECISIONS)


def _do(federation: Federation, cls: type, actor: str, day: date, **fields: object) -> None:
    federation.execute(
        make(cls, command_id=new_command_id(), actor=actor, at=at_day(day), **fields)
    )


def _refused(federation: Federation, cls: type, actor: str, day: date, **fields: object) -> str:
    try:
        _do(federation, cls, actor, day, **fields)
    except Refused as refused:
        return refused.line()
    raise AssertionError(f"{cls.__name__} was not refused")


def _vote(
    federation: Federation,
    motion: str,
    organ: str,
    session: str,
    day: date,
    against: tuple[str, ...] = (),
    **draft: object,
) -> str:
    """Draft, table, vote by each member's delegate, and count; returns the count's reason."""
    _do(federation, DraftMotion, actors.SECRETARIAT, day, motion=motion, organ=organ, **draft)
    _do(federation, TableMotion, actors.SECRETARIAT, day, motion=motion, session=session)
    for member in MEMBERS:
        vote = "no" if member in against else "yes"
        _do(
            federation,
            CastVote,
            actors.person(f"{member}-{organ}"),
            day,
            motion=motion,
            member=member,
            vote=vote,
        )
    _do(federation, CountVotes, actors.SECRETARIAT, day, motion=motion)
    return queries.act_history(federation, motion)[-1][1]


def _in_force_line(federation: Federation, act: str, days: list[date]) -> str:
    return ", ".join(
        f"{d}: {'in force' if queries.act_in_force(federation, act, d) else 'not in force'}"
        for d in days
    )


def _department_lines(federation: Federation, on: date) -> list[str]:
    lines = []
    for d in queries.departments(federation, on):
        lines.append(f"{d.id} ({d.name}), seat {d.seat}: {d.status}")
        if d.not_consented:
            lines.append(
                f"  consented: {', '.join(d.consented) or 'nobody yet'}; "
                f"not yet: {', '.join(d.not_consented)}"
            )
        lines += [f"  gap in {m}: no {' and no '.join(gap)}" for m, gap in d.gaps.items()]
    return lines


def verified_lines(federation: Federation) -> list[str]:
    """`ledger verify`'s lines: the chain, and the replay of every signed command."""
    from isonomia.service import verify_record

    report = verify_record(federation)
    if not report.ok or report.replay is None:
        return [report.problem() or "the stored snapshots differ from the ledger"]
    return [report.chain.describe(), report.replay.describe()]
