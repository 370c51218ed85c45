"""Status against target: a band on the ratio of realization % to target %, and the rupiah still
needed to reach a target.

The bands mirror the IKPA score bands (PER-5/PB/2024: Sangat Baik >= 95, Baik 89 to < 95,
Cukup 70 to < 89, Kurang < 70), applied to realization % / target % x 100. They are data:
change BANDS, not the code.
"""
from __future__ import annotations

import math

import numpy as np
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


def bands_of(ratios: pd.Series) -> pd.Series:
    """band() of every ratio at once (object dtype, None where there is no ratio): band() row by
    row took about 0,05 s per table of a national warehouse's 24.000 satker."""
    values = ratios.astype(float).to_numpy()
    chosen = np.select([values >= lowest for lowest, _ in BANDS], [name for _, name in BANDS], default="")
    return pd.Series(np.where(np.isnan(values), None, chosen), index=ratios.index, dtype="object")


def bands(persen: pd.Series, target_persen: pd.Series) -> pd.Series:
    return bands_of(ratio(persen, target_persen))


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
    ref_target are), as Int64, by the rule of needed(). Pagu and realization are summed as int64
    (as the summaries are); the products with the targets, which may pass int64, are taken in
    Python integers on the sums per group and jenis belanja, not per grain row."""
    codes = {jb: target_persen_times100(value) for jb, value in targets.items()}
    totals = grain.groupby(keys, sort=True, dropna=False)[["pagu", "realisasi"]].sum()
    with_target = grain[grain["jenis_belanja"].isin(list(codes))]
    by_jenis = (with_target.groupby([*keys, "jenis_belanja"], dropna=False)["pagu"].sum()
                .unstack("jenis_belanja", fill_value=0).reindex(totals.index, fill_value=0))
    target_sum = np.zeros(len(totals), dtype=object)
    for jb in by_jenis.columns:
        target_sum = target_sum + by_jenis[jb].to_numpy().astype(object) * codes[jb]
    bertarget = by_jenis.sum(axis=1).astype("int64").to_numpy().astype(object)
    kebutuhan = np.frompyfunc(needed, 4, 1)(totals["pagu"].to_numpy().astype(object),
                                            totals["realisasi"].to_numpy().astype(object), target_sum, bertarget)
    result = totals.index.to_frame(index=False)
    result["kebutuhan"] = pd.array(kebutuhan.tolist(), dtype="Int64")
    return result
