"""The pairwise preference matrix, computed vectorised over grouped ballots.

``d[a, b]`` counts the voters ranking a above b. It is linear in the ballot counts, so it
can be read off histograms of parts of the rankings rather than off every group:

- Strict ballots, complete, at most 10 candidates: the positions are cut into two blocks.
  Which candidates are above which within a block depends on the block's sequence alone,
  and every candidate of the first block is above every other candidate. Two histograms
  of block sequences (at most 10**5 bins each) give the whole matrix.
- Strict ballots, at most 16 candidates: the candidate at position p is above every
  candidate outside the set S of the first p + 1 candidates, so a histogram over
  (S without the candidate, candidate) pairs gives the matrix (``H^T @ [b not in S]``).
- Otherwise (ties, or many candidates): one vectorised comparison per candidate.

Histograms are summed in float64 and are exact while the number of voters stays below
2**53 (checked; beyond, the general count is used).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from isonomia.voting.ballots import Ballots

Matrix = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
EXACT_FLOAT_SUMS = 1 << 53


def pairwise_matrix(ballots: Ballots) -> Matrix:
    """``d[a, b]``: voters ranking a above b (unranked: below ranked, equal among themselves)."""
    c = ballots.n_candidates
    if len(ballots.counts) and ballots.total < EXACT_FLOAT_SUMS and not ballots.has_ties:
        columns = ballots.order_columns()
        weights = ballots.counts.astype(np.float64)
        length = columns.shape[0]
        if c <= 10 and length == c and bool(np.all(columns[-1] >= 0)):
            return _complete_blocks(columns, weights, c)
        if c <= 16:
            return _prefix_sets(columns, weights, c)
    return _by_comparison(ballots)


def _by_comparison(ballots: Ballots) -> Matrix:
    c = ballots.n_candidates
    ranks_t = np.ascontiguousarray(ballots.ranks.T)  # one contiguous row per candidate
    counts = ballots.counts
    single = counts == 1
    # groups cast by one voter are counted with count_nonzero, which is much faster than
    # a weighted sum; the rest go through an exact integer dot product
    plain = ranks_t[:, single] if not np.all(single) else ranks_t
    heavy = ranks_t[:, ~single]
    heavy_counts = counts[~single]
    d = np.zeros((c, c), dtype=np.int64)
    for a in range(c):
        if plain.shape[1]:
            d[a] += np.count_nonzero(plain[a] < plain, axis=1)
        if heavy.shape[1]:
            d[a] += (heavy[a] < heavy).astype(np.int64) @ heavy_counts
    return d


def _to_int(d: Floats) -> Matrix:
    return np.rint(d).astype(np.int64)


def _complete_blocks(columns: npt.NDArray[np.int16], weights: Floats, c: int) -> Matrix:
    """Complete strict rankings of at most 10 candidates, by two block histograms."""
    cut = (c + 1) // 2
    cells = c * c
    d = np.zeros(cells, dtype=np.float64)
    for first, last in ((0, cut), (cut, c)):
        width = last - first
        if width == 0:
            continue
        # the block's sequence as a base-c number: at most 10**5 bins
        key = columns[first].astype(np.int32)
        for p in range(first + 1, last):
            key *= c
            key += columns[p]
        hist = np.bincount(key, weights=weights, minlength=c**width)
        keys = np.flatnonzero(hist)
        mass = hist[keys]
        seq = [(keys // c ** (width - 1 - i)) % c for i in range(width)]
        for i in range(width):
            for j in range(i + 1, width):
                d += np.bincount(seq[i] * c + seq[j], weights=mass, minlength=cells)
            if first == 0:
                # a candidate of the first block is above every candidate outside it:
                # all of them, less those in the block (the diagonal is cleared below)
                per_candidate = np.bincount(seq[i], weights=mass, minlength=c)
                d += np.repeat(per_candidate, c)
                for j in range(width):
                    d -= np.bincount(seq[i] * c + seq[j], weights=mass, minlength=cells)
    square = d.reshape(c, c)
    np.fill_diagonal(square, 0.0)
    return _to_int(square)


def _prefix_sets(columns: npt.NDArray[np.int16], weights: Floats, c: int) -> Matrix:
    """Strict rankings of at most 16 candidates, by a histogram of (set above, candidate)."""
    length, groups = columns.shape
    seen = np.zeros(groups, dtype=np.int64)
    dump = (1 << c) * c  # bin for empty positions (after the last ranked candidate)
    keys = np.empty((length, groups), dtype=np.int64)
    for p in range(length):
        col = columns[p].astype(np.int64)
        ok = col >= 0
        keys[p] = np.where(ok, seen * c + col, dump)
        seen |= np.where(ok, np.left_shift(1, np.maximum(col, 0)), 0)
    hist = np.bincount(keys.reshape(-1), weights=np.tile(weights, length), minlength=dump + 1)
    table = hist[:dump].reshape(1 << c, c)
    sets = np.arange(1 << c, dtype=np.int64)
    outside = ((sets[:, None] >> np.arange(c)) & 1) == 0
    d = table.T @ outside.astype(np.float64)
    np.fill_diagonal(d, 0.0)
    return _to_int(d)
