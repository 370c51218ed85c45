"""Year-end projection of realization from the seasonal pattern of earlier years. What is left
to realize per remaining month is monev/domain/catch_up.py; the projection's back-test is
monev/domain/backtest.py.

The projection (per row of a satker x jenis belanja grain, then summed):

* share curve: for every earlier fiscal year y and month m, share_y(m) = cumulative realization
  to the end of m / realization of the whole year (the year as of December), for one group
  (e.g. unit x jenis belanja, or jenis belanja over the selection). A year counts for a group
  only when its year-end realization is positive. Negative shares (corrections) count as 0.
* the curve of a row is taken from the first level of LEVELS-like key lists that has history
  for it and a positive mean share at m (finer first: the unit's own pattern, then the jenis
  belanja's); where no earlier year gives one, the RPD plan of the row is the curve:
  share(m) = cumulative RPD to m / total RPD of the year (a single "year", so no band).
* projected year-end = realized so far / mean_y share_y(m); the band is the lowest and highest
  implied year-end realized / share_y(m) over the years (a share of 0 in one year implies no
  finite year-end: that end of the band is the cap).
* every figure is capped at the pagu net of blokir in force (what can still legally be spent)
  and is never below what has been realized already; rupiah are rounded half up to integers.
* no basis at all (no history, no RPD): the projection is the realization so far and the band
  runs from there to the cap; `dasar` says so.

Percentages are of the pagu, as everywhere else in the dashboard (summary.rollup).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from monev.domain import summary
from monev.domain.codes import Codes, matched, named_groups, numbered, summed

MONTHS = list(range(1, 13))

# dasar (basis) of a row's projection
BASIS_HISTORY = "riwayat"  # + the level's name, e.g. "riwayat unit"
BASIS_RPD = "RPD"
BASIS_NONE = "tanpa dasar"

# basis of the realism check of a row with neither history nor RPD: the flat curve S(t) = t / 12
BASIS_FLAT = "laju rata-rata"

def round_half_up(values) -> pd.Series:
    """Rupiah, rounded half up to whole rupiah, as int64."""
    series = pd.Series(values, dtype="float64")
    return np.floor(series + 0.5).astype("int64")


# a history's months, one column each (realization of that month alone)
REALIZED_MONTHS = [f"realisasi_{month}" for month in MONTHS]


def by_month(history: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Realization rows of single months (tahun, bulan, realisasi and `keys`) in the shape
    project() and share_curves() read a history, as queries/proyeksi_riwayat.sql returns it: per
    group of `keys` and year, one column per month (REALIZED_MONTHS, 0 where it has none)."""
    sums = history.groupby(keys + ["tahun", "bulan"], dropna=False)["realisasi"].sum()
    wide = sums.unstack("bulan", fill_value=0).reindex(columns=MONTHS, fill_value=0)
    wide.columns = REALIZED_MONTHS
    return wide.reset_index()


def _share_matrix(history: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """The groups of `keys` x earlier year with a positive year total (keys and tahun, in sorted
    order) and their shares, one row each, one column per month 1..12. `history`: by_month()'s
    shape, with `keys` among its keys."""
    wide = history.groupby(keys + ["tahun"])[REALIZED_MONTHS].sum()
    cumulative = wide.to_numpy(dtype="float64").cumsum(axis=1)
    kept = cumulative[:, -1] > 0
    shares = np.clip(cumulative[kept] / cumulative[kept, -1:], 0.0, None)
    return wide.index[kept].to_frame(index=False), shares


def share_curves(history: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group of `keys`, earlier year and month 1..12: `share` (float), the cumulative
    realization to the month's end over the year's total. `history`: by_month()'s shape. Years
    whose total is not positive are left out."""
    columns = keys + ["tahun", "bulan", "share"]
    if history.empty:
        return pd.DataFrame(columns=columns)
    groups, shares = _share_matrix(history, keys)
    long = groups.loc[np.repeat(np.arange(len(groups)), len(MONTHS))]
    long["bulan"] = np.tile(MONTHS, len(groups))
    long["share"] = shares.ravel()
    return long[columns].reset_index(drop=True)


# a plan's months, one column each (rupiah of that month alone; missing: nothing planned)
PLAN_MONTHS = [f"rpd_{month}" for month in MONTHS]


def _plan_curves(plan: pd.DataFrame, keys: list[str], bulan: int, ahead: tuple[int, ...]) -> pd.DataFrame:
    """_curves_at() of a plan with one row per group of `keys` and its months in PLAN_MONTHS,
    for the groups with a positive planned year total. A plan is one "year": the means, lowest
    and highest share over the years are its own shares, taken without grouping its rows."""
    # the cumulative plan at the months read only (of a national plan's 12 columns, two or three),
    # added up month by month as cumsum adds them, so the same floats; each month's column read as
    # it is (an int64 one without a copy: added to floats, numpy casts it as astype would)
    wanted, cumulative, running = {bulan, 12, *ahead}, {}, 0.0
    for month, column in zip(MONTHS, PLAN_MONTHS):
        values = plan[column]
        values = values.to_numpy() if values.dtype == np.int64 else values.to_numpy(dtype="float64", na_value=0.0)
        running = values.astype("float64") if month == 1 else running + values
        if month in wanted:
            cumulative[month] = running
    kept = cumulative[12] > 0
    total = cumulative[12][kept]

    def shares(month: int) -> np.ndarray:
        return np.clip(cumulative[month][kept] / total, 0.0, None)

    share = shares(bulan)
    at = plan.loc[kept, keys].reset_index(drop=True)
    return pd.DataFrame({**{key: at[key] for key in keys}, "share": share,
                         "tahun_riwayat": np.ones(len(share), dtype="int64"), "share_min": share, "share_max": share,
                         "share_min_positif": np.where(share > 0, share, np.nan),
                         **{f"share_{month}": shares(month) for month in ahead}})


def _history_curves(history: pd.DataFrame, keys: list[str], bulan: int, ahead: tuple[int, ...]) -> pd.DataFrame:
    groups, shares = _share_matrix(history, keys)
    return _curves_at(groups, shares, keys, bulan, ahead)


def _curves_at(groups: pd.DataFrame, shares: np.ndarray, keys: list[str], bulan: int,
               ahead: tuple[int, ...]) -> pd.DataFrame:
    """Per group of `keys` (over the years of _share_matrix): at `bulan` the mean share (`share`,
    as _curve_at), the number of years, the lowest, lowest positive and highest share (what the
    band needs of the years' list), and the mean share at each month T of `ahead` (share_T)."""
    at = groups[keys].assign(share=shares[:, bulan - 1])
    at["share_min"] = at["share"]
    at["share_min_positif"] = at["share"].where(at["share"] > 0)
    at["share_max"] = at["share"]
    for month in ahead:
        at[f"share_{month}"] = shares[:, month - 1]
    grouped = at.groupby(keys, sort=False)
    result = grouped["share"].agg(["mean", "count"]).rename(columns={"mean": "share", "count": "tahun_riwayat"})
    result["share_min"] = grouped["share_min"].min()
    result["share_min_positif"] = grouped["share_min_positif"].min()
    result["share_max"] = grouped["share_max"].max()
    for month in ahead:
        result[f"share_{month}"] = grouped[f"share_{month}"].mean()
    return result.reset_index()


def clamped(estimates: np.ndarray, lowest: np.ndarray, highest: np.ndarray, at_highest=None) -> np.ndarray:
    """Float rupiah estimates rounded half up and held between two exact int64 amounts (the
    realization and the cap), compared as integers: a float cannot hold every rupiah above 2^53,
    so the bounds are never passed through one. `at_highest`: rows that take the upper bound.
    An int64 array."""
    values = np.asarray(estimates, dtype="float64")
    # past +-2^62 (or infinite) the bound decides anyway; inside it int64 holds the rounded value
    limited = np.clip(np.nan_to_num(values, nan=0.0, posinf=2.0**62, neginf=-(2.0**62)), -(2.0**62), 2.0**62)
    rounded = np.floor(limited + 0.5).astype("int64")
    result = np.minimum(np.maximum(rounded, lowest), highest)
    if at_highest is not None:
        result = np.where(at_highest, highest, result)
    return result.astype("int64", copy=False)


def _curve_rows(frame: pd.DataFrame, keys: list[str], curves: pd.DataFrame, codes: Codes | None) -> np.ndarray:
    """The row of `curves` (one per group of `keys`) each row of `frame` takes, -1 where none: by
    the rows' key codes where project() has them (codes.matched), else by the merge on the texts."""
    rows = None if codes is None else matched(codes, keys, curves)
    if rows is None:
        found = frame[keys].merge(curves[keys].assign(_row=np.arange(len(curves))), on=keys, how="left")["_row"]
        rows = found.fillna(-1).to_numpy(dtype="int64")
    return rows


def project(current: pd.DataFrame, bulan: int, history: pd.DataFrame, levels: list[tuple[str, list[str]]],
            rpd: pd.DataFrame | None = None, rpd_keys: list[str] | None = None,
            ahead: tuple[int, ...] = (), codes: Codes | None = None) -> pd.DataFrame:
    """The year-end projection of every row of `current` (pagu, blokir, realisasi to the end of
    `bulan` and the columns of the keys below).

    `history`: realization per month of the earlier years, by_month()'s shape with the key
    columns of every level. `levels`: (name, keys) finest first, e.g. [("unit", ["kdunit",
    "jenis_belanja"]), ("jenis belanja", ["jenis_belanja"])]. `rpd`: the year's plan, the
    fallback: one row per group of `rpd_keys`, its months in PLAN_MONTHS (as
    queries/proyeksi_rpd.sql returns it).

    Adds: dasar, tahun_riwayat (years behind the curve; 0 for RPD), share (mean share at
    `bulan`), batas (the cap: pagu - blokir, never below the realization), proyeksi,
    proyeksi_bawah, proyeksi_atas (int64 rupiah); and for each month T of `ahead`, share_T: the
    same curve's mean share at T (missing without a basis), for usual_after(). `codes`: the key
    codes of `current`'s rows (codes.key_codes of its key columns, as its grouping kept them),
    by which each row finds its curve (codes.matched) rather than by a merge on the key texts, and
    to which the codes of dasar are added (among every label of a basis, some perhaps unused)."""
    frame = current.reset_index(drop=True)  # columns are only added to it: current stays as it is
    n = len(frame)
    share = np.full(n, np.nan)
    lowest, lowest_positive, highest = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    years = np.zeros(n, dtype="int64")
    later = {month: np.full(n, np.nan) for month in ahead}

    sources = [(f"{BASIS_HISTORY} {name}", keys, history, _history_curves) for name, keys in levels]
    if rpd is not None and rpd_keys:
        sources.append((BASIS_RPD, rpd_keys, rpd, _plan_curves))
    # each row's basis as its position in labels (0: none), compared and named as small integers
    # rather than as 90.000 texts nationally
    labels = [BASIS_NONE, *(label for label, _keys, _source, _curves in sources)]
    basis = np.zeros(n, dtype="int8")
    for number, (label, keys, source, curves) in enumerate(sources, start=1):
        if source.empty:
            continue
        if not (basis == 0).any():
            break  # a coarser curve only serves rows the finer ones left without
        # every year of a curve has all twelve months, so the mean at T is over the same years
        at = curves(source, keys, bulan, ahead)
        if at.empty:
            continue
        rows = _curve_rows(frame, keys, at, codes)
        curve_share = at["share"].to_numpy(dtype="float64")
        usable = np.flatnonzero((basis == 0) & (rows >= 0) & (curve_share[rows] > 0))
        taken = rows[usable]  # the curve's row of each usable row
        share[usable] = curve_share[taken]
        lowest[usable] = at["share_min"].to_numpy(dtype="float64")[taken]
        lowest_positive[usable] = at["share_min_positif"].to_numpy(dtype="float64")[taken]
        highest[usable] = at["share_max"].to_numpy(dtype="float64")[taken]
        years[usable] = 0 if label == BASIS_RPD else at["tahun_riwayat"].to_numpy(dtype="int64")[taken]
        basis[usable] = number
        for month, values in later.items():
            values[usable] = at[f"share_{month}"].to_numpy(dtype="float64")[taken]

    # Money stays integer: the realization and the cap (pagu - blokir) are exact int64 rupiah, and
    # every projected figure is an estimate in floats clamped between those two exact amounts.
    realized_rp = frame["realisasi"].to_numpy(dtype="int64")
    cap_rp = np.maximum(frame["pagu"].to_numpy(dtype="int64") - frame["blokir"].to_numpy(dtype="int64"), realized_rp)
    realized = realized_rp.astype("float64")
    # Each year's implied year end is realized / its share (infinite for a share of 0 when
    # something was realized, else 0), so the band's ends come from the lowest and highest share:
    # realized > 0: [realized / highest, realized / lowest (inf if 0)]; realized < 0: [realized /
    # lowest positive, 0 if a share is 0 else realized / highest]; nothing realized: 0.
    chosen = basis != 0
    positive, negative = realized > 0, realized < 0
    with np.errstate(divide="ignore", invalid="ignore"):
        central = np.where(chosen, realized / share, realized)
        low = np.where(positive, realized / highest, np.where(negative, realized / lowest_positive, 0.0))
        high = np.where(positive, np.where(lowest > 0, realized / lowest, math.inf),
                        np.where(negative & (lowest > 0), realized / highest, 0.0))
    low = np.where(chosen, low, realized)

    def bounded(values, at_cap=None):
        return clamped(values, realized_rp, cap_rp, at_cap)

    # the labels taken by position: the texts the rows' own would be (no rows: an object column, as
    # an empty column of texts is)
    added = {"dasar": pd.array(labels, dtype="str").take(basis) if n else np.array([], dtype=object)}
    if codes is not None:  # and their codes for the groupings by them (key_codes': ranks among the sorted labels)
        order = np.argsort(np.array(labels, dtype=object), kind="stable")
        rank = np.empty(len(labels), dtype="int64")
        rank[order] = np.arange(len(labels))
        codes["dasar"] = (rank[basis], pd.Index(pd.array([labels[i] for i in order], dtype="str")), -1)
    added.update({"tahun_riwayat": years, "share": share, "batas": cap_rp, "proyeksi": bounded(central),
                  "proyeksi_bawah": bounded(low),
                  "proyeksi_atas": bounded(high, at_cap=~chosen),  # without a basis the band runs to the cap
                  **{f"share_{month}": values for month, values in later.items()}})
    # the columns put beside the rows in one frame: set one by one (each a block of its own, the
    # projections as Series aligned on the rows' index) they took a tenth of project()'s 18 ms
    return pd.concat([frame, pd.DataFrame(added, index=frame.index)], axis=1)


def usual_after(rows: pd.DataFrame, bulan: int, until: int, flat: np.ndarray | None = None) -> pd.Series:
    """What each projected row (project(..., ahead=(until,))) usually realizes after the end of
    `bulan` up to the end of `until`, at the pace it has kept so far: realisasi x (S(until) -
    S(bulan)) / S(bulan), S being the mean share curve its projection used (history or RPD). A row
    with neither takes the flat curve S(t) = t / 12: its average monthly realization so far times
    the months left. Float rupiah; 0 when nothing has been realized yet or no month is left.
    flat: whether each row is one without a basis (dasar BASIS_NONE), when the caller has it."""
    flat = (rows["dasar"] == BASIS_NONE).to_numpy() if flat is None else flat
    now = np.where(flat, bulan / 12.0, rows["share"].to_numpy(dtype="float64"))
    then = np.where(flat, until / 12.0, rows[f"share_{until}"].to_numpy(dtype="float64"))
    realized = rows["realisasi"].to_numpy(dtype="float64")
    return pd.Series(realized * (then - now) / now, index=rows.index)


def realism_basis(rows: pd.DataFrame) -> pd.Series:
    """The basis of usual_after per row: its projection's dasar, or BASIS_FLAT without one."""
    return rows["dasar"].where(rows["dasar"] != BASIS_NONE, BASIS_FLAT)


PROJECTED = ["pagu", "blokir", "realisasi", "batas", "proyeksi", "proyeksi_bawah", "proyeksi_atas"]


def rollup(projected: pd.DataFrame, keys: list[str], targets: dict[str, float] | None = None) -> pd.DataFrame:
    """Sum the rupiah of projected rows per group of `keys` (all rows when empty) and add the
    percentages of the pagu: persen, proyeksi_persen, proyeksi_bawah_persen, proyeksi_atas_persen,
    and target_persen (the pagu-weighted year-end target of `targets` per jenis belanja).
    The band of a group is the sum of its rows' bands: no narrower than any single year's."""
    return rollup_weighted(weighted(projected, targets), keys)


def weighted(projected: pd.DataFrame, targets: dict[str, float] | None = None,
             jenis_codes: tuple[np.ndarray, pd.Index, int] | None = None) -> pd.DataFrame:
    """The projected rows with the pagu carrying a target of `targets` and pagu x target, what
    rollup() sums to weigh the targets: made once, rollup_weighted() sums it to several levels.
    jenis_codes: the rows' jenis belanja codes (codes.key_codes), when the caller keeps them: the
    targets looked up once per code rather than per row, as summary.with_targets does."""
    if jenis_codes is None:
        target = summary.target_of(projected["jenis_belanja"], targets or {})
    else:
        code, uniques, _missing = jenis_codes
        target = pd.Series(summary.target_of(pd.Series(uniques), targets or {}).to_numpy()[code],
                           index=projected.index)
    carried = projected["pagu"].where(target.notna(), 0).astype("float64")
    return projected.assign(_pagu_bertarget=carried, _pagu_x_target=carried * target.fillna(0.0))


def rollup_weighted(frame: pd.DataFrame, keys: list[str], codes: dict[str, tuple] | None = None) -> pd.DataFrame:
    """rollup() of rows from weighted(). codes: a dict kept by the caller for this frame, which
    holds each key column's codes once computed (grouped_totals), so the levels sharing a key
    (kdunit and nmunit are in three) factorize its texts once."""
    sums = PROJECTED + ["_pagu_bertarget", "_pagu_x_target"]
    if keys:  # the groups' keys and sums (as grouped_totals has them), put in a frame once at the end
        codes = {} if codes is None else codes
        numbers = numbered(frame, keys, codes)
        grouped = {**named_groups(keys, codes, numbers[1]), **summed(frame, sums, numbers)}
    else:
        grouped = {c: np.array([frame[c].sum()]) for c in sums}
    # the result's columns made as arrays and put in one frame: set one by one on the grouped
    # frame they cost 0,005 s per level nationally, about what its sums cost
    columns = {key: grouped[key] for key in keys}
    columns.update({column: np.asarray(grouped[column]).astype("int64") for column in PROJECTED})
    for column, name in (("realisasi", "persen"), ("proyeksi", "proyeksi_persen"),
                         ("proyeksi_bawah", "proyeksi_bawah_persen"), ("proyeksi_atas", "proyeksi_atas_persen")):
        columns[name] = summary.percent_values(columns[column], columns["pagu"])
    weight = np.asarray(grouped["_pagu_bertarget"], dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        columns["target_persen"] = np.where(weight > 0, np.asarray(grouped["_pagu_x_target"], dtype="float64") / weight,
                                            np.nan)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(weight)))
