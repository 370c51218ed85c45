"""The overview page (Ringkasan): headline figures of the period and of the same month a year
earlier, the cumulative curve against the RPD and the quarter targets, realization per unit and
per jenis belanja, and the satker furthest behind their target, with the rupiah each still needs."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import status, summary, targets
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope


def _with_needed(frame: pd.DataFrame, grain: pd.DataFrame, goals: dict[str, float], keys: list[str]) -> pd.DataFrame:
    """`frame` (one row per group of `keys`) with `kebutuhan`: the rupiah still needed to reach the
    month's target, status.needed_by_group's one exact rule (integer ceiling, Int64, missing where
    no pagu carries a target), from the grain the figures were summed from (or that grain's pagu
    and realisasi already summed per finer keys: the rule sums integers, so the result is the same)."""
    needed = status.needed_by_group(grain, goals, keys)
    return frame.merge(needed, on=keys, how="left") if keys else frame.assign(kebutuhan=needed["kebutuhan"].array)


def _names(frame: pd.DataFrame, lookup: pd.DataFrame, keys: list[str], names: list[str]) -> pd.DataFrame:
    lookup = lookup[keys + names].drop_duplicates(keys)
    return frame.merge(lookup, on=keys, how="left")[keys + names + [c for c in frame if c not in keys]]


def _grain(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters) -> pd.DataFrame:
    """reports.budget_grain's rows without names, kewenangan or location (ringkasan_ppk_kode.sql):
    the page shows names for its units and ten satker only (ringkasan_nama.sql)."""
    return query.run(engine, "ringkasan_ppk_kode", scope=scope, filters=filters,
                     tahun=period.tahun, sampai=period.sampai)


def monthly_curve(engine: sa.Engine, period: Period, per_jenis_belanja: pd.DataFrame, *,
                  scope: Scope, filters: Filters = NO_FILTER, target_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per month: realization and RPD of the month and cumulative (realization only up to the
    period's month), and the quarterly target amount at quarter ends (Int64, missing elsewhere).
    The RPD is a satker's plan: missing (no line drawn) for a scope of PPK only. `target_rows`: the
    year's rows of target_triwulan when the caller has read them already."""
    frame = query.run(engine, "kurva_bulanan", scope=scope, filters=filters,
                      tahun=period.tahun, sampai=period.sampai)
    frame["realisasi"] = frame["realisasi"].astype("int64")
    frame["rpd"] = frame["rpd"].astype("int64")
    frame["realisasi_kumulatif"] = frame["realisasi"].cumsum().astype("Int64").where(frame["bulan"] <= period.bulan)
    frame["rpd_kumulatif"] = frame["rpd"].cumsum().astype("int64")
    if not scope.whole_satker:
        for column in ("rpd", "rpd_kumulatif"):
            frame[column] = pd.array([pd.NA] * len(frame), dtype="Int64")
    if target_rows is None:
        target_rows = query.reference(engine, "target_triwulan", tahun=period.tahun)
    steps = targets.quarter_target_amounts(per_jenis_belanja, target_rows)
    frame["target"] = frame["bulan"].map(steps).astype("Int64")
    return frame[["bulan", "realisasi", "realisasi_kumulatif", "rpd", "rpd_kumulatif", "target"]]


HEADLINE_COLUMNS = ["tahun", "bulan", "pagu", "blokir", "realisasi", "persen", "target_persen", "kebutuhan"]


def _headline(period: Period, grain: pd.DataFrame, goals: dict[str, float],
              total: pd.DataFrame | None = None) -> pd.DataFrame:
    if total is None:
        total = summary.rollup(summary.with_targets(grain, goals), [])
    return _with_needed(total, grain, goals, []).assign(tahun=period.tahun, bulan=period.bulan)


# the rollups the overview shows (summary.summarize's, without the per-PPK one it does not show)
SHOWN_LEVELS = ("per_unit", "per_jenis_belanja", "per_satker")


def overview(engine: sa.Engine, period: Period, *, scope: Scope,
             filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """Everything the overview page shows: 'headline' (the period, and the same month a year
    earlier when that year has data), 'kurva', 'per_unit', 'per_jenis_belanja' and
    'satker_tertinggal'; `kebutuhan` is the rupiah still needed to reach the month's target."""
    grain = _grain(engine, period, scope=scope, filters=filters)
    target_rows = query.reference(engine, "target_triwulan", tahun=period.tahun)
    goals = targets.month_targets(target_rows, period.bulan)
    frame = summary.with_targets(grain, goals)
    figures = {name: summary.rollup(frame, summary.LEVELS[name]) for name in SHOWN_LEVELS}
    # the rupiah needed per unit, per jenis belanja and in all from one grouping of the grain's
    # 90.000 national rows instead of three
    per_unit_jenis = grain.groupby(["kdunit", "jenis_belanja"], sort=True, as_index=False)[["pagu", "realisasi"]].sum()
    heads = [_headline(period, per_unit_jenis, goals, summary.rollup(frame, []))]
    years = set(query.run(engine, "tahun_anggaran", scope=scope)["thang"].astype(int))
    if period.tahun - 1 in years:
        before = Period(period.tahun - 1, period.bulan)
        heads.append(_headline(before, _grain(engine, before, scope=scope, filters=filters),
                               reports.month_targets(engine, before)))
    headline = pd.concat(heads, ignore_index=True)[HEADLINE_COLUMNS]
    names = query.run(engine, "ringkasan_nama", scope=scope, filters=filters, tahun=period.tahun)
    # names and the rupiah needed for the ten satker shown only, not the 24.000 of a national grain
    tertinggal = _names(status.behind_target(figures["per_satker"]), names, ["kdsatker"], ["nmunit", "nmsatker"])
    of_shown = grain[grain["kdsatker"].isin(tertinggal["kdsatker"])]
    return {
        "headline": headline,
        "kurva": monthly_curve(engine, period, figures["per_jenis_belanja"], scope=scope, filters=filters,
                               target_rows=target_rows),
        "per_unit": _with_needed(_names(figures["per_unit"], names, ["kdunit"], ["nmunit"]), per_unit_jenis, goals,
                                 ["kdunit"]),
        "per_jenis_belanja": _with_needed(figures["per_jenis_belanja"], per_unit_jenis, goals, ["jenis_belanja"]),
        "satker_tertinggal": _with_needed(tertinggal, of_shown, goals, ["kdunit", "kdsatker"])[
            ["kdunit", "nmunit", "kdsatker", "nmsatker", "pagu", "realisasi", "persen", "target_persen",
             "selisih_persen", "kebutuhan"]],
    }
