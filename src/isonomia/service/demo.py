"""The worked example, played as commands: the 1922 union from founding to a secession.

`play` runs each step through the same pipeline as every other command and yields what
happened, for an interface to print. Dates follow the historical congresses of 1922
and the accession of 1925; the secession of Georgia in 1926 is this example's
hypothesis, there to show P3 at work.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from isonomia.domain import actors
from isonomia.service.commands import (
    AdmitMember,
    Candidate,
    DecideAccession,
    DecideSecession,
    FoundingDecision,
    FoundUnion,
    ObstructSecession,
    Settle,
    make,
)
from isonomia.service.errors import Refused
from isonomia.service.federation import Federation, at_day, new_command_id, verify_export_file
from isonomia.service.resources import example_charter


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
FOUNDED_ON = date(1922, 12, 30)

UZBEKISTAN = Candidate(
    id="uzbekistan",
    name="Uzbek Socialist Soviet Republic",
    congress="All-Uzbek Congress of Soviets",
    population=5272801,
    population_year=1926,
    population_source="All-Union Census of 17 December 1926 (Central Statistical Administration)",
    languages=["uz", "tg", "ru"],
)


def play(federation: Federation, export_dir: Path) -> Iterator[Step]:
    """Run the worked example against an empty database, step by step."""
    outcome = federation.initialize(example_charter("union-1922"), at=at_day(FOUNDED_ON))
    charter = federation.charter()
    yield Step(
        "The charter is adopted and recorded as the ledger's first entry",
        [
            f"{charter.union.name}, seat {charter.union.seat}",
            f"{len(charter.members)} founding members; ledger entry "
            f"{outcome.entries[0].sequence}, hash {outcome.entries[0].hash[:16]}…",
        ],
    )

    decisions = [FoundingDecision(member=m, decided_on=d) for m, d in FOUNDING_DECISIONS.items()]
    try:
        federation.execute(
            make(
                FoundUnion,
                command_id=new_command_id(),
                actor=actors.SECRETARIAT,
                at=at_day(FOUNDED_ON),
                founded_on=FOUNDED_ON,
                decisions=decisions[:-1],
            )
        )
    except Refused as refused:
        yield Step(
            "Founding without Azerbaijan's own decision is refused",
            refused=refused.line(),
        )
    federation.execute(
        make(
            FoundUnion,
            command_id=new_command_id(),
            actor=actors.SECRETARIAT,
            at=at_day(FOUNDED_ON),
            founded_on=FOUNDED_ON,
            decisions=decisions,
        )
    )
    yield Step(
        f"The union is founded on {FOUNDED_ON} by formal unification (P1)",
        [f"{m}: own congress decided on {d}" for m, d in FOUNDING_DECISIONS.items()],
        table="members",
        on=FOUNDED_ON,
    )
    yield Step(
        "The presidency rotates among the members in the charter's order (P5)",
        table="presidency",
        on=FOUNDED_ON,
    )

    federation.execute(
        make(
            DecideAccession,
            command_id=new_command_id(),
            actor=actors.congress("uzbekistan"),
            at=at_day(date(1925, 2, 17)),
            candidate=UZBEKISTAN,
            decided_on=date(1925, 2, 17),
            accepts_fields=["military", "diplomacy", "foreign-trade", "railways", "finance"],
        )
    )
    yield Step(
        "Uzbekistan's own congress decides to join, on its own terms (P2)",
        ["accepts: military, diplomacy, foreign-trade, railways, finance (not posts)"],
    )
    admitted_on = date(1925, 5, 13)
    votes = {m: "yes" for m in FOUNDING_DECISIONS}
    federation.execute(
        make(
            AdmitMember,
            command_id=new_command_id(),
            actor=actors.organ("union-council"),
            at=at_day(admitted_on),
            candidate="uzbekistan",
            votes=votes,
        )
    )
    yield Step(
        f"The union council admits Uzbekistan unanimously on {admitted_on}; "
        "it joins the end of the rotation",
        table="presidency",
        on=admitted_on,
    )

    decided_on = date(1926, 3, 1)
    federation.execute(
        make(
            DecideSecession,
            command_id=new_command_id(),
            actor=actors.congress("georgia"),
            at=at_day(decided_on),
            member="georgia",
            decided_on=decided_on,
        )
    )
    leaves_on = federation.state().members["georgia"].leaves_on
    yield Step(
        f"Georgia's own congress decides to secede on {decided_on} (P3)",
        [
            f"the charter's notice period is {charter.secession.notice_days} days: "
            f"it takes effect on {leaves_on}"
        ],
    )
    for action in ("block", "delay"):
        try:
            federation.execute(
                make(
                    ObstructSecession,
                    command_id=new_command_id(),
                    actor=actors.organ("union-council"),
                    at=at_day(date(1926, 3, 8)),
                    member="georgia",
                    action=action,
                )
            )
        except Refused as refused:
            yield Step(f"The union council tries to {action} the secession", refused=refused.line())
    try:
        federation.execute(
            make(
                DecideSecession,
                command_id=new_command_id(),
                actor=actors.organ("union-council"),
                at=at_day(date(1926, 3, 8)),
                member="armenia",
                decided_on=date(1926, 3, 8),
            )
        )
    except Refused as refused:
        yield Step(
            "The union council tries to decide Armenia's secession for it", refused=refused.line()
        )

    assert leaves_on is not None
    outcome = federation.execute(
        make(Settle, command_id=new_command_id(), actor=actors.SECRETARIAT, at=at_day(leaves_on))
    )
    yield Step(
        f"On {leaves_on} the secession takes effect by itself, at the end of the notice period",
        [f"ledger entry {e.sequence}: {e.event_type} (actor: {e.actor})" for e in outcome.entries],
        table="members",
        on=leaves_on,
    )
    yield Step("Georgia drops out of the rotation", table="presidency", on=leaves_on)

    export = export_dir / "georgia-export.json"
    full = federation.export_member("georgia", export, at=at_day(leaves_on))
    report, _ = verify_export_file(export)
    yield Step(
        "Georgia takes a complete, verifiable export of its records",
        [
            f"{export.name}: {full} entries in full, every other entry as a hash link",
            f"verified offline, with no database: {report.describe()}",
        ],
    )
    tampered = export_dir / "georgia-export-tampered.json"
    doc = json.loads(export.read_text(encoding="utf-8"))
    for entry in doc["entries"]:
        if entry.get("event_type") == "SecessionDecided":
            entry["payload"]["effective_on"] = "1927-01-01"
            break
    tampered.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    bad, _ = verify_export_file(tampered)
    yield Step(
        "A copy whose secession date was altered is rejected",
        [f"{tampered.name}: {bad.describe()}"],
    )
    yield Step("The whole ledger verifies", [federation.verify_ledger().describe()])
