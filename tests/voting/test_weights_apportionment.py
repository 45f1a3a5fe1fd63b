from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isonomia.voting.apportionment import apportion, is_degressively_proportional
from isonomia.voting.errors import VotingError
from isonomia.voting.weights import (
    capped_shares,
    equal_weights,
    integer_weights,
    proportional_weights,
    shares,
    square_root_weights,
)

# 1922 union, thousands: RSFSR, Ukraine, Belorussia, Georgia, Armenia, Azerbaijan
UNION_1922 = [95_000, 26_000, 1_500, 2_400, 900, 2_100]


def test_weight_schemes():
    assert equal_weights(3) == (1.0, 1.0, 1.0)
    assert proportional_weights([4, 9]) == (4.0, 9.0)
    assert square_root_weights([4, 9]) == (2.0, 3.0)
    assert integer_weights([1, 1, 1], 100) == (34, 33, 33)


def test_cap_redistributes_excess_until_nobody_exceeds_it():
    capped = capped_shares(UNION_1922, 0.3)
    assert max(capped) <= 0.3 + 1e-12
    assert math.isclose(sum(capped), 1.0)
    free = [i for i, s in enumerate(capped) if s < 0.3 - 1e-12]
    original = shares(UNION_1922)
    ratios = {round(capped[i] / original[i], 9) for i in free}
    assert len(ratios) == 1  # the others grew in proportion


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=2, max_size=12), st.floats(0.1, 1.0))
def test_cap_holds_for_any_weights(weights, cap):
    if sum(weights) == 0 or cap * len(weights) < 1:
        return
    capped = capped_shares(weights, cap)
    assert max(capped) <= cap + 1e-9
    assert math.isclose(sum(capped), 1.0)


def test_cap_too_low_for_the_members_is_refused():
    with pytest.raises(VotingError):
        capped_shares([1, 1, 1], 0.2)


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
