"""Data for the Rencana vs realisasi page (Halaman III DIPA): the plan in force and the
realization per jenis belanja and month (queries/rpd_bulanan.sql) with the deviations of
monev.domain.rpd, weighted by the pagu of reports.budget_summary for the same selection."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import rpd
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

TABLE_COLUMNS = ["bulan", "jenis_belanja", "rpd", "realisasi", "selisih", "deviasi_persen", "dalam_toleransi",
                 "rpd_kumulatif", "realisasi_kumulatif"]


def plan_vs_realization(engine: sa.Engine, period: Period, *, scope: Scope,
                        filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """{'per_jenis_belanja': jenis belanja x month 1..12, 'per_bulan': month 1..12 over the
    jenis belanja (with the ±5% band), 'tabel': the months up to the period, month by month and
    jenis belanja, 'total': budget_summary's total}. Empty frames when there is nothing."""
    rows = query.run(engine, "rpd_bulanan", scope=scope, filters=filters,
                     tahun=period.tahun, sampai=period.sampai)
    summary = reports.budget_summary(engine, period, scope=scope, filters=filters, levels=("per_jenis_belanja",))
    if rows.empty:
        empty = pd.DataFrame()
        return {"per_jenis_belanja": empty, "per_bulan": empty, "tabel": empty, "total": summary["total"]}
    by_jenis = summary["per_jenis_belanja"]
    pagu = dict(zip(by_jenis["jenis_belanja"], by_jenis["pagu"].astype("int64")))
    per_jenis = rpd.monthly(rows, period.bulan)
    per_bulan = rpd.totals(per_jenis, pagu, period.bulan)
    table = per_jenis[per_jenis["bulan"] <= period.bulan].sort_values(["bulan", "jenis_belanja"])
    return {"per_jenis_belanja": per_jenis, "per_bulan": per_bulan,
            "tabel": table[TABLE_COLUMNS].reset_index(drop=True), "total": summary["total"]}
