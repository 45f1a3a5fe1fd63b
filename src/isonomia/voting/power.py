"""Exact Banzhaf and Shapley–Shubik power by counting coalitions, never enumerating them.

Method. Player i swings for a coalition S of the others when S loses and S + i wins.
For a game decided by size and weight (see ``games``) the swings of i at size s are the
coalitions of the others with weight in an interval ``[lo, hi)``, so everything follows
from ``L_i[s](t)``: the number of coalitions of the others with s members and weight
below t. One dynamic programme counts, for all players together, the coalitions by size
and weight (``c[s][k]``, the coefficients of prod(1 + y x^w)); its running sums
``C[s][t]`` satisfy ``C[s][t] = L_i[s](t) + L_i[s-1](t - w_i)`` and so give each player's
counts by an alternating sum along one diagonal of the table, with no per-player
programme. A weighted game ignores size, which leaves a one-dimensional table for
Banzhaf alone. The table is cut at the largest finite threshold (the quota).

Exactness. Counts reach 2**n. They are carried as residues (``modular``): modulo 2**64 and
modulo primes below 2**32 with lazy reduction, then rebuilt by the Chinese remainder
theorem. Compared with Python integers in object arrays this keeps numpy's vector speed,
and the cost grows with the number of moduli (about n/32) rather than with
interpreter overhead per table cell.

Indices. ``banzhaf`` is the normalised index (swings / all swings), ``banzhaf_absolute``
is swings / 2**(n-1), ``shapley_shubik`` is the share of the n! orderings in which the
player is pivotal. With ``exact=True`` they are ``fractions.Fraction``; otherwise floats
(correctly rounded from the exact fractions).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, permutations

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import as_strided

from isonomia.voting.errors import VotingError
from isonomia.voting.games import Game
from isonomia.voting.modular import LAZY_STEPS, Moduli, crt, reduce_row

U64 = npt.NDArray[np.uint64]
Value = Fraction | float

#: refuse tables larger than this many cells (about 0.5 GB of uint64 per modulus)
MAX_TABLE_CELLS = 64_000_000


@dataclass(frozen=True)
class PowerIndices:
    """Power of every player in one game, with the exact counts behind it."""

    swings: tuple[int, ...]
    pivots: tuple[int, ...] | None
    banzhaf: tuple[Value, ...]
    banzhaf_absolute: tuple[Value, ...]
    shapley_shubik: tuple[Value, ...] | None
    dictator: int | None
    veto_players: tuple[int, ...]
    dummies: tuple[int, ...]


def _finite_thresholds(game: Game) -> list[int]:
    return [t for s in range(game.n + 1) if (t := game.threshold(s)) is not None]


def _table_columns(game: Game) -> int:
    """Columns k = 0 .. cap-1 of the count table, cap being the largest finite threshold."""
    return max([0, *_finite_thresholds(game)])


def _max_rows(weights: tuple[int, ...], cap: int) -> int:
    """Largest coalition size that can weigh less than ``cap``."""
    total, rows = 0, 0
    for w in sorted(weights):
        if total + w >= cap:
            break
        total += w
        rows += 1
    return rows


def _count_table(game: Game, moduli: Moduli, row: int, sizes: int) -> U64:
    """Running sums ``C[s][t]`` (t = 0..cap) of coalitions by size and weight, one modulus.

    ``sizes`` is the number of size rows kept (sizes beyond cannot weigh less than cap).
    Players are added in increasing weight, each size row updated in place from the
    largest size down, and only over the band of weights a coalition of that size can
    have so far: at least the s smallest weights, at most the s largest added.
    """
    cap = _table_columns(game)
    weights = sorted(game.weights)
    table = np.zeros((sizes, max(cap, 1)), dtype=np.uint64)
    if cap > 0:
        table[0, 0] = 1
    prefix = [0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    unreduced = 0
    scratch = np.zeros(table.shape[1], dtype=np.uint64)

    def reduce_table() -> None:
        for size_row in table:  # a row at a time: cache-sized, one small scratch
            reduce_row(size_row, row, moduli, scratch)

    for j, w in enumerate(weights):
        # player j joins: c_s(k) += c_{s-1}(k - w) for s = min(j + 1, sizes - 1) .. 1
        touched = False
        for s in range(min(j + 1, sizes - 1), 0, -1):
            # source row s - 1 is non-zero on [prefix[s - 1], largest s - 1 of the j added]
            lo = prefix[s - 1] + w
            hi = min(cap, prefix[j] - prefix[j - s + 1] + w + 1)
            if lo >= hi:
                continue
            np.add(table[s, lo:hi], table[s - 1, lo - w : hi - w], out=table[s, lo:hi])
            touched = True
        if touched:
            unreduced += 1
            if unreduced == LAZY_STEPS:
                reduce_table()
                unreduced = 0
    reduce_table()
    out = np.zeros((sizes, cap + 1), dtype=np.uint64)
    np.cumsum(table[:, :cap], axis=1, out=out[:, 1:])
    reduce_row(out, row, moduli)
    return out


def _signed_antidiagonal_sums(a: U64, row: int, moduli: Moduli) -> U64:
    """``out[s] = sum_m (-1)**m a[s-m, m]`` as residues (rows of a beyond s are ignored)."""
    rows, cols = a.shape
    signed = a.copy()
    if row == 0:
        signed[:, 1::2] = np.uint64(0) - signed[:, 1::2]
    else:
        signed[:, 1::2] = np.uint64(moduli.primes[row - 1]) - signed[:, 1::2]
    padded = np.zeros((rows + cols, cols), dtype=np.uint64)
    padded[cols:] = signed
    item = padded.itemsize
    base = padded.reshape(-1)[cols * cols :]
    # element (s, m) of this view is padded[s - m + cols, m], i.e. a[s - m, m] or a zero
    sheared = as_strided(base, shape=(rows, cols), strides=(cols * item, -(cols - 1) * item))
    out = np.asarray(sheared.sum(axis=1, dtype=np.uint64), dtype=np.uint64)
    reduce_row(out, row, moduli)
    return out


def _below(table: U64, weight: int, t: int, row: int, moduli: Moduli) -> U64:
    """``L[s](t)`` for every size s: coalitions of the others (not this player) below t."""
    sizes = table.shape[0]
    if t <= 0:
        return np.zeros(sizes, dtype=np.uint64)
    terms = sizes if weight == 0 else min(sizes, t // weight + 1)
    columns = t - weight * np.arange(terms)
    return _signed_antidiagonal_sums(table[:, columns], row, moduli)


def _sub(a: U64, b: U64, row: int, moduli: Moduli) -> U64:
    """``a - b`` for reduced residues of ``row``."""
    if row == 0:
        return np.asarray(a - b, dtype=np.uint64)  # wraps modulo 2**64, as intended
    p = np.uint64(moduli.primes[row - 1])
    return np.asarray((a + p - b) % p, dtype=np.uint64)


def _binomial_residues(n: int, moduli: Moduli, row: int) -> U64:
    modulus = moduli.modulus(row)
    return np.array([math.comb(n, s) % modulus for s in range(n + 1)], dtype=np.uint64)


def swings_by_size(game: Game) -> npt.NDArray[np.object_]:
    """Exact swing counts ``eta[i][s]``: coalitions of s others that i turns into winners."""
    n = game.n
    cap = _table_columns(game)
    sizes = min(n, _max_rows(game.weights, cap)) + 1
    if sizes * (cap + 1) > MAX_TABLE_CELLS:
        raise VotingError(
            f"the count table would need {sizes} x {cap + 1} cells; "
            "express weights or populations in coarser units (e.g. thousands)"
        )
    moduli = Moduli.covering(1 << max(n - 1, 0))
    thresholds = [game.threshold(s) for s in range(n + 1)]
    residues = np.zeros((moduli.count, n, n), dtype=np.uint64)
    players: dict[int, list[int]] = {}
    for i, w in enumerate(game.weights):
        players.setdefault(w, []).append(i)
    for row in range(moduli.count):
        table = _count_table(game, moduli, row, sizes)
        everything = _binomial_residues(n - 1, moduli, row)
        for w, members in players.items():
            # sizes s sharing the same window [lo, hi) are done together
            windows: dict[tuple[int, int | None], list[int]] = {}
            for s in range(n):
                hi, win_with = thresholds[s], thresholds[s + 1]
                if win_with is None:
                    continue
                lo = max(0, win_with - w)
                if hi is not None and hi <= lo:
                    continue
                windows.setdefault((lo, hi), []).append(s)
            counts = np.zeros(n, dtype=np.uint64)
            for (lo, hi), size_list in windows.items():
                idx = np.array(size_list, dtype=np.int64)
                inside = idx[idx < sizes]
                top = np.zeros(len(idx), dtype=np.uint64)
                bottom = np.zeros(len(idx), dtype=np.uint64)
                if hi is None:
                    top = everything[idx]
                elif len(inside):
                    top[: len(inside)] = _below(table, w, hi, row, moduli)[inside]
                if lo > 0 and len(inside):
                    bottom[: len(inside)] = _below(table, w, lo, row, moduli)[inside]
                counts[idx] = _sub(top, bottom, row, moduli)
            residues[row, members, :] = counts
    return crt(residues, moduli)


def banzhaf_swings(game: Game) -> tuple[int, ...]:
    """Exact Banzhaf swing counts of every player."""
    if _too_wide(game) or (not game.size_matters and game.n <= ENUMERATION_FALLBACK
                           and _table_columns(game) > MAX_TABLE_CELLS):  # fmt: skip
        return tuple(sum(row) for row in brute_force_swings_by_size(game))
    if game.size_matters:
        eta = swings_by_size(game)
        return tuple(int(sum(eta[i])) for i in range(game.n))
    if _table_columns(game) > MAX_TABLE_CELLS:
        raise VotingError(
            f"the count table would need {_table_columns(game)} cells; "
            "express weights or populations in coarser units (e.g. thousands)"
        )
    return _weighted_swings(game)


def _weighted_swings(game: Game) -> tuple[int, ...]:
    """Banzhaf swings of a weighted game from a one-dimensional table, one modulus at a time.

    One modulus at a time keeps the table (quota words) in the processor's cache, which is
    worth more than fewer, larger numpy calls. Players of equal weight have equal swings,
    so the removal sum runs once per distinct weight.
    """
    n, quota = game.n, _table_columns(game)
    moduli = Moduli.covering(1 << max(n - 1, 0))
    ordered = sorted(game.weights)
    distinct = sorted({w for w in game.weights if w > 0})
    residues = np.zeros((moduli.count, len(distinct)), dtype=np.uint64)
    cur = np.zeros(quota, dtype=np.uint64)
    nxt = np.zeros(quota, dtype=np.uint64)
    running = np.zeros(quota + 1, dtype=np.uint64)
    scratch = np.zeros(quota + 1, dtype=np.uint64)
    for row in range(moduli.count):
        modulus = moduli.modulus(row)
        cur[:] = 0
        nxt[:] = 0  # columns beyond the reachable weights must read as zero
        cur[0] = 1
        prefix, unreduced = 0, 0
        for w in ordered:
            prefix += w
            cols = min(quota, prefix + 1)
            if w >= cols:
                continue
            np.add(cur[w:cols], cur[: cols - w], out=nxt[w:cols])
            nxt[:w] = cur[:w]
            cur, nxt = nxt, cur
            unreduced += 1
            if unreduced == LAZY_STEPS:
                reduce_row(cur, row, moduli, scratch[:quota])
                unreduced = 0
        reduce_row(cur, row, moduli, scratch[:quota])
        # running sums of values below 2**32: no overflow below 2**32 columns
        np.cumsum(cur, out=running[1:])
        reduce_row(running, row, moduli, scratch)
        for j, w in enumerate(distinct):
            # swings = L(q) - L(q - w) with L(t) = sum_m (-1)^m C[t - m w]; telescoped:
            # C[q] - 2 C[q - w] + 2 C[q - 2w] - ... (terms while the index stays >= 0)
            picked = running[quota::-w]
            even = int(picked[2::2].sum(dtype=np.uint64))
            odd = int(picked[1::2].sum(dtype=np.uint64))
            residues[row, j] = (int(picked[0]) + 2 * (even - odd)) % modulus
    values = crt(residues, moduli)
    by_weight = {w: int(v) for w, v in zip(distinct, values, strict=True)}
    return tuple(by_weight.get(w, 0) for w in game.weights)


def _flags(
    game: Game, swings: tuple[int, ...]
) -> tuple[int | None, tuple[int, ...], tuple[int, ...]]:
    n, total = game.n, sum(game.weights)
    grand = game.wins(n, total)
    veto = tuple(i for i, w in enumerate(game.weights) if grand and not game.wins(n - 1, total - w))
    dictators = [i for i in veto if game.wins(1, game.weights[i])]
    dummies = tuple(i for i, s in enumerate(swings) if s == 0)
    return (dictators[0] if len(dictators) == 1 else None), veto, dummies


def _shape(values: list[Fraction], exact: bool) -> tuple[Value, ...]:
    return tuple(values) if exact else tuple(float(v) for v in values)


def _assemble(
    game: Game, swings: tuple[int, ...], pivots: tuple[int, ...] | None, exact: bool
) -> PowerIndices:
    n = game.n
    total = sum(swings)
    normalised = [Fraction(s, total) if total else Fraction(0) for s in swings]
    absolute = [Fraction(s, 1 << (n - 1)) for s in swings]
    shapley = None
    if pivots is not None:
        orderings = math.factorial(n)
        shapley = _shape([Fraction(p, orderings) for p in pivots], exact)
    dictator, veto, dummies = _flags(game, swings)
    return PowerIndices(
        swings=swings,
        pivots=pivots,
        banzhaf=_shape(normalised, exact),
        banzhaf_absolute=_shape(absolute, exact),
        shapley_shubik=shapley,
        dictator=dictator,
        veto_players=veto,
        dummies=dummies,
    )


def _pivots_from(eta: npt.NDArray[np.object_], n: int) -> tuple[int, ...]:
    factorials = [math.factorial(k) for k in range(n + 1)]
    orderings = [factorials[s] * factorials[n - 1 - s] for s in range(n)]
    return tuple(
        int(sum(int(e) * o for e, o in zip(eta[i], orderings, strict=True))) for i in range(n)
    )


def banzhaf(game: Game, *, exact: bool = False) -> PowerIndices:
    """Banzhaf power (normalised and absolute) of every player; no Shapley–Shubik."""
    swings = banzhaf_swings(game)
    return _assemble(game, swings, None, exact)


#: Up to this many players a game too wide for the count table is enumerated instead.
ENUMERATION_FALLBACK = 16


def _too_wide(game: Game) -> bool:
    cap = _table_columns(game)
    sizes = min(game.n, _max_rows(game.weights, cap)) + 1
    return sizes * (cap + 1) > MAX_TABLE_CELLS and game.n <= ENUMERATION_FALLBACK


def power_indices(game: Game, *, exact: bool = False) -> PowerIndices:
    """Banzhaf and Shapley–Shubik power of every player, from one count table.

    A small game whose weights are too large for the table (populations counted one by
    one) is enumerated coalition by coalition instead: still exact, and quick at that size.
    """
    if _too_wide(game):
        eta = np.array(brute_force_swings_by_size(game), dtype=object)
        swings = tuple(int(sum(row)) for row in eta)
        return _assemble(game, swings, _pivots_from(eta, game.n), exact)
    eta = swings_by_size(game)
    swings = tuple(int(sum(eta[i])) for i in range(game.n))
    return _assemble(game, swings, _pivots_from(eta, game.n), exact)


def shapley_shubik(game: Game, *, exact: bool = False) -> tuple[Value, ...]:
    """Shapley–Shubik index of every player."""
    result = power_indices(game, exact=exact)
    assert result.shapley_shubik is not None
    return result.shapley_shubik


# Reference implementations: plain enumeration, for tests and cross-checks only.

BRUTE_FORCE_LIMIT = 20


def _check_small(game: Game) -> None:
    if game.n > BRUTE_FORCE_LIMIT:
        raise VotingError(f"brute force is limited to {BRUTE_FORCE_LIMIT} players")


def brute_force_swings_by_size(game: Game) -> list[list[int]]:
    """``eta[i][s]`` by enumerating every coalition of the other players."""
    _check_small(game)
    n, weights = game.n, game.weights
    eta = [[0] * n for _ in range(n)]
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for s in range(n):
            for coalition in combinations(others, s):
                t = sum(weights[j] for j in coalition)
                if game.wins(s + 1, t + weights[i]) and not game.wins(s, t):
                    eta[i][s] += 1
    return eta


def brute_force_power(game: Game) -> PowerIndices:
    """Exact indices (fractions) by enumeration of coalitions."""
    eta = brute_force_swings_by_size(game)
    swings = tuple(sum(row) for row in eta)
    n = game.n
    pivots = tuple(
        sum(e * math.factorial(s) * math.factorial(n - 1 - s) for s, e in enumerate(row))
        for row in eta
    )
    return _assemble(game, swings, pivots, True)


def brute_force_shapley_shubik_by_orderings(game: Game) -> tuple[Fraction, ...]:
    """Shapley–Shubik by walking all n! orderings (tiny games only)."""
    if game.n > 8:
        raise VotingError("ordering enumeration is limited to 8 players")
    n = game.n
    pivotal = [0] * n
    for order in permutations(range(n)):
        t = 0
        for s, player in enumerate(order):
            if game.wins(s + 1, t + game.weights[player]) and not game.wins(s, t):
                pivotal[player] += 1
                break
            t += game.weights[player]
    total = math.factorial(n)
    return tuple(Fraction(p, total) for p in pivotal)
