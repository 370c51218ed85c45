"""The budget figures every view builds on: the satker x PPK x jenis belanja grain of a period,
the month's targets, their summary per level, and what the warehouse says about itself. Pages,
exports and the CLI read them through the views (the overview: monev/views/ringkasan.py), so
they all report the same figures."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev.domain import summary, targets
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope


def month_targets(engine: sa.Engine, period: Period) -> dict[str, float]:
    rows = query.reference(engine, "target_triwulan", tahun=period.tahun)
    return targets.month_targets(rows, period.bulan)


def budget_grain(engine: sa.Engine, period: Period, *, scope: Scope,
                 filters: Filters = NO_FILTER) -> pd.DataFrame:
    return query.run(engine, "ringkasan_ppk", scope=scope, filters=filters,
                     tahun=period.tahun, sampai=period.sampai)


def budget_summary(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
                   levels: tuple[str, ...] | None = None) -> dict[str, pd.DataFrame]:
    """Total, per unit, per jenis belanja, per satker and per PPK, with the month's target %;
    with `levels` (names of summary.LEVELS), the total and those only: a national grain's per-PPK
    rollup costs more than the query when a page shows none of it."""
    grain = budget_grain(engine, period, scope=scope, filters=filters)
    if levels is None:
        return summary.summarize(grain, month_targets(engine, period))
    frame = summary.with_targets(grain, month_targets(engine, period))
    return {"total": summary.rollup(frame, []),
            **{name: summary.rollup(frame, summary.LEVELS[name]) for name in levels}}


def warehouse_info(engine: sa.Engine) -> dict[str, str]:
    rows = query.reference(engine, "info_gudang")
    return dict(zip(rows["key"], rows["value"]))


def is_sample(engine: sa.Engine) -> bool:
    return "sample_scale" in warehouse_info(engine)
