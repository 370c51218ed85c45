"""KPA dan PPK: per satker (its KPA) or per PPK, realization against the month's target, the
status band, the rupiah needed to reach the quarter's target, a monthly trend, and the same
figures at the end of each quarter so far.

Figures roll up from the same grain as reports.budget_summary (ringkasan_ppk, read here without its names:
ringkasan_ppk_kode), so they reconcile.
"""
from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from monev.domain import status, summary, targets
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

QUARTERS = ["TW I", "TW II", "TW III", "TW IV"]
KEYS = {"satker": ["kdunit", "kdsatker"], "ppk": ["kdunit", "kdsatker", "kdppk"]}
LEVEL = {"satker": "per_satker", "ppk": "per_ppk"}


def quarter_of(bulan: int) -> int:
    return (bulan - 1) // 3 + 1


def quarter_months(bulan: int) -> list[tuple[int, int]]:
    """(quarter, month its figures are taken at) for each quarter up to `bulan`: the quarter's
    end month, or `bulan` for the quarter still running."""
    return [(q, min(3 * q, bulan)) for q in range(1, quarter_of(bulan) + 1)]


def _figures(grain: pd.DataFrame, target_rows: pd.DataFrame, bulan: int, grain_name: str) -> pd.DataFrame:
    """The table's figures per row of the level shown, with `kebutuhan` (status.needed_by_group of
    the quarter end's targets), from one grouping of the grain: summary.rollup's sums and
    needed_by_group's each grouped the text keys, twice the same work (0,015 s of CPU nationally).
    Only the level shown: summarize would roll up all five."""
    keys = summary.LEVELS[LEVEL[grain_name]]
    with_targets = summary.with_targets(grain, targets.month_targets(target_rows, bulan))
    frame, group = _numbered(with_targets, keys)
    needed = status.needed_numbered(
        with_targets, group, frame["pagu"].to_numpy(), frame["realisasi"].to_numpy(),
        {"kebutuhan": targets.month_targets(target_rows, 3 * quarter_of(bulan))})
    frame = summary.with_percentages(frame)
    frame["rasio"] = status.ratio(frame["persen"], frame["target_persen"])
    frame["status"] = status.bands_of(frame["rasio"])
    frame["kebutuhan"] = needed["kebutuhan"]
    return frame


def _numbered(frame: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """summary.rollup's sums of `frame` per group of `keys` before its percentages (the groups
    sorted, one row each, amounts int64), and each row's group number in them."""
    columns = [*summary.AMOUNTS, "pagu_bertarget", "pagu_x_target"]
    starts = _sorted_starts(frame, keys)
    if starts is None:
        grouped = frame.groupby(keys, sort=True)
        sums = grouped[columns].sum().reset_index()
        group = grouped.ngroup().to_numpy()
    else:
        # the grain comes in key order (ringkasan_ppk_kode.sql): each group is a run of rows, its
        # number counted along; grouping by those numbers adds each group's rows in the same order
        # by the same routine as grouping by the text keys (the same bits), without hashing 90.000
        # rows of text (0,016 s instead of 0,005 nationally)
        group = np.zeros(len(frame), dtype="int64")
        group[starts[1:]] = 1
        group = np.cumsum(group)
        sums = pd.concat([frame[keys].iloc[starts].reset_index(drop=True),
                          frame[columns].groupby(group, sort=True).sum().reset_index(drop=True)], axis=1)
    return sums.astype(dict.fromkeys(summary.AMOUNTS, "int64")), group


def _sorted_starts(frame: pd.DataFrame, keys: list[str]) -> np.ndarray | None:
    """Where each group of `keys` starts in `frame` when its rows come grouped and the groups in
    increasing key order (each key's text compared as sort_values compares it); None when they do
    not, or a key is missing."""
    columns = [_text(frame[key]) for key in keys]
    if not len(frame) or any(column.null_count for column in columns):
        return None
    changed = np.zeros(len(frame) - 1, dtype=bool)
    for column in columns:
        changed |= pc.not_equal(column[1:], column[:-1]).to_numpy(zero_copy_only=False)
    starts = np.flatnonzero(np.concatenate([[True], changed]))
    # each group's first row above the previous group's: the first key that differs increases
    before, after = pa.array(starts[:-1]), pa.array(starts[1:])
    decided = np.zeros(len(starts) - 1, dtype=bool)
    for column in columns:
        a, b = column.take(before), column.take(after)
        if (~decided & pc.less(b, a).to_numpy(zero_copy_only=False)).any():
            return None
        decided |= pc.greater(b, a).to_numpy(zero_copy_only=False)
    return starts


def _trend(rows: pd.DataFrame, bulan: int) -> pd.arrays.ArrowExtensionArray:
    """Per row of `rows` (pagu and the cumulative realization bulan_1..bulan_12 of
    queries/kpa_ppk_baris.sql): `tren`, the cumulative realization as % of the row's pagu at the
    end of each month 1..bulan, as an Arrow list (missing, pd.NA, where the pagu is 0): one block
    of floats, where a Python list per row took 0,04 s nationally (a seventh of the page's CPU)
    for a sparkline drawn on a screenful of rows (trend_lists)."""
    months = [f"bulan_{m}" for m in range(1, bulan + 1)]
    amounts = rows[months].fillna(0).astype("int64")  # a month without a row realized nothing
    # summary.percent's formula on the whole block at once (the same operations on each value)
    pagu = rows["pagu"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):  # a pagu of 0: that row's trend is missing
        share = 100.0 * amounts.to_numpy(dtype="float64") / pagu.astype("float64")[:, None]
    offsets = pa.array(np.arange(0, share.size + 1, bulan, dtype="int32"))
    lists = pa.ListArray.from_arrays(offsets, pa.array(share.ravel()), mask=pa.array(pagu == 0))
    return pd.arrays.ArrowExtensionArray(lists)


def trend_lists(tren: pd.Series) -> list:
    """The `tren` of some rows of table()'s frames as Streamlit's line chart cells take them: a
    list of floats per row, None where missing."""
    return pa.array(tren.array).to_pylist()


def _quarter_targets(period: Period, target_rows: pd.DataFrame) -> dict:
    """The target % of each jenis belanja at the end of each quarter before the period's, as the
    three parallel lists queries/kpa_ppk_baris.sql takes (empty in the first quarter), and `urut`:
    whether pagu x target must be added in its fixed order (queries/kpa_ppk_urut.sql), i.e. some
    target is not a whole number or is negative (a whole-number target and a pagu, never negative,
    give every product, and every partial sum below 2^53, as an exact integer: the threads' order
    cannot change a bit; _exact_sums checks the bound)."""
    months = [month for _, month in quarter_months(period.bulan) if month != period.bulan]
    listed = [(month, jb, float(value)) for month in months
              for jb, value in targets.month_targets(target_rows, month).items()]
    return {"target_bulan": [m for m, _, _ in listed], "target_jenis": [jb for _, jb, _ in listed],
            "target_persen": [v for _, _, v in listed],
            "urut": not all(v.is_integer() and v >= 0 for _, _, v in listed)}


def _exact_sums(rows: pd.DataFrame, bound: dict) -> bool:
    """Whether pagu x target summed in any order was exact for `rows` (kpa_ppk_baris.sql's, with
    whole-number targets): each row's pagu (non-negative) times the largest target, which bounds
    every partial sum of its group, below 2^53."""
    largest = max(bound["target_persen"], default=0.0)
    return all(float(rows[f"pagu_{m}"].max()) * largest < 2.0 ** 53 for m in (3, 6, 9)) if len(rows) else True


def _year_rows(engine: sa.Engine, bound: dict) -> pd.DataFrame:
    """queries/kpa_ppk_baris.sql's rows for `bound` (table()'s parameters with _quarter_targets'),
    their pagu x target sums taken again in order (queries/kpa_ppk_urut.sql) where the order of
    adding them can change a bit: a target not a whole number, or a satker of over 90 trillion
    rupiah."""
    params = {name: value for name, value in bound.items() if name != "urut"}
    rows = query.run(engine, "kpa_ppk_baris", **params)
    if not bound["urut"] and _exact_sums(rows, bound):
        return rows
    sums = [f"pagu_x_target_{m}" for m in (3, 6, 9)]
    # the same groups from the same rows: each row of the one query has its row in the other
    ordered = query.run(engine, "kpa_ppk_urut", **params).set_index(["kdsatker", "kdppk"])[sums]
    at = pd.MultiIndex.from_frame(rows[["kdsatker", "kdppk"]])
    return rows.assign(**{name: ordered[name].reindex(at).to_numpy() for name in sums})


def _text(codes: pd.Series) -> pa.Array:
    """A column of codes as one Arrow array of large strings (a query's may come in chunks)."""
    array = pa.array(codes.array, type=pa.large_string())
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _joined(frame: pd.DataFrame, rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """frame.merge(rows, on=keys, how="left"): every row of the table has its row of the year there
    (its grain rows are rows of the year), keys unique on both sides, so the table's rows in their
    order with the year's columns beside them. Found by one Arrow lookup of the satker (and PPK)
    code, the unit compared after, where the merge hashed every key of both sides (0,017 s instead
    of 0,008 nationally); the merge itself where a row is missing or the unit differs."""
    def key(part: pd.DataFrame) -> pa.Array:
        codes = [_text(part[name]) for name in keys[1:]]
        between = pa.scalar("\x1f", pa.large_string())  # in no code
        return codes[0] if len(codes) == 1 else pc.binary_join_element_wise(*codes, between)

    at = pc.index_in(key(frame), value_set=key(rows))
    if at.null_count or len(rows) == 0:
        return frame.merge(rows, on=keys, how="left")
    at = at.to_numpy()
    if not _text(rows[keys[0]]).take(at).equals(_text(frame[keys[0]])):
        return frame.merge(rows, on=keys, how="left")
    beside = rows.drop(columns=keys).take(at).reset_index(drop=True)
    return pd.concat([frame, beside.set_axis(frame.index)], axis=1)


def _at_quarter_end(rows: pd.DataFrame, month: int) -> tuple[pd.Series, pd.DataFrame]:
    """Of the table's rows with kpa_ppk_baris.sql's columns: which ones have figures at the end of
    quarter-end `month` (a line in force or realization by then), and every row's pagu,
    realisasi, persen, target_persen, rasio and status then (as _figures gives them; meaningful
    where present). Column by column on the rows as they are: a .loc of the wide merged frame
    took three times as long."""
    at = summary.with_percentages(pd.DataFrame({
        name: rows[f"{name}_{month}"] for name in ("pagu", "realisasi", "pagu_bertarget", "pagu_x_target")}))
    at["rasio"] = status.ratio(at["persen"], at["target_persen"])
    at["status"] = status.bands_of(at["rasio"])
    return rows[f"ada_{month}"].eq(True), at  # a row the query did not give (none should be): absent


def table(engine: sa.Engine, period: Period, grain_name: str = "satker", *, scope: Scope,
          filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """'tabel': one row per satker (grain 'satker') or PPK ('ppk') with pagu, blokir, realisasi
    (int64), persen, target_persen, rasio, status, kebutuhan (Int64: rupiah still needed to reach
    the target at the end of the period's quarter) and tren; 'triwulan': per row the realization %
    and status at the end of each quarter so far (current quarter at the period's month), wide;
    'triwulan_panjang' the same long (keys, pagu, realisasi, persen, status, triwulan)."""
    keys = KEYS[grain_name]
    people = ["ppk"] if grain_name == "ppk" else ["kpa"]
    columns = (["kdunit", "nmunit", "kdsatker", "nmsatker"] + (["kdppk"] if grain_name == "ppk" else []) + people
               + ["pagu", "blokir", "realisasi", "persen", "target_persen", "rasio", "status", "kebutuhan", "tren"])
    target_rows = query.reference(engine, "target_triwulan", tahun=period.tahun)
    # the trend, the earlier quarters' figures and the names, one row per table row and more (a
    # row of the year need not be in the period's grain), fetched on a second core (DuckDB runs
    # without the GIL) while the period's figures are computed here
    bound = dict(scope=scope, filters=filters, tahun=period.tahun, sampai=period.sampai, per_ppk=grain_name == "ppk",
                 **_quarter_targets(period, target_rows))
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending = worker.submit(_year_rows, engine, bound)
        # the grain without names: they come with the year's rows, one per table row
        grain = query.run(engine, "ringkasan_ppk_kode", scope=scope, filters=filters, tahun=period.tahun,
                          sampai=period.sampai)
        frame = None if grain.empty else _figures(grain, target_rows, period.bulan, grain_name)
        rows = pending.result()
    if frame is None:
        return {"tabel": pd.DataFrame(columns=columns), "triwulan": pd.DataFrame(columns=keys),
                "triwulan_panjang": pd.DataFrame(columns=keys + ["pagu", "realisasi", "persen", "status", "triwulan"])}
    if grain_name != "ppk":
        rows = rows.drop(columns="kdppk")
    frame = _joined(frame, rows, keys)
    frame["tren"] = _trend(frame, period.bulan)
    shown = frame[columns]

    long = []
    quarters = shown[keys].copy()
    for q, month in quarter_months(period.bulan):
        label = QUARTERS[q - 1]
        if month == period.bulan:  # the running quarter is the table itself: its rows, in its order
            at = shown
            quarters[f"{label} %"], quarters[f"{label} status"] = shown["persen"], shown["status"]
        else:
            # a row with nothing by then has no figures then (missing, as a left merge leaves it);
            # a row present then is present at every later month, so it is a row of the table
            present, at = _at_quarter_end(frame, month)
            quarters[f"{label} %"] = at["persen"].where(present)
            quarters[f"{label} status"] = at["status"].where(present, np.nan)
            at = pd.concat([shown[keys], at], axis=1)[present.to_numpy()]
        long.append(at[keys + ["pagu", "realisasi", "persen", "status"]].assign(triwulan=label))
    long = pd.concat(long, ignore_index=True)
    return {"tabel": shown, "triwulan": quarters, "triwulan_panjang": long}


def behind(frame: pd.DataFrame) -> pd.Series:
    """Rows whose realization % is below their target %."""
    return frame["persen"].astype(float) < frame["target_persen"].astype(float)


def status_counts(long: pd.DataFrame) -> pd.DataFrame:
    """How many rows fall in each status band at each quarter, with their pagu and realization
    then: triwulan, status, jumlah, pagu, realisasi (one row per quarter and band, zeros kept)."""
    rows = []
    for label in [q for q in QUARTERS if q in set(long["triwulan"])]:
        part = long[long["triwulan"] == label]
        for band in status.ORDER:
            inside = part[part["status"] == band]
            rows.append((label, band, len(inside), int(inside["pagu"].sum()), int(inside["realisasi"].sum())))
    frame = pd.DataFrame(rows, columns=["triwulan", "status", "jumlah", "pagu", "realisasi"])
    return frame.astype({"jumlah": "int64", "pagu": "int64", "realisasi": "int64"})


def band_caption(labels: dict[str, str] | None = None) -> str:
    """'Sangat Baik ≥ 95%, Baik ≥ 89%, Cukup ≥ 70%, Kurang < 70%' from status.BANDS."""
    labels = labels or {}
    parts = [f"{labels.get(name, name)} ≥ {lowest:g}%" for lowest, name in status.BANDS if not math.isinf(lowest)]
    last_finite = [lowest for lowest, _ in status.BANDS if not math.isinf(lowest)][-1]
    parts.append(f"{labels.get(status.ORDER[-1], status.ORDER[-1])} < {last_finite:g}%")
    return ", ".join(parts)
