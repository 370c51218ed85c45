"""monev.domain.codes' grouping by key codes: the group numbers are groupby's ngroup, with the
keys' codes combined into one integer or (too many for int64) grouped by pandas; a result's own
codes group it again as its texts would; and the projection's rows take their codes from their
grouping of the grain, which groups them as their texts would."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev.domain import codes
from monev.domain.period import Period
from monev.views import projection as view
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b


def _frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    pick = lambda values: [values[i] if i < len(values) else None for i in rng.integers(0, len(values) + 1, n)]  # noqa: E731
    text = lambda values: pd.array(pick(values), dtype="str")  # noqa: E731
    return pd.DataFrame({"kdunit": text(["05", "01", "12", "1"]), "kdsatker": text(["400", "0399", "401", "40", "É"]),
                         "kdppk": text(["01", "02"]), "jenis_belanja": text(["53", "51", "52"]),
                         "pagu": rng.integers(-10**15, 10**15, n),
                         # float sums whose result depends on each group's summing order
                         "x": rng.choice([0.1, 1e17, -1e17, 3.3, 0.0], n) * rng.random(n)})


KEYS = [["kdunit", "kdsatker", "kdppk", "jenis_belanja"], ["jenis_belanja", "kdunit"], ["kdppk"]]


@pytest.mark.parametrize("combined", [True, False])
@pytest.mark.parametrize("dropna", [True, False])
def test_group_numbers_and_sums_are_the_text_groupbys(monkeypatch, combined, dropna):
    if not combined:  # the path for keys too many to combine in int64
        monkeypatch.setattr(codes, "COMBINED_BELOW", 1.0)
    frame, kept = _frame(3000, 5), {}
    for keys in KEYS:
        group, first = codes.numbered(frame, keys, kept, dropna)
        grouped = frame.groupby(keys, sort=True, dropna=dropna)
        assert group.tolist() == grouped.ngroup().fillna(-1).astype("int64").tolist()
        assert first.tolist() == [int(np.flatnonzero(group == g)[0]) for g in range(grouped.ngroups)]
        for summed in (codes.grouped_sums, codes.grouped_totals):
            pd.testing.assert_frame_equal(summed(frame, keys, ["pagu", "x"], kept, dropna),
                                          grouped[["pagu", "x"]].sum().reset_index(), check_exact=True)


@pytest.mark.parametrize("dropna", [True, False])
def test_a_results_codes_group_it_as_its_texts(dropna):
    frame = _frame(3000, 11)
    result_codes: dict = {}
    result = codes.grouped_sums(frame, KEYS[0], ["pagu", "x"], {}, dropna, result_codes=result_codes)
    for keys in (["kdunit", "kdsatker"], ["kdsatker", "jenis_belanja"], ["kdppk"]):
        expected = result.groupby(keys, sort=True, dropna=dropna)[["pagu", "x"]].sum().reset_index()
        pd.testing.assert_frame_equal(codes.grouped_sums(result, keys, ["pagu", "x"], dict(result_codes), dropna),
                                      expected, check_exact=True)


def test_no_rows_and_every_row_dropped():
    frame = _frame(50, 3)
    for part in (frame.iloc[:0], frame[frame["kdppk"].isna()]):
        expected = part.groupby(KEYS[0], sort=True)[["pagu", "x"]].sum().reset_index()
        for summed in (codes.grouped_sums, codes.grouped_totals):
            pd.testing.assert_frame_equal(summed(part, KEYS[0], ["pagu", "x"], {}), expected,
                                          check_exact=True, check_index_type=False)


@pytest.mark.parametrize("scope", [EVERYTHING, Scope(units=("05",)), Scope(ppks=((b.S1, "02"),))])
@pytest.mark.parametrize("bulan", [2, 12])
def test_the_rows_codes_are_their_own_texts_codes(engine, scope, bulan):
    for filters in (Filters(), Filters(jenis_belanja=("52",))):
        shared = view.basis(engine, Period(b.THANG, bulan), scope=scope, filters=filters)
        if shared.rows.empty:
            continue
        for key, (code, uniques, _missing) in shared.codes.items():
            # ranks among sorted texts: the same order as the column's own codes
            own, _ = pd.factorize(shared.rows[key], sort=True)
            assert uniques.take(code).tolist() == shared.rows[key].tolist()
            assert (np.argsort(code, kind="stable") == np.argsort(own, kind="stable")).all()


def _usual_reference(rows: pd.DataFrame, keys: list[str], bulan: int, deadlines: dict[str, int]) -> pd.DataFrame:
    """view._usual as it was: grouped by the key texts."""
    from monev.domain import attention, projection

    usual = {name: projection.usual_after(rows, bulan, until) for name, until in deadlines.items()}
    grouped = rows[keys].assign(**usual).groupby(keys, sort=True)
    sums = grouped[list(deadlines)].sum().reset_index()
    group = grouped.ngroup().to_numpy()
    kept = group >= 0
    basis, names = pd.factorize(projection.realism_basis(rows), use_na_sentinel=False)
    names = np.asarray(names, dtype=object)
    pairs = pd.DataFrame({"group": group[kept].astype("int64"), "basis": basis[kept],
                          "realisasi": rows["realisasi"].to_numpy(dtype="float64").clip(min=0.0)[kept]})
    bases = pairs.groupby(["group", "basis"], as_index=False)["realisasi"].sum()
    rank = np.argsort(np.argsort(names))
    bases = bases.iloc[np.lexsort((rank[bases["basis"]], -bases["realisasi"].to_numpy(), bases["group"].to_numpy()))]
    texts = names[bases["basis"].to_numpy()]
    sums["dasar_realistis"] = pd.Series(attention.joined(texts, bases["group"].to_numpy(), len(sums), ", "),
                                        dtype="str")
    return sums


@pytest.mark.parametrize("scope", [EVERYTHING, Scope(units=("05",)), Scope(satkers=(b.S1, b.S3)),
                                   Scope(ppks=((b.S1, "02"),))])
@pytest.mark.parametrize("bulan", [1, 5, 9, 12])
def test_catch_ups_groupings_by_codes_are_the_text_groupbys(engine, scope, bulan):
    from monev.domain import status, summary

    for filters in (Filters(), Filters(jenis_belanja=("51",))):
        shared = view.basis(engine, Period(b.THANG, bulan), scope=scope, filters=filters)
        if shared.grain.empty:
            continue
        weighted = summary.with_targets(shared.grain, shared.month_goals(bulan))
        goals = {"_q": shared.month_goals(3), "_y": shared.year_end}
        for keys in (["kdunit", "kdsatker"], ["kdunit", "kdsatker", "kdppk"]):
            pd.testing.assert_frame_equal(summary.rollup(weighted, keys, shared.grain_codes),
                                          summary.rollup(weighted, keys), check_exact=True)
            per_jenis = shared.per_jenis(keys)
            pd.testing.assert_frame_equal(
                status.needed_by_groups(per_jenis, goals, keys, shared.jenis_codes[("per_jenis", *keys)]),
                status.needed_by_groups(per_jenis, goals, keys), check_exact=True)
            deadlines = {"_pola_q": 3 * ((min(bulan + 1, 12) - 1) // 3 + 1), "_pola_y": 12}
            pd.testing.assert_frame_equal(view._usual(shared.rows, keys, bulan, deadlines, shared.codes),
                                          _usual_reference(shared.rows, keys, bulan, deadlines), check_exact=True)


def test_needed_by_groups_by_codes_keeps_groups_missing_a_key_last():
    from monev.domain import status

    frame = _frame(400, 17).rename(columns={"x": "realisasi"})
    frame["pagu"] = frame["pagu"].abs() // 1000
    frame["realisasi"] = (frame["realisasi"].abs() * 1e-6).astype("int64")
    goals = {"_q": {"51": 25.5, "52": 30.0}, "_y": {"51": 95.0, "52": 90.25, "53": 80.0}}
    for keys in (["kdunit", "kdsatker"], ["kdunit", "kdsatker", "kdppk"]):
        expected = status.needed_by_groups(frame, goals, keys)
        assert expected[keys].isna().any().any()
        pd.testing.assert_frame_equal(status.needed_by_groups(frame, goals, keys, {}), expected, check_exact=True)


SELECTIONS = [(EVERYTHING, Filters()), (Scope(units=("05",)), Filters()), (Scope(satkers=(b.S1, b.S3)), Filters()),
              (Scope(ppks=((b.S1, "02"),)), Filters()), (EVERYTHING, Filters(jenis_belanja=("52",))),
              (Scope(units=("99",)), Filters())]


@pytest.mark.parametrize("scope,filters", SELECTIONS)
@pytest.mark.parametrize("bulan", [1, 7, 12])
def test_the_basis_grain_is_the_budget_grain_with_its_names_put_on_by_satker(engine, scope, filters, bulan):
    from monev import reports

    period = Period(b.THANG, bulan)
    shared = view.basis(engine, period, scope=scope, filters=filters)
    expected = reports.budget_grain(engine, period, scope=scope, filters=filters)[view.GRAIN_COLUMNS]
    pd.testing.assert_frame_equal(shared.grain, expected, check_exact=True)
    for key in ("kdsatker", "nmsatker"):  # codes from the satker's names rank the rows as their own
        if not shared.grain.empty:
            code, uniques, _missing = shared.grain_codes[key]
            assert uniques.take(code).tolist() == shared.grain[key].tolist()


def test_names_not_one_row_per_satker_are_not_put_on():
    text = lambda values: pd.array(values, dtype="str")  # noqa: E731
    coded = pd.DataFrame({"kdunit": text(["01", "01"]), "kdsatker": text(["1", "2"]), "kdppk": text(["01", "01"]),
                          "jenis_belanja": text(["51", "52"]), "pagu": [1, 2], "blokir": [0, 0], "realisasi": [1, 1]})
    names = pd.DataFrame({"kdunit": text(["01", "01"]), "nmunit": text(["U", "U"]), "kdsatker": text(["1", "2"]),
                          "nmsatker": text(["A", None])})
    named = view._named(coded, names, {})
    assert named["nmsatker"].isna().tolist() == [False, True] and list(named) == view.GRAIN_COLUMNS
    assert view._named(coded, names.iloc[:1], {}) is None  # a satker without its names row
    assert view._named(coded, pd.concat([names, names.iloc[:1]]), {}) is None  # a satker named twice


@pytest.mark.parametrize("dropna", [True, False])
def test_rows_already_in_their_groups_order_are_numbered_along(dropna):
    frame = _frame(2000, 23)
    for keys in KEYS:
        ordered = frame.sort_values(keys, na_position="last", kind="stable").reset_index(drop=True)
        group, first = codes.numbered(ordered, keys, {}, dropna)
        grouped = ordered.groupby(keys, sort=True, dropna=dropna)
        assert group.tolist() == grouped.ngroup().fillna(-1).astype("int64").tolist()
        assert first.tolist() == [int(np.flatnonzero(group == g)[0]) for g in range(grouped.ngroups)]
        for summed in (codes.grouped_sums, codes.grouped_totals):
            pd.testing.assert_frame_equal(summed(ordered, keys, ["pagu", "x"], {}, dropna),
                                          grouped[["pagu", "x"]].sum().reset_index(), check_exact=True)


@pytest.mark.parametrize("scope,filters", SELECTIONS[:5])
@pytest.mark.parametrize("bulan", [4, 12])
def test_names_put_on_by_position_are_the_merge_with_the_grains_names(engine, scope, filters, bulan):
    shared = view.basis(engine, Period(b.THANG, bulan), scope=scope, filters=filters)
    if shared.grain.empty:
        return
    names = shared.grain[["kdsatker", "nmsatker", "nmunit"]].drop_duplicates("kdsatker")  # names() as it was
    for frame in (shared.level("per_ppk")[["kdunit", "kdsatker", "kdppk", "proyeksi"]],
                  shared.per_jenis(["kdunit", "kdsatker"])):
        expected = frame.merge(names, on="kdsatker", how="left")
        pd.testing.assert_frame_equal(view._with_names(frame, shared.names()), expected, check_exact=True)


def test_names_put_on_by_merge_where_a_satker_has_none_or_a_column_is_there():
    text = lambda values: pd.array(values, dtype="str")  # noqa: E731
    names = pd.DataFrame({"kdsatker": text(["1", "2"]), "nmsatker": text(["A", "B"]), "nmunit": text(["U", None])})
    frame = pd.DataFrame({"kdsatker": text(["2", "3", "1", "2"]), "pagu": [1, 2, 3, 4]}, index=[5, 6, 7, 8])
    for part in (frame, frame.iloc[[0, 2, 3]], frame.iloc[:0], frame.assign(nmunit="x").iloc[[0, 2]]):
        pd.testing.assert_frame_equal(view._with_names(part, names), part.merge(names, on="kdsatker", how="left"),
                                      check_exact=True)


@pytest.mark.parametrize("dropna", [True, False])
def test_totals_add_int64_by_position_and_leave_floats_and_other_dtypes_to_the_groupby(dropna):
    frame = _frame(3000, 31)
    # int64 sums wrap past 2^63 as the groupby's do; a nullable Int64 column and a float column
    # with a missing value (which sends pandas' float sums to its compensated loop) stay pandas'
    frame["pagu"] = frame["pagu"] * 4000
    frame["n"] = pd.array(np.where(np.arange(3000) % 7 == 0, None, np.arange(3000)), dtype="Int64")
    frame["y"] = frame["x"].where(np.arange(3000) != 5)
    for keys in KEYS:
        expected = frame.groupby(keys, sort=True, dropna=dropna)[["pagu", "n", "x", "y"]].sum().reset_index()
        pd.testing.assert_frame_equal(codes.grouped_totals(frame, keys, ["pagu", "n", "x", "y"], {}, dropna),
                                      expected, check_exact=True)


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("flat_named", [False, True])
@pytest.mark.parametrize("one", [None, "RPD"])
def test_usual_orders_each_groups_bases_as_the_text_groupby(big, flat_named, one):
    """Groups resting on one or several bases (tied realization ordered by name), rows without a
    basis (the flat curve), realization past 2^52 (the float sums' path), and a dasar that is the
    flat curve's name already (one basis under two dasar); `one`: every group on one basis."""
    from monev.domain import projection

    rng = np.random.default_rng(41)
    n = 400
    text = lambda values: pd.array(values, dtype="str")  # noqa: E731
    dasar = rng.choice(["riwayat satker", "RPD", projection.BASIS_NONE, "riwayat unit"], n)
    if flat_named:
        dasar[:5] = projection.BASIS_FLAT
    if one is not None:
        dasar = np.where(np.arange(n) % 3 == 0, one, "riwayat unit" if flat_named else projection.BASIS_NONE)
    rows = pd.DataFrame({"kdunit": text(rng.choice(["01", "05"], n)), "kdsatker": text(rng.choice(["1", "2", "3"], n)),
                         "dasar": text(dasar), "share": rng.random(n) + 0.01, "share_6": rng.random(n) + 0.5,
                         "share_12": np.ones(n),
                         "realisasi": rng.choice([0, -5, 7, 10**6, 2**60 if big else 3], n).astype("int64")})
    if one is not None:  # the groups: the rows' dasar
        rows["kdunit"] = rows["kdsatker"] = text(np.where(np.arange(n) % 3 == 0, "1", "2"))
    rows = rows.sort_values(["kdunit", "kdsatker"], kind="stable").reset_index(drop=True)
    deadlines = {"_pola_q": 6, "_pola_y": 12}
    pd.testing.assert_frame_equal(view._usual(rows, ["kdunit", "kdsatker"], 4, deadlines, {}),
                                  _usual_reference(rows, ["kdunit", "kdsatker"], 4, deadlines), check_exact=True)


@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("missing", [False, True])
def test_totals_of_rows_in_runs_with_dropped_rows_first_are_the_groupbys_floats(dropna, missing):
    """Rows in their groups' order, those missing a key first (dropped, or a group of their own
    last): the floats summed over the runs as pandas sums them there, to the bit (groups of a
    thousand rows, where pairwise summing differs from adding along), unless one is missing."""
    frame = _frame(3000, 37)
    frame["y"] = frame["x"] * 3.7
    if missing:
        frame.loc[11, "y"] = np.nan
    for keys in KEYS:
        ordered = frame.sort_values(keys, na_position="first", kind="stable").reset_index(drop=True)
        if not dropna:  # missing keys last, as their group is
            ordered = frame.sort_values(keys, na_position="last", kind="stable").reset_index(drop=True)
        expected = ordered.groupby(keys, sort=True, dropna=dropna)[["pagu", "x", "y"]].sum().reset_index()
        pd.testing.assert_frame_equal(codes.grouped_totals(ordered, keys, ["pagu", "x", "y"], {}, dropna), expected,
                                      check_exact=True)


def test_needed_by_groups_reads_the_callers_jenis_belanja_codes_even_among_more_uniques():
    """Codes among uniques the frame does not all have (a jenis belanja absent from it weighs 0),
    missing ones included: the same needs as factorizing the frame's own."""
    from monev.domain import status

    frame = _frame(400, 19).rename(columns={"x": "realisasi"})
    frame["pagu"] = frame["pagu"].abs() // 1000
    frame["realisasi"] = (frame["realisasi"].abs() * 1e-6).astype("int64")
    goals = {"_q": {"51": 25.5, "52": 30.0, "54": 10.0}, "_y": {"51": 95.0, "52": 90.25, "53": 80.0}}
    wider = pd.concat([frame["jenis_belanja"], pd.Series(["54", "50"], dtype="str")], ignore_index=True)
    code, uniques, missing = codes.key_codes(wider)
    for keys in (["kdunit", "kdsatker"], ["kdunit", "kdsatker", "kdppk"]):
        kept = {"jenis_belanja": (code[:len(frame)], uniques, missing)}
        pd.testing.assert_frame_equal(status.needed_by_groups(frame, goals, keys, kept),
                                      status.needed_by_groups(frame, goals, keys), check_exact=True)


def test_first_of_gives_each_groups_first_position():
    group = np.array([2, 0, 2, 1, 0, 1, 3])
    expected = pd.Series(np.arange(len(group))).groupby(group).first().to_numpy()
    assert codes.first_of(group).tolist() == expected.tolist() == [1, 3, 0, 6]
    assert codes.first_of(np.array([], dtype="int64")).tolist() == []
