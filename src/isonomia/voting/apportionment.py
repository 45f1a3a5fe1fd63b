"""Degressive proportional apportionment of seats: base seats plus a rounded proportional share.

Every member first gets ``base`` seats; the rest are handed out one at a time by a
divisor method (highest averages) on population, never taking a member above
``maximum``, and every member ends with at least ``minimum``. Divisors for a member that
already holds k proportional seats: Adams k (a first proportional seat for everyone
before any second one), Jefferson/D'Hondt k + 1, Webster/Sainte-Laguë k + 1/2. Ties in
priority go to the larger population, then to the earlier member.
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Sequence
from fractions import Fraction
from itertools import pairwise

from isonomia.voting.errors import VotingError


class DivisorMethod(enum.Enum):
    ADAMS = "adams"
    DHONDT = "dhondt"
    WEBSTER = "webster"

    def divisor(self, held: int) -> Fraction:
        if self is DivisorMethod.ADAMS:
            return Fraction(held)
        if self is DivisorMethod.DHONDT:
            return Fraction(held + 1)
        return Fraction(2 * held + 1, 2)


def apportion(
    populations: Sequence[int],
    seats: int,
    *,
    base: int = 0,
    minimum: int = 0,
    maximum: int | None = None,
    method: DivisorMethod | str = DivisorMethod.DHONDT,
) -> tuple[int, ...]:
    """Seats per member: ``base`` each plus a divisor-method share, within [minimum, maximum]."""
    rule = DivisorMethod(method) if isinstance(method, str) else method
    pops = [int(p) for p in populations]
    n = len(pops)
    if n == 0 or any(p < 0 for p in pops):
        raise VotingError("populations must be given and not negative")
    top = seats if maximum is None else maximum
    if min(base, minimum) < 0 or top < max(base, minimum):
        raise VotingError("need 0 <= base, minimum <= maximum")
    start = [max(base, minimum)] * n
    if sum(start) > seats:
        raise VotingError(f"{seats} seats cannot give every member {start[0]}")
    if top * n < seats:
        raise VotingError(f"{seats} seats cannot be filled with at most {top} per member")
    held = [s - base for s in start]  # proportional seats each member counts as holding

    def entry(i: int) -> tuple[Fraction, int, int]:
        d = rule.divisor(held[i])
        priority = Fraction(10**30 + pops[i]) if d == 0 else Fraction(pops[i]) / d
        return (-priority, -pops[i], i)

    heap = [entry(i) for i in range(n) if start[i] < top]
    heapq.heapify(heap)
    result = list(start)
    for _ in range(seats - sum(start)):
        _, _, i = heapq.heappop(heap)
        result[i] += 1
        held[i] += 1
        if result[i] < top:
            heapq.heappush(heap, entry(i))
    return tuple(result)


def is_degressively_proportional(populations: Sequence[int], seats: Sequence[int]) -> bool:
    """Larger population never has fewer seats, nor fewer persons per seat."""
    order = sorted(range(len(populations)), key=lambda i: populations[i])
    for a, b in pairwise(order):
        if populations[a] == populations[b]:
            continue
        if seats[b] < seats[a]:
            return False
        if Fraction(populations[b], max(seats[b], 1)) < Fraction(populations[a], max(seats[a], 1)):
            return False
    return True
