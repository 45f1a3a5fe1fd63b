"""Ranked ballots held as numpy arrays of grouped counts.

A ranking is a tuple of tiers, each a tuple of candidate indices (ties allowed within a
tier); candidates absent from a ranking are unranked and count below every ranked one
(the Debian convention). ``Ballots`` keeps one row per distinct ranking: ``ranks[g, c]``
is the tier of candidate c on ballot group g (``len(candidates)`` when unranked) and
``counts[g]`` the number of voters who cast it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from isonomia.voting.errors import VotingError

Ranking = tuple[tuple[int, ...], ...]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Ballots:
    candidates: tuple[str, ...]
    ranks: npt.NDArray[np.int16]
    counts: IntArray

    @property
    def n_candidates(self) -> int:
        return len(self.candidates)

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    @property
    def has_ties(self) -> bool:
        """Whether some ballot puts two ranked candidates in one tier."""
        c = self.n_candidates
        ranked = self.ranks < c
        tiers = np.where(ranked, self.ranks, -1).max(axis=1) + 1
        return bool(np.any(ranked.sum(axis=1) != tiers))

    @classmethod
    def from_rankings(
        cls, candidates: Sequence[str], groups: Iterable[tuple[Ranking, int]]
    ) -> Ballots:
        """Ballots from (ranking, count) groups; identical rankings are merged."""
        names = tuple(candidates)
        c = len(names)
        if c == 0:
            raise VotingError("an election needs at least one candidate")
        rows: list[list[int]] = []
        counts: list[int] = []
        for ranking, count in groups:
            if count < 0:
                raise VotingError(f"a ballot count must not be negative, got {count}")
            row = [c] * c
            for tier_index, tier in enumerate(ranking):
                for cand in tier:
                    if not 0 <= cand < c:
                        raise VotingError(f"candidate index {cand} out of range")
                    if row[cand] != c:
                        raise VotingError(f"candidate {names[cand]} ranked twice on one ballot")
                    row[cand] = tier_index
            rows.append(row)
            counts.append(count)
        ranks = np.array(rows, dtype=np.int16).reshape(len(rows), c)
        return cls(names, ranks, np.array(counts, dtype=np.int64)).grouped()

    @classmethod
    def from_orders(
        cls,
        candidates: Sequence[str],
        orders: npt.ArrayLike,
        counts: npt.ArrayLike | None = None,
    ) -> Ballots:
        """Strict ballots from an (N, L) array of candidate indices, most preferred first.

        Rows shorter than L are padded with -1 (unranked after that point).
        """
        names = tuple(candidates)
        c = len(names)
        arr = np.asarray(orders, dtype=np.int64)
        if arr.ndim != 2:
            raise VotingError("orders must be a two-dimensional array")
        n, length = arr.shape
        if length > c or np.any(arr >= c) or np.any(arr < -1):
            raise VotingError("orders hold candidate indices 0..C-1, padded with -1")
        weights = np.ones(n, dtype=np.int64) if counts is None else np.asarray(counts, np.int64)
        ranks = np.full((n, c), c, dtype=np.int16)
        rows = np.arange(n)
        for position in range(length):
            col = arr[:, position]
            ok = col >= 0
            if np.any(ranks[rows[ok], col[ok]] != c):
                raise VotingError("a candidate appears twice in one order")
            ranks[rows[ok], col[ok]] = position
        return cls(names, ranks, weights).grouped()

    def grouped(self) -> Ballots:
        """Merge identical rankings, summing their counts (row order: sorted)."""
        if len(self.counts) == 0:
            return self
        c = self.n_candidates
        base = c + 1
        if c * np.log2(base) < 62:
            powers = base ** np.arange(c, dtype=np.int64)
            keys = self.ranks.astype(np.int64) @ powers
            if np.all(self.counts == 1):
                # plain ballots: counting duplicates needs no inverse map (much faster)
                unique, sizes = np.unique(keys, return_counts=True)
                digits = (unique[:, None] // powers[None, :]) % base
                return Ballots(self.candidates, digits.astype(np.int16), sizes.astype(np.int64))
            unique, inverse = np.unique(keys, return_inverse=True)
            digits = (unique[:, None] // powers[None, :]) % base
            ranks = digits.astype(np.int16)
        else:
            ranks, inverse = np.unique(self.ranks, axis=0, return_inverse=True)
            ranks = ranks.astype(np.int16)
        counts = np.bincount(inverse.reshape(-1), weights=self.counts, minlength=len(ranks))
        keep = counts > 0
        return Ballots(self.candidates, ranks[keep], counts.astype(np.int64)[keep])

    def orders(self) -> npt.NDArray[np.int64]:
        """(G, C) candidate indices in order of preference, -1 after the last ranked one.

        Refuses ballots with ties (transfer methods need one next preference).
        """
        if self.has_ties:
            raise VotingError("this method needs strict rankings; some ballots have ties")
        c = self.n_candidates
        order = np.argsort(self.ranks, axis=1, kind="stable").astype(np.int64)
        ranked_sorted = np.take_along_axis(self.ranks, order, axis=1) < c
        return np.where(ranked_sorted, order, -1)

    def rankings(self) -> list[tuple[Ranking, int]]:
        """The groups back as (ranking, count) pairs."""
        c = self.n_candidates
        out: list[tuple[Ranking, int]] = []
        for row, count in zip(self.ranks.tolist(), self.counts.tolist(), strict=True):
            tiers: dict[int, list[int]] = {}
            for cand, tier in enumerate(row):
                if tier < c:
                    tiers.setdefault(tier, []).append(cand)
            out.append((tuple(tuple(tiers[t]) for t in sorted(tiers)), int(count)))
        return out
