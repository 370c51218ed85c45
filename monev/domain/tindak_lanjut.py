"""Judging a Rakor's follow-ups against the data: met, on its way, or missed, with the figures.

A commitment is judged at a data position (the end of month `bulan` of its fiscal year) with the
figures of min(bulan, its due month): after its due month, what counts is what was realized by
then. Its pagu is the pagu in force at that month (a revision in between changes what a
percentage commitment asks for, as it changes the satker's own % on every page); realization is
cumulative from January. All in integer rupiah:

- persen: met when realisasi x 10.000 >= target% x 100 x pagu; the rupiah it asks for is
  ceil(target% x pagu);
- rupiah: met when realisasi >= the amount;
- volume (an RO's output): the realized volume of the RO's latest output report (capaian) up to
  that month, as capaian_ro.sql takes it (no report yet: 0); met when it reaches the target
  volume, compared exactly in ten-thousandths (the warehouse keeps volumes as decimal(18,4)). Its
  rupiah columns stay empty, its volume columns hold the figures.

Status: 'tercapai' (met), else 'tidak tercapai' (missed) once the position has reached the due
month, else 'berjalan' (not yet due) with the rupiah (or volume) still needed.
"""
from __future__ import annotations

import pandas as pd

from monev.domain import status, summary

MET, ON_ITS_WAY, MISSED = "tercapai", "berjalan", "tidak tercapai"
STATUSES = (MET, ON_ITS_WAY, MISSED)
VOLUME_COLUMNS = ["target_volume", "realisasi_volume", "kekurangan_volume", "bulan_laporan"]
RESULT_COLUMNS = ["dinilai_bulan", "pagu", "realisasi", "capaian_persen", "target_rupiah_setara", "kekurangan",
                  *VOLUME_COLUMNS, "status"]


def ro_code(frame: pd.DataFrame) -> pd.Series:
    """'kdgiat.kdoutput.kdsoutput' of each row, as commitments name an RO."""
    return frame["kdgiat"].astype(str) + "." + frame["kdoutput"].astype(str) + "." + frame["kdsoutput"].astype(str)


def ro_problem(ros: pd.DataFrame, kdsatker: str, kode_ro: str) -> str | None:
    """Why `kode_ro` cannot be committed to by `kdsatker` (None: it can): `ros` are the RO the
    warehouse knows for the satker in scope (rows of queries/tindak_lanjut_ro.sql)."""
    mine = ros[ros["kdsatker"] == kdsatker]
    known = list(dict.fromkeys(ro_code(mine)))
    wanted = str(kode_ro).strip().upper()
    if wanted in known:
        return None
    listed = ", ".join(known[:12]) + (" ..." if len(known) > 12 else "")
    return (f"RO {kode_ro} tidak ada pada satker {kdsatker} di gudang data"
            + (f" (RO satker ini: {listed})." if known else " (satker ini belum memiliki RO di gudang data)."))


def _volumes(reports: pd.DataFrame | None) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(kdsatker, RO code) -> [(month, realized volume x 10.000)] of its reports, by month."""
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    if reports is None or reports.empty:
        return found
    rows = reports[reports["bulan"].notna()]
    for kdsatker, code, month, volume in zip(rows["kdsatker"], ro_code(rows), rows["bulan"], rows["real_vol_x10000"]):
        found.setdefault((kdsatker, code), []).append((int(month), int(volume)))
    return {k: sorted(v) for k, v in found.items()}


def realized_volume(reports: list[tuple[int, int]], month: int) -> tuple[int, int | None]:
    """(volume x 10.000, report month) of the latest report up to `month`; (0, None) without one."""
    latest = [r for r in reports if r[0] <= month]
    return (latest[-1][1], latest[-1][0]) if latest else (0, None)


def _sums(grain: pd.DataFrame) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(kdsatker, kdppk or '', jenis_belanja or '') -> (pagu, realisasi): every combination a
    commitment may name, summed once from the satker x PPK x jenis belanja grain."""
    sums: dict[tuple[str, str, str], list[int]] = {}
    for row in grain[["kdsatker", "kdppk", "jenis_belanja", "pagu", "realisasi"]].itertuples(index=False):
        for key in ((row.kdsatker, "", ""), (row.kdsatker, "", row.jenis_belanja),
                    (row.kdsatker, row.kdppk, ""), (row.kdsatker, row.kdppk, row.jenis_belanja)):
            pair = sums.setdefault(key, [0, 0])
            pair[0] += int(row.pagu)
            pair[1] += int(row.realisasi)
    return {k: (v[0], v[1]) for k, v in sums.items()}


def judge(commitments: pd.DataFrame, grains: dict[int, pd.DataFrame], bulan: int,
          reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each commitment (rows of monev.appdb.tindak_lanjut.listed) judged at the end of month
    `bulan`: its columns and RESULT_COLUMNS. `grains` holds the budget grain
    (reports.budget_grain: kdsatker, kdppk, jenis_belanja, pagu, realisasi) of every month
    min(bulan, batas_bulan) the realization commitments need; `reports` the RO output reports
    (queries/tindak_lanjut_ro.sql: kdsatker, kdgiat, kdoutput, kdsoutput, bulan, real_vol_x10000)
    up to at least that month, for the volume commitments."""
    sums = {month: _sums(grain) for month, grain in grains.items()}
    volumes = _volumes(reports)
    results = []
    for c in commitments.itertuples(index=False):
        month = min(int(bulan), int(c.batas_bulan))
        if c.ukuran == "volume":
            goal = int(c.target_volume_x10000)
            done, reported = realized_volume(volumes.get((c.kdsatker, c.kode_ro), []), month)
            met = done >= goal
            figures = (None, None, None, None, None, goal / 10_000, done / 10_000, max(0, goal - done) / 10_000,
                       reported)
        else:
            pagu, realisasi = sums[month].get((c.kdsatker, c.kdppk or "", c.jenis_belanja or ""), (0, 0))
            if c.ukuran == "persen":
                goal = -((-int(c.target_persen_x100) * pagu) // 10_000)  # ceil(target% x pagu), exact
            else:
                goal = int(c.target_rupiah)
            met = realisasi >= goal and (c.ukuran != "persen" or pagu > 0)
            share = summary.percent_of(realisasi, pagu)
            figures = (pagu, realisasi, share, goal, max(0, goal - realisasi), None, None, None, None)
        if met:
            state = MET
        elif int(bulan) >= int(c.batas_bulan):
            state = MISSED
        else:
            state = ON_ITS_WAY
        results.append((month, *figures, state))
    result = pd.DataFrame(results, columns=RESULT_COLUMNS)
    result = result.astype({"dinilai_bulan": "int64", "pagu": "Int64", "realisasi": "Int64",
                            "capaian_persen": "float64", "target_rupiah_setara": "Int64", "kekurangan": "Int64",
                            "target_volume": "float64", "realisasi_volume": "float64",
                            "kekurangan_volume": "float64", "bulan_laporan": "Int64"})
    return pd.concat([commitments.reset_index(drop=True), result], axis=1)


def first_month(dibuat_pada, tahun: int) -> int:
    """The first data position a commitment is judged at in its history: the month it was made,
    when made during its fiscal year; January when made before it (or recorded afterwards)."""
    made = pd.Timestamp(dibuat_pada)
    return int(made.month) if made.year == int(tahun) else 1


def quarter_target_x100(grain: pd.DataFrame, quarter_targets: dict[str, list[float]], quarter: int) -> int | None:
    """The quarter-end target of a satker or PPK (its rows of the budget grain) as one % of its
    pagu, times 100: the jenis belanja targets weighted by their pagu, over the pagu that carries
    a target (status.needed's rule), rounded up so a commitment at it asks at least the target.
    None when no pagu carries a target."""
    per_jenis = grain.groupby("jenis_belanja")["pagu"].sum()
    carried = {jb: int(p) for jb, p in per_jenis.items() if jb in quarter_targets and int(p) > 0}
    total = sum(carried.values())
    if not total:
        return None
    weighted = sum(p * status.target_persen_times100(quarter_targets[jb][quarter - 1]) for jb, p in carried.items())
    return -(-weighted // total)
