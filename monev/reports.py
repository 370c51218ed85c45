"""What pages and the CLI ask for: query results passed through the domain rules.

This is the one place that combines the query layer with domain logic, so every page, export
and the CLI report the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from monev.domain import summary, targets
from monev.warehouse import query
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope


@dataclass(frozen=True)
class Period:
    """A fiscal year and the month whose end the figures are 'as of' (s.d.)."""

    tahun: int
    bulan: int

    def __post_init__(self):
        if not 1 <= self.bulan <= 12:
            raise ValueError(f"Bulan harus 1 sampai 12, bukan {self.bulan}.")
        if not 2000 <= self.tahun <= 2100:
            raise ValueError(f"Tahun anggaran tidak masuk akal: {self.tahun}.")

    @property
    def sampai(self):
        return query.month_end(self.tahun, self.bulan)

    @classmethod
    def parse(cls, tahun: int, sampai: str) -> "Period":
        """From --tahun and --sampai YYYY-MM; the month must lie in the fiscal year."""
        try:
            year, month = (int(part) for part in sampai.split("-"))
        except ValueError:
            raise ValueError(f"--sampai harus berbentuk TTTT-BB (misalnya {tahun}-06), bukan '{sampai}'.") from None
        if year != tahun:
            raise ValueError(f"--sampai {sampai} tidak berada di tahun anggaran {tahun}.")
        return cls(tahun, month)


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
