"""What the episodes of the worked example share: the `Story` they play in (the union's
handle, the folder for its files, the keyring that plays every part), the `Step` each shows,
the `Episode` that names them, the founding members, and the helpers that run a command,
expect a refusal, carry a motion through a vote, or say what the record holds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from isonomia.service import (
    COMMAND_TYPES,
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    Federation,
    Keyring,
    Refused,
    TableMotion,
    actors,
    at_day,
    make,
    new_command_id,
    queries,
    verify_record,
)

__all__ = [
    "FOUNDING_DECISIONS",
    "MEMBERS",
    "Episode",
    "Step",
    "Story",
]


@dataclass
class Step:
    """One numbered step of the story, as an interface prints it."""

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


@dataclass(frozen=True)
class Story:
    """The union the story plays in, and the folder for the files it writes (signed
    envelopes, witnessed checkpoints, the member's export)."""

    federation: Federation
    folder: Path

    @property
    def keyring(self) -> Keyring:
        """The keyring that plays every part of the example."""
        signer = self.federation.signer
        assert isinstance(signer, Keyring)
        return signer

    def do(self, cls: type[Any] | str, actor: str, day: date, **fields: object) -> None:
        """Run a command (its class, or its name) dated `day`, signed by `actor`'s key."""
        kind = COMMAND_TYPES[cls] if isinstance(cls, str) else cls
        self.federation.execute(
            make(kind, command_id=new_command_id(), actor=actor, at=at_day(day), **fields)
        )

    def chair(self, organ: str, act: str, day: date) -> str:
        """Who signs `act` ("convene", "table", "count") in `organ` on `day`: the presiding
        member's delegate where the charter has the presidency preside (P5), else the
        secretariat."""
        return queries.procedural_signer(self.federation, organ, act, day)

    def convene(self, session: str, organ: str, day: date, held_on: date | None = None) -> None:
        """Convene `organ`'s session (held on `day` unless `held_on`), signed on `day` by who
        convenes there: the presiding delegate or the secretariat (P5)."""
        self.do(
            ConveneSession,
            self.chair(organ, "convene", day),
            day,
            session=session,
            organ=organ,
            held_on=held_on or day,
        )

    def refused(self, cls: type[Any] | str, actor: str, day: date, **fields: object) -> str:
        """The refusal's line for a command that must be refused."""
        try:
            self.do(cls, actor, day, **fields)
        except Refused as refused:
            return refused.line()
        raise AssertionError(f"{cls} was not refused")

    def vote(
        self,
        motion: str,
        organ: str,
        session: str,
        day: date,
        against: tuple[str, ...] = (),
        circulated: date | None = None,
        urgent: str | None = None,
        **draft: object,
    ) -> str:
        """Draft and circulate the motion (on `circulated`, by default `day`; an `urgent`
        justification asks for the charter's urgent procedure), then on `day` table it, vote
        by each member's delegate, and count; returns the count's reason."""
        drafted = circulated or day
        self.do(DraftMotion, actors.SECRETARIAT, drafted, motion=motion, organ=organ, **draft)
        self.do(
            "CirculateDraft",
            actors.SECRETARIAT,
            drafted,
            motion=motion,
            urgent=urgent is not None,
            justification=urgent,
        )
        self.do(TableMotion, self.chair(organ, "table", day), day, motion=motion, session=session)
        for member in MEMBERS:
            self.do(
                CastVote,
                actors.person(f"{member}-{organ}"),
                day,
                motion=motion,
                member=member,
                vote="no" if member in against else "yes",
            )
        self.do(CountVotes, self.chair(organ, "count", day), day, motion=motion)
        return queries.act_history(self.federation, motion)[-1][1]

    def in_force_line(self, act: str, days: list[date]) -> str:
        """Whether the act is in force on each of the days, on one line."""
        said = {True: "in force", False: "not in force"}
        return ", ".join(
            f"{d}: {said[queries.act_in_force(self.federation, act, d)]}" for d in days
        )

    def department_lines(self, on: date) -> list[str]:
        """Each joint department on the day: its status, consents, and gaps (P7)."""
        lines = []
        for d in queries.departments(self.federation, on):
            lines.append(f"{d.id} ({d.name}), seat {d.seat}: {d.status}")
            if d.not_consented:
                lines.append(
                    f"  consented: {', '.join(d.consented) or 'nobody yet'}; "
                    f"not yet: {', '.join(d.not_consented)}"
                )
            lines += [f"  gap in {m}: no {' and no '.join(gap)}" for m, gap in d.gaps.items()]
        return lines

    def verified_lines(self) -> list[str]:
        """`ledger verify`'s lines: the chain, and the replay of every signed command."""
        report = verify_record(self.federation)
        if not report.ok or report.replay is None:
            return [report.problem() or "the stored snapshots differ from the ledger"]
        return [report.chain.describe(), report.replay.describe()]


@dataclass(frozen=True)
class Episode:
    """One episode of the story: what it shows, and the function that plays it."""

    title: str
    play: Callable[[Story], Iterable[Step]]
