"""Ranked ballots held as numpy arrays of grouped counts.

A ranking is a tuple of tiers, each a tuple of candidate indices (ties allowed within a
tier); candidates absent from a ranking are unranked and count below every ranked one
(the Debian convention). ``Ballots`` keeps one row per distinct ranking: ``ranks[g, c]``
is the tier of candidate c on ballot group g (``len(candidates)`` when unranked) and
``counts[g]`` the number of voters who cast it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from isonomia.voting.errors import VotingError

Ranking = tuple[tuple[int, ...], ...]
IntArray = npt.NDArray[np.int64]


#: orders are keyed with 4 bits a position (candidate index + 1; 0 for padding)
_NIBBLE_CANDIDATES = 15
_NIBBLE_POSITIONS = 15


class Ballots:
    """Grouped ballots: ``ranks[g, c]`` tiers, ``counts[g]`` voters (see the module doc).

    Strict ballots may also carry their preference orders, ``order_columns()[p, g]`` being
    the candidate at position p of group g (-1 past the last ranked one); methods that
    need orders (transfers, the pairwise count) then skip rebuilding them from the ranks,
    and the ranks are only built when asked for.
    """

    __slots__ = ("_columns", "_ranks", "candidates", "counts")

    def __init__(
        self,
        candidates: tuple[str, ...],
        ranks: npt.NDArray[np.int16] | None,
        counts: IntArray,
        *,
        columns: npt.NDArray[np.int16] | None = None,
    ) -> None:
        if ranks is None and columns is None:
            raise ValueError("ballots need ranks or order columns")
        self.candidates = candidates
        self.counts = counts
        self._ranks = ranks
        self._columns = columns

    @property
    def ranks(self) -> npt.NDArray[np.int16]:
        """(G, C) tier of each candidate on each group (C when unranked)."""
        if self._ranks is None:
            assert self._columns is not None
            self._ranks = _ranks_from_columns(self._columns, self.n_candidates)
        return self._ranks

    @property
    def n_candidates(self) -> int:
        return len(self.candidates)

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    @property
    def has_ties(self) -> bool:
        """Whether some ballot puts two ranked candidates in one tier."""
        if self._columns is not None:
            return False
        c = self.n_candidates
        ranked = self.ranks < c
        tiers = np.where(ranked, self.ranks, -1).max(axis=1, initial=-1) + 1
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

        Entries of -1 mark no candidate (rows shorter than L are padded with -1); a
        candidate may appear once a row. Identical orders are merged.
        """
        names = tuple(candidates)
        c = len(names)
        if c == 0:
            raise VotingError("an election needs at least one candidate")
        arr = np.asarray(orders)
        if arr.dtype.kind not in "iu":
            arr = arr.astype(np.int64)
        if arr.ndim != 2:
            raise VotingError("orders must be a two-dimensional array")
        n, length = arr.shape
        if length > c or (n and length and (arr.max() >= c or arr.min() < -1)):
            raise VotingError("orders hold candidate indices 0..C-1, padded with -1")
        weights = None if counts is None else np.asarray(counts, dtype=np.int64).reshape(-1)
        if weights is not None and len(weights) != n:
            raise VotingError("one count per order is needed")
        if n == 0 or length == 0:
            total = 0 if weights is None else int(weights.sum())
            empty = np.full((1 if total else 0, c), c, dtype=np.int16)
            return cls(names, empty, np.array([total] if total else [], dtype=np.int64))
        if c > _NIBBLE_CANDIDATES or length > _NIBBLE_POSITIONS:
            return cls(names, _ranks_from_rows(arr, c), _ones_or(weights, n)).grouped()
        # one int64 key a row: 4 bits a position, the first position most significant, so
        # sorting the keys sorts the orders lexicographically
        powers = np.left_shift(1, 4 * np.arange(length - 1, -1, -1, dtype=np.int64))
        keys = arr.astype(np.int64, copy=False) @ powers + int(powers.sum())
        if weights is None:
            unique, sizes = np.unique(keys, return_counts=True)
        else:
            order = np.argsort(keys, kind="stable")
            ordered = keys[order]
            starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
            unique = ordered[starts]
            sizes = np.add.reduceat(weights[order], starts)
        keep = sizes > 0
        unique, sizes = unique[keep], sizes[keep]
        columns = np.empty((length, len(unique)), dtype=np.int16)
        for p in range(length):
            np.subtract(
                (unique >> (4 * (length - 1 - p))) & 15, 1, out=columns[p], casting="unsafe"
            )
        if not _distinct_in_rows(columns):
            raise VotingError("a candidate appears twice in one order")
        if len(unique) and bool(np.any((columns[:-1] < 0) & (columns[1:] >= 0))):
            # some rows have holes: close them up (-1 last) and merge again
            rows = columns.T
            closed = np.take_along_axis(rows, np.argsort(rows < 0, axis=1, kind="stable"), 1)
            return cls.from_orders(names, closed, sizes)
        return cls(names, None, sizes.astype(np.int64), columns=columns)

    def order_columns(self) -> npt.NDArray[np.int16]:
        """(L, G) candidate at each position of each group, -1 after the last ranked one.

        Refuses ballots with ties (transfer methods need one next preference).
        """
        if self._columns is None:
            self._columns = np.ascontiguousarray(self.orders().T.astype(np.int16))
        return self._columns

    def grouped(self) -> Ballots:
        """Merge identical rankings, summing their counts (row order: sorted)."""
        if len(self.counts) == 0 or self._columns is not None:
            return self  # ballots built from orders are grouped already
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
        c = self.n_candidates
        if self._columns is not None:
            out = np.full((self._columns.shape[1], c), -1, dtype=np.int64)
            out[:, : self._columns.shape[0]] = self._columns.T
            return out
        if self.has_ties:
            raise VotingError("this method needs strict rankings; some ballots have ties")
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


def _ones_or(weights: IntArray | None, n: int) -> IntArray:
    return np.ones(n, dtype=np.int64) if weights is None else weights


def _ranks_from_rows(arr: npt.NDArray[np.integer], c: int) -> npt.NDArray[np.int16]:
    """(N, C) ranks of (N, L) orders; -1 entries are skipped (no candidate there)."""
    n = arr.shape[0]
    ok = arr >= 0
    # positions after closing up the holes left by -1 entries
    position = np.cumsum(ok, axis=1) - 1
    ranks = np.full((n, c), c, dtype=np.int16)
    rows = np.broadcast_to(np.arange(n)[:, None], arr.shape)
    cand = arr[ok].astype(np.int64)
    target = rows[ok] * c + cand
    if len(np.unique(target)) != len(target):
        raise VotingError("a candidate appears twice in one order")
    ranks.reshape(-1)[target] = position[ok]
    return ranks


def _ranks_from_columns(columns: npt.NDArray[np.int16], c: int) -> npt.NDArray[np.int16]:
    length, groups = columns.shape
    ranks = np.full((groups, c), c, dtype=np.int16)
    flat = ranks.reshape(-1)
    base = np.arange(groups, dtype=np.int64) * c
    for p in range(length):
        col = columns[p]
        ok = col >= 0
        flat[base[ok] + col[ok]] = p
    return ranks


def _distinct_in_rows(columns: npt.NDArray[np.int16]) -> bool:
    """Whether no candidate appears twice in any group of (L, G) order columns (C <= 15)."""
    seen = np.zeros(columns.shape[1], dtype=np.int32)
    total = np.zeros(columns.shape[1], dtype=np.int32)
    one = np.int32(1)
    for col in columns:
        bit = np.left_shift(one, col + 1, dtype=np.int32) >> 1  # 0 for -1 (no candidate)
        seen |= bit
        total += bit
    return bool(np.array_equal(seen, total))
