"""The story's episodes about membership: the charter adopted as the record's first entry,
the founding by formal unification (P1, P5), the power the charter's rules give (P12, P13),
and an accession on the candidate's own terms, admitted by the delegations' own votes (P2,
P4, P5, P7)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import FOUNDING_DECISIONS, MEMBERS, Step, Story
from isonomia.service import (
    Candidate,
    CastVote,
    CountVotes,
    DecideAccession,
    FoundUnion,
    ProposeAdmission,
    TableMotion,
    actors,
    at_day,
    example_charter,
    founding_decisions,
    own_key,
    queries,
)
from isonomia.service.audit import audit_charter

FOUNDED_ON = date(1922, 12, 30)
ACCESSION_DECIDED = date(1925, 2, 17)
ADMISSION_SESSION, ADMISSION_OPENS = "uc-1925-05-11", date(1925, 5, 11)
#: The day the admission's vote closes, counted, and Uzbekistan joins.
ADMITTED_ON = date(1925, 5, 13)
ADMISSION_MOVED = date(1925, 4, 20)

UZBEKISTAN = Candidate(
    id="uzbekistan",
    name="Uzbek Socialist Soviet Republic",
    congress="All-Uzbek Congress of Soviets",
    population=5272801,
    population_year=1926,
    population_source="All-Union Census of 17 December 1926 (Central Statistical Administration)",
    languages=["uz", "tg", "ru"],
)


def adoption(story: Story) -> Iterator[Step]:
    """The charter is adopted as the ledger's first entry."""
    outcome = story.federation.initialize(
        example_charter("union-1922"), at=at_day(FOUNDED_ON), clock="simulated"
    )
    charter = queries.charter(story.federation)
    yield Step(
        "The charter is adopted and recorded as the ledger's first entry",
        [
            f"{charter.union.name}, seat {charter.union.seat}",
            f"{len(charter.members)} founding members; ledger entry "
            f"{outcome.entries[0].sequence}, hash {outcome.entries[0].hash[:16]}…",
        ],
    )


def founding(story: Story) -> Iterator[Step]:
    """Founding by formal unification, each member deciding at its own congress (P1, P5)."""
    # Each congress signs its own decision with its own key (P1); the secretariat only
    # submits the founding act that gathers them.
    decisions = founding_decisions(
        story.federation, story.keyring, list(FOUNDING_DECISIONS.items())
    )
    founds = {"founded_on": FOUNDED_ON}
    refused = story.refused(
        FoundUnion, actors.SECRETARIAT, FOUNDED_ON, **founds, decisions=decisions[:-1]
    )
    yield Step("Founding without Azerbaijan's own decision is refused", refused=refused)
    story.do(FoundUnion, actors.SECRETARIAT, FOUNDED_ON, **founds, decisions=decisions)
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


def power_audit(story: Story) -> Iterator[Step]:
    """What the charter's rules do to power, beside a population-weighted majority (P12)."""
    result = audit_charter(example_charter("union-1922"))
    ordinary = next(r for r in result.rules if r.rule == "ordinary")
    largest = max(ordinary.members, key=lambda m: m.population_share)
    weighted = next(m for m in result.population_majority.members if m.id == largest.id)
    yield Step(
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


def accession_decided(story: Story) -> Iterator[Step]:
    """Uzbekistan's own congress decides to join, on its own terms (P2)."""
    story.do(
        DecideAccession,
        actors.congress("uzbekistan"),
        ACCESSION_DECIDED,
        candidate=UZBEKISTAN,
        decided_on=ACCESSION_DECIDED,
        accepts_fields=["military", "diplomacy", "foreign-trade", "railways", "finance"],
        joins_departments=["narkomput"],
        # Uzbekistan's congress brings its own key with its decision, and signs with it (P2).
        congress_key=own_key(story.keyring, actors.congress("uzbekistan")),
    )
    yield Step(
        "Uzbekistan's own congress decides to join, on its own terms (P2)",
        [
            "accepts: military, diplomacy, foreign-trade, railways, finance (not posts)",
            "joins the joint department narkomput (railways); keeps its own departments otherwise",
        ],
    )


def admission_vote(story: Story) -> Iterator[Step]:
    """The union council decides the admission by a motion its delegations vote on
    themselves: no one fills in the members' votes, and no count comes before every
    delegation present has voted or the vote has closed (P2, P4)."""
    motion, ukraine = "admission-uzbekistan", actors.council("ukraine")
    opens, closes = ADMISSION_OPENS, ADMITTED_ON
    # Ukraine's own council moves the admission in the council it sits in (P4), and its draft
    # goes to every republic the charter's notice before the session (P4).
    story.do(ProposeAdmission, ukraine, ADMISSION_MOVED, motion=motion, candidate="uzbekistan")
    story.do("CirculateDraft", actors.SECRETARIAT, ADMISSION_MOVED, motion=motion)
    story.convene(ADMISSION_SESSION, "union-council", opens)
    story.do(
        TableMotion,
        ukraine,
        opens,
        motion=motion,
        session=ADMISSION_SESSION,
        voting_closes_on=closes,
    )
    for member in MEMBERS:
        if member != "georgia":
            _cast(story, motion, member, opens)
    early = story.refused(
        CountVotes, story.chair("union-council", "count", opens), opens, motion=motion
    )
    yield Step(
        f"Ukraine's council moves Uzbekistan's admission; the vote is open until {closes} (P4)",
        [
            "five delegations vote yes at the session of 1925-05-11; Georgia's has not voted,",
            "and the secretariat's count before it has, or before the vote closes, is refused:",
        ],
        refused=early,
    )
    _cast(story, motion, "georgia", closes)
    story.do(CountVotes, story.chair("union-council", "count", closes), closes, motion=motion)
    yield Step(
        f"Georgia's delegate votes on {closes}; the count by the charter's accession rule "
        "admits Uzbekistan unanimously, and it joins the end of the rotation (P2, P5)",
        [f"{motion}: {queries.act_history(story.federation, motion)[-1][1]}"],
        table="presidency",
        on=closes,
    )


def _cast(story: Story, motion: str, member: str, day: date) -> None:
    """The member's own delegate in the union council votes yes (P4)."""
    delegate = actors.person(f"{member}-union-council")
    story.do(CastVote, delegate, day, motion=motion, member=member, vote="yes")


def narkomput_in_uzbekistan(story: Story) -> Iterator[Step]:
    """The joint department Uzbekistan joined now needs a representative there (P7)."""
    yield Step(
        "Narkomput needs a representative with staff in Uzbekistan too (P7)",
        story.department_lines(ADMITTED_ON),
    )


TERMS_DRAFTED, TERMS_VOTED = date(1925, 8, 3), date(1925, 8, 17)
POSTAL = "uc-postal-rates"


def terms_bind(story: Story) -> Iterator[Step]:
    """Uzbekistan joined for military, diplomacy, foreign trade, railways and finance: a union
    act on posts and telegraphs does not bind it, though its delegates vote on it (P2)."""
    session = f"uc-{TERMS_VOTED}"
    story.convene(session, "union-council", TERMS_DRAFTED, held_on=TERMS_VOTED)
    reason = story.vote(
        POSTAL,
        "union-council",
        session,
        TERMS_VOTED,
        circulated=TERMS_DRAFTED,
        title="Postal rates",
        text="Letter post costs the same across the union.",
        field="posts-and-telegraphs",
        kind="decision",
        force="mandatory",
    )
    story.do("PublishAct", actors.SECRETARIAT, TERMS_VOTED, act=POSTAL)
    text = "[ru] Letter post costs the same across the union."
    story.do("SubmitVersion", actors.SECRETARIAT, TERMS_VOTED, act=POSTAL, language="ru", text=text)
    story.do("CertifyVersion", actors.council("rsfsr"), TERMS_VOTED, act=POSTAL, language="ru")
    statuses = queries.act_status(story.federation, POSTAL, TERMS_VOTED) or []
    rows = {r.member: r.status for r in statuses}
    yield Step(
        f"{POSTAL}, outside Uzbekistan's terms of accession (P2)",
        [
            f"{POSTAL}: {reason}",
            f"  rsfsr: {rows['rsfsr']}",
            f"  uzbekistan: {rows['uzbekistan']}",
        ],
    )
