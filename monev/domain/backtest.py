"""The projection's back-test: for each year with earlier years in the warehouse, project its
year end from each quarter's end with only the earlier years, and compare with what happened."""
from __future__ import annotations

import pandas as pd

from monev.domain import summary
from monev.domain.projection import by_month, project

QUARTER_ENDS = (3, 6, 9)


def backtest(history: pd.DataFrame, pagu_at: pd.DataFrame, levels: list[tuple[str, list[str]]],
             grain_keys: list[str], months: tuple[int, ...] = QUARTER_ENDS,
             rpd: pd.DataFrame | None = None, rpd_keys: list[str] | None = None) -> pd.DataFrame:
    """For every year of `history` that has an earlier year in it, and each month of `months`:
    project the year end using only the earlier years (and that year's RPD, if given: rpd has a
    `tahun` column), from the realization to that month and the pagu and blokir in force at its
    end, and compare with what happened.

    `history`: tahun, bulan, realisasi (month alone) and the grain and level keys; `pagu_at`:
    tahun, bulan (the months of `months` and 12), pagu, blokir and `grain_keys`.
    Returns per (tahun, bulan): proyeksi_persen (of the pagu in force then: what a user saw),
    aktual_persen (December realization over December pagu), galat (projected - actual, points),
    galat_satker_rata (mean absolute error over the groups of `grain_keys`' first key with pagu
    both times, points) and jumlah_satker."""
    rows = []
    years = sorted(int(y) for y in history["tahun"].unique())
    entity = grain_keys[0]
    level_keys = list(dict.fromkeys(key for _, keys in levels for key in keys))
    for year in years[1:]:
        earlier = by_month(history[history["tahun"] < year], level_keys)
        this = history[history["tahun"] == year]
        end = pagu_at[(pagu_at["tahun"] == year) & (pagu_at["bulan"] == 12)]
        actual_real = this.groupby(entity)["realisasi"].sum()
        actual_pagu = end.groupby(entity)["pagu"].sum()
        actual_total = summary.percent_of(int(this["realisasi"].sum()), int(end["pagu"].sum()))
        plan = None if rpd is None else rpd[rpd["tahun"] == year]
        for month in months:
            known = pagu_at[(pagu_at["tahun"] == year) & (pagu_at["bulan"] == month)]
            so_far = this[this["bulan"] <= month].groupby(grain_keys, as_index=False)["realisasi"].sum()
            base = known.groupby(grain_keys, as_index=False)[["pagu", "blokir"]].sum()
            current = base.merge(so_far, on=grain_keys, how="outer")
            current[["pagu", "blokir", "realisasi"]] = current[["pagu", "blokir",
                                                                "realisasi"]].fillna(0).astype("int64")
            projected = project(current, month, earlier, levels, plan, rpd_keys)
            total = summary.percent_of(int(projected["proyeksi"].sum()), int(projected["pagu"].sum()))
            per = projected.groupby(entity).agg(proyeksi=("proyeksi", "sum"), pagu=("pagu", "sum"))
            both = per.join(actual_pagu.rename("pagu_akhir"), how="inner").join(
                actual_real.rename("realisasi_akhir"), how="left").fillna({"realisasi_akhir": 0})
            both = both[(both["pagu"] > 0) & (both["pagu_akhir"] > 0)]
            errors = (summary.percent(both["proyeksi"], both["pagu"])
                      - summary.percent(both["realisasi_akhir"], both["pagu_akhir"])).abs()
            error = float("nan") if total is None or actual_total is None else total - actual_total
            rows.append((year, month, total, actual_total, error,
                         float(errors.mean()) if len(errors) else float("nan"), int(len(errors))))
    return pd.DataFrame(rows, columns=["tahun", "bulan", "proyeksi_persen", "aktual_persen", "galat",
                                       "galat_satker_rata", "jumlah_satker"])


def backtest_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per month of the back-test: mean absolute error of the total's projected year-end % over
    the years (mae_total) and the mean of the per-satker mean absolute errors (mae_satker)."""
    grouped = table.assign(abs_galat=table["galat"].abs()).groupby("bulan", as_index=False)
    return grouped.agg(tahun_diuji=("tahun", "count"), mae_total=("abs_galat", "mean"),
                       mae_satker=("galat_satker_rata", "mean"))
