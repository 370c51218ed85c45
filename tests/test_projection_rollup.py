"""The projection's rollups grouped by integer key codes (projection.rollup_weighted) equal the
text groupby they replace, to the bit: on the sample warehouse at every level, scope and a few
months, and on hand-made rows with missing keys, unsorted codes and sums whose order matters."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev.domain import codes as codes_
from monev.domain import projection
from monev.domain.period import Period
from monev.views import projection as view
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b

SUMS = projection.PROJECTED + ["_pagu_bertarget", "_pagu_x_target"]


def _reference(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """rollup_weighted as it was: pandas groupby on the key texts."""
    if keys:
        grouped = frame.groupby(keys, as_index=False, sort=True)[SUMS].sum()
    else:
        grouped = pd.DataFrame({c: [frame[c].sum()] for c in SUMS})
    for column in projection.PROJECTED:
        grouped[column] = grouped[column].astype("int64")
    for column, name in (("realisasi", "persen"), ("proyeksi", "proyeksi_persen"),
                         ("proyeksi_bawah", "proyeksi_bawah_persen"), ("proyeksi_atas", "proyeksi_atas_persen")):
        grouped[name] = projection.summary.percent(grouped[column], grouped["pagu"])
    weight = grouped["_pagu_bertarget"]
    grouped["target_persen"] = (grouped["_pagu_x_target"] / weight).where(weight > 0)
    return grouped.drop(columns=["_pagu_bertarget", "_pagu_x_target"])


def _same(frame: pd.DataFrame, keys: list[str], codes: dict | None = None) -> None:
    pd.testing.assert_frame_equal(projection.rollup_weighted(frame, keys, codes), _reference(frame, keys),
                                  check_exact=True)


@pytest.mark.parametrize("scope", [EVERYTHING, Scope(units=("05",)), Scope(satkers=(b.S1, b.S3)),
                                   Scope(ppks=((b.S1, "02"),))])
@pytest.mark.parametrize("bulan", [1, 6, 9, 12])
def test_every_level_of_the_sample_equals_the_text_groupby(engine, scope, bulan):
    for filters in (Filters(), Filters(jenis_belanja=("51",))):
        shared = view.basis(engine, Period(b.THANG, bulan), scope=scope, filters=filters)
        if shared.rows.empty:
            continue
        for name, keys in view.ROLLUPS.items():
            pd.testing.assert_frame_equal(shared.level(name), _reference(shared.weighted, keys), check_exact=True)
        assert set(shared.codes) == {"kdunit", "nmunit", "jenis_belanja", "kdsatker", "nmsatker", "kdppk", "dasar"}
        alone = view.projections(engine, Period(b.THANG, bulan), scope=scope, filters=filters)
        weighted = projection.weighted(alone["baris"], shared.year_end)
        for name, keys in view.ROLLUPS.items():
            pd.testing.assert_frame_equal(alone[name], _reference(weighted, keys), check_exact=True)


def _rows(keys: dict[str, list], rng: np.random.Generator) -> pd.DataFrame:
    n = len(next(iter(keys.values())))
    money = {c: rng.integers(-10**12, 10**15, n) for c in projection.PROJECTED}
    frame = pd.DataFrame({**{k: pd.array(v, dtype="string[pyarrow]") for k, v in keys.items()}, **money})
    # float sums of very different sizes: the result depends on each group's summing order
    frame["_pagu_bertarget"] = rng.choice([0.1, 1e17, -1e17, 3.3, 0.0], n)
    frame["_pagu_x_target"] = frame["_pagu_bertarget"] * rng.random(n)
    return frame


def test_missing_keys_are_dropped_and_groups_ordered_by_text_not_by_first_seen():
    rng = np.random.default_rng(7)
    keys = {"kdunit": ["09", "01", None, "01", "09", "10", "01", "09"],
            "nmunit": ["B", "A", "A", None, "B", "C", "A", "B "],
            "kdppk": ["2", "10", "1", "1", None, "1", "10", "2"]}
    frame = _rows(keys, rng)
    codes: dict = {}
    for level in (["kdunit", "nmunit"], ["kdunit", "nmunit", "kdppk"], ["kdppk"], ["nmunit", "kdunit"], []):
        _same(frame, level, codes)  # one codes dict for the frame, as Basis keeps it


def test_random_rows_with_shared_codes_equal_the_text_groupby():
    rng = np.random.default_rng(13)
    n = 3000
    pick = lambda values: [values[i] if i < len(values) else None for i in rng.integers(0, len(values) + 1, n)]  # noqa: E731
    frame = _rows({"kdunit": pick(["05", "01", "12", "1", ""]), "nmunit": pick(["Ditjen X", "ditjen x", "É"]),
                   "kdsatker": pick([f"{i:06d}" for i in range(300, 0, -7)]), "kdppk": pick(["01", "02", "1"])}, rng)
    codes: dict = {}
    for level in (["kdunit", "nmunit"], ["kdunit", "nmunit", "kdsatker"], ["kdunit", "nmunit", "kdsatker", "kdppk"]):
        _same(frame, level, codes)


def test_no_rows_gives_no_groups():
    frame = _rows({"kdunit": ["01"], "nmunit": ["A"]}, np.random.default_rng(1)).iloc[:0]
    _same(frame, ["kdunit", "nmunit"])


@pytest.mark.parametrize("dropna", [True, False])
def test_grouped_sums_equal_the_groupby_with_missing_keys_kept_last_or_dropped(dropna):
    rng = np.random.default_rng(29)
    n = 2000
    pick = lambda values: [values[i] if i < len(values) else None for i in rng.integers(0, len(values) + 1, n)]  # noqa: E731
    frame = _rows({"kdunit": pick(["05", "01", "12"]), "kdsatker": pick(["400", "0399", "401", "40"]),
                   "kdppk": pick(["01", "02"]), "jenis_belanja": pick(["53", "51", "52"])}, rng)
    codes: dict = {}
    for keys in (["kdunit", "kdsatker", "jenis_belanja"], ["kdunit", "kdsatker", "kdppk", "jenis_belanja"],
                 ["jenis_belanja"]):
        expected = frame.groupby(keys, as_index=False, sort=True, dropna=dropna)[SUMS].sum()
        for grouped in (codes_.grouped_sums, codes_.grouped_totals):
            pd.testing.assert_frame_equal(grouped(frame, keys, SUMS, codes, dropna), expected, check_exact=True)



def _current_reference(grain: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """views.projection._current as it was: a text groupby of the grain."""
    frame = grain.assign(nmunit=grain["nmunit"].fillna(""))
    return frame.groupby(keys, as_index=False)[["pagu", "blokir", "realisasi"]].sum()


PER_JENIS = (["kdunit", "kdsatker"], ["kdunit", "kdsatker", "kdppk"])


@pytest.mark.parametrize("scope", [EVERYTHING, Scope(units=("05",)), Scope(ppks=((b.S1, "02"),))])
@pytest.mark.parametrize("bulan", [3, 12])
def test_the_basis_groups_the_grain_as_the_text_groupbys_did(engine, scope, bulan):
    shared = view.basis(engine, Period(b.THANG, bulan), scope=scope)
    if shared.grain.empty:
        return
    keys = view.GRAIN + ["nmsatker", "kdppk"]
    pd.testing.assert_frame_equal(view._current(shared.grain, keys, {}), _current_reference(shared.grain, keys),
                                  check_exact=True)
    for group in PER_JENIS:
        expected = shared.grain.groupby([*group, "jenis_belanja"], as_index=False, dropna=False)[
            ["pagu", "realisasi"]].sum()
        pd.testing.assert_frame_equal(shared.per_jenis(group), expected, check_exact=True)
    assert {"kdunit", "kdsatker", "kdppk", "jenis_belanja", "nmsatker"} <= set(shared.grain_codes)


def test_a_grain_with_missing_names_and_keys_groups_as_the_text_groupbys_did():
    # a unit without a name (its dim_unit row missing: nmunit NULL, filled '' by _current but a
    # group of its own, last, in per_jenis), repeated keys summed, a missing PPK dropped by _current
    text = lambda values: pd.array(values, dtype="str")  # noqa: E731
    grain = pd.DataFrame({"kdunit": text(["05", "01", "05", "05", "01", "01"]),
                          "nmunit": text([None, "Unit A", None, "Unit B", "Unit A", "Unit A"]),
                          "kdsatker": text(["3", "2", "3", "3", "10", "2"]),
                          "nmsatker": text(["S3", "S2", "S3", "S3", "S10", "S2"]),
                          "kdppk": text(["01", "02", "01", None, "01", "02"]),
                          "jenis_belanja": text(["52", "51", "52", "53", "51", "51"]),
                          "pagu": [5, 7, 2**62, 11, 13, 17], "blokir": [0, 1, 2, 3, 4, 5],
                          "realisasi": [1, 2, 3, 4, 5, -6]})
    keys = view.GRAIN + ["nmsatker", "kdppk"]
    codes: dict = {}
    pd.testing.assert_frame_equal(view._current(grain, keys, codes), _current_reference(grain, keys), check_exact=True)
    assert "nmunit" not in codes  # the filled names' codes are not the grain's
    shared = view.Basis(Period(b.THANG, 6), grain, pd.DataFrame(), pd.DataFrame(), {}, grain_codes=codes)
    for group in PER_JENIS:  # a group missing its PPK kept, last
        expected = grain.groupby([*group, "jenis_belanja"], as_index=False, dropna=False)[["pagu", "realisasi"]].sum()
        pd.testing.assert_frame_equal(shared.per_jenis(group), expected, check_exact=True)
