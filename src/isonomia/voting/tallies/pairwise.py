"""The pairwise preference matrix, computed vectorised over grouped ballots."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from isonomia.voting.ballots import Ballots


def pairwise_matrix(ballots: Ballots) -> npt.NDArray[np.int64]:
    """``d[a, b]``: voters ranking a above b (unranked: below ranked, equal among themselves)."""
    c = ballots.n_candidates
    ranks_t = np.ascontiguousarray(ballots.ranks.T)  # one contiguous row per candidate
    counts = ballots.counts
    single = counts == 1
    # groups cast by one voter are counted with count_nonzero, which is much faster than
    # a weighted sum; the rest go through a float64 dot product (exact below 2**53)
    plain = ranks_t[:, single] if not np.all(single) else ranks_t
    heavy = ranks_t[:, ~single]
    heavy_counts = counts[~single].astype(np.float64)
    d = np.zeros((c, c), dtype=np.int64)
    for a in range(c):
        if plain.shape[1]:
            d[a] += np.count_nonzero(plain[a] < plain, axis=1)
        if heavy.shape[1]:
            d[a] += np.rint((heavy[a] < heavy) @ heavy_counts).astype(np.int64)
    return d
