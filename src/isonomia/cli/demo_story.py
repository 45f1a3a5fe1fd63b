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

from isonomia.service import (
    AdmitMember,
    AppointDelegate,
    AppointRepresentative,
    AssignStaff,
    BindResolution,
    Candidate,
    CastVote,
    ConsentToDepartment,
    ConveneSession,
    CountVotes,
    DecideAccession,
    DecideSecession,
    DraftMotion,
    Federation,
    FileAppeal,
    FoundingDecision,
    FoundUnion,
    GiveInstructions,
    ObstructSecession,
    ProposeDepartment,
    PublishAct,
    Refused,
    ReportCompliance,
    RequestInstructions,
    Ruling,
    Settle,
    TableMotion,
    actors,
    at_day,
    example_charter,
    make,
    new_command_id,
    queries,
    verify_export_file,
)
from isonomia.service.audit import audit_charter


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
    refused = _refused(
        federation, FoundUnion, actors.SECRETARIAT, FOUNDED_ON,
        founded_on=FOUNDED_ON, decisions=decisions[:-1],
    )  # fmt: skip
    yield Step("Founding without Azerbaijan's own decision is refused", refused=refused)
    _do(
        federation, FoundUnion, actors.SECRETARIAT, FOUNDED_ON,
        founded_on=FOUNDED_ON, decisions=decisions,
    )  # fmt: skip
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
    yield power_audit()

    yield from organs_and_acts(federation)

    _do(
        federation, DecideAccession, actors.congress("uzbekistan"), date(1925, 2, 17),
        candidate=UZBEKISTAN,
        decided_on=date(1925, 2, 17),
        accepts_fields=["military", "diplomacy", "foreign-trade", "railways", "finance"],
        joins_departments=["narkomput"],
    )  # fmt: skip
    yield Step(
        "Uzbekistan's own congress decides to join, on its own terms (P2)",
        [
            "accepts: military, diplomacy, foreign-trade, railways, finance (not posts)",
            "joins the joint department narkomput (railways); keeps its own departments otherwise",
        ],
    )
    admitted_on = date(1925, 5, 13)
    votes = {m: "yes" for m in FOUNDING_DECISIONS}
    _do(
        federation, AdmitMember, actors.organ("union-council"), admitted_on,
        candidate="uzbekistan", votes=votes,
    )  # fmt: skip
    yield Step(
        f"The union council admits Uzbekistan unanimously on {admitted_on}; "
        "it joins the end of the rotation",
        table="presidency",
        on=admitted_on,
    )
    yield Step(
        "Narkomput needs a representative with staff in Uzbekistan too (P7)",
        _department_lines(federation, admitted_on),
    )

    decided_on = date(1926, 3, 1)
    _do(
        federation, DecideSecession, actors.congress("georgia"), decided_on,
        member="georgia", decided_on=decided_on,
    )  # fmt: skip
    leaves_on = federation.state().members["georgia"].leaves_on
    yield Step(
        f"Georgia's own congress decides to secede on {decided_on} (P3)",
        [
            f"the charter's notice period is {charter.secession.notice_days} days: "
            f"it takes effect on {leaves_on}"
        ],
    )
    council, day = actors.organ("union-council"), date(1926, 3, 8)
    for action in ("block", "delay"):
        refused = _refused(
            federation, ObstructSecession, council, day, member="georgia", action=action
        )
        yield Step(f"The union council tries to {action} the secession", refused=refused)
    refused = _refused(federation, DecideSecession, council, day, member="armenia", decided_on=day)
    yield Step("The union council tries to decide Armenia's secession for it", refused=refused)

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


# -- organs and acts (P4, P6–P11) -------------------------------------------------------------

SESSION_DAYS = {  # the union council meets on Mondays (the charter's calendar, P4)
    "uc-1923-01-15": date(1923, 1, 15),
    "uc-1923-01-22": date(1923, 1, 22),
}
MEMBERS = tuple(FOUNDING_DECISIONS)


def power_audit() -> Step:
    """What the charter's rules do to power, beside a population-weighted majority (P12)."""
    result = audit_charter(example_charter("union-1922"))
    ordinary = next(r for r in result.rules if r.rule == "ordinary")
    largest = max(ordinary.members, key=lambda m: m.population_share)
    weighted = next(m for m in result.population_majority.members if m.id == largest.id)
    return Step(
        "Who really holds power under the charter (P12, P13)",
        [
            f"{largest.id} has {largest.population_share:.1%} of the population",
            f"by a simple majority weighted by population it would hold "
            f"{weighted.banzhaf:.0%} of the voting power: "
            f"a dictator ({result.population_majority.dictator})",
            f"under the charter's ordinary rule ({ordinary.kind}) it holds "
            f"{largest.banzhaf:.0%} (Banzhaf), {largest.shapley_shubik:.0%} (Shapley–Shubik); "
            "no member can pass or block a decision alone",
            "see `isonomia audit examples/union-1922.toml` for every member and rule",
        ],
    )


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
        _do(federation, CastVote, actors.person(f"{member}-{organ}"), day, motion=motion,
            member=member, vote=vote)  # fmt: skip
    _do(federation, CountVotes, actors.SECRETARIAT, day, motion=motion)
    return str(federation.state().acts[motion].history[-1].what)


def _in_force_line(federation: Federation, act: str, days: list[date]) -> str:
    state = federation.state()
    return ", ".join(
        f"{d}: {'in force' if state.in_force(act, d) else 'not in force'}" for d in days
    )


def _department_lines(federation: Federation, on: date) -> list[str]:
    lines = []
    for d in queries.departments(federation, on):
        lines.append(f"{d.id} ({d.name}), seat {d.seat}: {d.status}")
        if d.not_consented:
            lines.append(f"  consented: {', '.join(d.consented) or 'nobody yet'}; "
                         f"not yet: {', '.join(d.not_consented)}")  # fmt: skip
        lines += [f"  gap in {m}: no {' and no '.join(gap)}" for m, gap in d.gaps.items()]
    return lines


def organs_and_acts(federation: Federation) -> Iterator[Step]:
    """Delegations, an appealed executive decision, a conditional directive with an urgent
    case, a joint department, and a refused binding act on culture (P4, P6–P11)."""
    seated = date(1923, 1, 8)
    organs = ("union-council", "sto", "sovnarkom", "joint-conference")
    for organ in organs:
        for member in MEMBERS:
            _do(federation, AppointDelegate, actors.council(member), seated, organ=organ,
                member=member, person=f"{member}-{organ}", term_from=seated)  # fmt: skip
    yield Step(
        "Each member's council names its delegates to the union organs (P4)",
        [f"one delegate per member in each of: {', '.join(organs)}, from {seated}",
         "votes are cast per member delegation, and counted by the charter's decision rule"],
    )  # fmt: skip

    # An executive decision, appealed, in force until the ruling (P6).
    sto_day = date(1923, 1, 10)
    _do(federation, ConveneSession, actors.SECRETARIAT, sto_day, session="sto-1923-01-10",
        organ="sto", held_on=sto_day)  # fmt: skip
    reason = _vote(
        federation, "sto-tariffs", "sto", "sto-1923-01-10", sto_day, against=("georgia",),
        title="Freight tariffs on the Transcaucasian railway",
        text="Freight tariffs on the Transcaucasian railway are raised by a third.",
        field="railways", kind="decision", force="mandatory",
    )  # fmt: skip
    _do(federation, PublishAct, actors.SECRETARIAT, sto_day, act="sto-tariffs")
    yield Step(
        "The Council of Labour and Defence decides railway tariffs",
        [f"sto-tariffs: {reason}", "published on 1923-01-10, in force from that day"],
    )
    filed = date(1923, 1, 11)
    _do(federation, FileAppeal, actors.person("georgia-union-council"), filed, appeal="georgia-1",
        act="sto-tariffs", member="georgia",
        ground="the tariff strangles Georgian grain imports")  # fmt: skip
    late = _refused(federation, FileAppeal, actors.council("armenia"), filed, appeal="armenia-1",
                    act="sto-tariffs", member="armenia",
                    ground="The tariff strangles Georgian grain imports")  # fmt: skip
    yield Step(
        "Georgia appeals to the union council; the decision stays in force (P6)",
        [_in_force_line(federation, "sto-tariffs", [filed, date(1923, 1, 14)]),
         "a second appeal on the same ground is refused:"],
        refused=late,
    )  # fmt: skip
    ruling_day = SESSION_DAYS["uc-1923-01-15"]
    _do(federation, ConveneSession, actors.organ("presidium"), filed, session="uc-1923-01-15",
        organ="union-council", held_on=ruling_day)  # fmt: skip
    session = federation.state().sessions["uc-1923-01-15"]
    reason = _vote(
        federation, "ruling-georgia-1", "union-council", "uc-1923-01-15", ruling_day,
        title="Ruling on Georgia's appeal against sto-tariffs",
        text="Freight tariffs are raised by a third, except for grain to Transcaucasia.",
        field="railways", kind="decision", force="mandatory",
        ruling=Ruling(on="appeal", ref="georgia-1", outcome="amend"),
    )  # fmt: skip
    history = federation.state().acts["sto-tariffs"].history
    yield Step(
        f"The union council rules on {ruling_day}: the decision is amended (P6)",
        [f"its next session, presided by {session.presided_by} (P5); agenda: "
         f"{'; '.join(session.agenda)}", f"ruling-georgia-1: {reason}",
         _in_force_line(federation, "sto-tariffs", [date(1923, 1, 14), ruling_day]),
         f"text now: {federation.state().acts['sto-tariffs'].text}",
         "history of sto-tariffs:", *(f"  {h.on}  {h.what}" for h in history)],
    )  # fmt: skip

    # A conditional directive, with a request for instructions and an urgent case (P8).
    snk_day = date(1923, 1, 17)
    _do(federation, ConveneSession, actors.SECRETARIAT, snk_day, session="snk-1923-01-17",
        organ="sovnarkom", held_on=snk_day)  # fmt: skip
    _vote(
        federation, "snk-grain-fund", "sovnarkom", "snk-1923-01-17", snk_day,
        title="Grain reserve for the union treasury",
        text="Each republic transfers a tenth of its grain-tax receipts to the union reserve.",
        field="finance", kind="directive", force="conditional",
    )  # fmt: skip
    _do(federation, PublishAct, actors.SECRETARIAT, snk_day, act="snk-grain-fund")
    ask = date(1923, 1, 18)
    _do(federation, RequestInstructions, actors.council("ukraine"), ask,
        directive="snk-grain-fund", member="ukraine",
        question="May the transfer be made in two instalments?")  # fmt: skip
    _do(federation, GiveInstructions, actors.organ("sovnarkom"), ask, directive="snk-grain-fund",
        member="ukraine", instructions="Yes, before 1 March and 1 May.")  # fmt: skip
    _do(federation, ReportCompliance, actors.council("ukraine"), ask, directive="snk-grain-fund",
        member="ukraine", note="first instalment transferred")  # fmt: skip
    no_instructions = _refused(federation, ReportCompliance, actors.council("azerbaijan"), ask,
                               directive="snk-grain-fund", member="azerbaijan")  # fmt: skip
    _do(federation, ReportCompliance, actors.council("azerbaijan"), ask,
        directive="snk-grain-fund", member="azerbaijan", urgent=True,
        note="transferred at once, without instructions",
        justification="famine relief for Baku oil workers could not wait a week")  # fmt: skip
    yield Step(
        "A conditional directive: instructions first, or an urgent case (P8)",
        [
            "Ukraine asks for instructions, receives them and carries the directive out",
            "Azerbaijan acts without them only by declaring an especially urgent case, justified;",
            "acting without instructions and without an urgent declaration is refused:",
        ],
        refused=no_instructions,
    )
    review_day = SESSION_DAYS["uc-1923-01-22"]
    _do(federation, ConveneSession, actors.organ("presidium"), ask, session="uc-1923-01-22",
        organ="union-council", held_on=review_day)  # fmt: skip
    reason = _vote(
        federation, "review-azerbaijan", "union-council", "uc-1923-01-22", review_day,
        title="Review of Azerbaijan's urgent action under snk-grain-fund",
        text="The urgency was real; the action is upheld.", field="finance",
        kind="decision", force="mandatory",
        ruling=Ruling(on="urgent-action", ref="snk-grain-fund:azerbaijan", outcome="uphold"),
    )  # fmt: skip
    agenda = federation.state().sessions["uc-1923-01-22"].agenda
    lines = [f"agenda of {review_day}: {'; '.join(agenda)}", f"review-azerbaijan: {reason}"]
    for member in ("ukraine", "azerbaijan", "georgia"):
        for row in queries.directives_for(federation, member):
            lines.append(f"isonomia directives --member {member}: {row.directive} {row.status}")
    yield Step("The next union council session reviews the urgent case (P8)", lines)

    # A joint department by agreement of every member council, made operational (P7).
    day = date(1923, 2, 1)
    _do(federation, ProposeDepartment, actors.organ("union-council"), day, department="narkomput",
        name="People's Commissariat of Ways of Communication", field="railways")  # fmt: skip
    for member in MEMBERS[:-1]:
        _do(federation, ConsentToDepartment, actors.council(member), day,
            department="narkomput", member=member)  # fmt: skip
    pending = _department_lines(federation, day)
    _do(federation, ConsentToDepartment, actors.council(MEMBERS[-1]), day,
        department="narkomput", member=MEMBERS[-1])  # fmt: skip
    yield Step(
        "A joint department needs the consent of every member council (P7)",
        [*pending, "then Azerbaijan's council consents:", *_department_lines(federation, day)],
    )
    staffed = date(1923, 3, 1)
    for member in MEMBERS:
        _do(federation, AppointRepresentative, actors.organ("narkomput"), staffed,
            department="narkomput", member=member, person=f"narkomput-rep-{member}")  # fmt: skip
    partly = _department_lines(federation, staffed)
    for member in MEMBERS:
        _do(federation, AssignStaff, actors.organ("narkomput"), staffed, department="narkomput",
            member=member, person=f"narkomput-clerk-{member}")  # fmt: skip
    yield Step(
        "Operational once represented with staff in every member (P7)",
        [*partly, "then staff in every member:", *_department_lines(federation, staffed)],
    )

    # The members' own fields (P11) and consultative conferences (P9).
    culture_day = date(1923, 3, 5)
    _do(federation, ConveneSession, actors.SECRETARIAT, culture_day, session="uc-1923-03-05",
        organ="union-council", held_on=culture_day)  # fmt: skip
    binding = _refused(federation, DraftMotion, actors.SECRETARIAT, culture_day,
                       motion="uc-schools", organ="union-council",
                       title="One language of schooling in every republic",
                       text="Schools in every republic teach in one language of the union.",
                       field="culture",
                       kind="decision", force="mandatory")  # fmt: skip
    yield Step("The union council tries to legislate bindingly on culture (P11)", refused=binding)
    _do(federation, ConveneSession, actors.SECRETARIAT, culture_day, session="conf-1923-03-06",
        organ="joint-conference", held_on=date(1923, 3, 6))  # fmt: skip
    reason = _vote(
        federation, "conf-theatres", "joint-conference", "conf-1923-03-06", date(1923, 3, 6),
        title="Exchange of national theatres",
        text="The republics are advised to exchange their national theatres' tours.",
        field="culture", kind="resolution",
        force="advisory",
    )  # fmt: skip
    _do(federation, PublishAct, actors.SECRETARIAT, date(1923, 3, 6), act="conf-theatres")
    bind = _refused(federation, BindResolution, actors.organ("union-council"), date(1923, 3, 6),
                    act="conf-theatres", force="mandatory")  # fmt: skip
    yield Step(
        "A conference resolution stays advisory: binding it is refused (P9)",
        [f"conf-theatres (advisory): {reason}"],
        refused=bind,
    )
