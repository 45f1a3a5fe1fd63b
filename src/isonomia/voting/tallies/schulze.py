"""The Schulze method (beatpath), with winning-votes strengths.

``d[a, b]`` counts voters ranking a above b; a link a -> b has strength d[a, b] when
d[a, b] > d[b, a] and 0 otherwise; ``p[a, b]`` is the strength of the strongest path
(Floyd–Warshall, vectorised). a ranks above b when p[a, b] > p[b, a]. The full ranking
sorts candidates by how many others they beat in p; candidates the method leaves tied
are ordered by candidate order in the input (earlier first) and listed in ``ties``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from isonomia.voting.ballots import Ballots
from isonomia.voting.tallies.pairwise import pairwise_matrix

Matrix = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class SchulzeResult:
    pairwise: Matrix
    strongest_paths: Matrix
    ranking: tuple[int, ...]
    ties: tuple[tuple[int, ...], ...]

    @property
    def winner(self) -> int:
        return self.ranking[0]

    @property
    def winners(self) -> tuple[int, ...]:
        """Every candidate no other candidate beats (more than one only on a tie)."""
        p = self.strongest_paths
        return tuple(a for a in range(len(p)) if all(p[a, b] >= p[b, a] for b in range(len(p))))


def strongest_paths(d: Matrix) -> Matrix:
    """Widest-path strengths from the pairwise matrix."""
    c = d.shape[0]
    p = np.where(d > d.T, d, 0).astype(np.int64)
    np.fill_diagonal(p, 0)
    for k in range(c):
        via = np.minimum(p[:, k : k + 1], p[k : k + 1, :])
        np.maximum(p, via, out=p)
        np.fill_diagonal(p, 0)
    return p


def schulze(ballots: Ballots) -> SchulzeResult:
    """Schulze ranking of the candidates."""
    d = pairwise_matrix(ballots)
    p = strongest_paths(d)
    beats = (p > p.T).sum(axis=1)
    ranking = tuple(sorted(range(len(d)), key=lambda a: (-int(beats[a]), a)))
    groups: dict[int, list[int]] = {}
    for a in ranking:
        groups.setdefault(int(beats[a]), []).append(a)
    ties = tuple(tuple(g) for g in groups.values() if len(g) > 1)
    return SchulzeResult(d, p, ranking, ties)
