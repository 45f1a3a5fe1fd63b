"""Instant-runoff and single transferable vote (Droop quota; Gregory or Meek transfers).

Ballots must be strict rankings (ties refused); a ballot passes to its next continuing
candidate and is exhausted when none is left.

Tie-breaking, deterministic: when two candidates have equal votes for exclusion (or for
the order of election), the one with fewer votes at the most recent earlier round where
they differed is treated as lower; if they never differed, the candidate later in the
input order is excluded first (and the earlier one elected first).

STV with Gregory transfers (weighted inclusive Gregory): the quota is the Droop quota
floor(valid / (seats + 1)) + 1. Candidates reaching the quota are elected; the largest
surplus is transferred first, every ballot in the elected candidate's pile passing on at
its current value times surplus / total. With no surplus to transfer the lowest candidate
is excluded and its ballots pass on at their value. When the continuing candidates are
no more than the seats left, they are all elected.

Meek: every candidate has a keep factor (1 while hopeful, 0 once excluded). Each ballot
gives each candidate in turn its keep factor of what remains of it; the quota is
(votes not exhausted) / (seats + 1), and the factors of elected candidates are iterated
(k <- k * quota / votes) until surpluses are below 1e-9 of a vote.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from isonomia.voting.ballots import Ballots
from isonomia.voting.errors import VotingError

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Round:
    tallies: tuple[float, ...]
    elected: tuple[int, ...]
    excluded: tuple[int, ...]
    exhausted: float


@dataclass(frozen=True)
class TransferResult:
    quota: float
    elected: tuple[int, ...]
    rounds: tuple[Round, ...]

    @property
    def winner(self) -> int:
        return self.elected[0]


class _Piles:
    """Ballot groups with their current value and current candidate.

    ``columns[p, g]`` is the candidate at position p of group g (-1 past the end);
    ``position[g]`` points at the group's current candidate, ``current[g]`` (n once the
    ballot is exhausted).
    """

    def __init__(self, ballots: Ballots) -> None:
        self.columns = ballots.order_columns()
        self.values: Floats = ballots.counts.astype(np.float64)
        self.n = ballots.n_candidates
        self.continuing = np.ones(self.n + 1, dtype=bool)
        self.continuing[self.n] = False  # index n stands for "no further preference"
        groups = len(self.values)
        self.position = np.zeros(groups, dtype=np.int64)
        if self.columns.shape[0]:
            first = self.columns[0].astype(np.int64)
            self.current = np.where(first >= 0, first, self.n)
        else:
            self.current = np.full(groups, self.n, dtype=np.int64)

    def advance(self, which: npt.NDArray[np.bool_]) -> None:
        """Move the selected groups on to their first continuing preference."""
        idx = np.flatnonzero(which)
        length, groups = self.columns.shape
        flat = self.columns.reshape(-1)
        position = self.position[idx]
        # step forward one position at a time; most ballots stop at the first step
        while len(idx):
            position += 1
            inside = position < length
            cand = np.full(len(idx), self.n, dtype=np.int64)
            cand[inside] = flat[position[inside] * groups + idx[inside]]
            cand[cand < 0] = self.n
            done = self.continuing[cand] | (cand == self.n)
            self.position[idx[done]] = np.minimum(position[done], length)
            self.current[idx[done]] = cand[done]
            idx, position = idx[~done], position[~done]

    def totals(self) -> Floats:
        return np.bincount(self.current, weights=self.values, minlength=self.n + 1).astype(
            np.float64
        )


def _lowest(candidates: list[int], history: list[Floats], now: Floats) -> int:
    def key(c: int) -> tuple[float, ...]:
        return (now[c], *(h[c] for h in reversed(history)), -c)

    return min(candidates, key=key)


def _order_elected(candidates: list[int], history: list[Floats], now: Floats) -> list[int]:
    return sorted(candidates, key=lambda c: (-now[c], *(-h[c] for h in reversed(history)), c))


def instant_runoff(ballots: Ballots) -> TransferResult:
    """IRV: exclude the last candidate until one holds a majority of the continuing votes."""
    piles = _Piles(ballots)
    n = ballots.n_candidates
    rounds: list[Round] = []
    history: list[Floats] = []
    while True:
        totals = piles.totals()
        hopeful = [c for c in range(n) if piles.continuing[c]]
        live = float(totals[:n].sum())
        leader = _order_elected(hopeful, history, totals)[0]
        if totals[leader] * 2 > live or len(hopeful) == 1:
            rounds.append(_round(totals, [leader], [], n))
            return TransferResult(live / 2, (leader,), tuple(rounds))
        loser = _lowest(hopeful, history, totals)
        piles.continuing[loser] = False
        piles.advance(piles.current == loser)
        rounds.append(_round(totals, [], [loser], n))
        history.append(totals)


def stv(ballots: Ballots, seats: int, *, meek: bool = False) -> TransferResult:
    """Elect ``seats`` candidates by single transferable vote."""
    n = ballots.n_candidates
    if not 1 <= seats <= n:
        raise VotingError(f"seats must lie in 1..{n}, got {seats}")
    if meek:
        return _meek(ballots, seats)
    piles = _Piles(ballots)
    valid = float(piles.values.sum())
    quota = float(np.floor(valid / (seats + 1)) + 1)
    elected: list[int] = []
    rounds: list[Round] = []
    history: list[Floats] = []
    while len(elected) < seats:
        totals = piles.totals()
        hopeful = [c for c in range(n) if piles.continuing[c]]
        if len(hopeful) <= seats - len(elected):
            chosen = _order_elected(hopeful, history, totals)
            elected.extend(chosen)
            rounds.append(_round(totals, chosen, [], n))
            break
        reached = [c for c in hopeful if totals[c] >= quota]
        if reached:
            chosen = _order_elected(reached, history, totals)
            for c in chosen:
                piles.continuing[c] = False
                elected.append(c)
            for c in chosen:
                at_c = piles.current == c
                surplus = totals[c] - quota
                if surplus > 0 and len(elected) < seats:
                    piles.values[at_c] *= surplus / totals[c]
                    piles.advance(at_c)
                else:
                    piles.values[at_c] = 0.0
            rounds.append(_round(totals, chosen, [], n))
        else:
            loser = _lowest(hopeful, history, totals)
            piles.continuing[loser] = False
            piles.advance(piles.current == loser)
            rounds.append(_round(totals, [], [loser], n))
        history.append(totals)
    return TransferResult(quota, tuple(elected), tuple(rounds))


def _round(totals: Floats, elected: list[int], excluded: list[int], n: int) -> Round:
    return Round(
        tuple(float(t) for t in totals[:n]), tuple(elected), tuple(excluded), float(totals[n])
    )


def _meek(ballots: Ballots, seats: int) -> TransferResult:
    columns = ballots.order_columns()
    counts = ballots.counts.astype(np.float64)
    n = ballots.n_candidates
    keep = np.ones(n + 1, dtype=np.float64)
    keep[n] = 0.0
    cand = np.where(columns >= 0, columns, n).astype(np.int64)
    hopeful = set(range(n))
    elected: list[int] = []
    rounds: list[Round] = []
    history: list[Floats] = []
    quota = 0.0
    while len(elected) < seats:
        for _ in range(1000):
            totals = np.zeros(n + 1, dtype=np.float64)
            remaining = counts.copy()
            for j in range(cand.shape[0]):
                k = keep[cand[j]]
                totals += np.bincount(cand[j], weights=remaining * k, minlength=n + 1)
                remaining *= 1.0 - k
            exhausted = float(remaining.sum())
            totals[n] = exhausted
            quota = float((counts.sum() - exhausted) / (seats + 1))
            if not elected:
                break
            surplus = max(totals[c] - quota for c in elected)
            if surplus < 1e-9:
                break
            for c in elected:
                keep[c] = min(1.0, keep[c] * quota / totals[c]) if totals[c] > 0 else keep[c]
        if len(hopeful) <= seats - len(elected):
            chosen = _order_elected(sorted(hopeful), history, totals)
            elected.extend(chosen)
            rounds.append(_round(totals, chosen, [], n))
            break
        reached = [c for c in sorted(hopeful) if totals[c] >= quota * (1 - 1e-12)]
        if reached:
            chosen = _order_elected(reached, history, totals)
            elected.extend(chosen)
            hopeful.difference_update(chosen)
            rounds.append(_round(totals, chosen, [], n))
        else:
            loser = _lowest(sorted(hopeful), history, totals)
            hopeful.discard(loser)
            keep[loser] = 0.0
            rounds.append(_round(totals, [], [loser], n))
        history.append(totals)
    return TransferResult(quota, tuple(elected[:seats]), tuple(rounds))
