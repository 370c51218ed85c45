"""Status against target: a band on the ratio of realization % to target %, and the rupiah still
needed to reach a target.

The bands mirror the IKPA score bands (PER-5/PB/2024: Sangat Baik >= 95, Baik 89 to < 95,
Cukup 70 to < 89, Kurang < 70), applied to realization % / target % x 100. They are data:
change BANDS, not the code.
"""
from __future__ import annotations

import math

import pandas as pd

# (lowest ratio in %, band), highest first; the last band takes everything below.
BANDS: tuple[tuple[float, str], ...] = (
    (95.0, "Sangat Baik"),
    (89.0, "Baik"),
    (70.0, "Cukup"),
    (-math.inf, "Kurang"),
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


def bands(persen: pd.Series, target_persen: pd.Series) -> pd.Series:
    return ratio(persen, target_persen).map(band).astype("object")


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
    ref_target are), as Int64."""
    codes = {jb: target_persen_times100(value) for jb, value in targets.items()}
    sums: dict[tuple, list[int]] = {}  # key -> [pagu, realisasi, target_sum, pagu_bertarget], Python ints
    for key, jb, pagu, realisasi in zip(zip(*(grain[k] for k in keys)), grain["jenis_belanja"],
                                        grain["pagu"].tolist(), grain["realisasi"].tolist()):
        cell = sums.setdefault(key, [0, 0, 0, 0])
        cell[0] += pagu
        cell[1] += realisasi
        if jb in codes:
            cell[2] += pagu * codes[jb]  # may pass int64 summed over a satker: Python ints
            cell[3] += pagu
    ordered = sorted(sums)
    result = pd.DataFrame(ordered, columns=keys)
    result["kebutuhan"] = pd.array([needed(*sums[k]) for k in ordered], dtype="Int64")
    return result
