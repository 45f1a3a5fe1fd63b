"""Elections of persons (issue 24, P4, P15): a call with notice, nominations with consent,
open ballots signed by the electors, and a count by the engine that skips a winner who would
break the charter's office limits."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import apply, run
from elections_world import (
    CALLED,
    CANDIDATES,
    CLOSES,
    COUNTED,
    OPENS,
    TERM,
    ballot,
    call,
    consent,
    count,
    delegate,
    nominate,
    union,
    with_candidates,
)
from isonomia.domain import OfficialAppointed
from isonomia.domain.elections import (
    BallotCast,
    ElectionCalled,
    ElectionCounted,
    book,
)
from isonomia.domain.refusal import Refusal
from isonomia.voting.elections import count_ballots


def refusal(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


#: Six delegations' ballots for the presidium's two seats: quota 3 (six ballots, two seats).
BALLOTS = {
    "rsfsr": ["kalinin", "petrovsky"],
    "ukraine": ["petrovsky", "kalinin"],
    "belorussia": ["chervyakov", "kalinin"],
    "georgia": ["kalinin", "chervyakov"],
    "armenia": ["kalinin", "frunze"],
    "azerbaijan": ["petrovsky", "chervyakov"],
}


def _voted(max_per_person: int = 3) -> object:
    state = with_candidates(union(max_per_person))
    for member, choices in BALLOTS.items():
        state = apply(state, ballot(delegate(member), choices))
    return state


def test_a_call_records_the_charter_method_seats_and_period() -> None:
    events = run(union(), call())
    assert isinstance(events, list)
    called = next(e for e in events if isinstance(e, ElectionCalled))
    assert (called.method, called.seats, called.organ) == ("stv", 2, "union-council")
    assert called.one_per_member and called.ballots_open == OPENS


def test_p4_ballot_period_opens_no_sooner_than_the_charter_notice() -> None:
    early = call(ballots_open=CALLED + timedelta(days=13), nominations_close=CALLED)
    assert "14 days' notice" in refusal(run(union(), early), "P4")
    assert isinstance(run(union(), call(ballots_open=CALLED + timedelta(days=14))), list)


def test_p15_only_an_office_the_charter_elects_is_called() -> None:
    assert "by election" in refusal(run(union(), call(office="general-secretary")), "P15")


def test_p4_only_the_secretariat_calls_an_election() -> None:
    from builders import command
    from isonomia.domain import actors
    from isonomia.domain.elections import CallElection

    other = command(
        CallElection,
        actors.council("georgia"),
        CALLED,
        election="e1",
        office="presidium-member",
        nominations_close=date(1923, 2, 10),
        ballots_open=OPENS,
        ballots_close=CLOSES,
        term_from=TERM,
    )
    refusal(run(union(), other), "P4")


def test_p4_delegates_election_names_no_electorate() -> None:
    assert "name no electorate" in refusal(run(union(), call(electorate=["x"])), "P4")


def test_p4_nomination_only_by_the_member_own_council() -> None:
    state = apply(union(), call())
    wrong = nominate("kalinin", "rsfsr").model_copy(update={"actor": "council:georgia"})
    refusal(run(state, wrong), "P4")


def test_p4_nomination_after_nominations_close_is_refused() -> None:
    state = apply(union(), call())
    late = nominate("kalinin", "rsfsr", day=date(1923, 2, 11))
    assert "closed" in refusal(run(state, late), "P4")


def test_p4_consent_only_by_the_candidate_in_their_own_name() -> None:
    state = apply(apply(union(), call()), nominate("kalinin", "rsfsr"))
    forged = consent("kalinin").model_copy(update={"actor": "council:rsfsr"})
    refusal(run(state, forged), "P4")
    assert isinstance(run(state, consent("kalinin")), list)


def test_p4_unconsented_candidate_is_not_on_the_ballot() -> None:
    state = apply(apply(union(), call()), nominate("kalinin", "rsfsr"))
    state = apply(state, nominate("petrovsky", "ukraine"))
    state = apply(state, consent("petrovsky"))
    reason = refusal(run(state, ballot(delegate("rsfsr"), ["kalinin"])), "P4")
    assert "kalinin is no candidate on the ballot" in reason
    assert isinstance(run(state, ballot(delegate("rsfsr"), ["petrovsky"])), list)


def test_p4_consent_of_a_person_not_nominated_is_refused() -> None:
    state = apply(union(), call())
    assert "not nominated" in refusal(run(state, consent("kalinin")), "P4")


def test_p4_non_elector_ballot_is_refused() -> None:
    state = with_candidates(union())
    reason = refusal(run(state, ballot("stranger", ["kalinin"])), "P4")
    assert "only its delegates vote" in reason


def test_p4_a_delegation_votes_once() -> None:
    state = apply(with_candidates(union()), ballot(delegate("georgia"), ["kalinin"]))
    again = ballot(delegate("georgia"), ["petrovsky"], day=OPENS + timedelta(days=1))
    assert "has cast its ballot" in refusal(run(state, again), "P4")


def test_p4_ballot_outside_the_period_is_refused() -> None:
    state = with_candidates(union())
    before = ballot(delegate("georgia"), ["kalinin"], day=OPENS - timedelta(days=1))
    after = ballot(delegate("georgia"), ["kalinin"], day=CLOSES + timedelta(days=1))
    refusal(run(state, before), "P4")
    refusal(run(state, after), "P4")
    assert isinstance(run(state, ballot(delegate("georgia"), ["kalinin"], day=CLOSES)), list)


def test_p4_a_ballot_names_each_candidate_once() -> None:
    state = with_candidates(union())
    refusal(run(state, ballot(delegate("georgia"), ["kalinin", "kalinin"])), "P4")


def test_p4_count_before_the_period_ends_is_refused() -> None:
    state = _voted()
    assert "once its ballot period closes" in refusal(run(state, count(day=CLOSES)), "P4")


def test_p4_an_election_is_counted_once() -> None:
    state = apply(_voted(), count())
    refusal(run(state, count(day=COUNTED + timedelta(days=1))), "P4")


def test_the_count_records_the_round_table_and_the_elected_take_office() -> None:
    state = _voted()
    events = run(state, count())
    assert isinstance(events, list)
    counted = next(e for e in events if isinstance(e, ElectionCounted))
    assert counted.ballots == 6 and counted.quota == "3"
    header, *rounds = counted.tables["rounds"]
    assert header[:5] == ["round", "kalinin", "petrovsky", "frunze", "chervyakov"]
    # first preferences: kalinin 3 (elected on the quota), petrovsky 2, chervyakov 1
    assert rounds[0][1:5] == ["3", "2", "0", "1"] and rounds[0][6] == "kalinin"
    assert counted.elected == ["kalinin", "petrovsky"]
    assert counted.skipped == []
    appointed = [e for e in events if isinstance(e, OfficialAppointed)]
    assert [(e.person, e.office, e.act, e.term_from) for e in appointed] == [
        ("kalinin", "presidium-member", "e1", TERM),
        ("petrovsky", "presidium-member", "e1", TERM),
    ]
    after = apply(state, count())
    assert book(after).elections["e1"].elected == ("kalinin", "petrovsky")
    assert any(h.office == "office:presidium-member" for h in after.offices.of("kalinin"))


def test_p15_one_per_member_skips_a_second_person_of_the_same_member() -> None:
    state = with_candidates(union())
    # Ukraine's two candidates lead; only one may be elected (one_per_member).
    votes = {
        "rsfsr": ["petrovsky", "frunze"],
        "ukraine": ["petrovsky", "frunze"],
        "belorussia": ["frunze", "petrovsky"],
        "georgia": ["frunze", "chervyakov"],
        "armenia": ["petrovsky", "frunze"],
        "azerbaijan": ["chervyakov", "kalinin"],
    }
    for member, choices in votes.items():
        state = apply(state, ballot(delegate(member), choices))
    events = run(state, count())
    assert isinstance(events, list)
    counted = next(e for e in events if isinstance(e, ElectionCounted))
    assert counted.elected == ["petrovsky", "chervyakov"]
    [skip] = counted.skipped
    assert skip["person"] == "frunze" and skip["principle"] == "P15"
    assert "at most one person a member" in skip["reason"]


def test_p15_a_winner_who_would_hold_too_many_offices_is_skipped() -> None:
    # With one office a person, a delegate sitting in the council cannot also be elected.
    state = union(max_per_person=1)
    state = apply(state, call())
    for person, member in (
        (delegate("georgia"), "georgia"),
        ("petrovsky", "ukraine"),
        ("chervyakov", "belorussia"),
    ):
        state = apply(state, nominate(person, member))
        state = apply(state, consent(person))
    votes = {
        "rsfsr": [delegate("georgia"), "petrovsky"],
        "ukraine": ["petrovsky"],
        "belorussia": ["chervyakov"],
        "georgia": [delegate("georgia")],
        "armenia": [delegate("georgia"), "chervyakov"],
        "azerbaijan": ["petrovsky"],
    }
    for member, choices in votes.items():
        state = apply(state, ballot(delegate(member), choices))
    events = run(state, count())
    assert isinstance(events, list)
    counted = next(e for e in events if isinstance(e, ElectionCounted))
    assert counted.skipped[0]["person"] == delegate("georgia")
    assert "offices at once" in counted.skipped[0]["reason"]
    assert counted.elected == ["petrovsky", "chervyakov"]
    header = counted.tables["rounds"][0]
    assert delegate("georgia") not in header


def test_ballot_cast_records_the_elector_and_the_member() -> None:
    events = run(with_candidates(union()), ballot(delegate("georgia"), ["kalinin"]))
    assert isinstance(events, list)
    cast = next(e for e in events if isinstance(e, BallotCast))
    assert (cast.elector, cast.for_member) == (delegate("georgia"), "georgia")


def test_named_electorate_votes_one_ballot_each() -> None:
    state = apply(union(), call(election="e2", office="leader", electorate=["ann", "bob", "cy"]))
    for person, member in (("kalinin", "rsfsr"), ("petrovsky", "ukraine")):
        state = apply(state, nominate(person, member, election="e2"))
        state = apply(state, consent(person, election="e2"))
    refusal(run(state, ballot(delegate("rsfsr"), ["kalinin"], election="e2")), "P4")
    for elector, choices in (
        ("ann", ["kalinin", "petrovsky"]),
        ("bob", ["petrovsky", "kalinin"]),
        ("cy", ["kalinin"]),
    ):
        state = apply(state, ballot(elector, choices, election="e2"))
    events = run(state, count(election="e2"))
    assert isinstance(events, list)
    counted = next(e for e in events if isinstance(e, ElectionCounted))
    assert counted.elected == ["kalinin"]
    assert counted.tables["strongest_paths"][1] == ["kalinin", "0", "2"]


def test_p4_named_electorate_call_must_name_it() -> None:
    assert "name the electorate" in refusal(run(union(), call(office="leader")), "P4")


def test_count_ballots_plurality_and_approval() -> None:
    ballots = [["a"], ["b"], ["a"]]
    assert count_ballots("plurality", 1, ["a", "b"], ballots).elected == ("a",)
    approval = count_ballots("approval", 2, ["a", "b", "c"], [["a", "b"], ["b", "c"], ["b"]])
    assert approval.elected == ("b", "a")
    assert approval.tables["scores"][1] == ["b", "3"]


def test_p15_a_call_gives_a_term_within_the_charter_term_limit() -> None:
    from builders import adopt, found
    from elections_world import charter
    from isonomia.domain import FederationState

    limited = charter()
    limited = limited.model_copy(
        update={"offices": limited.offices.model_copy(update={"term_days": 365})}
    )
    state = apply(apply(FederationState(), adopt(limited)), found(limited))
    assert "at most 365 days" in refusal(run(state, call()), "P15")
    assert isinstance(run(state, call(term_until=TERM + timedelta(days=365))), list)


ELECTORS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")


@settings(max_examples=25, deadline=None)
@given(
    method=st.sampled_from(["stv", "irv", "schulze", "approval", "plurality"]),
    choices=st.lists(
        st.permutations(list(CANDIDATES)).flatmap(
            lambda order: st.integers(1, len(order)).map(lambda n: order[:n])
        ),
        min_size=len(ELECTORS),
        max_size=len(ELECTORS),
    ),
)
def test_the_recorded_count_is_the_engine_count_of_the_recorded_ballots(
    method: str, choices: list[list[str]]
) -> None:
    from builders import adopt, found, seat_delegations
    from elections_world import ELECTIONS, charter
    from isonomia.charter.elections import ElectionMethod
    from isonomia.domain import FederationState
    from isonomia.voting.ballot_files import parse_text

    if method == "plurality":
        choices = [c[:1] for c in choices]
    setting = ELECTIONS[0].model_copy(
        update={
            "method": ElectionMethod(method),
            "seats": 1 if method == "irv" else 2,
            "one_per_member": False,
        }
    )
    c = charter().model_copy(update={"elections": [setting, *ELECTIONS[1:]]})
    state = apply(apply(FederationState(), adopt(c)), found(c))
    state = with_candidates(seat_delegations(state, "union-council", date(1923, 1, 1)))
    for member, ranked in zip(ELECTORS, choices, strict=True):
        state = apply(state, ballot(delegate(member), ranked))
    events = run(state, count())
    assert isinstance(events, list)
    counted = next(e for e in events if isinstance(e, ElectionCounted))
    # The ballots as `election show --ballots-file` writes them, counted offline.
    text = "".join(f"# candidate: {p}\n" for p in CANDIDATES)
    text += "".join(f"1: {' > '.join(r)}\n" for r in choices)
    parsed = parse_text(text).ballots
    assert parsed.candidates == tuple(CANDIDATES) and parsed.total == len(ELECTORS)
    offline = count_ballots(method, setting.seats, list(CANDIDATES), choices)
    assert counted.elected == list(offline.elected)
    assert counted.tables == offline.tables
