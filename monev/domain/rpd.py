"""Halaman III DIPA: the monthly withdrawal plan (RPD) against realization, and its deviation.

Deviation per month m and jenis belanja j (IKPA, PER-5/PB/2024):
`dev(j,m) = min(100, |RPD(j,m) - realization(j,m)| / RPD(j,m) x 100)`, 100 where RPD is 0 but
something was realized (or corrected), and not assessed (missing) where both are 0. A month's
deviation over several jenis belanja is the pagu-weighted mean of the dev(j,m) assessed (the
2024 rule; the plain mean where the pagu of those j sums to 0). A deviation of at most
TOLERANCE_PERCENT (5%) is within tolerance.

For a selection of several satker the figures are those of the selection's summed plan and
realization; a satker's own IKPA deviation can be larger where satker offset one another.
"""
from __future__ import annotations

import pandas as pd

TOLERANCE_PERCENT = 5.0
CAP = 100.0
MONTHS = list(range(1, 13))


def deviation_percent(rpd: pd.Series, realisasi: pd.Series) -> pd.Series:
    """dev(j,m) in percent, capped at 100; NaN where RPD and realization are both 0."""
    plan = rpd.astype(float)
    real = realisasi.astype(float)
    value = ((plan - real).abs() / plan * 100.0).where(plan > 0)
    value = value.mask((plan <= 0) & (real != 0), CAP)
    return value.clip(upper=CAP)


def monthly(rows: pd.DataFrame, bulan: int) -> pd.DataFrame:
    """Per jenis belanja x month 1..12 (rows from queries/rpd_bulanan.sql, sparse): rpd,
    realisasi (missing after `bulan`), both cumulative, selisih (realisasi - rpd, rupiah),
    deviasi_persen and dalam_toleransi (missing where not assessed)."""
    jenis = sorted(rows["jenis_belanja"].unique())
    grid = pd.MultiIndex.from_product([jenis, MONTHS], names=["jenis_belanja", "bulan"]).to_frame(index=False)
    frame = grid.merge(rows[["jenis_belanja", "bulan", "rpd", "realisasi"]], how="left",
                       on=["jenis_belanja", "bulan"])
    frame["rpd"] = frame["rpd"].fillna(0).astype("int64")
    frame["realisasi"] = frame["realisasi"].fillna(0).astype("int64")
    return _measures(frame, ["jenis_belanja"], bulan)


def _measures(frame: pd.DataFrame, keys: list[str], bulan: int) -> pd.DataFrame:
    frame = frame.sort_values(keys + ["bulan"]).reset_index(drop=True)
    grouped = frame.groupby(keys, sort=False) if keys else None
    frame["rpd_kumulatif"] = (grouped["rpd"].cumsum() if keys else frame["rpd"].cumsum()).astype("int64")
    real_cum = grouped["realisasi"].cumsum() if keys else frame["realisasi"].cumsum()
    done = frame["bulan"] <= bulan
    frame["realisasi"] = frame["realisasi"].astype("Int64").where(done)
    frame["realisasi_kumulatif"] = real_cum.astype("Int64").where(done)
    frame["selisih"] = (frame["realisasi"] - frame["rpd"]).astype("Int64")
    if "deviasi_persen" not in frame:
        frame["deviasi_persen"] = deviation_percent(frame["rpd"], frame["realisasi"].fillna(0)).where(done)
    frame["dalam_toleransi"] = (frame["deviasi_persen"] <= TOLERANCE_PERCENT).astype("boolean").where(
        frame["deviasi_persen"].notna())
    return frame


def month_deviation(per_jenis: pd.DataFrame, pagu: dict[str, int]) -> pd.Series:
    """Per month (index 1..12): the pagu-weighted mean of dev(j,m) over the jenis belanja assessed."""
    result = {}
    for m in MONTHS:
        part = per_jenis[(per_jenis["bulan"] == m) & per_jenis["deviasi_persen"].notna()]
        if part.empty:
            result[m] = float("nan")
            continue
        weights = part["jenis_belanja"].map(lambda j: float(pagu.get(j, 0)))
        dev = part["deviasi_persen"].astype(float)
        result[m] = float((dev * weights).sum() / weights.sum()) if weights.sum() > 0 else float(dev.mean())
    return pd.Series(result, dtype="float64")


def totals(per_jenis: pd.DataFrame, pagu: dict[str, int], bulan: int) -> pd.DataFrame:
    """Per month 1..12 over the jenis belanja: rpd, realisasi, cumulative, selisih, the month's
    deviation (pagu-weighted) and the tolerance band around the plan (rpd x (1 +/- 5%))."""
    summed = per_jenis.assign(realisasi=per_jenis["realisasi"].fillna(0)).groupby("bulan", as_index=False)[
        ["rpd", "realisasi"]].sum()
    summed = pd.DataFrame({"bulan": MONTHS}).merge(summed, on="bulan", how="left").fillna(0)
    summed["rpd"] = summed["rpd"].astype("int64")
    summed["realisasi"] = summed["realisasi"].astype("int64")
    deviation = month_deviation(per_jenis, pagu)
    summed["deviasi_persen"] = summed["bulan"].map(deviation).where(summed["bulan"] <= bulan)
    frame = _measures(summed, [], bulan)
    for name, factor in (("batas_bawah", 1 - TOLERANCE_PERCENT / 100), ("batas_atas", 1 + TOLERANCE_PERCENT / 100)):
        frame[name] = (frame["rpd"] * factor).round().astype("int64")
    return frame


def indicator(per_bulan: pd.DataFrame) -> dict:
    """Over the months assessed: the mean of the months' deviations (as the IKPA indicator
    averages them), how many months were assessed and how many were within tolerance."""
    assessed = per_bulan["deviasi_persen"].dropna().astype(float)
    return {"deviasi_rata": float(assessed.mean()) if len(assessed) else float("nan"),
            "bulan_dinilai": int(len(assessed)),
            "bulan_dalam_toleransi": int((assessed <= TOLERANCE_PERCENT).sum())}
