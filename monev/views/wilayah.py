"""Wilayah: pagu and realization per province (the kdlokasi of the satker) for the satker of the
chosen kewenangan (dekonsentrasi DK, tugas pembantuan TP, optionally kantor daerah KD).

Built on the same grain as every summary (reports.budget_grain), so the provinces add up to
reports.budget_summary for the same selection and kewenangan.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import summary
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

DEFAULT_KEWENANGAN = ("DK", "TP")
COLUMNS = ["kdlokasi", "nmlokasi", "jumlah_satker", "pagu", "blokir", "realisasi", "persen", "target_persen"]


def per_provinsi(engine: sa.Engine, period: Period, kewenangan=DEFAULT_KEWENANGAN,
                 *, scope: Scope, filters: Filters = NO_FILTER) -> pd.DataFrame:
    """One row per province: number of satker (of the kewenangan, with pagu or realization in the
    selection), pagu, blokir, realisasi (int64 rupiah), persen and the month's target % (pagu
    weighted over jenis belanja). The sidebar's kewenangan filter still applies: a kewenangan
    chosen here but not there gives no rows."""
    grain = reports.budget_grain(engine, period, scope=scope, filters=filters)
    grain = grain[grain["kewenangan"].isin(list(kewenangan))]
    if grain.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("jumlah_satker", "pagu", "blokir", "realisasi")
                                          else "float64" if c in ("persen", "target_persen") else "object")
                             for c in COLUMNS})
    rolled = summary.rollup(summary.with_targets(grain, reports.month_targets(engine, period)), ["kdlokasi"])
    counts = grain.groupby("kdlokasi")["kdsatker"].nunique().rename("jumlah_satker").astype("int64")
    names = query.run(engine, "wilayah_lokasi", scope=scope, filters=filters, tahun=period.tahun)
    frame = rolled.merge(counts.reset_index(), on="kdlokasi", how="left").merge(names, on="kdlokasi", how="left")
    frame["nmlokasi"] = frame["nmlokasi"].fillna(frame["kdlokasi"])
    return frame[COLUMNS].sort_values("kdlokasi").reset_index(drop=True)


def total(frame: pd.DataFrame) -> dict:
    """The provinces' sum: pagu, blokir, realisasi (int) and persen (None without pagu)."""
    sums = {c: int(frame[c].sum()) for c in ("jumlah_satker", "pagu", "blokir", "realisasi")}
    sums["persen"] = summary.percent_of(sums["realisasi"], sums["pagu"])
    return sums
