"""Exact integer counting with numpy: residues modulo 2**64 and 32-bit primes, then CRT.

Coalition counts reach 2**n for n players, far beyond int64. Python integers in numpy
object arrays are exact but about fifty times slower than machine words, so every count
is carried as residues: one row modulo 2**64 (native uint64 wrap-around, no reduction at
all) and further rows modulo primes just below 2**32. A prime row holds values below
2**32 after reduction; one dynamic-programming step at most doubles them, so a row may
run 31 steps unreduced before it could overflow 64 bits (lazy reduction). The Chinese
remainder theorem (Garner's mixed radix form, vectorised in numpy) then rebuilds each
final count as a Python integer. Enough moduli are used that their product exceeds the
largest possible count, so the result is exact, not probabilistic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]

TWO_64 = 1 << 64
#: steps a prime row may run without reduction: values < 2**32 * 2**31 < 2**63
LAZY_STEPS = 31


def _is_prime(n: int) -> bool:
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    # these bases make Miller-Rabin deterministic for n < 3.3e24
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


@lru_cache(maxsize=64)
def primes_below_2_32(count: int) -> tuple[int, ...]:
    """The ``count`` largest primes below 2**32, largest first."""
    found: list[int] = []
    candidate = (1 << 32) - 1
    while len(found) < count:
        if _is_prime(candidate):
            found.append(candidate)
        candidate -= 2
    return tuple(found)


@dataclass(frozen=True)
class Moduli:
    """2**64 followed by primes below 2**32; their product exceeds ``bound``."""

    primes: tuple[int, ...]

    @classmethod
    def covering(cls, bound: int) -> Moduli:
        """Moduli whose product is larger than ``bound`` (the largest value to rebuild)."""
        product = TWO_64
        count = 0
        while product <= bound:
            count += 1
            product *= (1 << 32) - 1  # a lower bound would do; primes differ by little
        primes = primes_below_2_32(count)
        product = TWO_64
        for p in primes:
            product *= p
        while product <= bound:  # pragma: no cover - the primes are all > 2**31
            count += 1
            primes = primes_below_2_32(count)
            product *= primes[-1]
        return cls(primes)

    @property
    def count(self) -> int:
        return 1 + len(self.primes)

    def modulus(self, row: int) -> int:
        return TWO_64 if row == 0 else self.primes[row - 1]


def reduce_row(values: U64, row: int, moduli: Moduli, scratch: U64 | None = None) -> None:
    """Reduce one residue row in place (a no-op for the 2**64 row).

    ``x - (x // p) * p``: numpy divides by a scalar with a multiplication (libdivide),
    which is about twice as fast as its remainder; ``scratch`` (same shape) saves an
    allocation.
    """
    if row > 0:
        p = np.uint64(moduli.primes[row - 1])
        quotient = np.empty_like(values) if scratch is None else scratch
        np.floor_divide(values, p, out=quotient)
        np.multiply(quotient, p, out=quotient)
        np.subtract(values, quotient, out=values)


def alternating_sum(values: U64, row: int, moduli: Moduli, axis: int = -1) -> U64:
    """Sum of ``values`` with signs +, -, +, ... along ``axis``, as residues of ``row``."""
    n = values.shape[axis]
    even = np.take(values, np.arange(0, n, 2), axis=axis).sum(axis=axis, dtype=np.uint64)
    odd = np.take(values, np.arange(1, n, 2), axis=axis).sum(axis=axis, dtype=np.uint64)
    return sub_mod(np.asarray(even), np.asarray(odd), row, moduli)


def sub_mod(a: U64, b: U64, row: int, moduli: Moduli) -> U64:
    """``a - b`` as residues of ``row`` (inputs may be unreduced, below 2**63)."""
    if row == 0:
        return np.asarray(a - b, dtype=np.uint64)
    p = np.uint64(moduli.primes[row - 1])
    return np.asarray((a % p + p - b % p) % p, dtype=np.uint64)


def crt(residues: U64, moduli: Moduli) -> npt.NDArray[np.object_]:
    """Rebuild exact integers from ``residues[row, ...]`` (one row per modulus).

    Returns an object array of Python ints with the shape of one row.
    """
    rows = residues.shape[0]
    if rows != moduli.count:
        raise ValueError("one residue row per modulus is required")
    # Garner: x = v0 + v1*M1 + v2*M2 + ..., with M_k the product of the first k moduli
    digits: list[U64] = [residues[0].astype(np.uint64)]
    radix_products = [1]
    for k in range(1, rows):
        radix_products.append(radix_products[-1] * moduli.modulus(k - 1))
    for k in range(1, rows):
        p = moduli.primes[k - 1]
        pu = np.uint64(p)
        acc = np.zeros_like(digits[0])
        for j, digit in enumerate(digits):
            factor = np.uint64(radix_products[j] % p)
            acc = (acc + (digit % pu) * factor % pu) % pu
        inverse = np.uint64(pow(radix_products[k] % p, -1, p))
        value = (residues[k] % pu + pu - acc) % pu * inverse % pu
        digits.append(np.asarray(value, dtype=np.uint64))
    total: npt.NDArray[np.object_] = digits[0].astype(object)
    for k in range(1, rows):
        total = total + digits[k].astype(object) * radix_products[k]
    return total
