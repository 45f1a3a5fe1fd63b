"""Voting weights of members: equal, proportional, square root (Penrose), custom, capped.

Weights are floats here (they are shares of a vote); ``integer_weights`` turns them into
the whole numbers the power-index engine counts with.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from isonomia.voting.errors import VotingError


def _check(values: Sequence[float], what: str) -> tuple[float, ...]:
    out = tuple(float(v) for v in values)
    if not out:
        raise VotingError(f"{what}: at least one member is needed")
    if any(not math.isfinite(v) or v < 0 for v in out):
        raise VotingError(f"{what} must be finite and not negative")
    if sum(out) <= 0:
        raise VotingError(f"{what} must not all be zero")
    return out


def equal_weights(n: int) -> tuple[float, ...]:
    """One vote per member."""
    if n < 1:
        raise VotingError("at least one member is needed")
    return (1.0,) * n


def proportional_weights(populations: Sequence[float]) -> tuple[float, ...]:
    """Weight proportional to population."""
    return _check(populations, "populations")


def square_root_weights(populations: Sequence[float]) -> tuple[float, ...]:
    """Penrose square-root weights: each citizen's indirect Banzhaf power is then equal."""
    return tuple(math.sqrt(p) for p in _check(populations, "populations"))


def custom_weights(weights: Sequence[float]) -> tuple[float, ...]:
    """Fixed weights written into the charter."""
    return _check(weights, "weights")


def shares(weights: Sequence[float]) -> tuple[float, ...]:
    """Weights scaled to sum to one."""
    values = _check(weights, "weights")
    total = sum(values)
    return tuple(v / total for v in values)


def capped_shares(weights: Sequence[float], cap: float) -> tuple[float, ...]:
    """Shares with no member above ``cap``: the excess goes to the others, pro rata, repeatedly.

    Members pushed to the cap stay there; the rest of the mass is shared among the
    uncapped members in proportion to their weights, until nobody exceeds the cap.
    """
    values = _check(weights, "weights")
    n = len(values)
    if not 0 < cap <= 1:
        raise VotingError("the cap must be a share in (0, 1]")
    if cap * n < 1 - 1e-12:
        raise VotingError(f"a cap of {cap} cannot hold {n} members (cap x members < 1)")
    capped: set[int] = set()
    while True:
        free = [i for i in range(n) if i not in capped]
        free_weight = sum(values[i] for i in free)
        remaining = 1.0 - cap * len(capped)
        result = [cap if i in capped else 0.0 for i in range(n)]
        if free_weight <= 0:
            # only zero-weight members are left: they share the rest equally
            for i in free:
                result[i] = remaining / len(free)
        else:
            for i in free:
                result[i] = remaining * values[i] / free_weight
        over = [i for i in free if result[i] > cap + 1e-15]
        if not over:
            return tuple(result)
        capped.update(over)


def integer_weights(weights: Sequence[float], total: int = 10_000) -> tuple[int, ...]:
    """Whole-number weights summing to ``total``, by largest remainder (ties: lower index)."""
    parts = shares(weights)
    exact = [p * total for p in parts]
    floors = [math.floor(x) for x in exact]
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return tuple(floors)
