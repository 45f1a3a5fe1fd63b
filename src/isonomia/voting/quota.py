"""The optimal quota: where Banzhaf power best matches the weights (Jagiellonian construction).

For every quota q from floor(W/2) + 1 to W (proper games) the normalised Banzhaf index
beta(q) is compared with the weight shares s; the chosen quota minimises the sum of
squared differences sum_i (beta_i(q) - s_i)**2 (ties: the smaller quota). One
dynamic programme over weights serves all quotas: the probability of each coalition
weight (floats, exact enough for a comparison), each player's count without itself by a
stable one-sided deconvolution mirrored by symmetry, and the swings for every quota as
differences of running sums. The index at the chosen quota can then be computed exactly
with ``power.banzhaf``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from isonomia.voting.errors import VotingError

Floats = npt.NDArray[np.float64]

MAX_TOTAL_WEIGHT = 20_000_000


def _without(c: Floats, w: int, total: int) -> Floats:
    """Distribution of coalition weights of the others, from the one including the player."""
    size = total - w + 1
    if w == 0:
        return c[:size] / 2.0
    half = size // 2 + 1
    rows = -(-half // w)
    padded = np.zeros(rows * w)
    padded[:half] = c[:half]
    x = padded.reshape(rows, w)
    signs = np.where(np.arange(rows) % 2 == 0, 1.0, -1.0)[:, None]
    # c_without[k] = 2 c[k] - c_without[k - w] (c holds probabilities, halved per player)
    y = signs * np.cumsum(signs * 2.0 * x, axis=0)
    low = np.clip(y.reshape(-1)[:half], 0.0, None)
    out = np.empty(size)
    out[:half] = low
    # the others' weights are symmetric: k and (total - w) - k are equally likely
    out[half:] = low[size - 1 - np.arange(half, size)]
    return out


def _weight_distribution(values: list[int]) -> Floats:
    total = sum(values)
    if total > MAX_TOTAL_WEIGHT:
        raise VotingError("total weight too large for the quota search; use coarser units")
    c = np.zeros(total + 1)
    c[0] = 1.0
    for w in values:
        if w:
            c[w:] = (c[w:] + c[:-w].copy()) / 2.0
            c[:w] /= 2.0
    return c


def _check_weights(weights: Sequence[int]) -> list[int]:
    values = [int(w) for w in weights]
    if not values or min(values) < 0 or sum(values) == 0:
        raise VotingError("weights must be whole numbers, not negative, not all zero")
    return values


def _player_swings(c: Floats, w: int, total: int, quotas: npt.NDArray[np.int64]) -> Floats:
    others = _without(c, w, total)
    running = np.concatenate(([0.0], np.cumsum(others)))
    top = np.minimum(quotas, len(others))
    bottom = np.clip(quotas - w, 0, len(others))
    result: Floats = running[top] - running[bottom]
    return result


def banzhaf_by_quota(weights: Sequence[int]) -> tuple[npt.NDArray[np.int64], Floats]:
    """Quotas q (proper range) and the normalised Banzhaf index at each, shape (quotas, n)."""
    values = _check_weights(weights)
    total = sum(values)
    c = _weight_distribution(values)
    quotas = np.arange(total // 2 + 1, total + 1)
    swings = np.zeros((len(quotas), len(values)))
    for i, w in enumerate(values):
        if w:
            swings[:, i] = _player_swings(c, w, total, quotas)
    sums = swings.sum(axis=1, keepdims=True)
    return quotas, np.divide(swings, sums, out=np.zeros_like(swings), where=sums > 0)


def optimal_quota(weights: Sequence[int]) -> int:
    """The proper quota minimising the squared distance between Banzhaf index and weight shares."""
    values = _check_weights(weights)
    total = sum(values)
    c = _weight_distribution(values)
    quotas = np.arange(total // 2 + 1, total + 1)
    # sum_i (eta_i/T - s_i)^2 = A/T^2 - 2B/T + sum s^2, accumulated player by player
    sum_sq = np.zeros(len(quotas))
    cross = np.zeros(len(quotas))
    swings_total = np.zeros(len(quotas))
    for w in values:
        if w:
            eta = _player_swings(c, w, total, quotas)
            sum_sq += eta * eta
            cross += eta * (w / total)
            swings_total += eta
    safe = np.where(swings_total > 0, swings_total, 1.0)
    distance = sum_sq / safe**2 - 2 * cross / safe
    return int(quotas[int(np.argmin(distance))])
