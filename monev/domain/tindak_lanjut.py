"""Judging a Rakor's follow-ups against the data: met, on its way, or missed, with the figures.

A commitment is judged at a data position (the end of month `bulan` of its fiscal year) with the
figures of min(bulan, its due month): after its due month, what counts is what was realized by
then. Its pagu is the pagu in force at that month (a revision in between changes what a
percentage commitment asks for, as it changes the satker's own % on every page); realization is
cumulative from January. All in integer rupiah:

- persen: met when realisasi x 10.000 >= target% x 100 x pagu; the rupiah it asks for is
  ceil(target% x pagu);
- rupiah: met when realisasi >= the amount.

Status: 'tercapai' (met), else 'tidak tercapai' (missed) once the position has reached the due
month, else 'berjalan' (not yet due) with the rupiah still needed.
"""
from __future__ import annotations

import pandas as pd

MET, ON_ITS_WAY, MISSED = "tercapai", "berjalan", "tidak tercapai"
STATUSES = (MET, ON_ITS_WAY, MISSED)
RESULT_COLUMNS = ["dinilai_bulan", "pagu", "realisasi", "capaian_persen", "target_rupiah_setara", "kekurangan",
                  "status"]


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


def judge(commitments: pd.DataFrame, grains: dict[int, pd.DataFrame], bulan: int) -> pd.DataFrame:
    """Each commitment (rows of monev.appdb.tindak_lanjut.listed) judged at the end of month
    `bulan`: its columns and RESULT_COLUMNS. `grains` holds the budget grain
    (reports.budget_grain: kdsatker, kdppk, jenis_belanja, pagu, realisasi) of every month
    min(bulan, batas_bulan) the commitments need."""
    sums = {month: _sums(grain) for month, grain in grains.items()}
    results = []
    for c in commitments.itertuples(index=False):
        month = min(int(bulan), int(c.batas_bulan))
        pagu, realisasi = sums[month].get((c.kdsatker, c.kdppk or "", c.jenis_belanja or ""), (0, 0))
        if c.ukuran == "persen":
            code = int(c.target_persen_x100)
            goal = -((-code * pagu) // 10_000)  # ceil(target% x pagu), exact
        else:
            goal = int(c.target_rupiah)
        if realisasi >= goal and (c.ukuran != "persen" or pagu > 0):
            state = MET
        elif int(bulan) >= int(c.batas_bulan):
            state = MISSED
        else:
            state = ON_ITS_WAY
        share = 100.0 * realisasi / pagu if pagu else None
        results.append((month, pagu, realisasi, share, goal, max(0, goal - realisasi), state))
    result = pd.DataFrame(results, columns=RESULT_COLUMNS)
    result = result.astype({"dinilai_bulan": "int64", "pagu": "int64", "realisasi": "int64",
                            "capaian_persen": "float64", "target_rupiah_setara": "int64", "kekurangan": "int64"})
    return pd.concat([commitments.reset_index(drop=True), result], axis=1)
