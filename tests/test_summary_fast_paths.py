"""The overview reads the summary grain without names (queries/ringkasan_ppk_kode.sql) and the
names of the selected satker apart (queries/ringkasan_nama.sql): together they give what the grain
with names (queries/ringkasan_ppk.sql, reports.budget_grain) gives, at several months, with a
jenis belanja filter and within unit, satker and PPK scopes. status.behind_target, which sorts
only the rows that can be among the first n, picks what sorting every row picks; and
status.needed_by_group, which sums the pagu per jenis belanja by position, gives what a second
grouping and an unstack gave (each old path is written out here as the reference)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev import reports
from monev.domain import status
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b

CASES = [(EVERYTHING, Filters()), (EVERYTHING, Filters(jenis_belanja=("52", "57"))),
         (Scope(units=("05",)), Filters()), (Scope(satkers=(b.S1,)), Filters(jenis_belanja=("51",))),
         (Scope(ppks=((b.S1, "02"), (b.S2, "01"))), Filters())]
CODES = ["kdunit", "kdsatker", "kdppk", "jenis_belanja", "pagu", "blokir", "realisasi"]


@pytest.mark.parametrize("bulan", [1, 3, 6, 12])
@pytest.mark.parametrize("case", range(len(CASES)))
def test_grain_without_names_and_the_names_equal_the_grain_with_names(engine, bulan, case):
    scope, filters = CASES[case]
    period = Period(b.THANG, bulan)
    with_names = reports.budget_grain(engine, period, scope=scope, filters=filters)
    codes = query.run(engine, "ringkasan_ppk_kode", scope=scope, filters=filters, tahun=b.THANG, sampai=period.sampai)
    pd.testing.assert_frame_equal(codes, with_names[CODES], check_exact=True)
    names = query.run(engine, "ringkasan_nama", scope=scope, filters=filters, tahun=b.THANG)
    assert not names.duplicated("kdsatker").any()
    named = with_names[["kdsatker"]].merge(names, on="kdsatker", how="left")
    pd.testing.assert_frame_equal(named[["kdunit", "nmunit", "kdsatker", "nmsatker"]],
                                  with_names[["kdunit", "nmunit", "kdsatker", "nmsatker"]], check_exact=True)
    if bulan == 12 and case == 0:
        assert len(with_names) and with_names["nmsatker"].notna().all()  # the comparison compared something


def _behind_by_sorting_all(per_satker: pd.DataFrame, n: int) -> pd.DataFrame:
    """behind_target as it was: every row's gap, every behind row sorted."""
    frame = per_satker.copy()
    frame["selisih_persen"] = frame["target_persen"] - frame["persen"]
    frame = frame[frame["selisih_persen"] > 0]
    frame = frame.sort_values(["selisih_persen", "kdsatker"], ascending=[False, True]).head(n)
    return frame.reset_index(drop=True)


@pytest.mark.parametrize("n", [1, 3, 10, 50])
def test_behind_target_picks_what_sorting_every_row_picks(n):
    rng = np.random.default_rng(n)
    rows = 400
    persen = rng.choice([10.0, 20.0, 33.3, 50.0, np.nan], rows)  # few values: many ties in the gap
    target = rng.choice([20.0, 33.3, 50.0, np.nan], rows)
    per_satker = pd.DataFrame({"kdunit": rng.choice(["01", "05"], rows),
                               "kdsatker": [f"{i:06d}" for i in rng.permutation(rows)],
                               "pagu": rng.integers(0, 10**12, rows), "persen": persen, "target_persen": target},
                              index=rng.permutation(rows) + 7)
    expected = _behind_by_sorting_all(per_satker, n)
    assert len(expected) == n
    pd.testing.assert_frame_equal(status.behind_target(per_satker, n=n), expected, check_exact=True)
    few = per_satker.head(5)  # fewer behind than n
    pd.testing.assert_frame_equal(status.behind_target(few, n=n), _behind_by_sorting_all(few, n), check_exact=True)


def _needed_by_grouping_twice(grain: pd.DataFrame, goals: dict[str, float], keys: list[str]) -> pd.DataFrame:
    """status.needed_by_groups' sums as they were taken: a second grouping per jenis belanja, unstacked."""
    totals = grain.groupby(keys, sort=True, dropna=False)[["pagu", "realisasi"]].sum()
    by_jenis = grain.assign(_jenis=grain["jenis_belanja"])
    per_jenis = (by_jenis.groupby([*keys, "_jenis"], dropna=False)["pagu"].sum()
                 .unstack("_jenis", fill_value=0).reindex(totals.index, fill_value=0))
    weights = per_jenis.to_numpy(dtype="int64").reshape(len(totals), len(per_jenis.columns))
    codes = {jb: status.target_persen_times100(value) for jb, value in goals.items()}
    factors = np.array([codes.get(jb, 0) for jb in per_jenis.columns], dtype="int64")
    carried = weights * np.array([jb in codes for jb in per_jenis.columns], dtype=bool)
    result = totals.index.to_frame(index=False)
    result["kebutuhan"] = status._needed(totals["pagu"].to_numpy(dtype="int64"),
                                         totals["realisasi"].to_numpy(dtype="int64"), carried, factors)
    return result


@pytest.mark.parametrize("keys", [["kdunit"], ["jenis_belanja"], ["kdunit", "kdsatker"],
                                  ["kdunit", "kdsatker", "kdppk"], ["kdsatker", "jenis_belanja"]])
def test_needed_by_group_sums_as_grouping_twice_did(keys):
    rng = np.random.default_rng(len(keys))
    rows = 3_000
    pagu = rng.integers(0, 10**13, rows)
    pagu[:3] = 2**60  # above 2^53, and products with the targets beyond int64: the exact path
    grain = pd.DataFrame({"kdunit": rng.choice(["01", "05", "09"], rows),
                          "kdsatker": rng.choice([f"{i:06d}" for i in range(400)], rows),
                          "kdppk": rng.choice(["01", "02", "03"], rows),
                          "jenis_belanja": rng.choice(["51", "52", "53", "57", "59"], rows),  # 59 has no target
                          "pagu": pagu, "realisasi": rng.integers(0, 10**12, rows)}).astype(
        {"kdunit": "str", "kdsatker": "str", "kdppk": "str", "jenis_belanja": "str"})
    goals = {"51": 20.0, "52": 15.5, "53": 6.67, "57": 25.0}
    got = status.needed_by_group(grain, goals, keys)
    pd.testing.assert_frame_equal(got, _needed_by_grouping_twice(grain, goals, keys), check_exact=True)
    assert (got["kebutuhan"].fillna(0) > 0).any()  # something is needed, so the sums were compared


def _with_targets_reference(grain: pd.DataFrame, targets: dict[str, float]) -> pd.DataFrame:
    """summary.with_targets as it was: a copy of the grain with the two columns set on it."""
    from monev.domain import summary

    frame = grain.copy()
    target = summary.target_of(frame["jenis_belanja"], targets)
    frame["pagu_bertarget"] = frame["pagu"].where(target.notna(), 0)
    frame["pagu_x_target"] = (frame["pagu_bertarget"] * target.fillna(0.0)).astype(float)
    return frame


@pytest.mark.parametrize("pagu_dtype", ["int64", "Int64", "float64"])
def test_with_targets_by_arrays_and_by_the_callers_codes_is_the_copy_with_columns_set(pagu_dtype):
    from monev.domain import codes, summary

    rng = np.random.default_rng(61)
    n = 500
    jenis = pd.array(rng.choice(np.array(["51", "52", "53", "57", None], dtype=object), n), dtype="str")
    grain = pd.DataFrame({"kdsatker": pd.array(rng.choice(["1", "2"], n), dtype="str"), "jenis_belanja": jenis,
                          "pagu": pd.array(rng.integers(-10**14, 10**15, n), dtype=pagu_dtype)},
                         index=rng.permutation(n))
    targets = {"51": 23.45, "52": 17.0, "57": 99.99, "59": 1.0}  # 53 and a missing one without a target
    expected = _with_targets_reference(grain, targets)
    pd.testing.assert_frame_equal(summary.with_targets(grain, targets), expected, check_exact=True)
    pd.testing.assert_frame_equal(summary.with_targets(grain, targets, codes.key_codes(grain["jenis_belanja"])),
                                  expected, check_exact=True)
