"""The exact-limb Banzhaf count (``limbs``) against enumeration, Python integers and the
residue count (``tables``), on games that exercise its carries, zero limbs and halves."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import weighted_games

from isonomia.voting import limbs, tables
from isonomia.voting.games import WeightedGame
from isonomia.voting.power import banzhaf, brute_force_power


def _python_swings(weights: list[int], quota: int) -> list[int]:
    """Exact reference: one Python-int count table of the others per player."""
    out = []
    for i, wi in enumerate(weights):
        c = [0] * quota
        c[0] = 1
        for j, w in enumerate(weights):
            if j != i and w < quota:
                for k in range(quota - 1, w - 1, -1):
                    c[k] += c[k - w]
        out.append(sum(c[max(0, quota - wi) : quota]))
    return out


@settings(max_examples=200, deadline=None)
@given(weighted_games(max_players=12))
def test_limb_count_matches_enumeration_of_every_coalition(game: WeightedGame) -> None:
    assert limbs.weighted_swings(game) == brute_force_power(game).swings


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(0, 1000), min_size=60, max_size=260),
    st.floats(0.02, 1.0),
)
def test_limb_count_matches_the_residue_count_beyond_several_limbs(weights, share) -> None:
    # up to 260 players: six 46-bit limbs; quotas from a few % to unanimity, so the
    # table's kept half, its mirror and the quota cut all occur
    if sum(weights) == 0:
        weights[0] = 1
    game = WeightedGame(tuple(weights), max(1, int(sum(weights) * share)))
    assert limbs.weighted_swings(game) == tables.weighted_swings(game)


@settings(max_examples=10, deadline=None)
@given(
    st.lists(st.sampled_from([0, 1, 1, 2, 3]), min_size=100, max_size=160),
    st.floats(0.05, 0.95),
)
def test_limb_count_matches_python_integers_when_narrow_tables_carry_far(weights, share):
    # small weights: a narrow table whose counts still reach 2**150, so limbs switch on
    # at low columns and carries cross several limbs within one column
    if sum(weights) == 0:
        weights[0] = 1
    quota = max(1, int(sum(weights) * share))
    assert list(limbs.weighted_swings(WeightedGame(tuple(weights), quota))) == _python_swings(
        weights, quota
    )


def test_banzhaf_of_a_weighted_game_is_counted_by_limbs(monkeypatch) -> None:
    calls: list[int] = []
    counted = limbs.weighted_swings

    def spy(game, progress=None):
        calls.append(game.n)
        return counted(game, progress)

    monkeypatch.setattr(limbs, "weighted_swings", spy)
    game = WeightedGame(tuple(range(1, 80)), 1600)
    assert banzhaf(game).swings == tables.weighted_swings(game) and calls == [79]


def test_limb_width_keeps_every_word_below_two_to_the_64() -> None:
    for columns in (2, 100, 121_332, 1 << 20, 64_000_001):
        bits = limbs.limb_bits(columns)
        every = 62 - bits
        assert every >= 1 and every + 1 <= bits  # a carry fits below 2**bits
        assert (1 << (bits + 1 + every)) <= 1 << 63  # lazy steps from below 2**(bits+1)
        assert ((1 << bits) - 1) * columns < 1 << 64  # running sums of one limb
        assert ((1 << bits) - 1) * (columns // 2 + 1) < 1 << 63  # half of them added


@settings(max_examples=8, deadline=None)
@given(
    st.lists(st.integers(0, 60), min_size=40, max_size=90),
    st.floats(0.05, 0.95),
)
def test_size_table_with_mirrored_half_sums_to_the_limb_count(weights, share) -> None:
    # the size-by-weight table keeps only columns up to half the weight added and fills
    # the rest from the complements; summed over sizes it must give the same swings
    if sum(weights) == 0:
        weights[0] = 1
    game = WeightedGame(tuple(weights), max(1, int(sum(weights) * share)))
    by_size = tables.swings_by_size(game)
    assert [int(sum(row)) for row in by_size] == list(limbs.weighted_swings(game))
