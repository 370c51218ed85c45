"""Tren tahunan: pagu and realization across fiscal years, and each year's monthly cumulative
realization % curve.

Past years are taken at year end (as of December); the selected year as of the selected month
(column `bulan` says which). Only years up to the selected one are shown. Units are grouped by
kdunit + nmunit of each year: the ministry reorganised in 2022 (seven echelon I units became
five), so a code may name another unit in another year; different units are never merged.
Every year's total equals reports.budget_summary for that year and month.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import summary
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

KEYS = ["kdunit", "nmunit", "jenis_belanja"]
SUMS = summary.AMOUNTS + ["pagu_bertarget", "pagu_x_target"]


def years_upto(engine: sa.Engine, tahun: int, *, scope: Scope) -> list[int]:
    return sorted(int(y) for y in query.run(engine, "tahun_anggaran", scope=scope)["thang"] if int(y) <= tahun)


def period_of(year: int, selected: Period) -> Period:
    """December for past years, the selected month for the selected year."""
    return selected if year == selected.tahun else Period(year, 12)


def _year_grain(engine, period: Period, *, scope: Scope, filters: Filters) -> pd.DataFrame:
    grain = reports.budget_grain(engine, period, scope=scope, filters=filters)
    grain["nmunit"] = grain["nmunit"].fillna("")
    frame = summary.with_targets(grain, reports.month_targets(engine, period))
    frame = frame.groupby(KEYS, as_index=False)[SUMS].sum()
    return frame.assign(tahun=period.tahun, bulan=period.bulan)


def yearly(engine: sa.Engine, period: Period, *, scope: Scope,
           filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """'per_tahun' (tahun, bulan, pagu, blokir, realisasi, persen, target_persen), 'per_unit'
    (plus kdunit, nmunit) and 'per_jenis_belanja' (plus jenis_belanja); empty frames when no year
    has rows."""
    parts = [_year_grain(engine, period_of(y, period), scope=scope, filters=filters)
             for y in years_upto(engine, period.tahun, scope=scope)]
    parts = [p for p in parts if not p.empty]
    if not parts:
        empty = pd.DataFrame(columns=["tahun", "bulan", *KEYS, *summary.AMOUNTS, "persen", "target_persen"])
        return {"per_tahun": empty, "per_unit": empty, "per_jenis_belanja": empty}
    grain = pd.concat(parts, ignore_index=True)
    result = {}
    for name, keys in (("per_tahun", []), ("per_unit", ["kdunit", "nmunit"]), ("per_jenis_belanja", ["jenis_belanja"])):
        frame = summary.rollup(grain, ["tahun", "bulan", *keys])
        frame[["tahun", "bulan"]] = frame[["tahun", "bulan"]].astype("int64")
        result[name] = frame.reset_index(drop=True)
    return result


def monthly_curves(engine: sa.Engine, period: Period, *, scope: Scope,
                   filters: Filters = NO_FILTER) -> pd.DataFrame:
    """One row per year and month: realisasi of the month, realisasi_kumulatif, the pagu in
    force at the month's end and persen = cumulative realization / that pagu. The selected year
    stops at the selected month."""
    frames = []
    for year in years_upto(engine, period.tahun, scope=scope):
        frame = query.run(engine, "tren_kurva", scope=scope, filters=filters, tahun=year)
        if year == period.tahun:
            frame = frame[frame["bulan"] <= period.bulan]
        frame = frame.assign(tahun=year)
        frame["realisasi"] = frame["realisasi"].astype("int64")
        frame["pagu"] = frame["pagu"].astype("int64")
        frame["realisasi_kumulatif"] = frame["realisasi"].cumsum().astype("int64")
        frame["persen"] = summary.percent(frame["realisasi_kumulatif"], frame["pagu"])
        frames.append(frame)
    columns = ["tahun", "bulan", "realisasi", "realisasi_kumulatif", "pagu", "persen"]
    if not frames:
        return pd.DataFrame(columns=columns)
    result = pd.concat(frames, ignore_index=True)[columns]
    if (result["pagu"] == 0).all() and (result["realisasi"] == 0).all():
        return result.iloc[0:0]
    return result
