"""The KPA/PPK page's data as it was computed before schema 12 (main at a7cec2a), kept as the
reference the page's frames are held equal to (tests/test_kpa_ppk_agregat.py): the monthly trend
summed from the year's agg_ringkasan_bulanan rows (kpa_ppk_lama/kpa_ppk_tren.sql) and the earlier
quarters grouped from its quarter-end rows (kpa_ppk_lama/kpa_ppk_triwulan.sql), the figures rolled
up and the rupiah needed grouped apart, the trend as Python lists; the domain rules are shared."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from monev.domain import status, summary, targets
from monev.domain.period import Period
from monev.views import kpa_ppk
from monev.views.kpa_ppk import KEYS, QUARTERS, quarter_months, quarter_of
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

HERE = Path(__file__).resolve().parent / "kpa_ppk_lama"


def _run(engine: sa.Engine, name: str, *, scope: Scope, filters: Filters, **params) -> pd.DataFrame:
    """query.run for a query file kept here: the same binding and Arrow transfer."""
    bound = {**scope.params(), **filters.params(), **params}
    compiled = sa.text((HERE / f"{name}.sql").read_text(encoding="utf-8")).compile(dialect=engine.dialect)
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        return driver.sql(compiled.string, params=[bound[k] for k in compiled.positiontup]).to_arrow_table().to_pandas()


def _earlier_quarters(engine, period: Period, target_rows: pd.DataFrame, grain_name: str, *, scope: Scope,
                      filters: Filters) -> pd.DataFrame:
    months = [month for _, month in quarter_months(period.bulan) if month != period.bulan]
    quarter_ends = {month: targets.month_targets(target_rows, month) for month in months}
    listed = [(month, jb, value) for month, goals in quarter_ends.items() for jb, value in goals.items()]
    frame = _run(engine, "kpa_ppk_triwulan", scope=scope, filters=filters, tahun=period.tahun,
                 sampai=period.sampai, per_ppk=grain_name == "ppk",
                 target_bulan=[m for m, _, _ in listed], target_jenis=[jb for _, jb, _ in listed],
                 target_persen=[float(v) for _, _, v in listed])
    if grain_name != "ppk":
        frame = frame.drop(columns="kdppk")
    frame = summary.with_percentages(frame)
    frame["rasio"] = status.ratio(frame["persen"], frame["target_persen"])
    frame["status"] = status.bands_of(frame["rasio"])
    return frame


def _figures(grain: pd.DataFrame, target_rows: pd.DataFrame, bulan: int, grain_name: str) -> pd.DataFrame:
    """The view's figures as rolled up before they shared one grouping with the needed rupiah."""
    with_targets = summary.with_targets(grain, targets.month_targets(target_rows, bulan))
    frame = summary.rollup(with_targets, summary.LEVELS[kpa_ppk.LEVEL[grain_name]])
    frame["rasio"] = status.ratio(frame["persen"], frame["target_persen"])
    frame["status"] = status.bands_of(frame["rasio"])
    return frame


def _trend(rows: pd.DataFrame, bulan: int) -> list:
    """The trend as Python lists, as the view gave it before it came as an Arrow list column."""
    months = [f"bulan_{m}" for m in range(1, bulan + 1)]
    amounts = rows[months].fillna(0).astype("int64")
    pagu = rows["pagu"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        share = 100.0 * amounts.to_numpy(dtype="float64") / pagu.astype("float64")[:, None]
    return [values if p else None for values, p in zip(share.tolist(), pagu.tolist())]


def table(engine: sa.Engine, period: Period, grain_name: str = "satker", *, scope: Scope,
          filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    keys = KEYS[grain_name]
    people = ["ppk"] if grain_name == "ppk" else ["kpa"]
    columns = (["kdunit", "nmunit", "kdsatker", "nmsatker"] + (["kdppk"] if grain_name == "ppk" else []) + people
               + ["pagu", "blokir", "realisasi", "persen", "target_persen", "rasio", "status", "kebutuhan", "tren"])
    grain = query.run(engine, "ringkasan_ppk_kode", scope=scope, filters=filters, tahun=period.tahun,
                      sampai=period.sampai)
    if grain.empty:
        return {"tabel": pd.DataFrame(columns=columns), "triwulan": pd.DataFrame(columns=keys),
                "triwulan_panjang": pd.DataFrame(columns=keys + ["pagu", "realisasi", "persen", "status", "triwulan"])}
    target_rows = query.reference(engine, "target_triwulan", tahun=period.tahun)
    frame = _figures(grain, target_rows, period.bulan, grain_name)
    needed = status.needed_by_group(grain, targets.month_targets(target_rows, 3 * quarter_of(period.bulan)), keys)
    frame = frame.merge(needed, on=keys, how="left")
    rows = _run(engine, "kpa_ppk_tren", scope=scope, filters=filters, tahun=period.tahun,
                sampai=period.sampai, per_ppk=grain_name == "ppk")
    if grain_name != "ppk":
        rows = rows.drop(columns="kdppk")
    frame = frame.merge(rows, on=keys, how="left")
    frame["tren"] = _trend(frame, period.bulan)
    frame = frame[columns].reset_index(drop=True)

    earlier = (_earlier_quarters(engine, period, target_rows, grain_name, scope=scope, filters=filters)
               if period.bulan > 3 else None)
    long = []
    quarters = frame[keys].copy()
    for q, month in quarter_months(period.bulan):
        label = QUARTERS[q - 1]
        if month == period.bulan:
            at = frame
            quarters[f"{label} %"], quarters[f"{label} status"] = frame["persen"], frame["status"]
        else:
            at = earlier[earlier["bulan"] == month]
            quarters = quarters.merge(at[keys + ["persen", "status"]].rename(
                columns={"persen": f"{label} %", "status": f"{label} status"}), on=keys, how="left")
        long.append(at[keys + ["pagu", "realisasi", "persen", "status"]].assign(triwulan=label))
    long = pd.concat(long, ignore_index=True)
    return {"tabel": frame, "triwulan": quarters, "triwulan_panjang": long}
