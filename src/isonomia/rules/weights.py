"""Each member's weight under a decision rule, as whole numbers: what the counting of votes
and the power audit share (P12, P13)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from isonomia.charter.model import DecisionRule, WeightKind

__all__ = ["integer_weights"]


def integer_weights(
    rule: DecisionRule, ids: Sequence[str], populations: Sequence[int], coarse: bool = False
) -> tuple[int, ...]:
    """Each member's weight under the rule, as whole numbers.

    Square roots are kept to a thousandth; `coarse` counts people in thousands (and roots
    in units), which the power-index engine needs for large unions.
    """
    match rule.weights:
        case WeightKind.EQUAL:
            return tuple(1 for _ in ids)
        case WeightKind.POPULATION:
            return tuple(max(1, round(p / 1000)) if coarse else p for p in populations)
        case WeightKind.SQRT_POPULATION:
            return tuple(math.isqrt(p) if coarse else math.isqrt(p * 10**6) for p in populations)
        case WeightKind.CUSTOM:
            return tuple(rule.custom_weights.get(i, 0) for i in ids)
    raise ValueError(f"unknown weighting {rule.weights}")
