"""What pages and the CLI ask for: query results passed through the domain rules.

This is the one place that combines the query layer with domain logic, so every page, export
and the CLI report the same figures.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev.domain import status, summary, targets
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope


def month_targets(engine: sa.Engine, period: Period) -> dict[str, float]:
    rows = query.run(engine, "target_triwulan", tahun=period.tahun)
    return targets.month_targets(rows, period.bulan)


def budget_grain(engine: sa.Engine, period: Period, scope: Scope = EVERYTHING,
                 filters: Filters = NO_FILTER) -> pd.DataFrame:
    return query.run(engine, "ringkasan_ppk", scope=scope, filters=filters,
                     tahun=period.tahun, sampai=period.sampai)


def budget_summary(engine: sa.Engine, period: Period, scope: Scope = EVERYTHING,
                   filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """Total, per unit, per jenis belanja, per satker and per PPK, with the month's target %."""
    grain = budget_grain(engine, period, scope, filters)
    return summary.summarize(grain, month_targets(engine, period))


def warehouse_info(engine: sa.Engine) -> dict[str, str]:
    rows = query.run(engine, "info_gudang")
    return dict(zip(rows["key"], rows["value"]))


def is_sample(engine: sa.Engine) -> bool:
    return "sample_scale" in warehouse_info(engine)


# ---------------------------------------------------------------- the overview page (Ringkasan)

def _with_needed(frame: pd.DataFrame, grain: pd.DataFrame, goals: dict[str, float], keys: list[str]) -> pd.DataFrame:
    """`frame` (one row per group of `keys`) with `kebutuhan`: the rupiah still needed to reach the
    month's target, status.needed_by_group's one exact rule (integer ceiling, Int64, missing where
    no pagu carries a target), from the grain the figures were summed from."""
    needed = status.needed_by_group(grain, goals, keys)
    return frame.merge(needed, on=keys, how="left") if keys else frame.assign(kebutuhan=needed["kebutuhan"].array)


def _names(frame: pd.DataFrame, grain: pd.DataFrame, keys: list[str], names: list[str]) -> pd.DataFrame:
    lookup = grain[keys + names].drop_duplicates(keys)
    return frame.merge(lookup, on=keys, how="left")[keys + names + [c for c in frame if c not in keys]]


def behind_target(per_satker: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n satker furthest behind their target (target% - realization%, largest first);
    only satker that are behind."""
    frame = per_satker.copy()
    frame["selisih_persen"] = frame["target_persen"] - frame["persen"]
    frame = frame[frame["selisih_persen"] > 0]
    frame = frame.sort_values(["selisih_persen", "kdsatker"], ascending=[False, True]).head(n)
    return frame.reset_index(drop=True)


def quarter_target_amounts(per_jenis_belanja: pd.DataFrame, rows: pd.DataFrame | None) -> pd.Series:
    """Target % x pagu at each quarter end (index 3, 6, 9, 12), int64 rupiah: the year's quarter
    targets per jenis belanja applied to the pagu of that jenis belanja, summed exactly and rounded
    up as status.needed rounds the goal it sets."""
    quarters = targets.quarter_targets(rows)
    amounts = []
    for q in range(4):
        total = sum(int(r.pagu) * status.target_persen_times100(quarters[r.jenis_belanja][q])
                    for r in per_jenis_belanja.itertuples() if r.jenis_belanja in quarters)
        amounts.append(-(-total // 10_000))
    return pd.Series(amounts, index=[3, 6, 9, 12], dtype="int64")


def monthly_curve(engine: sa.Engine, period: Period, per_jenis_belanja: pd.DataFrame,
                  scope: Scope = EVERYTHING, filters: Filters = NO_FILTER) -> pd.DataFrame:
    """Per month: realization and RPD of the month and cumulative (realization only up to the
    period's month), and the quarterly target amount at quarter ends (Int64, missing elsewhere)."""
    frame = query.run(engine, "kurva_bulanan", scope=scope, filters=filters,
                      tahun=period.tahun, sampai=period.sampai)
    frame["realisasi"] = frame["realisasi"].astype("int64")
    frame["rpd"] = frame["rpd"].astype("int64")
    frame["realisasi_kumulatif"] = frame["realisasi"].cumsum().astype("Int64").where(frame["bulan"] <= period.bulan)
    frame["rpd_kumulatif"] = frame["rpd"].cumsum().astype("int64")
    steps = quarter_target_amounts(per_jenis_belanja, query.run(engine, "target_triwulan", tahun=period.tahun))
    frame["target"] = frame["bulan"].map(steps).astype("Int64")
    return frame[["bulan", "realisasi", "realisasi_kumulatif", "rpd", "rpd_kumulatif", "target"]]


HEADLINE_COLUMNS = ["tahun", "bulan", "pagu", "blokir", "realisasi", "persen", "target_persen", "kebutuhan"]


def _headline(period: Period, grain: pd.DataFrame, goals: dict[str, float]) -> pd.DataFrame:
    total = summary.summarize(grain, goals)["total"]
    return _with_needed(total, grain, goals, []).assign(tahun=period.tahun, bulan=period.bulan)


def overview(engine: sa.Engine, period: Period, scope: Scope = EVERYTHING,
             filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """Everything the overview page shows: 'headline' (the period, and the same month a year
    earlier when that year has data), 'kurva', 'per_unit', 'per_jenis_belanja' and
    'satker_tertinggal'; `kebutuhan` is the rupiah still needed to reach the month's target."""
    grain = budget_grain(engine, period, scope, filters)
    goals = month_targets(engine, period)
    figures = summary.summarize(grain, goals)
    heads = [_headline(period, grain, goals)]
    years = set(query.run(engine, "tahun_anggaran")["thang"].astype(int))
    if period.tahun - 1 in years:
        before = Period(period.tahun - 1, period.bulan)
        heads.append(_headline(before, budget_grain(engine, before, scope, filters),
                               month_targets(engine, before)))
    headline = pd.concat(heads, ignore_index=True)[HEADLINE_COLUMNS]
    per_satker = _names(figures["per_satker"], grain, ["kdsatker"], ["nmunit", "nmsatker"])
    return {
        "headline": headline,
        "kurva": monthly_curve(engine, period, figures["per_jenis_belanja"], scope, filters),
        "per_unit": _with_needed(_names(figures["per_unit"], grain, ["kdunit"], ["nmunit"]), grain, goals,
                                 ["kdunit"]),
        "per_jenis_belanja": _with_needed(figures["per_jenis_belanja"], grain, goals, ["jenis_belanja"]),
        "satker_tertinggal": _with_needed(behind_target(per_satker), grain, goals, ["kdunit", "kdsatker"])[
            ["kdunit", "nmunit", "kdsatker", "nmsatker", "pagu", "realisasi", "persen", "target_persen",
             "selisih_persen", "kebutuhan"]],
    }
