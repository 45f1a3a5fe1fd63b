"""Count tables: exact swing counts from coalition counts by size and weight, as residues.

Player i swings for a coalition S of the others when S loses and S + i wins. For a game
decided by size and weight (see ``games``) the swings of i at size s are the coalitions
of the others with weight in an interval ``[lo, hi)``, so everything follows from
``L_i[s](t)``: the number of coalitions of the others with s members and weight below t.
One dynamic programme counts, for all players together, the coalitions by size and weight
(``c[s][k]``, the coefficients of prod(1 + y x^w)); its running sums ``C[s][t]`` satisfy
``C[s][t] = L_i[s](t) + L_i[s-1](t - w_i)`` and so give each player's counts by an
alternating sum along one diagonal of the table, with no per-player programme. A weighted
game ignores size, which leaves a one-dimensional table for Banzhaf alone. The table is
cut at the largest finite threshold (the quota).

Counts reach 2**n. They are carried as residues (``modular``): modulo 2**64 and modulo
primes below 2**32 with lazy reduction, then rebuilt by the Chinese remainder theorem.
Compared with Python integers in object arrays this keeps numpy's vector speed, and the
cost grows with the number of moduli (about n/32).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import as_strided

from isonomia.voting.games import Game
from isonomia.voting.modular import LAZY_STEPS, Moduli, crt, reduce_row

U64 = npt.NDArray[np.uint64]
#: called as ``progress(done, total)`` while a long computation runs
Progress = Callable[[int, int], None]


def finite_thresholds(game: Game) -> list[int]:
    return [t for s in range(game.n + 1) if (t := game.threshold(s)) is not None]


def table_columns(game: Game) -> int:
    """Columns k = 0 .. cap-1 of the count table, cap being the largest finite threshold."""
    return max([0, *finite_thresholds(game)])


def max_rows(weights: tuple[int, ...], cap: int) -> int:
    """Largest coalition size that can weigh less than ``cap``."""
    total, rows = 0, 0
    for w in sorted(weights):
        if total + w >= cap:
            break
        total += w
        rows += 1
    return rows


def size_rows(game: Game) -> int:
    """Size rows the size-by-weight table keeps (sizes beyond cannot weigh less than cap)."""
    return min(game.n, max_rows(game.weights, table_columns(game))) + 1


def _mirror(table: U64, players: int, prefix: int, lo: int, hi: int) -> None:
    """Fill columns ``[lo, hi)`` of every kept size row from the table's symmetry.

    The table of ``players`` players of total weight ``prefix`` is symmetric under taking
    complements: ``c[s][k] = c[players - s][prefix - k]``. Columns ``k > prefix / 2``
    mirror columns below the half. Rows whose mirror is not kept (too many members to
    weigh less than the cap) and weights beyond ``prefix`` count no coalition, and those
    cells, never written, hold zeros already.
    """
    sizes = table.shape[0]
    first, last = max(0, players - sizes + 1), min(players, sizes - 1)
    hi = min(hi, prefix + 1)
    if first > last or lo >= hi:
        return
    source = table[players - last : players - first + 1, prefix - hi + 1 : prefix - lo + 1]
    table[first : last + 1, lo:hi] = source[::-1, ::-1]


def _bands(prefix: list[int], players: int, sizes: int, half: int) -> list[tuple[int, int]]:
    """``[lo, hi)`` of each size row of the table of the first ``players`` (lightest)
    players: a coalition of s of them weighs at least the s lightest, at most the s
    heaviest, and only columns below ``half`` are kept."""
    bands = []
    for s in range(sizes):
        if s > players:
            bands.append((0, 0))
            continue
        top = prefix[players] - prefix[players - s]
        bands.append((prefix[s], max(prefix[s], min(half, top + 1))))
    return bands


def _count_table(game: Game, moduli: Moduli, row: int, sizes: int, tick: Progress) -> U64:
    """Running sums ``C[s][t]`` (t = 0..cap) of coalitions by size and weight, one modulus.

    Players are added in increasing weight, each size row updated in place from the
    largest size down, and only over the band of weights a coalition of that size can
    have so far: at least the s smallest weights, at most the s largest added. Only the
    columns up to half the weight added so far are counted; the others are the mirror
    images of those (``_mirror``), filled as the half moves and once at the end.
    Reductions and running sums also stay within the bands.
    """
    cap = table_columns(game)
    weights = sorted(game.weights)
    table = np.zeros((sizes, max(cap, 1)), dtype=np.uint64)
    if cap > 0:
        table[0, 0] = 1
    prefix = [0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    unreduced = 0
    scratch = np.zeros(table.shape[1], dtype=np.uint64)
    half = min(cap, 1)

    def reduce_table(players: int) -> None:
        for s, (lo, hi) in enumerate(_bands(prefix, players, sizes, half)):
            if lo < hi:  # a row at a time: cache-sized, one small scratch
                reduce_row(table[s, lo:hi], row, moduli, scratch[: hi - lo])

    for j, w in enumerate(weights):
        new_half = min(cap, (prefix[j] + w) // 2 + 1)
        _mirror(table, j, prefix[j], half, new_half)
        half = new_half
        # player j joins: c_s(k) += c_{s-1}(k - w) for s = min(j + 1, sizes - 1) .. 1
        touched = False
        for s in range(min(j + 1, sizes - 1), 0, -1):
            # source row s - 1 is non-zero on [prefix[s - 1], largest s - 1 of the j added]
            lo = prefix[s - 1] + w
            hi = min(half, prefix[j] - prefix[j - s + 1] + w + 1)
            if lo >= hi:
                continue
            np.add(table[s, lo:hi], table[s - 1, lo - w : hi - w], out=table[s, lo:hi])
            touched = True
        if touched:
            unreduced += 1
            if unreduced == LAZY_STEPS:
                reduce_table(j + 1)
                unreduced = 0
        tick(j + 1, len(weights))
    _mirror(table, len(weights), prefix[-1], half, cap)
    half = cap
    reduce_table(len(weights))
    out = np.zeros((sizes, cap + 1), dtype=np.uint64)
    for s, (lo, hi) in enumerate(_bands(prefix, len(weights), sizes, cap)):
        if lo < hi:  # zero up to the band, constant after it
            np.cumsum(table[s, lo:hi], out=out[s, lo + 1 : hi + 1])
            reduce_row(out[s, lo + 1 : hi + 1], row, moduli, scratch[: hi - lo])
            out[s, hi + 1 :] = out[s, hi]
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


def _windows(thresholds: list[int | None], w: int) -> dict[tuple[int, int | None], list[int]]:
    """Sizes s of the others grouped by their swing window ``[lo, hi)`` for weight w."""
    windows: dict[tuple[int, int | None], list[int]] = {}
    for s in range(len(thresholds) - 1):
        hi, win_with = thresholds[s], thresholds[s + 1]
        if win_with is None:
            continue
        lo = max(0, win_with - w)
        if hi is not None and hi <= lo:
            continue
        windows.setdefault((lo, hi), []).append(s)
    return windows


Windows = dict[tuple[int, int | None], npt.NDArray[np.int64]]


def _swing_residues(
    windows: Windows, sizes_out: int, table: U64, w: int, everything: U64, moduli: Moduli, row: int
) -> U64:
    """Swings by size of a player of weight w, as residues of ``row``.

    ``everything[s]`` is the number of coalitions of s others (all of them lose at sizes
    without a finite threshold).
    """
    sizes = table.shape[0]
    counts = np.zeros(sizes_out, dtype=np.uint64)
    for (lo, hi), idx in windows.items():
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
    return counts


def _quiet(done: int, total: int) -> None:
    return None


def swings_by_size(game: Game, progress: Progress | None = None) -> npt.NDArray[np.object_]:
    """Exact swing counts ``eta[i][s]``: coalitions of s others that i turns into winners.

    The caller checks the table's size first (see ``plan``).
    """
    n = game.n
    sizes = size_rows(game)
    moduli = Moduli.covering(1 << max(n - 1, 0))
    thresholds = [game.threshold(s) for s in range(n + 1)]
    residues = np.zeros((moduli.count, n, n), dtype=np.uint64)
    players: dict[int, list[int]] = {}
    for i, w in enumerate(game.weights):
        players.setdefault(w, []).append(i)
    report = progress or _quiet
    windows = {  # the same for every modulus
        w: {key: np.array(s, dtype=np.int64) for key, s in _windows(thresholds, w).items()}
        for w in players
    }
    for row in range(moduli.count):

        def tick(done: int, total: int, row: int = row) -> None:
            report(row * total + done, moduli.count * total)

        table = _count_table(game, moduli, row, sizes, tick)
        everything = _binomial_residues(n - 1, moduli, row)
        for w, members in players.items():
            residues[row, members, :] = _swing_residues(
                windows[w], n, table, w, everything, moduli, row
            )
    return crt(residues, moduli)


def weighted_swings(game: Game, progress: Progress | None = None) -> tuple[int, ...]:
    """Banzhaf swings of a weighted game from a one-dimensional table, one modulus at a time.

    ``limbs.weighted_swings`` counts the same table with exact limbs, faster; this residue
    method stays as an independent check of it (tests) and as the bench's before.

    One modulus at a time keeps the table (quota words) in the processor's cache, which is
    worth more than fewer, larger numpy calls. Players of equal weight have equal swings,
    so the removal sum runs once per distinct weight.
    """
    n, quota = game.n, table_columns(game)
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
        if progress is not None:
            progress(row + 1, moduli.count)
    values = crt(residues, moduli)
    by_weight = {w: int(v) for w, v in zip(distinct, values, strict=True)}
    return tuple(by_weight.get(w, 0) for w in game.weights)
