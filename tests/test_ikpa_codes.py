"""The IKPA months aligned and grouped on integer codes (monev.views.ikpa.months,
ikpa.aggregate_by_codes, ikpa_page's months per unit) give, to the last bit, what the paths they
replaced gave: a pandas merge of every input on (month, satker) and groupbys on the unit texts."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from monev.domain import ikpa
from monev.domain.ikpa_rules import Rules
from monev.domain.period import Period
from monev.views import ikpa as ikpa_view
from monev.views import ikpa_page
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope

import builders as b
import test_ikpa as hand

Y = b.THANG
tiny, dispensasi = hand.tiny, hand.dispensasi  # the hand-worked warehouse, and it with dispensasi reports

SELECTIONS = {"semua": (EVERYTHING, NO_FILTER), "unit_05": (Scope(units=("05",)), NO_FILTER),
              "filter_unit": (EVERYTHING, Filters(units=("01",))),
              "jenis_52": (EVERYTHING, Filters(jenis_belanja=("52",)))}


def _merged(coded, n, aligned, official, dispensation, rule):
    """The alignment months() made before: _scored's merge on the (AS_OF, kdsatker) columns."""
    return ikpa_view._scored(coded, ikpa_view.MONTHLY, aligned, official, dispensation, rule)


def _old_over_months(frame: pd.DataFrame, rules, scope) -> pd.DataFrame:
    """ikpa_page's months per unit as computed before: ikpa.aggregate grouping monthly()'s frame by
    its texts."""
    columns = ["bulan", "kdunit", "nmunit", "pagu", "jumlah_satker", *ikpa_page.SCORE_COLUMNS, "kategori"]
    names = frame.drop_duplicates("kdunit").set_index("kdunit")["nmunit"]
    ministry = ikpa.aggregate(frame, ["bulan"], rules).assign(
        kdunit=ikpa_page.MINISTRY,
        nmunit=ikpa_page.MINISTRY_NAME if scope.everything else ikpa_page.SCOPE_TOTAL_NAME)
    units = ikpa.aggregate(frame, ["bulan", "kdunit"], rules)
    units["nmunit"] = units["kdunit"].map(names)
    result = pd.concat([ministry, units], ignore_index=True).sort_values("bulan", kind="stable")
    return result.reindex(columns=columns).reset_index(drop=True)


def _warehouses(request, which):
    if which == "dispensasi":
        return request.getfixturevalue("dispensasi")[0]
    return request.getfixturevalue(which)


@pytest.mark.parametrize("which", ["shared_warehouse", "tiny", "dispensasi"])
@pytest.mark.parametrize("selection", list(SELECTIONS))
def test_months_aligned_by_codes_are_the_merged_months(request, monkeypatch, which, selection):
    engine = db.engine(_warehouses(request, which))
    scope, filters = SELECTIONS[selection]
    for bulan in (2, 7, 12):
        new = ikpa_view.monthly(engine, Y, bulan, scope=scope, filters=filters)
        with monkeypatch.context() as patch:
            patch.setattr(ikpa_view, "_scored_by_codes", _merged)
            old = ikpa_view.monthly(engine, Y, bulan, scope=scope, filters=filters)
        pd.testing.assert_frame_equal(new, old, check_exact=True)
        if selection == "semua" and bulan == 12:
            assert not new.empty and new["penyerapan"].notna().any()
            if which == "dispensasi":
                assert new["dispensasi_spm"].notna().any() and new["bulan_resmi"].notna().any()


@pytest.mark.parametrize("which", ["shared_warehouse", "tiny", "dispensasi"])
@pytest.mark.parametrize("selection", list(SELECTIONS))
def test_months_per_unit_are_the_aggregate_of_the_named_months(request, which, selection):
    engine = db.engine(_warehouses(request, which))
    scope, filters = SELECTIONS[selection]
    rules = ikpa_view.rules(engine, Y)
    for bulan in (3, 12):
        months = ikpa_view.months(engine, Y, bulan, scope=scope, filters=filters)
        expected = _old_over_months(months.named(), rules, scope)
        pd.testing.assert_frame_equal(ikpa_page._over_months(months, rules, scope), expected, check_exact=True)
        pd.testing.assert_frame_equal(months.as_of(bulan), ikpa_view.as_of(months.named(), bulan), check_exact=True)


def _random_frame(seed: int, largest: int = 10**12) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 3000
    frame = pd.DataFrame({"bulan": rng.integers(1, 13, n), "kdunit": rng.choice(["01", "05", "10", "7A"], n),
                          "pagu": rng.integers(0, largest, n) * (rng.random(n) > 0.05)})
    for i, column in enumerate((*ikpa.INDICATORS, "nilai")):
        values = rng.random(n) * 100
        values[rng.random(n) < (0.3, 0.0, 1.0)[(i + seed) % 3]] = math.nan  # some, none or all missing
        frame[column] = values
    frame.loc[frame["kdunit"] == "10", "pagu"] = 0  # a unit without pagu: the plain mean
    return frame.sort_values(["bulan", "kdunit"], kind="stable").reset_index(drop=True) if seed % 2 else frame


@pytest.mark.parametrize("largest", [10**12, 10**14])
@pytest.mark.parametrize("seed", range(6))
def test_aggregate_by_codes_is_aggregate_to_the_bit(seed, largest):
    """A group whose pagu add up to less than 2^53 takes its weights from running integer sums,
    another from numpy's sum per group and column: either way aggregate()'s bits. With pagu up to
    10^14 some groups per month (and per unit) pass 2^53, those per month and unit do not."""
    frame, rules = _random_frame(seed, largest), Rules(Y)
    if largest > 10**12:
        assert frame.groupby("bulan")["pagu"].sum().max() >= 2**53
        assert frame.groupby(["bulan", "kdunit"])["pagu"].sum().max() < 2**53
    for keys in (["bulan"], ["bulan", "kdunit"], ["kdunit"]):
        expected = ikpa.aggregate(frame, keys, rules)
        labels = pd.MultiIndex.from_frame(frame[keys]) if len(keys) > 1 else pd.Index(frame[keys[0]])
        found = sorted(set(labels))
        code = {key: i for i, key in enumerate(found)}
        group = np.array([code[key] for key in labels])
        listed = [dict(zip(keys, key if isinstance(key, tuple) else (key,))) for key in found]
        got = ikpa.aggregate_by_codes(frame, group, listed, rules)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        assert expected.isna().any().any() and expected[list(ikpa.INDICATORS)].notna().any().sum() >= 4


@pytest.mark.parametrize("bulan", [6, 12])
def test_months_named_are_monthly(tiny, bulan):
    engine = db.engine(tiny)
    months = ikpa_view.months(engine, Y, bulan, scope=EVERYTHING)
    assert list(months.scores.columns) == [c for c in ikpa_view.SATKER_COLUMNS if c not in ikpa_view.NAMES] + ["bulan"]
    pd.testing.assert_frame_equal(months.named(), ikpa_view.monthly(engine, Y, bulan, scope=EVERYTHING),
                                  check_exact=True)


@pytest.mark.parametrize("which", ["shared_warehouse", "dispensasi"])
@pytest.mark.parametrize("selection", list(SELECTIONS))
def test_the_current_scores_are_the_last_month_of_all_months(request, which, selection):
    """current() scores the last month's rows only: the same frame as that month of monthly()."""
    engine = db.engine(_warehouses(request, which))
    scope, filters = SELECTIONS[selection]
    for bulan in (2, 6, 12):
        expected = ikpa_view.as_of(ikpa_view.monthly(engine, Y, bulan, scope=scope, filters=filters), bulan)
        got = ikpa_view.current(engine, Period(Y, bulan), scope=scope, filters=filters)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        assert bulan == 2 or not got.empty


@pytest.mark.parametrize("seed", range(4))
def test_absorption_and_revision_of_rows_are_the_values_as_of_each_month(seed):
    """The months' Penyerapan and Revisi DIPA put on the rows themselves (absorption_of_rows,
    revision_of_rows) are absorption_as_of's and revision_as_of's values aligned by their index."""
    rng = np.random.default_rng(seed)
    quarters = pd.DataFrame([(s, q, rng.random() * 100) for s in range(40) for q in range(1, 5) if rng.random() < 0.6],
                            columns=["kdsatker", "triwulan", "nilai"])
    rows = pd.DataFrame([(m, s) for m in range(1, 13) for s in rng.permutation(50)[:45]],
                        columns=[ikpa.AS_OF, "kdsatker"])
    expected = ikpa.absorption_as_of(quarters, 12).reindex(pd.MultiIndex.from_frame(rows)).to_numpy()
    got = ikpa.absorption_of_rows(quarters, rows[ikpa.AS_OF].to_numpy(), rows["kdsatker"].to_numpy())
    np.testing.assert_array_equal(got, expected)
    assert np.isnan(got).any() and (~np.isnan(got)).sum() > 100
    dates = pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, 80), "D")
    revisions = pd.DataFrame({"kdsatker": rng.integers(0, 50, 80), "no_revisi": rng.integers(1, 4, 80),
                              "tgl_revisi": dates, "kode_jenis": rng.choice(["201", "211", "999"], 80)})
    rules = Rules(Y, revision_max=int(seed % 2))
    np.testing.assert_array_equal(ikpa.revision_of_rows(revisions, rows, rules),
                                  ikpa.revision_as_of(revisions, rows, rules).to_numpy())
    assert len(set(ikpa.revision_of_rows(revisions, rows, rules))) > 1


# ---------------------------------------------------------------- session 8 (ikpa3): the months' inputs by integer code

# queries/ikpa_penyerapan.sql before schema 13: the summary aggregate grouped on each visit
PENYERAPAN_FROM_SUMMARY = """
select a.kdsatker, (a.bulan // 3)::integer as triwulan, a.jenis_belanja,
       sum(a.pagu)::bigint as pagu, sum(a.blokir)::bigint as blokir,
       sum(a.realisasi_kumulatif)::bigint as realisasi
from agg_ringkasan_bulanan a
where a.thang = :tahun and a.bulan in (3, 6, 9, 12) and a.bulan <= month(CAST(:sampai AS DATE))
  and (a.ada_pagu or a.ada_realisasi)
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and a.kdsatker in (select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                          :f_satker, :f_kewenangan, :f_lokasi))
  and satker_utuh(:scope_ppk)
group by all
order by a.kdsatker, triwulan, a.jenis_belanja"""
# queries/ikpa_bulanan.sql before session 8: the stored Capaian Output inputs joined to the rows
BULANAN_JOINED = """
select a.bulan_sd::integer as bulan_sd, a.kdsatker, coalesce(c.jumlah_ro, 0)::integer as jumlah_ro,
       c.log_rasio, coalesce(c.ada_nol, false) as ada_nol
from agg_ikpa_bulanan a
left join agg_ikpa_capaian c on c.thang = a.thang and c.bulan_sd = a.bulan_sd and c.kdsatker = a.kdsatker
where a.thang = :tahun and a.bulan_sd <= month(CAST(:sampai AS DATE))
  and a.kdsatker in (select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                          :f_satker, :f_kewenangan, :f_lokasi))
  and satker_utuh(:scope_ppk)"""
CODE_SELECTIONS = {**SELECTIONS, "ppk": (Scope(ppks=((b.S1, "01"),)), NO_FILTER),
                   "unit_05_jenis_57": (Scope(units=("05",)), Filters(jenis_belanja=("57",)))}


def _run_text(monkeypatch, engine, sql: str, scope, filters, bulan: int) -> pd.DataFrame:
    """An SQL text run as queries/ are (the scope and filters bound by monev.warehouse.query)."""
    from monev.warehouse import query
    known = query.sql_text
    monkeypatch.setattr(query, "sql_text", lambda name: sql if name == "_uji" else known(name))
    return query.run(engine, "_uji", scope=scope, filters=filters, tahun=Y, sampai=Period(Y, bulan).sampai)


@pytest.mark.parametrize("bulan", [2, 3, 7, 12])
@pytest.mark.parametrize("selection", list(CODE_SELECTIONS))
def test_penyerapan_kept_at_load_time_are_the_summary_grouped(shared_warehouse, monkeypatch, selection, bulan):
    from monev.warehouse import query
    engine = db.engine(shared_warehouse)
    scope, filters = CODE_SELECTIONS[selection]
    expected = _run_text(monkeypatch, engine, PENYERAPAN_FROM_SUMMARY, scope, filters, bulan)
    params = dict(scope=scope, filters=filters, tahun=Y, sampai=Period(Y, bulan).sampai)
    coded = query.run(engine, "ikpa_penyerapan_kode", **params)
    pd.testing.assert_frame_equal(coded.drop(columns="kode"), expected.drop(columns="kdsatker"), check_exact=True)
    assert coded["kode"].tolist() == [int(k) for k in expected["kdsatker"]]  # the same rows in the same order
    assert (bulan >= 3 and not scope.ppks) == (not expected.empty), selection


@pytest.mark.parametrize("which", ["shared_warehouse", "tiny", "dispensasi"])
@pytest.mark.parametrize("selection", [s for s in CODE_SELECTIONS if "jenis" not in s])
def test_capaian_inputs_read_apart_are_the_joined_ones(request, monkeypatch, which, selection):
    from monev.warehouse import query
    engine = db.engine(_warehouses(request, which))
    scope, filters = CODE_SELECTIONS[selection]
    joined = _run_text(monkeypatch, engine, BULANAN_JOINED, scope, filters, 12)
    params = dict(scope=scope, filters=filters, tahun=Y, sampai=Period(Y, 12).sampai)
    rows = query.run(engine, "ikpa_bulanan", **params)
    names = query.run(engine, "ikpa_satker", **params)
    satkers = ikpa_view._SatkerCodes(names["kode"].to_numpy())
    month, code = rows[ikpa.AS_OF].to_numpy().astype("int64"), satkers.code(rows["kode"].to_numpy())
    got = ikpa_view._on_rows(query.run(engine, "ikpa_capaian_tersimpan", **params), month, code, satkers)
    got = got.assign(bulan_sd=rows[ikpa.AS_OF].to_numpy(), kode=rows["kode"].to_numpy())
    expected = joined.assign(kode=joined["kdsatker"].astype("int64")).drop(columns="kdsatker")
    keys = ["bulan_sd", "kode"]
    got, expected = (f.sort_values(keys).reset_index(drop=True)[[*keys, "jumlah_ro", "log_rasio", "ada_nol"]]
                     for f in (got, expected))
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_exact=True)
    pd.testing.assert_frame_equal(ikpa.output_achievement_stored(got), ikpa.output_achievement_stored(expected),
                                  check_exact=True)
    assert (selection == "ppk") == got.empty and (got.empty or (got["jumlah_ro"] > 0).any())


@pytest.mark.parametrize("seed", range(5))
def test_band_texts_are_the_bands_of_each_value(seed):
    rng = np.random.default_rng(seed)
    nilai = rng.uniform(0, 110, 500)
    nilai[rng.random(500) < 0.2] = math.nan
    nilai[:4] = [95.0, 89.0, 70.0, 69.999]  # the bounds themselves
    nilai = {3: nilai[:0], 4: np.full(7, math.nan)}.get(seed, nilai)  # no rows; no band (pandas keeps objects)
    bands = Rules(Y).bands
    by_object = pd.DataFrame({"nilai": nilai}).assign(kategori=ikpa.bands_of(nilai, bands))
    by_arrow = pd.DataFrame({"nilai": nilai}).assign(kategori=ikpa._band_texts(nilai, bands))
    pd.testing.assert_frame_equal(by_arrow, by_object, check_exact=True)
    assert by_arrow["kategori"].isna().sum() == np.isnan(nilai).sum()
    assert (by_arrow["kategori"].dtype == object) == (seed >= 3)


def test_satker_codes_from_numbers_and_from_texts_agree():
    texts = pd.Series(["050456", "001001", "050123", "999999"])
    from_texts, from_numbers = ikpa_view._SatkerCodes(texts), ikpa_view._SatkerCodes(texts.astype("int64").to_numpy())
    assert from_texts.values.tolist() == from_numbers.values.tolist() == [1001, 50123, 50456, 999999]
    probe = pd.Series(["001001", "050456", "123456"])
    assert from_texts.code(probe).tolist() == from_numbers.code(probe.astype("int64").to_numpy()).tolist() == [0, 2, -1]
    assert ikpa_view._SatkerCodes(pd.Series([], dtype="str")).code(pd.Series([], dtype="str")).tolist() == []


@pytest.mark.parametrize("seed", range(6))
def test_ranking_is_the_sort_by_nilai_then_code(seed):
    rng = np.random.default_rng(seed)
    n = 2000
    nilai = rng.choice([0.0, 50.0, 95.5, math.nan, 100.0], n) if seed % 2 else rng.uniform(0, 100, n)
    nilai[rng.random(n) < 0.3 * (seed % 3 == 0)] = math.nan  # ties, missing values, or neither
    scored = pd.DataFrame({"kdsatker": pd.Series([f"{x:06d}" for x in rng.choice(10**6, n, replace=False)],
                                                 dtype="str"), "nilai": nilai, "baris": np.arange(n)})
    before = scored.sort_values(["nilai", "kdsatker"], ascending=[False, True], na_position="last",
                                kind="stable").reset_index(drop=True)
    ranked = ikpa_page._ranked(scored, pd.DataFrame({"bulan": [1], "kdunit": [""], "nmunit": [""]}))["satker"]
    pd.testing.assert_frame_equal(ranked.drop(columns="peringkat"), before, check_exact=True)
    assert ranked["peringkat"].tolist() == list(range(1, n + 1))
