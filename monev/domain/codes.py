"""Codes (satker, jenis belanja, ...) looked up among a set of codes by Arrow's hash lookup:
pandas' Index.get_indexer and Series.isin on Arrow-backed strings go through Python objects,
seven times slower for the hundreds of thousands of rows of a national year. And frames grouped
by their keys' integer codes, made once per frame, rather than by the key texts on every call."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def positions(values, among) -> np.ndarray:
    """The position of each of `values` among the distinct codes `among`, -1 where it is not one
    of them (int64)."""
    values, among = pa.array(values), pa.array(among)
    if pa.types.is_null(values.type) or pa.types.is_null(among.type):  # empty or all missing: untyped
        return np.full(len(values), -1, dtype="int64")
    found = pc.index_in(values, value_set=among)
    return found.fill_null(-1).to_numpy().astype("int64")


# ---------------------------------------------------------------- grouping by key codes
# pandas groupby factorizes and sorts each text key on every call, most of a national rollup's
# time where one frame is grouped several ways (the IKPA projection tab groups one grain and its
# projected rows eleven ways): the keys' codes are made once per frame (key_codes, in a dict the
# caller keeps), and a grouping's result hands on its own codes for the next grouping of it.

Codes = dict[str, tuple[np.ndarray, pd.Index, int]]
# the keys' codes are combined into one int64 while the product of their counts stays below this
COMBINED_BELOW = 2.0**62


def key_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index, int]:
    """A key as groupby factorizes it: each row's rank among the sorted distinct values, a missing
    one ranked last; those values (the missing last); and the missing one's code (-1 if none)."""
    code, uniques = pd.factorize(values, sort=True, use_na_sentinel=False)
    missing = np.flatnonzero(uniques.isna())
    return code, uniques, int(missing[0]) if len(missing) else -1


def numbered(frame: pd.DataFrame, keys: list[str], codes: Codes, dropna: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Each row's group of `keys` numbered as frame.groupby(keys, sort=True, dropna=dropna).ngroup()
    numbers it (groups in the keys' sorted order, a missing key last; -1 for a row dropped for a
    missing key), and each group's first row. codes: the key codes of frame's columns the caller
    keeps (key_codes), filled here."""
    digits = _digits(frame, keys, codes)
    kept = np.ones(len(frame), dtype=bool)
    if dropna:
        for key in keys:
            if codes[key][2] >= 0:
                kept &= codes[key][0] != codes[key][2]
    if digits is not None:
        combined = digits[kept]
        changed = combined[1:] != combined[:-1]
        if (combined[1:] >= combined[:-1]).all():
            # rows already in the groups' order (the projected rows, the grain by its query's
            # order): each group a run of rows, numbered along them without hashing
            group = np.concatenate([np.zeros(min(len(combined), 1), dtype="int64"), np.cumsum(changed)])
        else:
            group, _ = pd.factorize(combined, sort=True)
    else:  # too many digits for int64: pandas numbers the codes' combinations itself
        group = pd.DataFrame({i: codes[key][0][kept] for i, key in enumerate(keys)}).groupby(
            list(range(len(keys))), sort=True).ngroup().to_numpy()
    every = np.full(len(frame), -1, dtype="int64")
    every[kept] = group
    return every, np.flatnonzero(kept)[first_of(group)]


def first_of(group: np.ndarray) -> np.ndarray:
    """For groups numbered 0 .. n - 1 (every number used), the position of each group's first
    element in `group`."""
    first = np.empty(int(group.max(initial=-1)) + 1, dtype="int64")
    first[group[::-1]] = np.arange(len(group) - 1, -1, -1)  # the last assignment to a group is its first
    return first


def _digits(frame: pd.DataFrame, keys: list[str], codes: Codes) -> np.ndarray | None:
    """Each row's key codes as the digits of one int64, in the keys' order (so its order is
    theirs); None where their counts' product passes COMBINED_BELOW. codes: as numbered()."""
    for key in keys:
        if key not in codes:
            codes[key] = key_codes(frame[key])
    sizes = [max(len(codes[key][1]), 1) for key in keys]
    if np.prod(np.array(sizes, dtype="float64")) >= COMBINED_BELOW:
        return None
    combined = np.zeros(len(frame), dtype="int64")
    for key, size in zip(keys, sizes):
        combined = combined * size + codes[key][0]
    return combined


def summed(frame: pd.DataFrame, sums: list[str], numbers: tuple[np.ndarray, np.ndarray]) -> dict:
    """frame[sums] summed per group of numbered()'s `numbers` (a column each, groups in order), as
    grouped_sums sums them (pandas' groupby over the same ids), to the bit, at less cost (its
    groupby took 0,003-0,005 s per call on the 90.000 rows of a national grain, most of it its own
    overhead): the int64 columns are added up by np.add.at, exact in any order; float64 columns of
    rows already in their groups' order (each group a run, dropped rows first) without a missing
    value by np.add.reduceat over the runs, which is pandas' own route for those (pandas 3.1:
    groupby ops' _reduceat_aggregate; tests/test_projection_codes.py holds the two equal); other
    floats, whose sums depend on their order and route (pandas' compensated loop), and other
    dtypes by the groupby itself, on those columns alone (their blocks as frame's, so the same
    route and the same floats)."""
    group, first = numbers
    result, floats = {}, {}
    for column in sums:
        values = frame[column]
        if values.dtype == np.dtype("int64"):
            # one more slot for the dropped rows (group -1, the last slot), which is then left off
            totals = np.zeros(len(first) + 1, dtype="int64")
            np.add.at(totals, group, values.to_numpy())
            result[column] = totals[:-1]
        elif values.dtype == np.dtype("float64"):
            floats[column] = values.to_numpy()
    in_runs = len(first) and (group[1:] >= group[:-1]).all()
    if floats and in_runs and not any(np.isnan(values).any() for values in floats.values()):
        kept = int(np.searchsorted(group, 0))  # the dropped rows (-1) come first
        starts = kept + np.flatnonzero(np.r_[True, group[kept + 1:] != group[kept:-1]])
        result.update({column: np.add.reduceat(values, starts) for column, values in floats.items()})
    others = [column for column in sums if column not in result]
    if others:
        ids = pd.Categorical.from_codes(group, categories=pd.RangeIndex(len(first)))
        rest = frame[others].groupby(ids, sort=True, observed=True).sum().reset_index(drop=True)
        result.update({column: rest[column] for column in others})
    return {column: result[column] for column in sums}


def grouped_totals(frame: pd.DataFrame, keys: list[str], sums: list[str], codes: Codes, dropna: bool = True,
                   result_codes: Codes | None = None, numbers: tuple[np.ndarray, np.ndarray] | None = None
                   ) -> pd.DataFrame:
    """grouped_sums() (the same arguments, an equal frame) with its sums made by summed()."""
    numbers = numbered(frame, keys, codes, dropna) if numbers is None else numbers
    return pd.DataFrame({**named_groups(keys, codes, numbers[1], result_codes), **summed(frame, sums, numbers)},
                        index=pd.RangeIndex(len(numbers[1])))


def named_groups(keys: list[str], codes: Codes, first: np.ndarray, result_codes: Codes | None = None
                 ) -> dict[str, pd.Index]:
    """The keys of the groups whose first rows are `first` (numbered()'s), from their codes, a
    column each; result_codes: filled with the groups' own key codes (in the same uniques)."""
    named = {}
    for key in keys:
        code, uniques, missing = codes[key]
        at = code[first]
        named[key] = uniques.take(at)
        if result_codes is not None:
            result_codes[key] = (at, uniques, missing)
    return named


def grouped_sums(frame: pd.DataFrame, keys: list[str], sums: list[str], codes: Codes, dropna: bool = True,
                 result_codes: Codes | None = None, numbers: tuple[np.ndarray, np.ndarray] | None = None
                 ) -> pd.DataFrame:
    """frame.groupby(keys, as_index=False, sort=True, dropna=dropna)[sums].sum(), grouped by the
    rows' group numbers (numbered): the same groups in the same order, and the sums made by the
    same groupby sum over each group's rows in the same order (the same numbers per row), so equal
    to the bit. result_codes: filled with the result's own key codes (in the same uniques), for a
    later grouping of the result; numbers: numbered()'s, when the caller has them already."""
    group, first = numbered(frame, keys, codes, dropna) if numbers is None else numbers
    # the numbers as the codes of a categorical, a dropped row's -1 missing: groupby takes them as
    # its row-to-group ids unchanged, the text groupby's own (dropped rows in place, which decides
    # whether pandas sums each group's floats in a run, np.add.reduceat, or by its compensated
    # loop), so the same floats to the bit where dropping the rows first could change the route
    ids = pd.Categorical.from_codes(group, categories=pd.RangeIndex(len(first)))
    summed = frame[sums].groupby(ids, sort=True, observed=True).sum().reset_index(drop=True)
    return pd.concat([pd.DataFrame(named_groups(keys, codes, first, result_codes)), summed], axis=1)


def matched(codes: Codes, keys: list[str], other: pd.DataFrame) -> np.ndarray | None:
    """For each row of the frame whose key codes are `codes` (key_codes of each of `keys`), the
    position of the row of `other` with the same keys, -1 where none: what
    frame[keys].merge(other, on=keys, how="left") puts on each row, found by the keys' integer
    codes (a table indexed by the combined codes) rather than by factorizing the texts of both
    frames together. None where that cannot stand for the merge: a key missing in the frame (the
    merge matches missing to missing) or `other` not one row per keys (the merge repeats rows)."""
    widths = [max(len(codes[key][1]), 1) for key in keys]
    if not keys or any(codes[key][2] >= 0 for key in keys) or np.prod(widths, dtype="float64") >= COMBINED_BELOW:
        return None
    n = len(codes[keys[0]][0])
    combined, other_combined = np.zeros(n, dtype="int64"), np.zeros(len(other), dtype="int64")
    found = np.ones(len(other), dtype=bool)
    for key, width in zip(keys, widths):
        code, uniques, _missing = codes[key]
        at = positions(other[key], uniques)  # a text the frame does not have matches none of its rows
        found &= at >= 0
        combined, other_combined = combined * width + code, other_combined * width + at
    rows = np.flatnonzero(found)
    other_combined = other_combined[rows]
    size = int(np.prod(widths, dtype="float64"))
    if size <= 4 * (n + len(other)) + 1024:  # a table no bigger than the frames themselves
        table = np.full(size, -1, dtype="int64")
        table[other_combined] = rows
        if (table[other_combined] != rows).any():  # two rows of other with the same keys
            return None
        return table[combined]
    index = pd.Index(other_combined)
    if not index.is_unique:
        return None
    at = index.get_indexer(combined)
    return np.where(at >= 0, rows[at], -1)


def ordered(frame: pd.DataFrame, keys: list[str], codes: Codes) -> np.ndarray | None:
    """Where every row of frame is a group of `keys` of its own (no key missing, no two rows with
    the same keys), the rows in the order frame.groupby(keys, sort=True) puts its groups (the
    group numbers of numbered() are then this order's inverse); else None. Sorts the keys' codes
    combined into one integer (an argsort) rather than factorizing them. codes: as numbered()."""
    combined = _digits(frame, keys, codes) if keys else None
    if combined is None or any(codes[key][2] >= 0 for key in keys):
        return None
    order = np.argsort(combined, kind="stable")
    in_order = combined[order]
    return None if (in_order[1:] == in_order[:-1]).any() else order


def ranked_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index, int]:
    """key_codes(values) by Arrow's dense rank of the texts (their sort, by code point, as Python
    orders them), half of pandas' factorize and sort of the uniques for the 24.000 satker names
    of a national year: the same codes and uniques. Texts with none missing only, else key_codes."""
    array = pa.array(values.array) if isinstance(values.dtype, pd.StringDtype) else None
    if array is None or array.null_count or not len(array):
        return key_codes(values)
    rank = pc.rank(array, sort_keys="ascending", tiebreaker="dense").to_numpy().astype("int64") - 1
    return rank, pd.Index(values.array.take(first_of(rank))), -1
