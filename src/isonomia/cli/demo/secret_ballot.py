"""The story's episode of a secret ballot (issue 24, P4): after the college's election, the
union council elects the presidium's secretary by instant runoff and secret ballot. In the
ballot period each delegation records only a commitment (the story plays every delegate and
keeps each ballot and its random nonce, as `isonomia election ballot` keeps them next to the
delegate's key); an open ballot is refused. After the period each reveals; a reveal that
does not match its commitment is refused, and Azerbaijan's delegate never reveals. The count
waits for the reveals to close and counts the revealed ballots, the unrevealed one an
abstention."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import BallotSecret, actors, at_day, provide_key, queries

ELECTION, OFFICE, COUNCIL = "secretary-1925", "presidium-secretary", "union-council"
CALLED_ON, NOMINATIONS_CLOSE = date(1925, 12, 9), date(1925, 12, 14)
OPENS, CLOSES = date(1925, 12, 16), date(1925, 12, 18)
REVEALED_ON, REVEALS_CLOSE = date(1925, 12, 19), date(1925, 12, 21)
COUNTED_ON, TERM_FROM = date(1925, 12, 22), date(1926, 1, 1)
CANDIDATES = {"yenukidze": "georgia", "kiselyov": "rsfsr", "mravian": "armenia"}
#: Each delegation's ballot, most preferred first.
BALLOTS = {
    "rsfsr": ["kiselyov", "yenukidze"],
    "ukraine": ["yenukidze", "kiselyov"],
    "belorussia": ["kiselyov", "yenukidze"],
    "georgia": ["yenukidze", "mravian"],
    "armenia": ["mravian", "yenukidze"],
    "azerbaijan": ["yenukidze", "mravian"],
}
#: The delegation that commits and never reveals.
SILENT = "azerbaijan"


def _delegate(member: str) -> str:
    return actors.person(f"{member}-{COUNCIL}")


def _secret(member: str) -> BallotSecret:
    """The delegation's ballot and nonce: the nonce fixed from a seed, so the story plays the
    same each time (a real elector's is 32 random bytes, kept next to its key until the
    reveal: `isonomia election ballot`)."""
    elector = f"{member}-{COUNCIL}"
    nonce = hashlib.sha256(f"isonomia-demo|{ELECTION}|{elector}".encode()).hexdigest()
    return BallotSecret(ELECTION, elector, tuple(BALLOTS[member]), nonce)


def _nominated(story: Story) -> None:
    """Each candidate nominated by its member's council and consenting in their own name."""
    for person, member in CANDIDATES.items():
        story.do(
            "NominateCandidate",
            actors.council(member),
            CALLED_ON,
            election=ELECTION,
            person=person,
            member=member,
        )
        if story.keyring.key_for(actors.person(person)) is None:
            provide_key(
                story.federation, story.keyring, actors.person(person), member, at_day(CALLED_ON)
            )
        story.do(
            "ConsentToCandidacy", actors.person(person), CALLED_ON, election=ELECTION, person=person
        )


def committed(story: Story) -> Iterator[Step]:
    """The call, the candidates, and one commitment a delegation; an open ballot refused."""
    story.do(
        "CallElection",
        actors.SECRETARIAT,
        CALLED_ON,
        election=ELECTION,
        office=OFFICE,
        nominations_close=NOMINATIONS_CLOSE,
        ballots_open=OPENS,
        ballots_close=CLOSES,
        term_from=TERM_FROM,
    )
    _nominated(story)
    for member in MEMBERS:
        secret = _secret(member)
        story.do(
            "CommitBallot",
            _delegate(member),
            OPENS,
            election=ELECTION,
            commitment=secret.commitment,
        )
    in_clear = story.refused(
        "CastBallot", _delegate("georgia"), CLOSES, election=ELECTION, choices=["yenukidze"]
    )
    row = queries.elections.election(story.federation, ELECTION)
    assert row is not None
    yield Step(
        f"The presidium's secretary elected by secret ballot: commitments on {OPENS} (P4)",
        [
            f"{row.election}: {row.office} by {row.organ}, {row.method}, {row.ballot} ballots; "
            f"commitments {row.ballots_open} to {row.ballots_close}, reveals until "
            f"{row.reveals_close}",
            f"candidates: {', '.join(CANDIDATES)}",
            *(
                f"{c.for_member}: committed on {c.committed_on}, SHA-256 {c.commitment[:16]}…"
                for c in queries.elections.commitments(story.federation, ELECTION)
            ),
            f"ballots in the record: {len(queries.elections.ballots(story.federation, ELECTION))}"
            " (the record shows who voted, not how, until the reveals)",
            f"georgia's delegate casting an open ballot on {CLOSES}:",
        ],
        refused=in_clear,
        on=OPENS,
    )


def revealed(story: Story) -> Iterator[Step]:
    """The reveals after the period, a forged one refused, one delegation silent."""
    forged = story.refused(
        "RevealBallot",
        _delegate("georgia"),
        REVEALED_ON,
        election=ELECTION,
        choices=["kiselyov"],
        nonce=_secret("georgia").nonce,
    )
    for member in MEMBERS:
        if member == SILENT:
            continue
        secret = _secret(member)
        story.do(
            "RevealBallot",
            _delegate(member),
            REVEALED_ON,
            election=ELECTION,
            choices=list(secret.choices),
            nonce=secret.nonce,
        )
    yield Step(
        f"The ballots revealed on {REVEALED_ON}, after the period; {SILENT} never reveals (P4)",
        [
            f"{b.for_member}: {b.choices}"
            for b in queries.elections.ballots(story.federation, ELECTION)
        ]
        + [
            "each reveal hashed again by the rules and compared with its commitment; from now "
            "on every ballot is public, with its delegation",
            "georgia's delegate revealing another ballot than it committed to:",
        ],
        refused=forged,
        on=REVEALED_ON,
    )


def counted(story: Story) -> Iterator[Step]:
    """A count before the reveals close refused; the count of the revealed ballots."""
    early = story.refused("CountElection", actors.SECRETARIAT, REVEALS_CLOSE, election=ELECTION)
    story.do("CountElection", actors.SECRETARIAT, COUNTED_ON, election=ELECTION)
    row = queries.elections.election(story.federation, ELECTION)
    assert row is not None
    header, *rounds = row.tables.get("rounds", [[]])
    yield Step(
        f"The count on {COUNTED_ON} of the revealed ballots (P4)",
        [
            f"{row.ballots} ballots revealed, {row.abstentions} abstention (committed, never "
            f"revealed); quota {row.quota}",
            "  ".join(header),
            *("  ".join(cell or "-" for cell in r) for r in rounds),
            f"elected: {row.elected}",
            f"the count asked for on {REVEALS_CLOSE}, the reveals' last day:",
        ],
        refused=early,
        on=COUNTED_ON,
    )
