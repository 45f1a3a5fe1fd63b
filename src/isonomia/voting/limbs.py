"""Banzhaf swings of a weighted game from one count table of exact integers held as limbs.

The count table ``c[k]`` (coalitions of weight k, the coefficients of prod(1 + x^w)) is
built one player at a time, as in ``tables``, but each count is kept exactly as limbs of
B bits in machine words (B = 46 for tables under 2**17 columns) instead of as residues
modulo many primes. Two facts make limbs cheaper than residues:

- a residue is as wide as the largest count, wherever it is; a limb that holds nothing
  is zero. Counts of light coalitions are small, so the high limbs are zero over the low
  columns, and each limb is added only from its first non-zero column on. After j
  players no count exceeds 2**j, so the limbs above that are not touched at all;
- limbs need no division: every 62 - B steps the carries move up by a shift and a mask.

A limb holds less than 2**(B+1) after its carries moved and a step at most doubles it,
so 62 - B steps stay below 2**63. B is chosen so that the running sums of B-bit limbs
and the sum of half of them (the swings' alternating sums) fit a word. Each distinct
weight's swings are an alternating sum along one arithmetic progression of the running
sums (see ``tables``), rebuilt as a Python integer.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from isonomia.voting.games import Game
from isonomia.voting.tables import Progress, table_columns

U64 = npt.NDArray[np.uint64]
#: one player: its weight, the prefix weight before it, the columns kept before and after
Step = tuple[int, int, int, int]

#: the widest limb used (small tables); wider limbs leave too few steps between carries
MAX_LIMB_BITS = 48


def limb_bits(columns: int) -> int:
    """Limb width B for a table of ``columns``: B-bit limbs, their running sums over the
    table (below 2**B * columns) and half the running sums added together stay below
    2**63."""
    return min(MAX_LIMB_BITS, 62 - (columns // 2 + 1).bit_length())


class _Table:
    """Counts by weight as limbs, with each limb's first possibly non-zero column."""

    def __init__(self, players: int, columns: int, bits: int) -> None:
        self.bits = bits
        self.shift = np.uint64(bits)
        self.mask = np.uint64((1 << bits) - 1)
        #: steps between carry passes: limbs below 2**(bits+1) stay below 2**63
        self.carry_every = 62 - bits
        self.limbs = np.zeros((players // bits + 3, columns), dtype=np.uint64)
        self.start = [columns] * self.limbs.shape[0]
        self.limbs[0, 0] = 1
        self.start[0] = 0
        self.active = 1
        self.scratch = np.empty(columns, dtype=np.uint64)
        self.pending = np.empty(columns, dtype=np.uint64)

    def window(self, steps: list[Step], cols: int) -> None:
        """Add the players of ``steps``, then move the carries up (``cols`` columns kept).

        Between two carry passes the limbs are independent, so each limb takes all the
        steps while its row stays in the processor's cache; its carry, taken at the end
        of the same steps, goes into the next limb after that limb's steps.
        """
        pending_lo = cols  # the carry of the limb below, on [pending_lo, cols)
        for limb in range(self.active):
            start = self.start[limb]
            row = self.limbs[limb]
            if start < cols:
                self._steps(row, start, steps)
            if pending_lo < cols:
                if pending_lo < start:
                    first = pending_lo + _first_nonzero(self.pending[pending_lo:cols])
                    start = self.start[limb] = min(start, first)
                carried = self.pending[pending_lo:cols]
                np.add(row[pending_lo:cols], carried, out=row[pending_lo:cols])
            pending_lo = cols
            if start < cols:
                np.right_shift(row[start:cols], self.shift, out=self.pending[start:cols])
                np.bitwise_and(row[start:cols], self.mask, out=row[start:cols])
                pending_lo = start
        if pending_lo < cols:
            first = pending_lo + _first_nonzero(self.pending[pending_lo:cols])
            if first < cols:
                self.limbs[self.active, first:cols] = self.pending[first:cols]
                self.start[self.active] = first
                self.active += 1

    def _steps(self, row: U64, start: int, steps: list[Step]) -> None:
        """``c[k] += c[k - w]`` on one limb, written alternately into the scratch row and
        back (the ranges overlap and the old values are needed).

        Only the lower half of the table is kept: before each step the columns it adds
        past the old half are filled from their mirror images, ``c[k] = c[prefix - k]``.
        """
        src, dst = row, self.scratch
        for w, prefix, old, cols in steps:
            if cols > old:
                # c[k] for k in [old, cols) is c[prefix - k]; sources below start are 0
                top = min(cols, prefix - max(start, 0) + 1)  # k < top has a source >= start
                if top > old:
                    src[old:top] = src[prefix - top + 1 : prefix - old + 1][::-1]
                src[max(old, top) : cols] = 0
            lo = start + w
            if lo >= cols:
                continue
            np.add(src[lo:cols], src[start : cols - w], out=dst[lo:cols])
            dst[start:lo] = src[start:lo]
            src, dst = dst, src
        if src is not row:
            last = steps[-1][3]
            row[start:last] = src[start:last]

    def mirror(self, prefix: int, kept: int, cols: int) -> None:
        """Fill columns ``[kept, cols)`` from their mirror images ``c[prefix - k]``."""
        if cols > kept:
            for limb in range(self.active):
                row = self.limbs[limb]
                row[kept:cols] = row[prefix - cols + 1 : prefix - kept + 1][::-1]

    def running_sums(self, cols: int) -> U64:
        """Exact running sums ``C[t] = sum(c[k] for k < t)``, t = 0..cols, as B-bit limbs."""
        sums = np.zeros((self.active + 1, cols + 1), dtype=np.uint64)
        carry = np.zeros(cols, dtype=np.uint64)
        for limb in range(self.active):  # finish the carries: every limb below 2**B
            row = self.limbs[limb, :cols]
            row += carry
            np.right_shift(row, self.shift, out=carry)
            row &= self.mask
            np.cumsum(row, out=sums[limb, 1:])  # below 2**B * cols: no overflow
        if carry.any():  # pragma: no cover - the limbs cover 2**players
            raise AssertionError("count table overflow")
        for limb in range(self.active):
            sums[limb + 1] += sums[limb] >> self.shift
            sums[limb] &= self.mask
        return sums


def _first_nonzero(values: U64) -> int:
    """Index of the first non-zero value, or ``len(values)``."""
    if not len(values):
        return 0
    first = int(np.argmax(values != 0))
    return first if values[first] else len(values)


def weighted_swings(game: Game, progress: Progress | None = None) -> tuple[int, ...]:
    """Exact Banzhaf swings of a weighted game (weights and quota only)."""
    quota = table_columns(game)
    distinct = sorted({w for w in game.weights if w > 0})
    if quota <= 0 or not distinct:
        return tuple(0 for _ in game.weights)
    bits = limb_bits(quota + 1)
    table = _Table(game.n, quota, bits)
    # the table of the first j players is symmetric (c[k] = c[prefix - k]): keep its
    # lower half, columns below min(quota, prefix // 2 + 1)
    prefix, kept = 0, 1
    ordered = sorted(game.weights)
    steps: list[Step] = []
    for j, w in enumerate(ordered):
        cols = min(quota, (prefix + w) // 2 + 1)
        if cols > kept or w < cols:
            steps.append((w, prefix, kept, cols))
        prefix, kept = prefix + w, cols
        if len(steps) == table.carry_every or (steps and j == len(ordered) - 1):
            table.window(steps, kept)
            steps = []
            if progress is not None:
                progress(j + 1, len(ordered))
    table.mirror(prefix, kept, quota)
    running = table.running_sums(quota)
    scales = [1 << (bits * r) for r in range(running.shape[0])]
    by_weight: dict[int, int] = {}
    for w in distinct:
        # swings = C[q] - 2 C[q - w] + 2 C[q - 2w] - ... over the running sums C
        picked = running[:, quota::-w]
        even = picked[:, 2::2].sum(axis=1, dtype=np.uint64).tolist()
        odd = picked[:, 1::2].sum(axis=1, dtype=np.uint64).tolist()
        first = picked[:, 0].tolist()
        by_weight[w] = sum(
            (f + 2 * (e - o)) * scale
            for f, e, o, scale in zip(first, even, odd, scales, strict=True)
        )
    if progress is not None:
        progress(len(ordered), len(ordered))
    return tuple(by_weight.get(w, 0) for w in game.weights)
