"""Status against target: a band on the ratio of realization % to target %, and the rupiah still
needed to reach a target.

The bands mirror the IKPA score bands (PER-5/PB/2024: Sangat Baik >= 95, Baik 89 to < 95,
Cukup 70 to < 89, Kurang < 70), applied to realization % / target % x 100; their thresholds are
ikpa_rules.DEFAULT_BANDS.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from monev.domain import codes
from monev.domain.ikpa_rules import BAND_NAMES, DEFAULT_BANDS

# (lowest ratio in %, band), highest first; the last band takes everything below. The thresholds
# and names are the IKPA's (ikpa_rules.DEFAULT_BANDS), defined there once.
BANDS: tuple[tuple[float, str], ...] = (
    *((DEFAULT_BANDS[key], BAND_NAMES[key]) for key in ("sangat_baik", "baik", "cukup")),
    (-math.inf, BAND_NAMES["kurang"]),
)
ORDER = [name for _, name in BANDS]


def ratio(persen: pd.Series, target_persen: pd.Series) -> pd.Series:
    """Realization % over target % x 100; missing where there is no (or a zero) target."""
    target = target_persen.astype(float)
    return (100.0 * persen.astype(float) / target).where(target > 0)


def band(value: float | None) -> str | None:
    """The band of one ratio (in %); None when there is no ratio."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return next(name for lowest, name in BANDS if value >= lowest)


def bands_of(ratios: pd.Series) -> pd.Series:
    """band() of every ratio at once (object dtype, None where there is no ratio): band() row by
    row took about 0,05 s per table of a national warehouse's 24.000 satker."""
    values = ratios.astype(float).to_numpy()
    chosen = np.select([values >= lowest for lowest, _ in BANDS], [name for _, name in BANDS], default="")
    return pd.Series(np.where(np.isnan(values), None, chosen), index=ratios.index, dtype="object")


def bands(persen: pd.Series, target_persen: pd.Series) -> pd.Series:
    return bands_of(ratio(persen, target_persen))


def in_band(persen: pd.Series, target_persen: pd.Series, name: str) -> np.ndarray:
    """Whether bands() of each row is `name`, without writing every row's band (the needs-attention
    list asks it of a national warehouse's 70.000 satker x jenis belanja)."""
    place = ORDER.index(name)
    values = ratio(persen, target_persen).to_numpy(dtype="float64")
    inside = values >= BANDS[place][0]
    return inside & (values < BANDS[place - 1][0]) if place else inside


def target_persen_times100(values) -> int:
    """A target % with at most two decimals (decimal(5,2) in ref_target) as an exact integer."""
    return int(round(float(values) * 100))


def needed(pagu: int, realisasi: int, target_sum: int, pagu_bertarget: int) -> int | None:
    """max(0, ceil(target% x pagu / 100) - realisasi), exact: target% is the pagu-weighted mean
    sum(pagu_j x target_j) / pagu_bertarget, passed as target_sum = sum(pagu_j x target_j x 100)
    (integers). None when no pagu carries a target."""
    if not pagu_bertarget:
        return None
    numerator = int(target_sum) * int(pagu)
    denominator = int(pagu_bertarget) * 10_000
    goal = -((-numerator) // denominator)  # ceil
    return max(0, goal - int(realisasi))


def needed_by_group(grain: pd.DataFrame, targets: dict[str, float], keys: list[str]) -> pd.DataFrame:
    """Per group of `keys` of the satker x PPK x jenis belanja grain: the rupiah still needed to
    reach `targets` (% per jenis belanja with at most two decimals, as the quarter-end targets of
    ref_target are), as Int64 `kebutuhan`, by the rule of needed()."""
    return needed_by_groups(grain, {"kebutuhan": targets}, keys)


def needed_by_groups(grain: pd.DataFrame, targets: dict[str, dict[str, float]], keys: list[str],
                     key_codes: codes.Codes | None = None) -> pd.DataFrame:
    """needed_by_group() for several sets of targets at once, one Int64 column per name of
    `targets`, from one grouping of the grain. Pagu and realization are summed as int64 (as the
    summaries are), then per group and jenis belanja. Where every rupiah of a group's pagu
    carries a target (the usual case) the goal is ceil(sum(pagu_j x target_j x 100) / 10.000),
    taken in int64 while those products cannot overflow; other groups go through needed() in
    Python integers (the products with the pagu may pass int64). key_codes: the key codes of the
    grain's rows the caller keeps (codes.grouped_totals), to group by those rather than by the key
    texts: the same groups in the same order."""
    if not keys:  # the whole grain as one group, one row even when empty (no pagu: nothing to need)
        whole = grain.assign(_semua=0) if len(grain) else pd.DataFrame(
            {"_semua": [0], "jenis_belanja": [""], "pagu": [0], "realisasi": [0]})
        return needed_by_groups(whole, targets, ["_semua"]).drop(columns="_semua")
    if key_codes is not None:
        numbers = codes.numbered(grain, keys, key_codes, dropna=False)
        totals = codes.grouped_totals(grain, keys, ["pagu", "realisasi"], key_codes, dropna=False, numbers=numbers)
        result, group = totals[keys].copy(), numbers[0]
    else:
        grouped = grain.groupby(keys, sort=True, dropna=False)
        totals = grouped[["pagu", "realisasi"]].sum()
        result, group = totals.index.to_frame(index=False), grouped.ngroup().to_numpy()
    needed = needed_numbered(grain, group, totals["pagu"].to_numpy(dtype="int64"),
                             totals["realisasi"].to_numpy(dtype="int64"), targets,
                             None if key_codes is None else key_codes.get("jenis_belanja"))
    for name, values in needed.items():
        result[name] = values
    return result


def needed_numbered(grain: pd.DataFrame, group: np.ndarray, pagu: np.ndarray, realisasi: np.ndarray,
                    targets: dict[str, dict[str, float]], jenis_codes: tuple | None = None
                    ) -> dict[str, pd.arrays.IntegerArray]:
    """needed_by_groups()' columns for groups the caller numbered already: row i of the grain in
    group group[i] (0 .. n - 1, every group with a row), whose summed pagu and realisasi (int64)
    are pagu[g] and realisasi[g]. A view that groups the grain for its own sums passes its
    grouping here instead of grouping the text keys twice. jenis_codes: the grain's jenis belanja
    codes (codes.key_codes), when the caller has them: among those uniques (a jenis belanja absent
    from the grain weighs 0) rather than factorized again."""
    # the pagu per group and jenis belanja added up by position (each row's group number, its
    # jenis belanja's code): a second grouping on the text keys and an unstack took twice as long
    # on a national grain (24.000 satker), for the same int64 sums
    if jenis_codes is None:
        jenis, columns = pd.factorize(grain["jenis_belanja"], sort=True, use_na_sentinel=False)
    else:
        jenis, columns = jenis_codes[0], jenis_codes[1]
    weights = np.zeros(len(pagu) * len(columns), dtype="int64")
    # as one axis (group x jenis belanja's cell): np.add.at over two index arrays was 3 x slower
    np.add.at(weights, group * len(columns) + jenis, grain["pagu"].to_numpy(dtype="int64"))
    weights = weights.reshape(len(pagu), len(columns))
    result = {}
    for name, goals in targets.items():
        codes = {jb: target_persen_times100(value) for jb, value in goals.items()}
        # a jenis belanja without a target weighs 0 in both sums
        factors = np.array([codes.get(jb, 0) for jb in columns], dtype="int64")
        carried = weights * (np.array([jb in codes for jb in columns], dtype=bool))
        result[name] = _needed(pagu, realisasi, carried, factors)
    return result


def _needed(pagu: np.ndarray, realisasi: np.ndarray, weights: np.ndarray,
            factors: np.ndarray) -> pd.arrays.IntegerArray:
    """needed() per group: pagu, realisasi (int64 per group), weights (the group's pagu per jenis
    belanja carrying a target, 0 for the others) and factors (each jenis belanja's target x 100)."""
    bertarget = weights.sum(axis=1)
    # a bound on |sum(pagu_j x code_j)| taken in floats, which cannot overflow
    largest = np.abs(weights).astype("float64") @ np.abs(factors).astype("float64")
    fast = (bertarget != 0) & (bertarget == pagu) & (largest < 2.0**62)
    target_sum = np.where(fast[:, None], weights, 0) @ factors
    kebutuhan = np.maximum(0, -((-target_sum) // 10_000) - realisasi)
    for i in np.flatnonzero(~fast & (bertarget != 0)):
        exact = sum(int(w) * int(c) for w, c in zip(weights[i], factors))
        kebutuhan[i] = needed(int(pagu[i]), int(realisasi[i]), exact, int(bertarget[i]))
    return pd.arrays.IntegerArray(kebutuhan.astype("int64"), bertarget == 0)


def behind_target(per_satker: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n satker furthest behind their target (target% - realization%, largest first);
    only satker that are behind."""
    gap = per_satker["target_persen"] - per_satker["persen"]
    chosen = (gap > 0).to_numpy(copy=True)
    if chosen.sum() > n:
        # only rows whose gap reaches the n-th largest (ties included) can be among the first n:
        # sorting those instead of every behind satker of a national warehouse (thousands)
        gaps = gap.to_numpy(dtype="float64")[chosen]
        chosen &= (gap >= np.partition(gaps, len(gaps) - n)[len(gaps) - n]).to_numpy()
    frame = per_satker[chosen].copy()
    frame["selisih_persen"] = gap[chosen]
    frame = frame.sort_values(["selisih_persen", "kdsatker"], ascending=[False, True]).head(n)
    return frame.reset_index(drop=True)
