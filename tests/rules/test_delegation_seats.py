"""Seats apportioned by the charter on the members' census, and proxies within a delegation
(issue 24, P4, P12): seats follow the record, delegations are no larger than their seats,
and a proxy never crosses members."""

from __future__ import annotations

from datetime import date, timedelta

from delegations_world import appoint, census, proxy, refusal, with_delegations

from builders import (
    MONDAY,
    apply,
    command,
    founded_1922,
    run,
    seat_delegations,
    secede,
    union_1922,
)
from isonomia.domain import AppointDelegate, FederationState, actors
from isonomia.domain.seats import ProxyGiven, RevokeProxy
from isonomia.rules.seats import given_proxy, held_proxies, seats_on
from isonomia.voting.apportionment import apportion

CONF = "joint-conference"


def expected_seats(state: FederationState, day: date) -> dict[str, int]:
    """The engine's apportionment of the example's conference, computed independently."""
    members = state.members_on(day)
    rule = union_1922().organ(CONF)
    assert rule is not None and rule.delegations and rule.delegations.apportionment
    a = rule.delegations.apportionment
    seats = apportion([m.population for m in members], a.seats, base=a.base, method=a.method)
    return {m.id: s for m, s in zip(members, seats, strict=True)}


def test_seats_are_the_charters_apportionment_of_the_members_of_the_day() -> None:
    state = founded_1922()
    seats = seats_on(state, CONF, MONDAY)
    assert seats == expected_seats(state, MONDAY)
    assert isinstance(seats, dict) and sum(seats.values()) == 24
    assert seats_on(state, "union-council", MONDAY) is None  # apportions no seats


def test_a_census_update_recomputes_the_seats_from_the_record() -> None:
    state = founded_1922()
    before = seats_on(state, CONF, MONDAY)
    state = apply(state, census("belorussia", 60_000_000))
    after = seats_on(state, CONF, MONDAY)
    assert after == expected_seats(state, MONDAY) != before
    assert isinstance(after, dict) and isinstance(before, dict)
    assert after["belorussia"] > before["belorussia"]


def test_a_secession_recomputes_the_seats_among_those_who_stay() -> None:
    state = apply(founded_1922(), secede("georgia", MONDAY))
    leaves_on = state.members["georgia"].leaves_on
    assert leaves_on is not None
    after = seats_on(state, CONF, leaves_on)
    assert isinstance(after, dict) and "georgia" not in after
    assert after == expected_seats(state, leaves_on) and sum(after.values()) == 24


def test_p2_a_census_is_recorded_by_the_members_own_council_only() -> None:
    state = founded_1922()
    refusal(run(state, census("ukraine", 1, actor=actors.council("rsfsr"))), "P2")
    refusal(run(state, census("ukraine", 1, actor=actors.SECRETARIAT)), "P2")


def test_p12_an_older_census_than_the_recorded_one_is_refused() -> None:
    reason = refusal(run(founded_1922(), census("ukraine", 30_000_000, year=1920)), "P12")
    assert "older" in reason


def test_p12_a_delegation_is_no_larger_than_its_seats() -> None:
    state = founded_1922()
    seats = seats_on(state, CONF, MONDAY)
    assert isinstance(seats, dict)
    for n in range(seats["georgia"]):
        state = apply(state, appoint(state, "georgia", f"georgian-{n}"))
    reason = refusal(run(state, appoint(state, "georgia", "one-too-many")), "P12")
    assert "all of them filled" in reason


def _ukraine_of(n: int) -> tuple[FederationState, list[str]]:
    state = founded_1922()
    people = [f"ukr-{i}" for i in range(n)]
    for person in people:
        state = apply(state, appoint(state, "ukraine", person))
    return state, people


def test_a_proxy_within_the_delegation_carries_the_seat() -> None:
    state, (a, b, *_) = _ukraine_of(3)
    events = run(state, proxy(b, a))
    assert isinstance(events, list) and isinstance(events[0], ProxyGiven)
    state = apply(state, proxy(b, a))
    assert held_proxies(state, CONF, "ukraine", a, MONDAY) == [b]
    revoke = command(RevokeProxy, actors.person(b), MONDAY, organ=CONF, member="ukraine")
    state = apply(state, revoke)
    assert given_proxy(state, CONF, "ukraine", b, MONDAY) is None


def test_p4_a_proxy_to_another_members_delegate_is_refused() -> None:
    state, (a, *_) = _ukraine_of(2)
    state = seat_delegations(state, CONF, MONDAY, ("rsfsr",))
    reason = refusal(run(state, proxy(a, f"rsfsr-{CONF}")), "P4")
    assert "within a delegation" in reason


def test_p4_a_proxy_is_signed_by_a_delegate_of_that_member() -> None:
    state, (a, _b) = _ukraine_of(2)
    state = seat_delegations(state, CONF, MONDAY, ("rsfsr",))
    refusal(run(state, proxy(f"rsfsr-{CONF}", a)), "P4")


def test_p4_no_proxy_where_the_charter_gives_none() -> None:
    state = seat_delegations(founded_1922(), "union-council", MONDAY, ("ukraine",))
    state = apply(
        state,
        command(
            AppointDelegate,
            actors.council("ukraine"),
            MONDAY,
            organ="union-council",
            member="ukraine",
            person="second",
            term_from=MONDAY,
        ),
    )
    reason = refusal(
        run(state, proxy("second", "ukraine-union-council", organ="union-council")), "P4"
    )
    assert "no proxies" in reason


def test_p4_proxies_are_neither_doubled_nor_passed_on() -> None:
    state, (a, b, c) = _ukraine_of(3)
    state = apply(state, proxy(b, a))
    refusal(run(state, proxy(b, c)), "P4")  # a second proxy while one stands
    refusal(run(state, proxy(a, c)), "P4")  # the holder passing it on
    refusal(run(state, proxy(c, b)), "P4")  # to one who gave its own
    refusal(run(state, proxy(c, c)), "P4")  # to oneself


def test_p4_revoking_a_proxy_never_given_is_refused() -> None:
    state, (a, _b) = _ukraine_of(2)
    revoke = command(RevokeProxy, actors.person(a), MONDAY, organ=CONF, member="ukraine")
    refusal(run(state, revoke), "P4")


def test_seats_per_seat_charter_needs_an_apportionment() -> None:
    import pytest

    from isonomia.charter import CharterInvalid

    with pytest.raises(CharterInvalid):
        with_delegations("union-council", {"votes": "per-seat"})
    with pytest.raises(CharterInvalid):
        with_delegations("union-council", {"proxies": True})


def test_a_later_day_keeps_the_proxy_until_revoked() -> None:
    state, (a, b) = _ukraine_of(2)
    state = apply(state, proxy(b, a))
    later = MONDAY + timedelta(days=30)
    assert held_proxies(state, CONF, "ukraine", a, later) == [b]
