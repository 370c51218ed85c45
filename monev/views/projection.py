"""Proyeksi dan peringatan dini: the year-end projection per satker, unit, jenis belanja and the
ministry (monev.domain.projection), what each KPA and PPK still has to realize per remaining
month, the 'perlu perhatian' list (monev.domain.attention) and the projection's back-test.

Realization per satker x jenis belanja and month comes from queries/proyeksi_bulanan.sql (this
year and every earlier year in the warehouse), the plan from queries/proyeksi_rpd.sql, pagu and
blokir from reports.budget_grain (the grain of reports.budget_summary), so that pagu and
realization so far reconcile with the overview. The seasonal curve of a satker x jenis belanja
is the satker's own where it has history (the back-test in docs/projection.md shows it halves the
per-satker error against the unit's curve), else its unit's (kdunit + nmunit of each year, as the
trends page groups units, so a code reused after the 2022 reorganisation is not mixed up), else
the jenis belanja's over the selection, else the RPD.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import attention, projection, status, targets
from monev.reports import Period
from monev.views import ikpa as ikpa_view
from monev.warehouse import query
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope

LEVELS = [("satker", ["kdsatker", "jenis_belanja"]), ("unit", ["kdunit", "nmunit", "jenis_belanja"]),
          ("jenis belanja", ["jenis_belanja"])]
GRAIN = ["kdunit", "nmunit", "kdsatker", "jenis_belanja"]
RPD_KEYS = ["kdsatker", "jenis_belanja"]
ROLLUPS = {"total": [], "per_unit": ["kdunit", "nmunit"], "per_jenis_belanja": ["jenis_belanja"],
           "per_satker": ["kdunit", "nmunit", "kdsatker", "nmsatker"],
           "per_ppk": ["kdunit", "nmunit", "kdsatker", "nmsatker", "kdppk"]}


def _years(engine: sa.Engine) -> list[int]:
    return sorted(int(y) for y in query.run(engine, "tahun_anggaran")["thang"])


def _monthly(engine, tahun: int, scope: Scope, filters: Filters) -> pd.DataFrame:
    frame = query.run(engine, "proyeksi_bulanan", scope=scope, filters=filters, tahun=tahun)
    return frame.assign(tahun=tahun)


def _history(engine, years: list[int], scope: Scope, filters: Filters) -> pd.DataFrame:
    parts = [_monthly(engine, y, scope, filters) for y in years]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=GRAIN + ["kdppk", "tahun", "bulan", "realisasi"])
    return pd.concat(parts, ignore_index=True)


def _current(grain: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    frame = grain.assign(nmunit=grain["nmunit"].fillna(""))
    return frame.groupby(keys, as_index=False)[["pagu", "blokir", "realisasi"]].sum()


def _rpd(engine, period: Period, scope: Scope, filters: Filters) -> pd.DataFrame:
    return query.run(engine, "proyeksi_rpd", scope=scope, filters=filters, tahun=period.tahun,
                     sampai=period.sampai)


def year_end_targets(engine: sa.Engine, tahun: int) -> dict[str, float]:
    return targets.month_targets(query.run(engine, "target_triwulan", tahun=tahun), 12)


def projections(engine: sa.Engine, period: Period, scope: Scope = EVERYTHING,
                filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """'baris' (satker x PPK x jenis belanja, with dasar and tahun_riwayat), 'total',
    'per_unit', 'per_jenis_belanja', 'per_satker' and 'per_ppk': pagu, blokir, realisasi, batas,
    proyeksi, proyeksi_bawah, proyeksi_atas (int64 rupiah) and persen, proyeksi_persen,
    proyeksi_bawah_persen, proyeksi_atas_persen and the year-end target_persen. Rows are
    projected (and capped at their own pagu net of blokir) at the PPK grain and summed, so every
    level adds up; the seasonal curve is the satker's (or coarser), the same for all its PPK."""
    grain = reports.budget_grain(engine, period, scope, filters)
    history = _history(engine, [y for y in _years(engine) if y < period.tahun], scope, filters)
    plan = _rpd(engine, period, scope, filters)
    goals = year_end_targets(engine, period.tahun)
    rows = projection.project(_current(grain, GRAIN + ["nmsatker", "kdppk"]), period.bulan, history, LEVELS,
                              plan, RPD_KEYS)
    result = {"baris": rows}
    result.update({name: projection.rollup(rows, keys, goals) for name, keys in ROLLUPS.items()})
    return result


def catch_up(engine: sa.Engine, period: Period, grain_name: str = "satker", scope: Scope = EVERYTHING,
             filters: Filters = NO_FILTER) -> pd.DataFrame:
    """Per satker (its KPA) or PPK: pagu, realisasi, persen (budget_summary's per_satker /
    per_ppk) and projection.catch_up's columns: the rupiah still to realize for the target
    quarter's target and the year-end target, per remaining month, the pace so far and whether
    the monthly amount is realistic (at most REALISTIC_PACE_FACTOR x pace); and the year-end
    projection (proyeksi, proyeksi_persen) with proyeksi_capai_target (projection.reaches)."""
    level = {"satker": ("per_satker", ["kdunit", "kdsatker"]), "ppk": ("per_ppk", ["kdunit", "kdsatker", "kdppk"])}
    name, keys = level[grain_name]
    grain = reports.budget_grain(engine, period, scope, filters)
    figures = reports.budget_summary(engine, period, scope, filters)[name]
    if figures.empty:
        return figures
    rows = query.run(engine, "target_triwulan", tahun=period.tahun)
    quarter = projection.target_quarter(period.bulan)
    need_q = status.needed_by_group(grain, targets.month_targets(rows, 3 * quarter), keys)
    need_y = status.needed_by_group(grain, targets.month_targets(rows, 12), keys)
    frame = figures.merge(need_q.rename(columns={"kebutuhan": "_q"}), on=keys, how="left").merge(
        need_y.rename(columns={"kebutuhan": "_y"}), on=keys, how="left")
    names = grain[["kdsatker", "nmsatker", "nmunit"]].drop_duplicates("kdsatker")
    frame = frame.merge(names, on="kdsatker", how="left")
    result = projection.catch_up(frame.drop(columns=["_q", "_y"]), period.bulan, frame["_q"], frame["_y"])
    projected = projections(engine, period, scope, filters)[name][keys + ["proyeksi", "proyeksi_persen"]]
    result = result.merge(projected, on=keys, how="left")
    result["proyeksi_capai_target"] = projection.reaches(result["proyeksi"], result["realisasi"],
                                                         result["kebutuhan_tahun"])
    return result.reset_index(drop=True)


def _per_jenis(grain: pd.DataFrame, keys: list[str], month_goals: dict[str, float]) -> pd.DataFrame:
    frame = grain.groupby(keys + ["jenis_belanja"], as_index=False)[["pagu", "realisasi"]].sum()
    frame = frame[frame["pagu"] > 0]
    frame["persen"] = 100.0 * frame["realisasi"].astype(float) / frame["pagu"].astype(float)
    frame["target_persen"] = frame["jenis_belanja"].map(month_goals)
    return frame.dropna(subset=["target_persen"])


def needs_attention(engine: sa.Engine, period: Period, scope: Scope = EVERYTHING, filters: Filters = NO_FILTER,
                    n: int | None = 20) -> pd.DataFrame:
    """The 'perlu perhatian' list (attention.needs_attention: projection, jenis belanja and IKPA
    band reasons) with nmunit, nmsatker added."""
    grain = reports.budget_grain(engine, period, scope, filters)
    if grain.empty:
        return attention.needs_attention({}, n=n)
    figures = projections(engine, period, scope, filters)
    goals = reports.month_targets(engine, period)
    context = {"proyeksi_satker": figures["per_satker"], "proyeksi_ppk": figures["per_ppk"],
               "jenis_satker": _per_jenis(grain, ["kdunit", "kdsatker"], goals),
               "jenis_ppk": _per_jenis(grain, ["kdunit", "kdsatker", "kdppk"], goals)}
    scored = ikpa_view.scores(engine, period, scope, filters)
    context.update(ikpa_satker=scored.satker, ikpa_batas_cukup=scored.rules.bands["cukup"])
    frame = attention.needs_attention(context, n=n)
    names = grain[["kdsatker", "nmsatker", "nmunit"]].drop_duplicates("kdsatker")
    return frame.merge(names, on="kdsatker", how="left")


def backtest(engine: sa.Engine, scope: Scope = EVERYTHING, filters: Filters = NO_FILTER,
             months: tuple[int, ...] = projection.QUARTER_ENDS) -> dict[str, pd.DataFrame]:
    """The back-test over the warehouse's years (projection.backtest) at the same grain and with
    the same curve levels as projections(): 'per_tahun' per year and quarter end, 'ringkasan'
    the mean absolute errors per quarter end. The plan used for a year is its RPD as last
    updated by December (it may have been revised after the quarter tested)."""
    years = _years(engine)
    history = _history(engine, years, scope, filters)
    pagu_parts, plan_parts = [], []
    for year in years:
        for month in (*months, 12):
            grain = reports.budget_grain(engine, Period(year, month), scope, filters)
            pagu_parts.append(_current(grain, GRAIN + ["kdppk"]).assign(tahun=year, bulan=month))
        plan_parts.append(_rpd(engine, Period(year, 12), scope, filters).assign(tahun=year))
    pagu_at = pd.concat(pagu_parts, ignore_index=True)
    plan = pd.concat(plan_parts, ignore_index=True)
    table = projection.backtest(history, pagu_at, LEVELS, ["kdsatker", "kdunit", "nmunit", "kdppk", "jenis_belanja"],
                                months, plan, RPD_KEYS)
    return {"per_tahun": table, "ringkasan": projection.backtest_summary(table)}
