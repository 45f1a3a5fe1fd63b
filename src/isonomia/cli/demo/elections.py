"""The story's episodes about an election (issue 24, P4, P15): after the inspection's first
case, the union council elects the inspection's college of three by single transferable vote.
The secretariat calls the election with the charter's notice (a call that would open the
ballots sooner is refused), the members' councils nominate, each candidate consents in their
own name, every delegation casts one open, ranked ballot (a second is refused), and the count
prints its rounds, skips the second person of one member (one per member), and seats the
elected in office."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import actors, at_day, provide_key, queries

ELECTION, OFFICE, COUNCIL = "college-1925", "inspection-college", "union-council"
CALLED_ON = date(1925, 11, 16)
NOMINATIONS_CLOSE = date(1925, 11, 25)
OPENS, CLOSES = date(1925, 11, 30), date(1925, 12, 7)
COUNTED_ON, TERM_FROM = date(1925, 12, 8), date(1926, 1, 1)
#: Each candidate and the member whose council nominates them: Ukraine names two.
CANDIDATES = {
    "kuibyshev": "rsfsr",
    "zatonsky": "ukraine",
    "skrypnyk": "ukraine",
    "chervyakov": "belorussia",
    "makharadze": "georgia",
}
#: The candidate whose council tries to consent in their name.
FORGED = "skrypnyk"
#: Each delegation's open ballot, most preferred first (Uzbekistan seats no delegate in the
#: council in this story, so the six founding members vote).
BALLOTS = {
    "rsfsr": ["kuibyshev", "zatonsky", "makharadze"],
    "ukraine": ["zatonsky", "skrypnyk", "kuibyshev"],
    "belorussia": ["skrypnyk", "chervyakov", "zatonsky"],
    "georgia": ["makharadze", "zatonsky", "chervyakov"],
    "armenia": ["zatonsky", "makharadze", "kuibyshev"],
    "azerbaijan": ["skrypnyk", "makharadze", "kuibyshev"],
}


def _call(ballots_open: date) -> dict[str, object]:
    return {
        "election": ELECTION,
        "office": OFFICE,
        "nominations_close": NOMINATIONS_CLOSE,
        "ballots_open": ballots_open,
        "ballots_close": CLOSES,
        "term_from": TERM_FROM,
    }


def called(story: Story) -> Iterator[Step]:
    """The call with its notice; a call that opens the ballots too soon is refused (P4)."""
    early = date(1925, 11, 27)
    refused = story.refused(
        "CallElection", actors.SECRETARIAT, CALLED_ON, **_call(ballots_open=early)
    )
    yield Step(
        f"Calling the election of the inspection's college on {CALLED_ON}, ballots from {early}",
        refused=refused,
        on=CALLED_ON,
    )
    story.do("CallElection", actors.SECRETARIAT, CALLED_ON, **_call(ballots_open=OPENS))
    row = queries.elections.election(story.federation, ELECTION)
    assert row is not None
    yield Step(
        "The election called with the charter's notice (P4)",
        [
            f"{row.election}: {row.seats} seats of {row.office}, elected by {row.organ} "
            f"({row.method}, one per member: {'yes' if row.one_per_member else 'no'}, "
            f"at most {_language_limit(story)} from members sharing a language)",
            f"called {row.called_on}; nominations close {row.nominations_close}; "
            f"ballots {row.ballots_open} to {row.ballots_close}; term from {row.term_from}",
            f"electors: each member's delegate sitting in {row.organ}, one ballot a member",
        ],
        on=CALLED_ON,
    )
    forged = ""
    for day_offset, (person, member) in enumerate(CANDIDATES.items()):
        day = date(1925, 11, 17 + day_offset)
        story.do(
            "NominateCandidate",
            actors.council(member),
            day,
            election=ELECTION,
            person=person,
            member=member,
        )
        if story.keyring.key_for(actors.person(person)) is None:
            provide_key(story.federation, story.keyring, actors.person(person), member, at_day(day))
        if person == FORGED:
            forged = story.refused(
                "ConsentToCandidacy", actors.council(member), day, election=ELECTION, person=person
            )
        story.do("ConsentToCandidacy", actors.person(person), day, election=ELECTION, person=person)
    yield Step(
        "The members' councils nominate; each candidate consents in their own name (P4)",
        [
            f"{c.person}: nominated by {c.member}'s council on {c.nominated_on}, "
            f"consented on {c.consented_on or '-'}"
            for c in queries.elections.candidates(story.federation, ELECTION)
        ]
        + [f"{CANDIDATES[FORGED]}'s council consenting for {FORGED}:"],
        refused=forged,
    )


def counted(story: Story) -> Iterator[Step]:
    """Open ranked ballots, a second refused; the count's rounds, one per member (P4, P15)."""
    for member in MEMBERS:
        story.do(
            "CastBallot",
            actors.person(f"{member}-{COUNCIL}"),
            OPENS,
            election=ELECTION,
            choices=BALLOTS[member],
        )
    again = story.refused(
        "CastBallot",
        actors.person(f"ukraine-{COUNCIL}"),
        CLOSES,
        election=ELECTION,
        choices=["skrypnyk", "zatonsky"],
    )
    yield Step(
        f"Each delegation casts one open, ranked ballot on {OPENS} (P4)",
        [
            f"{b.for_member or b.elector}: {b.choices}"
            for b in queries.elections.ballots(story.federation, ELECTION)
        ]
        + [f"ukraine's delegate voting again on {CLOSES}:"],
        refused=again,
    )
    story.do("CountElection", actors.SECRETARIAT, COUNTED_ON, election=ELECTION)
    row = queries.elections.election(story.federation, ELECTION)
    assert row is not None
    header, *rounds = row.tables.get("rounds", [[]])
    lines = [
        f"{row.ballots} ballots, quota {row.quota}",
        "  ".join(header),
        *("  ".join(cell or "-" for cell in r) for r in rounds),
    ]
    lines += [f"{s['principle']}: {s['reason']}" for s in row.skipped]
    lines.append(f"elected: {row.elected}")
    yield Step(f"The count on {COUNTED_ON}, round by round (P15)", lines, on=COUNTED_ON)
    elected = set((row.elected or "").split(", "))
    held = [
        f"{r.person}: {'; '.join(r.offices)}"
        for r in queries.offices_report(story.federation, TERM_FROM)
        if r.person in elected
    ]
    yield Step(
        f"The elected take office on {TERM_FROM} (`isonomia offices report`)",
        held or ["no one holds the office"],
        on=TERM_FROM,
    )


def _language_limit(story: Story) -> str:
    setting = queries.charter(story.federation).election("inspection-college")
    limit = setting.max_per_language if setting is not None else None
    return "any number" if limit is None else str(limit)
