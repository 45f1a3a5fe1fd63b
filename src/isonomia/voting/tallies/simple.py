"""Plurality and approval counts.

Plurality: each ballot's first tier scores; a first tier of k tied candidates gives each
1/k. Approval: a ballot approves every candidate it ranks (for categorical PrefLib files
read with ``approval=True``, the first category). Winners are ordered by score, ties by
candidate order in the input (earlier first).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from isonomia.voting.ballots import Ballots


@dataclass(frozen=True)
class ScoreResult:
    scores: tuple[float, ...]
    ranking: tuple[int, ...]

    @property
    def winner(self) -> int:
        return self.ranking[0]


def _ranked(scores: np.ndarray) -> ScoreResult:
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return ScoreResult(tuple(float(s) for s in scores), tuple(order))


def plurality(ballots: Ballots) -> ScoreResult:
    """First-preference count."""
    top = ballots.ranks == 0
    per_ballot = ballots.counts / np.maximum(top.sum(axis=1), 1)
    return _ranked(per_ballot @ top.astype(np.float64))


def approval(ballots: Ballots) -> ScoreResult:
    """Number of ballots approving (ranking) each candidate."""
    ranked = ballots.ranks < ballots.n_candidates
    return _ranked(ballots.counts.astype(np.float64) @ ranked.astype(np.float64))
