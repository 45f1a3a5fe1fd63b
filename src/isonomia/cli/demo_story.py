"""The worked example, played as commands: the 1922 union from founding to a secession.

`play` runs each step through the same pipeline as every other command and yields what
happened, for an interface to print. Dates follow the historical congresses of 1922 and the
accession of 1925; Georgia's secession in 1926 is this example's hypothesis, to show P3.

This module holds `play`, which chains the episodes in order, and the episodes about
membership: adoption of the charter and founding (P1), the power audit (P12, P13),
accession (P2) and secession with a verifiable export (P3). The episodes about organs and
acts are in `demo_acts`, those about fields and departments in `demo_fields`, national
languages in `demo_languages`, the inspection in `demo_inspection`, and the
shared `Step` and helpers in `demo_steps`.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from datetime import date
from functools import partial
from pathlib import Path

from isonomia.cli.demo_acts import SESSION_DAYS, organs_and_acts
from isonomia.cli.demo_inspection import inspection
from isonomia.cli.demo_languages import languages
from isonomia.cli.demo_offices import offices
from isonomia.cli.demo_signatures import (
    backdated_in_a_live_union,
    forgeries,
    signed_at_home,
    wrong_delegate,
)
from isonomia.cli.demo_steps import (
    FOUNDING_DECISIONS,
    MEMBERS,
    Step,
    _department_lines,
    _do,
    _refused,
    verified_lines,
)
from isonomia.service import (
    Candidate,
    CastVote,
    Charter,
    ConveneSession,
    CountVotes,
    DecideAccession,
    DecideSecession,
    Federation,
    FoundUnion,
    Keyring,
    ObstructSecession,
    ProposeAdmission,
    Settle,
    Signer,
    TableMotion,
    Transparency,
    actors,
    at_day,
    example_charter,
    founding_decisions,
    held_log_key,
    held_witness_keys,
    make,
    new_command_id,
    own_key,
    provide_key,
    queries,
    verify_export_file,
)
from isonomia.service.audit import audit_charter

__all__ = [
    "FOUNDED_ON",
    "FOUNDING_DECISIONS",
    "MEMBERS",
    "SESSION_DAYS",
    "UZBEKISTAN",
    "Step",
    "organs_and_acts",
    "play",
    "power_audit",
]

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
    charter = yield from adoption(federation)
    yield from founding(federation)
    yield power_audit()
    yield from organs_and_acts(federation)
    yield from accession(federation)
    yield from languages(federation)
    yield from offices(federation)
    yield from inspection(federation)
    keyring = signer_of(federation)
    assert isinstance(keyring, Keyring)
    yield from forgeries(federation, keyring)
    yield from wrong_delegate(federation)
    yield from backdated_in_a_live_union(export_dir)
    leaves_on = yield from secession_decided(federation, charter, keyring, export_dir)
    yield from secession_takes_effect(federation, leaves_on)
    yield checkpoint_cosigned(federation, export_dir, leaves_on)
    yield from georgia_export(federation, export_dir, leaves_on)


def adoption(federation: Federation) -> Generator[Step, None, Charter]:
    """The charter is adopted as the ledger's first entry; returns the charter."""
    outcome = federation.initialize(
        example_charter("union-1922"), at=at_day(FOUNDED_ON), clock="simulated"
    )
    charter = queries.charter(federation)
    yield Step(
        "The charter is adopted and recorded as the ledger's first entry",
        [
            f"{charter.union.name}, seat {charter.union.seat}",
            f"{len(charter.members)} founding members; ledger entry "
            f"{outcome.entries[0].sequence}, hash {outcome.entries[0].hash[:16]}…",
        ],
    )
    return charter


def signer_of(federation: Federation) -> Signer:
    """The keyring that plays every part of the example."""
    assert federation.signer is not None
    return federation.signer


def founding(federation: Federation) -> Iterator[Step]:
    """Founding by formal unification, each member deciding at its own congress (P1, P5)."""
    # Each congress signs its own decision with its own key (P1); the secretariat only
    # submits the founding act that gathers them.
    decisions = founding_decisions(
        federation, signer_of(federation), list(FOUNDING_DECISIONS.items())
    )
    refused = _refused(
        federation,
        FoundUnion,
        actors.SECRETARIAT,
        FOUNDED_ON,
        founded_on=FOUNDED_ON,
        decisions=decisions[:-1],
    )
    yield Step("Founding without Azerbaijan's own decision is refused", refused=refused)
    _do(
        federation,
        FoundUnion,
        actors.SECRETARIAT,
        FOUNDED_ON,
        founded_on=FOUNDED_ON,
        decisions=decisions,
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


def accession(federation: Federation) -> Iterator[Step]:
    """Uzbekistan decides to join on its own terms and the union council admits it by its
    delegations' own votes (P2, P4, P5, P7)."""
    _do(
        federation,
        DecideAccession,
        actors.congress("uzbekistan"),
        date(1925, 2, 17),
        candidate=UZBEKISTAN,
        decided_on=date(1925, 2, 17),
        accepts_fields=["military", "diplomacy", "foreign-trade", "railways", "finance"],
        joins_departments=["narkomput"],
        # Uzbekistan's congress brings its own key with its decision, and signs with it (P2).
        congress_key=own_key(signer_of(federation), actors.congress("uzbekistan")),
    )
    yield Step(
        "Uzbekistan's own congress decides to join, on its own terms (P2)",
        [
            "accepts: military, diplomacy, foreign-trade, railways, finance (not posts)",
            "joins the joint department narkomput (railways); keeps its own departments otherwise",
        ],
    )
    admitted_on = yield from admission_vote(federation)
    yield Step(
        "Narkomput needs a representative with staff in Uzbekistan too (P7)",
        _department_lines(federation, admitted_on),
    )


def admission_vote(federation: Federation) -> Generator[Step, None, date]:
    """The union council decides the admission by a motion its delegations vote on
    themselves: no one fills in the members' votes, and no count comes before every
    delegation present has voted or the vote has closed (P2, P4); returns the day."""
    session, opens, closes = "uc-1925-05-11", date(1925, 5, 11), date(1925, 5, 13)
    motion, ukraine = "admission-uzbekistan", actors.council("ukraine")
    _do(
        federation,
        ConveneSession,
        actors.organ("presidium"),
        opens,
        session=session,
        organ="union-council",
        held_on=opens,
    )
    # Ukraine's own council moves and tables the admission in the council it sits in (P4).
    _do(federation, ProposeAdmission, ukraine, opens, motion=motion, candidate="uzbekistan")
    _do(
        federation,
        TableMotion,
        ukraine,
        opens,
        motion=motion,
        session=session,
        voting_closes_on=closes,
    )
    for member in MEMBERS:
        if member != "georgia":
            _cast(federation, motion, member, opens)
    early = _refused(federation, CountVotes, actors.SECRETARIAT, opens, motion=motion)
    yield Step(
        f"Ukraine's council moves Uzbekistan's admission; the vote is open until {closes} (P4)",
        [
            "five delegations vote yes at the session of 1925-05-11; Georgia's has not voted,",
            "and the secretariat's count before it has, or before the vote closes, is refused:",
        ],
        refused=early,
    )
    _cast(federation, motion, "georgia", closes)
    _do(federation, CountVotes, actors.SECRETARIAT, closes, motion=motion)
    yield Step(
        f"Georgia's delegate votes on {closes}; the count by the charter's accession rule "
        "admits Uzbekistan unanimously, and it joins the end of the rotation (P2, P5)",
        [f"{motion}: {queries.act_history(federation, motion)[-1][1]}"],
        table="presidency",
        on=closes,
    )
    return closes


def _cast(federation: Federation, motion: str, member: str, day: date) -> None:
    """The member's own delegate in the union council votes yes (P4)."""
    delegate = actors.person(f"{member}-union-council")
    _do(federation, CastVote, delegate, day, motion=motion, member=member, vote="yes")


def secession_decided(
    federation: Federation, charter: Charter, keyring: Keyring, folder: Path
) -> Generator[Step, None, date]:
    """Georgia decides to secede and no union organ can stop it (P3); returns its last day."""
    decided_on = date(1926, 3, 1)
    yield from signed_at_home(federation, keyring, folder)
    leaves_on = queries.leaves_on(federation, "georgia")
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
    return leaves_on


def secession_takes_effect(federation: Federation, leaves_on: date) -> Iterator[Step]:
    """At the end of the notice period the secession takes effect by itself (P3)."""
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


def checkpoint_cosigned(federation: Federation, witness_dir: Path, on: date) -> Step:
    """The log signs the tree of every entry; each remaining member's council checks it
    extends what it saw and co-signs it (P18)."""
    keyring = signer_of(federation)
    assert isinstance(keyring, Keyring)
    log = Transparency(federation)
    remaining = queries.members_on(federation, on)
    for member in remaining:
        if keyring.key_for(actors.council(member)) is None:
            provide_key(federation, keyring, actors.council(member), member, at_day(on))
    log.make_checkpoint(keyring)
    for member in remaining:
        key = keyring.key_for(actors.council(member))
        assert key is not None
        head = log.witness(key, witness_dir / f"witness-{member}.json")
    return Step(
        "The log signs a checkpoint of the ledger; every remaining member's council co-signs it",
        [f"checkpoint of {head.size} entries, root {head.root[:16]}…", *head.cosigners],
    )


def georgia_export(federation: Federation, export_dir: Path, leaves_on: date) -> Iterator[Step]:
    """Georgia's complete export verifies offline against the keys it pinned; without a pin
    it vouches only for itself, and an altered copy fails (P3, P18)."""
    export = export_dir / "georgia-export.json"
    full = federation.export_member("georgia", export, at=at_day(leaves_on))
    # What Georgia pins, never what the export carries: the log's verifier key and the
    # remaining councils' witness keys, from the keys this example's bodies hold.
    keyring = signer_of(federation)
    councils = [actors.council(m) for m in queries.members_on(federation, leaves_on)]
    witnesses = export_dir / "witness-keys.txt"
    witnesses.write_text("\n".join(held_witness_keys(keyring, councils)) + "\n", encoding="utf-8")
    required = len(councils) // 2 + 1
    pinned = partial(
        verify_export_file,
        log_key=held_log_key(keyring, federation),
        witness_keys=witnesses,
        require_cosigners=required,
    )
    check = pinned(export)
    yield Step(
        "Georgia takes a complete, verifiable export of its records",
        [
            f"{export.name}: {full} entries in full, every other entry as a hash link",
            f"Georgia pins the log's verifier key and {len(councils)} councils' witness keys "
            f"({witnesses.name}); at least {required} must have co-signed",
            f"isonomia verify-export {export.name} --log-key VKEY --witness-keys "
            f"{witnesses.name} --require-cosigners {required}",
            f"verified offline, with no database: {check.report.describe()}",
            f"each full entry proved in the checkpoint of {check.size} entries, co-signed by "
            f"{', '.join(check.cosigners)}",
        ],
    )
    unpinned = verify_export_file(export)
    said = unpinned.report.describe()
    if unpinned.report.ok and not unpinned.anchored:
        said = "not anchored: the export vouches for itself (exit code 3)"
    yield Step("Checked against nothing Georgia pinned, the same file proves nothing", [said])
    tampered = export_dir / "georgia-export-tampered.json"
    doc = json.loads(export.read_text(encoding="utf-8"))
    for entry in doc["entries"]:
        if entry.get("event_type") == "SecessionDecided":
            entry["payload"]["effective_on"] = "1927-01-01"
            break
    tampered.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    bad = pinned(tampered)
    yield Step(
        "A copy whose secession date was altered is rejected",
        [f"{tampered.name}: {bad.report.describe()}"],
    )
    yield Step(
        "The whole ledger verifies, every entry re-derived from a signed command",
        verified_lines(federation),
    )
