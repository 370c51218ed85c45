"""KPA dan PPK: per satker (its KPA) or per PPK, realization against the month's target, the
status band, the rupiah needed to reach the quarter's target, a monthly trend, and the same
figures at the end of each quarter so far.

Figures roll up from the same grain as reports.budget_summary (ringkasan_ppk), so they reconcile.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import sqlalchemy as sa

from monev import reports
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
    # only the level shown: summarize would roll up all five (a third of this page's time at national scale)
    with_targets = summary.with_targets(grain, targets.month_targets(target_rows, bulan))
    frame = summary.rollup(with_targets, summary.LEVELS[LEVEL[grain_name]])
    frame["rasio"] = status.ratio(frame["persen"], frame["target_persen"])
    frame["status"] = status.bands_of(frame["rasio"])
    return frame


def _trend(rows: pd.DataFrame, bulan: int) -> list:
    """Per row of `rows` (pagu and the cumulative realization bulan_1..bulan_12 of
    queries/kpa_ppk_tren.sql): `tren`, the cumulative realization as % of the row's pagu at the
    end of each month 1..bulan (a list; None where the pagu is 0)."""
    months = [f"bulan_{m}" for m in range(1, bulan + 1)]
    amounts = rows[months].fillna(0).astype("int64")  # a month without a row realized nothing
    # summary.percent's formula on the whole block at once (the same operations on each value)
    pagu = rows["pagu"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):  # a pagu of 0: that row's trend is None
        share = 100.0 * amounts.to_numpy(dtype="float64") / pagu.astype("float64")[:, None]
    return [values if p else None for values, p in zip(share.tolist(), pagu.tolist())]


def _earlier_quarters(engine, period: Period, target_rows: pd.DataFrame, grain_name: str, *, scope: Scope,
                      filters: Filters) -> pd.DataFrame:
    """Per row of the table at the end of each quarter before the period's: bulan, keys, pagu,
    realisasi, persen, target_persen, rasio, status (figures as _figures gives them)."""
    months = [month for _, month in quarter_months(period.bulan) if month != period.bulan]
    quarter_ends = {month: targets.month_targets(target_rows, month) for month in months}
    listed = [(month, jb, value) for month, goals in quarter_ends.items() for jb, value in goals.items()]
    frame = query.run(engine, "kpa_ppk_triwulan", scope=scope, filters=filters, tahun=period.tahun,
                      sampai=period.sampai, per_ppk=grain_name == "ppk",
                      target_bulan=[m for m, _, _ in listed], target_jenis=[jb for _, jb, _ in listed],
                      target_persen=[float(v) for _, _, v in listed])
    if grain_name != "ppk":
        frame = frame.drop(columns="kdppk")
    frame = summary.with_percentages(frame)
    frame["rasio"] = status.ratio(frame["persen"], frame["target_persen"])
    frame["status"] = status.bands_of(frame["rasio"])
    return frame


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
    # the grain without names: they come with the trend's rows, one per table row
    grain = query.run(engine, "ringkasan_ppk_kode", scope=scope, filters=filters, tahun=period.tahun,
                      sampai=period.sampai)
    if grain.empty:
        return {"tabel": pd.DataFrame(columns=columns), "triwulan": pd.DataFrame(columns=keys),
                "triwulan_panjang": pd.DataFrame(columns=keys + ["pagu", "realisasi", "persen", "status", "triwulan"])}
    target_rows = query.reference(engine, "target_triwulan", tahun=period.tahun)
    frame = _figures(grain, target_rows, period.bulan, grain_name)
    needed = status.needed_by_group(grain, targets.month_targets(target_rows, 3 * quarter_of(period.bulan)), keys)
    frame = frame.merge(needed, on=keys, how="left")
    rows = query.run(engine, "kpa_ppk_tren", scope=scope, filters=filters, tahun=period.tahun,
                     sampai=period.sampai, per_ppk=grain_name == "ppk")
    if grain_name != "ppk":
        rows = rows.drop(columns="kdppk")
    # every row of the table has a row there (its grain rows are rows of the period's month); a left
    # merge on keys unique on both sides keeps the table's rows in their order
    frame = frame.merge(rows, on=keys, how="left")
    frame["tren"] = _trend(frame, period.bulan)
    frame = frame[columns].reset_index(drop=True)

    earlier = (_earlier_quarters(engine, period, target_rows, grain_name, scope=scope, filters=filters)
               if period.bulan > 3 else None)
    long = []
    for q, month in quarter_months(period.bulan):
        at = frame if month == period.bulan else earlier[earlier["bulan"] == month]
        long.append(at[keys + ["pagu", "realisasi", "persen", "status"]].assign(triwulan=QUARTERS[q - 1]))
    long = pd.concat(long, ignore_index=True)
    quarters = frame[keys].copy()
    for q, month in quarter_months(period.bulan):
        label = QUARTERS[q - 1]
        if month == period.bulan:  # the running quarter is frame itself: its rows, in its order
            quarters[f"{label} %"], quarters[f"{label} status"] = frame["persen"], frame["status"]
            continue
        part = earlier[earlier["bulan"] == month]
        quarters = quarters.merge(part[keys + ["persen", "status"]].rename(
            columns={"persen": f"{label} %", "status": f"{label} status"}), on=keys, how="left")
    return {"tabel": frame, "triwulan": quarters, "triwulan_panjang": long}


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
