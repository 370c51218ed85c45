"""Vectorised fact generation shared by both sample scales.

Given budget lines with their pagu history and year-end realization, spread the realization over
months (never ahead of the pagu in force), cut months into SP2D, and derive the withdrawal plan
(RPD) and output achievement (capaian). All amounts are int64 rupiah and every split is exact.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from monev.sample.alloc import grouped_split

MONTHS = np.arange(1, 13)


def working_days(thang: int) -> tuple[np.ndarray, np.ndarray]:
    """Weekdays of each month as day numbers since 1970 (12 x 23, padded) and their counts."""
    days = np.arange(np.datetime64(f"{thang}-01-01"), np.datetime64(f"{thang + 1}-01-01"))
    weekday = (days.astype("int64") + 3) % 7 < 5  # 1970-01-01 was a Thursday
    months = days.astype("datetime64[M]").astype(int) % 12
    table = np.zeros((12, 23), dtype=np.int64)
    counts = np.zeros(12, dtype=np.int64)
    for m in range(12):
        d = days[(months == m) & weekday].astype("int64")
        table[m, : len(d)] = d
        table[m, len(d):] = d[-1]
        counts[m] = len(d)
    return table, counts


def nth_working_day(thang: int, month: int, n: int) -> np.datetime64:
    table, counts = working_days(thang)
    return np.datetime64(int(table[month - 1, min(n, counts[month - 1]) - 1]), "D")


def in_force_by_month(n_lines: int, line: np.ndarray, month: np.ndarray, order: np.ndarray,
                      value: np.ndarray) -> np.ndarray:
    """The value in force at each month's end, per line, from rows (line, month 1..12, order, value).

    A row applies from its month on; within a month the highest `order` wins. Months before a
    line's first row are 0.
    """
    out = np.full((n_lines, 12), -1, dtype=np.int64)
    sort = np.lexsort((order, month, line))
    out[line[sort], month[sort] - 1] = value[sort]  # later rows overwrite earlier ones
    known = out >= 0
    idx = np.where(known, np.arange(12)[None, :], -1)
    np.maximum.accumulate(idx, axis=1, out=idx)
    filled = np.take_along_axis(out, np.maximum(idx, 0), axis=1)
    return np.where(idx >= 0, filled, 0)


def spread_over_months(totals: np.ndarray, weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Split each line's year total over 12 months by `weights`, never ahead of `caps`.

    `caps` is the (net) pagu in force at each month's end: cumulative realization is held under it
    and what is held back is paid in the month the cap rises (a revision adding budget, a blokir
    lifted). December always closes at the line's total.
    """
    n = len(totals)
    parts = grouped_split(totals, weights.reshape(-1), np.full(n, 12)).reshape(n, 12)
    cum = np.cumsum(parts, axis=1)
    ceiling = np.minimum.accumulate(caps[:, ::-1], axis=1)[:, ::-1]
    held = np.minimum(cum, np.maximum(ceiling, 0))
    held[:, -1] = totals
    return np.diff(held, axis=1, prepend=0)


def sp2d(thang: int, monthly: np.ndarray, jenis: np.ndarray, satker: np.ndarray, kppn: np.ndarray,
         start_day: np.ndarray, rng: np.random.Generator, correction_rate: float = 0.004,
         pieces: dict | None = None, first_number: int = 1) -> dict[str, np.ndarray | pa.Array]:
    """Cut each line-month of `monthly` into SP2D; returns line index, date, no_sp2d and nilai.

    Salaries (jenis 51) are paid on the month's first working day with one SP2D per satker and
    month covering all its salary lines; other spending is cut into several SP2D on random working
    days. A few SP2D are followed by a negative correction later in the month (the month's total
    stays the same). `start_day` (days since 1970, 0 = none) keeps a line's SP2D on or after the
    revision that created it. `kppn` is a 3-digit code per satker.
    """
    pieces = pieces or {"51": (0, 0.0), "52": (3, 0.45), "53": (1, 0.4), "57": (4, 0.5)}
    line, month = np.nonzero(monthly)
    amount = monthly[line, month]
    j = jenis[line]
    count = np.ones(len(line), dtype=np.int64)
    for code, (trials, p) in pieces.items():
        mask = j == code
        if trials:
            count[mask] += rng.binomial(trials, p, int(mask.sum()))
    count = np.minimum(count, np.maximum(np.abs(amount) // 2_000_000, 1))
    row_line = np.repeat(line, count)
    row_month = np.repeat(month, count)
    nilai = grouped_split(amount, rng.gamma(2.0, size=int(count.sum())), count)
    table, counts = working_days(thang)
    pick = (rng.random(len(row_line)) * counts[row_month]).astype(np.int64)
    piece = np.arange(len(row_line)) - np.repeat(np.cumsum(count) - count, count)
    pegawai = (jenis[row_line] == "51") & (piece == 0)  # the payroll SP2D; extra pieces are others
    pick[pegawai] = 0
    day = table[row_month, pick]
    last_day = (np.arange(np.datetime64(f"{thang}-02"), np.datetime64(f"{thang + 1}-02"), dtype="datetime64[M]")
                .astype("datetime64[D]") - np.timedelta64(1, "D")).astype(np.int64)
    day = np.minimum(np.maximum(day, start_day[row_line]), last_day[row_month])
    doc = np.arange(len(row_line), dtype=np.int64) + 12 * (int(satker.max(initial=0)) + 1)
    doc[pegawai] = satker[row_line[pegawai]] * 12 + row_month[pegawai]
    # corrections: part of an SP2D is returned later in the month
    fix = (rng.random(len(nilai)) < correction_rate) & (nilai > 1_000_000) & ~pegawai
    back = (nilai[fix] * rng.uniform(0.01, 0.2, int(fix.sum()))).astype(np.int64)
    nilai[fix] += back
    fix_day = np.minimum(day[fix] + rng.integers(1, 10, int(fix.sum())), last_day[row_month[fix]])
    row_line = np.concatenate([row_line, row_line[fix]])
    day = np.concatenate([day, fix_day])
    nilai = np.concatenate([nilai, -back])
    doc = np.concatenate([doc, doc.max(initial=0) + 1 + np.arange(int(fix.sum()))])
    # SP2D numbers: year, KPPN, running number in date order
    order = np.lexsort((doc, day))
    row_line, day, nilai, doc = row_line[order], day[order], nilai[order], doc[order]
    _, first_seen, inverse = np.unique(doc, return_index=True, return_inverse=True)
    rank = np.empty(len(first_seen), dtype=np.int64)
    rank[np.argsort(first_seen, kind="stable")] = np.arange(len(first_seen))
    seq = rank[inverse] + first_number
    office = pa.array(kppn, pa.string()).take(pa.array(satker[row_line]))
    number = pc.utf8_lpad(pc.cast(pa.array(seq), pa.string()), 10, "0")
    no_sp2d = pc.binary_join_element_wise(f"{thang % 100:02d}", office, number, "")
    return {"line": row_line, "day": day, "no_sp2d": no_sp2d, "nilai": nilai, "documents": len(rank)}


def realisasi_table(thang: int, codes: dict[str, pa.Array], cut: dict) -> pa.Table:
    """The long realization table (kind realisasi) of SP2D rows from `sp2d`; `codes` holds the
    budget lines' code columns (kdsatker ... kdppk) as string arrays."""
    idx = pa.array(cut["line"])
    return pa.table({
        "thang": pa.array(np.full(len(cut["line"]), thang, dtype=np.int16)),
        "tgl_sp2d": pa.array(cut["day"].astype(np.int32), pa.int32()).cast(pa.date32()),
        "no_sp2d": cut["no_sp2d"],
        **{name: column.take(idx) for name, column in codes.items()},
        "nilai": pa.array(cut["nilai"]),
    })


def rpd(thang: int, group: np.ndarray, n_groups: int, original: np.ndarray, monthly: np.ndarray,
        profile: np.ndarray, rng: np.random.Generator, update_share: float = 0.45) -> pd.DataFrame:
    """Monthly withdrawal plans per group (satker x jenis belanja), with later updates.

    The DIPA plan (first working day of January) spreads the original pagu by `profile` (one row of
    12 weights per group). At each update window (10th working day of February, April, July and
    October) some groups re-plan the months still ahead close to what they will realize.
    Returns columns group, bulan, rpd, tgl_update.
    """
    orig = np.bincount(group, weights=original, minlength=n_groups)
    real = np.zeros((n_groups, 12))
    np.add.at(real, group, monthly)
    share = profile / profile.sum(1, keepdims=True)
    noise = rng.lognormal(0.0, 0.2, (n_groups, 12))
    plan = np.round(orig[:, None] * share * noise / 1000) * 1000
    frames = []
    has = orig > 0
    g, m = np.nonzero(np.broadcast_to(has[:, None], (n_groups, 12)))
    frames.append(pd.DataFrame({"group": g, "bulan": m + 1, "rpd": plan[g, m].astype(np.int64),
                                "tgl_update": nth_working_day(thang, 1, 1)}))
    planned = has.copy()
    for window in (2, 4, 7, 10):
        ahead = real[:, window - 1:]
        never = ~planned & (real.sum(1) > 0)
        chosen = (rng.random(n_groups) < update_share) | never
        chosen &= ahead.sum(1) > 0
        if not chosen.any():
            continue
        fresh = np.round(ahead * rng.uniform(0.85, 1.15, ahead.shape) / 1000) * 1000
        g, m = np.nonzero(np.broadcast_to(chosen[:, None], ahead.shape))
        frames.append(pd.DataFrame({"group": g, "bulan": m + window, "rpd": fresh[g, m].astype(np.int64),
                                    "tgl_update": nth_working_day(thang, window, 10)}))
        planned |= chosen
    out = pd.concat(frames, ignore_index=True)
    out["rpd"] = out["rpd"].clip(lower=0)
    return out


def capaian(group: np.ndarray, n_groups: int, pagu: np.ndarray, monthly: np.ndarray,
            volume: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Cumulative target and realized volume per group (satker x RO) and month, with progres fisik.

    The monthly target follows an even schedule; the realized volume follows the group's
    cumulative financial realization (with some lead or lag) and ends near the target.
    Returns columns group, bulan, target_vol, real_vol, progres_fisik (floats).
    """
    total = np.bincount(group, weights=pagu, minlength=n_groups)
    real = np.zeros((n_groups, 12))
    np.add.at(real, group, monthly)
    cum = np.cumsum(real, axis=1) / np.maximum(total, 1)[:, None]
    cum = np.clip(cum / np.maximum(cum[:, -1:], 1e-9), 0, 1)  # share of the year's realization
    pace = rng.uniform(0.85, 1.1, (n_groups, 1))
    end = rng.uniform(0.9, 1.03, (n_groups, 1))
    achieved = np.clip(cum * pace, 0, 1) * end
    achieved = np.maximum.accumulate(achieved, axis=1)
    target_share = np.minimum(1.0, (MONTHS[None, :] / 12.0) ** rng.uniform(0.8, 1.3, (n_groups, 1)))
    vol = volume[:, None]
    target = np.where(vol >= 10, np.round(vol * target_share), np.round(vol * target_share, 2))
    done = np.where(vol >= 100, np.round(vol * achieved), np.round(vol * achieved, 2))
    fisik = np.round(np.clip(achieved * 100 * rng.uniform(0.97, 1.0, (n_groups, 1)), 0, 100), 2)
    g, m = np.divmod(np.arange(n_groups * 12), 12)
    return pd.DataFrame({"group": g, "bulan": m + 1, "target_vol": target.reshape(-1),
                         "real_vol": done.reshape(-1), "progres_fisik": fisik.reshape(-1)})
