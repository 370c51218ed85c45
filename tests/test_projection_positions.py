"""The projection's rows find their curves by their key codes (codes.matched) rather than by a
merge on the key texts: the same row of the curves for every row (none where the merge finds
none), and the same projection to the bit, with curves at every level, the RPD and rows no curve
serves; where the codes cannot stand for the merge (a key missing, curves not one row per keys)
matched() says so and project() merges."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monev.domain import codes, projection

LEVELS = [("satker", ["kdsatker", "jenis_belanja"]), ("unit", ["kdunit", "nmunit", "jenis_belanja"]),
          ("jenis belanja", ["jenis_belanja"])]
KEYS = ["kdunit", "nmunit", "kdsatker", "jenis_belanja", "kdppk"]


def _text(rng, values, n, missing=False):
    pool = list(values) + ([None] if missing else [])
    return pd.array([pool[i] for i in rng.integers(0, len(pool), n)], dtype="str")


def _merged_rows(frame: pd.DataFrame, keys: list[str], other: pd.DataFrame) -> list[int]:
    found = frame[keys].merge(other[keys].assign(_row=np.arange(len(other))), on=keys, how="left")["_row"]
    return found.fillna(-1).astype("int64").tolist()


@pytest.mark.parametrize("distinct", [5, 300])  # a table of the combined codes; too many: a hash index
def test_matched_rows_are_the_merges(distinct):
    rng = np.random.default_rng(distinct)
    values = [f"{i:03d}" for i in range(distinct)] + ["É", "0"]
    frame = pd.DataFrame({key: _text(rng, values, 2000) for key in ("a", "b", "c")})
    # other: one row per keys, some keys the frame lacks, some texts it has not at all
    other = pd.concat([frame.sample(600, random_state=distinct),
                       pd.DataFrame({key: _text(rng, values + ["zz"], 900, missing=True) for key in ("a", "b", "c")})])
    other = other[other["a"] != "0"].drop_duplicates(["a", "b", "c"]).iloc[::-1].reset_index(drop=True)
    kept: codes.Codes = {key: codes.key_codes(frame[key]) for key in frame}
    for keys in (["a"], ["b", "a"], ["a", "b", "c"]):
        unique = other.drop_duplicates(keys)
        got = codes.matched(kept, keys, unique)
        assert got.dtype == np.int64 and got.tolist() == _merged_rows(frame, keys, unique)
        assert (got >= 0).any() and (got < 0).any()


def test_matched_gives_way_to_the_merge_where_it_cannot_stand_for_it():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"a": _text(rng, ["1", "2"], 50), "b": _text(rng, ["1", "2"], 50, missing=True)})
    kept: codes.Codes = {key: codes.key_codes(frame[key]) for key in frame}
    other = pd.DataFrame({"a": pd.array(["1", "2", "1"], dtype="str"), "b": pd.array(["1", "1", "2"], dtype="str")})
    assert codes.matched(kept, ["a"], other) is None  # "1" twice: the merge would repeat rows
    assert codes.matched(kept, ["a", "b"], other) is None  # b missing in some rows: merged missing to missing
    assert codes.matched(kept, ["a"], other.iloc[:2]).tolist() == _merged_rows(frame, ["a"], other.iloc[:2])
    assert codes.matched(kept, ["a"], other.iloc[:0]).tolist() == [-1] * len(frame)


def _inputs(seed: int):
    """Rows at the projection's grain (sorted by its keys) with their codes, a history at the
    satker grain and a plan: some rows served by their satker's curve, some by their unit's or
    the jenis belanja's, some by the RPD only, some by nothing."""
    rng = np.random.default_rng(seed)
    n = 3000
    satker = [f"{i:06d}" for i in range(60)]
    rows = pd.DataFrame({"kdsatker": _text(rng, satker, n), "jenis_belanja": _text(rng, ["51", "52", "53", "57"], n),
                         "kdppk": _text(rng, ["01", "02", "03"], n)})
    rows["kdunit"] = pd.array([f"{int(s) % 7:02d}" for s in rows["kdsatker"]], dtype="str")
    rows["nmunit"] = pd.array([f"Unit {int(s) % 7}" for s in rows["kdsatker"]], dtype="str")
    rows = rows.drop_duplicates(["kdsatker", "jenis_belanja", "kdppk"]).sort_values(KEYS, kind="stable")
    rows = rows[KEYS].reset_index(drop=True)
    rows["pagu"] = rng.integers(10**6, 10**12, len(rows))
    rows["blokir"] = rng.integers(0, 10**5, len(rows))
    rows["realisasi"] = rng.integers(-10**4, 10**11, len(rows))
    monthly = []
    for tahun in (2021, 2022, 2023):
        for s in satker[: 40 + tahun - 2021]:  # 20 satker without a history of their own
            for jb in ("51", "52", "53"):  # "57" only by the RPD or nothing
                for bulan in range(1, 13):
                    monthly.append(dict(kdunit=f"{int(s) % 7:02d}", nmunit=f"Unit {int(s) % 7}", kdsatker=s,
                                        jenis_belanja=jb, tahun=tahun, bulan=bulan,
                                        realisasi=int(rng.integers(-10**3, 10**6))))
    history = projection.by_month(pd.DataFrame(monthly), ["kdunit", "nmunit", "kdsatker", "jenis_belanja"])
    history = history[~((history["kdunit"] == "03") & (history["jenis_belanja"] == "53"))]  # unit 3 lacks 53
    plan = pd.DataFrame({"kdsatker": pd.array(np.repeat(satker[30:] + ["999999"], 2), dtype="str"),
                         "jenis_belanja": pd.array(["57", "53"] * 31, dtype="str")})
    for month in range(1, 13):
        plan[f"rpd_{month}"] = pd.array([None if rng.random() < 0.2 else int(v)
                                         for v in rng.integers(0, 10**7, len(plan))], dtype="Int64")
    row_codes: codes.Codes = {}
    codes.numbered(rows, KEYS, row_codes)  # the rows' codes, as their grouping keeps them
    return rows, history, plan, row_codes


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("bulan", [1, 6, 12])
def test_projected_by_codes_is_projected_by_merge(seed, bulan):
    rows, history, plan, row_codes = _inputs(seed)
    ahead = tuple(sorted({3 * ((bulan - 1) // 3 + 1), 12}))
    expected = projection.project(rows, bulan, history, LEVELS, plan, ["kdsatker", "jenis_belanja"], ahead=ahead)
    got = projection.project(rows, bulan, history, LEVELS, plan, ["kdsatker", "jenis_belanja"], ahead=ahead,
                             codes=row_codes)
    assert set(expected["dasar"]) == {"riwayat satker", "riwayat unit", "riwayat jenis belanja", "RPD",
                                      "tanpa dasar"}
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def _plan_curves_reference(plan: pd.DataFrame, keys: list[str], bulan: int, ahead: tuple[int, ...]) -> pd.DataFrame:
    """projection._plan_curves as it was: every month's cumulative plan by cumsum."""
    cumulative = plan[projection.PLAN_MONTHS].to_numpy(dtype="float64", na_value=0.0).cumsum(axis=1)
    kept = cumulative[:, -1] > 0
    shares = np.clip(cumulative[kept] / cumulative[kept, -1:], 0.0, None)
    at = plan.loc[kept, keys].reset_index(drop=True)
    share = shares[:, bulan - 1]
    at["share"], at["tahun_riwayat"], at["share_min"], at["share_max"] = share, 1, share, share
    at["share_min_positif"] = np.where(share > 0, share, np.nan)
    for month in ahead:
        at[f"share_{month}"] = shares[:, month - 1]
    return at


@pytest.mark.parametrize("dtype", ["Int64", "float64", "int64"])  # as the plan's months may come back
@pytest.mark.parametrize("bulan", [1, 5, 12])
def test_plan_curves_summed_at_the_months_read_are_cumsums(bulan, dtype):
    """Rupiah past 2^53 and corrections (negative months), so that a different order of adding
    would round differently; months without a plan (but in int64); plans whose total is not
    positive."""
    rng = np.random.default_rng(bulan)
    n = 500
    plan = pd.DataFrame({"kdsatker": pd.array([f"{i:06d}" for i in range(n)], dtype="str"),
                         "jenis_belanja": pd.array(["51"] * n, dtype="str")})
    for month in range(1, 13):
        values = rng.integers(-2**55, 2**57, n) // rng.choice([1, 2**20, 2**40], n)
        planned = pd.array([None if rng.random() < 0.15 else int(v) for v in values], dtype="Int64")
        plan[f"rpd_{month}"] = planned.fillna(0).astype("int64") if dtype == "int64" else planned.astype(dtype)
    ahead = tuple(sorted({3 * ((bulan - 1) // 3 + 1), 12}))
    got = projection._plan_curves(plan, ["kdsatker", "jenis_belanja"], bulan, ahead)
    expected = _plan_curves_reference(plan, ["kdsatker", "jenis_belanja"], bulan, ahead)
    assert 0 < len(got) < n
    pd.testing.assert_frame_equal(got[list(expected)], expected, check_exact=True)


def test_no_rows_projected_keep_their_columns_types():
    rows, history, plan, row_codes = _inputs(1)
    got = projection.project(rows.iloc[:0], 6, history, LEVELS, plan, ["kdsatker", "jenis_belanja"], ahead=(12,),
                             codes={key: (code[:0], uniques, missing) for key, (code, uniques, missing)
                                    in row_codes.items()})
    assert got.empty and got["dasar"].dtype == object and got["tahun_riwayat"].dtype == np.int64


def _grain(seed: int, n: int = 3000) -> pd.DataFrame:
    """A budget grain: rows per satker x PPK x jenis belanja (some twice, as the text groupby
    would sum them), the satker's unit and names, a unit without a name."""
    rng = np.random.default_rng(seed)
    satker = np.array([f"{i:06d}" for i in rng.permutation(200)], dtype=object)
    s = rng.integers(0, len(satker), n)
    unit = s % 9
    grain = pd.DataFrame({"kdunit": pd.array([f"{u:02d}" for u in unit], dtype="str"),
                          "nmunit": pd.array([None if u == 4 else f"Unit {'É' if u == 2 else u}" for u in unit],
                                             dtype="str"),
                          "kdsatker": pd.array(satker[s], dtype="str"),
                          "nmsatker": pd.array([f"Satker {v % 150}" for v in s], dtype="str"),
                          "kdppk": _text(rng, ["01", "02", "10"], n),
                          "jenis_belanja": _text(rng, ["51", "52", "53"], n),
                          "pagu": rng.integers(-10**15, 10**15, n), "blokir": rng.integers(0, 10**9, n),
                          "realisasi": rng.integers(-10**12, 10**14, n)})
    return grain.sort_values(["kdunit", "kdsatker", "kdppk", "jenis_belanja"], kind="stable").reset_index(drop=True)


PROJECTION_KEYS = ["kdunit", "nmunit", "kdsatker", "jenis_belanja", "nmsatker", "kdppk"]


@pytest.mark.parametrize("unique", [True, False])
def test_current_is_the_text_groupby_with_its_codes(unique):
    from monev.views import projection as view

    grain = _grain(7)
    if unique:  # the warehouse's grain: one row per satker x PPK x jenis belanja
        grain = grain.drop_duplicates(["kdsatker", "kdppk", "jenis_belanja"]).reset_index(drop=True)
    grain_codes, result_codes = {}, {}
    got = view._current(grain, PROJECTION_KEYS, grain_codes, result_codes)
    expected = grain.assign(nmunit=grain["nmunit"].fillna("")).groupby(PROJECTION_KEYS, sort=True)[
        ["pagu", "blokir", "realisasi"]].sum().reset_index()
    assert (len(expected) == len(grain)) is unique
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    for key in PROJECTION_KEYS:
        code, uniques, _missing = result_codes[key]
        assert uniques.take(code).tolist() == got[key].tolist()
        if key != "nmunit":  # the grain's own, for its other groupings
            assert grain_codes[key][1].take(grain_codes[key][0]).tolist() == grain[key].tolist()


def test_ordered_rows_are_the_groupbys_groups_order():
    grain = _grain(11).drop_duplicates(["kdsatker", "kdppk", "jenis_belanja"])
    kept: codes.Codes = {}
    for keys in (PROJECTION_KEYS[:1] + PROJECTION_KEYS[2:], ["jenis_belanja", "kdppk", "kdsatker"]):
        order = codes.ordered(grain, keys, kept)
        assert order.tolist() == np.argsort(grain.groupby(keys, sort=True).ngroup().to_numpy()).tolist()
    assert codes.ordered(grain, ["kdunit", "kdppk"], kept) is None  # rows sharing their keys
    assert codes.ordered(grain, ["nmunit", "kdsatker", "kdppk", "jenis_belanja"], kept) is None  # a missing key


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="0159AZaz É\u00e9\u1e9e\U0001f600", max_size=4), st.none()), max_size=40))
def test_ranked_codes_are_key_codes(values):
    """Arrow's dense rank orders texts as pandas' factorize sorts them (by code point); with a
    missing text ranked_codes is key_codes itself."""
    series = pd.Series(values, dtype="str")
    code, uniques, missing = codes.ranked_codes(series)
    expected_code, expected_uniques, expected_missing = codes.key_codes(series)
    assert code.dtype == expected_code.dtype and code.tolist() == expected_code.tolist()
    pd.testing.assert_index_equal(uniques, expected_uniques, exact=True)
    assert missing == expected_missing


def test_ranked_codes_of_texts_in_several_chunks():
    """A column put together from two frames is two Arrow chunks: ranked as one."""
    series = pd.concat([pd.Series(["b", "a", "É"], dtype="str"), pd.Series(["c", "a", "b"], dtype="str")],
                       ignore_index=True)
    code, uniques, missing = codes.ranked_codes(series)
    expected_code, expected_uniques, expected_missing = codes.key_codes(series)
    assert code.tolist() == expected_code.tolist() and missing == expected_missing == -1
    pd.testing.assert_index_equal(uniques, expected_uniques, exact=True)
