from __future__ import annotations

from itertools import permutations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import strict_rankings

from isonomia.voting.ballot_files import parse_blt, parse_preflib, parse_text, read_ballots
from isonomia.voting.ballots import Ballots
from isonomia.voting.errors import VotingError
from isonomia.voting.tallies.pairwise import pairwise_matrix
from isonomia.voting.tallies.schulze import schulze
from isonomia.voting.tallies.simple import approval, plurality
from isonomia.voting.tallies.transfer import instant_runoff, stv

#: The election data the tests ship, and the fuller set beside the project when it is there.
DATA = next(
    (
        d
        for d in (
            Path(__file__).resolve().parents[2].parent / "shared" / "data" / "elections",
            Path(__file__).resolve().parents[1] / "data" / "elections",
        )
        if d.exists()
    ),
    Path(__file__).resolve().parents[1] / "data" / "elections",
)
needs_data = pytest.mark.skipif(not DATA.exists(), reason="election data not present")


@needs_data
@pytest.mark.parametrize(
    ("year", "winner"),
    [(2002, "Bdale Garbee"), (2010, "Stefano Zacchiroli"), (2012, "Stefano Zacchiroli")],
)
@pytest.mark.parametrize("suffix", ["soi", "ballots.txt"])
def test_schulze_elects_the_real_debian_leader(year, winner, suffix):
    election = read_ballots(DATA / f"debian_{year}_dpl.{suffix}")
    assert election.ballots.candidates[schulze(election.ballots).winner] == winner


IRISH = {
    "dublin_north": (
        4,
        {"Trevor Sargent G.P.", "Jim Glennon F.F.", "G.V. Wright F.F.", "Sean Ryan Lab"},
    ),
    "dublin_west": (3, {"Joe Higgins S.P.", "Brian Lenihan F.F.", "Joan Burton Lab"}),
    "meath": (
        5,
        {
            "John Bruton F.G.",
            "Mary Wallace F.F.",
            "Johnny Brady F.F.",
            "Damien English F.G.",
            "Noel Dempsey F.F.",
        },
    ),
}


@needs_data
@pytest.mark.parametrize("name", sorted(IRISH))
@pytest.mark.parametrize("meek", [False, True])
def test_stv_elects_the_real_irish_2002_deputies(name, meek):
    seats, expected = IRISH[name]
    election = read_ballots(DATA / f"irish_2002_{name}.soi")
    result = stv(election.ballots, seats, meek=meek)
    assert {election.ballots.candidates[c] for c in result.elected} == expected


@needs_data
@pytest.mark.parametrize("name", ["debian_2010_dpl", "irish_2002_dublin_west"])
def test_text_and_preflib_files_hold_the_same_ballots(name):
    if not (DATA / f"{name}.ballots.txt").exists():
        pytest.skip("the tests ship the Irish ballots as .soi only (the text copy is 1.5 MB)")
    a = read_ballots(DATA / f"{name}.soi").ballots
    b = read_ballots(DATA / f"{name}.ballots.txt").ballots
    assert a.candidates == b.candidates
    assert np.array_equal(pairwise_matrix(a), pairwise_matrix(b))


def _pairwise_by_hand(groups, c):
    d = np.zeros((c, c), dtype=np.int64)
    for ranking, count in groups:
        pos = {cand: t for t, tier in enumerate(ranking) for cand in tier}
        for a in range(c):
            for b in range(c):
                if pos.get(a, c) < pos.get(b, c):
                    d[a, b] += count
    return d


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(strict_rankings(4), st.integers(1, 5)), min_size=1, max_size=20))
def test_pairwise_matrix_matches_counting_by_hand(groups):
    ballots = Ballots.from_rankings(["a", "b", "c", "d"], groups)
    assert np.array_equal(pairwise_matrix(ballots), _pairwise_by_hand(groups, 4))


def test_schulze_wikipedia_example():
    # the 45-voter example of Schulze's method: E wins, ranking E > A > C > B > D
    text = """5: A > C > B > E > D
5: A > D > E > C > B
8: B > E > D > A > C
3: C > A > B > E > D
7: C > A > E > B > D
2: C > B > A > D > E
7: D > C > E > B > A
8: E > B > A > D > C"""
    ballots = parse_text(text).ballots
    result = schulze(ballots)
    names = [ballots.candidates[i] for i in result.ranking]
    assert names == ["E", "A", "C", "B", "D"]
    assert result.strongest_paths[ballots.candidates.index("E"), 0] == 25


def test_stv_matches_a_hand_count():
    # 2 seats, 20 votes: Droop quota 7; A is elected and its surplus of 3 elects B
    text = "10: A > B\n4: C\n3: D\n3: B > D"
    ballots = parse_text(text).ballots
    result = stv(ballots, 2)
    assert result.quota == 7
    assert [ballots.candidates[i] for i in result.elected] == ["A", "B"]


def test_irv_needs_a_majority_of_continuing_votes():
    ballots = parse_text("4: A\n3: B > C\n2: C > B").ballots
    result = instant_runoff(ballots)
    assert ballots.candidates[result.winner] == "B"


def test_plurality_and_approval():
    ballots = parse_text("3: A > B\n2: B = C\n1: C").ballots
    assert plurality(ballots).scores == (3.0, 1.0, 2.0)
    assert approval(ballots).scores == (3.0, 5.0, 3.0)


def test_transfer_methods_refuse_ties():
    with pytest.raises(VotingError, match="strict"):
        stv(parse_text("1: A = B").ballots, 1)


def test_readers_for_each_format():
    header = "# ALTERNATIVE NAME 1: x\n# ALTERNATIVE NAME 2: y\n# ALTERNATIVE NAME 3: z\n"
    soi = header + "2: 1,{2,3}\n1: 3\n"
    b = parse_preflib(soi).ballots
    assert b.total == 3 and b.has_ties
    cat = "# ALTERNATIVE NAME 1: x\n# ALTERNATIVE NAME 2: y\n4: {1,2},{}\n"
    assert approval(parse_preflib(cat, categorical=True).ballots).scores == (4.0, 4.0)
    blt = '3 2\n4 1 2 0\n3 3 0\n2 2 3 0\n0\n"Ann" "Bob" "Cy"\n"Test"\n'
    election = parse_blt(blt)
    assert election.seats == 2 and election.ballots.candidates == ("Ann", "Bob", "Cy")
    assert election.title == "Test" and election.ballots.total == 9


def test_undeclared_candidate_is_refused_when_names_are_declared():
    with pytest.raises(VotingError, match="unknown candidate"):
        parse_text("# candidate: A\n1: A > B")


def test_grouping_merges_identical_rankings():
    orders = np.array(list(permutations(range(3))) * 4)
    ballots = Ballots.from_orders(["a", "b", "c"], orders)
    assert len(ballots.counts) == 6 and set(ballots.counts.tolist()) == {4}
