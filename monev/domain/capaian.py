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
    mean = np.exp(grouped["_log"] / grouped["_n"].where(grouped["_n"] > 0))
    grouped[column] = mean.where(~grouped["_zero"], 0.0)
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


def _achievement(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    keys = LEVELS[level]
    if level == "unit":  # unit = geometric mean of its programs' achievements
        programs = geometric_by(frame, ["kdunit", "kdprogram"], "rasio")
        return geometric_by(programs, keys, "rasio")
    return geometric_by(frame, keys, "rasio")


def _weighted_fisik(part: pd.DataFrame) -> float:
    reported = part[part["progres_fisik"].notna()]
    if reported.empty:
        return math.nan
    weights = reported["pagu"].astype(float)
    if weights.sum() <= 0:
        return float(reported["progres_fisik"].astype(float).mean())
    return float((reported["progres_fisik"].astype(float) * weights).sum() / weights.sum())


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    frame["pagu"] = frame["pagu"].astype("int64")
    frame["realisasi"] = frame["realisasi"].astype("int64")
    pagu = frame["pagu"].astype(float)
    frame["persen_keuangan"] = (100.0 * frame["realisasi"].astype(float) / pagu).where(pagu != 0)
    frame["capaian_persen"] = 100.0 * frame["rasio"]
    frame["selisih_fisik_keuangan"] = frame["progres_fisik"] - frame["persen_keuangan"]
    frame["posisi"] = position(frame["progres_fisik"], frame["persen_keuangan"])
    return frame.drop(columns=["rasio"])


def rollup(ro: pd.DataFrame, level: str) -> pd.DataFrame:
    """Achievement, physical and financial progress at a level ('ro', 'kegiatan', 'program',
    'unit'), one row per group, sorted by its codes."""
    frame = with_ratios(ro)
    keys = LEVELS[level]
    names = [n for n in NAMES[level] if n in frame and n not in keys]
    fisik = frame["progres_fisik"].astype(float)
    frame["_fisik_x_pagu"] = (fisik * frame["pagu"].astype(float)).where(frame["dilaporkan"], 0.0)
    frame["_pagu_dilaporkan"] = frame["pagu"].astype(float).where(frame["dilaporkan"], 0.0)
    frame["_fisik"] = fisik.fillna(0.0)
    frame["_nol"] = frame["rasio"] == 0
    grouped = frame.groupby(keys, sort=True, dropna=False)
    result = grouped.agg(
        **{n: (n, "first") for n in names},
        jumlah_ro=("kdsatker", "size"), jumlah_ro_dilaporkan=("dilaporkan", "sum"),
        jumlah_ro_nol=("_nol", "sum"), pagu=("pagu", "sum"), realisasi=("realisasi", "sum"),
        _fisik_x_pagu=("_fisik_x_pagu", "sum"), _pagu_dilaporkan=("_pagu_dilaporkan", "sum"),
        _fisik=("_fisik", "sum"),
    ).reset_index()
    reported = result["jumlah_ro_dilaporkan"].astype(float)
    weighted = result["_fisik_x_pagu"] / result["_pagu_dilaporkan"].where(result["_pagu_dilaporkan"] > 0)
    plain = result["_fisik"] / reported.where(reported > 0)
    result["progres_fisik"] = weighted.where(result["_pagu_dilaporkan"] > 0, plain)
    result = result.drop(columns=["_fisik_x_pagu", "_pagu_dilaporkan", "_fisik"])
    for column in ("jumlah_ro", "jumlah_ro_dilaporkan", "jumlah_ro_nol"):
        result[column] = result[column].astype("int64")
    if level == "ro":
        extra = frame[keys + ["bulan_capaian", "target_vol", "real_vol", "rasio"]]
        result = result.merge(extra, on=keys, how="left")
        result["bulan_capaian"] = result["bulan_capaian"].astype("Int64")
    else:
        result = result.merge(_achievement(frame, level), on=keys, how="left")
    return _finish(result)


def total(ro: pd.DataFrame) -> dict:
    """The whole selection: achievement = geometric mean of the units', pagu-weighted physical
    progress, realization / pagu."""
    frame = with_ratios(ro)
    units = _achievement(frame, "unit") if not frame.empty else pd.DataFrame({"rasio": []})
    pagu, realisasi = int(frame["pagu"].sum()), int(frame["realisasi"].sum())
    return {
        "pagu": pagu, "realisasi": realisasi,
        "persen_keuangan": 100.0 * realisasi / pagu if pagu else math.nan,
        "progres_fisik": _weighted_fisik(frame) if not frame.empty else math.nan,
        "capaian_persen": 100.0 * geometric_mean(units["rasio"]),
        "jumlah_ro": len(frame), "jumlah_ro_dilaporkan": int(frame["dilaporkan"].sum()),
    }
