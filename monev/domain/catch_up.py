"""What is left to realize: per satker or PPK, the rupiah still needed to reach the target
quarter's and the year-end target, spread over the months left, and whether that is realistic
against what its own seasonal pattern (monev/domain/projection.py usual_after) usually realizes."""
from __future__ import annotations

import numpy as np
import pandas as pd

from monev.domain.projection import round_half_up

# What is still needed by a deadline is realistic when it is at most this multiple of what the
# row's own seasonal pattern usually realizes over those months at the pace kept so far
# (usual_after). 1.25: about what the best of its earlier years did. On the sample (2019-2023,
# per satker x jenis belanja) the best year's realization over the remaining months is 1.17 x the
# mean pattern's at the median and 1.25 x at the upper quartile (TW I, II and III ends alike);
# needing more is a catch-up its history does not show. The flat curve (no history, no RPD) gets
# the same factor: realistic when needed per month <= 1.25 x the average monthly pace so far.
REALISTIC_FACTOR = 1.25


def months_left(bulan: int, until: int) -> int:
    """Months after `bulan` up to and including `until` (0 when none are left)."""
    return max(0, until - bulan)


def target_quarter(bulan: int) -> int:
    """The quarter whose target the remaining months work towards: the quarter of the next month
    (at a quarter's end the next quarter; at December the fourth, with no month left)."""
    return (min(bulan + 1, 12) - 1) // 3 + 1


def per_month(needed: pd.Series, left: int) -> pd.Series:
    """Rupiah to realize in each remaining month: ceil(needed / left) (so the months add up to at
    least the need), Int64; 0 where nothing is needed, missing where something is needed but no
    month is left or there is no target."""
    need, missing = _whole(needed)
    if left > 0:
        values = np.where(need > 0, -((-need) // left), 0)
    else:
        values, missing = np.zeros_like(need), missing | (need > 0)
    return pd.Series(pd.arrays.IntegerArray(values, missing), index=needed.index)


def _whole(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Whole rupiah (int64, as int() takes them: toward zero) and where they are missing."""
    missing = values.isna().to_numpy()
    if pd.api.types.is_float_dtype(values.dtype):
        return np.trunc(values.to_numpy(dtype="float64", na_value=0.0)).astype("int64"), missing
    return values.to_numpy(dtype="int64", na_value=0), missing


def pace(realisasi: pd.Series, bulan: int) -> pd.Series:
    """Average monthly realization so far (float rupiah): realization to the end of `bulan` / bulan."""
    return realisasi.astype("float64") / float(bulan)


def realistic(needed: pd.Series, usual: pd.Series, factor: float = REALISTIC_FACTOR) -> pd.Series:
    """True where nothing is needed or the rupiah needed by the deadline are at most factor x what
    the row usually realizes over the months left (usual_after); False where more, or something is
    needed with no month left; missing where there is no target."""
    need, missing = _whole(needed)
    # the whole rupiah needed against factor x usual (a float, NaN when unknown), compared exactly
    # as Python compares an int with a float: need <= limit exactly when need <= floor(limit)
    with np.errstate(over="ignore"):  # as Python's floats: inf past the largest
        limit = factor * np.maximum(np.asarray(usual, dtype="float64"), 0.0)
        whole = np.floor(np.where(limit < 2.0**62, limit, 0.0)).astype("int64")
    within = np.where(np.isnan(limit), False, (limit >= 2.0**62) | (need <= whole))
    return pd.Series(pd.arrays.BooleanArray((need <= 0) | within, missing), index=needed.index)


def catch_up(frame: pd.DataFrame, bulan: int, needed_quarter: pd.Series, needed_year: pd.Series,
             usual_quarter: pd.Series | None = None, usual_year: pd.Series | None = None) -> pd.DataFrame:
    """Adds to rows with `realisasi` to the end of `bulan` (needed_* aligned on the rows, Int64
    rupiah still to realize to reach the target quarter's and the year-end target; usual_* what
    the row usually realizes over the months left to each deadline, usual_after summed, or None
    for the flat pace): triwulan_target, sisa_bulan_triwulan, kebutuhan_triwulan,
    per_bulan_triwulan, sisa_bulan_tahun, kebutuhan_tahun, per_bulan_tahun, laju_bulanan (average
    per month so far, rounded half up), pola_triwulan, pola_tahun (usual_*, rounded half up),
    realistis_triwulan, realistis_tahun."""
    return pd.concat([frame, pd.DataFrame(catch_up_columns(frame["realisasi"], bulan, needed_quarter, needed_year,
                                                           usual_quarter, usual_year), index=frame.index)], axis=1)


def catch_up_columns(realisasi: pd.Series, bulan: int, needed_quarter: pd.Series, needed_year: pd.Series,
                     usual_quarter: pd.Series | None = None, usual_year: pd.Series | None = None) -> dict:
    """The columns catch_up() adds to rows with `realisasi` (in their order: Series on its index or
    arrays), for a caller that puts them in a frame of its own."""
    quarter = target_quarter(bulan)
    left_q, left_y = months_left(bulan, 3 * quarter), months_left(bulan, 12)
    speed = pace(realisasi, bulan)
    usual_q = speed * left_q if usual_quarter is None else pd.Series(np.asarray(usual_quarter, dtype="float64"),
                                                                      index=realisasi.index)
    usual_y = speed * left_y if usual_year is None else pd.Series(np.asarray(usual_year, dtype="float64"),
                                                                   index=realisasi.index)
    # the needs as the columns hold them (Int64 to numpy: int64, or float64 with NaN where missing)
    need_q = pd.Series(needed_quarter.to_numpy(), index=realisasi.index)
    need_y = pd.Series(needed_year.to_numpy(), index=realisasi.index)
    # the columns made first and put beside the rows in one frame: set one by one on a copy of the
    # rows (each a block of its own) they took a tenth of the national catch-up's 6 ms
    return {"triwulan_target": np.full(len(realisasi), quarter, dtype="int64"),
            "sisa_bulan_triwulan": np.full(len(realisasi), left_q, dtype="int64"),
            "kebutuhan_triwulan": need_q, "per_bulan_triwulan": per_month(need_q, left_q),
            "sisa_bulan_tahun": np.full(len(realisasi), left_y, dtype="int64"),
            "kebutuhan_tahun": need_y, "per_bulan_tahun": per_month(need_y, left_y),
            "laju_bulanan": round_half_up(speed.to_numpy()).to_numpy(),
            "pola_triwulan": round_half_up(usual_q.to_numpy()).to_numpy(),
            "pola_tahun": round_half_up(usual_y.to_numpy()).to_numpy(),
            "realistis_triwulan": realistic(need_q, usual_q), "realistis_tahun": realistic(need_y, usual_y)}


def reaches(proyeksi: pd.Series, realisasi: pd.Series, needed: pd.Series) -> pd.Series:
    """Whether a projected year end reaches the target: proyeksi >= realisasi + needed (the
    target's rupiah); missing where there is no target. realistic() at the year end asks the same
    of the usual pattern with a tolerance and without the cap at the pagu."""
    projected, unknown = _whole(pd.Series(proyeksi))
    realized, _ = _whole(pd.Series(realisasi))
    need, missing = _whole(needed)
    return pd.Series(pd.arrays.BooleanArray(projected >= realized + need, missing | unknown), index=needed.index)
