"""IKPA (Indikator Kinerja Pelaksanaan Anggaran, PER-5/PB/2024): the indicators the warehouse
can compute, the weighted total, the dispensasi deduction, the band and the aggregation.

Pure functions on DataFrames with a `kdsatker` column, so a whole selection is scored at once.
The rules (weights, bands, revision codes, tolerance, revision period) come from
monev.domain.ikpa_rules; the absorption targets from monev.domain.targets; the Halaman III
deviation from monev.domain.rpd; the output achievement from monev.domain.capaian. docs/ikpa.md
explains every formula; choices marked *unverified* are assumptions, not the regulation's text:

- Deviasi Halaman III score: 100 when the mean deviation is at most the tolerance (5%), above
  it 100 - deviation (floor 0) *(unverified)*.
- Revisi DIPA score per period: 100 with at most REVISI_MAKS counted revisions, else
  NILAI_REVISI_LEBIH (50) *(unverified)*; the indicator is the mean over the periods begun.
- Capaian Output: the geometric mean of the satker's RO achievements, each capped at 100%
  (monev.domain.capaian, PMK 22/2021) *(unverified as the IKPA formula)*.
- Dispensasi SPM: its value is taken as the points deducted from the total *(unverified)*.
- Unit and ministry: pagu-weighted means of the satker values *(unverified)*.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from monev.domain import capaian, rpd
from monev.domain.ikpa_rules import BAND_NAMES, INDICATORS, Rules

CAP = 100.0


# ---------------------------------------------------------------- Penyerapan Anggaran

def absorption_detail(rows: pd.DataFrame, quarter_targets: dict[str, list[float]]) -> pd.DataFrame:
    """Per satker, quarter and jenis belanja (rows: kdsatker, triwulan, jenis_belanja, pagu,
    blokir in force at the quarter's end, realisasi cumulative to it): pagu_netto, realisasi_persen,
    target_persen and PA = min(100, realisasi% / target% x 100). Only jenis belanja with
    pagu_netto > 0 and a target above 0 are kept (the others carry no weight)."""
    frame = rows.copy()
    frame["triwulan"] = frame["triwulan"].astype("int64")
    for column in ("pagu", "blokir", "realisasi"):
        frame[column] = frame[column].astype("int64")
    frame["pagu_netto"] = frame["pagu"] - frame["blokir"]
    frame["target_persen"] = [
        quarter_targets[j][q - 1] if j in quarter_targets else math.nan
        for j, q in zip(frame["jenis_belanja"], frame["triwulan"])]
    frame = frame[(frame["pagu_netto"] > 0) & (frame["target_persen"] > 0)].copy()
    frame["realisasi_persen"] = 100.0 * frame["realisasi"].astype(float) / frame["pagu_netto"].astype(float)
    frame["pa"] = (frame["realisasi_persen"] / frame["target_persen"] * 100.0).clip(upper=CAP)
    return frame.sort_values(["kdsatker", "triwulan", "jenis_belanja"]).reset_index(drop=True)


def absorption_quarters(detail: pd.DataFrame) -> pd.DataFrame:
    """Per satker and quarter: the pagu_netto-weighted mean of PA over the jenis belanja."""
    if detail.empty:
        return pd.DataFrame(columns=["kdsatker", "triwulan", "pagu_netto", "nilai"])
    weighted = detail.assign(_px=detail["pa"] * detail["pagu_netto"].astype(float))
    result = weighted.groupby(["kdsatker", "triwulan"], as_index=False).agg(
        pagu_netto=("pagu_netto", "sum"), _px=("_px", "sum"))
    result["nilai"] = result["_px"] / result["pagu_netto"].astype(float)
    return result.drop(columns="_px")


def absorption(quarters: pd.DataFrame) -> pd.Series:
    """Per satker: the mean of the quarterly values (of the quarters given: those ended)."""
    return quarters.groupby("kdsatker")["nilai"].mean()


# ---------------------------------------------------------------- Deviasi Halaman III DIPA

def deviation_months(rows: pd.DataFrame, pagu: pd.DataFrame, bulan: int, rules: Rules) -> pd.DataFrame:
    """Per satker and month 1..bulan assessed: the month's deviation (%), from rows (kdsatker,
    jenis_belanja, bulan, rpd, realisasi: that month's amounts) with monev.domain.rpd's dev(j,m)
    (deviation_percent), averaged over the jenis belanja assessed as rpd.month_deviation does
    (weighted by pagu: kdsatker, jenis_belanja, pagu; the plain mean where those weights sum to
    0), here for every satker at once; unweighted when the rules say so (before 2024)."""
    frame = rows[rows["bulan"].astype("int64") <= bulan].copy()
    frame["bulan"] = frame["bulan"].astype("int64")
    frame["dev"] = rpd.deviation_percent(frame["rpd"], frame["realisasi"])
    frame = frame[frame["dev"].notna()]
    if frame.empty:
        return pd.DataFrame(columns=["kdsatker", "bulan", "deviasi_persen"])
    if rules.deviation_pagu_weighted:
        weights = pagu.groupby(["kdsatker", "jenis_belanja"])["pagu"].sum().astype(float)
        frame = frame.merge(weights.rename("w").reset_index(), on=["kdsatker", "jenis_belanja"], how="left")
        frame["w"] = frame["w"].fillna(0.0)
    else:
        frame["w"] = 0.0
    frame["dw"] = frame["dev"] * frame["w"]
    months = frame.groupby(["kdsatker", "bulan"], as_index=False).agg(dw=("dw", "sum"), w=("w", "sum"),
                                                                       plain=("dev", "mean"))
    months["deviasi_persen"] = (months["dw"] / months["w"]).where(months["w"] > 0, months["plain"])
    return months[["kdsatker", "bulan", "deviasi_persen"]].sort_values(["kdsatker", "bulan"]).reset_index(drop=True)


def deviation_score(deviation: float, tolerance: float) -> float:
    """100 at or below the tolerance; above it 100 - deviation, not below 0 *(unverified)*."""
    if deviation is None or math.isnan(deviation):
        return math.nan
    return CAP if deviation <= tolerance else max(0.0, CAP - deviation)


def deviation(months: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Per satker: deviasi_rata (mean of the months assessed), bulan_dinilai and the score."""
    if months.empty:
        return pd.DataFrame(columns=["deviasi_rata", "bulan_dinilai", "nilai"], index=pd.Index([], name="kdsatker"))
    result = months.groupby("kdsatker").agg(deviasi_rata=("deviasi_persen", "mean"),
                                            bulan_dinilai=("bulan", "size"))
    result["nilai"] = [deviation_score(d, rules.deviation_tolerance) for d in result["deviasi_rata"]]
    return result


# ---------------------------------------------------------------- Revisi DIPA

def revision_periods(revisions: pd.DataFrame, satkers, bulan: int, rules: Rules) -> pd.DataFrame:
    """Per satker and period begun by `bulan` (semester from 2024): the revisions with at least
    one counted code (distinct no_revisi) dated up to `bulan`, and the period's score."""
    months = rules.revision_period_months
    periods = range(1, (bulan - 1) // months + 2)
    counted = revisions[revisions["kode_jenis"].isin(rules.revision_codes)].copy()
    month = pd.to_datetime(counted["tgl_revisi"]).dt.month
    counted = counted[month <= bulan].assign(periode=((month[month <= bulan] - 1) // months + 1).astype("int64"))
    counts = counted.groupby(["kdsatker", "periode"])["no_revisi"].nunique().to_dict()
    rows = [(s, p, int(counts.get((s, p), 0))) for s in sorted(set(satkers)) for p in periods]
    frame = pd.DataFrame(rows, columns=["kdsatker", "periode", "jumlah_revisi"])
    frame["nilai"] = np.where(frame["jumlah_revisi"] <= rules.revision_max, CAP, rules.revision_score_over)
    return frame


def revision(periods: pd.DataFrame) -> pd.Series:
    """Per satker: the mean of its periods' scores."""
    return periods.groupby("kdsatker")["nilai"].mean()


# ---------------------------------------------------------------- Capaian Output

def output_achievement(ro: pd.DataFrame) -> pd.DataFrame:
    """Per satker with at least one RO report: the geometric mean of its RO achievements (capped
    at 100%, monev.domain.capaian) in percent, and how many RO were reported."""
    frame = capaian.with_ratios(ro)
    frame = frame[frame["rasio"].notna()]
    rows = [(s, len(part), 100.0 * capaian.geometric_mean(part["rasio"])) for s, part in frame.groupby("kdsatker")]
    return pd.DataFrame(rows, columns=["kdsatker", "jumlah_ro", "nilai"]).set_index("kdsatker")


# ---------------------------------------------------------------- total, deduction, band

def band(nilai: float, bands: dict[str, float]) -> str | None:
    """Sangat Baik >= 95, Baik 89 to < 95, Cukup 70 to < 89, Kurang < 70 (bounds from the rules)."""
    if nilai is None or math.isnan(nilai):
        return None
    for key in ("sangat_baik", "baik", "cukup"):
        if nilai >= bands[key]:
            return BAND_NAMES[key]
    return BAND_NAMES["kurang"]


def total(values: dict[str, float | None], rules: Rules, dispensasi: float | None = None) -> dict:
    """The weighted total over the indicators that apply (value not missing), rescaled:
    sum(w x v) / sum(w of those) x 100 with w in percent; minus the dispensasi deduction; band."""
    applied = {k: float(v) for k, v in values.items()
               if k in rules.weights and v is not None and not math.isnan(float(v))}
    weight = sum(rules.weights[k] for k in applied)
    if weight <= 0:
        return {"nilai_tertimbang": math.nan, "bobot_berlaku": 0.0, "pengurang": 0.0, "nilai": math.nan,
                "kategori": None}
    weighted = sum(rules.weights[k] * v for k, v in applied.items())
    before = weighted / weight
    deduction = 0.0 if dispensasi is None or math.isnan(float(dispensasi)) else float(dispensasi)
    nilai = max(0.0, before - deduction)
    return {"nilai_tertimbang": before, "bobot_berlaku": weight, "pengurang": deduction, "nilai": nilai,
            "kategori": band(nilai, rules.bands)}


def score(frame: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Per row (a satker): nilai_tertimbang, bobot_berlaku, pengurang, nilai and kategori from
    the indicator columns present and dispensasi_spm."""
    results = [total({k: row.get(k) for k in INDICATORS}, rules, row.get("dispensasi_spm"))
               for row in frame.to_dict("records")]
    return frame.assign(**{k: [r[k] for r in results] for k in
                           ("nilai_tertimbang", "bobot_berlaku", "pengurang", "nilai", "kategori")})


def aggregate(frame: pd.DataFrame, keys: list[str], rules: Rules) -> pd.DataFrame:
    """Unit or ministry (keys = [] for one row): the pagu-weighted mean of each indicator over
    the satker that have it, and of nilai; the band of that mean *(pagu weighting unverified)*."""
    columns = [c for c in (*INDICATORS, "nilai") if c in frame]
    groups = frame.groupby(keys, sort=True) if keys else [((), frame)]
    rows = []
    for group, part in groups:
        row = dict(zip(keys, group if isinstance(group, tuple) else (group,)))
        row["pagu"] = int(part["pagu"].sum())
        row["jumlah_satker"] = len(part)
        weight = part["pagu"].astype(float)
        for column in columns:
            values = part[column].astype(float)
            have = values.notna()
            w = weight[have]
            row[column] = (float((values[have] * w).sum() / w.sum()) if w.sum() > 0
                           else (float(values[have].mean()) if have.any() else math.nan))
        row["kategori"] = band(row["nilai"], rules.bands)
        rows.append(row)
    return pd.DataFrame(rows)
