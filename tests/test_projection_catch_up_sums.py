"""The catch-up's projection per satker (or PPK) summed from the projected rows by its own grouping
(monev.views.projection._projected_per) is the level's (Basis.level) columns it reads, and gives way
to the level where the level's name keys would split a group."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev.domain import codes
from monev.domain.period import Period
from monev.views import projection as view
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b

LEVELS = {"per_satker": ["kdunit", "kdsatker"], "per_ppk": ["kdunit", "kdsatker", "kdppk"]}


@pytest.mark.parametrize("scope,filters", [(EVERYTHING, Filters()), (Scope(units=("05",)), Filters()),
                                           (Scope(ppks=((b.S1, "02"),)), Filters()),
                                           (EVERYTHING, Filters(jenis_belanja=("52",)))])
@pytest.mark.parametrize("bulan", [2, 12])
@pytest.mark.parametrize("name", list(LEVELS))
def test_summed_per_group_is_the_levels_projection(engine, scope, filters, bulan, name):
    shared = view.basis(engine, Period(b.THANG, bulan), scope=scope, filters=filters)
    if shared.grain.empty:
        return
    keys = LEVELS[name]
    got = view._projected_per(shared, name, keys, codes.numbered(shared.rows, keys, shared.codes))
    assert name not in shared.levels  # summed here, not taken from the level
    expected = shared.level(name)[keys + ["proyeksi", "proyeksi_persen"]]
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def _basis(nmsatker: list) -> view.Basis:
    text = lambda values: pd.array(values, dtype="str")  # noqa: E731
    rows = pd.DataFrame({"kdunit": text(["01", "01", "01"]), "nmunit": text(["U", "U", "U"]),
                         "kdsatker": text(["1", "1", "2"]), "jenis_belanja": text(["51", "52", "51"]),
                         "nmsatker": text(nmsatker), "kdppk": text(["01", "01", "01"]),
                         **{column: [30, 0, 7] for column in ("pagu", "blokir", "realisasi", "batas")},
                         "proyeksi": [10, 5, 3], "proyeksi_bawah": [1, 1, 1], "proyeksi_atas": [20, 9, 4]})
    row_codes = {key: codes.key_codes(rows[key]) for key in view.GRAIN + ["nmsatker", "kdppk"]}
    return view.Basis(Period(b.THANG, 6), rows, pd.DataFrame(), rows, {"51": 90.0}, codes=row_codes)


@pytest.mark.parametrize("nmsatker,summed", [(["A", "A", "B"], True),  # one name per satker: summed per satker
                                             (["A", "A2", "B"], False),  # satker 1 named twice: two level rows
                                             (["A", "A", None], False)])  # a missing name: the level drops it
def test_names_splitting_or_missing_in_a_group_give_the_level(nmsatker, summed):
    keys = LEVELS["per_satker"]
    shared = _basis(nmsatker)
    got = view._projected_per(shared, "per_satker", keys, codes.numbered(shared.rows, keys, shared.codes))
    assert ("per_satker" not in shared.levels) == summed
    expected = _basis(nmsatker).level("per_satker")[keys + ["proyeksi", "proyeksi_persen"]]
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    if summed:
        assert got["proyeksi"].tolist() == [15, 3]


def _grain(missing: bool) -> pd.DataFrame:
    rng = np.random.default_rng(29)
    n = 600
    pick = lambda values: pd.array([values[i] for i in rng.integers(0, len(values), n)], dtype="str")  # noqa: E731
    grain = pd.DataFrame({"kdunit": pick(["05", "01", "12"]), "kdsatker": pick(["400", "0399", "401", "É"]),
                          "kdppk": pick(["01", "02"]), "jenis_belanja": pick(["53", "51", "52", "59"]),
                          # pagu past what int64 products with the targets hold: needed() in Python integers
                          "pagu": rng.choice([10**6, 10**9, 4 * 10**15, -10**7], n) * rng.integers(1, 9, n),
                          "blokir": 0, "realisasi": rng.integers(0, 10**9, n)})
    if missing:
        grain.loc[[3, 70], "kdsatker"] = None
    return grain.sort_values(["kdunit", "kdsatker", "kdppk", "jenis_belanja"], ignore_index=True)


@pytest.mark.parametrize("missing", [False, True])
@pytest.mark.parametrize("keys", list(LEVELS.values()))
def test_needed_from_the_grains_numbers_is_the_per_jenis_needs_merged(missing, keys):
    from monev.domain import status

    grain = _grain(missing)
    goals = {"_q": {"51": 25.5, "52": 30.0}, "_y": {"51": 95.0, "52": 90.25, "53": 80.13}}
    shared = view.Basis(Period(b.THANG, 6), grain, pd.DataFrame(), pd.DataFrame(), goals["_y"])
    numbers = codes.numbered(grain, keys, shared.grain_codes)
    figures = codes.grouped_totals(grain, keys, ["pagu", "realisasi"], shared.grain_codes, numbers=numbers)
    got = view._needed(shared, keys, goals, numbers, figures)
    assert (("per_jenis", *keys) in shared.cache) == missing  # by the grain's numbers where no key is missing
    expected = figures[keys].merge(status.needed_by_groups(grain, goals, keys), on=keys, how="left")
    assert list(got) == list(goals)
    for name in goals:
        pd.testing.assert_extension_array_equal(got[name], expected[name].array)
    assert expected["_y"].notna().any()


@pytest.mark.parametrize("scope,filters", [(EVERYTHING, Filters()), (Scope(units=("05",)), Filters()),
                                           (Scope(satkers=(b.S1, b.S3)), Filters()),
                                           (EVERYTHING, Filters(jenis_belanja=("52",)))])
def test_the_grains_codes_from_the_names_rows_are_its_columns_codes(engine, scope, filters):
    shared = view.basis(engine, Period(b.THANG, 7), scope=scope, filters=filters)
    assert not shared.grain.empty
    for key in ("kdunit", "nmunit", "kdsatker", "nmsatker", "jenis_belanja", "kdppk"):
        code, uniques, missing = shared.grain_codes[key]
        assert uniques.take(code).tolist() == shared.grain[key].tolist()
        assert list(uniques) == sorted(uniques) and missing == -1  # ranks among sorted values, as key_codes


@pytest.mark.parametrize("nmunit", [["U", "U", "V"], ["U", None, "V"]])
def test_named_grains_unit_names_codes_stand_for_the_filled_columns_in_current(nmunit):
    text = lambda values: pd.array(values, dtype="str")  # noqa: E731
    coded = pd.DataFrame({"kdunit": text(["01", "01", "02"]), "kdsatker": text(["2", "2", "1"]),
                          "kdppk": text(["01", "02", "01"]), "jenis_belanja": text(["51", "51", "52"]),
                          "pagu": [1, 2, 3], "blokir": [0, 0, 0], "realisasi": [1, 1, 1]})
    names = pd.DataFrame({"kdunit": text(["02", "01"]), "nmunit": text(nmunit[1:]), "kdsatker": text(["1", "2"]),
                          "nmsatker": text(["B", "A"])})
    grain_codes, row_codes = {}, {}
    grain = view._named(coded, names, grain_codes)
    keys = view.GRAIN + ["nmsatker", "kdppk"]
    got = view._current(grain, keys, grain_codes, row_codes)
    pd.testing.assert_frame_equal(got, view._current(grain, keys), check_exact=True)
    expected = grain.assign(nmunit=grain["nmunit"].fillna("")).groupby(keys, as_index=False, sort=True)[
        ["pagu", "blokir", "realisasi"]].sum()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    code, uniques, _missing = row_codes["nmunit"]
    assert uniques.take(code).tolist() == got["nmunit"].tolist()


def _catch_up_set_one_by_one(frame, bulan, needed_quarter, needed_year, usual_quarter, usual_year):
    """catch_up.catch_up as it was written: each column set in turn on a copy of the rows."""
    from monev.domain import catch_up as c
    from monev.domain.projection import round_half_up

    result = frame.copy()
    quarter = c.target_quarter(bulan)
    left_q, left_y = c.months_left(bulan, 3 * quarter), c.months_left(bulan, 12)
    speed = c.pace(result["realisasi"], bulan)
    usual_q = speed * left_q if usual_quarter is None else pd.Series(np.asarray(usual_quarter, dtype="float64"))
    usual_y = speed * left_y if usual_year is None else pd.Series(np.asarray(usual_year, dtype="float64"))
    result["triwulan_target"] = quarter
    result["sisa_bulan_triwulan"] = left_q
    result["kebutuhan_triwulan"] = needed_quarter.to_numpy()
    result["per_bulan_triwulan"] = c.per_month(result["kebutuhan_triwulan"], left_q)
    result["sisa_bulan_tahun"] = left_y
    result["kebutuhan_tahun"] = needed_year.to_numpy()
    result["per_bulan_tahun"] = c.per_month(result["kebutuhan_tahun"], left_y)
    result["laju_bulanan"] = round_half_up(speed.to_numpy())
    result["pola_triwulan"] = round_half_up(usual_q.to_numpy())
    result["pola_tahun"] = round_half_up(usual_y.to_numpy())
    result["realistis_triwulan"] = c.realistic(result["kebutuhan_triwulan"], usual_q)
    result["realistis_tahun"] = c.realistic(result["kebutuhan_tahun"], usual_y)
    return result


@pytest.mark.parametrize("bulan", [1, 3, 8, 12])
@pytest.mark.parametrize("n", [0, 5])
@pytest.mark.parametrize("missing", [False, True])
@pytest.mark.parametrize("usual", [False, True])
def test_catch_up_columns_made_at_once_are_those_set_one_by_one(bulan, n, missing, usual):
    from monev.domain import catch_up as c

    rng = np.random.default_rng(bulan + n)
    frame = pd.DataFrame({"kdsatker": pd.array([str(i) for i in range(n)], dtype="str"),
                          "realisasi": rng.integers(0, 10**12, n), "persen": rng.random(n)})
    need_q = pd.Series(pd.array([None if missing and i == 1 else int(v) for i, v in
                                 enumerate(rng.integers(0, 10**11, n))], dtype="Int64"))
    need_y = pd.Series(pd.array(rng.integers(0, 10**12, n), dtype="Int64"))
    usual_q, usual_y = (pd.Series(rng.random(n) * 1e11), pd.Series(rng.random(n) * 1e12)) if usual else (None, None)
    pd.testing.assert_frame_equal(c.catch_up(frame, bulan, need_q, need_y, usual_q, usual_y),
                                  _catch_up_set_one_by_one(frame, bulan, need_q, need_y, usual_q, usual_y),
                                  check_exact=True)


@pytest.mark.parametrize("bulan", [1, 6, 12])
def test_project_keeps_the_codes_of_each_rows_basis(engine, bulan):
    shared = view.basis(engine, Period(b.THANG, bulan), scope=EVERYTHING)
    code, uniques, missing = shared.codes["dasar"]
    assert uniques.take(code).tolist() == shared.rows["dasar"].tolist()
    assert list(uniques) == sorted(uniques) and missing == -1


@pytest.mark.parametrize("seed", [3, 4])
@pytest.mark.parametrize("flat_named", [False, True])
def test_usual_by_the_kept_basis_codes_is_usual_by_the_texts(seed, flat_named):
    from monev.domain import projection

    rng = np.random.default_rng(seed)
    n = 300
    labels = sorted([projection.BASIS_NONE, "riwayat satker", "riwayat unit", "RPD",
                     *([projection.BASIS_FLAT] if flat_named else [])])
    code = rng.integers(0, len(labels) - 1, n)  # the last label unused, as a label project() had but no row took
    rows = pd.DataFrame({"kdunit": pd.array(rng.choice(["01", "05"], n), dtype="str"),
                         "kdsatker": pd.array(rng.choice(["1", "2", "3"], n), dtype="str"),
                         "dasar": pd.array(np.array(labels, dtype=object)[code], dtype="str"),
                         "share": rng.random(n) + 0.01, "share_6": rng.random(n) + 0.5, "share_12": np.ones(n),
                         "realisasi": rng.choice([0, -5, 7, 10**6], n).astype("int64")})
    rows = rows.sort_values(["kdunit", "kdsatker"], kind="stable").reset_index(drop=True)
    code = pd.Index(labels).get_indexer(rows["dasar"])
    kept = {"dasar": (code, pd.Index(pd.array(labels, dtype="str")), -1)}
    deadlines = {"_pola_q": 6, "_pola_y": 12}
    pd.testing.assert_frame_equal(view._usual(rows, ["kdunit", "kdsatker"], 4, deadlines, kept),
                                  view._usual(rows, ["kdunit", "kdsatker"], 4, deadlines, {}), check_exact=True)


def test_projected_columns_follow_the_rows_in_order_and_type_whatever_their_index():
    from monev.domain import projection

    text = lambda values: pd.array(values, dtype="str")  # noqa: E731
    current = pd.DataFrame({"kdsatker": text(["1", "2", "3"]), "jenis_belanja": text(["51", "51", "52"]),
                            "pagu": [100, 200, 50], "blokir": [0, 50, 0], "realisasi": [30, 60, 0]}, index=[7, 3, 5])
    plan = pd.DataFrame({"kdsatker": text(["1", "3"]), "jenis_belanja": text(["51", "52"]),
                         **{column: [10, 5] for column in projection.PLAN_MONTHS}})
    got = projection.project(current, 6, pd.DataFrame(), [], plan, ["kdsatker", "jenis_belanja"], ahead=(9, 12))
    assert list(got) == [*current, "dasar", "tahun_riwayat", "share", "batas", "proyeksi", "proyeksi_bawah",
                         "proyeksi_atas", "share_9", "share_12"]
    assert list(got.index) == [0, 1, 2]
    assert got["dasar"].tolist() == [projection.BASIS_RPD, projection.BASIS_NONE, projection.BASIS_RPD]
    assert got["dasar"].dtype == "str" and all(got[c].dtype == np.int64 for c in projection.PROJECTED)
    assert got["proyeksi"].tolist() == [60, 60, 0]  # 30 realized at half the plan; no plan: the realization
    assert got["proyeksi_atas"].tolist() == [60, 150, 0]  # without a basis the band runs to the cap


def test_weighted_by_the_rows_jenis_belanja_codes_is_weighted_by_their_texts():
    from monev.domain import projection

    rng = np.random.default_rng(5)
    n = 200
    rows = pd.DataFrame({"jenis_belanja": pd.array(rng.choice(["51", "52", "57", None], n), dtype="str"),
                         "pagu": rng.integers(-10**15, 10**15, n)})
    targets = {"51": 95.5, "52": 90.13, "53": 80.0}  # 57 and a missing one without a target
    got = projection.weighted(rows, targets, codes.key_codes(rows["jenis_belanja"]))
    pd.testing.assert_frame_equal(got, projection.weighted(rows, targets), check_exact=True)
    assert got["_pagu_bertarget"].eq(0).any() and got["_pagu_x_target"].ne(0).any()


@pytest.mark.parametrize("scope,filters", [(EVERYTHING, Filters()), (Scope(units=("05",)), Filters()),
                                           (Scope(ppks=((b.S1, "02"),)), Filters()),
                                           (EVERYTHING, Filters(jenis_belanja=("52",)))])
@pytest.mark.parametrize("bulan", [3, 7, 12])
@pytest.mark.parametrize("grain_name", ["satker", "ppk"])
def test_catch_up_in_one_frame_is_the_merged_frames(engine, monkeypatch, scope, filters, bulan, grain_name):
    """The figures, needs, patterns, names and projections of the same groups in order put in one
    frame are the frame of their merges (taken where no names are put on by position)."""
    period = Period(b.THANG, bulan)
    got = view.catch_up_from(view.basis(engine, period, scope=scope, filters=filters), grain_name)
    with monkeypatch.context() as patched:
        patched.setattr(view, "_names_at", lambda frame, names: None)
        merged = view.catch_up_from(view.basis(engine, period, scope=scope, filters=filters), grain_name)
    pd.testing.assert_frame_equal(got, merged, check_exact=True)
    assert len(got) and got["proyeksi_capai_target"].notna().any()


def test_rows_without_the_levels_name_codes_give_the_level():
    keys = LEVELS["per_satker"]
    shared = _basis(["A", "A", "B"])
    for key in ("nmunit", "nmsatker"):
        shared.codes.pop(key)
    got = view._projected_per(shared, "per_satker", keys, codes.numbered(shared.rows, keys, shared.codes))
    assert "per_satker" in shared.levels
    expected = _basis(["A", "A", "B"]).level("per_satker")[keys + ["proyeksi", "proyeksi_persen"]]
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
