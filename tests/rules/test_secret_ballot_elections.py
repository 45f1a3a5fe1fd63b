"""Secret ballots (issue 24, P4): a commitment in the ballot period, the ballot revealed in
the charter's window after it, unrevealed commitments counted as abstentions; each refusal,
and the property that a secret election counts exactly as the same revealed ballots cast
openly."""

from __future__ import annotations

import functools
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import apply, run
from elections_world import (
    CLOSES,
    COUNTED,
    OPENS,
    REVEALED,
    REVEALS_CLOSE,
    ballot,
    call,
    commit,
    consent,
    count,
    delegate,
    nominate,
    nonce_of,
    reveal,
    union,
    with_candidates,
)
from isonomia.domain import FederationState
from isonomia.domain.elections import ElectionCalled, ElectionCounted, book
from isonomia.domain.refusal import Refusal
from isonomia.domain.secret_ballots import BallotCommitted, BallotRevealed
from isonomia.rules import handle
from isonomia.rules.secret_ballots import BALLOT_TAG, ballot_commitment

BALLOTS = {
    "rsfsr": ["kalinin", "petrovsky"],
    "ukraine": ["petrovsky", "kalinin"],
    "belorussia": ["chervyakov", "kalinin"],
    "georgia": ["kalinin", "chervyakov"],
    "armenia": ["kalinin", "frunze"],
    "azerbaijan": ["petrovsky", "chervyakov"],
}
AFTER_REVEALS = REVEALS_CLOSE + timedelta(days=1)


def refusal(result: object, principle: str = "P4") -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def _secret() -> FederationState:
    return with_candidates(union(), office="auditor")


def _committed() -> FederationState:
    state = _secret()
    for member, choices in BALLOTS.items():
        state = apply(state, commit(delegate(member), choices))
    return state


def _revealed(skip: tuple[str, ...] = ()) -> FederationState:
    state = _committed()
    for member, choices in BALLOTS.items():
        if member not in skip:
            state = apply(state, reveal(delegate(member), choices))
    return state


def _counted(state: FederationState, day: object = AFTER_REVEALS) -> ElectionCounted:
    handled = handle(state, count(day=day), day)  # type: ignore[arg-type]
    assert not isinstance(handled, Refusal), str(handled)
    return next(e for e in handled.decided if isinstance(e, ElectionCounted))


def test_a_secret_call_records_its_reveal_window() -> None:
    state = union()
    called = run(state, call(office="auditor"))
    assert not isinstance(called, Refusal)
    event = next(e for e in called if isinstance(e, ElectionCalled))
    assert (event.ballot, event.reveals_close) == ("secret", REVEALS_CLOSE)


def test_p15_a_secret_term_begins_after_the_reveals() -> None:
    reason = refusal(run(union(), call(office="auditor", term_from=REVEALS_CLOSE)), "P15")
    assert "reveals of the secret ballots" in reason


def test_a_commitment_records_who_committed_never_the_ballot() -> None:
    decided = run(_secret(), commit(delegate("georgia"), ["kalinin"]))
    assert not isinstance(decided, Refusal)
    (event,) = decided
    assert isinstance(event, BallotCommitted)
    assert (event.elector, event.for_member) == (delegate("georgia"), "georgia")
    assert "kalinin" not in event.model_dump_json()
    assert event.commitment == ballot_commitment(
        "e1", delegate("georgia"), ["kalinin"], nonce_of(delegate("georgia"))
    )


def test_the_commitment_is_sha256_of_a_domain_separated_ballot() -> None:
    import hashlib

    nonce = "ab" * 32
    expected = hashlib.sha256(
        f'["{BALLOT_TAG}","e1","x",["a","b"],"{nonce}"]'.encode("ascii")
    ).hexdigest()
    assert ballot_commitment("e1", "x", ["a", "b"], nonce) == expected
    assert ballot_commitment("e1", "y", ["a", "b"], nonce) != expected
    assert ballot_commitment("e2", "x", ["a", "b"], nonce) != expected
    assert ballot_commitment("e1", "x", ["b", "a"], nonce) != expected


def test_p4_an_open_ballot_in_a_secret_election_is_refused() -> None:
    reason = refusal(run(_secret(), ballot(delegate("georgia"), ["kalinin"])))
    assert "are secret" in reason and "CommitBallot" in reason


def test_p4_a_commitment_in_an_open_election_is_refused() -> None:
    state = with_candidates(union())
    assert "are open" in refusal(run(state, commit(delegate("georgia"), ["kalinin"])))


def test_p4_a_commitment_outside_the_ballot_period_is_refused() -> None:
    state = _secret()
    for day in (OPENS - timedelta(days=1), CLOSES + timedelta(days=1)):
        reason = refusal(run(state, commit(delegate("georgia"), ["kalinin"], day=day)))
        assert "run from" in reason


def test_p4_a_second_commitment_is_refused() -> None:
    state = apply(_secret(), commit(delegate("georgia"), ["kalinin"]))
    again = commit(delegate("georgia"), ["petrovsky"], day=CLOSES)
    assert "one commitment each" in refusal(run(state, again))


def test_p4_a_non_elector_commits_no_ballot() -> None:
    reason = refusal(run(_secret(), commit("stranger", ["kalinin"])))
    assert "sits in union-council for no member" in reason


def test_p4_a_reveal_that_does_not_match_is_refused() -> None:
    state = _committed()
    other_ballot = reveal(delegate("georgia"), ["petrovsky"])
    assert "do not match" in refusal(run(state, other_ballot))
    other_nonce = reveal(delegate("georgia"), BALLOTS["georgia"], nonce="cd" * 32)
    assert "do not match" in refusal(run(state, other_nonce))


def test_p4_a_reveal_outside_the_window_is_refused() -> None:
    state = _committed()
    for day in (CLOSES, AFTER_REVEALS):
        late = reveal(delegate("georgia"), BALLOTS["georgia"], day=day)
        assert "are revealed after" in refusal(run(state, late))


def test_p4_a_reveal_without_a_commitment_or_twice_is_refused() -> None:
    state = _committed()
    assert "committed to no ballot" in refusal(run(state, reveal("stranger", ["kalinin"])))
    state = apply(state, reveal(delegate("georgia"), BALLOTS["georgia"]))
    again = reveal(delegate("georgia"), BALLOTS["georgia"], day=REVEALED + timedelta(days=1))
    assert "is revealed" in refusal(run(state, again))


def test_p4_a_revealed_ballot_still_follows_the_ballot_rules() -> None:
    state = apply(_secret(), commit(delegate("georgia"), ["nobody"]))
    assert "no candidate on the ballot" in refusal(
        run(state, reveal(delegate("georgia"), ["nobody"]))
    )


def test_p4_a_count_before_the_reveals_close_is_refused() -> None:
    state = _revealed()
    for day in (COUNTED, REVEALS_CLOSE):
        assert "reveals of its secret ballots close" in refusal(run(state, count(day=day)))


def test_a_revealed_ballot_is_recorded_with_its_nonce_and_elector() -> None:
    decided = run(_committed(), reveal(delegate("armenia"), BALLOTS["armenia"]))
    assert not isinstance(decided, Refusal)
    (event,) = decided
    assert isinstance(event, BallotRevealed)
    assert (event.elector, event.for_member, event.choices) == (
        delegate("armenia"),
        "armenia",
        BALLOTS["armenia"],
    )
    again = ballot_commitment("e1", event.elector, event.choices, event.nonce)
    assert again == book(_committed()).elections["e1"].commitments["armenia"][1]


def test_unrevealed_commitments_are_abstentions_and_the_rest_are_counted() -> None:
    counted = _counted(_revealed(skip=("azerbaijan", "belorussia")))
    assert counted.ballots == 4
    assert counted.abstentions == 2
    open_state = with_candidates(union())
    for member, choices in BALLOTS.items():
        if member not in ("azerbaijan", "belorussia"):
            open_state = apply(open_state, ballot(delegate(member), choices))
    open_count = _counted(open_state, COUNTED)
    assert (counted.elected, counted.tables) == (open_count.elected, open_count.tables)


CANDIDATES = ["a", "b", "c", "d"]
ELECTORS = [f"v{i}" for i in range(1, 10)]


@functools.cache
def _named(office: str, election: str) -> FederationState:
    state = apply(union(), call(election=election, office=office, electorate=ELECTORS))
    for i, person in enumerate(CANDIDATES):
        member = ("rsfsr", "ukraine", "georgia", "armenia")[i]
        state = apply(state, nominate(person, member, election=election))
        state = apply(state, consent(person, election=election))
    return state


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.permutations(CANDIDATES).flatmap(
                lambda p: st.integers(1, len(p)).map(lambda n: list(p[:n]))
            ),
            st.booleans(),
        ),
        min_size=len(ELECTORS),
        max_size=len(ELECTORS),
    )
)
def test_a_secret_count_equals_the_open_count_of_the_revealed_ballots(
    cast: list[tuple[list[str], bool]],
) -> None:
    secret = _named("juror", "s")
    public = _named("deputy", "o")
    for elector, (choices, _revealed_too) in zip(ELECTORS, cast, strict=True):
        secret = apply(secret, commit(elector, choices, election="s"))
    for elector, (choices, revealed_too) in zip(ELECTORS, cast, strict=True):
        if revealed_too:
            secret = apply(secret, reveal(elector, choices, election="s"))
            public = apply(public, ballot(elector, choices, election="o"))
    handled = handle(secret, count(day=AFTER_REVEALS, election="s"), AFTER_REVEALS)
    opened = handle(public, count(day=COUNTED, election="o"), COUNTED)
    assert not isinstance(handled, Refusal) and not isinstance(opened, Refusal)
    s = next(e for e in handled.decided if isinstance(e, ElectionCounted))
    o = next(e for e in opened.decided if isinstance(e, ElectionCounted))
    revealed = sum(1 for _c, r in cast if r)
    assert (s.elected, s.tables, s.quota, s.skipped) == (o.elected, o.tables, o.quota, o.skipped)
    assert s.ballots == o.ballots == revealed
    assert s.abstentions == len(ELECTORS) - revealed and o.abstentions == 0
