"""Data for the Capaian output page: kegiatan, program, unit and the selection's total rolled up
in SQL (queries/capaian_tingkat.sql) and finished by monev.domain.capaian; the RO level, one row
per RO (queries/capaian_ro.sql), only when the page shows it."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev.domain import capaian
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

LEVELS = list(capaian.LEVELS)


def ro_rows(engine: sa.Engine, period: Period, *, scope: Scope,
            filters: Filters = NO_FILTER) -> pd.DataFrame:
    rows = query.run(engine, "capaian_ro", scope=scope, filters=filters,
                     tahun=period.tahun, sampai=period.sampai)
    for column in ("pagu", "realisasi"):
        rows[column] = rows[column].astype("int64")
    return rows


def output_achievement(engine: sa.Engine, period: Period, *, scope: Scope,
                       filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """{'total': one row, 'kegiatan' | 'program' | 'unit': one row per group}."""
    sums = query.run(engine, "capaian_tingkat", scope=scope, filters=filters,
                     tahun=period.tahun, sampai=period.sampai)
    return capaian.levels(sums)


def ro_achievement(engine: sa.Engine, period: Period, *, scope: Scope,
                   filters: Filters = NO_FILTER) -> pd.DataFrame:
    """The RO level, one row per RO: a national warehouse has about 476.000, so it is asked for
    only when shown."""
    return capaian.per_ro(ro_rows(engine, period, scope=scope, filters=filters))


def chart_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the quadrant chart plots: those with both a physical and a financial figure."""
    return frame[frame["progres_fisik"].notna() & frame["persen_keuangan"].notna()].reset_index(drop=True)
