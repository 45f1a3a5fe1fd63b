"""Power indices from exact counts: the ``PowerIndices`` record and how it is filled.

``banzhaf`` is the normalised index (swings / all swings), ``banzhaf_absolute`` is
swings / 2**(n-1), ``shapley_shubik`` is the share of the n! orderings in which the
player is pivotal. With ``exact=True`` they are ``fractions.Fraction``; otherwise floats
(correctly rounded from the exact fractions).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from isonomia.voting.games import Game

Value = Fraction | float


@dataclass(frozen=True)
class PowerIndices:
    """Power of every player in one game, with the exact counts behind it."""

    swings: tuple[int, ...]
    pivots: tuple[int, ...] | None
    banzhaf: tuple[Value, ...]
    banzhaf_absolute: tuple[Value, ...]
    shapley_shubik: tuple[Value, ...] | None
    dictator: int | None
    veto_players: tuple[int, ...]
    dummies: tuple[int, ...]


def flags(
    game: Game, swings: tuple[int, ...]
) -> tuple[int | None, tuple[int, ...], tuple[int, ...]]:
    """The dictator (if one), the veto players and the dummies."""
    n, total = game.n, sum(game.weights)
    grand = game.wins(n, total)
    veto = tuple(i for i, w in enumerate(game.weights) if grand and not game.wins(n - 1, total - w))
    dictators = [i for i in veto if game.wins(1, game.weights[i])]
    dummies = tuple(i for i, s in enumerate(swings) if s == 0)
    return (dictators[0] if len(dictators) == 1 else None), veto, dummies


def _shape(values: list[Fraction], exact: bool) -> tuple[Value, ...]:
    return tuple(values) if exact else tuple(float(v) for v in values)


def _fractions(counts: tuple[int, ...], denominator: int) -> list[Fraction]:
    if not denominator:
        return [Fraction(0)] * len(counts)
    distinct = {c: Fraction(c, denominator) for c in set(counts)}
    return [distinct[c] for c in counts]


def assemble(
    game: Game,
    swings: tuple[int, ...],
    pivots: tuple[int, ...] | None,
    exact: bool,
    shapley: Sequence[Fraction] | None = None,
) -> PowerIndices:
    """The indices from swings and pivots (``shapley`` when already known as fractions)."""
    n = game.n
    total = sum(swings)
    # equal counts give equal fractions: reduce each distinct count once (large n)
    normalised = _fractions(swings, total)
    absolute = _fractions(swings, 1 << (n - 1))
    if shapley is None and pivots is not None:
        shapley = _fractions(pivots, math.factorial(n))
    dictator, veto, dummies = flags(game, swings)
    return PowerIndices(
        swings=swings,
        pivots=pivots,
        banzhaf=_shape(normalised, exact),
        banzhaf_absolute=_shape(absolute, exact),
        shapley_shubik=None if shapley is None else _shape(list(shapley), exact),
        dictator=dictator,
        veto_players=veto,
        dummies=dummies,
    )


def pivots_from(eta: Sequence[Sequence[int]], n: int) -> tuple[int, ...]:
    """Pivots from swings by size: s! (n-1-s)! orderings per coalition of s others."""
    factorials = [math.factorial(k) for k in range(n + 1)]
    orderings = [factorials[s] * factorials[n - 1 - s] for s in range(n)]
    return tuple(int(sum(int(e) * o for e, o in zip(row, orderings, strict=True))) for row in eta)
