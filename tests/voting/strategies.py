"""Hypothesis strategies for the voting engine's tests."""

from __future__ import annotations

from hypothesis import strategies as st

from isonomia.voting.games import DoubleMajorityGame, WeightedGame

# small weights drawn from few values: many equal weights and zeros
weight_values = st.sampled_from([0, 1, 1, 1, 2, 2, 3, 5, 8, 13])


@st.composite
def weighted_games(draw: st.DrawFn, max_players: int = 9) -> WeightedGame:
    weights = draw(st.lists(weight_values, min_size=1, max_size=max_players))
    if sum(weights) == 0:
        weights[0] = 1
    total = sum(weights)
    quota = draw(
        st.one_of(
            st.just(1),
            st.just(total),
            st.just(total // 2 + 1),
            st.just(max(1, total // 2)),
            st.integers(1, total),
        )
    )
    return WeightedGame(tuple(weights), quota)


@st.composite
def double_majority_games(draw: st.DrawFn, max_players: int = 9) -> DoubleMajorityGame:
    pops = draw(st.lists(weight_values, min_size=1, max_size=max_players))
    n = len(pops)
    return DoubleMajorityGame(
        tuple(pops),
        draw(st.integers(1, n)),
        draw(st.integers(0, sum(pops))),
        draw(st.integers(0, n)),
    )


@st.composite
def strict_rankings(draw: st.DrawFn, candidates: int) -> tuple[tuple[int, ...], ...]:
    order = draw(st.permutations(range(candidates)))
    length = draw(st.integers(1, candidates))
    return tuple((c,) for c in order[:length])
