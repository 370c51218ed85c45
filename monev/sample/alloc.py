"""Exact integer allocation: split a whole-rupiah total over weights so the parts sum to it exactly.

Floats only decide *where* the split points fall; every stored amount is an int64 and every
total is reproduced to the rupiah.
"""
from __future__ import annotations

import numpy as np


def largest_remainder(total: int, weights, caps=None) -> np.ndarray:
    """Split `total` over `weights` (>= 0) by the largest-remainder method.

    With `caps`, no part exceeds its cap (water-filling: a capped part keeps its cap and the rest
    is split again over the others); if the caps cannot hold the total, the excess is split over
    all parts by weight.
    """
    total = int(total)
    w = np.asarray(weights, dtype=float)
    n = len(w)
    if n == 0:
        if total:
            raise ValueError("nothing to allocate a non-zero total to")
        return np.zeros(0, dtype=np.int64)
    if caps is not None:
        return _capped(total, w, np.asarray(caps, dtype=np.int64))
    if w.sum() <= 0:
        w = np.ones(n)
    share = w / w.sum()
    quota = share * total
    base = np.floor(quota).astype(np.int64)
    rest = total - int(base.sum())
    if rest:
        order = np.argsort(-(quota - base), kind="stable")
        eligible = order[share[order] > 0] if rest > 0 else order
        if len(eligible) == 0:
            eligible = order
        steps, extra = divmod(abs(rest), len(eligible))
        sign = 1 if rest > 0 else -1
        base[eligible] += sign * steps
        base[eligible[:extra]] += sign
    return base


def _capped(total: int, w: np.ndarray, caps: np.ndarray) -> np.ndarray:
    out = np.zeros(len(w), dtype=np.int64)
    free = np.ones(len(w), dtype=bool)
    remaining = total
    if total > int(caps.clip(min=0).sum()):
        return largest_remainder(total, w)
    for _ in range(len(w) + 1):
        part = largest_remainder(remaining, np.where(free, w, 0.0)) if free.any() else None
        if part is None:
            break
        over = free & (part > caps)
        if not over.any():
            out[free] = part[free]
            return out
        out[over] = caps[over]
        remaining -= int(caps[over].sum())
        free &= ~over
        if not free.any() or np.where(free, w, 0).sum() <= 0:
            # weights left are zero: fill the free parts up to their caps in order
            for i in np.flatnonzero(free):
                take = min(int(caps[i]), remaining)
                out[i] = take
                remaining -= take
            break
    if remaining:
        out += largest_remainder(remaining, w)
    return out


def fit_to_rounded(total: int, targets, tolerances, step: int = 1) -> np.ndarray:
    """Integers close to `targets` (multiples of `step`) that sum exactly to `total`.

    The difference between `total` and the targets' sum is spread in proportion to each target's
    rounding tolerance (half the printed precision), so every part stays as close as possible
    to the figure it was rounded from. When the difference exceeds the tolerances together, each
    part takes 99% of its tolerance and the rest goes to the largest target (see README: the
    published 2023 unit figures do not add up to the published total).
    """
    t = np.asarray(targets, dtype=float)
    tol = np.asarray(tolerances, dtype=float)
    gap = total - t.sum()
    if abs(gap) <= 0.99 * tol.sum():
        fitted = t + gap * tol / tol.sum()
    else:
        fitted = t + np.sign(gap) * 0.99 * tol
        fitted[np.argmax(t)] += total - fitted.sum()
    if total % step:
        raise ValueError("total is not a multiple of step")
    units = _round_to_sum(fitted / step, total // step)
    return units * step


def _round_to_sum(values: np.ndarray, total: int) -> np.ndarray:
    base = np.floor(values).astype(np.int64)
    rest = total - int(base.sum())
    order = np.argsort(-(values - base), kind="stable")
    steps, extra = divmod(rest, len(values))
    base += steps
    base[order[:extra]] += 1
    return base


def fit_table(seed: np.ndarray, rows: np.ndarray, cols: np.ndarray, cap: np.ndarray | None = None,
              iterations: int = 3000) -> np.ndarray:
    """Iterative proportional fitting of a non-negative seed to row and column totals (floats).

    Cells above `cap` are held at the cap and the others refitted, so e.g. no unit spends more than
    its pagu on a spending type.
    """
    seed = np.asarray(seed, dtype=float)
    rows = np.asarray(rows, dtype=float)
    cols = np.asarray(cols, dtype=float)
    x = seed * (rows / np.maximum(seed.sum(1), 1e-300))[:, None]
    fixed = np.zeros(x.shape, dtype=bool)
    for _ in range(x.size + 1):
        for step in range(iterations):
            held = np.where(fixed, x, 0.0)
            free = x - held
            x = np.where(fixed, x, free * ((rows - held.sum(1)) / np.maximum(free.sum(1), 1e-300))[:, None])
            held = np.where(fixed, x, 0.0)
            free = x - held
            x = np.where(fixed, x, free * ((cols - held.sum(0)) / np.maximum(free.sum(0), 1e-300))[None, :])
            if step % 25 == 0 and np.allclose(x.sum(1), rows, rtol=1e-13, atol=1e-3):
                break
        if cap is None:
            break
        over = (x > cap) & ~fixed
        if not over.any():
            break
        x = np.where(over, cap, x)
        fixed |= over
    return x


def integer_table(fitted: np.ndarray, rows, cols, residual_col: int) -> np.ndarray:
    """Whole numbers near `fitted` whose rows and columns sum exactly to `rows` and `cols`.

    Every column but `residual_col` is split over the rows by largest remainder; the residual
    column takes what each row still needs (it must be present in every row).
    """
    rows = [int(r) for r in rows]
    cols = [int(c) for c in cols]
    if sum(rows) != sum(cols):
        raise ValueError("row and column totals differ")
    out = np.zeros(fitted.shape, dtype=np.int64)
    for j in range(fitted.shape[1]):
        if j != residual_col:
            out[:, j] = largest_remainder(cols[j], fitted[:, j])
    out[:, residual_col] = np.array(rows, dtype=np.int64) - out.sum(1)
    if (out < 0).any():
        raise ValueError("integer table has a negative cell; adjust the seed")
    return out


def grouped_split(totals: np.ndarray, weights: np.ndarray, group_sizes: np.ndarray) -> np.ndarray:
    """Split each group's total over its items by cumulative rounding, vectorised.

    Items are laid out group after group (`group_sizes` items each). Within a group the running
    sum of the parts is round(total * cumulative weight share), and its last value is the total
    itself, so each group sums exactly. Parts have the total's sign when weights are >= 0.
    """
    totals = np.asarray(totals, dtype=np.int64)
    w = np.asarray(weights, dtype=float)
    sizes = np.asarray(group_sizes, dtype=np.int64)
    if len(w) == 0:
        return np.zeros(0, dtype=np.int64)
    group = np.repeat(np.arange(len(sizes)), sizes)
    ends = np.cumsum(sizes)
    starts = ends - sizes
    cum = np.cumsum(w)
    before = np.where(starts > 0, cum[np.maximum(starts - 1, 0)], 0.0)
    group_sum = cum[ends - 1] - before
    share = (cum - before[group]) / np.where(group_sum > 0, group_sum, 1.0)[group]
    zero = group_sum[group] <= 0
    if zero.any():  # all-zero weights: equal parts
        pos = np.arange(len(w)) - starts[group] + 1
        share = np.where(zero, pos / sizes[group], share)
    running = np.rint(totals[group].astype(float) * share).astype(np.int64)
    nonempty = sizes > 0
    running[(ends - 1)[nonempty]] = totals[nonempty]
    parts = np.diff(running, prepend=0)
    parts[starts[nonempty]] = running[starts[nonempty]]
    return parts
