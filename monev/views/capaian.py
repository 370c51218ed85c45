"""Data for the Capaian output page: RO rows from queries/capaian_ro.sql rolled up by
monev.domain.capaian to every level, plus the selection's total."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev.domain import capaian
from monev.reports import Period
from monev.warehouse import query
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope

LEVELS = list(capaian.LEVELS)


def ro_rows(engine: sa.Engine, period: Period, scope: Scope = EVERYTHING,
            filters: Filters = NO_FILTER) -> pd.DataFrame:
    rows = query.run(engine, "capaian_ro", scope=scope, filters=filters,
                     tahun=period.tahun, sampai=period.sampai)
    for column in ("pagu", "realisasi"):
        rows[column] = rows[column].astype("int64")
    return rows


def output_achievement(engine: sa.Engine, period: Period, scope: Scope = EVERYTHING,
                       filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """{'total': one row, 'ro' | 'kegiatan' | 'program' | 'unit': one row per group}."""
    rows = ro_rows(engine, period, scope, filters)
    result = {level: capaian.rollup(rows, level) for level in LEVELS}
    result["total"] = pd.DataFrame([capaian.total(rows)])
    return result


def chart_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the quadrant chart plots: those with both a physical and a financial figure."""
    return frame[frame["progres_fisik"].notna() & frame["persen_keuangan"].notna()].reset_index(drop=True)
