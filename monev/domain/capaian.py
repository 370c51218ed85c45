"""Output achievement (capaian output) and physical against financial progress, per RO and rolled
up to kegiatan, program, echelon I unit and the whole selection.

Choices (documented here because the regulations leave room):

- **RO achievement** = real_vol / target_vol of the RO's latest capaian report up to the month,
  **capped at 1 (100%)**: the IKPA Capaian Output indicator caps achievement at 100, and without
  the cap one over-delivered RO would hide another's shortfall in the mean. An RO with
  target_vol 0 or no report yet has no ratio and is left out of the means (it is counted in
  `jumlah_ro` but not in `jumlah_ro_dilaporkan`).
- **Aggregation of achievement** follows PMK 22/2021: the geometric mean of the ratios. An
  output's is the geometric mean of its indicators' (here one volume per RO); a kegiatan's and a
  program's are the geometric means of their RO; a unit's is the geometric mean of its programs'
  (program within the unit); the selection's is the geometric mean of its units'. Worked example
  of the regulation: output 1a 5/5, 9/10 -> 94,87%; 1b 2/3, 4/6, 5/5 -> 76,31%; program 1 85,09%;
  with program 2 at 100% the unit is 92,24% (tests/test_page_capaian.py checks exactly this).
  A zero ratio makes the geometric mean zero, as the formula does; `jumlah_ro_nol` shows how
  many RO delivered nothing so such a 0% is explained.
- **Physical progress** of a group = the pagu-weighted mean of progres_fisik over its RO with a
  report (the plain mean when their pagu sums to 0).
- **Financial progress** of a group = realization / pagu in force over all its RO, so pagu and
  realization add up to the budget summary of the same selection.
- **Position** against the diagonal: physical − financial (percentage points) above
  +GAP_POINTS is "terwujud, belum dibayar" (delivered, not paid), below −GAP_POINTS "dibayar,
  belum terwujud" (spent, not delivered), otherwise "sejalan" (in line). GAP_POINTS is a
  presentational default, not a regulation.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from monev.domain import summary

GAP_POINTS = 10.0
CAP = 1.0

RO_KEYS = ["kdunit", "kdsatker", "kdgiat", "kdoutput", "kdsoutput"]
LEVELS: dict[str, list[str]] = {
    "ro": RO_KEYS,
    "kegiatan": ["kdprogram", "kdgiat"],
    "program": ["kdprogram"],
    "unit": ["kdunit"],
}
NAMES: dict[str, list[str]] = {
    "ro": ["nmunit", "nmsatker", "kdprogram", "nmgiat", "nmro", "satuan"],
    "kegiatan": ["nmprogram", "nmgiat"],
    "program": ["nmprogram"],
    "unit": ["nmunit"],
}
POSITIONS = ("dibayar_belum_terwujud", "sejalan", "terwujud_belum_dibayar")


def ratio(real_vol: pd.Series, target_vol: pd.Series, cap: float | None = CAP) -> pd.Series:
    """real / target per RO (NaN where the target is 0 or missing), capped at `cap`."""
    target = target_vol.astype(float)
    value = (real_vol.astype(float) / target).where(target > 0)
    return value.clip(upper=cap) if cap is not None else value


def geometric_mean(values, cap: float | None = CAP) -> float:
    """Geometric mean of ratios, NaN skipped; 0 if any ratio is 0; NaN if none is left."""
    array = np.asarray([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    if array.size == 0:
        return math.nan
    if cap is not None:
        array = np.minimum(array, cap)
    if (array <= 0).any():
        return 0.0
    return float(np.exp(np.log(array).mean()))


def geometric_from_sums(log_sum: pd.Series, n: pd.Series, zero: pd.Series) -> pd.Series:
    """Geometric means from their parts, by the rules of geometric_mean: the sum of ln(ratio)
    over the positive ratios (missing = none), how many ratios there are, and whether one is 0."""
    count = n.astype(float)
    mean = np.exp(log_sum.astype(float).fillna(0.0) / count.where(count > 0))
    return mean.where(~zero.astype(bool), 0.0)


def geometric_by(frame: pd.DataFrame, keys: list[str], column: str, cap: float | None = CAP) -> pd.DataFrame:
    """One row per group of `keys` with the geometric mean of `column` (a ratio, 1 = 100%), by the
    rules of geometric_mean, in one vectorised groupby (a loop per group took seconds for the
    tens of thousands of RO of a national warehouse)."""
    values = frame[column].astype(float)
    if cap is not None:
        values = values.clip(upper=cap)
    work = frame[keys].copy()
    work["_log"] = np.log(values.where(values > 0))
    work["_zero"] = values.notna() & (values <= 0)
    work["_n"] = values.notna()
    grouped = work.groupby(keys, sort=True, dropna=False).agg(
        _log=("_log", "sum"), _zero=("_zero", "any"), _n=("_n", "sum")).reset_index()
    grouped[column] = geometric_from_sums(grouped["_log"], grouped["_n"], grouped["_zero"])
    return grouped[[*keys, column]]


def position(fisik: pd.Series, keuangan: pd.Series, points: float = GAP_POINTS) -> pd.Series:
    gap = fisik.astype(float) - keuangan.astype(float)
    result = pd.Series(pd.NA, index=gap.index, dtype="object")
    result[gap > points] = "terwujud_belum_dibayar"
    result[gap < -points] = "dibayar_belum_terwujud"
    result[(gap >= -points) & (gap <= points)] = "sejalan"
    return result


def with_ratios(ro: pd.DataFrame) -> pd.DataFrame:
    """The RO rows with their capped achievement ratio."""
    frame = ro.copy()
    frame["rasio"] = ratio(frame["real_vol"], frame["target_vol"])
    frame["dilaporkan"] = frame["progres_fisik"].notna()
    return frame


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    frame["pagu"] = frame["pagu"].astype("int64")
    frame["realisasi"] = frame["realisasi"].astype("int64")
    frame["persen_keuangan"] = summary.percent(frame["realisasi"], frame["pagu"])
    frame["capaian_persen"] = 100.0 * frame["rasio"]
    frame["selisih_fisik_keuangan"] = frame["progres_fisik"] - frame["persen_keuangan"]
    frame["posisi"] = position(frame["progres_fisik"], frame["persen_keuangan"])
    return frame.drop(columns=["rasio"])


def per_ro(ro: pd.DataFrame) -> pd.DataFrame:
    """The RO level: each RO of queries/capaian_ro.sql (one row per RO, in its order) with its
    achievement, physical and financial progress, as the other levels have them."""
    frame = with_ratios(ro)
    names = [n for n in NAMES["ro"] if n in frame and n not in RO_KEYS]
    result = frame[RO_KEYS + names].copy()
    result["jumlah_ro"] = np.ones(len(frame), dtype="int64")
    result["jumlah_ro_dilaporkan"] = frame["dilaporkan"].astype("int64")
    result["jumlah_ro_nol"] = (frame["rasio"] == 0).astype("int64")
    result["pagu"] = frame["pagu"]
    result["realisasi"] = frame["realisasi"]
    result["progres_fisik"] = frame["progres_fisik"].astype(float)
    result["bulan_capaian"] = frame["bulan_capaian"].astype("Int64")
    for column in ("target_vol", "real_vol", "rasio"):
        result[column] = frame[column]
    return _finish(result.reset_index(drop=True))


SUM_LEVELS = ("kegiatan", "program", "unit")


def _progress(sums: pd.DataFrame) -> pd.Series:
    """Physical progress from the sums: pagu-weighted over the RO with a report, the plain mean
    when their pagu sums to 0, missing without a report."""
    weight = sums["pagu_dilaporkan"].astype(float)
    reported = sums["jumlah_ro_dilaporkan"].astype(float)
    weighted = sums["fisik_x_pagu"].astype(float) / weight.where(weight > 0)
    plain = sums["fisik"].astype(float) / reported.where(reported > 0)
    return weighted.where(weight > 0, plain)


def levels(sums: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """From the rows of queries/capaian_tingkat.sql: 'kegiatan', 'program', 'unit' (one row per
    group, sorted by its codes) and 'total' (one row). A unit's achievement is the geometric mean
    of its programs', the total's that of its units'."""
    sums = sums.assign(rasio=geometric_from_sums(sums["log_rasio"], sums["jumlah_rasio"], sums["ada_nol"]),
                       progres_fisik=_progress(sums))
    counts = ["jumlah_ro", "jumlah_ro_dilaporkan", "jumlah_ro_nol"]
    programs = sums[sums["tingkat"] == "unit_program"]
    units = geometric_by(programs, ["kdunit"], "rasio")
    result = {}
    for level in SUM_LEVELS:
        keys = LEVELS[level]
        frame = sums[sums["tingkat"] == level]
        if level == "unit":
            frame = frame.drop(columns="rasio").merge(units, on=keys, how="left")
        frame = frame[keys + NAMES[level] + counts + ["pagu", "realisasi", "progres_fisik", "rasio"]]
        frame = frame.sort_values(keys, na_position="last", kind="stable").reset_index(drop=True)
        result[level] = _finish(frame.astype({c: "int64" for c in counts}))
    [row] = sums[sums["tingkat"] == "total"].to_dict("records")
    pagu, realisasi = int(row["pagu"]), int(row["realisasi"])
    total = pd.DataFrame([{
        "pagu": pagu, "realisasi": realisasi,
        "progres_fisik": float(row["progres_fisik"]),
        "capaian_persen": 100.0 * geometric_mean(units["rasio"]),
        "jumlah_ro": int(row["jumlah_ro"]), "jumlah_ro_dilaporkan": int(row["jumlah_ro_dilaporkan"]),
    }])
    total.insert(2, "persen_keuangan", summary.percent(total["realisasi"], total["pagu"]))
    result["total"] = total
    return result
