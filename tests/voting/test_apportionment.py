from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isonomia.voting.apportionment import apportion, is_degressively_proportional
from isonomia.voting.errors import VotingError

# 1922 union, thousands: RSFSR, Ukraine, Belorussia, Georgia, Armenia, Azerbaijan
UNION_1922 = [95_000, 26_000, 1_500, 2_400, 900, 2_100]


@pytest.mark.parametrize("method", ["adams", "dhondt", "webster"])
def test_degressive_apportionment_of_the_1922_union(method):
    seats = apportion(UNION_1922, 60, base=3, minimum=4, maximum=30, method=method)
    assert sum(seats) == 60
    assert min(seats) >= 4 and max(seats) <= 30
    assert is_degressively_proportional(UNION_1922, seats)


def test_degressivity_check_detects_a_violation():
    assert not is_degressively_proportional([100, 200], [5, 4])
    assert not is_degressively_proportional([100, 150], [2, 4])  # 37.5 per seat < 50


def test_divisor_methods_differ_as_documented():
    pops = [60, 30, 10]
    assert apportion(pops, 10, method="dhondt") == (6, 3, 1)
    assert apportion(pops, 4, method="adams") == (2, 1, 1)
    assert apportion(pops, 4, method="dhondt") == (3, 1, 0)


def test_impossible_bounds_are_refused():
    with pytest.raises(VotingError):
        apportion([1, 2, 3], 5, minimum=2)
    with pytest.raises(VotingError):
        apportion([1, 2, 3], 10, maximum=3)


@settings(max_examples=200, deadline=None)
@given(
    pops=st.lists(st.integers(min_value=1, max_value=10**7), min_size=2, max_size=9),
    extra=st.integers(min_value=0, max_value=60),
    base=st.integers(min_value=0, max_value=4),
    method=st.sampled_from(["adams", "dhondt", "webster"]),
)
def test_apportionment_fills_every_seat_and_never_gives_a_larger_member_fewer(
    pops, extra, base, method
):
    seats = base * len(pops) + extra
    if seats == 0:
        return
    result = apportion(pops, seats, base=base, method=method)
    assert sum(result) == seats
    assert min(result) >= base
    for a in range(len(pops)):
        for b in range(len(pops)):
            if pops[a] < pops[b]:
                assert result[a] <= result[b]


@settings(max_examples=200, deadline=None)
@given(
    pops=st.lists(st.integers(min_value=1, max_value=10**7), min_size=2, max_size=9),
    extra=st.integers(min_value=1, max_value=60),
    base=st.integers(min_value=1, max_value=4),
)
def test_base_plus_proportional_share_is_degressive_before_rounding(pops, extra, base):
    # Before rounding each member holds base + extra * p / P seats, so persons per seat,
    # p / (base + extra * p / P), grows with p: the allocation is degressively
    # proportional. Rounding to whole seats can break the persons-per-seat order (the
    # checker reports it); seats themselves stay monotone (test above).
    total = sum(pops)
    exact = [base + Fraction(extra * p, total) for p in pops]
    order = sorted(range(len(pops)), key=lambda i: pops[i])
    for a, b in itertools.pairwise(order):
        if pops[a] < pops[b]:
            assert exact[a] <= exact[b]
            assert Fraction(pops[a]) / exact[a] < Fraction(pops[b]) / exact[b]
