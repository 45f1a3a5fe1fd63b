"""Cross-checks of the vectorised tally paths against plain per-ballot counting."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from isonomia.voting import ballot_files
from isonomia.voting.ballot_files import parse_preflib, parse_text
from isonomia.voting.ballots import Ballots
from isonomia.voting.errors import VotingError
from isonomia.voting.tallies.pairwise import _by_comparison, pairwise_matrix
from isonomia.voting.tallies.transfer import instant_runoff, stv


@st.composite
def order_rows(draw: st.DrawFn, max_candidates: int = 7, holes: bool = True):
    """(candidates, orders padded with -1 (holes allowed), counts)."""
    c = draw(st.integers(1, max_candidates))
    width = draw(st.integers(1, c))
    rows = []
    for _ in range(draw(st.integers(1, 25))):
        perm = draw(st.permutations(range(c)))
        length = draw(st.integers(0, width))
        row = [*perm[:length], *([-1] * (width - length))]
        if holes and draw(st.booleans()):
            row = draw(st.permutations(row))
        rows.append(list(row))
    counts = draw(st.lists(st.integers(0, 6), min_size=len(rows), max_size=len(rows)))
    return c, rows, counts


def by_hand(c, rows, counts):
    d = np.zeros((c, c), dtype=np.int64)
    for row, k in zip(rows, counts, strict=True):
        ranked = [x for x in row if x >= 0]
        pos = {x: i for i, x in enumerate(ranked)}
        for a in range(c):
            for b in range(c):
                if a != b and pos.get(a, c) < pos.get(b, c):
                    d[a, b] += k
    return d


@settings(max_examples=150, deadline=None)
@given(order_rows())
def test_pairwise_matrix_from_orders_matches_counting_by_hand(case):
    c, rows, counts = case
    ballots = Ballots.from_orders([f"c{i}" for i in range(c)], np.array(rows), counts)
    assert np.array_equal(pairwise_matrix(ballots), by_hand(c, rows, counts))
    assert ballots.total == sum(counts)


@settings(max_examples=40, deadline=None)
@given(st.data(), st.sampled_from([10, 12, 17]))
def test_pairwise_paths_agree_for_more_candidates(data, c):
    # 10 complete: two blocks; 12: sets above; 17: one comparison a candidate
    n = data.draw(st.integers(1, 40))
    complete = data.draw(st.booleans())
    rows = []
    for _ in range(n):
        perm = list(data.draw(st.permutations(range(c))))
        length = c if complete else data.draw(st.integers(0, c))
        rows.append(perm[:length] + [-1] * (c - length))
    counts = data.draw(st.lists(st.integers(1, 9), min_size=n, max_size=n))
    ballots = Ballots.from_orders([f"c{i}" for i in range(c)], np.array(rows), counts)
    assert np.array_equal(pairwise_matrix(ballots), by_hand(c, rows, counts))
    assert np.array_equal(_by_comparison(ballots), by_hand(c, rows, counts))


@settings(max_examples=100, deadline=None)
@given(order_rows(holes=False))
def test_orders_and_rankings_group_the_same_ballots(case):
    c, rows, counts = case
    names = [f"c{i}" for i in range(c)]
    a = Ballots.from_orders(names, np.array(rows), counts)
    groups = [(tuple((x,) for x in row if x >= 0), k) for row, k in zip(rows, counts, strict=True)]
    b = Ballots.from_rankings(names, groups)
    assert sorted(a.rankings()) == sorted(b.rankings())
    assert np.array_equal(a.ranks[np.lexsort(a.ranks.T)], b.ranks[np.lexsort(b.ranks.T)])


def test_orders_with_a_repeated_candidate_are_refused():
    with pytest.raises(VotingError, match="twice"):
        Ballots.from_orders(["a", "b", "c"], np.array([[0, 1, 0]]))
    with pytest.raises(VotingError, match="twice"):
        Ballots.from_orders(["a", "b", "c"], np.array([[0, -1, 0]]))


class Tie(Exception):
    pass


def reference_transfer(c, rows, counts, seats, irv=False):
    """Per-ballot count with exact fractions; raises Tie where a tie would be broken."""
    prefs = [[x for x in row if x >= 0] for row in rows]
    values = [Fraction(k) for k in counts]
    pointer = [0] * len(prefs)
    continuing = set(range(c))
    elected: list[int] = []

    def current(b):
        while pointer[b] < len(prefs[b]) and prefs[b][pointer[b]] not in continuing:
            pointer[b] += 1
        return prefs[b][pointer[b]] if pointer[b] < len(prefs[b]) else None

    def distinct(xs):
        if len(set(xs)) != len(xs):
            raise Tie

    quota = sum(values) // (seats + 1) + 1
    while len(elected) < seats:
        at = [current(b) for b in range(len(prefs))]
        t = dict.fromkeys(continuing, Fraction(0))
        for b, x in enumerate(at):
            if x is not None:
                t[x] += values[b]
        hopeful = sorted(continuing)
        distinct([t[x] for x in hopeful])
        if irv:
            leader = max(hopeful, key=lambda x: t[x])
            if t[leader] * 2 > sum(t.values()) or len(hopeful) == 1:
                return [leader]
            continuing.discard(min(hopeful, key=lambda x: t[x]))
            continue
        if len(hopeful) <= seats - len(elected):
            return sorted(elected + hopeful)
        if any(t[x] == quota for x in hopeful):
            raise Tie
        reached = sorted((x for x in hopeful if t[x] >= quota), key=lambda x: -t[x])
        if not reached:
            continuing.discard(min(hopeful, key=lambda x: t[x]))
            continue
        for x in reached:
            continuing.discard(x)
            elected.append(x)
        for x in reached:
            surplus = t[x] - quota
            keep = surplus > 0 and len(elected) < seats
            for b in range(len(prefs)):
                if at[b] == x:
                    values[b] = values[b] * surplus / t[x] if keep else Fraction(0)
    return sorted(elected)


@settings(max_examples=200, deadline=None)
@given(order_rows(max_candidates=6, holes=False), st.integers(1, 3), st.booleans())
def test_transfer_tallies_match_a_per_ballot_count(case, seats, irv):
    c, rows, counts = case
    assume(sum(counts) > 0 and seats <= c)
    ballots = Ballots.from_orders([f"c{i}" for i in range(c)], np.array(rows), counts)
    try:
        expected = reference_transfer(c, rows, counts, seats, irv)
    except Tie:
        assume(False)
    got = [instant_runoff(ballots).winner] if irv else sorted(stv(ballots, seats).elected)
    assert got == expected


@st.composite
def preflib_texts(draw: st.DrawFn):
    c, rows, counts = draw(order_rows(max_candidates=6, holes=False))
    counts = [k + 1 for k in counts]
    head = "".join(f"# ALTERNATIVE NAME {i + 1}: n{i}\n" for i in range(c))
    lines = []
    for row, k in zip(rows, counts, strict=True):
        ranked = [str(x + 1) for x in row if x >= 0]
        if ranked:
            sep = draw(st.sampled_from([",", ", "]))
            lines.append(f"{k}: {sep.join(ranked)}")
    assume(lines)
    end = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return head + end.join(lines) + "\n", c


@settings(max_examples=100, deadline=None)
@given(preflib_texts())
def test_vectorised_preflib_reader_matches_the_line_reader(case):
    text, _ = case
    fast = parse_preflib(text).ballots
    original = ballot_files._fast_strict
    try:
        ballot_files._fast_strict = lambda *args: None
        slow = parse_preflib(text).ballots
    finally:
        ballot_files._fast_strict = original
    assert fast.candidates == slow.candidates and fast.total == slow.total
    assert np.array_equal(pairwise_matrix(fast), _by_comparison(slow))
    assert sorted(fast.rankings()) == sorted(slow.rankings())


@settings(max_examples=100, deadline=None)
@given(preflib_texts(), st.booleans())
def test_vectorised_text_reader_matches_the_line_reader(case, declare):
    text, c = case
    names = [f"n{i}" if i % 2 else f"Ann {i}" for i in range(c)]
    lines = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        head, _, body = line.partition(":")
        ids = [int(x) - 1 for x in body.split(",")]
        lines.append(f"{head}: " + " > ".join(names[i] for i in ids))
    header = "".join(f"# candidate: {n}\n" for n in names) if declare else ""
    plain = header + "\n".join(lines) + "\n"
    fast = ballot_files._fast_text(plain)
    assert fast is not None
    original = ballot_files._fast_text
    try:
        ballot_files._fast_text = lambda text: None
        slow = parse_text(plain)
    finally:
        ballot_files._fast_text = original
    assert fast.ballots.candidates == slow.ballots.candidates
    assert np.array_equal(pairwise_matrix(fast.ballots), _by_comparison(slow.ballots))
    assert sorted(fast.ballots.rankings()) == sorted(slow.ballots.rankings())


def test_text_reader_falls_back_for_ties_and_reports_errors():
    assert parse_text("2: A = B > C\n1: C").ballots.has_ties
    with pytest.raises(VotingError, match="unknown candidate"):
        parse_text("# candidate: A\n1: A > B")
    with pytest.raises(VotingError, match="empty candidate"):
        parse_text("1: A > > B")
