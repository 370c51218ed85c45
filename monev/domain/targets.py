"""Absorption targets: quarter-end percentages per jenis belanja, and the target for any month.

Targets are data (table ref_target, loaded per fiscal year); the defaults below, from
PER-5/PB/2024, fill any jenis belanja or quarter a year does not define.
"""
from __future__ import annotations

import pandas as pd

from monev.domain import status

DEFAULT_TARGETS: dict[str, tuple[float, float, float, float]] = {
    "51": (20.0, 50.0, 75.0, 95.0),  # pegawai
    "52": (15.0, 50.0, 70.0, 90.0),  # barang
    "53": (10.0, 40.0, 70.0, 90.0),  # modal
    "57": (25.0, 50.0, 75.0, 95.0),  # bantuan sosial
}


def quarter_targets(rows: pd.DataFrame | None = None) -> dict[str, list[float]]:
    """Quarter-end targets per jenis belanja: the year's rows over the defaults."""
    table = {jb: list(values) for jb, values in DEFAULT_TARGETS.items()}
    if rows is not None:
        for row in rows.itertuples(index=False):
            table.setdefault(row.jenis_belanja, [None] * 4)[int(row.triwulan) - 1] = float(row.target_persen)
    return {jb: values for jb, values in table.items() if None not in values}


def month_target(quarters: list[float], bulan: int) -> float:
    """Target % at the end of a month: linear inside each quarter, from 0 at the start of the year."""
    quarter = (bulan - 1) // 3 + 1
    start = quarters[quarter - 2] if quarter > 1 else 0.0
    end = quarters[quarter - 1]
    return start + (end - start) * (bulan - 3 * (quarter - 1)) / 3


def month_targets(rows: pd.DataFrame | None, bulan: int) -> dict[str, float]:
    return {jb: month_target(q, bulan) for jb, q in quarter_targets(rows).items()}


def quarter_target_amounts(per_jenis_belanja: pd.DataFrame, rows: pd.DataFrame | None) -> pd.Series:
    """Target % x pagu at each quarter end (index 3, 6, 9, 12), int64 rupiah: the year's quarter
    targets per jenis belanja applied to the pagu of that jenis belanja, summed exactly and rounded
    up as status.needed rounds the goal it sets."""
    quarters = quarter_targets(rows)
    amounts = []
    for q in range(4):
        total = sum(int(r.pagu) * status.target_persen_times100(quarters[r.jenis_belanja][q])
                    for r in per_jenis_belanja.itertuples() if r.jenis_belanja in quarters)
        amounts.append(-(-total // 10_000))
    return pd.Series(amounts, index=[3, 6, 9, 12], dtype="int64")
