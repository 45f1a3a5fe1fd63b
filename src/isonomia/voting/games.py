"""Simple voting games: who wins is decided by a coalition's size and summed weight.

Both games here are monotone and anonymous in the same way: a coalition of ``s`` members
with summed weight ``t`` wins exactly when ``t >= threshold(s)``, where ``threshold`` is a
non-increasing function of ``s`` (``None`` meaning that no coalition of that size wins).
The power-index engine needs nothing else, so any rule of this shape plugs into it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from isonomia.voting.errors import VotingError


def _as_weights(values: Sequence[int], what: str) -> tuple[int, ...]:
    out: list[int] = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int):
            raise VotingError(f"{what} must be whole numbers, got {v!r}")
        if v < 0:
            raise VotingError(f"{what} must not be negative, got {v}")
        out.append(int(v))
    if not out:
        raise VotingError(f"at least one member is needed ({what} is empty)")
    return tuple(out)


def share_of(total: int, share: float | Fraction) -> int:
    """The smallest whole number that is at least ``share`` of ``total``.

    A float share is read through its shortest decimal form, so 0.55 means 55/100.
    """
    exact = Fraction(str(share)) if isinstance(share, float) else Fraction(share)
    if not 0 <= exact <= 1:
        raise VotingError(f"a share must lie between 0 and 1, got {share}")
    return math.ceil(exact * total)


@dataclass(frozen=True)
class WeightedGame:
    """A weighted majority game: a coalition wins when its weight reaches the quota."""

    weights: tuple[int, ...]
    quota: int

    def __post_init__(self) -> None:
        weights = _as_weights(self.weights, "weights")
        object.__setattr__(self, "weights", weights)
        total = sum(weights)
        if isinstance(self.quota, bool) or not isinstance(self.quota, int):
            raise VotingError(f"the quota must be a whole number, got {self.quota!r}")
        if self.quota < 1:
            raise VotingError(f"the quota must be at least 1, got {self.quota}")
        if self.quota > total:
            raise VotingError(f"the quota {self.quota} is above the total weight {total}")

    @property
    def n(self) -> int:
        return len(self.weights)

    def threshold(self, size: int) -> int | None:
        return self.quota

    def wins(self, size: int, weight: int) -> bool:
        return weight >= self.quota

    @property
    def size_matters(self) -> bool:
        return False


@dataclass(frozen=True)
class DoubleMajorityGame:
    """A double majority with a blocking clause (the EU Council rule).

    A proposal passes when at least ``members_quota`` members vote yes and either they
    hold at least ``population_quota`` of the population, or fewer than ``min_blocking``
    members are left to oppose it (``n - yes < min_blocking``).
    """

    populations: tuple[int, ...]
    members_quota: int
    population_quota: int
    min_blocking: int = 0

    def __post_init__(self) -> None:
        pops = _as_weights(self.populations, "populations")
        object.__setattr__(self, "populations", pops)
        n = len(pops)
        if not 1 <= self.members_quota <= n:
            raise VotingError(f"the members quota must lie in 1..{n}, got {self.members_quota}")
        if not 0 <= self.population_quota <= sum(pops):
            raise VotingError(
                f"the population quota {self.population_quota} is outside 0..{sum(pops)}"
            )
        if self.min_blocking < 0:
            raise VotingError("the minimum blocking minority must not be negative")

    @classmethod
    def from_shares(
        cls,
        populations: Sequence[int],
        members_share: float | Fraction = Fraction(55, 100),
        population_share: float | Fraction = Fraction(65, 100),
        min_blocking: int = 4,
    ) -> DoubleMajorityGame:
        """Quotas as shares of the number of members and of the total population."""
        pops = _as_weights(populations, "populations")
        return cls(
            pops,
            max(1, share_of(len(pops), members_share)),
            share_of(sum(pops), population_share),
            min_blocking,
        )

    @property
    def weights(self) -> tuple[int, ...]:
        return self.populations

    @property
    def n(self) -> int:
        return len(self.populations)

    def threshold(self, size: int) -> int | None:
        if size < self.members_quota:
            return None
        if self.n - size < self.min_blocking:
            return 0
        return self.population_quota

    def wins(self, size: int, weight: int) -> bool:
        limit = self.threshold(size)
        return limit is not None and weight >= limit

    @property
    def size_matters(self) -> bool:
        return True


Game = WeightedGame | DoubleMajorityGame


def reduced(game: Game) -> Game:
    """The same game with weights divided by their greatest common divisor.

    Every coalition weight is a multiple of the divisor g, so ``t >= q`` exactly when
    ``t / g >= ceil(q / g)``: the winning coalitions, and so every power index, are
    unchanged, while a count table indexed by weight shrinks g-fold.
    """
    g = math.gcd(*game.weights)
    if g <= 1:
        return game
    weights = tuple(w // g for w in game.weights)
    if isinstance(game, WeightedGame):
        return WeightedGame(weights, -(-game.quota // g))
    return DoubleMajorityGame(
        weights, game.members_quota, -(-game.population_quota // g), game.min_blocking
    )
