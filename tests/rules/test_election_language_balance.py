"""Language balance in an election (issue 24, P15): where the charter elects at most N persons
nominated by members sharing an official language, a winner who would exceed it is skipped
with the reason, and the ballots are counted again without them."""

from __future__ import annotations

from builders import adopt, apply, found, run, seat_delegations
from elections_world import COUNCIL, SEATED, call, charter, consent, count, delegate, nominate
from elections_world import ballot as cast
from isonomia.domain import FederationState
from isonomia.domain.elections import ElectionCounted

NOMINEES = {"petrovsky": "ukraine", "kalinin": "rsfsr", "mdivani": "georgia"}
BALLOTS = {
    "rsfsr": ["kalinin", "petrovsky", "mdivani"],
    "ukraine": ["petrovsky", "kalinin", "mdivani"],
    "belorussia": ["petrovsky", "kalinin", "mdivani"],
    "georgia": ["mdivani", "petrovsky", "kalinin"],
    "armenia": ["kalinin", "petrovsky", "mdivani"],
    "azerbaijan": ["petrovsky", "mdivani", "kalinin"],
}


def _counted(limit: int | None) -> ElectionCounted:
    base = charter()
    elections = [
        e.model_copy(update={"max_per_language": limit}) if e.office == "presidium-member" else e
        for e in base.elections
    ]
    c = base.model_copy(update={"elections": elections})
    state = seat_delegations(apply(apply(FederationState(), adopt(c)), found(c)), COUNCIL, SEATED)
    state = apply(state, call())
    for person, member in NOMINEES.items():
        state = apply(apply(state, nominate(person, member)), consent(person))
    for member, choices in BALLOTS.items():
        state = apply(state, cast(delegate(member), choices))
    events = run(state, count())
    assert isinstance(events, list)
    return next(e for e in events if isinstance(e, ElectionCounted))


def test_p15_without_a_language_limit_the_two_leaders_are_elected() -> None:
    assert sorted(_counted(None).elected) == ["kalinin", "petrovsky"]


def test_p15_a_language_limit_skips_a_second_winner_sharing_a_language() -> None:
    counted = _counted(1)
    # Ukraine and the RSFSR both have Russian as an official language: only one of their
    # candidates is elected, and Georgia's takes the second seat.
    assert sorted(counted.elected) == ["mdivani", "petrovsky"]
    [skip] = counted.skipped
    assert skip["person"] == "kalinin" and skip["principle"] == "P15"
    assert "official language is ru" in skip["reason"] and "at most 1" in skip["reason"]
